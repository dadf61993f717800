using System.Runtime.CompilerServices;

namespace ContactMetrics.Clv;

/// <summary>
/// The distinct (x, t1, t2) keys of a batch, numbered in order of first appearance, each with the number of times it was
/// added: the weighted unique rows of a fit, (x, t_x, T) for the transaction models and (x, zbar, 0) for Gamma-Gamma. One
/// open-addressing table (linear probing, at most half full) whose entries hold the key, its number and its count, so that
/// a customer costs one hash and, in the common case, one 32-byte read and write. Times are compared as values: -0.0 is 0.0
/// (NaN is never added: the rows are checked first).
/// </summary>
/// <remarks>
/// The hash is multiply-shift (Dietzfelbinger et al. 1997): each part of the key times its own odd 64-bit constant, the
/// products XORed, the top bits taken. Every bit of every part moves the top bits, so keys that differ in a few low or high
/// bits (consecutive frequencies, times k/7 apart) spread over the table, unlike .NET's default hash of packed pairs (the
/// halves XORed). Taking the top bits of three products is shorter than a full 64-bit finalizer on the path from a customer
/// to its entry; with the key in the entry, the table compresses 235,700 customers in about 1.3 ms against the
/// previous table's 2.0 ms (docs/benchmarks.md, issue #18). The keys are also kept in number order (three arrays) for the
/// readers that want them by number.
/// </remarks>
internal sealed class HistoryCounts
{
    private const int InitialBits = 6;
    private Entry[] _table = new Entry[1 << InitialBits];
    private int _shift = 64 - InitialBits;
    private int[] _x = new int[16];
    private long[] _firstBits = new long[16];
    private long[] _secondBits = new long[16];

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The frequency of key <paramref name="k"/>.</summary>
    public int X(int k) => _x[k];

    /// <summary>The first time of key <paramref name="k"/>.</summary>
    public double First(int k) => BitConverter.Int64BitsToDouble(_firstBits[k]);

    /// <summary>The second time of key <paramref name="k"/>.</summary>
    public double Second(int k) => BitConverter.Int64BitsToDouble(_secondBits[k]);

    /// <summary>The counts of the keys, in order of first appearance.</summary>
    public double[] Weights()
    {
        var weights = new double[Count];
        foreach (ref readonly var entry in _table.AsSpan())
        {
            if (entry.Number != 0)
            {
                weights[entry.Number - 1] = entry.Count;
            }
        }
        return weights;
    }

    /// <summary>Adds the keys (frequency[i], first[i], second[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> frequency, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var table = _table;
        int shift = _shift;
        for (int i = 0; i < frequency.Length; i++)
        {
            // +0.0 turns -0.0 into 0.0, so equal times share a key.
            long firstBits = BitConverter.DoubleToInt64Bits(first[i] + 0.0), secondBits = BitConverter.DoubleToInt64Bits(second[i] + 0.0);
            ref var entry = ref Find(table, shift, frequency[i], firstBits, secondBits);
            if (entry.Number != 0)
            {
                entry.Count += 1;
                continue;
            }
            _ = Insert(ref entry, frequency[i], firstBits, secondBits);
            table = _table;
            shift = _shift;
        }
    }

    /// <summary>Adds the key (x, first, second) once; returns its number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(int x, double first, double second)
    {
        long firstBits = BitConverter.DoubleToInt64Bits(first + 0.0), secondBits = BitConverter.DoubleToInt64Bits(second + 0.0);
        ref var entry = ref Find(_table, _shift, x, firstBits, secondBits);
        if (entry.Number != 0)
        {
            entry.Count += 1;
            return entry.Number - 1;
        }
        return Insert(ref entry, x, firstBits, secondBits);
    }

    /// <summary>The entry of the key, or the empty entry where it belongs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Entry Find(Entry[] table, int shift, int x, long firstBits, long secondBits)
    {
        int mask = table.Length - 1;
        int at = Hash(x, firstBits, secondBits, shift);
        while (true)
        {
            ref var entry = ref table[at];
            // One branch for both ends of the probe: the key found, or an empty entry (number 0; its zero key is a real key,
            // (0, +0.0, +0.0), so the caller tells the two apart by the number).
            if ((((entry.FirstBits ^ firstBits) | (entry.SecondBits ^ secondBits) | (uint)(entry.X ^ x)) == 0) | (entry.Number == 0))
            {
                return ref entry;
            }
            at = (at + 1) & mask;
        }
    }

    /// <summary>The top bits (64 - <paramref name="shift"/>) of the key's multiply-shift hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(int x, long firstBits, long secondBits, int shift)
        => (int)(((ulong)firstBits * 0x9E3779B97F4A7C15UL ^ (ulong)secondBits * 0xC2B2AE3D27D4EB4FUL ^ (ulong)(uint)x * 0x165667B19E3779F9UL) >> shift);

    private int Insert(ref Entry entry, int x, long firstBits, long secondBits)
    {
        int number = Count++;
        if (number == _x.Length)
        {
            Array.Resize(ref _x, 2 * number);
            Array.Resize(ref _firstBits, 2 * number);
            Array.Resize(ref _secondBits, 2 * number);
        }
        _x[number] = x;
        _firstBits[number] = firstBits;
        _secondBits[number] = secondBits;
        entry = new Entry { FirstBits = firstBits, SecondBits = secondBits, Count = 1, X = x, Number = number + 1 };
        if (2 * Count > _table.Length)
        {
            Grow();
        }
        return number;
    }

    /// <summary>Doubles the table and places every entry again by one more bit of its hash.</summary>
    private void Grow()
    {
        var old = _table;
        _table = new Entry[2 * old.Length];
        _shift--;
        int mask = _table.Length - 1;
        foreach (ref readonly var entry in old.AsSpan())
        {
            if (entry.Number == 0)
            {
                continue;
            }
            int at = Hash(entry.X, entry.FirstBits, entry.SecondBits, _shift);
            while (_table[at].Number != 0)
            {
                at = (at + 1) & mask;
            }
            _table[at] = entry;
        }
    }

    /// <summary>A key (x and the bits of both times), its count and its number + 1 (0: the entry is empty). 32 bytes.</summary>
    private struct Entry
    {
        public long FirstBits;
        public long SecondBits;
        public double Count;
        public int X;
        public int Number;
    }
}
