using System.Runtime.CompilerServices;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The shared steps of the per-customer batch predictions (P(alive), E[Y(t)], expected spend, CLV over spans): length and
/// row checks, and the index of distinct (x, t) pairs on which the costly factors depend.
/// </summary>
/// <remarks>
/// Every batch form is the scalar form with its costly factor hoisted: E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) g(x, T),
/// where g (a hypergeometric series or quadrature for BG/NBD and MBG/NBD, a horizon sum for CLV) depends on (x, T) only,
/// and Pareto/NBD's P(alive) needs ln F at (x, t_x) and (x, T) only. Customers share those pairs (CDNOW's 2,357 customers
/// have a few hundred distinct (x, T)), so each pair's factor is computed once with the same code as the scalar form and the
/// per-customer pass is a logarithm or two and an exponential, four customers at a time in vector registers
/// (<see cref="VectorMath"/>); the results equal the scalar forms' within a few units in the last place (tested to 1e-12
/// relative), and the Gamma-Gamma spend, which has no transcendental function, to the last bit.
/// <para>The batch loops, the fits' one-off steps and the series kernels of a forecast are marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/>: <c>clv predict</c> runs each of them once in a fresh process, where
/// the unoptimized first tier of the JIT would run most of their work (docs/benchmarks.md, issue #18).</para>
/// </remarks>
internal static class PredictionBatch
{
    /// <summary>From this many distinct pairs on, their factors are computed in parallel.</summary>
    private const int ParallelPairs = 64;

    /// <summary>
    /// Checks that the histories, the mean spends (when <paramref name="withSpend"/>) and the destination have the same length
    /// and that every history is valid.
    /// </summary>
    internal static void CheckHistories(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, int destinationLength, ReadOnlySpan<double> meanSpend = default, bool withSpend = false)
    {
        CheckLength(recency.Length, frequency.Length, nameof(recency));
        CheckLength(age.Length, frequency.Length, nameof(age));
        CheckLength(destinationLength, frequency.Length, "destination");
        if (withSpend)
        {
            CheckLength(meanSpend.Length, frequency.Length, nameof(meanSpend));
        }
        for (int i = 0; i < frequency.Length; i++)
        {
            RfmSummary.CheckRow(new Row(i), frequency[i], recency[i], age[i], withSpend ? meanSpend[i] : 0);
        }
    }

    /// <summary>Checks that a span has <paramref name="expected"/> elements.</summary>
    internal static void CheckLength(int length, int expected, string paramName)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, one per customer (the length of the frequencies); got {length}.", paramName);
        }
    }

    /// <summary>Runs <paramref name="body"/> for every pair index in [0, <paramref name="count"/>), in parallel when there are many.</summary>
    internal static void ForEachPair(int count, Action<int> body)
    {
        if (count < ParallelPairs)
        {
            for (int k = 0; k < count; k++)
            {
                body(k);
            }
            return;
        }
        Parallel.For(0, count, body);
    }

    /// <summary>A row of a batch, named in error messages by its index.</summary>
    private readonly record struct Row(int Index)
    {
        public override string ToString() => $"at index {Index}";
    }
}

/// <summary>
/// The distinct (x, t) pairs of a batch, numbered in order of first appearance, in an open-addressing table keyed by x and
/// the bits of t, mixed (the finalizer of MurmurHash3) so that neighbouring times and frequencies spread over the table.
/// </summary>
internal sealed class FrequencyTimePairs
{
    private int[] _table = new int[64];
    private int[] _x = new int[16];
    private long[] _tBits = new long[16];

    /// <summary>The number of distinct pairs.</summary>
    public int Count { get; private set; }

    /// <summary>The frequency of pair <paramref name="k"/>.</summary>
    public int X(int k) => _x[k];

    /// <summary>The time of pair <paramref name="k"/>.</summary>
    public double T(int k) => BitConverter.Int64BitsToDouble(_tBits[k]);

    /// <summary>The pairs of rows (frequency[i], time[i]), with each row's pair number in <paramref name="slots"/>.</summary>
    public static FrequencyTimePairs Of(ReadOnlySpan<int> frequency, ReadOnlySpan<double> time, Span<int> slots)
    {
        var pairs = new FrequencyTimePairs();
        pairs.Add(frequency, time, slots);
        return pairs;
    }

    /// <summary>Adds the pairs of rows (frequency[i], time[i]) and writes each row's pair number to <paramref name="slots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> frequency, ReadOnlySpan<double> time, Span<int> slots)
    {
        for (int i = 0; i < frequency.Length; i++)
        {
            int x = frequency[i];
            // +0.0 turns -0.0 into 0.0, so equal times share a pair.
            long bits = BitConverter.DoubleToInt64Bits(time[i] + 0.0);
            int mask = _table.Length - 1;
            int at = (int)BitMixing.Mix64((ulong)bits ^ ((ulong)(uint)x << 52 | (uint)x)) & mask;
            while (true)
            {
                int entry = _table[at] - 1;
                if (entry < 0)
                {
                    slots[i] = Insert(at, x, bits);
                    break;
                }
                if (_x[entry] == x && _tBits[entry] == bits)
                {
                    slots[i] = entry;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
    }

    private int Insert(int at, int x, long bits)
    {
        int slot = Count++;
        if (slot == _x.Length)
        {
            Array.Resize(ref _x, 2 * slot);
            Array.Resize(ref _tBits, 2 * slot);
        }
        _x[slot] = x;
        _tBits[slot] = bits;
        _table[at] = slot + 1;
        if (2 * Count > _table.Length)
        {
            Rehash();
        }
        return slot;
    }

    private void Rehash()
    {
        _table = new int[2 * _table.Length];
        int mask = _table.Length - 1;
        for (int slot = 0; slot < Count; slot++)
        {
            int at = (int)BitMixing.Mix64((ulong)_tBits[slot] ^ ((ulong)(uint)_x[slot] << 52 | (uint)_x[slot])) & mask;
            while (_table[at] != 0)
            {
                at = (at + 1) & mask;
            }
            _table[at] = slot + 1;
        }
    }
}

/// <summary>Quadrature nodes of beta(a, b + x + shift) per frequency x, built on first use (safe to share between workers).</summary>
internal sealed class QuadratureByFrequency(Func<int, BetaQuadrature> build)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<BetaQuadrature>> _nodes = new();

    /// <summary>The nodes for frequency <paramref name="x"/>.</summary>
    public BetaQuadrature For(int x) => _nodes.GetOrAdd(x, key => new Lazy<BetaQuadrature>(() => build(key))).Value;
}
