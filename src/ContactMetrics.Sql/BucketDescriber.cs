using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// Turns the bucket key the SQL returns into the bucket's start in its zone and its length, as the in-memory rollup
/// describes them: a calendar bucket (key yyyyMMdd, its first local date) starts at the start of that day in the zone;
/// a sub-day bucket (key: its start in Unix milliseconds) ends at the next local slot boundary.
/// </summary>
internal sealed class BucketDescriber(DateTimeZone zone, TimeBucket bucket)
{
    private readonly Dictionary<long, (ZonedDateTime, Duration)> _described = [];

    public static long SizeMs(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Minutes15 => 15 * 60_000L,
        TimeBucket.Minutes30 => 30 * 60_000L,
        TimeBucket.Hour => 60 * 60_000L,
        _ => 0,
    };

    public (ZonedDateTime Start, Duration Length) Describe(long key)
    {
        if (!_described.TryGetValue(key, out var description))
        {
            description = SizeMs(bucket) > 0 ? SubDay(key) : Calendar(key);
            _described.Add(key, description);
        }
        return description;
    }

    private (ZonedDateTime, Duration) Calendar(long key)
    {
        var first = new LocalDate((int)(key / 10000), (int)(key / 100 % 100), (int)(key % 100));
        var next = bucket switch
        {
            TimeBucket.Day => first.PlusDays(1),
            TimeBucket.Week => first.PlusWeeks(1),
            _ => first.PlusMonths(1),
        };
        var start = zone.AtStartOfDay(first);
        return (start, zone.AtStartOfDay(next).ToInstant() - start.ToInstant());
    }

    private (ZonedDateTime, Duration) SubDay(long startMs)
    {
        long size = SizeMs(bucket);
        var start = Instant.FromUnixTimeMilliseconds(startMs);
        var end = start + Duration.FromMilliseconds(size);
        // Shorter than its size only when the offset changes inside it: it then ends where the new offset's slot begins.
        long offsetAtEnd = (long)zone.GetUtcOffset(end).ToTimeSpan().TotalMilliseconds;
        long endMs = end.ToUnixTimeMilliseconds();
        long boundary = Math.DivRem(endMs + offsetAtEnd, size, out long rest) * size - offsetAtEnd - (rest < 0 ? size : 0);
        if (boundary > startMs && boundary < endMs)
        {
            end = Instant.FromUnixTimeMilliseconds(boundary);
        }
        return (start.InZone(zone), end - start);
    }
}
