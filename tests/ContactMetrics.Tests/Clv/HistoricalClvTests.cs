using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Clv;

public class HistoricalClvTests
{
    private static readonly CustomerId A = new("a"), B = new("b");

    [Fact]
    public void Compute_NoCompounding_ExactSumsPerCustomerInFirstAppearanceOrder()
    {
        // By hand: b 12.50 + 7.25 = 19.75; a 3.10 - 1.00 = 2.10; the row after the as-of date is not counted.
        var result = HistoricalClv.Compute(
            [B, A, B, A, A],
            [new LocalDate(2024, 1, 5), new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 1), new LocalDate(2024, 6, 1), new LocalDate(2025, 2, 1)],
            [12.50m, 3.10m, 7.25m, -1.00m, 100m],
            Currency.Usd,
            new HistoricalClvOptions(new LocalDate(2024, 12, 31)));
        result.CustomerIds.Should().Equal(B, A);
        result.Values.Should().Equal(new Money(19.75m, Currency.Usd), new Money(2.10m, Currency.Usd));
        result.LaterMargins.Should().Be(1);
    }

    [Fact]
    public void Compute_Compounded_GrowsEachMarginByElapsedDays()
    {
        // By hand: 100 earned 2024-01-01, as of 2025-01-01 (366 days) at 10% a year: 100 x 1.1^(366/365.25) = 110.02153;
        // plus 50 earned on the as-of date itself, not grown: 160.02153.
        var result = HistoricalClv.Compute(
            [A, A], [new LocalDate(2024, 1, 1), new LocalDate(2025, 1, 1)], [100m, 50m], Currency.Usd,
            new HistoricalClvOptions(new LocalDate(2025, 1, 1)) { AnnualRate = 0.10 });
        ((double)result.Values[0].Amount).Should().BeApproximately(160.0215301, 1e-6);
    }

    [Fact]
    public void Compute_MismatchedColumns_Throws()
    {
        FluentActions.Invoking(() => HistoricalClv.Compute([A], [], [1m], Currency.Usd, new HistoricalClvOptions(new LocalDate(2024, 1, 1))))
            .Should().Throw<ArgumentException>().WithParameterName("dates");
        FluentActions.Invoking(() => new HistoricalClvOptions(new LocalDate(2024, 1, 1)) { AnnualRate = -0.1 })
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("AnnualRate");
    }
}
