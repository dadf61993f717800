using ContactMetrics.Clv;
using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Tests.Clv;

public class ModifiedBetaGeometricNbdModelTests
{
    // Batislam, Denizel & Filiztekin (2007), IJRM 24(3), fit the MBG/NBD to a Turkish grocery panel, not to CDNOW; no
    // published CDNOW estimates were found (search of the stored docs, pages and code corpora), so the CDNOW fit is
    // checked for convergence and against the model's own identities, and the formulas against BDF's closed forms.
    private static readonly Lazy<MbgNbdFit> CdnowFit = new(() => ModifiedBetaGeometricNbdModel.Fit(CdnowData.Summary.Compress()));

    [Fact]
    public void Fit_CdnowSample_ConvergesWithStandardErrorsAndMaximizes()
    {
        var fit = CdnowFit.Value;
        fit.Diagnostics.Converged.Should().BeTrue(fit.Diagnostics.Message);
        fit.Estimates.Select(e => e.Name).Should().Equal("r", "alpha", "a", "b");
        fit.Estimates.Should().OnlyContain(e => e.StandardError > 0 && e.StandardError < e.Value);
        var data = CdnowData.Summary.Compress();
        fit.Model.LogLikelihood(data).Should().BeApproximately(fit.LogLikelihood, 1e-8);
        // A maximum: nudging any parameter by 1% lowers the log-likelihood.
        var p = fit.Parameters;
        foreach (var nudged in new[] { new MbgNbdParameters(p.R * 1.01, p.Alpha, p.A, p.B), new MbgNbdParameters(p.R, p.Alpha * 0.99, p.A, p.B), new MbgNbdParameters(p.R, p.Alpha, p.A * 1.01, p.B), new MbgNbdParameters(p.R, p.Alpha, p.A, p.B * 0.99) })
        {
            new ModifiedBetaGeometricNbdModel(nudged).LogLikelihood(data).Should().BeLessThan(fit.LogLikelihood);
        }
    }

    [Theory]
    [InlineData(0.5, 6.0, 0.9, 1.6, 0, 0.0, 38.86)]
    [InlineData(0.5, 6.0, 0.9, 1.6, 2, 30.43, 38.86)]
    [InlineData(2.0, 3.0, 2.5, 4.0, 12, 11.0, 20.0)]
    public void LogLikelihood_EqualsNumericalMixtureOverDropoutProbability(double r, double alpha, double a, double b, int x, double tx, double t)
    {
        // Independent check: mix the individual likelihood (1-p)^(x+1) G(T) + p (1-p)^x G(t_x) over p ~ beta(a, b) numerically,
        // G(u) = G(r+x) alpha^r / (G(r) (alpha+u)^(r+x)) being the gamma mixture over lambda of lambda^x e^(-lambda u).
        double G(double u) => Math.Exp(SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) - (r + x) * Math.Log(alpha + u));
        double density(double p) => Math.Exp((a - 1) * Math.Log(p) + (b - 1) * Math.Log(1 - p) - SpecialFunctions.BetaLn(a, b));
        double mixed = Integrate.DoubleExponential(p => density(p) * (Math.Pow(1 - p, x + 1) * G(t) + p * Math.Pow(1 - p, x) * G(tx)), 0, 1, 1e-15);
        var m = new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(r, alpha, a, b));
        m.LogLikelihood(x, tx, t).Should().BeApproximately(Math.Log(mixed), 1e-8);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86, 39.0)]
    [InlineData(2, 30.43, 38.86, 39.0)]
    [InlineData(10, 35.0, 38.86, 10.0)]
    public void ConditionalExpectedTransactions_EqualsPublishedClosedForm(int x, double tx, double t, double horizon)
    {
        // BDF 2007: E[Y(t) | x, t_x, T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive), a > 1.
        double r = 0.5, alpha = 6.0, a = 2.5, b = 1.6;
        var m = new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(r, alpha, a, b));
        HypergeometricSeries.TrySum([r + x, b + x + 1], [a + b + x], horizon / (alpha + t + horizon), out double f, 1_000_000).Should().BeTrue();
        double expected = (a + b + x) / (a - 1) * (1 - Math.Pow((alpha + t) / (alpha + t + horizon), r + x) * f) * m.ProbabilityAlive(x, tx, t);
        m.ConditionalExpectedTransactions(horizon, x, tx, t).Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void ExpectedTransactions_EqualsPublishedClosedForm()
    {
        // BDF 2007: E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))], a > 1.
        double r = 0.5, alpha = 6.0, a = 2.5, b = 1.6, t = 39;
        HypergeometricSeries.TrySum([r, b + 1], [a + b], t / (alpha + t), out double f, 1_000_000).Should().BeTrue();
        double expected = b / (a - 1) * (1 - Math.Pow(alpha / (alpha + t), r) * f);
        new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(r, alpha, a, b)).ExpectedTransactions(t).Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeatPurchases_BelowOneUnlikeBgNbd()
    {
        // The one change from the BG/NBD: a dropout opportunity at the first purchase, so x = 0 no longer means alive.
        var p = CdnowFit.Value.Parameters;
        var mbg = new ModifiedBetaGeometricNbdModel(p);
        var bg = new BetaGeometricNbdModel(new BgNbdParameters(p.R, p.Alpha, p.A, p.B));
        bg.ProbabilityAlive(0, 0, 38.86).Should().Be(1);
        double alive = mbg.ProbabilityAlive(0, 0, 38.86);
        alive.Should().BeInRange(0, 1).And.BeLessThan(1);
        // P(alive | x = 0, T) = 1 / (1 + a/b ((alpha+T)/alpha)^r).
        alive.Should().BeApproximately(1 / (1 + p.A / p.B * Math.Pow((p.Alpha + 38.86) / p.Alpha, p.R)), 1e-12);
    }

    [Fact]
    public void ConditionalExpectedTransactions_NewCustomer_EqualsUnconditional()
    {
        // Observed at T = 0 with no purchases, the posterior is the prior: E[Y(t) | 0, 0, 0] = E[X(t)].
        var m = CdnowFit.Value.Model;
        foreach (double t in new[] { 1.0, 39.0, 500.0 })
        {
            m.ConditionalExpectedTransactions(t, 0, 0, 0).Should().BeApproximately(m.ExpectedTransactions(t), 1e-9 * m.ExpectedTransactions(t));
        }
    }

    [Fact]
    public void Predictions_HeavyBuyer_Finite()
    {
        var m = CdnowFit.Value.Model;
        double.IsFinite(m.LogLikelihood(10_000, 38, 39)).Should().BeTrue();
        m.ProbabilityAlive(10_000, 1, 39).Should().BeInRange(0, 1);
        double.IsFinite(m.ConditionalExpectedTransactions(52, 10_000, 38, 39)).Should().BeTrue();
    }

    [Fact]
    public void ConditionalExpectedTransactions_CdnowHoldout_Report()
    {
        var s = CdnowData.Summary;
        var m = CdnowFit.Value.Model;
        double predicted = Enumerable.Range(0, s.Count).Sum(i => m.ConditionalExpectedTransactions(39, s.Frequency[i], s.Recency[i], s.Age[i]));
        (predicted / s.HoldoutFrequency.Sum()).Should().BeInRange(0.8, 1.05);
    }
}
