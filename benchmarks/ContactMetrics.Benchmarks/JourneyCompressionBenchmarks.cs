using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Compression of 1,000,000 journeys (paths_1m.csv expanded back to one journey per row, with
/// touches an hour apart) into unique paths with conversions, value and nulls: the library's
/// <see cref="JourneyBuilder.Summarize"/> against a LINQ GroupBy on the joined path text (baseline).
/// </summary>
[MemoryDiagnoser]
public class JourneyCompressionBenchmarks
{
    private Journey[] _journeys = [];

    [GlobalSetup]
    public void Setup()
    {
        PathSummary paths;
        using (var reader = File.OpenText(Path.Combine(CdnowFiles.DataDirectory(), "paths_1m.csv")))
        {
            paths = PathSummaryReader.Read(reader);
        }
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        var journeys = new List<Journey>(1_000_000);
        int customer = 0;
        for (int p = 0; p < paths.Count; p++)
        {
            var channels = paths.Path(p).ToArray().Select(c => paths.Channels[c]).ToArray();
            var touches = channels.Select((c, k) => new JourneyTouch(c, start + Duration.FromHours(k))).ToImmutableArray();
            var end = start + Duration.FromHours(channels.Length);
            double conversions = paths.Conversions[p];
            for (int i = 0; i < conversions; i++)
            {
                var id = new CustomerId("C" + customer++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var value = Math.Round((decimal)(paths.Values[p] / conversions), 2);
                journeys.Add(new Journey(id, touches, new Conversion(id, end, new Money(value, Currency.Usd))));
            }
            for (int i = 0; i < paths.Nulls[p]; i++)
            {
                journeys.Add(new Journey(new CustomerId("C" + customer++.ToString(System.Globalization.CultureInfo.InvariantCulture)), touches, null));
            }
        }
        _journeys = [.. journeys];
        if (Library() != Linq())
        {
            throw new InvalidOperationException("The library and the baseline find different numbers of unique paths.");
        }
    }

    [Benchmark(Baseline = true)]
    public int Linq() => _journeys
        .GroupBy(j => string.Join(" > ", j.Touches.Select(t => t.Channel)))
        .Select(g => (g.Key, Conversions: g.Count(j => j.IsConverted), Value: g.Sum(j => j.Conversion is null ? 0m : j.Conversion.Value.Amount), Nulls: g.Count(j => !j.IsConverted)))
        .Count();

    [Benchmark]
    public int Library() => JourneyBuilder.Summarize(_journeys).Count;
}
