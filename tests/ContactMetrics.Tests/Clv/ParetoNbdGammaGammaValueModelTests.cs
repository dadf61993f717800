using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

public class ParetoNbdGammaGammaValueModelTests
{
    // Published CDNOW estimates: Pareto/NBD r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67 (Fader, Hardie & Lee 2005, JMR 42(4));
    // Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44 (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
    private static readonly ParetoNbdModel Transactions = new(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67));
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));
    private static readonly ParetoNbdGammaGammaValueModel Model = new(Transactions, Spend, 0.3);

    [Fact]
    public void CustomerValue_ZeroDiscount_IsMarginTimesSpendTimesExpectedTransactions()
    {
        // Without discounting the period increments telescope to E[Y(H L)].
        var horizon = new ValuationHorizon(13, 0) { PeriodLength = 3 };
        double expected = 0.3 * Spend.ConditionalExpectedSpend(2, 22.345) * Transactions.ConditionalExpectedTransactions(39, 2, 30.43, 38.86);
        Model.CustomerValue(2, 30.43, 38.86, 22.345, horizon).Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void CustomerValue_DiscountedByHand_MatchesPeriodSum()
    {
        // Three weekly periods at 1% a week: sum_k (E[Y(k)] - E[Y(k-1)]) / 1.01^k, margin 0.3, spend E[Z | zbar, x].
        double spend = Spend.ConditionalExpectedSpend(5, 40);
        double expected = 0;
        for (int k = 1; k <= 3; k++)
        {
            expected += (Transactions.ConditionalExpectedTransactions(k, 5, 20, 38) - Transactions.ConditionalExpectedTransactions(k - 1, 5, 20, 38)) / Math.Pow(1.01, k);
        }
        Model.CustomerValue(5, 20, 38, 40, new ValuationHorizon(3, 0.01)).Should().BeApproximately(0.3 * spend * expected, 1e-12);
    }

    [Fact]
    public void CustomerValues_CdnowSummary_OnePerCustomerAndNeverRisingWithDiscount()
    {
        var summary = CdnowData.Summary;
        var low = Model.CustomerValues(summary, new ValuationHorizon(52, ValuationHorizon.RateForPeriod(0.05, 7)));
        var high = Model.CustomerValues(summary, new ValuationHorizon(52, ValuationHorizon.RateForPeriod(0.15, 7)));
        low.Should().HaveCount(summary.Count);
        low.Should().OnlyContain(v => v.Currency == Currency.Usd && v.Amount >= 0);
        for (int i = 0; i < summary.Count; i++)
        {
            high[i].Should().BeLessThanOrEqualTo(low[i]);
        }
    }

    [Fact]
    public void Constructor_MarginAboveOne_Throws()
    {
        var act = () => new ParetoNbdGammaGammaValueModel(Transactions, Spend, 1.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
    }
}
