using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ContactMetrics.Clv;

/// <summary>
/// Unique (x, t_x, T) rows of an RFM summary, each with a weight: the number of customers that share
/// it. The BG/NBD likelihood of a customer depends only on (x, t_x, T), so fitting on this table gives
/// the same estimates as fitting on every customer, in time proportional to the number of unique rows.
/// </summary>
/// <remarks>
/// A warehouse can produce this table directly (<c>GROUP BY x, t_x, T</c> with <c>COUNT(*)</c>) and hand
/// it to <see cref="CompressedRfmSummary.FromColumns"/>.
/// </remarks>
public sealed class CompressedRfmSummary
{
    private CompressedRfmSummary(double[] weight, int[] frequency, double[] recency, double[] age, RfmPeriodUnit period)
    {
        Weight = ImmutableCollectionsMarshal.AsImmutableArray(weight);
        Frequency = ImmutableCollectionsMarshal.AsImmutableArray(frequency);
        Recency = ImmutableCollectionsMarshal.AsImmutableArray(recency);
        Age = ImmutableCollectionsMarshal.AsImmutableArray(age);
        Period = period;
        double total = 0;
        foreach (double w in weight)
        {
            total += w;
        }
        TotalWeight = total;
    }

    /// <summary>The number of rows.</summary>
    public int Count => Weight.Length;

    /// <summary>The weight of each row: how many customers it stands for.</summary>
    public ImmutableArray<double> Weight { get; }

    /// <summary>Frequency x of each row.</summary>
    public ImmutableArray<int> Frequency { get; }

    /// <summary>Recency t_x of each row.</summary>
    public ImmutableArray<double> Recency { get; }

    /// <summary>Age T of each row.</summary>
    public ImmutableArray<double> Age { get; }

    /// <summary>The sum of the weights: the number of customers.</summary>
    public double TotalWeight { get; }

    /// <summary>The unit of recency and age.</summary>
    public RfmPeriodUnit Period { get; }

    /// <summary>
    /// The distinct recencies and ages of the rows, with each row's index into them: built on first use and kept, since a fit
    /// evaluates its likelihood dozens of times on the same rows (two threads that both build it build equal tables).
    /// </summary>
    internal DistinctTimes Times => _times ??= DistinctTimes.Of(Recency.AsSpan(), Age.AsSpan());

    private DistinctTimes? _times;

    /// <summary>Creates the table from weighted rows computed elsewhere. Rows are kept as given (not merged).</summary>
    /// <param name="weight">The weight of each row; finite and greater than 0.</param>
    /// <param name="frequency">Frequency x; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; finite, at least 0.</param>
    /// <param name="period">The unit of the times.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The columns differ in length or a value is out of range.</exception>
    public static CompressedRfmSummary FromColumns(ReadOnlySpan<double> weight, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, RfmPeriodUnit period)
    {
        _ = period.Days();
        int n = weight.Length;
        Preconditions.CheckArgument(frequency.Length == n && recency.Length == n && age.Length == n, nameof(frequency), $"Every column must have one entry per row ({n} weights); frequency has {frequency.Length}, recency {recency.Length}, age {age.Length}.");
        for (int i = 0; i < n; i++)
        {
            if (!(weight[i] > 0) || !double.IsFinite(weight[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(weight), weight[i], $"Row {i}: a weight must be a finite number greater than 0.");
            }
            RfmSummary.CheckRow(new RowNumber(i), frequency[i], recency[i], age[i], 0);
        }
        return new CompressedRfmSummary(weight.ToArray(), frequency.ToArray(), recency.ToArray(), age.ToArray(), period);
    }

    /// <summary>
    /// The unique rows of the histories, sorted by (x, t_x, T), each weighted by its customers. The rows are counted in one
    /// open-addressing table keyed by (x, t_x, T) (<see cref="HistoryCounts"/>): one multiply-shift hash and, in the common
    /// case, one read and write of the entry that holds the key and its count, no array per customer. Times are compared as
    /// values (-0.0 is 0.0).
    /// </summary>
    internal static CompressedRfmSummary FromRows(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, RfmPeriodUnit period)
    {
        var rows = new HistoryCounts();
        rows.Add(frequency, recency, age);
        int m = rows.Count;
        var counts = rows.Weights();
        var keys = new (int X, double Tx, double T)[m];
        for (int k = 0; k < m; k++)
        {
            keys[k] = (rows.X(k), rows.First(k), rows.Second(k));
        }
        Array.Sort(keys, counts);
        var x = new int[m];
        var tx = new double[m];
        var t = new double[m];
        for (int j = 0; j < m; j++)
        {
            (x[j], tx[j], t[j]) = keys[j];
        }
        return new CompressedRfmSummary(counts, x, tx, t, period);
    }

    private readonly record struct RowNumber(int Index)
    {
        public override string ToString() => $"row {Index}";
    }
}
