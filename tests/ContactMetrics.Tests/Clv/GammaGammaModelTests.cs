using ContactMetrics.Clv;

namespace ContactMetrics.Tests.Clv;

public class GammaGammaModelTests
{
    private static readonly Lazy<GammaGammaFit> CdnowFit = new(() => GammaGammaModel.Fit(CdnowData.Summary));

    [Fact]
    public void Fit_CdnowSample_ReproducesPublishedParameters()
    {
        // Fader & Hardie (2013), "The Gamma-Gamma model of monetary value" (brucehardie.com/notes/025), CDNOW
        // sample, the 946 customers with at least one repeat purchase in weeks 1-39: p = 6.25, q = 3.74, gamma = 15.44.
        var fit = CdnowFit.Value;
        fit.Diagnostics.Converged.Should().BeTrue(fit.Diagnostics.Message);
        fit.Customers.Should().Be(946);
        fit.Parameters.P.Should().BeApproximately(6.25, 0.005);
        fit.Parameters.Q.Should().BeApproximately(3.74, 0.005);
        fit.Parameters.Gamma.Should().BeApproximately(15.44, 0.005);
        fit.Estimates.Select(e => e.Name).Should().Equal("p", "q", "gamma");
        fit.Estimates.Should().OnlyContain(e => e.StandardError > 0 && e.StandardError < e.Value);
    }

    [Fact]
    public void LogLikelihood_CdnowFit_IsSumOfIndividualLogDensities()
    {
        var fit = CdnowFit.Value;
        var s = CdnowData.Summary;
        double sum = Enumerable.Range(0, s.Count).Where(i => s.Frequency[i] > 0).Sum(i => fit.Model.LogLikelihood(s.Frequency[i], s.MonetaryValue[i]));
        fit.LogLikelihood.Should().BeApproximately(sum, 1e-6 * Math.Abs(sum));
        // CLVTools (R) correctness test on CDNOW, as summarized in the search corpus (item F-08): LL = -4055.9177 with the
        // density of zbar including the x^(px) zbar^(px-1) terms, as here.
        fit.LogLikelihood.Should().BeApproximately(-4055.9177, 0.001);
    }

    [Fact]
    public void ConditionalExpectedSpend_IsWeightedMeanOfPopulationMeanAndZbar()
    {
        // FHL 2005 JMR eq. 4: E[Z | zbar, x] = (q-1)/(px+q-1) * p gamma/(q-1) + px/(px+q-1) * zbar.
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        double population = 6.25 * 15.44 / (3.74 - 1);
        model.MeanSpend().Should().BeApproximately(population, 1e-12);
        double w = 6.25 * 2 / (6.25 * 2 + 3.74 - 1);
        model.ConditionalExpectedSpend(2, 22.345).Should().BeApproximately((1 - w) * population + w * 22.345, 1e-10);
        model.ConditionalExpectedSpend(0, 0).Should().BeApproximately(population, 1e-12);
    }

    [Fact]
    public void ConditionalExpectedSpend_ManyTransactions_ApproachesObservedMean()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        model.ConditionalExpectedSpend(100_000, 50).Should().BeApproximately(50, 0.01);
    }

    [Fact]
    public void MeanSpend_QAtMostOne_Throws()
    {
        var act = () => new GammaGammaModel(new GammaGammaParameters(1, 0.9, 10)).MeanSpend();
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Fit_NoRepeatCustomers_Throws()
    {
        var summary = RfmSummary.FromColumns([new("a")], [0], [0.0], [3.0], [0.0], RfmPeriodUnit.Week);
        var act = () => GammaGammaModel.Fit(summary);
        act.Should().Throw<ArgumentException>().WithParameterName("summary");
    }
}
