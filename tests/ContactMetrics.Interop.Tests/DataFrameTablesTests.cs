using System.Globalization;
using Apache.Arrow;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using Microsoft.Data.Analysis;
using NodaTime;

namespace ContactMetrics.Interop.Tests;

/// <summary>
/// Tables from a Microsoft.Data.Analysis DataFrame (validated as a file is), and the per-customer RFM summary and CLV
/// forecast of CDNOW back to a DataFrame and an Arrow record batch.
/// </summary>
public sealed class DataFrameTablesTests
{
    [Fact]
    public void Purchases_FromADataFrame_AreTheRecordsOfEachRow_AndItsDateTimesAreReadAsUtcWithANote()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("customer_id", ["c-1", "c-2"]),
            new PrimitiveDataFrameColumn<DateTime>("occurred_at", [new DateTime(2025, 3, 1, 9, 15, 0), new DateTime(2025, 3, 4, 9, 15, 0)]),
            new DecimalDataFrameColumn("amount", [12.5m, 0m]),
            new StringDataFrameColumn("currency", ["EUR", "USD"]));

        using var reader = DataFrameTables.OpenPurchases(frame, "purchases frame");
        var read = reader.ToList();

        var t0 = Instant.FromUtc(2025, 3, 1, 9, 15, 0);
        read.Should().BeEquivalentTo(new[]
        {
            new Purchase(new CustomerId("c-1"), t0, new Money(12.5m, Currency.Eur)),
            new Purchase(new CustomerId("c-2"), t0 + Duration.FromDays(3), Money.Zero(Currency.Usd)),
        }, o => o.WithStrictOrdering());
        // A DataFrame's DateTime carries no offset: read as UTC, and the report says so.
        reader.Report.Notes.Should().ContainSingle().Which.Should().Contain("'occurred_at'");
    }

    [Fact]
    public void Customers_WithAMissingRequiredValue_AreARejectedRowWithItsRowNumber()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("customer_id", ["c-1", "c-2", "c-3"]),
            new PrimitiveDataFrameColumn<DateTime>("acquired_on", [new DateTime(2024, 1, 15), null, new DateTime(2024, 2, 29)]),
            new StringDataFrameColumn("segment", ["smb", null, "consumer"]));

        using var reader = DataFrameTables.OpenCustomers(frame, "customers frame", new TableReadOptions { Mode = RowErrorMode.Collect });
        var read = reader.ToList();

        read.Select(c => c.Id.Value).Should().Equal("c-1", "c-3");
        read[1].AcquiredOn.Should().Be(new LocalDate(2024, 2, 29));
        reader.Report.RowsRead.Should().Be(3);
        var error = reader.Report.Errors.Should().ContainSingle().Which;
        (error.Line, error.ColumnName).Should().Be((2L, "acquired_on"));
    }

    [Fact]
    public void CdnowSummaryAndForecast_ToDataFrameAndArrow_HoldEveryCustomersFigures()
    {
        var summary = PublishedCdnowSummary();
        // BG/NBD and Gamma-Gamma on the 2,357 CDNOW sample customers, 3 years of 52 weeks, no discount, margin 1.
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, new ValuationHorizon(156, 0.0), 1.0);

        var frame = DataFrameTables.ToDataFrame(summary, forecast);
        var batch = ArrowTables.ToRecordBatch(summary, forecast);

        string[] columns = ["customer_id", "frequency", "recency", "T", "monetary_value", "p_alive", "expected_purchases", "expected_spend", "clv", "currency"];
        frame.Columns.Select(c => c.Name).Should().Equal(columns);
        batch.Schema.FieldsList.Select(f => f.Name).Should().Equal(columns);
        frame.Rows.Count.Should().Be(2357);
        batch.Length.Should().Be(2357);
        for (int i = 0; i < summary.Count; i += 97)
        {
            frame["customer_id"][i].Should().Be(summary.CustomerIds[i].Value);
            frame["frequency"][i].Should().Be(summary.Frequency[i]);
            frame["T"][i].Should().Be(summary.Age[i]);
            frame["p_alive"][i].Should().Be(forecast.ProbabilityAlive[i]);
            frame["clv"][i].Should().Be((double)forecast.Values[i].Amount);
            ((StringArray)batch.Column("customer_id")).GetString(i).Should().Be(summary.CustomerIds[i].Value);
            ((Int32Array)batch.Column("frequency")).GetValue(i).Should().Be(summary.Frequency[i]);
            ((DoubleArray)batch.Column("expected_purchases")).GetValue(i).Should().Be(forecast.ExpectedPurchases[i]);
            ((DoubleArray)batch.Column("monetary_value")).GetValue(i).Should().Be(summary.MonetaryValue[i]);
        }
        frame["currency"][0].Should().Be("USD");
    }

    [Fact]
    public void SummaryWithoutForecast_HasTheRfmColumnsOnly_AndAForecastOfAnotherSummaryIsRefused()
    {
        var summary = PublishedCdnowSummary();
        var small = RfmSummary.FromRows(summary.Rows().Take(500), RfmPeriodUnit.Week, Currency.Usd);
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, small, new ValuationHorizon(52, 0.0), 1.0);

        DataFrameTables.ToDataFrame(summary).Columns.Select(c => c.Name).Should().Equal("customer_id", "frequency", "recency", "T", "monetary_value");
        var act = () => ArrowTables.ToRecordBatch(summary, forecast);
        act.Should().Throw<ArgumentException>().WithMessage("*500 customers and the summary 2357*");
    }

    /// <summary>
    /// cdnow_customers_summary_with_transactions.csv (../shared/data): the published summary of the 2,357 CDNOW sample
    /// customers (Fader, Hardie and Lee 2005), x, t_x and T in weeks and zbar in dollars.
    /// </summary>
    private static RfmSummary PublishedCdnowSummary()
    {
        string path = SharedData("cdnow_customers_summary_with_transactions.csv");
        var rows = File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Select(f => new RfmSummaryRow(
            new CustomerId(f[0]), int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
        return RfmSummary.FromRows(rows, RfmPeriodUnit.Week, Currency.Usd);
    }

    private static string SharedData(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", file));
            }
        }
        throw new InvalidOperationException($"ContactMetrics.sln not found above {AppContext.BaseDirectory}.");
    }
}
