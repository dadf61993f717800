using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

public class RfmSummaryTests
{
    private static RfmSummary Ten()
    {
        var ids = Enumerable.Range(1, 10).Select(i => new CustomerId($"C{i}")).ToArray();
        return RfmSummary.FromColumns(ids, Enumerable.Range(0, 10).ToArray(), Enumerable.Range(0, 10).Select(i => (double)i).ToArray(),
            Enumerable.Repeat(20.0, 10).ToArray(), Enumerable.Range(0, 10).Select(i => i == 0 ? 0.0 : 10.0 * i).ToArray(), RfmPeriodUnit.Week, Currency.Eur);
    }

    [Fact]
    public void Subset_Filter_KeepsTheQualifyingCustomersInOrderWithTheirColumns()
    {
        var summary = Ten();

        var even = summary.Subset(id => int.Parse(id.Value[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0);

        even.CustomerIds.Select(c => c.Value).Should().Equal("C2", "C4", "C6", "C8", "C10");
        even.Frequency.Should().Equal(1, 3, 5, 7, 9);
        even.Recency.Should().Equal(1, 3, 5, 7, 9);
        even.MonetaryValue.Should().Equal(10, 30, 50, 70, 90);
        even.Age.Should().OnlyContain(t => t == 20);
        even.Period.Should().Be(RfmPeriodUnit.Week);
        even.Currency.Should().Be(Currency.Eur);
    }

    [Theory]
    // 10 qualify; k = ceil(10 / max): max 4 -> k 3 -> rows 0, 3, 6, 9; max 5 -> k 2 -> 0, 2, 4, 6, 8; max 10 or more -> all.
    [InlineData(4, new[] { "C1", "C4", "C7", "C10" })]
    [InlineData(5, new[] { "C1", "C3", "C5", "C7", "C9" })]
    [InlineData(1, new[] { "C1" })]
    [InlineData(10, new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10" })]
    public void Subset_MoreThanTheMaximum_KeepsEveryKthUpToIt(int max, string[] expected)
    {
        var picked = Ten().Subset(_ => true, max);

        picked.CustomerIds.Select(c => c.Value).Should().Equal(expected);
        picked.Count.Should().BeLessThanOrEqualTo(max);
    }

    [Fact]
    public void Subset_NoneQualify_IsEmpty() =>
        Ten().Subset(_ => false).Count.Should().Be(0);

    [Fact]
    public void Subset_MaximumBelowOne_Throws()
    {
        var act = () => Ten().Subset(_ => true, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxCustomers");
    }
}
