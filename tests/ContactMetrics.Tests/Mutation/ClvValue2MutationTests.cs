using System.Collections.Immutable;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The real gaps among the survivors of mutation run Clv3a (Gamma-Gamma, the two value models, ClvForecast and the value table;
/// issue #14 item 9, docs/testing.md "Clv"). Every fit here is made afresh on a few customers: a fit kept in a static
/// <see cref="Lazy{T}"/> is not refitted when a mutant is switched on, so it cannot kill one.
/// </summary>
public class ClvValue2MutationTests
{
    // Gamma-Gamma p 6.25, q 3.74, gamma 15.44 (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value") and BG/NBD
    // r 0.243, alpha 4.414, a 0.793, b 2.426 (FHL 2005, CDNOW), as in BatchPredictionTests.
    private static readonly GammaGammaModel Spend = BatchPredictionTests.Spend;
    private static readonly BetaGeometricNbdModel BgNbd = BatchPredictionTests.BgNbd;
    private static readonly ValuationHorizon FourWeeks = new(4, 0.01);

    /// <summary>Customers with the given frequencies and mean spends, recency 3 x and age 30 weeks.</summary>
    private static RfmSummary Customers(int[] x, double[] meanSpend) => RfmSummary.FromColumns(
        [.. x.Select((_, i) => new CustomerId($"c{i}"))], x, [.. x.Select(f => 3.0 * f)], [.. x.Select(_ => 30.0)], meanSpend, RfmPeriodUnit.Week);

    [Fact]
    public void GammaGamma_FitLogLikelihood_IsTheSumOfTheCustomersLogDensitiesAtTheEstimate()
    {
        // Eight repeat buyers with a positive mean spend; the one with two repeat purchases of 0 and the one without repeat
        // purchases carry no information (x > 0 and zbar > 0 only). The fit's log-likelihood is the sum over the eight of
        // ln f(zbar | p, q, gamma, x) at the estimate, the scalar density of FHL 2005 (checked against Python's math.lgamma in
        // ClvValueMutationTests); the fit's own sum shares the gamma terms per x and ln x, ln zbar per row.
        int[] x = [1, 2, 3, 1, 4, 2, 6, 1, 2, 0];
        double[] zbar = [12.5, 30, 18, 55, 22.75, 9.9, 40, 27, 0, 0];
        var fit = GammaGammaModel.Fit(Customers(x, zbar));
        fit.Customers.Should().Be(8);
        double byCustomer = 0;
        for (int i = 0; i < 8; i++)
        {
            byCustomer += fit.Model.LogLikelihood(x[i], zbar[i]);
        }
        fit.LogLikelihood.Should().BeApproximately(byCustomer, 1e-9 * Math.Abs(byCustomer));
    }

    [Fact]
    public void GammaGamma_TwoRepeatBuyers_FittedAndCountedByTheTelemetry()
    {
        // Two repeat buyers with different mean spends are the fewest the fit takes (one is refused); one iteration is enough
        // to start a fit, which ContactMetricsTelemetry counts under the model's name.
        using var counts = ContactMetricsCounts.Start();
        GammaGammaModel.TryFit(Customers([2, 3], [20, 35]), new ModelFitOptions { MaxIterations = 1 }, out var fit);
        fit.Customers.Should().Be(2);
        counts.FitsOf("Gamma-Gamma").Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void GammaGamma_NoRepeatBuyerWithASpend_RefusedSayingSo()
    {
        FluentActions.Invoking(() => GammaGammaModel.Fit(Customers([0, 0, 3], [0, 0, 0]))).Should().Throw<ArgumentException>().WithParameterName("summary")
            .WithMessage("The Gamma-Gamma model needs customers with at least one repeat transaction and a positive monetary value; there are none.*");
    }

    [Fact]
    public void GammaGamma_NullSummaryOrOptions_Refused()
    {
        FluentActions.Invoking(() => GammaGammaModel.TryFit(null!, ModelFitOptions.Default, out _)).Should().Throw<ArgumentNullException>().WithParameterName("summary");
        FluentActions.Invoking(() => GammaGammaModel.TryFit(Customers([2, 3], [20, 35]), null!, out _)).Should().Throw<ArgumentNullException>().WithParameterName("options");
    }

    [Fact]
    public void GammaGamma_QOfExactlyOne_HasNoFiniteMeanSpend()
    {
        // E[zeta] = p gamma / (q - 1) is infinite at q = 1 itself.
        new GammaGammaModel(new GammaGammaParameters(2, 1, 10)).NoFiniteMeanSpend().Should().StartWith("The Gamma-Gamma fit has q = 1 (at most 1)");
    }

    [Fact]
    public void GammaGamma_ExpectedSpendOfANegativeFrequencyOrMeanSpend_Refused()
    {
        // x = -1 makes p x + q - 1 = -6.25 + 2.74 < 0 and a mean spend of -1 a value: both are refused as out of range first.
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend(-1, 10)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("x");
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend(2, -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("meanSpend");
    }

    /// <summary>
    /// E[Z | x, zbar] = (gamma + x zbar) p / (p x + q - 1) (FHL 2005 eq. 4) at p 6.25, q 3.74, gamma 15.44, by hand:
    /// x = 1, zbar = 10: 25.44 x 6.25 / 8.99; x = 2, 20: 55.44 x 6.25 / 15.24; x = 3, 30: 105.44 x 6.25 / 21.49;
    /// x = 4, 40: 175.44 x 6.25 / 27.74; x = 5, 50: 265.44 x 6.25 / 33.99.
    /// </summary>
    private static readonly double[] HandSpends = [17.68631813125695, 22.73622047244094, 30.66542577943229, 39.52775775054073, 48.80847308031774];

    [Fact]
    public void GammaGamma_BatchOfFiveRepeatBuyers_HandComputedInTheVectorGroupAndTheTail()
    {
        // The first four go through the vector path (a group of four valid customers), the fifth through the scalar rows.
        var destination = new double[5];
        Spend.ConditionalExpectedSpend([1, 2, 3, 4, 5], [10.0, 20, 30, 40, 50], destination);
        for (int i = 0; i < 5; i++)
        {
            destination[i].Should().BeApproximately(HandSpends[i], 1e-12 * HandSpends[i], $"customer {i}");
        }
    }

    [Fact]
    public void GammaGamma_BatchWithANegativeMeanSpendInAGroupOfFour_NamesItsIndex()
    {
        // A negative mean spend with a valid frequency (and p x + q - 1 > 0) in the vector path's first group: refused.
        FluentActions.Invoking(() => Spend.ConditionalExpectedSpend([1, 2, 3, 4, 5], [10.0, -20, 30, 40, 50], new double[5]))
            .Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().StartWith("The mean spend at index 1 must be a finite number of at least 0.");
    }

    [Fact]
    public void GammaGamma_BatchOfThreeInLongerArrays_WritesOnlyItsOwnDestination()
    {
        // Three customers, each span the start of a longer array: the batch reads and writes its three entries only (the
        // vector path loads four at a time, so it must not start a group with fewer than four left). The fourth entries
        // would be a valid customer; the value after the destination stays as it was.
        int[] x = [1, 2, 3, 1, -1, -1, -1, -1];
        double[] zbar = [10, 20, 30, 10, 10, 10, 10, 10];
        double[] destination = [0, 0, 0, -7, -7, -7, -7, -7];
        Spend.ConditionalExpectedSpend(x.AsSpan(0, 3), zbar.AsSpan(0, 3), destination.AsSpan(0, 3));
        for (int i = 0; i < 3; i++)
        {
            destination[i].Should().BeApproximately(HandSpends[i], 1e-12 * HandSpends[i], $"customer {i}");
        }
        destination[3..].Should().AllBeEquivalentTo(-7.0);
    }

    [Fact]
    public void BgNbdValue_DiscountedPeriods_AreTheDiscountedIncrementsOfTheExpectedTransactions()
    {
        // FHL 2005 (JMR): CLV = m E[Z | x, zbar] sum_k (E[Y(k L)] - E[Y((k-1) L)]) / (1 + d)^k, here m = 0.3, L = 1 week, d = 1%,
        // k = 1..4, for FHL's customer (x 2, t_x 30.43, T 38.86) with mean spend 22.345, E[Y] from the BG/NBD model's public
        // scalar form (FHL 2005 eq. 10, checked against the published 1.226 in BatchPredictionTests). With discounting the
        // periods do not telescope to the last one, so each period's count (t / (alpha + T) below 0.9: the series) counts.
        double spend = Spend.ConditionalExpectedSpend(2, 22.345);
        double expected = 0, previous = 0;
        for (int k = 1; k <= 4; k++)
        {
            double count = BgNbd.ConditionalExpectedTransactions(k, 2, 30.43, 38.86);
            expected += 0.3 * spend * (count - previous) / Math.Pow(1.01, k);
            previous = count;
        }
        new BgNbdGammaGammaValueModel(BgNbd, Spend, 0.3).CustomerValue(2, 30.43, 38.86, 22.345, FourWeeks).Should().BeApproximately(expected, 1e-12 * expected);
    }

    private static readonly BgNbdGammaGammaValueModel BgNbdValue = new(BgNbd, Spend, 0.3);
    private static readonly ParetoNbdGammaGammaValueModel ParetoNbdValue = new(BatchPredictionTests.ParetoNbd, Spend, 0.3);

    [Fact]
    public void ValueModels_OneCustomerWithABadHistory_RefusedNamingTheHistory()
    {
        ClvModel2MutationTests.ShouldNameTheHistory("BG/NBD + Gamma-Gamma CustomerValue", (x, tx, t) => BgNbdValue.CustomerValue(x, tx, t, 20, FourWeeks));
        ClvModel2MutationTests.ShouldNameTheHistory("Pareto/NBD + Gamma-Gamma CustomerValue", (x, tx, t) => ParetoNbdValue.CustomerValue(x, tx, t, 20, FourWeeks));
    }

    [Fact]
    public void ValueModels_OneCustomerWithoutAHorizon_Refused()
    {
        FluentActions.Invoking(() => BgNbdValue.CustomerValue(2, 6, 30, 20, null!)).Should().Throw<ArgumentNullException>().WithParameterName("horizon");
        FluentActions.Invoking(() => ParetoNbdValue.CustomerValue(2, 6, 30, 20, null!)).Should().Throw<ArgumentNullException>().WithParameterName("horizon");
    }

    [Fact]
    public void ValueModels_BatchWithoutCustomersOrHorizon_Refused()
    {
        var summary = Customers([2, 0], [20, 0]);
        foreach (var model in new ICustomerValueModel[] { BgNbdValue, ParetoNbdValue })
        {
            string name = model.GetType().Name;
            FluentActions.Invoking(() => model.CustomerValues(null!, FourWeeks)).Should().Throw<ArgumentNullException>(name).WithParameterName("customers");
            FluentActions.Invoking(() => model.CustomerValues(summary, null!)).Should().Throw<ArgumentNullException>(name).WithParameterName("horizon");
        }
        FluentActions.Invoking(() => BgNbdValue.CustomerValues([2], [6.0], [30.0], [20.0], null!, new double[1])).Should().Throw<ArgumentNullException>().WithParameterName("horizon");
    }

    /// <summary>A value model that values every customer at 1 in the summary's currency and checks nothing, as a user's own model may.</summary>
    private sealed class OneEach : ICustomerValueModel
    {
        public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon) => [.. customers.CustomerIds.Select(_ => new Money(1m, customers.Currency))];
    }

    [Fact]
    public void ValueTable_NullArguments_RefusedBeforeTheModelIsAsked()
    {
        // ValueTable extends any ICustomerValueModel, so it checks its arguments itself rather than rely on the model's checks.
        var summary = Customers([2], [20]);
        FluentActions.Invoking(() => CustomerValueModels.ValueTable(null!, summary, FourWeeks)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => new OneEach().ValueTable(null!, FourWeeks)).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        FluentActions.Invoking(() => new OneEach().ValueTable(summary, null!)).Should().Throw<ArgumentNullException>().WithParameterName("horizon");
        new OneEach().ValueTable(summary, FourWeeks).Source.Should().Be("OneEach, 4 periods of 1 Week, discount 0.01 per period");
    }

    [Fact]
    public void Forecast_NullSummaryOrBadMargin_ReportedBeforeAnythingElse()
    {
        // The arguments are checked before the fits: a null summary before an unknown model, a margin of 1.5 before the
        // Gamma-Gamma fit that one customer cannot support.
        FluentActions.Invoking(() => ClvForecast.Compute((ClvTransactionModel)2, null!, FourWeeks, 0.3)).Should().Throw<ArgumentNullException>().WithParameterName("summary");
        FluentActions.Invoking(() => ClvForecast.Compute(ClvTransactionModel.BgNbd, Customers([2], [20]), FourWeeks, 1.5)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("margin");
    }

    [Fact]
    public void Forecast_ShortHorizon_ExpectedPurchasesAreTheFittedModelsOwn()
    {
        // 59 CDNOW customers (Subset's stride for 60 of 2,357 is 40: IDs 1, 41, 81, ...), 4 weekly periods: t / (alpha + T)
        // stays below 0.9, so each alive customer's count is the series of FHL 2005 eq. 10 in (r + x, a, b + x). The forecast
        // computes it once per distinct (x, T); each customer equals the fitted model's public E[Y(4) | x, t_x, T].
        var summary = CdnowData.Summary.Subset(_ => true, 60);
        summary.Count.Should().Be(59);
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, FourWeeks, 0.3);
        var model = (BetaGeometricNbdModel)forecast.Transactions;
        for (int i = 0; i < summary.Count; i++)
        {
            double expected = model.ConditionalExpectedTransactions(4, summary.Frequency[i], summary.Recency[i], summary.Age[i]);
            forecast.ExpectedPurchases[i].Should().BeApproximately(expected, 1e-12 * expected, $"customer {i}");
        }
    }
}
