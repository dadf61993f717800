using System.Data;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// Tables from an ADO.NET data reader (here a <see cref="DataTable"/>'s, which any provider's reader behaves like):
/// the provider's typed values give the same records as the CSV and Parquet files of <see cref="Samples"/>, and a bad
/// value is a rejected row with its row number and column, as in a file.
/// </summary>
public sealed class DataReaderTests
{
    private static DataTable InteractionsTable(IEnumerable<Interaction> rows)
    {
        // The types a database gives: timestamptz as DateTimeOffset, an interval as TimeSpan, numeric as decimal,
        // double precision, integer, smallint and boolean.
        var table = new DataTable();
        table.Columns.Add("interaction_id", typeof(string));
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("channel", typeof(string));
        table.Columns.Add("direction", typeof(string));
        table.Columns.Add("agent_id", typeof(string));
        table.Columns.Add("queue", typeof(string));
        table.Columns.Add("reason", typeof(string));
        table.Columns.Add("arrived_at", typeof(DateTimeOffset));
        table.Columns.Add("answered_at", typeof(DateTimeOffset));
        table.Columns.Add("ended_at", typeof(DateTimeOffset));
        table.Columns.Add("talk_seconds", typeof(TimeSpan));
        table.Columns.Add("hold_seconds", typeof(decimal));
        table.Columns.Add("acw_seconds", typeof(double));
        table.Columns.Add("resolved", typeof(bool));
        table.Columns.Add("transfers", typeof(int));
        table.Columns.Add("csat", typeof(short));
        table.Columns.Add("nps", typeof(long));
        table.Columns.Add("ces", typeof(int));
        table.Columns.Add("recommended", typeof(bool));
        foreach (var i in rows)
        {
            table.Rows.Add(i.Id.Value, (object?)i.CustomerId?.Value ?? DBNull.Value, ChannelName(i.Channel),
                i.Direction == Direction.Inbound ? "inbound" : "outbound", (object?)i.AgentId?.Value ?? DBNull.Value,
                (object?)i.Queue ?? DBNull.Value, (object?)i.Reason ?? DBNull.Value,
                i.ArrivedAt.ToDateTimeOffset(), (object?)i.AnsweredAt?.ToDateTimeOffset() ?? DBNull.Value, i.EndedAt.ToDateTimeOffset(),
                i.Talk.ToTimeSpan(), (decimal)i.Hold.TotalSeconds, i.AfterCallWork.TotalSeconds,
                (object?)i.Resolved ?? DBNull.Value, i.Transfers,
                (object?)(short?)i.Survey?.Csat ?? DBNull.Value, (object?)(long?)i.Survey?.Nps ?? DBNull.Value,
                (object?)i.Survey?.Ces ?? DBNull.Value, (object?)i.Survey?.Recommended ?? DBNull.Value);
        }
        return table;
    }

    private static string ChannelName(Channel channel) => channel == Channel.SelfService ? "self_service" : channel.ToString().ToLowerInvariant();

    [Fact]
    public void Interactions_FromTypedColumns_AreTheRecordsTheFilesHold()
    {
        var rows = Samples.Interactions();
        using var reader = InteractionsTable(rows).CreateDataReader();

        using var table = Tables.OpenInteractions(reader, "select * from interactions");
        var read = table.ToList();

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        table.Report.IsValid.Should().BeTrue(table.Report.ToString());
        table.Report.RowsAccepted.Should().Be(rows.Count);
        table.Report.Format.Should().Be(TableFormat.DataReader);
        // DateTimeOffset columns carry their offset: no note about timestamps read as UTC.
        table.Report.Notes.Should().BeEmpty();
    }

    [Fact]
    public void Customers_FromDateOnlyAndDateTimeColumns_AreTheRecordsTheFilesHold()
    {
        var rows = Samples.Customers();
        var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("acquired_on", typeof(DateOnly));
        table.Columns.Add("churned_on", typeof(DateTime)); // a date column some providers give as DateTime at midnight
        table.Columns.Add("segment", typeof(string));
        foreach (var c in rows)
        {
            table.Rows.Add(c.Id.Value, c.AcquiredOn.ToDateOnly(), (object?)c.ChurnedOn?.ToDateTimeUnspecified() ?? DBNull.Value, (object?)c.Segment ?? DBNull.Value);
        }

        var (read, report) = ReadAll(Tables.OpenCustomers(table.CreateDataReader(), "customers"));

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        report.RowsRead.Should().Be(3);
    }

    [Fact]
    public void Purchases_FromTextAndNumbers_AreTheRecordsTheFilesHold()
    {
        // Text cells are parsed as in a CSV file: an instant as ISO-8601 text, the amount as a double.
        var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("occurred_at", typeof(string));
        table.Columns.Add("amount", typeof(double));
        table.Columns.Add("currency", typeof(string));
        table.Rows.Add("c-1", "2025-03-01T10:15:00+01:00", 12.5, "EUR");

        var (read, _) = ReadAll(Tables.OpenPurchases(table.CreateDataReader(), "purchases"));

        read.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new Purchase(new CustomerId("c-1"), Samples.T0, new Money(12.5m, Currency.Eur)));
    }

    [Fact]
    public void NaiveDateTime_IsReadAsUtc_WithANote()
    {
        var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("occurred_at", typeof(DateTime));
        table.Columns.Add("channel", typeof(string));
        table.Rows.Add("c-1", new DateTime(2025, 3, 1, 9, 15, 0, DateTimeKind.Unspecified), "email");

        var (read, report) = ReadAll(Tables.OpenTouchpoints(table.CreateDataReader(), "touchpoints"));

        // 09:15 without a kind is 09:15 UTC (Samples.T0), and the report says so.
        read.Should().ContainSingle().Which.OccurredAt.Should().Be(Samples.T0);
        report.Notes.Should().ContainSingle().Which.Should().Contain("'occurred_at'").And.Contain("read as UTC");
    }

    [Fact]
    public void NaiveDateTime_WithAnInputTimeZone_IsReadInThatZone()
    {
        var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("occurred_at", typeof(DateTime));
        table.Columns.Add("channel", typeof(string));
        table.Rows.Add("c-1", new DateTime(2025, 3, 1, 9, 15, 0, DateTimeKind.Unspecified), "email");
        table.Rows.Add("c-1", new DateTime(2025, 10, 26, 2, 30, 0, DateTimeKind.Unspecified), "email");

        var (read, report) = ReadAll(Tables.OpenTouchpoints(table.CreateDataReader(), "touchpoints",
            new TableReadOptions { InputTimeZone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"] }));

        // Amsterdam: 09:15 on 1 March is CET (UTC+1) -> 08:15Z; 02:30 on 26 October is the repeated hour, read as its
        // earlier instant (CEST, UTC+2) -> 00:30Z.
        read.Select(t => t.OccurredAt).Should().Equal(Instant.FromUtc(2025, 3, 1, 8, 15), Instant.FromUtc(2025, 10, 26, 0, 30));
        report.Notes.Should().HaveCount(2).And.Contain(n => n.Contains("read as Europe/Amsterdam local times", StringComparison.Ordinal));
    }

    [Fact]
    public void BadValues_AreRejectedRowsWithRowNumberAndColumn_AndRowsReadAddUp()
    {
        var table = InteractionsTable(Samples.Interactions());
        // Row 2: a required instant missing; row 3: a CSAT of 9 (1-5); row 4: a flag of 2.
        table.Rows[1]["arrived_at"] = DBNull.Value;
        table.Rows[2]["csat"] = (short)9;
        var flags = new DataTable();
        flags.Columns.Add("interaction_id", typeof(string));
        flags.Columns.Add("channel", typeof(string));
        flags.Columns.Add("arrived_at", typeof(DateTimeOffset));
        flags.Columns.Add("ended_at", typeof(DateTimeOffset));
        flags.Columns.Add("resolved", typeof(int));
        flags.Rows.Add("i-9", "phone", Samples.T0.ToDateTimeOffset(), Samples.T0.ToDateTimeOffset(), 2);

        var (read, report) = ReadAll(Tables.OpenInteractions(table.CreateDataReader(), "interactions", Samples.Collect));
        var (_, flagReport) = ReadAll(Tables.OpenInteractions(flags.CreateDataReader(), "flags", Samples.Collect));

        read.Select(i => i.Id.Value).Should().Equal("i-1", "i-4");
        report.RowsRead.Should().Be(report.RowsAccepted + report.RowsRejected).And.Be(4);
        report.Errors.Select(e => (e.Line, e.ColumnName)).Should().Equal((2L, "arrived_at"), (3L, "csat"));
        report.Errors[0].ToString().Should().Contain("interactions").And.Contain("row 2");
        flagReport.Errors.Should().ContainSingle().Which.Reason.Should().Contain("expected a boolean");
    }

    [Fact]
    public void MissingRequiredColumn_IsAFormatErrorNamingIt()
    {
        var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));

        var act = () => Tables.OpenCustomers(table.CreateDataReader(), "customers");

        act.Should().Throw<TableFormatException>().Which.Message.Should().Contain("acquired_on");
    }

    private static (List<T> Rows, ValidationReport Report) ReadAll<T>(TableReader<T> reader)
    {
        using (reader)
        {
            return (reader.ToList(), reader.Report);
        }
    }
}
