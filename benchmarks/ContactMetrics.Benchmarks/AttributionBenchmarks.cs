using BenchmarkDotNet.Attributes;
using ContactMetrics.Attribution;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Attribution on paths_1m.csv (1,000,000 journeys over 20 channels, 142,669 unique paths). The baseline
/// expands the summary back into one row per journey and computes first-touch, last-touch and linear credits
/// with LINQ group-bys (what a first implementation over raw journeys does); the library's models run on the
/// compressed <see cref="PathSummary"/>.
/// </summary>
public class AttributionBenchmarks
{
    private PathSummary _paths = null!;
    private ExpandedJourney[] _journeys = [];
    private string _file = "";

    private sealed record ExpandedJourney(string[] Path, bool Converted, double Value);

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(CdnowFiles.DataDirectory(), "paths_1m.csv");
        _paths = ReadPaths();
        var journeys = new List<ExpandedJourney>(1_000_000);
        for (int p = 0; p < _paths.Count; p++)
        {
            string[] path = _paths.PathText(p).Split(PathSummaryReader.DefaultSeparator);
            double conversions = _paths.Conversions[p];
            for (int i = 0; i < conversions; i++)
            {
                journeys.Add(new ExpandedJourney(path, true, _paths.Values[p] / conversions));
            }
            for (int i = 0; i < _paths.Nulls[p]; i++)
            {
                journeys.Add(new ExpandedJourney(path, false, 0));
            }
        }
        _journeys = [.. journeys];

        double naiveLast = NaiveHeuristics().Where(r => r.Model == "last").Sum(r => r.Conversions);
        double last = new LastTouchAttribution().Attribute(_paths).TotalConversions;
        if (Math.Abs(naiveLast - last) > 1e-6 * last)
        {
            throw new InvalidOperationException($"The baseline and the library disagree on last-touch conversions: {naiveLast} vs {last}.");
        }
    }

    [Benchmark]
    public PathSummary ReadPaths()
    {
        using var reader = File.OpenText(_file);
        return PathSummaryReader.Read(reader);
    }

    [Benchmark(Baseline = true)]
    public List<(string Model, string Channel, double Conversions, double Value)> NaiveHeuristics()
    {
        var converted = _journeys.Where(j => j.Converted);
        var first = converted.GroupBy(j => j.Path[0]).Select(g => ("first", g.Key, (double)g.Count(), g.Sum(j => j.Value)));
        var last = converted.GroupBy(j => j.Path[^1]).Select(g => ("last", g.Key, (double)g.Count(), g.Sum(j => j.Value)));
        var linear = converted
            .SelectMany(j => j.Path.Select(c => (Channel: c, Share: 1.0 / j.Path.Length, j.Value)))
            .GroupBy(t => t.Channel)
            .Select(g => ("linear", g.Key, g.Sum(t => t.Share), g.Sum(t => t.Share * t.Value)));
        return [.. first.Concat(last).Concat(linear)];
    }

    [Benchmark]
    public double Heuristics() =>
        new FirstTouchAttribution().Attribute(_paths).TotalConversions
        + new LastTouchAttribution().Attribute(_paths).TotalConversions
        + new LinearAttribution().Attribute(_paths).TotalConversions
        + new PositionBasedAttribution().Attribute(_paths).TotalConversions;

    [Benchmark]
    public MarkovAttributionResult MarkovOrder1() => new MarkovAttribution(1).Fit(_paths);

    [Benchmark]
    public MarkovAttributionResult MarkovOrder2() => new MarkovAttribution(2).Fit(_paths);

    [Benchmark]
    public AttributionResult ShapleyExact() => new ShapleyAttribution(ShapleyForm.Exact).Attribute(_paths);

    [Benchmark]
    public AttributionResult ShapleyPerConversion() => new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(_paths);
}
