using System.Collections.Immutable;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed class RetentionUpliftValueTests
{
    private static readonly RetentionDifference Difference = new(0.05, 0.01, new ConfidenceInterval(0.03, 0.07, 0.95, "greenwood-normal"), 2000);

    [Fact]
    public void Of_GivenValue_CustomersKeptTimesValueWithInterval()
    {
        var value = RetentionUpliftValue.Of(Difference, 1000, new Money(250m, Currency.Eur), "given");

        // 0.05 x 1000 = 50 customers kept [30, 70]; x 250 EUR = 12,500 EUR [7,500, 17,500].
        value.CustomersKept.ShouldBeRelativelyClose(50);
        value.CustomersKeptInterval.Lower.ShouldBeRelativelyClose(30);
        value.CustomersKeptInterval.Upper.ShouldBeRelativelyClose(70);
        value.Value.Should().Be(new Money(12_500m, Currency.Eur));
        value.Low.Should().Be(new Money(7_500m, Currency.Eur));
        value.High.Should().Be(new Money(17_500m, Currency.Eur));
        value.ValueSource.Should().Be("given");
        value.Formula.Should().Contain("1000 customers affected").And.Contain("250 EUR");
    }

    [Fact]
    public void Of_DoubleValuePerCustomer_DoublesValueAndInterval()
    {
        var once = RetentionUpliftValue.Of(Difference, 1000, new Money(100m, Currency.Eur), "given");
        var twice = RetentionUpliftValue.Of(Difference, 1000, new Money(200m, Currency.Eur), "given");

        twice.Value.Amount.Should().Be(2 * once.Value.Amount);
        twice.Low.Amount.Should().Be(2 * once.Low.Amount);
        twice.High.Amount.Should().Be(2 * once.High.Amount);
    }

    [Fact]
    public void Of_Comparison_AppliesToExposedGroup()
    {
        var comparison = RetentionUplift.Compare(RetentionUpliftTests.HandTable(), "a", "b", 5);

        var value = RetentionUpliftValue.Of(comparison, new Money(100m, Currency.Usd), "given");

        value.CustomersAffected.Should().Be(4);
        value.Value.Should().Be(new Money(100m, Currency.Usd), "given"); // 0.25 x 4 x 100
    }

    [Fact]
    public void Of_CustomerValueModel_UsesMeanValue()
    {
        var summary = RfmSummary.FromColumns([new CustomerId("a"), new CustomerId("b")], [1, 2], [5.0, 6], [10.0, 10], [10.0, 20], RfmPeriodUnit.Week, Currency.Eur);

        var value = RetentionUpliftValue.Of(Difference, 1000, new FixedValues(100m, 300m).ValueTable(summary, new ValuationHorizon(12, 0.01)));

        value.ValuePerCustomer.Should().Be(new Money(200m, Currency.Eur), "given");
        value.Value.Should().Be(new Money(10_000m, Currency.Eur));
        value.ValueSource.Should().Contain(nameof(FixedValues));
    }

    [Fact]
    public void Of_NegativeCustomersAffected_Throws()
    {
        var act = () => RetentionUpliftValue.Of(Difference, -1, new Money(1m, Currency.Eur), "given");

        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("customersAffected");
    }

    private sealed class FixedValues(params decimal[] amounts) : ICustomerValueModel
    {
        public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon) =>
            [.. amounts.Select(a => new Money(a, customers.Currency))];
    }
}
