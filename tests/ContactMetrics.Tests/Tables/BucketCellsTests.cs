using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Tests.Tables;

/// <summary>The bucket lookup table of a <see cref="TimeBucketer"/> gives the bucketer's own index at every instant.</summary>
public class BucketCellsTests
{
    public static TheoryData<string, string, string, TimeBucket> Cases => new()
    {
        // Amsterdam: clocks change at 01:00 UTC on the last Sundays of March and October (tzdb).
        { "Europe/Amsterdam", "2024-01-01", "2026-01-01", TimeBucket.Day },
        { "Europe/Amsterdam", "2024-01-01", "2026-01-01", TimeBucket.Week },
        { "Europe/Amsterdam", "2024-01-01", "2026-01-01", TimeBucket.Month },
        { "Europe/Amsterdam", "2025-03-01", "2025-11-30", TimeBucket.Hour },
        { "Europe/Amsterdam", "2025-03-20", "2025-04-10", TimeBucket.Minutes15 },
        // Sao Paulo until 2019: DST began at local midnight (00:00 -> 01:00), so some days start at 01:00 (tzdb).
        { "America/Sao_Paulo", "2015-01-01", "2019-06-01", TimeBucket.Day },
        { "America/Sao_Paulo", "2017-09-01", "2018-04-01", TimeBucket.Hour },
        // Lord Howe Island: a 30-minute DST shift (+10:30 / +11, tzdb).
        { "Australia/Lord_Howe", "2023-01-01", "2025-01-01", TimeBucket.Day },
        { "Australia/Lord_Howe", "2024-03-25", "2024-04-20", TimeBucket.Minutes30 },
        // Kathmandu: +05:45, no DST.
        { "Asia/Kathmandu", "2024-01-01", "2024-03-01", TimeBucket.Minutes15 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cells_AgreeWithIndex_AtRandomInstantsTransitionsAndBoundaries(string zoneId, string from, string to, TimeBucket bucket)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        long min = Instant.FromDateTimeOffset(DateTimeOffset.Parse(from + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds() + 1234;
        long max = Instant.FromDateTimeOffset(DateTimeOffset.Parse(to + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds() - 777;
        var bucketer = new TimeBucketer(zone, bucket, min, max);
        var cells = bucketer.Cells;
        cells.Should().NotBeNull("the range needs at most 32,768 cells");
        var instants = new List<long> { min, max };
        var rng = new Random(5);
        for (int k = 0; k < 20_000; k++)
        {
            instants.Add(min + (long)(rng.NextDouble() * (max - min)));
        }
        // Around every zone transition and every local bucket start in the range.
        foreach (var interval in zone.GetZoneIntervals(Instant.FromUnixTimeMilliseconds(min), Instant.FromUnixTimeMilliseconds(max)))
        {
            if (interval.HasStart)
            {
                instants.AddRange(Around(interval.Start.ToUnixTimeMilliseconds()));
            }
        }
        for (long index = 0; index < bucketer.Cardinality; index++)
        {
            instants.AddRange(Around(bucketer.Describe(index).Start.ToInstant().ToUnixTimeMilliseconds()));
        }
        foreach (long t in instants.Where(t => t >= min && t <= max))
        {
            cells!.Index(t).Should().Be((int)bucketer.Index(t), $"at {Instant.FromUnixTimeMilliseconds(t)}");
        }
    }

    [Fact]
    public void Cells_AreNotBuilt_WhenTheRangeNeedsTooManyCells()
    {
        // Two years of 15-minute buckets: cells of 2^18 ms (under half a bucket) would number about 240,000.
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        long min = Instant.FromUtc(2024, 1, 1, 0, 0).ToUnixTimeMilliseconds(), max = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds();
        new TimeBucketer(zone, TimeBucket.Minutes15, min, max).Cells.Should().BeNull();
        new TimeBucketer(zone, TimeBucket.Day, min, max).Cells.Should().NotBeNull();
    }

    private static IEnumerable<long> Around(long t) => [t - 1, t, t + 1];
}
