using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        for (int i = ValidHistories(frequency, recency, age, withSpend ? meanSpend : default); i < frequency.Length; i++)
        {
            RfmSummary.CheckRow(new Row(i), frequency[i], recency[i], age[i], withSpend ? meanSpend[i] : 0);
        }
    }

    /// <summary>
    /// The conditions of <see cref="RfmSummary.CheckRow"/> four histories at a time (x &gt;= 0; T finite and &gt;= 0;
    /// 0 &lt;= t_x &lt;= T; t_x = 0 when x = 0; the mean spend, when given, finite and &gt;= 0): how many leading histories
    /// passed, a multiple of 4 that stops before the first group of four with a failure (0 without vector hardware). The
    /// scalar check goes on from there and names the first invalid history, so the errors are those of the scalar check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValidHistories(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend)
    {
        if (!VectorMath.IsSupported)
        {
            return 0;
        }
        bool withSpend = !meanSpend.IsEmpty;
        var zero = Vector256<double>.Zero;
        var infinity = Vector256.Create(double.PositiveInfinity);
        int i = 0;
        for (; i <= frequency.Length - 4; i += 4)
        {
            var x = VectorMath.LoadFrequencies(frequency, i);
            var tx = VectorMath.Load(recency, i);
            var t = VectorMath.Load(age, i);
            // Comparisons with NaN are false, so a NaN time fails.
            var valid = Vector256.GreaterThanOrEqual(x, zero) & Vector256.GreaterThanOrEqual(t, zero) & Vector256.LessThan(t, infinity)
                & Vector256.GreaterThanOrEqual(tx, zero) & Vector256.LessThanOrEqual(tx, t) & (Vector256.GreaterThan(x, zero) | Vector256.Equals(tx, zero));
            if (withSpend)
            {
                var spend = VectorMath.Load(meanSpend, i);
                valid &= Vector256.GreaterThanOrEqual(spend, zero) & Vector256.LessThan(spend, infinity);
            }
            if (!Vector256.EqualsAll(valid.AsInt64(), Vector256<long>.AllBitsSet))
            {
                break;
            }
        }
        return i;
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
/// The distinct (x, t) pairs of a batch, numbered in order of first appearance: the keys (x, t, 0) of a <see cref="HistoryCounts"/>.
/// </summary>
internal sealed class FrequencyTimePairs
{
    private readonly HistoryCounts _pairs = new();

    /// <summary>The number of distinct pairs.</summary>
    public int Count => _pairs.Count;

    /// <summary>The frequency of pair <paramref name="k"/>.</summary>
    public int X(int k) => _pairs.X(k);

    /// <summary>The time of pair <paramref name="k"/>.</summary>
    public double T(int k) => _pairs.First(k);

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
            slots[i] = _pairs.Add(frequency[i], time[i], 0.0);
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
