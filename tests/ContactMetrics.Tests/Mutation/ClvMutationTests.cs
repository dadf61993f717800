using System.Collections.Immutable;
using ContactMetrics.Clv;
using ContactMetrics.Numerics;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The transaction models (BG/NBD, MBG/NBD, Pareto/NBD) and their fits at the edges Stryker.NET's mutants reached and the
/// Clv suite did not (issue #14 item 9, docs/testing.md): the log-likelihood of more rows than one chunk, the fits in words,
/// fits the data do not identify, the fit options and the batch length checks: public behaviour, and the internal fit helpers (FitChecks, LogParameterFit.SumRows/SumInChunks) where their edges matter.
/// </summary>
public class ClvMutationTests
{
    // The published CDNOW models of BatchPredictionTests (BG/NBD: FHL 2005; MBG/NBD: BTYDplus; Pareto/NBD: BTYD).
    private static readonly BetaGeometricNbdModel BgNbd = BatchPredictionTests.BgNbd;
    private static readonly ModifiedBetaGeometricNbdModel MbgNbd = BatchPredictionTests.MbgNbd;
    private static readonly ParetoNbdModel ParetoNbd = BatchPredictionTests.ParetoNbd;

    /// <summary>
    /// 40,000 weighted rows (three chunks of 16,384 rows and more), x from 0 to 9, t_x and T on a grid of half weeks, in no
    /// particular order of x.
    /// </summary>
    private static CompressedRfmSummary ManyRows()
    {
        const int n = 40_000;
        var random = new Random(914);
        var weight = new double[n];
        var x = new int[n];
        var recency = new double[n];
        var age = new double[n];
        for (int i = 0; i < n; i++)
        {
            weight[i] = 1 + random.Next(0, 5);
            age[i] = random.Next(1, 79) / 2.0;
            x[i] = random.Next(0, 10);
            recency[i] = x[i] == 0 ? 0 : random.Next(0, (int)(2 * age[i]) + 1) / 2.0;
        }
        return CompressedRfmSummary.FromColumns(weight, x, recency, age, RfmPeriodUnit.Week);
    }

    private static double WeightedSumOfRows(CompressedRfmSummary data, Func<int, double, double, double> row)
    {
        double total = 0;
        for (int i = 0; i < data.Count; i++)
        {
            total += data.Weight[i] * row(data.Frequency[i], data.Recency[i], data.Age[i]);
        }
        return total;
    }

    [Fact]
    public void LogLikelihood_MoreRowsThanOneChunk_EqualsTheWeightedSumOfEveryRow()
    {
        // The data log-likelihood is by definition the weighted sum of the individual ones (FHL 2005 eq. 6; Batislam et al.
        // 2007; Schmittlein, Morrison & Colombo 1987 for Pareto/NBD): the chunked sum must add every chunk once.
        var data = ManyRows();
        BgNbd.LogLikelihood(data).Should().BeApproximately(WeightedSumOfRows(data, BgNbd.LogLikelihood), 1e-9 * data.TotalWeight);
        MbgNbd.LogLikelihood(data).Should().BeApproximately(WeightedSumOfRows(data, MbgNbd.LogLikelihood), 1e-9 * data.TotalWeight);
        ParetoNbd.LogLikelihood(data).Should().BeApproximately(WeightedSumOfRows(data, ParetoNbd.LogLikelihood), 1e-9 * data.TotalWeight);
    }

    private static ImmutableArray<ParameterEstimate> TwoEstimates() =>
        [new ParameterEstimate("r", 0.243, 0.0126, 2357), new ParameterEstimate("alpha", 4.414, 0.378, 2357)];

    [Fact]
    public void FitToString_EveryTransactionModel_NamesTheModelTheEstimatesAndTheCustomers()
    {
        // FitText: "<model>: <name> = <value 3 significant digits> (SE <se>), ...; <customers, thousands separated>
        // customers; <diagnostics>"; the diagnostics text is FitDiagnostics.ToString (log-likelihood with 2 decimals).
        var diagnostics = new FitDiagnostics(true, 12, -9582.4291, 1e-7, "BFGS", "ok");
        const string Tail = ": r = 0.243 (SE 0.0126), alpha = 4.41 (SE 0.378); 2,357 customers; converged after 12 iterations (BFGS), log-likelihood -9582.43";
        new BgNbdFit(BgNbd, TwoEstimates(), -9582.4291, diagnostics).ToString().Should().Be("BG/NBD" + Tail);
        new MbgNbdFit(MbgNbd, TwoEstimates(), -9582.4291, diagnostics).ToString().Should().Be("MBG/NBD" + Tail);
        new ParetoNbdFit(ParetoNbd, TwoEstimates(), -9582.4291, diagnostics).ToString().Should().Be("Pareto/NBD" + Tail);
        new SbgFit(new ShiftedBetaGeometricModel(new SbgParameters(0.668, 3.806)), TwoEstimates(), -9582.4291, diagnostics).ToString().Should().Be("sBG" + Tail);
        // No estimates: no customer count (the log-likelihood printed is the diagnostics').
        new BgNbdFit(BgNbd, [], -9582.4291, diagnostics).ToString().Should().Be("BG/NBD: ; converged after 12 iterations (BFGS), log-likelihood -9582.43");
    }

    [Fact]
    public void TryFit_ThreeIdenticalCustomers_IsNotConvergedAndSaysTheDataDoNotIdentifyTheParameters()
    {
        // Three customers with x = 3, t_x = 20, T = 30: the likelihood has no interior maximum (the estimates run off), which
        // the CLI's FitFailureTests assert end to end; here the fit result itself.
        var data = CompressedRfmSummary.FromColumns([3.0], [3], [20.0], [30.0], RfmPeriodUnit.Week);
        BetaGeometricNbdModel.TryFit(data, out var bg).Should().BeFalse();
        bg.Diagnostics.Converged.Should().BeFalse();
        bg.Diagnostics.Message.Should().Contain("so the data do not identify the parameters (too few customers, identical customers or no repeat buyers): use more data or a longer calibration period");
        // The estimates are named in the model's order, each with the 3 customers (the total weight) it was fitted on.
        bg.Estimates.Select(e => e.Name).Should().Equal("r", "alpha", "a", "b");
        bg.Estimates.Should().OnlyContain(e => e.Customers == 3);
        ParetoNbdModel.TryFit(data, out var pareto).Should().BeFalse();
        pareto.Diagnostics.Message.Should().Contain("so the data do not identify the parameters");
        pareto.Estimates.Select(e => e.Name).Should().Equal("r", "alpha", "s", "beta");
        FluentActions.Invoking(() => ModifiedBetaGeometricNbdModel.Fit(data)).Should().Throw<ModelFitException>()
            .Which.Message.Should().Contain("The MBG/NBD fit did not converge");
    }

    [Fact]
    public void ModelFitOptions_DefaultsAndNonPositiveValues()
    {
        // The documented defaults: 1,000 iterations and a gradient tolerance of 1e-9; zero or negative values are refused.
        ModelFitOptions.Default.MaxIterations.Should().Be(1000);
        ModelFitOptions.Default.GradientTolerance.Should().Be(1e-9);
        new ModelFitOptions { MaxIterations = 1 }.MaxIterations.Should().Be(1);
        FluentActions.Invoking(() => new ModelFitOptions { MaxIterations = 0 }).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("MaxIterations");
        FluentActions.Invoking(() => new ModelFitOptions { GradientTolerance = 0 }).Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("GradientTolerance");
    }

    [Fact]
    public void Batch_DestinationTooShort_MessageGivesBothLengths()
    {
        var act = () => BgNbd.ProbabilityAlive([1, 2, 3], [1.0, 2.0, 3.0], [4.0, 4.0, 4.0], new double[2]);
        act.Should().Throw<ArgumentException>().Which.Message.Should()
            .StartWith("Expected 3 elements, one per customer (the length of the frequencies); got 2.");
    }

    private const string NotIdentified = "so the data do not identify the parameters (too few customers, identical customers or no repeat buyers): use more data or a longer calibration period";

    [Fact]
    public void FitChecks_EstimateBeyondExp300OrUndefinedStandardError_IsNotConverged()
    {
        // FitChecks: a log-estimate beyond +-300 (exp(300) = 1.9e130) or that is not finite has run off; a standard error that
        // is not finite means a flat likelihood. 300 itself is still an estimate; an optimizer failure keeps its own message.
        FitChecks.Identified(true, "m", [0.0, 300.0], [0.1, 0.1]).Should().Be((true, "m"));
        FitChecks.Identified(true, "m", [-300.0, 0.0], [0.1, 0.1]).Should().Be((true, "m"));
        FitChecks.Identified(true, "m", [0.0, 300.5], [0.1, 0.1]).Should().Be((false, "m; an estimate ran off to 0 or infinity, " + NotIdentified));
        FitChecks.Identified(true, "m", [-300.5, 0.0], [0.1, 0.1]).Converged.Should().BeFalse();
        FitChecks.Identified(true, "m", [double.NaN, 0.0], [0.1, 0.1]).Converged.Should().BeFalse();
        FitChecks.Identified(true, "m", [0.0, 0.0], [0.1, double.NaN]).Should().Be((false, "m; the standard errors are undefined (the likelihood is flat at the estimates), " + NotIdentified));
        FitChecks.Identified(true, "m", [0.0, 0.0], [double.PositiveInfinity, 0.1]).Converged.Should().BeFalse();
        FitChecks.Identified(false, "no step", [0.0, 0.0], [0.1, 0.1]).Should().Be((false, "no step"));
    }

    /// <summary>A row whose log-likelihood is linear in the parameters: p0 x + p1 t_x + p2 T + p3, gradient (x, t_x, T, 1).</summary>
    private static double LinearRow(double p0, double p1, double p2, double p3, int x, double recency, double age, Span<double> gradient)
    {
        gradient[0] = x;
        gradient[1] = recency;
        gradient[2] = age;
        gradient[3] = 1;
        return p0 * x + p1 * recency + p2 * age + p3;
    }

    [Fact]
    public void SumRows_LinearRow_WeightedSumAndGradientOnTheLogScale()
    {
        // By hand, rows (w 2, x 1, t_x 0.5, T 2) and (w 1, x 3, t_x 1, T 4) at p = (2, 3, 4, 5):
        // 2 (2 + 1.5 + 8 + 5) + (6 + 3 + 16 + 5) = 63; sum of w g = (5, 2, 8, 3), times p (chain rule to ln p): (10, 6, 32, 15).
        var data = CompressedRfmSummary.FromColumns([2.0, 1.0], [1, 3], [0.5, 1.0], [2.0, 4.0], RfmPeriodUnit.Week);
        double[] theta = [Math.Log(2), Math.Log(3), Math.Log(4), Math.Log(5)];
        var gradient = new double[] { 7, 7, 7, 7 };
        LogParameterFit.SumRows(data, theta, gradient, LinearRow).Should().BeApproximately(63, 1e-12);
        gradient.Should().Equal([10, 6, 32, 15], (a, b) => Math.Abs(a - b) < 1e-12);
        // A parameter that overflows or underflows (exp(+-800)) gives NaN and a cleared gradient, whichever it is.
        for (int k = 0; k < 4; k++)
        {
            foreach (double extreme in new[] { 800.0, -800.0 })
            {
                double[] far = [0.0, 0.0, 0.0, 0.0];
                far[k] = extreme;
                gradient.AsSpan().Fill(7);
                double.IsNaN(LogParameterFit.SumRows(data, far, gradient, LinearRow)).Should().BeTrue($"parameter {k} at exp({extreme})");
                gradient.Should().OnlyContain(g => g == 0);
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(16_383, 1)]
    [InlineData(16_384, -1)]
    [InlineData(16_385, 1)]
    [InlineData(40_000, -1)]
    [InlineData(40_000, 2)]
    public void SumInChunks_AnyRowCountAndWorkers_AddsEveryRowOnce(int rows, int workers)
    {
        // Each chunk writes its row count and the sum of its row indices: the totals are n and n (n - 1) / 2.
        var total = new double[] { 9, 9 };
        LogParameterFit.SumInChunks(rows, 2, workers, (start, end, sums) =>
        {
            sums[0] = end - start;
            for (int i = start; i < end; i++)
            {
                sums[1] += i;
            }
        }, total);
        total[0].Should().Be(rows);
        total[1].Should().Be(rows * (rows - 1.0) / 2);
    }

    [Fact]
    public void ValueBatch_SpendsOfAnotherLengthOrNegative_ThrowsNamingThem()
    {
        var value = new BgNbdGammaGammaValueModel(BgNbd, BatchPredictionTests.Spend, 0.3);
        var horizon = new ValuationHorizon(20, 0.002) { PeriodLength = 4 };
        var shortSpends = () => value.CustomerValues([1, 2], [1.0, 2.0], [3.0, 4.0], [10.0], horizon, new double[2]);
        shortSpends.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("meanSpend");
        var negative = () => value.CustomerValues([1, 2], [1.0, 2.0], [3.0, 4.0], [10.0, -1.0], horizon, new double[2]);
        negative.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("at index 1");
    }

    [Fact]
    public void Compress_RepeatedHistories_OneWeightedRowPerDistinctHistory()
    {
        // 40 customers cycling through 3 histories (x, t_x, T): (0, 0, 10), (2, 5, 10), (2, 5, 12): by hand 14, 13 and 13 of
        // them, sorted by (x, t_x, T).
        var histories = new (int X, double Tx, double T)[] { (0, 0, 10), (2, 5, 10), (2, 5, 12) };
        var ids = Enumerable.Range(0, 40).Select(i => new ContactMetrics.Domain.CustomerId($"c{i}")).ToArray();
        var summary = RfmSummary.FromColumns(ids, [.. ids.Select((_, i) => histories[i % 3].X)], [.. ids.Select((_, i) => histories[i % 3].Tx)],
            [.. ids.Select((_, i) => histories[i % 3].T)], [], RfmPeriodUnit.Week);
        var compressed = summary.Compress();
        compressed.Count.Should().Be(3);
        compressed.Weight.Should().Equal(14.0, 13.0, 13.0);
        compressed.Frequency.Should().Equal(0, 2, 2);
        compressed.Recency.Should().Equal(0.0, 5.0, 5.0);
        compressed.Age.Should().Equal(10.0, 10.0, 12.0);
    }
}
