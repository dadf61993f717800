using System.Collections.Immutable;
using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// A transaction model and the Gamma-Gamma spend model fitted to a summary, and per customer P(alive), expected
/// purchases over the horizon, expected spend per purchase and CLV, all from the library's public calls.
/// </summary>
internal sealed record ClvForecast(
    ITransactionModel Transactions,
    ImmutableArray<ParameterEstimate> TransactionEstimates,
    double TransactionLogLikelihood,
    GammaGammaFit Spend,
    double[] ProbabilityAlive,
    double[] ExpectedPurchases,
    double[] ExpectedSpend,
    ImmutableArray<Money> Values)
{
    /// <param name="model"><c>bg-nbd</c> or <c>pareto-nbd</c>.</param>
    /// <param name="summary">The customers.</param>
    /// <param name="horizon">Periods of one summary time unit each, and the discount rate per period.</param>
    /// <param name="margin">The margin on spend.</param>
    public static ClvForecast Compute(string model, RfmSummary summary, ValuationHorizon horizon, double margin)
    {
        var spend = GammaGammaModel.Fit(summary);
        ITransactionModel transactions;
        ImmutableArray<ParameterEstimate> estimates;
        double logLikelihood;
        ICustomerValueModel value;
        if (model == "pareto-nbd")
        {
            var fit = ParetoNbdModel.Fit(summary.Compress());
            (transactions, estimates, logLikelihood) = (fit.Model, fit.Estimates, fit.LogLikelihood);
            value = new ParetoNbdGammaGammaValueModel(fit.Model, spend.Model, margin);
        }
        else
        {
            var fit = BetaGeometricNbdModel.Fit(summary.Compress());
            (transactions, estimates, logLikelihood) = (fit.Model, fit.Estimates, fit.LogLikelihood);
            value = new BgNbdGammaGammaValueModel(fit.Model, spend.Model, margin);
        }
        int n = summary.Count;
        double t = horizon.Periods * horizon.PeriodLength;
        var alive = new double[n];
        var purchases = new double[n];
        var perPurchase = new double[n];
        for (int i = 0; i < n; i++)
        {
            int x = summary.Frequency[i];
            alive[i] = transactions.ProbabilityAlive(x, summary.Recency[i], summary.Age[i]);
            purchases[i] = transactions.ConditionalExpectedTransactions(t, x, summary.Recency[i], summary.Age[i]);
            perPurchase[i] = spend.Model.ConditionalExpectedSpend(x, summary.MonetaryValue[i]);
        }
        return new ClvForecast(transactions, estimates, logLikelihood, spend, alive, purchases, perPurchase, value.CustomerValues(summary, horizon));
    }
}
