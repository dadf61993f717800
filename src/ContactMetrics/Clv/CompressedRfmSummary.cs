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
    /// The unique rows of the histories, sorted by (x, t_x, T), each weighted by its customers. Histories whose times lie on
    /// the period's grid (days / period length, as <see cref="RfmSummaryBuilder"/> computes them) with x below 255 are
    /// counted as one 32-bit key each, four customers at a time (<see cref="GridHistoryCounts"/>); the others in a table keyed
    /// by the times' bits (<see cref="HistoryCounts"/>), which takes over the rest of the batch once more than an eighth of it
    /// is off the grid (a summary of times given to two decimals, say). Times are compared as values (-0.0 is 0.0); a history
    /// counted in both tables is merged after the sort.
    /// </summary>
    internal static CompressedRfmSummary FromRows(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, RfmPeriodUnit period)
    {
        var grid = GridHistoryCounts.Grid(period);
        double days = period.Days();
        var onGrid = new GridHistoryCounts();
        HistoryCounts? offGrid = null;
        int n = frequency.Length, offGridCustomers = 0;
        int i = 0;
        while (i < n)
        {
            i = onGrid.AddGroups(frequency, recency, age, days, grid, i);
            // The group of four not on the grid, or the last customers, one at a time.
            for (int end = Math.Min(n, i + 4); i < end; i++)
            {
                if (!onGrid.TryAdd(frequency[i], recency[i], age[i], days, grid))
                {
                    (offGrid ??= new HistoryCounts()).Add(frequency[i], recency[i], age[i]);
                    offGridCustomers++;
                }
            }
            if (offGridCustomers > 64 && 8 * offGridCustomers > i)
            {
                offGrid!.Add(frequency[i..], recency[i..], age[i..]);
                break;
            }
        }
        var (gridKeys, gridCounts) = onGrid.SortedKeys();
        if (offGrid is null)
        {
            var x = new int[gridKeys.Length];
            var tx = new double[gridKeys.Length];
            var t = new double[gridKeys.Length];
            for (int j = 0; j < gridKeys.Length; j++)
            {
                uint key = gridKeys[j];
                x[j] = GridHistoryCounts.X(key);
                tx[j] = grid[GridHistoryCounts.FirstNumber(key)];
                t[j] = grid[GridHistoryCounts.SecondNumber(key)];
            }
            return new CompressedRfmSummary(gridCounts, x, tx, t, period);
        }
        return Merged(gridKeys, gridCounts, grid, offGrid, period);
    }

    /// <summary>The rows of both tables sorted by (x, t_x, T), a history in both (on the grid, then off it once the rest of the batch went there) merged.</summary>
    private static CompressedRfmSummary Merged(uint[] gridKeys, double[] gridCounts, double[] grid, HistoryCounts offGrid, RfmPeriodUnit period)
    {
        int m = gridKeys.Length + offGrid.Count;
        var counts = new double[m];
        var keys = new (int X, double Tx, double T)[m];
        for (int k = 0; k < gridKeys.Length; k++)
        {
            uint key = gridKeys[k];
            keys[k] = (GridHistoryCounts.X(key), grid[GridHistoryCounts.FirstNumber(key)], grid[GridHistoryCounts.SecondNumber(key)]);
            counts[k] = gridCounts[k];
        }
        offGrid.Weights().CopyTo(counts, gridKeys.Length);
        for (int k = 0; k < offGrid.Count; k++)
        {
            keys[gridKeys.Length + k] = (offGrid.X(k), offGrid.First(k), offGrid.Second(k));
        }
        Array.Sort(keys, counts);
        var x = new List<int>(m);
        var tx = new List<double>(m);
        var t = new List<double>(m);
        var weight = new List<double>(m);
        for (int j = 0; j < m; j++)
        {
            if (j > 0 && keys[j] == keys[j - 1])
            {
                weight[^1] += counts[j];
                continue;
            }
            x.Add(keys[j].X);
            tx.Add(keys[j].Tx);
            t.Add(keys[j].T);
            weight.Add(counts[j]);
        }
        return new CompressedRfmSummary([.. weight], [.. x], [.. tx], [.. t], period);
    }

    private readonly record struct RowNumber(int Index)
    {
        public override string ToString() => $"row {Index}";
    }
}
