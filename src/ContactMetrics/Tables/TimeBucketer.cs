using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Maps Unix-millisecond instants to dense time-bucket indices in local time of a zone, for a
/// known range of instants. Offsets come from the zone's intervals over the range (a handful), so
/// a row costs a short scan and integer arithmetic, never a calendar computation.
/// </summary>
internal sealed class TimeBucketer
{
    private const long MsPerDay = 86_400_000L;
    private readonly DateTimeZone _zone;
    private readonly TimeBucket _bucket;
    private readonly long[] _intervalStartMs;
    private readonly long[] _offsetMs;
    private readonly long _unitMs;
    private readonly long _baseKey;
    private readonly int[]? _monthOfDay;
    private readonly long _firstDay;

    public TimeBucketer(DateTimeZone zone, TimeBucket bucket, long minMs, long maxMs)
    {
        _zone = zone;
        _bucket = bucket;
        var intervals = zone.GetZoneIntervals(Instant.FromUnixTimeMilliseconds(minMs), Instant.FromUnixTimeMilliseconds(maxMs) + Duration.FromMilliseconds(1)).ToArray();
        _intervalStartMs = new long[intervals.Length];
        _offsetMs = new long[intervals.Length];
        for (int k = 0; k < intervals.Length; k++)
        {
            _intervalStartMs[k] = intervals[k].HasStart ? intervals[k].Start.ToUnixTimeMilliseconds() : long.MinValue;
            _offsetMs[k] = intervals[k].WallOffset.Milliseconds;
        }
        long size = SizeMs(bucket);
        if (size > 0)
        {
            // Sub-day buckets are keyed by their start instant, in units that divide the bucket size and every offset.
            long unit = size;
            foreach (long o in _offsetMs)
            {
                unit = Gcd(unit, Math.Abs(o));
            }
            _unitMs = unit;
            _baseKey = FloorDiv(StartMs(minMs), unit);
            Cardinality = checked(FloorDiv(StartMs(maxMs), unit) - _baseKey + 1);
        }
        else
        {
            long firstDay = FloorDiv(minMs + OffsetAt(minMs), MsPerDay);
            long lastDay = FloorDiv(maxMs + OffsetAt(maxMs), MsPerDay);
            _firstDay = firstDay;
            switch (bucket)
            {
                case TimeBucket.Day:
                    _baseKey = firstDay;
                    Cardinality = lastDay - firstDay + 1;
                    break;
                case TimeBucket.Week:
                    // 1970-01-01 was a Thursday: (day + 3) / 7 counts ISO weeks starting on Monday.
                    _baseKey = FloorDiv(firstDay + 3, 7);
                    Cardinality = FloorDiv(lastDay + 3, 7) - _baseKey + 1;
                    break;
                default:
                    var first = EpochDate(firstDay);
                    _baseKey = first.Year * 12L + first.Month - 1;
                    _monthOfDay = new int[checked((int)(lastDay - firstDay + 1))];
                    for (int d = 0; d < _monthOfDay.Length; d++)
                    {
                        var date = first.PlusDays(d);
                        _monthOfDay[d] = (int)(date.Year * 12L + date.Month - 1 - _baseKey);
                    }
                    Cardinality = _monthOfDay[^1] + 1;
                    break;
            }
        }
        Cells = BucketCells.TryBuild(this, _intervalStartMs, _offsetMs, size > 0 ? size : MsPerDay, minMs, maxMs);
    }

    /// <summary>The number of possible bucket indices over the range.</summary>
    public long Cardinality { get; }

    /// <summary>
    /// <see cref="Index"/> of every instant of the range as a table of cells of 2^k milliseconds, each with at most one
    /// step from one bucket to the next (built when the range needs at most <see cref="MaxCells"/> cells); null otherwise.
    /// </summary>
    public BucketCells? Cells { get; }

    /// <summary>The most cells a <see cref="Cells"/> table may have (16 bytes each: it should stay in the core's caches).</summary>
    internal const int MaxCells = 1 << 15;

    public long OffsetAt(long utcMs)
    {
        var starts = _intervalStartMs;
        int k = starts.Length - 1;
        while (k > 0 && utcMs < starts[k])
        {
            k--;
        }
        return _offsetMs[k];
    }

    public long Index(long utcMs)
    {
        long size = SizeMs(_bucket);
        if (size > 0)
        {
            return FloorDiv(StartMs(utcMs), _unitMs) - _baseKey;
        }
        long day = DayOf(utcMs + OffsetAt(utcMs));
        return _bucket switch
        {
            TimeBucket.Day => day - _baseKey,
            TimeBucket.Week => FloorDiv(day + 3, 7) - _baseKey,
            _ => _monthOfDay![day - _firstDay],
        };
    }

    private readonly Dictionary<long, (ZonedDateTime, Duration)> _described = [];

    /// <summary>The start of bucket <paramref name="index"/> in the zone, and its length (computed once per bucket; not thread-safe).</summary>
    public (ZonedDateTime Start, Duration Length) Describe(long index)
    {
        if (!_described.TryGetValue(index, out var description))
        {
            description = DescribeUncached(index);
            _described.Add(index, description);
        }
        return description;
    }

    private (ZonedDateTime Start, Duration Length) DescribeUncached(long index)
    {
        long size = SizeMs(_bucket);
        if (size > 0)
        {
            var start = Instant.FromUnixTimeMilliseconds((_baseKey + index) * _unitMs);
            var zoned = start.InZone(_zone);
            // The bucket ends at the next local boundary: normally start + size, shorter only if the offset changes inside it.
            var end = start + Duration.FromMilliseconds(size);
            long endLocalFloor = FloorDiv(end.ToUnixTimeMilliseconds() + OffsetAt(end.ToUnixTimeMilliseconds()), size) * size - OffsetAt(end.ToUnixTimeMilliseconds());
            if (endLocalFloor > start.ToUnixTimeMilliseconds() && endLocalFloor < end.ToUnixTimeMilliseconds())
            {
                end = Instant.FromUnixTimeMilliseconds(endLocalFloor);
            }
            return (zoned, end - start);
        }
        LocalDate first, next;
        switch (_bucket)
        {
            case TimeBucket.Day:
                first = EpochDate(_baseKey + index);
                next = first.PlusDays(1);
                break;
            case TimeBucket.Week:
                first = EpochDate((_baseKey + index) * 7 - 3);
                next = first.PlusDays(7);
                break;
            default:
                long month = _baseKey + index;
                first = new LocalDate((int)(month / 12), (int)(month % 12) + 1, 1);
                next = first.PlusMonths(1);
                break;
        }
        var startOfBucket = _zone.AtStartOfDay(first);
        return (startOfBucket, _zone.AtStartOfDay(next).ToInstant() - startOfBucket.ToInstant());
    }

    private long StartMs(long utcMs)
    {
        long offset = OffsetAt(utcMs);
        long size = SizeMs(_bucket);
        return FloorDivFast(utcMs + offset, size) * size - offset;
    }

    /// <summary>The day number of a local millisecond count: a double division corrected to the exact floor (64-bit integer division is the slow part of a row).</summary>
    private static long DayOf(long localMs) => FloorDivFast(localMs, MsPerDay);

    private static long FloorDivFast(long a, long b)
    {
        long q = (long)Math.Floor((double)a / b);
        // The double quotient can be off by one near a multiple of b; step to the exact floor.
        if (q * b > a)
        {
            q--;
        }
        else if ((q + 1) * b <= a)
        {
            q++;
        }
        return q;
    }

    private static long SizeMs(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Minutes15 => 15 * 60_000L,
        TimeBucket.Minutes30 => 30 * 60_000L,
        TimeBucket.Hour => 60 * 60_000L,
        _ => 0,
    };

    private static LocalDate EpochDate(long day) => new LocalDate(1970, 1, 1).PlusDays(checked((int)day));

    internal static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}

/// <summary>
/// A time bucketer's <see cref="TimeBucketer.Index"/> as a lookup table: the range of instants is cut into cells of 2^k
/// milliseconds, shorter than any bucket boundary step, and each cell holds its bucket before and after its one step (if
/// any). A row then costs a shift, one 16-byte load and a comparison instead of a zone-offset search and a division. The
/// table is built by evaluating <see cref="TimeBucketer.Index"/> itself at every point where it can change (cell starts,
/// zone transitions and local bucket boundaries), so the two agree on every instant of the range.
/// </summary>
internal sealed class BucketCells
{
    private readonly Cell[] _cells;
    private readonly long _origin;
    private readonly int _shift;

    private BucketCells(Cell[] cells, long origin, int shift)
    {
        _cells = cells;
        _origin = origin;
        _shift = shift;
    }

    /// <summary>The bucket index of <paramref name="utcMs"/>, which must lie in the bucketer's range.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Index(long utcMs)
    {
        ref readonly var cell = ref _cells[(int)((ulong)(utcMs - _origin) >> _shift)];
        return utcMs < cell.StepAt ? cell.Before : cell.After;
    }

    /// <summary>
    /// The table for instants [<paramref name="minMs"/>, <paramref name="maxMs"/>], or null if it would need more than
    /// <see cref="TimeBucketer.MaxCells"/> cells, an index does not fit an int, or a cell would step twice (a zone whose
    /// clocks go back across a boundary).
    /// </summary>
    public static BucketCells? TryBuild(TimeBucketer bucketer, long[] intervalStartMs, long[] offsetMs, long stepMs, long minMs, long maxMs)
    {
        if (bucketer.Cardinality > int.MaxValue)
        {
            return null;
        }
        // Cells no longer than half a step: a piece of one offset then holds at most one local boundary.
        int shift = 62 - System.Numerics.BitOperations.LeadingZeroCount((ulong)stepMs);
        if (shift < 1 || maxMs - minMs >= (long)TimeBucketer.MaxCells << shift)
        {
            return null;
        }
        long cellMs = 1L << shift;
        var cells = new Cell[(int)((maxMs - minMs) >> shift) + 1];
        var points = new List<long>();
        for (int c = 0; c < cells.Length; c++)
        {
            long start = minMs + c * cellMs, end = Math.Min(start + cellMs, maxMs + 1);
            points.Clear();
            for (int k = 0; k < intervalStartMs.Length; k++)
            {
                long pieceStart = Math.Max(start, intervalStartMs[k]);
                long pieceEnd = Math.Min(end, k + 1 < intervalStartMs.Length ? intervalStartMs[k + 1] : long.MaxValue);
                if (pieceStart >= pieceEnd)
                {
                    continue;
                }
                points.Add(pieceStart);
                // The local boundaries in this piece: instants t with t + offset a multiple of the step.
                for (long t = (TimeBucketer.FloorDiv(pieceStart + offsetMs[k] - 1, stepMs) + 1) * stepMs - offsetMs[k]; t < pieceEnd; t += stepMs)
                {
                    points.Add(t);
                }
            }
            points.Sort();
            int before = (int)bucketer.Index(start), after = before;
            long stepAt = long.MaxValue;
            foreach (long t in points)
            {
                int value = (int)bucketer.Index(t);
                if (value == after)
                {
                    continue;
                }
                if (stepAt != long.MaxValue)
                {
                    return null;
                }
                stepAt = t;
                after = value;
            }
            cells[c] = new Cell(stepAt, before, after);
        }
        return new BucketCells(cells, minMs, shift);
    }

    private readonly record struct Cell(long StepAt, int Before, int After);
}
