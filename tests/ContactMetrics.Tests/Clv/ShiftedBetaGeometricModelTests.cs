using ContactMetrics.Clv;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Clv;

public class ShiftedBetaGeometricModelTests
{
    // Fader & Hardie (2007), "How to project customer retention", Journal of Interactive Marketing 21(1), percent of an
    // initial 1,000 customers surviving at the start of years 0..7 (also in /work/shared/docs/REFERENCES.md).
    private static readonly double[] Regular = [100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1];
    private static readonly double[] HighEnd = [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1];

    [Fact]
    public void Fit_RegularSegment_ReproducesPublishedEstimates()
    {
        // Expected: FH2007, regular segment, alpha = 0.704, beta = 1.182 (printed to 3 decimals).
        var fit = ShiftedBetaGeometricModel.Fit(Regular);
        fit.Diagnostics.Converged.Should().BeTrue(fit.Diagnostics.Message);
        fit.Parameters.Alpha.Should().BeApproximately(0.704, 0.0005);
        fit.Parameters.Beta.Should().BeApproximately(1.182, 0.0005);
        fit.Estimates.Select(e => e.Name).Should().Equal("alpha", "beta");
        fit.Estimates.Should().OnlyContain(e => e.StandardError > 0 && e.StandardError < e.Value);
    }

    [Fact]
    public void Fit_HighEndSegment_ReproducesPublishedEstimates()
    {
        // Expected: FH2007, high-end segment, alpha = 0.668, beta = 3.806 (printed to 3 decimals).
        var fit = ShiftedBetaGeometricModel.Fit(HighEnd);
        fit.Parameters.Alpha.Should().BeApproximately(0.668, 0.0005);
        fit.Parameters.Beta.Should().BeApproximately(3.806, 0.0005);
    }

    [Fact]
    public void Fit_CountsInsteadOfPercentages_SameEstimates()
    {
        var percent = ShiftedBetaGeometricModel.Fit(Regular);
        var counts = ShiftedBetaGeometricModel.Fit(Regular.Select(v => v * 10).ToArray());
        counts.Parameters.Alpha.Should().BeApproximately(percent.Parameters.Alpha, 1e-6);
        counts.Parameters.Beta.Should().BeApproximately(percent.Parameters.Beta, 1e-6);
        counts.LogLikelihood.Should().BeApproximately(10 * percent.LogLikelihood, 1e-6 * Math.Abs(counts.LogLikelihood));
        // Ten times the customers: standard errors shrink by sqrt(10).
        counts.Estimates[0].StandardError.Should().BeApproximately(percent.Estimates[0].StandardError / Math.Sqrt(10), 1e-4);
    }

    [Fact]
    public void FitIndividuals_CohortAsCensoredIndividuals_SameAsCohortFit()
    {
        // The 1,000 regular customers as individuals: n_(t-1) - n_t churned after t - 1 renewals, 241 still active after 7.
        var counts = Regular.Select(v => (int)Math.Round(v * 10)).ToArray();
        var renewals = new List<int>();
        var churned = new List<bool>();
        for (int t = 1; t < counts.Length; t++)
        {
            renewals.AddRange(Enumerable.Repeat(t - 1, counts[t - 1] - counts[t]));
            churned.AddRange(Enumerable.Repeat(true, counts[t - 1] - counts[t]));
        }
        renewals.AddRange(Enumerable.Repeat(7, counts[^1]));
        churned.AddRange(Enumerable.Repeat(false, counts[^1]));

        var individual = ShiftedBetaGeometricModel.FitIndividuals(renewals.ToArray(), churned.ToArray());
        var cohort = ShiftedBetaGeometricModel.Fit(counts.Select(c => (double)c).ToArray());
        individual.Parameters.Alpha.Should().BeApproximately(cohort.Parameters.Alpha, 1e-6);
        individual.Parameters.Beta.Should().BeApproximately(cohort.Parameters.Beta, 1e-6);
        individual.LogLikelihood.Should().BeApproximately(cohort.LogLikelihood, 1e-6);
    }

    [Fact]
    public void FitIndividuals_MixedCensoring_MatchesLikelihoodByHand()
    {
        // Two customers: one churned after 2 renewals (T = 3), one active after 1 renewal (T > 1):
        // L = P(T = 3) S(1). The fit maximizes it, so its log-likelihood is at least that at any other point.
        var fit = ShiftedBetaGeometricModel.FitIndividuals([2, 1, 0, 4], [true, false, true, false]);
        var other = new ShiftedBetaGeometricModel(new SbgParameters(1, 1));
        double atOther = Math.Log(other.ChurnProbability(3) * other.Survival(1) * other.ChurnProbability(1) * other.Survival(4));
        fit.LogLikelihood.Should().BeGreaterThanOrEqualTo(atOther);
        var m = fit.Model;
        double byHand = Math.Log(m.ChurnProbability(3) * m.Survival(1) * m.ChurnProbability(1) * m.Survival(4));
        fit.LogLikelihood.Should().BeApproximately(byHand, 1e-9);
    }

    [Fact]
    public void Survival_PublishedParameters_ProductOfRetentionRatesAndOfChurn()
    {
        var m = new ShiftedBetaGeometricModel(new SbgParameters(0.704, 1.182));
        m.Survival(0).Should().Be(1);
        // S(1) = beta / (alpha + beta) (FH2007 survival at t = 1).
        m.Survival(1).Should().BeApproximately(1.182 / (0.704 + 1.182), 1e-12);
        double s = 1, churned = 0;
        for (int t = 1; t <= 50; t++)
        {
            s *= m.RetentionRate(t);
            churned += m.ChurnProbability(t);
            m.Survival(t).Should().BeApproximately(s, 1e-12);
            (1 - churned).Should().BeApproximately(s, 1e-12);
        }
        // Retention rises with tenure (FH2007: (beta + t - 1) / (alpha + beta + t - 1)).
        m.RetentionRate(1).Should().BeApproximately(1.182 / 1.886, 1e-12);
        m.RetentionRate(8).Should().BeApproximately(8.182 / 8.886, 1e-12);
    }

    [Fact]
    public void Survival_FittedRegular_TracksObservedCurve()
    {
        // FH2007 figure 2: the fitted sBG curve follows the 7 observed years within about a point.
        var m = ShiftedBetaGeometricModel.Fit(Regular).Model;
        for (int t = 0; t < Regular.Length; t++)
        {
            (100 * m.Survival(t)).Should().BeApproximately(Regular[t], 1.5);
        }
    }

    [Theory]
    [InlineData(0.704, 1.182, 0, 0.10)]
    [InlineData(0.704, 1.182, 4, 0.10)]
    [InlineData(0.668, 3.806, 0, 0.10)]
    [InlineData(0.668, 3.806, 9, 0.05)]
    [InlineData(3.0, 0.5, 2, 0.01)]
    [InlineData(0.3, 40.0, 20, 0.2)]
    public void DiscountedExpectedResidualLifetime_EqualsDirectSum(double alpha, double beta, int renewals, double d)
    {
        // Fader & Hardie (2010), Marketing Science 29(1), definition of DERL: a customer at the end of period n who has made
        // n - 1 renewals; DERL = sum_{t >= n} S(t) / S(n - 1) / (1 + d)^(t - n) (the next renewal payment is not discounted).
        var m = new ShiftedBetaGeometricModel(new SbgParameters(alpha, beta));
        int n = renewals + 1;
        double expected = DirectSum(m, n, d, terms: 20_000);
        m.DiscountedExpectedResidualLifetime(renewals, d).Should().BeApproximately(expected, 1e-10 * expected);
        m.DiscountedExpectedResidualValue(25.0, renewals, d).Should().BeApproximately(25.0 * expected, 1e-9 * expected);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_TinyDiscountRate_QuadratureMatchesDirectSum()
    {
        // d = 1e-5: the series would need millions of terms, so the Euler-integral quadrature is used.
        var m = new ShiftedBetaGeometricModel(new SbgParameters(0.704, 1.182));
        double expected = DirectSum(m, 3, 1e-5, terms: 6_000_000);
        m.DiscountedExpectedResidualLifetime(2, 1e-5).Should().BeApproximately(expected, 1e-8 * expected);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_NoDiscount_GaussSumOrInfinite()
    {
        // d = 0: 2F1(1, b; c; 1) = (c - 1) / (c - b - 1) (Gauss), so DERL = (beta + n - 1) / (alpha - 1), the expected
        // remaining renewals; infinite when alpha <= 1.
        var m = new ShiftedBetaGeometricModel(new SbgParameters(3.0, 2.0));
        m.DiscountedExpectedResidualLifetime(4, 0).Should().BeApproximately((2.0 + 4) / 2.0, 1e-12);
        new ShiftedBetaGeometricModel(new SbgParameters(0.704, 1.182)).DiscountedExpectedResidualLifetime(0, 0).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void DiscountedExpectedLifetime_IsOnePlusDiscountedResidualAfterAcquisition()
    {
        // DEL = S(0) + sum_{t >= 1} S(t) / (1 + d)^t = 1 + DERL(0 renewals) / (1 + d).
        var m = new ShiftedBetaGeometricModel(new SbgParameters(0.668, 3.806));
        double d = 0.1;
        m.DiscountedExpectedLifetime(d).Should().BeApproximately(1 + m.DiscountedExpectedResidualLifetime(0, d) / (1 + d), 1e-12);
        m.DiscountedExpectedLifetime(d).Should().BeApproximately(DirectSum(m, 0, d, 20_000, fromSurvival: 1.0), 1e-10);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_RisesWithRenewals()
    {
        // The longer a customer has stayed, the lower their churn probability is likely to be (FH2010, section 3).
        var m = new ShiftedBetaGeometricModel(new SbgParameters(0.704, 1.182));
        double previous = 0;
        for (int n = 0; n < 20; n++)
        {
            double derl = m.DiscountedExpectedResidualLifetime(n, 0.1);
            derl.Should().BeGreaterThan(previous);
            previous = derl;
        }
    }

    [Fact]
    public void TryFit_TinyIterationBudget_ReturnsFalseWithLastIterate()
    {
        ShiftedBetaGeometricModel.TryFit(Regular, new ModelFitOptions { MaxIterations = 1 }, out var fit).Should().BeFalse();
        fit.Diagnostics.Converged.Should().BeFalse();
        fit.Diagnostics.Iterations.Should().BeGreaterThan(0);
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit(Regular, new ModelFitOptions { MaxIterations = 1 })).Should().Throw<ModelFitException>();
        ShiftedBetaGeometricModel.TryFit(Regular, out var converged).Should().BeTrue();
        converged.Parameters.Alpha.Should().BeApproximately(0.704, 0.0005);
    }

    [Fact]
    public void Fit_InvalidCurves_Throw()
    {
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit([100])).Should().Throw<ArgumentException>().WithParameterName("survivors");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit([100, 60, 70])).Should().Throw<ArgumentException>().WithParameterName("survivors");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.FitIndividuals([1, 2], [true])).Should().Throw<ArgumentException>().WithParameterName("churned");
        FluentActions.Invoking(() => new ShiftedBetaGeometricModel(new SbgParameters(1, 1)).DiscountedExpectedResidualLifetime(-1, 0.1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>sum_{t = n..n+terms} S(t) / S(n - 1) (1 + d)^-(t - n), with S(t) by the retention recursion; from S(n - 1) = 1 unless given.</summary>
    private static double DirectSum(ShiftedBetaGeometricModel m, int n, double d, int terms, double? fromSurvival = null)
    {
        double s = fromSurvival ?? 1.0, sum = 0, discount = 1;
        for (int t = n; t < n + terms; t++)
        {
            if (t > 0 && fromSurvival is null || t > n)
            {
                s *= m.RetentionRate(t);
            }
            sum += s * discount;
            discount /= 1 + d;
        }
        return sum;
    }
}
