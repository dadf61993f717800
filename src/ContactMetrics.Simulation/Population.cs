namespace ContactMetrics.Simulation;

/// <summary>
/// Per-customer state of a run, as parallel arrays indexed by customer (0-based). Times are
/// seconds since the start of the period; <see cref="Never"/> marks "did not happen".
/// </summary>
internal sealed class Population
{
    internal const long Never = long.MaxValue;

    internal Population(int count)
    {
        Count = count;
        Segment = new int[count];
        AcquiredAt = new long[count];
        AcquiredDay = new int[count];
        ChurnBudget = new double[count];
        HazardPerSecond = new double[count];
        ContactsPerYear = new double[count];
        PurchaseRate = new double[count];
        DropoutProbability = new double[count];
        SpendRate = new double[count];
        PurchaseDropoutAt = new long[count];
        ChurnAt = new long[count];
        ExposedAt = new long[count];
        HazardUsed = new double[count];
        HazardSince = new long[count];
        HazardFactor = new double[count];
        TopBox = new bool[count];
        Array.Fill(HazardFactor, 1.0);
        Array.Fill(PurchaseDropoutAt, Never);
        Array.Fill(ChurnAt, Never);
        Array.Fill(ExposedAt, Never);
    }

    internal int Count { get; }

    internal int[] Segment { get; }

    internal long[] AcquiredAt { get; }

    internal int[] AcquiredDay { get; }

    /// <summary>E ~ Exp(1): the customer churns when the cumulative hazard reaches it.</summary>
    internal double[] ChurnBudget { get; }

    /// <summary>Baseline churn hazard per second (0 when churn is off).</summary>
    internal double[] HazardPerSecond { get; }

    internal double[] ContactsPerYear { get; }

    /// <summary>BG/NBD lambda, per week.</summary>
    internal double[] PurchaseRate { get; }

    /// <summary>BG/NBD p.</summary>
    internal double[] DropoutProbability { get; }

    /// <summary>Gamma-Gamma nu.</summary>
    internal double[] SpendRate { get; }

    internal long[] PurchaseDropoutAt { get; }

    /// <summary>
    /// The scheduled churn time (<see cref="Never"/> when not before the end). It is only moved while
    /// it lies in the future, so a customer has churned at <c>now</c> exactly when it is at most <c>now</c>.
    /// </summary>
    internal long[] ChurnAt { get; }

    /// <summary>End of the first unresolved contact.</summary>
    internal long[] ExposedAt { get; }

    /// <summary>The cumulative churn hazard spent up to <see cref="HazardSince"/>.</summary>
    internal double[] HazardUsed { get; }

    /// <summary>When the hazard last changed (the event loop sets it to the acquisition instant first).</summary>
    internal long[] HazardSince { get; }

    /// <summary>The current multiplier of the baseline hazard: unresolved-contact ratio x top-box CSAT ratio.</summary>
    internal double[] HazardFactor { get; }

    /// <summary>Whether the customer's most recent CSAT answer is top-box (5).</summary>
    internal bool[] TopBox { get; }
}

/// <summary>
/// Rows appended per customer in customer order, with each customer's range (compressed sparse rows), for the customers
/// from <c>first</c> on (a batch of a streamed run, or everyone).
/// </summary>
internal sealed class CustomerRows<T>
{
    private readonly List<long> _times = [];
    private readonly List<T> _values = [];
    private readonly int[] _starts;
    private readonly int _first;
    private int _next;

    internal CustomerRows(int customers)
        : this(0, customers)
    {
    }

    internal CustomerRows(int first, int customers)
    {
        _first = first;
        _next = first;
        _starts = new int[customers + 1];
    }

    internal int Count => _times.Count;

    internal void Add(long time, T value)
    {
        _times.Add(time);
        _values.Add(value);
    }

    /// <summary>Closes the rows of customer <paramref name="customer"/>; customers must be closed in order.</summary>
    internal void EndCustomer(int customer)
    {
        System.Diagnostics.Debug.Assert(customer == _next, "customers are closed in order");
        _next = customer + 1;
        _starts[customer + 1 - _first] = _times.Count;
    }

    internal int Start(int customer) => _starts[customer - _first];

    internal int End(int customer) => _starts[customer + 1 - _first];

    internal long Time(int row) => _times[row];

    internal T Value(int row) => _values[row];
}
