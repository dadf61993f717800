using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// Reading straight into the columnar purchase and touchpoint tables (<see cref="Tables.ReadPurchaseTable(string, TableReadOptions?)"/>,
/// <see cref="Tables.ReadTouchpointTable(string, TableReadOptions?)"/>) gives what the record path gives: the same rows in
/// the same order, the same report and the same rejections.
/// </summary>
public sealed class EventTableReadingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadPurchaseTable_FileWithRejectedRows_EqualsTheRecordPath()
    {
        // 10,000 rows (past the table's 8,192-row chunks) with a negative amount on line 4 and a bad instant on line 9;
        // amounts with 0, 1 and 2 decimal places, so that their text shows whether the scale was kept.
        var text = new System.Text.StringBuilder("customer_id,occurred_at,amount,currency\n");
        for (int k = 0; k < 10_000; k++)
        {
            string amount = k == 2 ? "-3.00" : (k % 3) switch { 0 => $"{k % 50}", 1 => $"{k % 50}.5", _ => $"{k % 50}.25" };
            string at = k == 7 ? "yesterday" : $"2025-03-{1 + k % 28:00}T{k % 24:00}:15:00Z";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c-{k % 1_301},{at},{amount},EUR\n");
        }
        string path = _dir.WriteText("purchases.csv", text.ToString());

        var (records, recordReport) = Tables.ReadAllPurchases(path, Samples.Collect);
        var (table, report) = Tables.ReadPurchaseTable(path, Samples.Collect);

        table.Count.Should().Be(records.Count).And.Be(9_998);
        table.ToPurchases().Select(p => p.ToString()).Should().Equal(records.Select(p => p.ToString()));
        table.ToPurchases().Select(p => p.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(records.Select(p => p.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((recordReport.RowsRead, recordReport.RowsAccepted, recordReport.RowsRejected));
        (report.RowsRead, report.RowsRejected).Should().Be((10_000L, 2L));
        report.Errors.Select(e => e.ToString()).Should().Equal(recordReport.Errors.Select(e => e.ToString()));
        report.Errors.Select(e => e.Line).Should().Equal(4L, 9L);
    }

    [Fact]
    public void ReadPurchaseTable_TwoCurrencies_IsACurrencyMismatch()
    {
        string path = _dir.WriteText("purchases.csv", "customer_id,occurred_at,amount,currency\nc1,2025-03-01T08:00:00Z,1.00,EUR\nc2,2025-03-01T09:00:00Z,2.00,USD\n");

        var act = () => Tables.ReadPurchaseTable(path);

        act.Should().Throw<CurrencyMismatchException>().WithMessage("*EUR*USD*");
    }

    [Fact]
    public void ReadTouchpointTable_FileWithRejectedRows_EqualsTheRecordPath()
    {
        // 10,000 rows with a blank channel on line 4 and a bad instant on line 9.
        var text = new System.Text.StringBuilder("customer_id,occurred_at,channel\n");
        for (int k = 0; k < 10_000; k++)
        {
            string channel = k == 2 ? " " : $"campaign {k % 17}";
            string at = k == 7 ? "yesterday" : $"2025-03-{1 + k % 28:00}T{k % 24:00}:15:00Z";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c-{k % 1_301},{at},{channel}\n");
        }
        string path = _dir.WriteText("touchpoints.csv", text.ToString());

        var (records, recordReport) = Tables.ReadAllTouchpoints(path, Samples.Collect);
        var (table, report) = Tables.ReadTouchpointTable(path, Samples.Collect);

        table.Count.Should().Be(records.Count).And.Be(9_998);
        table.ToTouchpoints().Select(t => t.ToString()).Should().Equal(records.Select(t => t.ToString()));
        table.Channels.Should().HaveCount(17);
        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((recordReport.RowsRead, recordReport.RowsAccepted, recordReport.RowsRejected));
        report.Errors.Select(e => e.ToString()).Should().Equal(recordReport.Errors.Select(e => e.ToString()));
        report.Errors.Select(e => e.Line).Should().Equal(4L, 9L);
    }
}
