namespace ContactMetrics.Clv;

/// <summary>
/// A fitted model of repeat transactions in a non-contractual setting (BG/NBD, MBG/NBD, Pareto/NBD): what the
/// holdout check and the customer forecasts need from any of them. Times are in the model's period unit.
/// </summary>
public interface ITransactionModel
{
    /// <summary>The model's conventional name, e.g. <c>BG/NBD</c>.</summary>
    string Name { get; }

    /// <summary>The probability that a customer with this history is still alive at T.</summary>
    /// <param name="x">Frequency; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>P(alive), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    double ProbabilityAlive(int x, double recency, double age);

    /// <summary>The expected number of repeat transactions in (0, t] of a customer who has just made the first purchase.</summary>
    /// <param name="t">The length of the period; at least 0.</param>
    /// <returns>E[X(t)].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    double ExpectedTransactions(double t);

    /// <summary>The expected number of transactions in (T, T + t] of a customer with history (x, t_x, T).</summary>
    /// <param name="t">The length of the future period; at least 0.</param>
    /// <param name="x">Frequency; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>E[Y(t) | x, t_x, T].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    double ConditionalExpectedTransactions(double t, int x, double recency, double age);

    /// <summary>P(alive) of every customer of a batch, equal to <see cref="ProbabilityAlive(int, double, double)"/> for each.</summary>
    /// <param name="frequency">Frequencies x; at least 0.</param>
    /// <param name="recency">Recencies t_x, in [0, T], 0 when x = 0; as many as frequencies.</param>
    /// <param name="age">Ages T; at least 0; as many as frequencies.</param>
    /// <param name="destination">Receives P(alive) of each customer, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A history is out of range (the message names its index).</exception>
    void ProbabilityAlive(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination);

    /// <summary>E[Y(t) | x, t_x, T] of every customer of a batch, equal to <see cref="ConditionalExpectedTransactions(double, int, double, double)"/> for each.</summary>
    /// <param name="t">The length of the future period; at least 0.</param>
    /// <param name="frequency">Frequencies x; at least 0.</param>
    /// <param name="recency">Recencies t_x, in [0, T], 0 when x = 0; as many as frequencies.</param>
    /// <param name="age">Ages T; at least 0; as many as frequencies.</param>
    /// <param name="destination">Receives E[Y(t)] of each customer, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (for a history, the message names its index).</exception>
    void ConditionalExpectedTransactions(double t, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination);
}
