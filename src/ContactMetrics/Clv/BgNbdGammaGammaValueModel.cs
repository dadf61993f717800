using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Customer value from a BG/NBD transaction model and a Gamma-Gamma spend model: expected transactions per
/// period times expected spend per transaction times the margin, discounted (Fader, Hardie &amp; Lee 2005,
/// "RFM and CLV: using iso-value curves", JMR 42(4): CLV = margin x transactions x spend, with spend
/// independent of the transaction process).
/// </summary>
/// <remarks>
/// For a customer with history (x, t_x, T) and mean spend zbar, period k contributes
/// m E[Z | zbar, x] (E[Y(k L) | x, t_x, T] - E[Y((k-1) L) | x, t_x, T]) / (1 + d)^k, k = 1..H, where E[Y] is
/// <see cref="BetaGeometricNbdModel.ConditionalExpectedTransactions(double, int, double, double)"/> and E[Z] is
/// <see cref="GammaGammaModel.ConditionalExpectedSpend(int, double)"/>. Customers with x = 0 are valued with the population
/// mean spend. The transaction model's time unit must be that of the summary and of
/// <see cref="ValuationHorizon.PeriodLength"/>.
/// </remarks>
public sealed class BgNbdGammaGammaValueModel : ICustomerValueModel
{
    /// <summary>Creates the value model.</summary>
    /// <param name="transactions">The fitted transaction model.</param>
    /// <param name="spend">The fitted spend model (q &gt; 1, so that mean spend is finite).</param>
    /// <param name="margin">The profit margin on spend, in [0, 1].</param>
    /// <exception cref="ArgumentNullException">A model is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1].</exception>
    public BgNbdGammaGammaValueModel(BetaGeometricNbdModel transactions, GammaGammaModel spend, double margin)
    {
        Transactions = Preconditions.CheckNotNull(transactions);
        Spend = Preconditions.CheckNotNull(spend);
        Margin = Preconditions.CheckInRange(margin, 0, 1);
    }

    /// <summary>The transaction model.</summary>
    public BetaGeometricNbdModel Transactions { get; }

    /// <summary>The spend model.</summary>
    public GammaGammaModel Spend { get; }

    /// <summary>The profit margin on spend.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    /// <remarks>
    /// E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) g(t; x, T), so the discounted sum over the horizon's periods is
    /// P(alive) times a sum that depends on (x, T) only. That sum is computed once per distinct (x, T), in parallel,
    /// and shared by every customer with that frequency and age (with T in whole days, a million customers have a
    /// few thousand distinct pairs); P(alive) and the expected spend are closed forms per customer.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon)
        => CustomerValueRows.Values(customers, horizon, ValuesUnchecked);

    /// <summary>
    /// The discounted expected margin of every customer of a batch: <see cref="CustomerValue"/> for each, equal to it within a
    /// few units in the last place; the horizon sum, which depends on (x, T) only, is computed once per distinct (x, T) (see
    /// <see cref="CustomerValues(RfmSummary, ValuationHorizon)"/>).
    /// </summary>
    /// <param name="frequency">Frequencies x; at least 0.</param>
    /// <param name="recency">Recencies t_x, in [0, T], 0 when x = 0; as many as frequencies.</param>
    /// <param name="age">Ages T; at least 0; as many as frequencies.</param>
    /// <param name="meanSpend">Mean spends of the repeat transactions; at least 0; as many as frequencies.</param>
    /// <param name="horizon">The horizon.</param>
    /// <param name="destination">Receives each customer's value in the currency of the spend, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentNullException"><paramref name="horizon"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A history is out of range (the message names its index).</exception>
    public void CustomerValues(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, ValuationHorizon horizon, Span<double> destination)
        => CustomerValueRows.Values(frequency, recency, age, meanSpend, horizon, destination, ValuesUnchecked);

    private void ValuesUnchecked(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, ValuationHorizon horizon, Span<double> destination)
    {
        var nodes = new QuadratureByFrequency(Transactions.QuadratureForFrequency);
        var p = Transactions.Parameters;
        CustomerValueRows.Combine(frequency, recency, age, meanSpend, destination, Margin, Spend,
            (x, t) => AliveDiscountedTransactions(x, t, horizon, () => nodes.For(x)),
            (f, r, a, alive) => BetaGeometricNbdModel.AliveBatch(p.R, p.Alpha, p.A, p.B, -1, true, f, r, a, alive));
    }

    /// <summary>The discounted expected margin of one customer over the horizon (see the remarks).</summary>
    /// <param name="x">Frequency; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <param name="meanSpend">Mean spend of the repeat transactions; at least 0.</param>
    /// <param name="horizon">The horizon.</param>
    /// <returns>The value in the currency of the spend.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    public double CustomerValue(int x, double recency, double age, double meanSpend, ValuationHorizon horizon)
    {
        RfmSummary.CheckRow("history", x, recency, age, meanSpend);
        Preconditions.CheckNotNull(horizon);
        return ValueUnchecked(x, recency, age, meanSpend, horizon);
    }

    private double ValueUnchecked(int x, double recency, double age, double meanSpend, ValuationHorizon horizon)
    {
        double spend = Spend.ConditionalExpectedSpend(x, meanSpend);
        double alive = Transactions.ProbabilityAliveUnchecked(x, recency, age);
        BetaQuadrature? built = null;
        var lazy = () => built ??= Transactions.QuadratureForFrequency(x);
        return Margin * spend * alive * AliveDiscountedTransactions(x, age, horizon, lazy);
    }

    /// <summary>The discounted expected transactions over the horizon of a customer known to be alive at T.</summary>
    internal double AliveDiscountedTransactions(int x, double age, ValuationHorizon horizon, Func<BetaQuadrature> nodes)
    {
        var p = Transactions.Parameters;
        var state = (Rho: p.R + x, p.A, Beta: p.B + x, Scale: p.Alpha + age, Nodes: nodes);
        return horizon.DiscountedIncrements(state, static (t, s) => BetaGeometricNbdModel.ExpectedDropoutWeightedCount(s.Rho, s.A, s.Beta, t / s.Scale, s.Nodes));
    }
}
