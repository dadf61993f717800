using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tests.Retention;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The Cox fit where the Retention run of 2026-12-06 19:20 (Stryker.NET, docs/testing.md "Retention") left mutants alive:
/// the iteration's diagnostics, step halving, an information matrix that is singular at beta = 0, the aliasing rule's
/// tolerance and centring, and the null checks. R values: R 4.2.2, survival 3.5-3.
/// </summary>
public class RetentionCoxMutationTests
{
    // x is 4 only in the row censored at 0.5, before every event: each risk set at an event time holds rows with x = 0
    // alone, so by hand (centred x = -1 there) S2/S0 - (S1/S0)^2 = 1 - 1 = 0 exactly: I(beta) = 0, no information on x.
    private static readonly SurvivalTable NoInformation = SurvivalTable.FromColumns([0.5, 1, 2, 3], [false, true, true, true])
        .WithCovariate("x", [4, 0, 0, 0]);

    [Fact]
    public void TryFit_OneNewtonStep_DiagnosticsStateTheStepAndTheScoreThere()
    {
        // One Newton step from beta = 0 on rossi with fin and age: R coxph(Surv(week, arrest) ~ fin + age, data = rossi,
        // control = coxph.control(iter.max = 1)) gives coef -0.319485381778803, -0.0523744691681729 (the same as
        // solve(I(0), U(0)) from the iter.max = 0 fit), loglik[2] -666.681334553783; the score there,
        // colSums(residuals(coxph(..., init = those, iter.max = 0), type = "score")) = (-0.440697520517894, -47.7124261640575),
        // norm 47.7144613798084. The largest step is |fin|'s, the gradient norm sums both squares.
        var converged = CoxProportionalHazards.TryFit(RossiData.Table("fin", "age"), new CoxOptions { MaxIterations = 1 }, out var fit);

        converged.Should().BeFalse();
        fit["fin"].Coefficient.ShouldBeRelativelyClose(-0.319485381778803);
        fit["age"].Coefficient.ShouldBeRelativelyClose(-0.0523744691681729);
        fit.LogLikelihood.ShouldBeRelativelyClose(-666.681334553783);
        fit.Diagnostics.MaxAbsoluteStep.ShouldBeRelativelyClose(0.319485381778803);
        fit.Diagnostics.GradientNorm.ShouldBeRelativelyClose(47.7144613798084, 1e-5);
        fit.Diagnostics.StepHalvings.Should().Be(0);
        fit["fin"].HazardRatioInterval.Method.Should().Be("wald");
    }

    [Fact]
    public void Fit_NewtonStepOvershoots_HalvesItOnceAndConvergesAsR()
    {
        // Times 1-6, all events, x = 8, 0, 1, 1, 1, 1. The fourth Newton step passes the maximum and lowers the log partial
        // likelihood, so it is halved once (the same iteration as R's coxfit6, which halves beta - beta_old). R
        // coxph(Surv(t, e) ~ x): coef 0.500461446496904, se 0.423823751599423, fit$iter 6 (the halved step counts as one),
        // loglik -6.5792512120101, -5.33577126029384.
        var table = SurvivalTable.FromColumns([1, 2, 3, 4, 5, 6], [true, true, true, true, true, true]).WithCovariate("x", [8, 0, 1, 1, 1, 1]);

        var fit = CoxProportionalHazards.Fit(table);

        fit["x"].Coefficient.ShouldBeRelativelyClose(0.500461446496904);
        fit["x"].StandardError.ShouldBeRelativelyClose(0.423823751599423);
        fit.LogLikelihood.ShouldBeRelativelyClose(-5.33577126029384);
        fit.Diagnostics.Iterations.Should().Be(6);
        fit.Diagnostics.StepHalvings.Should().Be(1);
        fit.Diagnostics.GradientNorm.Should().BeLessThan(1e-6, "the score vanishes at the maximum");
    }

    [Fact]
    public void TryFit_InformationSingularAtZero_LastIterateIsZeroWithoutStandardErrors()
    {
        // I(0) = 0 (above) is not positive definite, so there is no Newton step; the fit stays at beta = 0. Nothing can be
        // inverted: the standard error, covariance and interval are undefined; the score statistic is 0 (nothing solved);
        // the hazard ratio is exp(0) = 1 with the interval [0, infinity).
        var converged = CoxProportionalHazards.TryFit(NoInformation, out var fit);

        converged.Should().BeFalse();
        fit.Diagnostics.Iterations.Should().Be(0);
        fit.Diagnostics.Message.Should().Be("the information matrix at beta = 0 is not positive definite (collinear covariates?)");
        fit.ScoreTest.Statistic.Should().Be(0);
        fit.LogLikelihood.Should().Be(fit.NullLogLikelihood);
        foreach (var c in fit.Coefficients)
        {
            c.Coefficient.Should().Be(0);
            c.HazardRatio.Should().Be(1);
            double.IsNaN(c.StandardError).Should().BeTrue();
            c.HazardRatioInterval.Should().Be(new ConfidenceInterval(0, double.PositiveInfinity, 0.95, "wald"));
            c.Estimate.HasPoint.Should().BeFalse("the interval is not finite");
            c.Estimate.Method.Should().Be("wald");
        }
        double.IsNaN(fit.Covariance(0, 0)).Should().BeTrue();
    }

    [Fact]
    public void TryFit_CancelledBeforeTheFirstStep_Throws()
    {
        // The token is checked before the first evaluation, also when there is no Newton step to take (I(0) = 0).
        using var source = new CancellationTokenSource();
        source.Cancel();

        var act = () => CoxProportionalHazards.TryFit(NoInformation, new CoxOptions { CancellationToken = source.Token }, out _);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void CoefficientEstimate_InfiniteRatioWithFiniteInterval_IsUndefined()
    {
        // The estimate needs all three finite: the ratio alone infinite (or an interval end alone) makes it undefined.
        var interval = new ConfidenceInterval(1, 2, 0.95, "wald");
        var infiniteRatio = new CoxCoefficient("x", 800, 1, 800, 0, double.PositiveInfinity, interval, 10);
        var infiniteLower = new CoxCoefficient("x", 1, 1, 1, 0.3, 2.7, new ConfidenceInterval(double.NegativeInfinity, 2, 0.95, "wald"), 10);

        infiniteRatio.Estimate.HasPoint.Should().BeFalse();
        infiniteRatio.Estimate.Method.Should().Be("wald");
        infiniteLower.Estimate.HasPoint.Should().BeFalse();
        new CoxCoefficient("x", 1, 1, 1, 0.3, 2.7, interval, 10).Estimate.Point.Should().Be(2.7);
    }

    [Fact]
    public void AliasedCovariates_ComplementAndNearCopy_AreAliased_ARescaledColumnIsNot()
    {
        // 1 - fin is a linear combination of fin and the constant the partial likelihood cannot see (R coxph(Surv(week, arrest)
        // ~ fin + I(1 - fin)): NA). Centring (not shifting by the minimum) is what makes it aliased.
        // near = fin + 1e-5 z (z = standardised age): after fin is projected out, its residual squared norm is
        // 4.29e-8 of its centred 108.0 (hand computation on rossi: 3.98e-10 <= 1e-9): aliased. Against the largest squared
        // entry (0.25) or with 1e-9 divided by the norm it would not be.
        // small = age x 1e-6 is independent of fin at any scale: its residual is ~100 % of its own (tiny) norm.
        var fin = RossiData.Column("fin");
        var age = RossiData.Column("age");
        double mean = age.Average();
        double sd = Math.Sqrt(age.Sum(a => (a - mean) * (a - mean)) / (age.Length - 1));
        var table = RossiData.Table()
            .WithCovariate("fin", fin)
            .WithCovariate("nofin", [.. fin.Select(f => 1 - f)])
            .WithCovariate("near", [.. fin.Zip(age, (f, a) => f + (1e-5 * (a - mean) / sd))])
            .WithCovariate("small", [.. age.Select(a => a * 1e-6)]);

        CoxProportionalHazards.AliasedCovariates(table).Should().Equal("nofin", "near");
    }

    [Fact]
    public void FitDroppingAliased_NoEventsAndOnlyConstantCovariates_ThrowsForTheEvents()
    {
        // With every covariate constant there is no fit to try, so the missing events must be caught before.
        var table = SurvivalTable.FromColumns([1, 2], [false, false]).WithCovariate("c", [1, 1]);

        var act = () => CoxProportionalHazards.FitDroppingAliased(table, CoxOptions.Default);

        act.Should().Throw<ArgumentException>().WithMessage("A Cox model needs at least one event; every row is censored.*").Which.ParamName.Should().Be("table");
    }

    [Fact]
    public void PossiblyInfinite_SeparatingCovariateFirst_IsNamed()
    {
        // As CoxFitResultTests: x = arrest orders events before non-events (R: "coefficient may be infinite"); here it is the
        // first covariate (index 0).
        var table = RossiData.Table().WithCovariate("x", RossiData.Column("arrest")).WithCovariate("fin", RossiData.Column("fin"));
        CoxProportionalHazards.TryFit(table, out var fit);

        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, table).Should().Equal("x");
    }

    [Theory]
    // x = 0, 1, 2, 3: mean 1.5, sum of squares 5, sd sqrt(5 / 3) = 1.290994 (n - 1 = 3). By hand: |beta| sd = 10.33 for
    // beta = 8 (named) and 9.04 for beta = 7 (not named). Against other spreads: sd from the minimum sqrt(14 / 3) = 2.160,
    // with n + 1 sqrt(5 / 5) = 1, of sqrt(5) (no n - 1): beta = 7 gives 15.1 and 15.7 and beta = 8 gives 8 < 10.
    [InlineData(8.0, true)]
    [InlineData(-8.0, true)]
    [InlineData(7.0, false)]
    public void PossiblyInfinite_HazardRatioPerStandardDeviationAroundE10(double beta, bool named)
    {
        var table = SurvivalTable.FromColumns([1, 2, 3, 4], [true, true, true, false]).WithCovariate("x", [0, 1, 2, 3]);
        var coefficient = new CoxCoefficient("x", beta, 1, beta, 0, Math.Exp(beta), new ConfidenceInterval(Math.Exp(beta - 2), Math.Exp(beta + 2), 0.95, "wald"), 4);
        var fit = new CoxFit([coefficient], new double[1, 1], -3, -1, ChiSquareTest.Of(4, 1), ChiSquareTest.Of(4, 1), ChiSquareTest.Of(4, 1), 4, 3, CoxTies.Efron,
            new FitDiagnostics(true, 5, -1, 0, "Newton-Raphson", "hand-made"));

        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, table).Should().Equal(named ? ["x"] : Array.Empty<string>());
    }

    [Fact]
    public void NullArguments_ThrowArgumentNullException()
    {
        var table = RossiData.Table("fin");
        var fit = CoxProportionalHazards.Fit(table);

        ((Action)(() => CoxProportionalHazards.TryFit(null!, CoxOptions.Default, out _))).Should().Throw<ArgumentNullException>().WithParameterName("table");
        ((Action)(() => CoxProportionalHazards.TryFit(table, null!, out _))).Should().Throw<ArgumentNullException>().WithParameterName("options");
        ((Action)(() => CoxProportionalHazards.FitDroppingAliased(null!, CoxOptions.Default))).Should().Throw<ArgumentNullException>().WithParameterName("table");
        ((Action)(() => CoxProportionalHazards.FitDroppingAliased(table, null!))).Should().Throw<ArgumentNullException>().WithParameterName("options");
        ((Action)(() => CoxProportionalHazards.AliasedCovariates(null!))).Should().Throw<ArgumentNullException>().WithParameterName("table");
        ((Action)(() => CoxProportionalHazards.PossiblyInfiniteCoefficients(null!, table))).Should().Throw<ArgumentNullException>().WithParameterName("fit");
        ((Action)(() => CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, null!))).Should().Throw<ArgumentNullException>().WithParameterName("table");
    }
}
