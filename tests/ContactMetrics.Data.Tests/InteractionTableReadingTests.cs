using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// Reading straight into the columnar table (<see cref="Tables.ReadInteractionTable(string, TableReadOptions?, IEnumerable{Customer}?)"/>)
/// gives what the record path gives: the same rows in the same order, the same report and the same rejections.
/// </summary>
public sealed class InteractionTableReadingTests : IDisposable
{
    private const string Header = "interaction_id,customer_id,agent_id,channel,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,resolved,csat";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 20,000 rows (past the 8,192-row chunks and the 64 KiB id chunks, ids of 8-300 characters), with a rejected row, a
    /// blank line and a quoted line break early on, and ids repeated near the end, so that the first rows' lines must be
    /// worked out past every jump.
    /// </summary>
    private string WriteExport()
    {
        var text = new StringBuilder(Header).Append('\n');
        var t0 = Instant.FromUtc(2025, 3, 1, 8, 0);
        for (int k = 0; k < 20_000; k++)
        {
            if (k == 5)
            {
                text.Append("bad-1,c-1,,fax,q,billing,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\n\n");
            }
            string id = k % 97 == 0 ? $"long-{new string('x', k % 300)}-{k}" : $"i-{k}";
            string reason = k == 7 ? "\"two\nlines\"" : k % 3 == 0 ? "billing" : "outage";
            var arrived = t0 + Duration.FromMinutes(k * 7);
            string answered = k % 5 == 0 ? "" : Text(arrived + Duration.FromSeconds(k % 60));
            string talk = answered.Length == 0 ? "0" : (k % 400).ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{id},c-{k % 1_301},{(k % 4 == 0 ? "" : $"a-{k % 13}")},{(k % 2 == 0 ? "phone" : "chat")},q-{k % 3},{reason},{Text(arrived)},{answered},{Text(arrived + Duration.FromMinutes(9))},{talk},{(k % 3 == 0 ? "true" : "")},{(k % 11 == 0 ? "4" : "")}\n");
        }
        // Repeats of the second row, of one after the rejected row and blank line, and of one after the quoted line break.
        text.Append("i-1,c-1,,phone,q,billing,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\n");
        text.Append("i-6,c-1,,phone,q,billing,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\n");
        text.Append("i-19999,c-1,,phone,q,billing,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\n");
        return _dir.WriteText("interactions.csv", text.ToString());
    }

    private static string Text(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ReadInteractionTable_LargeExportWithJumps_EqualsTheRecordPath()
    {
        string path = WriteExport();

        var (records, recordReport) = Tables.ReadAllInteractions(path, Samples.Collect);
        var (table, report) = Tables.ReadInteractionTable(path, Samples.Collect);

        table.Count.Should().Be(records.Count).And.Be(20_000);
        Enumerable.Range(0, table.Count).Select(table.InteractionIdOf).Should().Equal(records.Select(r => r.Id));
        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((recordReport.RowsRead, recordReport.RowsAccepted, recordReport.RowsRejected));
        report.Errors.Select(e => e.ToString()).Should().Equal(recordReport.Errors.Select(e => e.ToString()));
        // The record path's lines, written out: i-0 is on line 2; i-6 after the rejected row and the blank line on line 10;
        // i-19999 after the quoted line break (one more line) on line 20,004.
        report.Errors[0].Should().BeEquivalentTo(new { Line = 7L, ColumnName = "channel", Value = "fax" });
        report.Errors.Skip(1).Select(e => e.Reason).Should().Equal(
            "repeats the interaction_id of line 3; each may appear once, or it would be counted twice",
            "repeats the interaction_id of line 10; each may appear once, or it would be counted twice",
            "repeats the interaction_id of line 20004; each may appear once, or it would be counted twice");
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        foreach (var grouping in new[] { new KpiGrouping(KpiDimensions.Channel | KpiDimensions.Agent | KpiDimensions.Reason, TimeBucket.Day, zone), new KpiGrouping(KpiDimensions.Queue) })
        {
            KpiRollup.Compute(table, grouping).Should().BeEquivalentTo(KpiRollup.Compute(InteractionTable.Create(records), grouping), o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void ReadInteractionTable_RepeatedIdFailFast_ThrowsAsTheRecordPath()
    {
        string path = _dir.WriteText("i.csv", $"{Header}\ni-1,c-1,,phone,q,r,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\ni-2,c-1,,phone,q,r,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\ni-1,c-2,,chat,q,r,2025-03-01T08:00:00Z,,2025-03-01T08:01:00Z,0,,\n");

        var expected = FluentActions.Invoking(() => Tables.ReadAllInteractions(path)).Should().Throw<TableFormatException>().Which.Message;
        FluentActions.Invoking(() => Tables.ReadInteractionTable(path)).Should().Throw<TableFormatException>()
            .Which.Message.Should().Be(expected).And.Contain("line 4, column 1").And.Contain("repeats the interaction_id of line 2;");
    }

    [Fact]
    public void ReadInteractionTable_Glob_RepeatAcrossPartsNamesTheFirstFileAndLine()
    {
        string first = _dir.WriteText("a-1.csv", "interaction_id,channel,arrived_at,ended_at\n\ni-1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");
        _dir.WriteText("a-2.csv", "interaction_id,channel,arrived_at,ended_at\ni-2,chat,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\ni-1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");

        var (table, report) = Tables.ReadInteractionTable(_dir.File("a-*.csv"), Samples.Collect);

        table.Count.Should().Be(2);
        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((3, 2, 1));
        // i-1 is on line 3 of the first file (a blank line before it); the repeat on line 3 of the second.
        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Line = 3L,
            Reason = $"repeats the interaction_id of line 3 of {first}; each may appear once, or it would be counted twice",
        });
    }

    [Fact]
    public void ReadInteractionTable_WithCustomers_GroupsBySegmentAsTheRecordPath()
    {
        string path = WriteExport();
        var customers = Enumerable.Range(0, 1_301).Select(c => new Customer(new CustomerId($"c-{c}"), new LocalDate(2024, 1, 1), null, c % 2 == 0 ? "smb" : "consumer")).ToList();

        var (table, _) = Tables.ReadInteractionTable(path, Samples.Collect, customers);
        var (records, _) = Tables.ReadAllInteractions(path, Samples.Collect);

        var bySegment = new KpiGrouping(KpiDimensions.Segment);
        KpiRollup.Compute(table, bySegment).Should().BeEquivalentTo(KpiRollup.Compute(InteractionTable.Create(records, customers), bySegment), o => o.WithStrictOrdering());
        table.Segments.Should().Equal("smb", "consumer");
    }
}
