using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// Rows the in-memory readers reject (a blank required value; a blank currency next to a code) stop the DuckDB
/// summaries with a <see cref="SqlSourceException"/> naming the table, the path, the column and the row's key, instead of
/// an InvalidCastException or ArgumentException while reading the result back.
/// </summary>
public sealed class DuckDbMissingValueTests
{
    private static readonly RfmSummaryOptions Rfm = new(new LocalDate(2024, 12, 31));

    [Theory]
    [InlineData(TimeBucket.Day)]
    [InlineData(TimeBucket.None)]
    public void Kpis_BlankArrivedAt_NamesTheColumnAndTheInteraction(TimeBucket bucket)
    {
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,customer_id,channel,arrived_at,ended_at\n"
            + "a1,c1,phone,2024-01-01T09:00:00Z,2024-01-01T09:05:00Z\na2,c1,phone, ,2024-01-01T10:05:00Z\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var act = () => engine.Kpis(new KpiGrouping(KpiDimensions.Channel, bucket, DateTimeZone.Utc));
        act.Should().Throw<SqlSourceException>()
            .WithMessage($"interactions ({csv}): the required column 'arrived_at' is blank in the row with interaction_id 'a2'; fill it or leave the row out*");
    }

    [Theory]
    [InlineData("c1,2024-01-01T09:00:00Z,10,EUR\n,2024-02-01T09:00:00Z,5,EUR", "the required column 'customer_id' is blank in a row*")]
    [InlineData("c1,2024-01-01T09:00:00Z,10,EUR\nc1,2024-02-01T09:00:00Z,5,", "the currency is blank in some rows and EUR in others; fill the blank cells*")]
    [InlineData("c1,2024-01-01T09:00:00Z,10,EURO", "the currency 'EURO' is not an ISO 4217 code*")]
    public void RfmSummary_BlankCustomerIdOrCurrency_NamesTheTableTheColumnAndTheFix(string rows, string expected)
    {
        using var dir = new TempDir();
        string csv = dir.Write("p.csv", $"customer_id,occurred_at,amount,currency\n{rows}\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachPurchases(csv);
        var act = () => engine.RfmSummary(Rfm);
        act.Should().Throw<SqlSourceException>().WithMessage($"purchases ({csv}): {expected}");
    }

    [Fact]
    public void RfmSummary_NoCurrencyColumn_NoCurrency()
    {
        // Without the column every amount is of one unknown currency (XXX), as the summary of a file without currencies.
        using var dir = new TempDir();
        string csv = dir.Write("p.csv", "customer_id,occurred_at,amount\nc1,2024-01-01T09:00:00Z,10\nc1,2024-02-01T09:00:00Z,5\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachPurchases(csv);
        var summary = engine.RfmSummary(Rfm);
        summary.Currency.Should().Be(default(Currency));
        summary.Frequency.Should().Equal(1);
    }
}
