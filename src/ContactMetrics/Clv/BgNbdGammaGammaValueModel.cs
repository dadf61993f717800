using System.Collections.Immutable;
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
/// <see cref="BetaGeometricNbdModel.ConditionalExpectedTransactions"/> and E[Z] is
/// <see cref="GammaGammaModel.ConditionalExpectedSpend"/>. Customers with x = 0 are valued with the population
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
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon)
    {
        // Quadrature nodes depend on x only; customers share them.
        var nodes = new Dictionary<int, BetaQuadrature>();
        BetaQuadrature Nodes(int x)
        {
            if (!nodes.TryGetValue(x, out var q))
            {
                q = Transactions.QuadratureForFrequency(x);
                nodes.Add(x, q);
            }
            return q;
        }
        return CustomerValueRows.Values(customers, horizon, i => ValueUnchecked(customers.Frequency[i], customers.Recency[i], customers.Age[i], customers.MonetaryValue[i], horizon, Nodes));
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
        return ValueUnchecked(x, recency, age, meanSpend, horizon, null);
    }

    private double ValueUnchecked(int x, double recency, double age, double meanSpend, ValuationHorizon horizon, Func<int, BetaQuadrature>? nodes)
    {
        double spend = Spend.ConditionalExpectedSpend(x, meanSpend);
        var history = (Model: Transactions, X: x, Recency: recency, Age: age, Nodes: nodes ?? Transactions.QuadratureForFrequency);
        return Margin * spend * horizon.DiscountedIncrements(history, static (t, h) => h.Model.ConditionalExpectedTransactionsUnchecked(t, h.X, h.Recency, h.Age, h.Nodes));
    }
}
