using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;

namespace ContactMetrics.Clv;

/// <summary>The transaction model of a <see cref="ClvForecast"/>.</summary>
public enum ClvTransactionModel
{
    /// <summary>BG/NBD (<see cref="BetaGeometricNbdModel"/>; Fader, Hardie &amp; Lee 2005).</summary>
    BgNbd = 0,

    /// <summary>Pareto/NBD (<see cref="ParetoNbdModel"/>; Schmittlein, Morrison &amp; Colombo 1987).</summary>
    ParetoNbd = 1,
}

/// <summary>
/// The per-customer CLV forecast of a summary: a transaction model and the Gamma-Gamma spend model fitted to it, and for
/// each customer, in the summary's order, P(alive), the expected purchases over the horizon, the expected spend per
/// purchase and the CLV. One call instead of the fit-fit-combine-value recipe.
/// </summary>
/// <param name="Transactions">The fitted transaction model.</param>
/// <param name="TransactionEstimates">Its parameters with standard errors, under the model's conventional names.</param>
/// <param name="TransactionLogLikelihood">Its log-likelihood at the estimates.</param>
/// <param name="Spend">The Gamma-Gamma fit.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T) per customer.</param>
/// <param name="ExpectedPurchases">E[Y(t) | x, t_x, T] per customer, t = the horizon's periods x period length.</param>
/// <param name="ExpectedSpend">E[spend per purchase | x, mean spend] per customer (Gamma-Gamma), in the summary's currency.</param>
/// <param name="Values">CLV per customer: margin x expected spend x expected purchases of each period, discounted (<see cref="ICustomerValueModel.CustomerValues"/>).</param>
public sealed record ClvForecast(
    ITransactionModel Transactions,
    ImmutableArray<ParameterEstimate> TransactionEstimates,
    double TransactionLogLikelihood,
    GammaGammaFit Spend,
    ImmutableArray<double> ProbabilityAlive,
    ImmutableArray<double> ExpectedPurchases,
    ImmutableArray<double> ExpectedSpend,
    ImmutableArray<Money> Values)
{
    /// <summary>
    /// The forecast in words, e.g. <c>BG/NBD and Gamma-Gamma forecast of 2,357 customers: mean P(alive) 61.2%, 1,234
    /// expected purchases, CLV 12,345.67 USD in all (mean 5.24 USD a customer)</c>.
    /// </summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
    {
        int n = Values.Length;
        if (n == 0)
        {
            return $"{Transactions.Name} and Gamma-Gamma forecast of no customers";
        }
        var total = Money.Sum(Values, Values[0].Currency);
        var mean = new Money(total.Amount / n, total.Currency);
        return $"{Transactions.Name} and Gamma-Gamma forecast of {Numerics.ResultText.Count(n)} customers: mean P(alive) {Numerics.ResultText.Percent(ProbabilityAlive.Average())}, "
            + $"{Numerics.ResultText.Number(ExpectedPurchases.Sum())} expected purchases, CLV {total.ToText()} in all (mean {mean.ToText()} a customer)";
    }

    /// <summary>Fits <paramref name="model"/> and Gamma-Gamma to <paramref name="summary"/> and forecasts every customer.</summary>
    /// <param name="model">The transaction model.</param>
    /// <param name="summary">The customers.</param>
    /// <param name="horizon">Periods of <see cref="ValuationHorizon.PeriodLength"/> summary time units each, and the discount rate per period.</param>
    /// <param name="margin">The margin on spend, in [0, 1].</param>
    /// <returns>The fits and the per-customer forecast.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> or <paramref name="horizon"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is undefined or <paramref name="margin"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The summary cannot support a fit (e.g. no repeat buyers), or the Gamma-Gamma fit has q at most 1, so a customer without repeat purchases has no finite expected spend (parameter <c>summary</c>; the message gives q).</exception>
    /// <exception cref="Numerics.ModelFitException">A model did not converge.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ClvForecast Compute(ClvTransactionModel model, RfmSummary summary, ValuationHorizon horizon, double margin)
    {
        Preconditions.CheckNotNull(summary);
        Preconditions.CheckNotNull(horizon);
        if (model is not (ClvTransactionModel.BgNbd or ClvTransactionModel.ParetoNbd))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Use BgNbd or ParetoNbd.");
        }
        Preconditions.CheckInRange(margin, 0, 1);
        var spend = GammaGammaModel.Fit(summary);
        if (spend.Model.NoFiniteMeanSpend() is { } reason)
        {
            throw new ArgumentException(reason, nameof(summary));
        }
        double t = horizon.Periods * horizon.PeriodLength;
        var frequency = summary.Frequency.AsSpan();
        var recency = summary.Recency.AsSpan();
        var age = summary.Age.AsSpan();
        int n = summary.Count;
        var alive = new double[n];
        ITransactionModel transactions;
        ImmutableArray<ParameterEstimate> estimates;
        double logLikelihood;
        Func<int, double, (double Count, double ValueSum)> pairFactors;
        if (model == ClvTransactionModel.ParetoNbd)
        {
            var fit = ParetoNbdModel.Fit(summary.Compress());
            (transactions, estimates, logLikelihood) = (fit.Model, fit.Estimates, fit.LogLikelihood);
            var value = new ParetoNbdGammaGammaValueModel(fit.Model, spend.Model, margin);
            fit.Model.AliveBatch(frequency, recency, age, alive);
            pairFactors = (x, ageOfPair) => (fit.Model.AliveExpectedTransactionsAt(t, x, ageOfPair), value.AliveDiscountedTransactions(x, ageOfPair, horizon));
        }
        else
        {
            var fit = BetaGeometricNbdModel.Fit(summary.Compress());
            (transactions, estimates, logLikelihood) = (fit.Model, fit.Estimates, fit.LogLikelihood);
            var value = new BgNbdGammaGammaValueModel(fit.Model, spend.Model, margin);
            var p = fit.Model.Parameters;
            BetaGeometricNbdModel.AliveBatch(p.R, p.Alpha, p.A, p.B, -1, true, frequency, recency, age, alive);
            var nodes = new QuadratureByFrequency(fit.Model.QuadratureForFrequency);
            pairFactors = (x, ageOfPair) => (
                BetaGeometricNbdModel.ExpectedDropoutWeightedCount(p.R + x, p.A, p.B + x, t / (p.Alpha + ageOfPair), () => nodes.For(x)),
                value.AliveDiscountedTransactions(x, ageOfPair, horizon, () => nodes.For(x)));
        }
        var perPurchase = new double[n];
        spend.Model.ConditionalExpectedSpend(frequency, summary.MonetaryValue.AsSpan(), perPurchase);
        // E[Y(t)] = P(alive) x the alive customer's expected count, CLV = margin x E[Z] x P(alive) x the alive customer's
        // discounted horizon sum: the two factors depend on (x, T) only and are computed once per distinct pair, P(alive) and
        // E[Z] once per customer; the products are those of the batch E[Y] and the value model's batch CLV, to the last bit.
        var slots = new int[n];
        var pairs = FrequencyTimePairs.Of(frequency, age, slots);
        var counts = new double[pairs.Count];
        var valueSums = new double[pairs.Count];
        PredictionBatch.ForEachPair(pairs.Count, k => (counts[k], valueSums[k]) = pairFactors(pairs.X(k), pairs.T(k)));
        var purchases = new double[n];
        var values = new Money[n];
        var currency = summary.Currency;
        for (int i = 0; i < n; i++)
        {
            purchases[i] = alive[i] * counts[slots[i]];
            values[i] = Money.FromDouble(margin * perPurchase[i] * alive[i] * valueSums[slots[i]], currency);
        }
        return new ClvForecast(transactions, estimates, logLikelihood, spend,
            ImmutableCollectionsMarshal.AsImmutableArray(alive), ImmutableCollectionsMarshal.AsImmutableArray(purchases),
            ImmutableCollectionsMarshal.AsImmutableArray(perPurchase), ImmutableCollectionsMarshal.AsImmutableArray(values));
    }
}
