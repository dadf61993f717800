using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Clv;

/// <summary>
/// Customer value from a Pareto/NBD transaction model and a Gamma-Gamma spend model: expected transactions per period
/// times expected spend per transaction times the margin, discounted (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using
/// iso-value curves for customer base analysis", JMR 42(4), which value CDNOW customers with exactly this pair).
/// </summary>
/// <remarks>
/// Period k contributes m E[Z | zbar, x] (E[Y(k L) | x, t_x, T] - E[Y((k-1) L) | x, t_x, T]) / (1 + d)^k, k = 1..H, with
/// E[Y] from <see cref="ParetoNbdModel.ConditionalExpectedTransactions"/> and E[Z] from
/// <see cref="GammaGammaModel.ConditionalExpectedSpend"/> (the population mean for x = 0); the same timing as
/// <see cref="BgNbdGammaGammaValueModel"/>. (FHL's JMR paper uses the continuous-time discounted expected residual
/// transactions instead; with weekly periods the two differ by the within-week discounting only.)
/// </remarks>
public sealed class ParetoNbdGammaGammaValueModel : ICustomerValueModel
{
    /// <summary>Creates the value model.</summary>
    /// <param name="transactions">The fitted transaction model.</param>
    /// <param name="spend">The fitted spend model (q &gt; 1, so that mean spend is finite).</param>
    /// <param name="margin">The profit margin on spend, in [0, 1].</param>
    /// <exception cref="ArgumentNullException">A model is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1].</exception>
    public ParetoNbdGammaGammaValueModel(ParetoNbdModel transactions, GammaGammaModel spend, double margin)
    {
        Transactions = Preconditions.CheckNotNull(transactions);
        Spend = Preconditions.CheckNotNull(spend);
        Margin = Preconditions.CheckInRange(margin, 0, 1);
    }

    /// <summary>The transaction model.</summary>
    public ParetoNbdModel Transactions { get; }

    /// <summary>The spend model.</summary>
    public GammaGammaModel Spend { get; }

    /// <summary>The profit margin on spend.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon)
        => CustomerValueRows.Values(customers, horizon, i => ValueUnchecked(customers.Frequency[i], customers.Recency[i], customers.Age[i], customers.MonetaryValue[i], horizon));

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
        // P(alive) does not depend on the horizon: E[Y(t)] = P(alive) g(t), so the 2F1 terms are evaluated once.
        double alive = Transactions.ProbabilityAliveUnchecked(x, recency, age);
        var history = (Model: Transactions, X: x, Age: age);
        return Margin * spend * alive * horizon.DiscountedIncrements(history, static (t, h) => h.Model.AliveExpectedTransactionsAt(t, h.X, h.Age));
    }
}
