using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ContactMetrics.Attribution;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Markov chains on long, mostly unique paths (issue #18): seeded paths of 20-40 touches over 30 channels, fitted at order 3
/// (100,000 paths, the ChannelAttribution comparison) and order 8 (5,000 paths, about 140,000 states). Baselines: at
/// order 3 the same fit solved by Gauss-Seidel from zero (before the GMRES solver); at order 8 the same fit with the chain's
/// 64-bit keys hashed by the default <see cref="long"/> hash (the XOR of the halves, as before the keys were mixed), which
/// sends consecutive (from, to) transitions to a handful of buckets.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MarkovChainBenchmarks
{
    private PathSummary _order3Paths = null!;
    private PathSummary _order8Paths = null!;
    private PathSummary _overTheLimit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _order3Paths = LongPaths(100_000, seed: 3);
        _order8Paths = LongPaths(5_000, seed: 8);
        _overTheLimit = LongPaths(75_000, seed: 9);
    }

    /// <summary>Seeded paths of 20-40 touches over 30 channels, half converting.</summary>
    internal static PathSummary LongPaths(int count, int seed)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, 30).Select(c => $"channel{c}").ToArray();
        var builder = new PathSummaryBuilder(names);
        var path = new string[40];
        for (int p = 0; p < count; p++)
        {
            int length = 20 + rng.Next(21);
            for (int i = 0; i < length; i++)
            {
                path[i] = names[rng.Next(names.Length)];
            }
            int conversions = rng.Next(2);
            builder.Add(path.AsSpan(0, length), conversions, 10 * conversions, 1 - conversions);
        }
        return builder.Build();
    }

    /// <summary>The baseline at order 3: the absorption solves by Gauss-Seidel from zero, as before the GMRES solver (issue #18 item 2).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("order 3, 100k paths")]
    public MarkovAttributionResult Order3GaussSeidel() => new MarkovAttribution(3) { GaussSeidelOnly = true }.Fit(_order3Paths);

    [Benchmark, BenchmarkCategory("order 3, 100k paths")]
    public MarkovAttributionResult Order3() => new MarkovAttribution(3).Fit(_order3Paths);

    [Benchmark(Baseline = true), BenchmarkCategory("order 8, 5k paths")]
    public MarkovAttributionResult Order8UnmixedHash() => new MarkovAttribution(8) { UnmixedKeyHash = true }.Fit(_order8Paths);

    [Benchmark, BenchmarkCategory("order 8, 5k paths")]
    public MarkovAttributionResult Order8() => new MarkovAttribution(8).Fit(_order8Paths);

    /// <summary>
    /// Order 8 on 75,000 such paths: about 2.2 million states, over <see cref="MarkovAttribution.MaxStates"/>; the fit must
    /// fail with the limit's message as the state after the limit is created (before the mixed hash it neither failed nor
    /// finished in 600 s). No baseline: the unmixed hash does not finish in a benchmark's time.
    /// </summary>
    [Benchmark, BenchmarkCategory("order 8, over the state limit")]
    public string Order8OverTheStateLimit()
    {
        try
        {
            return new MarkovAttribution(8).Fit(_overTheLimit).StateCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
