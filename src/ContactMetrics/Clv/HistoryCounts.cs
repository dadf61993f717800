using System.Runtime.CompilerServices;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The distinct (x, t1, t2) keys of a batch, numbered in order of first appearance, each with the number of times it was
/// added: the weighted unique rows of a fit, (x, t_x, T) for the transaction models and (x, zbar, 0) for Gamma-Gamma. One
/// open-addressing table keyed by x and the bits of both times, mixed (the finalizer of MurmurHash3), so that a customer costs
/// one hash and one probe. Times are compared as values: -0.0 is 0.0 (NaN is never added: the rows are checked first).
/// </summary>
internal sealed class HistoryCounts
{
    private int[] _table = new int[64];
    private int[] _x = new int[16];
    private long[] _firstBits = new long[16];
    private long[] _secondBits = new long[16];
    private double[] _count = new double[16];

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The frequency of key <paramref name="k"/>.</summary>
    public int X(int k) => _x[k];

    /// <summary>The first time of key <paramref name="k"/>.</summary>
    public double First(int k) => BitConverter.Int64BitsToDouble(_firstBits[k]);

    /// <summary>The second time of key <paramref name="k"/>.</summary>
    public double Second(int k) => BitConverter.Int64BitsToDouble(_secondBits[k]);

    /// <summary>The counts of the keys, in order of first appearance.</summary>
    public double[] Weights() => _count.AsSpan(0, Count).ToArray();

    /// <summary>Adds the keys (frequency[i], first[i], second[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> frequency, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        for (int i = 0; i < frequency.Length; i++)
        {
            _ = Add(frequency[i], first[i], second[i]);
        }
    }

    /// <summary>Adds the key (x, first, second) once; returns its number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(int x, double first, double second)
    {
        // +0.0 turns -0.0 into 0.0, so equal times share a key.
        long firstBits = BitConverter.DoubleToInt64Bits(first + 0.0), secondBits = BitConverter.DoubleToInt64Bits(second + 0.0);
        int mask = _table.Length - 1;
        int at = Hash(x, firstBits, secondBits) & mask;
        while (true)
        {
            int entry = _table[at] - 1;
            if (entry < 0)
            {
                return Insert(at, x, firstBits, secondBits);
            }
            if (_x[entry] == x && _firstBits[entry] == firstBits && _secondBits[entry] == secondBits)
            {
                _count[entry] += 1;
                return entry;
            }
            at = (at + 1) & mask;
        }
    }

    private static int Hash(int x, long firstBits, long secondBits)
        => (int)BitMixing.Mix64((ulong)firstBits * 0x9E3779B97F4A7C15UL + (ulong)secondBits ^ ((ulong)(uint)x << 52 | (uint)x));

    private int Insert(int at, int x, long firstBits, long secondBits)
    {
        int slot = Count++;
        if (slot == _x.Length)
        {
            Array.Resize(ref _x, 2 * slot);
            Array.Resize(ref _firstBits, 2 * slot);
            Array.Resize(ref _secondBits, 2 * slot);
            Array.Resize(ref _count, 2 * slot);
        }
        _x[slot] = x;
        _firstBits[slot] = firstBits;
        _secondBits[slot] = secondBits;
        _count[slot] = 1;
        _table[at] = slot + 1;
        if (2 * Count > _table.Length)
        {
            _table = new int[2 * _table.Length];
            int mask = _table.Length - 1;
            for (int k = 0; k < Count; k++)
            {
                int probe = Hash(_x[k], _firstBits[k], _secondBits[k]) & mask;
                while (_table[probe] != 0)
                {
                    probe = (probe + 1) & mask;
                }
                _table[probe] = k + 1;
            }
        }
        return slot;
    }
}
