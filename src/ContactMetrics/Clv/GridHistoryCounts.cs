using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ContactMetrics.Clv;

/// <summary>
/// The distinct (x, t_x, T) histories of a batch with their counts, for histories whose times lie on the grid k / d of the
/// summary's period (d its length in days: t = days / d, as <see cref="RfmSummaryBuilder"/> computes them) and whose numbers
/// are small: x below 255 and k below 4,096. Such a history is one 32-bit key, x, k(t_x) and k(T) side by side, and the
/// table holds the key and its count in one 64-bit entry (16 KB for CDNOW's 1,016 rows): one multiplicative hash, one
/// 8-byte read and write a customer, the keys found four customers at a time. The other histories are left to the caller
/// (<see cref="HistoryCounts"/>, keyed by the times' bits), so every batch is counted exactly.
/// </summary>
/// <remarks>
/// A time t is on the grid when k = round(t d) is below 4,096 and t equals k / d computed as the builder computes it
/// (<see cref="Grid"/>): t is then a function of k, so distinct histories have distinct keys, and since k / d increases with
/// k, the keys sort as the histories do, by (x, t_x, T). -0.0 is on the grid as 0.0 (they compare equal). On the 235,700
/// customers of CDNOW replicated 100 times: 0.71-0.79 ms against <see cref="HistoryCounts"/>' 1.04-1.1 ms (a scratch harness
/// outside the repository, fastest and median of 41 runs; docs/benchmarks.md, issue #18).
/// </remarks>
internal sealed class GridHistoryCounts
{
    /// <summary>The bits of each time's grid number.</summary>
    internal const int TimeBits = 12;

    /// <summary>The bits of a frequency.</summary>
    internal const int FrequencyBits = 8;

    /// <summary>The frequencies counted here are below this: 255, so that key + 1 (x in the top 8 bits) never wraps to 0.</summary>
    internal const int FrequencyLimit = (1 << FrequencyBits) - 1;

    /// <summary>The number of grid times: 4,096 (585 weeks, 11 years of days, 341 months).</summary>
    internal const int GridLength = 1 << TimeBits;

    private const int InitialBits = 6;

    /// <summary>Each entry: key + 1 in the low 32 bits (0: empty), the count in the high 32.</summary>
    private ulong[] _table = new ulong[1 << InitialBits];

    private int _shift = 32 - InitialBits;

    private static readonly double[]?[] Grids = new double[]?[3];

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The grid of a period unit: k / d for k below <see cref="GridLength"/>, d the unit's length in days.</summary>
    internal static double[] Grid(RfmPeriodUnit period)
    {
        int unit = (int)period;
        var grid = Grids[unit];
        if (grid is null)
        {
            double days = period.Days();
            grid = new double[GridLength];
            for (int k = 0; k < grid.Length; k++)
            {
                // The builder's (last - first) / PeriodDays: an integer number of days over the same double.
                grid[k] = k / days;
            }
            Grids[unit] = grid;
        }
        return grid;
    }

    /// <summary>
    /// Counts the histories [<paramref name="start"/>, ...) four at a time while every time of a group of four is on
    /// <paramref name="grid"/> (of <paramref name="days"/> per period) and every frequency is below 255; returns the index
    /// of the first customer not counted (the start of the group that was not on the grid, or of the last partial group).
    /// Without 256-bit vectors and AVX, counts none.
    /// </summary>
    /// <exception cref="ArgumentException">The time columns are shorter than the frequencies (the loads below are unchecked).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddGroups(ReadOnlySpan<int> frequency, ReadOnlySpan<double> first, ReadOnlySpan<double> second, double days, double[] grid, int start)
    {
        if (first.Length < frequency.Length || second.Length < frequency.Length)
        {
            throw new ArgumentException($"Every column must have an entry per frequency ({frequency.Length}); the times have {first.Length} and {second.Length}.", nameof(first));
        }
        if (!(Vector256.IsHardwareAccelerated && Avx.IsSupported))
        {
            return start;
        }
        var daysV = Vector256.Create(days);
        var half = Vector256.Create(0.5);
        var timeLimit = Vector128.Create((uint)GridLength);
        var frequencyLimit = Vector128.Create((uint)FrequencyLimit);
        ref int x0 = ref MemoryMarshal.GetReference(frequency);
        ref double f0 = ref MemoryMarshal.GetReference(first);
        ref double s0 = ref MemoryMarshal.GetReference(second);
        int i = start;
        for (; i <= frequency.Length - 4; i += 4)
        {
            var f = Vector256.LoadUnsafe(ref f0, (nuint)i);
            var s = Vector256.LoadUnsafe(ref s0, (nuint)i);
            var x = Vector128.LoadUnsafe(ref x0, (nuint)i);
            // k = round(t d), t >= 0; out of range (and saturated) numbers fail the unsigned comparison.
            var kf = Avx.ConvertToVector128Int32WithTruncation(f * daysV + half);
            var ks = Avx.ConvertToVector128Int32WithTruncation(s * daysV + half);
            var inRange = Vector128.LessThan(kf.AsUInt32(), timeLimit) & Vector128.LessThan(ks.AsUInt32(), timeLimit) & Vector128.LessThan(x.AsUInt32(), frequencyLimit);
            if (inRange != Vector128<uint>.AllBitsSet)
            {
                break;
            }
            var onGridF = Vector256.Create(grid[kf.GetElement(0)], grid[kf.GetElement(1)], grid[kf.GetElement(2)], grid[kf.GetElement(3)]);
            var onGridS = Vector256.Create(grid[ks.GetElement(0)], grid[ks.GetElement(1)], grid[ks.GetElement(2)], grid[ks.GetElement(3)]);
            if ((Vector256.Equals(onGridF, f) & Vector256.Equals(onGridS, s)).AsUInt64() != Vector256<ulong>.AllBitsSet)
            {
                break;
            }
            var key = (x << (2 * TimeBits) | kf << TimeBits | ks).AsUInt32();
            Add(key.GetElement(0));
            Add(key.GetElement(1));
            Add(key.GetElement(2));
            Add(key.GetElement(3));
        }
        return i;
    }

    /// <summary>Counts the history when its times are on <paramref name="grid"/> and x is below 255; returns whether it did.</summary>
    public bool TryAdd(int x, double first, double second, double days, double[] grid)
    {
        int kf = (int)(first * days + 0.5), ks = (int)(second * days + 0.5);
        if ((uint)kf >= GridLength || (uint)ks >= GridLength || (uint)x >= FrequencyLimit || grid[kf] != first || grid[ks] != second)
        {
            return false;
        }
        Add((uint)(x << (2 * TimeBits) | kf << TimeBits | ks));
        return true;
    }

    /// <summary>The keys (ascending: by x, then t_x, then T) and their counts.</summary>
    public (uint[] Keys, double[] Counts) SortedKeys()
    {
        var keys = new uint[Count];
        var counts = new double[Count];
        int k = 0;
        foreach (ulong entry in _table)
        {
            if (entry != 0)
            {
                keys[k] = (uint)entry - 1;
                counts[k] = entry >> 32;
                k++;
            }
        }
        Array.Sort(keys, counts);
        return (keys, counts);
    }

    /// <summary>The frequency of a key.</summary>
    internal static int X(uint key) => (int)(key >> (2 * TimeBits));

    /// <summary>The grid number of the first time of a key.</summary>
    internal static int FirstNumber(uint key) => (int)(key >> TimeBits) & (GridLength - 1);

    /// <summary>The grid number of the second time of a key.</summary>
    internal static int SecondNumber(uint key) => (int)key & (GridLength - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(uint key)
    {
        uint stored = key + 1;
        var table = _table;
        int mask = table.Length - 1;
        int at = Hash(stored, _shift);
        while (true)
        {
            ref ulong entry = ref table[at];
            if ((uint)entry == stored)
            {
                entry += 1UL << 32;
                return;
            }
            if (entry == 0)
            {
                entry = stored | 1UL << 32;
                if (2 * ++Count > table.Length)
                {
                    Grow();
                }
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// <summary>The top bits (32 - <paramref name="shift"/>) of the key times an odd constant (Fibonacci hashing, Knuth 6.4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint stored, int shift) => (int)((stored * 0x9E3779B1u) >> shift);

    /// <summary>Doubles the table and places every entry again by one more bit of its hash.</summary>
    private void Grow()
    {
        var old = _table;
        _table = new ulong[2 * old.Length];
        _shift--;
        int mask = _table.Length - 1;
        foreach (ulong entry in old)
        {
            if (entry == 0)
            {
                continue;
            }
            int at = Hash((uint)entry, _shift);
            while (_table[at] != 0)
            {
                at = (at + 1) & mask;
            }
            _table[at] = entry;
        }
    }
}
