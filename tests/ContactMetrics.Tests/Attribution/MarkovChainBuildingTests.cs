using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

/// <summary>
/// Building the Markov chain: the mixed key hash gives the same chain as the default one, the state limit is checked as
/// states are created, and a fit reports progress and can be cancelled (issue #18).
/// </summary>
public class MarkovChainBuildingTests
{
    /// <summary>Seeded long paths over 30 channels (20-40 touches each), almost all unique: the case that was quadratic.</summary>
    private static PathSummary LongPaths(int count, int seed = 18)
    {
        var rng = new Random(seed);
        var builder = new PathSummaryBuilder(Enumerable.Range(0, 30).Select(c => $"c{c}"));
        for (int p = 0; p < count; p++)
        {
            var path = new string[20 + rng.Next(21)];
            for (int i = 0; i < path.Length; i++)
            {
                path[i] = $"c{rng.Next(30)}";
            }
            int conversions = rng.Next(2);
            builder.Add(path, conversions, 10 * conversions, 1 - conversions);
        }
        return builder.Build();
    }

    [Fact]
    public void Fit_LongUniquePathsOrderThree_SameChainAsWithTheUnmixedHash()
    {
        var paths = LongPaths(400);
        var mixed = new MarkovAttribution(3).Fit(paths);
        var unmixed = new MarkovAttribution(3) { UnmixedKeyHash = true }.Fit(paths);

        // The hash changes where keys sit, not the chain: the same states and, solved the same way, the same effects.
        mixed.StateCount.Should().Be(unmixed.StateCount);
        mixed.StateCount.Should().BeGreaterThan(5_000, "20-40 touches over 30 channels make mostly new third-order states");
        mixed.ConversionProbability.Should().Be(unmixed.ConversionProbability);
        mixed.RemovalEffects.Should().Equal(unmixed.RemovalEffects);
    }

    [Fact]
    public void Fit_MoreStatesThanTheLimit_ThrowsWhenTheStateAfterTheLimitIsCreated()
    {
        // Order 8 over these paths creates a new state at almost every touch, so 1,000 states are passed within the first
        // 50 paths (20-40 touches each).
        var paths = LongPaths(2_000);
        var model = new MarkovAttribution(8) { StateLimit = 1_000 };

        var act = () => model.Fit(paths);

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("paths");
        error.Message.Should().Contain("more than 1,000 states").And.Contain("of 2,000");
        int reachedAt = int.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"reached at path (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        reachedAt.Should().BeLessThan(60, "the limit is checked as each state is created, not after the chain is built");
    }

    [Fact]
    public void Fit_WithProgress_ReportsEveryStepToItsTotal()
    {
        var paths = AttributionFixtures.RandomPaths(seed: 3, channels: 6, rows: 20_000);
        paths.Count.Should().BeGreaterThan(4_096, "the test needs a report in the middle of the build");
        var progress = new Recorder();

        var fit = new MarkovAttribution(2).Fit(paths, progress, CancellationToken.None);

        var building = progress.Reports.Where(r => r.Step == MarkovFitStep.BuildingChain).ToList();
        var solving = progress.Reports.Where(r => r.Step == MarkovFitStep.SolvingRemovalEffects).ToList();
        // Every 4,096 paths while building (before paths 0, 4,096, ...), then once at the end; one report per solve:
        // the full chain and one per removed channel, 1 + 6.
        var expected = Enumerable.Range(0, (paths.Count + 4_095) / 4_096).Select(i => i * 4_096).Append(paths.Count);
        building.Select(r => r.Completed).Should().Equal(expected);
        building.Should().OnlyContain(r => r.Total == paths.Count);
        building.Select(r => r.States).Should().BeInAscendingOrder();
        solving.Select(r => r.Completed).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        solving.Should().OnlyContain(r => r.Total == 7 && r.States == fit.StateCount);
        progress.Reports.IndexOf(building[^1]).Should().BeLessThan(progress.Reports.IndexOf(solving[0]));
    }

    [Fact]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        var paths = AttributionFixtures.RandomPaths(seed: 4, channels: 4, rows: 100);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => new MarkovAttribution(1).Fit(paths, null, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<MarkovFitProgress>
    {
        public List<MarkovFitProgress> Reports { get; } = [];

        public void Report(MarkovFitProgress value) => Reports.Add(value);
    }
}
