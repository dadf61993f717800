using ContactMetrics.Attribution;
using ContactMetrics.Tests.Attribution;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Survivors of the Attribution4 Stryker run on MarkovAttribution.cs (issue #14 item 9, docs/testing.md "Attribution"):
/// the untouched-conversion choice, the model text, the guards on order and state count, cancellation after the chain is
/// built, the value scale and the GMRES path on a chain small enough for the mutation filter. Every expected number is a
/// hand computation on the paths shown, or the Gauss-Seidel solution of the same chain.
/// </summary>
public class AttributionMarkovSurvivorMutationTests
{
    [Fact]
    public void Constructor_UndefinedUntouchedChoice_ThrowsNamingBothChoices()
    {
        var act = () => new MarkovAttribution(untouched: (UntouchedConversions)7);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("Not a defined choice; use CreditDirect or InChain.");
    }

    [Fact]
    public void Fit_InChain_KeepsSingleChannelPathsOfEveryChannelInTheChain()
    {
        // "a > b" converts once, "a" and "b" end in null once each. Transitions: start -> a 2/3, start -> b 1/3; a -> b 1/2,
        // a -> null 1/2; b -> conv 1/2, b -> null 1/2. P(b) = 1/2, P(a) = 1/4, P(start) = 2/3 x 1/4 + 1/3 x 1/2 = 1/3.
        // Without a: 1/3 x 1/2 = 1/6 -> effect 1/2; without b: 0 -> effect 1. One conversion: a 1/3, b 2/3 (hand computation).
        // Leaving the "b" path out of the chain (as CreditDirect does for the direct channel) would give a 1/2, b 1/2.
        var paths = Paths(("a > b", 1, 10, 0), ("a", 0, 0, 1), ("b", 0, 0, 1));

        var fit = new MarkovAttribution(untouched: UntouchedConversions.InChain).Fit(paths);

        fit.ConversionProbability.Should().BeApproximately(1.0 / 3, 1e-12);
        fit.Attribution.ConversionsOf("a").Should().BeApproximately(1.0 / 3, 1e-12);
        fit.Attribution.ConversionsOf("b").Should().BeApproximately(2.0 / 3, 1e-12);
        fit.Attribution.Model.Should().Be("markov (order 1, removal effects; untouched conversions ((direct)) inside the chain; value in the conversion shares)");
    }

    [Fact]
    public void Fit_ValueWeighted_ModelNamesTheValueRule()
    {
        var fit = new MarkovAttribution(valueWeighted: true).Fit(Paths(("a", 1, 10, 0)));

        fit.Attribution.Model.Should().Be("markov (order 1, removal effects; untouched conversions credited to (direct) alone, outside the normalisation; value by removal effects on conversion value (ChannelAttribution))");
    }

    [Fact]
    public void Fit_NoConversions_RemovalEffectsZeroNotNaN()
    {
        // P(conversion) = 0: no removal can lower it, so every effect is 0 (not 1 - 0/0).
        var fit = new MarkovAttribution().Fit(Paths(("a > b", 0, 0, 2), ("b", 0, 0, 1)));

        fit.ConversionProbability.Should().Be(0);
        fit.RemovalEffects.Should().Equal(0.0, 0.0);
    }

    [Fact]
    public void Fit_OrderEightOver234Channels_TooManyStatesToIndex()
    {
        // (234 + 1)^8 = 9.30e18 >= long.MaxValue = 9.22e18 (233^8 = 8.69e18 would fit): keys of 8 digits base 235 overflow.
        var paths = RandomPaths(seed: 1, channels: 234, rows: 3);

        var act = () => new MarkovAttribution(8).Fit(paths);

        act.Should().Throw<ArgumentException>().WithMessage("A Markov chain of order 8 over 234 channels has too many possible states to index; use a lower order.*");
    }

    [Fact]
    public void Fit_StateLimit_ExactCountFitsOneLessThrowsAtTheSecondPath()
    {
        // "a" and "b": two first-order states, one per path.
        var paths = Paths(("a", 1, 10, 0), ("b", 1, 10, 1));

        new MarkovAttribution { StateLimit = 2 }.Fit(paths).StateCount.Should().Be(2);
        var act = () => new MarkovAttribution { StateLimit = 1 }.Fit(paths);

        act.Should().Throw<ArgumentException>().WithMessage("A Markov chain of order 1 over these paths has more than 1 states (reached at path 2 of 2); use a lower order or fewer, shorter paths.*");
    }

    [Fact]
    public void Fit_CancelledAfterTheChainIsBuilt_SolveThrows()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelWhenBuilt(cancellation);

        var act = () => new MarkovAttribution { GaussSeidelOnly = true }.Fit(Paths(("a > b", 1, 10, 1)), progress, cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        progress.Cancelled.Should().BeTrue();
    }

    [Fact]
    public void Fit_CancelledDuringTheBuild_StopsAtTheNextCheck()
    {
        // 5,000 distinct three-touch paths over 20 channels: the build checks the token every 4,096 paths, before its
        // progress report, so a cancel at the first report (path 0) stops it before the report of path 4,096.
        var builder = new PathSummaryBuilder(Enumerable.Range(0, 20).Select(c => $"c{c}"));
        for (int i = 0; i < 5_000; i++)
        {
            builder.Add([$"c{i % 20}", $"c{i / 20 % 20}", $"c{i / 400}"], i % 2, 10 * (i % 2), 1 - (i % 2));
        }
        var paths = builder.Build();
        using var cancellation = new CancellationTokenSource();
        var reports = new List<MarkovFitProgress>();
        var progress = new CancelAtFirstReport(cancellation, reports);

        var act = () => new MarkovAttribution().Fit(paths, progress, cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        paths.Count.Should().Be(5_000);
        reports.Should().ContainSingle().Which.Completed.Should().Be(0);
    }

    [Fact]
    public void Fit_ValueWeighted_RewardIsMeanValuePerConversion()
    {
        // "a" x2 converted worth 20 (mean 10), "b" x1 worth 10 (mean 10), "a > b" x1 null: equal rewards, so the value
        // effects equal the conversion effects. start -> a 3/4, -> b 1/4; a -> conv 2/3, -> b 1/3; b -> conv 1/2, -> null 1/2.
        // P(b) = 1/2, P(a) = 5/6, P = 3/4 x 5/6 + 1/4 x 1/2 = 3/4. Without a: 1/8 -> effect 5/6; without b: 1/2 -> effect 1/3.
        // Value 30 x (5/6) / (7/6) = 150/7 to a, 60/7 to b (hand computation). Value x conversions as the reward (a 40,
        // b 10) would give a 85/3.
        var fit = new MarkovAttribution(valueWeighted: true).Fit(Paths(("a", 2, 20, 0), ("b", 1, 10, 0), ("a > b", 0, 0, 1)));

        fit.Attribution.ValueOf("a").AsDouble().Should().BeApproximately(150.0 / 7, 1e-9);
        fit.Attribution.ValueOf("b").AsDouble().Should().BeApproximately(60.0 / 7, 1e-9);
    }

    [Fact]
    public void Fit_ValueWeighted_ZeroValueEndStateGetsNoValue()
    {
        // "a" converts worth 10, "b" converts worth 0: rewards a 1, b 0 (relative to the largest, 10). V = 1/2 x 1 = 1/2;
        // without a 0 -> effect 1, without b 1/2 -> effect 0: a takes the whole 10 (hand computation). Scaling by the
        // smallest mean (0) would leave no value to share.
        var fit = new MarkovAttribution(valueWeighted: true).Fit(Paths(("a", 1, 10, 0), ("b", 1, 0, 0)));

        fit.Attribution.ValueOf("a").AsDouble().Should().BeApproximately(10, 1e-9);
        fit.Attribution.ValueOf("b").AsDouble().Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void Fit_OneStateChain_TwoGaussSeidelSweepsPerSolve()
    {
        // Chain start -> a -> conv. The backward sweep sets x(a) = 1 then x(start) = 1 (change 1); the second sweep moves
        // nothing: 2 sweeps. Without a, from the full solution: x(start) = 0 (change 1), then nothing: 2 (hand count).
        new MarkovAttribution().Fit(Paths(("a", 1, 10, 0))).Sweeps.Should().Be(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_DenseSmallChain_GmresEqualsGaussSeidel(bool valueWeighted)
    {
        // 400 random paths over 6 channels at order 1: 6 states each with about 5 transitions to other states, enough for
        // GMRES (at least 4 per state); the queue's filter leaves out the slow LongPaths tests that otherwise cover it.
        var paths = RandomPaths(seed: 5, channels: 6, rows: 400);

        var krylov = new MarkovAttribution(valueWeighted: valueWeighted).Fit(paths);
        var gaussSeidel = new MarkovAttribution(valueWeighted: valueWeighted) { GaussSeidelOnly = true }.Fit(paths);

        // Reference: Gauss-Seidel from zero to 1e-15 on the same chain.
        krylov.ConversionProbability.Should().BeApproximately(gaussSeidel.ConversionProbability, 1e-9);
        for (int c = 0; c < paths.Channels.Length; c++)
        {
            krylov.RemovalEffects[c].Should().BeApproximately(gaussSeidel.RemovalEffects[c], 1e-9);
            ((double)krylov.Attribution.Value[c].Amount).Should().BeApproximately((double)gaussSeidel.Attribution.Value[c].Amount, 1e-9 * paths.TotalValueAmount);
        }
        krylov.RemovalEffects.Min().Should().BeGreaterThan(0);
        krylov.Sweeps.Should().BePositive();
        // A broken GMRES falls back to Gauss-Seidel: same result, more passes. GMRES needs fewer passes than Gauss-Seidel here
        // (MarkovSolverTests' long paths: fewer than half; docs/benchmarks.md: 21 against 431).
        krylov.Sweeps.Should().BeLessThan(gaussSeidel.Sweeps, $"Gauss-Seidel took {gaussSeidel.Sweeps}");
    }

    /// <summary>Cancels synchronously at the first report and keeps every report.</summary>
    private sealed class CancelAtFirstReport(CancellationTokenSource cancellation, List<MarkovFitProgress> reports) : IProgress<MarkovFitProgress>
    {
        public void Report(MarkovFitProgress value)
        {
            reports.Add(value);
            cancellation.Cancel();
        }
    }

    /// <summary>Cancels synchronously when the chain's build reports completion (the solves have not started).</summary>
    private sealed class CancelWhenBuilt(CancellationTokenSource cancellation) : IProgress<MarkovFitProgress>
    {
        public bool Cancelled { get; private set; }

        public void Report(MarkovFitProgress value)
        {
            if (value.Step == MarkovFitStep.BuildingChain && value.Completed == value.Total)
            {
                cancellation.Cancel();
                Cancelled = true;
            }
        }
    }
}
