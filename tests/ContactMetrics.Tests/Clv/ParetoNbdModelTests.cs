using ContactMetrics.Clv;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Clv;

public class ParetoNbdModelTests
{
    // Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis", JMR 42(4), and
    // Fader, Hardie & Lee (2005), "A note on deriving the Pareto/NBD model and related expressions" (brucehardie.com/notes/009),
    // Pareto/NBD on the CDNOW sample (2,357 customers, 39-week calibration): r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67,
    // LL = -9594.98 (as quoted in the brief). To three decimals, r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669,
    // LL = -9595.0, as a requirements summary of the CLVTools R package quotes FHL 2005 (search corpus, "S7 - Estimation and
    // published parameter recovery", item F-02). The papers' tables themselves are not in the search corpus.
    private const double PublishedR = 0.553, PublishedAlpha = 10.578, PublishedS = 0.606, PublishedBeta = 11.669, PublishedLogLikelihood = -9594.98;

    private static readonly Lazy<ParetoNbdFit> CdnowFit = new(() => ParetoNbdModel.Fit(CdnowData.Summary.Compress()));

    [Fact]
    public void Fit_CdnowSample_ReproducesPublishedParametersAndLogLikelihood()
    {
        var fit = CdnowFit.Value;
        fit.Diagnostics.Converged.Should().BeTrue(fit.Diagnostics.Message);
        fit.Parameters.R.Should().BeApproximately(PublishedR, 0.0005);
        fit.Parameters.Alpha.Should().BeApproximately(PublishedAlpha, 0.0005);
        fit.Parameters.S.Should().BeApproximately(PublishedS, 0.0005);
        fit.Parameters.Beta.Should().BeApproximately(PublishedBeta, 0.0005);
        fit.LogLikelihood.Should().BeApproximately(PublishedLogLikelihood, 0.005);
        fit.Estimates.Select(e => e.Name).Should().Equal("r", "alpha", "s", "beta");
    }

    [Fact]
    public void Fit_CdnowSample_StandardErrorsMatchClvTools()
    {
        // CLVTools (R) correctness test on CDNOW, as summarized in the search corpus (item F-03): standard errors
        // r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448. Beta's is large: the likelihood is flat along beta.
        double[] expected = [0.0476264, 0.8427222, 0.1872594, 6.2105448];
        var fit = CdnowFit.Value;
        for (int i = 0; i < 4; i++)
        {
            fit.Estimates[i].StandardError.Should().BeApproximately(expected[i], 0.005 * expected[i], fit.Estimates[i].Name);
        }
    }

    [Fact]
    public void PublishedRPackageEstimates_LogLikelihoodAndExpectation_Match()
    {
        // BTYD (R) walkthrough on CDNOW: pnbd.EstimateParameters gives r = 0.5533971, alpha = 10.5801985, s = 0.6060625,
        // beta = 11.6562237 with LL = -9594.976, and pnbd.Expectation(params, t = 52) = 1.473 (E[X(52)]).
        var m = new ParetoNbdModel(new ParetoNbdParameters(0.5533971, 10.5801985, 0.6060625, 11.6562237));
        m.LogLikelihood(CdnowData.Summary.Compress()).Should().BeApproximately(-9594.976, 0.001);
        m.ExpectedTransactions(52).Should().BeApproximately(1.473, 0.0005);
    }

    [Fact]
    public void Fit_CdnowPublishedFile_SameAsFromRawLog()
    {
        var rows = CdnowData.PublishedSummary;
        var table = CompressedRfmSummary.FromColumns(
            rows.Select(_ => 1.0).ToArray(), rows.Select(r => r.X).ToArray(), rows.Select(r => r.Tx).ToArray(), rows.Select(r => r.T).ToArray(), RfmPeriodUnit.Week);
        var fit = ParetoNbdModel.Fit(table);
        fit.Parameters.R.Should().BeApproximately(PublishedR, 0.001);
        fit.Parameters.Alpha.Should().BeApproximately(PublishedAlpha, 0.01);
        fit.Parameters.S.Should().BeApproximately(PublishedS, 0.001);
        fit.Parameters.Beta.Should().BeApproximately(PublishedBeta, 0.02);
        fit.LogLikelihood.Should().BeApproximately(PublishedLogLikelihood, 0.01);
    }

    [Theory]
    [InlineData(0.55, 10.58, 0.61, 11.67, 2, 30.43, 38.86)]
    [InlineData(0.55, 10.58, 0.61, 11.67, 0, 0, 38.86)]
    [InlineData(0.55, 11.67, 0.61, 10.58, 7, 20.0, 35.0)]
    [InlineData(2.0, 3.0, 1.5, 0.2, 15, 1.5, 52.0)]
    [InlineData(0.3, 0.5, 4.0, 60.0, 1, 30.0, 30.5)]
    public void LogLikelihood_BothBranches_EqualsDirectIntegral(double r, double alpha, double s, double beta, int x, double tx, double t)
    {
        // Independent check of the 2F1 form: integrating the individual likelihood over the gamma mixing distributions gives
        // L = G(r+x) alpha^r beta^s / G(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du ].
        var m = new ParetoNbdModel(new ParetoNbdParameters(r, alpha, s, beta));
        double integral = MathNet.Numerics.Integrate.GaussKronrod(u => Math.Pow(alpha + u, -(r + x)) * Math.Pow(beta + u, -(s + 1)), tx, t, out _, out _, 1e-13);
        double bracket = Math.Pow(alpha + t, -(r + x)) * Math.Pow(beta + t, -s) + s * integral;
        double expected = MathNet.Numerics.SpecialFunctions.GammaLn(r + x) - MathNet.Numerics.SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta) + Math.Log(bracket);
        m.LogLikelihood(x, tx, t).Should().BeApproximately(expected, 1e-9 * Math.Abs(expected));
    }

    [Fact]
    public void LogLikelihood_AlphaCrossesBeta_Continuous()
    {
        var below = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58 - 1e-9, 0.61, 10.58));
        var above = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58 + 1e-9, 0.61, 10.58));
        below.LogLikelihood(3, 20, 38).Should().BeApproximately(above.LogLikelihood(3, 20, 38), 1e-8);
    }

    [Theory]
    [InlineData(0.55, 10.58, 0.61, 11.67)]
    [InlineData(0.55, 11.67, 0.61, 10.58)]
    [InlineData(0.05, 1000.0, 0.01, 0.001)]
    [InlineData(0.05, 0.001, 0.01, 1000.0)]
    public void Predictions_HeavyBuyer_FiniteAndInRange(double r, double alpha, double s, double beta)
    {
        // x = 10,000: (alpha+T)^-(r+x) underflows in linear space; everything is held as logarithms.
        var m = new ParetoNbdModel(new ParetoNbdParameters(r, alpha, s, beta));
        foreach (var (x, tx, t) in new[] { (10_000, 38.0, 39.0), (10_000, 1.0, 39.0), (10_000, 0.01, 1000.0), (0, 0.0, 1e6) })
        {
            double ll = m.LogLikelihood(x, tx, t);
            double.IsFinite(ll).Should().BeTrue($"LL({x}, {tx}, {t}) = {ll}");
            double alive = m.ProbabilityAlive(x, tx, t);
            alive.Should().BeInRange(0, 1);
            double.IsFinite(m.ConditionalExpectedTransactions(52, x, tx, t)).Should().BeTrue();
        }
    }

    [Fact]
    public void ProbabilityAlive_PurchaseAtTheEnd_IsOne_AndFallsWithTimeSinceLastPurchase()
    {
        var m = new ParetoNbdModel(new ParetoNbdParameters(PublishedR, PublishedAlpha, PublishedS, PublishedBeta));
        m.ProbabilityAlive(5, 38.86, 38.86).Should().Be(1);
        double previous = 1;
        foreach (double tx in new[] { 35.0, 30.0, 20.0, 10.0, 1.0 })
        {
            double alive = m.ProbabilityAlive(5, tx, 38.86);
            alive.Should().BeLessThan(previous);
            previous = alive;
        }
    }

    [Fact]
    public void ConditionalExpectedTransactions_NewCustomer_EqualsUnconditional()
    {
        // A customer observed at T = 0 is alive with the prior: E[Y(t) | 0, 0, 0] = E[X(t)] (SMC 1987).
        var m = new ParetoNbdModel(new ParetoNbdParameters(PublishedR, PublishedAlpha, PublishedS, PublishedBeta));
        foreach (double t in new[] { 1.0, 39.0, 78.0, 1000.0 })
        {
            m.ConditionalExpectedTransactions(t, 0, 0, 0).Should().BeApproximately(m.ExpectedTransactions(t), 1e-12 * m.ExpectedTransactions(t));
        }
    }

    [Fact]
    public void ExpectedTransactions_SEqualsOne_ContinuousLimit()
    {
        // s = 1: r beta / alpha ln(1 + t / beta), the limit of r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].
        var m = new ParetoNbdModel(new ParetoNbdParameters(0.5, 10, 1, 12));
        m.ExpectedTransactions(39).Should().BeApproximately(0.5 * 12 / 10 * Math.Log(1 + 39 / 12.0), 1e-12);
        var near = new ParetoNbdModel(new ParetoNbdParameters(0.5, 10, 1 + 1e-7, 12));
        near.ExpectedTransactions(39).Should().BeApproximately(m.ExpectedTransactions(39), 1e-6);
    }

    [Fact]
    public void ConditionalExpectedTransactions_CdnowHoldout_CloseToActual()
    {
        // Weeks 40-78: the model's total against the 1,882 (same-day merged) actual repeat transactions; FHL 2005 report the
        // Pareto/NBD and BG/NBD tracking the holdout about equally well (both underpredict this holdout).
        var s = CdnowData.Summary;
        var m = CdnowFit.Value.Model;
        double predicted = 0;
        for (int i = 0; i < s.Count; i++)
        {
            predicted += m.ConditionalExpectedTransactions(39, s.Frequency[i], s.Recency[i], s.Age[i]);
        }
        double actual = s.HoldoutFrequency.Sum();
        (predicted / actual).Should().BeInRange(0.8, 1.0);
    }

    [Fact]
    public void TryFit_TinyIterationBudget_ReturnsFalseInsteadOfThrowing()
    {
        var data = CdnowData.Summary.Compress();
        ParetoNbdModel.TryFit(data, new ModelFitOptions { MaxIterations = 1 }, out var fit).Should().BeFalse();
        fit.Diagnostics.Converged.Should().BeFalse();
        double.IsFinite(fit.LogLikelihood).Should().BeTrue();
        var thrown = FluentActions.Invoking(() => ParetoNbdModel.Fit(data, new ModelFitOptions { MaxIterations = 1 })).Should().Throw<ModelFitException>().Which;
        thrown.Diagnostics.Converged.Should().BeFalse();
        thrown.Model.Should().Be("Pareto/NBD");
        thrown.Diagnostics.StepHalvings.Should().Be(0, "BFGS does not halve steps");
        double.IsNaN(thrown.Diagnostics.MaxAbsoluteStep).Should().BeTrue("BFGS does not report its last step");
    }

    [Fact]
    public void LogAdjacent_NearOne_QuadratureMatchesSeries()
    {
        // z = 1 - 1e-4 needs about 4e5 series terms: the series with a large budget is the reference for the tanh-sinh path.
        foreach (var (a, b) in new[] { (2.0, 1.6), (40.0, 0.7), (1.2, 5.0) })
        {
            double z = 1 - 1e-4;
            GaussHypergeometric.TryLogSeries(a, b, a + 1, z, out double series, 5_000_000).Should().BeTrue();
            double quadrature = GaussHypergeometric.LogAdjacent(a, b, z, maxTerms: 10);
            quadrature.Should().BeApproximately(series, 1e-8 * Math.Max(1, Math.Abs(series)));
        }
    }

    [Fact]
    public void Fit_CdnowSample_AllocatesPerFitNotPerEvaluation()
    {
        // The fit's 37 evaluations share their ln F buffers (ParetoNbdModel.HistoryKeys), and the 2F1 series allocates nothing
        // when it settles without the quadrature: 3.55 MB a fit before (about 85 KB an evaluation: the buffers, 38 KB, and the
        // closure of the quadrature's integrands, allocated on every call), 0.24 MB after (the pair table, built once; measured
        // with GC.GetAllocatedBytesForCurrentThread). CDNOW's 943 pairs and 1,016 rows stay on the calling thread.
        var rows = CdnowData.Summary.Compress();
        ParetoNbdModel.Fit(rows);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ParetoNbdModel.Fit(rows);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(1_000_000);
    }
}
