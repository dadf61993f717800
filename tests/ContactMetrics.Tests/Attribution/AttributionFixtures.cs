using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Attribution;

internal static class AttributionFixtures
{
    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 0, 0);

    public static readonly CustomerId Alice = new("alice");

    /// <summary>A summary from rows such as ("ads > mail", 1, 10, 0).</summary>
    public static PathSummary Paths(params (string Path, double Conversions, double Value, double Nulls)[] rows)
    {
        var builder = new PathSummaryBuilder();
        foreach (var row in rows)
        {
            builder.Add(row.Path.Split(" > "), row.Conversions, row.Value, row.Nulls);
        }
        return builder.Build();
    }

    /// <summary>Seeded random paths over channels c0..c(n-1): 1-6 touches, 0-5 conversions, 0-5 nulls.</summary>
    public static PathSummary RandomPaths(int seed, int channels, int rows)
    {
        var rng = new Random(seed);
        var builder = new PathSummaryBuilder(Enumerable.Range(0, channels).Select(Name));
        for (int r = 0; r < rows; r++)
        {
            var path = new string[1 + rng.Next(6)];
            for (int i = 0; i < path.Length; i++)
            {
                path[i] = Name(rng.Next(channels));
            }
            int conversions = rng.Next(6);
            builder.Add(path, conversions, Math.Round(conversions * 50 * rng.NextDouble(), 2), rng.Next(6));
        }
        return builder.Build();
    }

    /// <summary>The same summary with channel names permuted: channel i is renamed to the name of channel perm[i].</summary>
    public static PathSummary Relabel(PathSummary paths, int[] perm)
    {
        var builder = new PathSummaryBuilder(paths.Channels);
        for (int p = 0; p < paths.Count; p++)
        {
            var path = paths.Path(p);
            var names = new string[path.Length];
            for (int i = 0; i < path.Length; i++)
            {
                names[i] = paths.Channels[perm[path[i]]];
            }
            builder.Add(names, paths.Conversions[p], paths.Values[p], paths.Nulls[p]);
        }
        return builder.Build();
    }

    public static string Name(int channel) => $"c{channel}";
}
