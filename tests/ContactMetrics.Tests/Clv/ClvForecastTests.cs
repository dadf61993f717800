using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

public class ClvForecastTests
{
    private static readonly ValuationHorizon OneYearWeekly = new(52, ValuationHorizon.RateForPeriod(0.1, 7));

    [Fact]
    public void Compute_BgNbdOnCdnow_RecoversThePublishedParameters()
    {
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, CdnowData.Summary, OneYearWeekly, 0.3);

        // Fader, Hardie & Lee (2005), Marketing Science 24(2), CDNOW sample, 39-week calibration:
        // r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (as in BetaGeometricNbdModelTests).
        forecast.TransactionEstimates.Select(e => e.Name).Should().Equal("r", "alpha", "a", "b");
        double[] published = [0.243, 4.414, 0.793, 2.426];
        for (int k = 0; k < published.Length; k++)
        {
            forecast.TransactionEstimates[k].Value.Should().BeApproximately(published[k], 0.0005, forecast.TransactionEstimates[k].Name);
        }
        forecast.TransactionLogLikelihood.Should().BeApproximately(-9582.4, 0.05);
    }

    [Fact]
    public void Compute_ParetoNbdOnCdnow_RecoversThePublishedParameters()
    {
        var forecast = ClvForecast.Compute(ClvTransactionModel.ParetoNbd, CdnowData.Summary, OneYearWeekly, 0.3);

        // BTYD (R) on CDNOW, pnbd.EstimateParameters: r = 0.5534, alpha = 10.5802, s = 0.6061, beta = 11.6562 (as in ParetoNbdModelTests),
        // LL = -9594.98.
        forecast.Transactions.Should().BeOfType<ParetoNbdModel>();
        forecast.TransactionEstimates[0].Value.Should().BeApproximately(0.553, 0.005);
        forecast.TransactionEstimates[1].Value.Should().BeApproximately(10.58, 0.05);
        forecast.TransactionLogLikelihood.Should().BeApproximately(-9594.98, 0.05);
    }

    [Fact]
    public void Compute_PerCustomer_EqualsTheModelsOwnCalls()
    {
        var summary = CdnowData.Summary;
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, OneYearWeekly, 0.3);
        var transactions = (BetaGeometricNbdModel)forecast.Transactions;
        var values = new BgNbdGammaGammaValueModel(transactions, forecast.Spend.Model, 0.3).CustomerValues(summary, OneYearWeekly);

        forecast.ProbabilityAlive.Should().HaveCount(summary.Count);
        forecast.Values.Should().Equal(values, "the forecast's CLV is the value model's");
        for (int i = 0; i < summary.Count; i += 97)
        {
            int x = summary.Frequency[i];
            // The batch's vector logarithms and exponentials agree with the scalar ones within a few units in the last place.
            double alive = transactions.ProbabilityAlive(x, summary.Recency[i], summary.Age[i]);
            forecast.ProbabilityAlive[i].Should().BeApproximately(alive, 1e-12 * alive);
            // The horizon is 52 periods of 1 week: E[Y(52) | x, t_x, T].
            double expected = transactions.ConditionalExpectedTransactions(52, x, summary.Recency[i], summary.Age[i]);
            forecast.ExpectedPurchases[i].Should().BeApproximately(expected, 1e-12 * expected);
            forecast.ExpectedSpend[i].Should().Be(forecast.Spend.Model.ConditionalExpectedSpend(x, summary.MonetaryValue[i]));
        }
        forecast.Values.Should().OnlyContain(v => v.Currency == Currency.Usd && v.Amount >= 0);
    }

    [Theory]
    [InlineData(ClvTransactionModel.BgNbd)]
    [InlineData(ClvTransactionModel.ParetoNbd)]
    public void Compute_EveryCustomer_EqualsTheSeparateBatchCallsToTheLastBit(ClvTransactionModel model)
    {
        // The forecast computes P(alive), E[Z] and the (x, T) factors once and multiplies; the separate public batch calls
        // (P(alive), E[Y(t)], E[Z], the value model's CLV) each compute their own. The same products in the same order:
        // equal to the last bit, for every customer. 12 monthly periods of 30.4375 / 7 weeks (t = 52.18 weeks).
        var summary = CdnowData.Summary;
        var horizon = new ValuationHorizon(12, ValuationHorizon.RateForPeriod(0.1, 30.4375)) { PeriodLength = 30.4375 / 7 };
        var forecast = ClvForecast.Compute(model, summary, horizon, 0.3);
        int n = summary.Count;
        var alive = new double[n];
        var purchases = new double[n];
        var spend = new double[n];
        forecast.Transactions.ProbabilityAlive(summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), alive);
        forecast.Transactions.ConditionalExpectedTransactions(12 * (30.4375 / 7), summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), purchases);
        forecast.Spend.Model.ConditionalExpectedSpend(summary.Frequency.AsSpan(), summary.MonetaryValue.AsSpan(), spend);
        ICustomerValueModel valueModel = forecast.Transactions switch
        {
            BetaGeometricNbdModel bg => new BgNbdGammaGammaValueModel(bg, forecast.Spend.Model, 0.3),
            ParetoNbdModel pn => new ParetoNbdGammaGammaValueModel(pn, forecast.Spend.Model, 0.3),
            _ => throw new InvalidOperationException(forecast.Transactions.Name),
        };

        forecast.ProbabilityAlive.Should().Equal(alive);
        forecast.ExpectedPurchases.Should().Equal(purchases);
        forecast.ExpectedSpend.Should().Equal(spend);
        forecast.Values.Should().Equal(valueModel.CustomerValues(summary, horizon));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Compute_MarginOutsideZeroToOne_Throws(double margin)
    {
        var act = () => ClvForecast.Compute(ClvTransactionModel.BgNbd, CdnowData.Summary, OneYearWeekly, margin);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
    }
}
