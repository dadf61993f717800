using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

/// <summary>
/// The absorption solves by restarted GMRES, warm-started from the full chain for every removal (issue #18): the same
/// P(conversion), removal effects and credits as Gauss-Seidel from zero (the solver before the change), in far fewer passes
/// over the transitions on long paths.
/// </summary>
public class MarkovSolverTests
{
    /// <summary>Seeded paths of 20-40 touches; conversions depend on channels c0 and c1 so the effects differ.</summary>
    private static PathSummary LongPaths(int count, int seed, int channels)
    {
        var rng = new Random(seed);
        var builder = new PathSummaryBuilder(Enumerable.Range(0, channels).Select(c => $"c{c}"));
        for (int p = 0; p < count; p++)
        {
            var path = new string[20 + rng.Next(21)];
            bool helped = false;
            for (int i = 0; i < path.Length; i++)
            {
                int channel = rng.Next(channels);
                helped |= channel < 2;
                path[i] = $"c{channel}";
            }
            int conversions = rng.NextDouble() < (helped ? 0.6 : 0.2) ? 1 : 0;
            builder.Add(path, conversions, (5 + rng.Next(20)) * conversions, 1 - conversions);
        }
        return builder.Build();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void Fit_LongPaths_EqualToGaussSeidelWithin1e9(int order, bool valueWeighted)
    {
        // 1,500 paths over 10 channels: at most 1,110 third-order states, each reached by many journeys (at least 4 transitions
        // per state), the chains GMRES solves.
        var paths = LongPaths(1_500, seed: 20 + order, channels: 10);

        var krylov = new MarkovAttribution(order, valueWeighted: valueWeighted).Fit(paths);
        var gaussSeidel = new MarkovAttribution(order, valueWeighted: valueWeighted) { GaussSeidelOnly = true }.Fit(paths);

        // Reference: the same chain solved by Gauss-Seidel from zero until no probability moves by more than 1e-15, the
        // solver of every release before this change.
        krylov.ConversionProbability.Should().BeApproximately(gaussSeidel.ConversionProbability, 1e-9);
        for (int c = 0; c < paths.Channels.Length; c++)
        {
            krylov.RemovalEffects[c].Should().BeApproximately(gaussSeidel.RemovalEffects[c], 1e-9, $"removal effect of {paths.Channels[c]}");
            krylov.Attribution.Conversions[c].Should().BeApproximately(gaussSeidel.Attribution.Conversions[c], 1e-9 * paths.TotalConversions);
            ((double)krylov.Attribution.Value[c].Amount).Should().BeApproximately((double)gaussSeidel.Attribution.Value[c].Amount, 1e-9 * paths.TotalValueAmount);
        }
        // The planted channels c0 and c1 raise conversion, so the effects are far from zero and differ between channels:
        // the comparison is not of zeros or of one repeated number.
        krylov.RemovalEffects.Min().Should().BeGreaterThan(0.1);
        (krylov.RemovalEffects.Max() - krylov.RemovalEffects.Min()).Should().BeGreaterThan(0.005);
    }

    [Fact]
    public void Fit_LongPathsOrderTwo_FewerThanHalfThePassesOfGaussSeidel()
    {
        var paths = LongPaths(1_500, seed: 23, channels: 30);

        var krylov = new MarkovAttribution(2).Fit(paths);
        var gaussSeidel = new MarkovAttribution(2) { GaussSeidelOnly = true }.Fit(paths);

        // Each pass (a Krylov product or a Gauss-Seidel sweep) reads every transition once. A 20-40 touch path leaves the
        // chain with probability about 1/30 per step, so Gauss-Seidel's error shrinks by little per sweep; GMRES removes
        // that slow direction in a few products (on 100,000 such paths at order 3: 21 passes against 431, docs/benchmarks.md).
        krylov.Sweeps.Should().BeLessThan(gaussSeidel.Sweeps / 2, $"Gauss-Seidel took {gaussSeidel.Sweeps} sweeps");
        krylov.ConversionProbability.Should().BeApproximately(gaussSeidel.ConversionProbability, 1e-9);
    }
}
