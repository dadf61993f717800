using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Tests.Clv;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Historical CLV, the retention-based CLV and the holdout check at the edges Stryker.NET's mutants reached and the Clv
/// suite did not (issue #14 item 9, docs/testing.md); every expected value is a hand computation.
/// </summary>
public class ClvValueMutationTests
{
    private static readonly CustomerId A = new("a");

    [Fact]
    public void HistoricalClv_EmptyCustomerIdOrShortMargins_ThrowsNamingTheRowOrTheLengths()
    {
        var options = new HistoricalClvOptions(new LocalDate(2024, 12, 31));
        options.AnnualRate.Should().Be(0, "no compounding unless asked");
        FluentActions.Invoking(() => HistoricalClv.Compute([A, default], [new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 2)], [1m, 2m], Currency.Usd, options))
            .Should().Throw<ArgumentException>().WithParameterName("customers").Which.Message.Should().StartWith("Row 1: the customer id is empty.");
        FluentActions.Invoking(() => HistoricalClv.Compute([A], [new LocalDate(2024, 1, 1)], [], Currency.Usd, options))
            .Should().Throw<ArgumentException>().WithParameterName("dates")
            .Which.Message.Should().StartWith("Every column must have one entry per row (1 customers); dates has 1, margins 0.");
    }

    [Fact]
    public void HistoricalClv_OnlyLaterRows_NoCustomerAndEveryRowCountedAsLater()
    {
        // Both rows are dated after the as-of date (1 and 2 days): nothing is valued, and both are reported.
        var result = HistoricalClv.Compute([A, A], [new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2)], [5m, 6m], Currency.Usd,
            new HistoricalClvOptions(new LocalDate(2024, 12, 31)));
        result.CustomerIds.Should().BeEmpty();
        result.Values.Should().BeEmpty();
        result.LaterMargins.Should().Be(2);
    }

    [Fact]
    public void RetentionClv_ZeroOrNegativeMarginWithoutDiscountOrChurn_ZeroOrMinusInfinity()
    {
        // r = 1 and d = 0 make every future period count in full: a margin of 0 is worth 0 (not NaN = 0 x infinity), a loss
        // of 10 a period is worth minus infinity.
        RetentionClv.Value(0, 1, 0, FirstMarginTiming.Now).Should().Be(0);
        RetentionClv.Value(-10, 1, 0, FirstMarginTiming.EndOfFirstPeriod).Should().Be(double.NegativeInfinity);
        // q = r / (1 + d) = 0.5: end of first period, 3 periods: 8 (0.5 + 0.25 + 0.125) = 7; infinite: 8 x 0.5 / 0.5 = 8.
        RetentionClv.Value(8, 0.5, 0, FirstMarginTiming.EndOfFirstPeriod, 3).Should().BeApproximately(7, 1e-12);
        RetentionClv.Value(8, 0.5, 0, FirstMarginTiming.EndOfFirstPeriod).Should().BeApproximately(8, 1e-12);
    }

    [Fact]
    public void RetentionClv_InvalidMarginOrTiming_ThrowsSayingWhatIsAllowed()
    {
        FluentActions.Invoking(() => RetentionClv.Value(double.NaN, 0.8, 0.1, FirstMarginTiming.Now)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
        FluentActions.Invoking(() => RetentionClv.Value(10, -0.1, 0.1, FirstMarginTiming.Now, 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("retentionRate");
        FluentActions.Invoking(() => RetentionClv.Value(10, 0.8, 0.1, (FirstMarginTiming)2, 3)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("Timing must be Now or EndOfFirstPeriod.");
    }

    /// <summary>Four customers with x = 0, 0, 2, 5, a holdout of 39 weeks with 0, 1, 2 and 3 transactions.</summary>
    private static RfmSummary FourCustomers(ReadOnlySpan<int> holdoutFrequency, double holdoutLength) => RfmSummary.FromColumns(
        [new CustomerId("c1"), new CustomerId("c2"), new CustomerId("c3"), new CustomerId("c4")],
        [0, 0, 2, 5], [0.0, 0.0, 10.0, 30.0], [20.0, 39.0, 30.0, 39.0], [], RfmPeriodUnit.Week,
        holdoutFrequency: holdoutFrequency, holdoutLength: holdoutLength);

    [Fact]
    public void HoldoutCheck_OpenGroupAtTwo_GroupsByFrequencyWithAnEmptyGroupAtZero()
    {
        // Groups 0 (c1, c2), 1 (nobody) and 2+ (c3 with x = 2, c4 with x = 5). Actual: 0 + 1 = 1, 0, 2 + 3 = 5. Predicted: the
        // model's own E[Y(39)] per customer, summed by group. An empty group has means 0, not NaN.
        var model = BatchPredictionTests.BgNbd;
        var check = HoldoutCheck.Compute(model, FourCustomers([0, 1, 2, 3], 39), openFrequency: 2);
        check.Model.Should().Be("BG/NBD");
        check.HoldoutLength.Should().Be(39);
        check.Groups.Select(g => g.Label).Should().Equal("0", "1", "2+");
        check.Groups.Select(g => g.Customers).Should().Equal(2, 0, 2);
        check.Groups.Select(g => g.ActualTransactions).Should().Equal(1, 0, 5);
        check.Groups[1].ActualMean.Should().Be(0);
        check.Groups[1].PredictedMean.Should().Be(0);
        check.Groups[2].ActualMean.Should().Be(2.5);
        double young = model.ConditionalExpectedTransactions(39, 0, 0, 20), old = model.ConditionalExpectedTransactions(39, 0, 0, 39);
        double two = model.ConditionalExpectedTransactions(39, 2, 10, 30), five = model.ConditionalExpectedTransactions(39, 5, 30, 39);
        check.Groups[0].PredictedTransactions.Should().BeApproximately(young + old, 1e-12);
        check.Groups[0].PredictedMean.Should().BeApproximately((young + old) / 2, 1e-12);
        check.Groups[2].PredictedTransactions.Should().BeApproximately(two + five, 1e-12);
        check.Customers.Should().Be(4);
        check.ActualTransactions.Should().Be(6);
        check.PredictedTransactions.Should().BeApproximately(young + old + two + five, 1e-12);
    }

    [Fact]
    public void HoldoutCheck_NoHoldoutLengthOrNoOpenGroup_Throws()
    {
        var model = BatchPredictionTests.BgNbd;
        FluentActions.Invoking(() => HoldoutCheck.Compute(model, FourCustomers([0, 1, 2, 3], 0))).Should().Throw<ArgumentException>()
            .WithParameterName("summary").Which.Message.Should().StartWith("The summary has no holdout period: build it with RfmSummaryOptions.HoldoutEnd");
        FluentActions.Invoking(() => HoldoutCheck.Compute(model, FourCustomers([0, 1, 2, 3], 39), openFrequency: 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("openFrequency");
    }
}
