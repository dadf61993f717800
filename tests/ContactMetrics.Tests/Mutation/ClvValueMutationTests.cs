using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
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

    // Gamma-Gamma p 6.25, q 3.74, gamma 15.44 (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"; BatchPredictionTests).
    private static readonly GammaGammaModel Spend = BatchPredictionTests.Spend;

    [Fact]
    public void GammaGamma_OneCustomerLogDensityMeanAndExpectedSpend_HandComputed()
    {
        // Python's math.lgamma: ln G(px+q) - ln G(px) - ln G(q) + q ln g + (px-1) ln z + px ln x - (px+q) ln(g + x z) at x = 2,
        // z = 35 is -4.095817314648997. Mean spend p g / (q - 1) = 6.25 x 15.44 / 2.74 = 35.21897810218978; expected spend
        // (g + x z) p / (p x + q - 1) = 85.44 x 6.25 / 15.24 = 35.039370078740156, and for x = 0 the population mean.
        Spend.LogLikelihood(2, 35).Should().BeApproximately(-4.095817314648997, 1e-12);
        Spend.MeanSpend().Should().BeApproximately(35.21897810218978, 1e-12);
        Spend.ConditionalExpectedSpend(2, 35).Should().BeApproximately(35.039370078740156, 1e-12);
        Spend.ConditionalExpectedSpend(0, 0).Should().BeApproximately(35.21897810218978, 1e-12);
        FluentActions.Invoking(() => Spend.LogLikelihood(0, 35)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Spend.LogLikelihood(2, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void GammaGamma_QAtMostOne_NoFiniteMeanAndSaysWhy()
    {
        // E[zeta] = p g / (q - 1) needs q > 1; the expected spend needs p x + q - 1 > 0 (0.25 x 2 + 0.5 - 1 = 0 is not).
        var flat = new GammaGammaModel(new GammaGammaParameters(0.25, 0.5, 10));
        FluentActions.Invoking(() => new GammaGammaModel(new GammaGammaParameters(2, 1, 10)).MeanSpend()).Should().Throw<InvalidOperationException>()
            .WithMessage("The population mean spend is infinite when q <= 1; q = 1.");
        FluentActions.Invoking(() => flat.ConditionalExpectedSpend(2, 35)).Should().Throw<InvalidOperationException>()
            .WithMessage("The expected spend is infinite when p x + q <= 1; p = 0.25, q = 0.5, x = 2.");
        flat.ConditionalExpectedSpend(3, 35).Should().BeApproximately((10 + 3 * 35) * 0.25 / 0.25, 1e-12);
        flat.NoFiniteMeanSpend().Should().StartWith("The Gamma-Gamma fit has q = 0.5 (at most 1)");
        Spend.NoFiniteMeanSpend().Should().BeNull();
    }

    [Fact]
    public void GammaGamma_BatchWithAnInvalidCustomer_NamesItsIndex()
    {
        // Five customers: the first four go through the vector path, the fifth alone; any invalid one stops the batch.
        var destination = new double[5];
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend([1, 2, 3, 4, -1], [10.0, 20, 30, 40, 50], destination))
            .Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().StartWith("The frequency at index 4 must be at least 0.");
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend([1, 2, 3, 4, 5], [10.0, double.PositiveInfinity, 30, 40, 50], destination))
            .Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().StartWith("The mean spend at index 1 must be a finite number of at least 0.");
        var flat = new GammaGammaModel(new GammaGammaParameters(0.25, 0.5, 10));
        FluentActions.Invoking(() => flat.ConditionalExpectedSpend([3, 3, 2, 3, 3], [1.0, 1, 1, 1, 1], destination))
            .Should().Throw<InvalidOperationException>().Which.Message.Should().EndWith("x = 2 (index 2).");
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend([1, 2], [1.0], new double[2]))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("meanSpend");
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend([1, 2], [1.0, 2.0], new double[3]))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("destination");
    }

    private static RfmSummary RepeatBuyers(params double[] means) => RfmSummary.FromColumns(
        [.. means.Select((_, i) => new CustomerId($"c{i}"))], [.. means.Select(_ => 2)], [.. means.Select(_ => 5.0)], [.. means.Select(_ => 10.0)], means, RfmPeriodUnit.Week);

    [Fact]
    public void GammaGamma_OneRepeatBuyerOrOneMeanSpend_RefusesToFitSayingWhy()
    {
        FluentActions.Invoking(() => GammaGammaModel.Fit(RepeatBuyers(20))).Should().Throw<ArgumentException>().WithParameterName("summary")
            .Which.Message.Should().Contain("needs at least two customers with a repeat transaction and a positive monetary value; there is one.");
        FluentActions.Invoking(() => GammaGammaModel.Fit(RepeatBuyers(20, 20, 20))).Should().Throw<ArgumentException>().WithParameterName("summary")
            .Which.Message.Should().Contain("every repeat buyer's mean spend is the same");
    }

    [Fact]
    public void GammaGammaFit_InWordsAndCounts()
    {
        // FitText, as for the transaction models: the model's name, the estimates, the customers and the diagnostics.
        var diagnostics = new FitDiagnostics(true, 9, -4000.5, 1e-8, "BFGS", "ok");
        var fit = new GammaGammaFit(Spend, [new ParameterEstimate("p", 6.25, 0.5, 946)], -4000.5, 946, diagnostics);
        fit.ToString().Should().Be("Gamma-Gamma: p = 6.25 (SE 0.5); 946 customers; converged after 9 iterations (BFGS), log-likelihood -4000.50");
        fit.Parameters.Should().BeSameAs(Spend.Parameters);
    }

    [Fact]
    public void ValuationHorizon_RangeChecksAndRateForPeriod()
    {
        // (1 + 10%)^(365.25 / 365.25) - 1 = 10% for a year-long period; (1.1)^(1/2) - 1 = 0.0488088 for half a year.
        ValuationHorizon.RateForPeriod(0.1, 365.25).Should().BeApproximately(0.1, 1e-15);
        ValuationHorizon.RateForPeriod(0.1, 365.25 / 2).Should().BeApproximately(Math.Sqrt(1.1) - 1, 1e-15);
        new ValuationHorizon(3, 0).PeriodLength.Should().Be(1.0);
        FluentActions.Invoking(() => new ValuationHorizon(0, 0.1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ValuationHorizon(3, -0.1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ValuationHorizon(3, 0.1) { PeriodLength = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("PeriodLength");
        FluentActions.Invoking(() => ValuationHorizon.RateForPeriod(-0.1, 7)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ValuationHorizon.RateForPeriod(0.1, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ValueTable_NamesTheModelAndTheHorizon()
    {
        // CustomerValueModels.ValueTable: "<model type>, <periods> periods of <length> <unit>, discount <rate> per period".
        var summary = RepeatBuyers(20, 30);
        var value = new BgNbdGammaGammaValueModel(BatchPredictionTests.BgNbd, Spend, 0.3);
        var table = value.ValueTable(summary, new ValuationHorizon(20, 0.002) { PeriodLength = 4 });
        table.Source.Should().Be("BgNbdGammaGammaValueModel, 20 periods of 4 Week, discount 0.002 per period");
        table.Count.Should().Be(2);
    }

    [Fact]
    public void HistoricalClvAndHoldoutCheck_NullArguments_ThrowArgumentNull()
    {
        FluentActions.Invoking(() => HistoricalClv.Compute([A], [new LocalDate(2024, 1, 1)], [1m], Currency.Usd, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => HoldoutCheck.Compute(null!, FourCustomers([0, 1, 2, 3], 39))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => HoldoutCheck.Compute(BatchPredictionTests.BgNbd, null!)).Should().Throw<ArgumentNullException>();
    }
}
