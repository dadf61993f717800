using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;

namespace ContactMetrics.Clv;

/// <summary>
/// The recency-frequency-monetary summary of a customer base at the end of a calibration period: the
/// sufficient statistics of the BG/NBD, Pareto/NBD and Gamma-Gamma models, one entry per customer,
/// stored column by column.
/// </summary>
/// <remarks>
/// Per customer (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", Marketing
/// Science 24(2)): frequency x = the number of repeat transactions (the first purchase is
/// not counted), recency t_x = the time from the first to the last transaction, age T = the time from
/// the first transaction to the end of the calibration period, all times in <see cref="Period"/> units.
/// The monetary value is the mean amount of the repeat transactions (the zbar of the CDNOW data set
/// and of Fader, Hardie &amp; Lee 2005, "RFM and CLV", JMR 42(4)); it is 0 when x = 0.
/// A summary can come from <see cref="RfmSummaryBuilder"/> or from any engine through
/// <see cref="FromColumns"/>.
/// </remarks>
public sealed class RfmSummary
{
    private RfmSummary(
        ImmutableArray<CustomerId> customerIds,
        ImmutableArray<int> frequency,
        ImmutableArray<double> recency,
        ImmutableArray<double> age,
        ImmutableArray<double> monetaryValue,
        ImmutableArray<int> holdoutFrequency,
        ImmutableArray<double> holdoutSpend,
        double holdoutLength,
        RfmPeriodUnit period,
        Currency currency)
    {
        CustomerIds = customerIds;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MonetaryValue = monetaryValue;
        HoldoutFrequency = holdoutFrequency;
        HoldoutSpend = holdoutSpend;
        HoldoutLength = holdoutLength;
        Period = period;
        Currency = currency;
    }

    /// <summary>The number of customers.</summary>
    public int Count => CustomerIds.Length;

    /// <summary>The customers, in the order of the other columns.</summary>
    public ImmutableArray<CustomerId> CustomerIds { get; }

    /// <summary>Frequency x: the number of repeat transactions in the calibration period.</summary>
    public ImmutableArray<int> Frequency { get; }

    /// <summary>Recency t_x: the time from the first to the last transaction in the calibration period (0 when x = 0).</summary>
    public ImmutableArray<double> Recency { get; }

    /// <summary>Age T: the time from the first transaction to the end of the calibration period.</summary>
    public ImmutableArray<double> Age { get; }

    /// <summary>Monetary value zbar: the mean amount of the repeat transactions; 0 when x = 0.</summary>
    public ImmutableArray<double> MonetaryValue { get; }

    /// <summary>The number of transactions in the holdout period; empty when the summary has no holdout period.</summary>
    public ImmutableArray<int> HoldoutFrequency { get; }

    /// <summary>The total amount spent in the holdout period; empty when the summary has no holdout period.</summary>
    public ImmutableArray<double> HoldoutSpend { get; }

    /// <summary>The length of the holdout period in <see cref="Period"/> units; 0 when there is none.</summary>
    public double HoldoutLength { get; }

    /// <summary>Whether the summary has holdout columns.</summary>
    public bool HasHoldout => !HoldoutFrequency.IsEmpty || HoldoutLength > 0;

    /// <summary>The unit of recency, age and holdout length.</summary>
    public RfmPeriodUnit Period { get; }

    /// <summary>The currency of the monetary columns; <c>XXX</c> when the amounts had none.</summary>
    public Currency Currency { get; }

    /// <summary>Creates a summary from columns computed elsewhere (a warehouse query, a file).</summary>
    /// <param name="customerIds">The customers.</param>
    /// <param name="frequency">Frequency x per customer; at least 0.</param>
    /// <param name="recency">Recency t_x per customer; in [0, T], and 0 when x = 0.</param>
    /// <param name="age">Age T per customer; finite and at least 0.</param>
    /// <param name="monetaryValue">Mean spend per repeat transaction; at least 0. Empty: all 0.</param>
    /// <param name="period">The unit of the times.</param>
    /// <param name="currency">The currency of the amounts.</param>
    /// <param name="holdoutFrequency">Transactions in a holdout period per customer, or empty for none.</param>
    /// <param name="holdoutSpend">Total holdout spend per customer; empty when there is no holdout or spend is unknown (then all 0).</param>
    /// <param name="holdoutLength">The length of the holdout period in <paramref name="period"/> units; 0 when there is none.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, or a value is out of range (the message names the customer).</exception>
    public static RfmSummary FromColumns(
        ReadOnlySpan<CustomerId> customerIds,
        ReadOnlySpan<int> frequency,
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age,
        ReadOnlySpan<double> monetaryValue,
        RfmPeriodUnit period,
        Currency currency = default,
        ReadOnlySpan<int> holdoutFrequency = default,
        ReadOnlySpan<double> holdoutSpend = default,
        double holdoutLength = 0)
    {
        _ = period.Days();
        int n = customerIds.Length;
        CheckLength(frequency.Length, n, nameof(frequency));
        CheckLength(recency.Length, n, nameof(recency));
        CheckLength(age.Length, n, nameof(age));
        if (!monetaryValue.IsEmpty)
        {
            CheckLength(monetaryValue.Length, n, nameof(monetaryValue));
        }
        if (!holdoutFrequency.IsEmpty)
        {
            CheckLength(holdoutFrequency.Length, n, nameof(holdoutFrequency));
        }
        if (!holdoutSpend.IsEmpty)
        {
            Preconditions.CheckArgument(!holdoutFrequency.IsEmpty, nameof(holdoutSpend), "Holdout spend needs holdout frequencies.");
            CheckLength(holdoutSpend.Length, n, nameof(holdoutSpend));
        }
        Preconditions.CheckNonNegative(holdoutLength);
        for (int i = 0; i < n; i++)
        {
            var id = customerIds[i];
            double m = monetaryValue.IsEmpty ? 0 : monetaryValue[i];
            CheckRow(id, frequency[i], recency[i], age[i], m);
            if (!holdoutFrequency.IsEmpty && holdoutFrequency[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(holdoutFrequency), holdoutFrequency[i], $"Customer '{id}': the holdout frequency must be at least 0.");
            }
            if (!holdoutSpend.IsEmpty && !(holdoutSpend[i] >= 0 && double.IsFinite(holdoutSpend[i])))
            {
                throw new ArgumentOutOfRangeException(nameof(holdoutSpend), holdoutSpend[i], $"Customer '{id}': the holdout spend must be a finite number of at least 0.");
            }
        }
        var hf = holdoutFrequency.IsEmpty ? ImmutableArray<int>.Empty : holdoutFrequency.ToImmutableArray();
        var hs = holdoutFrequency.IsEmpty ? ImmutableArray<double>.Empty
            : holdoutSpend.IsEmpty ? ImmutableCollectionsMarshal.AsImmutableArray(new double[n]) : holdoutSpend.ToImmutableArray();
        var mv = monetaryValue.IsEmpty ? ImmutableCollectionsMarshal.AsImmutableArray(new double[n]) : monetaryValue.ToImmutableArray();
        return new RfmSummary(customerIds.ToImmutableArray(), frequency.ToImmutableArray(), recency.ToImmutableArray(), age.ToImmutableArray(), mv, hf, hs, holdoutLength, period, currency);
    }

    /// <summary>Creates a summary from rows (such as those of an <c>rfm summary</c> table), without holdout columns.</summary>
    /// <param name="rows">The rows, one per customer; enumerated once.</param>
    /// <param name="period">The unit of recency and age in the rows.</param>
    /// <param name="currency">The currency of the monetary values.</param>
    /// <returns>The summary, in the order of the rows.</returns>
    /// <exception cref="ArgumentException">A row is null, or a customer appears twice (the message names it).</exception>
    public static RfmSummary FromRows(IEnumerable<RfmSummaryRow> rows, RfmPeriodUnit period, Currency currency = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _ = period.Days();
        var ids = new List<CustomerId>();
        var x = new List<int>();
        var tx = new List<double>();
        var t = new List<double>();
        var m = new List<double>();
        var seen = new HashSet<CustomerId>();
        foreach (var row in rows)
        {
            if (row is null)
            {
                throw new ArgumentException("The rows must not contain null.", nameof(rows));
            }
            if (!seen.Add(row.CustomerId))
            {
                throw new ArgumentException($"Customer '{row.CustomerId}' appears twice; an RFM summary has one row per customer.", nameof(rows));
            }
            ids.Add(row.CustomerId);
            x.Add(row.Frequency);
            tx.Add(row.Recency);
            t.Add(row.Age);
            m.Add(row.MonetaryValue);
        }
        return CreateTrusted([.. ids], [.. x], [.. tx], [.. t], [.. m], null, null, 0, period, currency);
    }

    /// <summary>The summary row by row (customer, x, t_x, T, monetary value), as the <c>rfm summary</c> table is written.</summary>
    /// <returns>The rows, in customer order.</returns>
    public IEnumerable<RfmSummaryRow> Rows()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return new RfmSummaryRow(CustomerIds[i], Frequency[i], Recency[i], Age[i], MonetaryValue[i]);
        }
    }

    /// <summary>
    /// Groups identical (x, t_x, T) rows into one row with a weight (the number of customers), the
    /// form in which the frequency models are fitted: their likelihood depends on nothing else.
    /// </summary>
    /// <returns>The unique rows and their counts, ordered by x, then t_x, then T.</returns>
    public CompressedRfmSummary Compress() => CompressedRfmSummary.FromRows(Frequency.AsSpan(), Recency.AsSpan(), Age.AsSpan(), Period);

    /// <summary>The step <see cref="Subset"/> takes through <paramref name="qualifying"/> customers to keep at most <paramref name="maxCustomers"/>.</summary>
    internal static int SubsetStride(int qualifying, int maxCustomers) => (int)Math.Max(1, ((long)qualifying + maxCustomers - 1) / maxCustomers);

    /// <summary>
    /// The customers for whom <paramref name="include"/> is true, in this summary's order; when there are more than
    /// <paramref name="maxCustomers"/> of them, every k-th (the 1st, the (k+1)-th, ...) with k = ceil(n / maxCustomers), so
    /// that at most <paramref name="maxCustomers"/> remain. A systematic sample: it keeps the spread of the summary's order
    /// (e.g. the still-active customers to value, when valuing all of them would take too long). Holdout columns are kept.
    /// </summary>
    /// <param name="include">Which customers qualify (e.g. those not churned).</param>
    /// <param name="maxCustomers">At most this many customers are kept; at least 1. Default: no limit.</param>
    /// <returns>The subset, with the same period, currency and holdout length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="include"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCustomers"/> is less than 1.</exception>
    public RfmSummary Subset(Func<CustomerId, bool> include, int maxCustomers = int.MaxValue)
    {
        Preconditions.CheckNotNull(include);
        Preconditions.CheckPositive(maxCustomers);
        var rows = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            if (include(CustomerIds[i]))
            {
                rows.Add(i);
            }
        }
        int stride = SubsetStride(rows.Count, maxCustomers);
        var picked = new int[(rows.Count + stride - 1) / stride];
        for (int k = 0; k < picked.Length; k++)
        {
            picked[k] = rows[k * stride];
        }
        T[] Pick<T>(ImmutableArray<T> column) => Array.ConvertAll(picked, i => column[i]);
        return CreateTrusted(Pick(CustomerIds), Pick(Frequency), Pick(Recency), Pick(Age), Pick(MonetaryValue),
            HoldoutFrequency.IsEmpty ? null : Pick(HoldoutFrequency), HoldoutSpend.IsEmpty ? null : Pick(HoldoutSpend),
            HoldoutLength, Period, Currency);
    }

    internal static RfmSummary CreateTrusted(
        CustomerId[] customerIds, int[] frequency, double[] recency, double[] age, double[] monetaryValue,
        int[]? holdoutFrequency, double[]? holdoutSpend, double holdoutLength, RfmPeriodUnit period, Currency currency)
        => new(
            ImmutableCollectionsMarshal.AsImmutableArray(customerIds),
            ImmutableCollectionsMarshal.AsImmutableArray(frequency),
            ImmutableCollectionsMarshal.AsImmutableArray(recency),
            ImmutableCollectionsMarshal.AsImmutableArray(age),
            ImmutableCollectionsMarshal.AsImmutableArray(monetaryValue),
            holdoutFrequency is null ? ImmutableArray<int>.Empty : ImmutableCollectionsMarshal.AsImmutableArray(holdoutFrequency),
            holdoutSpend is null ? ImmutableArray<double>.Empty : ImmutableCollectionsMarshal.AsImmutableArray(holdoutSpend),
            holdoutLength,
            period,
            currency);

    internal static void CheckRow<TId>(TId id, int x, double tx, double t, double monetary)
    {
        if (x < 0)
        {
            throw new ArgumentOutOfRangeException("frequency", x, $"Customer '{id}': the frequency must be at least 0.");
        }
        if (!(t >= 0) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException("age", t, $"Customer '{id}': the age T must be a finite number of at least 0.");
        }
        if (!(tx >= 0 && tx <= t))
        {
            throw new ArgumentOutOfRangeException("recency", tx, $"Customer '{id}': the recency must be in [0, T = {t}].");
        }
        if (x == 0 && tx != 0)
        {
            throw new ArgumentOutOfRangeException("recency", tx, $"Customer '{id}': the recency must be 0 when the frequency is 0.");
        }
        if (!(monetary >= 0) || !double.IsFinite(monetary))
        {
            throw new ArgumentOutOfRangeException("monetaryValue", monetary, $"Customer '{id}': the monetary value must be a finite number of at least 0.");
        }
    }

    private static void CheckLength(int length, int expected, string paramName)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Every column must have one entry per customer ({expected}); this one has {length}.", paramName);
        }
    }
}
