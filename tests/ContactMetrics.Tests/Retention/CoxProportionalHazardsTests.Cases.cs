using ContactMetrics.Numerics;
using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed partial class CoxProportionalHazardsTests
{
    [Fact]
    public void Fit_OneBinaryCovariateNoTies_MatchesHandPartialLikelihood()
    {
        // Times 1..4 all events, x = 1, 0, 1, 0 (no ties, so Efron = Breslow). With r = exp(beta):
        // l(beta) = 2 beta - log(2r + 2) - log(r + 2) - log(r + 1) - log 1. At beta = 0: l = -log 4 - log 3 - log 2.
        var table = SurvivalTable.FromColumns([1, 2, 3, 4], [true, true, true, true]).WithCovariate("x", [1.0, 0, 1, 0]);

        var efron = CoxProportionalHazards.Fit(table);
        var breslow = CoxProportionalHazards.Fit(table, new CoxOptions { Ties = CoxTies.Breslow });

        efron.NullLogLikelihood.ShouldBeRelativelyClose(-Math.Log(24), 1e-12);
        double beta = efron.Coefficients[0].Coefficient;
        double r = Math.Exp(beta);
        // Score at the maximum: 2 - 2r/(2r+2) - r/(r+2) - r/(r+1) = 0.
        (2 - (2 * r / ((2 * r) + 2)) - (r / (r + 2)) - (r / (r + 1))).Should().BeApproximately(0, 1e-9);
        efron.LogLikelihood.ShouldBeRelativelyClose((2 * beta) - Math.Log((2 * r) + 2) - Math.Log(r + 2) - Math.Log(r + 1), 1e-12);
        breslow.Coefficients[0].Coefficient.ShouldBeRelativelyClose(beta, 1e-12);
    }

    [Fact]
    public void Fit_TiedEvents_EfronDiffersFromBreslowByHand()
    {
        // Two tied events at t=1 (x = 1, 0) and two rows at risk later (x = 1, 0); at beta = 0 the risk set has 4.
        // Breslow: l(0) = -2 log 4. Efron: l(0) = -log 4 - log(4 - 1/2 * 2) = -log 4 - log 3.
        var table = SurvivalTable.FromColumns([1, 1, 2, 3], [true, true, false, true]).WithCovariate("x", [1.0, 0, 1, 0]);

        var efron = CoxProportionalHazards.Fit(table);
        var breslow = CoxProportionalHazards.Fit(table, new CoxOptions { Ties = CoxTies.Breslow });

        efron.NullLogLikelihood.ShouldBeRelativelyClose(-Math.Log(4) - Math.Log(3) - Math.Log(1), 1e-12);
        breslow.NullLogLikelihood.ShouldBeRelativelyClose(-2 * Math.Log(4), 1e-12);
    }

    [Fact]
    public void Fit_ShiftedAndScaledCovariate_SameLikelihoodScaledCoefficient()
    {
        var age = RossiData.Column("age");
        var baseline = CoxProportionalHazards.Fit(RossiData.Table("age"));
        var shifted = CoxProportionalHazards.Fit(RossiData.Table().WithCovariate("age", age.Select(a => (a - 1000) / 10).ToArray()));

        shifted.LogLikelihood.ShouldBeRelativelyClose(baseline.LogLikelihood, 1e-10);
        shifted.Coefficients[0].Coefficient.ShouldBeRelativelyClose(10 * baseline.Coefficients[0].Coefficient, 1e-8);
        shifted.Coefficients[0].Z.ShouldBeRelativelyClose(baseline.Coefficients[0].Z, 1e-8);
    }

    [Fact]
    public void TryFit_PerfectSeparation_ReportsNotConvergedWithoutThrowing()
    {
        // Every x = 1 row has the event before every x = 0 row: the MLE of beta is +infinity.
        var table = SurvivalTable.FromColumns([1, 2, 3, 4, 5, 6], [true, true, true, false, false, false]).WithCovariate("x", [1.0, 1, 1, 0, 0, 0]);

        bool converged = CoxProportionalHazards.TryFit(table, new CoxOptions { MaxIterations = 5 }, out var fit);

        converged.Should().BeFalse();
        fit.Diagnostics.Iterations.Should().Be(5);
        fit.Coefficients[0].Coefficient.Should().BeGreaterThan(2);
        fit.Diagnostics.Method.Should().Be("Newton-Raphson");
        double.IsFinite(fit.Diagnostics.MaxAbsoluteStep).Should().BeTrue();
        var thrown = FluentActions.Invoking(() => CoxProportionalHazards.Fit(table, new CoxOptions { MaxIterations = 5 }))
            .Should().Throw<ModelFitException>().Which;
        thrown.Model.Should().Be("Cox");
        thrown.Diagnostics.Should().Be(fit.Diagnostics, "the exception carries the same diagnostics TryFit returns");
        thrown.Message.Should().StartWith("The Cox fit did not converge after 5 iterations (Newton-Raphson: ");
    }

    [Fact]
    public void Fit_BadInput_ThrowsWithReason()
    {
        var noCovariates = SurvivalTable.FromColumns([1, 2], [true, false]);
        var noEvents = SurvivalTable.FromColumns([1, 2], [false, false]).WithCovariate("x", [0.0, 1]);
        var constant = SurvivalTable.FromColumns([1, 2], [true, false]).WithCovariate("x", [3.0, 3]);

        FluentActions.Invoking(() => CoxProportionalHazards.Fit(noCovariates)).Should().Throw<ArgumentException>().WithMessage("*covariate*");
        FluentActions.Invoking(() => CoxProportionalHazards.Fit(noEvents)).Should().Throw<ArgumentException>().WithMessage("*event*");
        FluentActions.Invoking(() => CoxProportionalHazards.Fit(constant)).Should().Throw<ArgumentException>().WithMessage("*'x' is constant*");
    }

    [Fact]
    public void Fit_DisjointIntervalBlocksWithHugeRiskScores_SameAsSeparateStrata()
    {
        // Rows in (100, 110] have risk scores about e^30 times those in (0, 10]; the risk set empties between the blocks,
        // so the early block must not inherit rounding from adding and removing the late one. With no row at risk in
        // both blocks, the fit equals the fit with the blocks as strata.
        double[] starts = [0, 0, 0, 0, 100, 100, 100, 100];
        double[] stops = [2, 4, 6, 8, 102, 104, 106, 108];
        bool[] events = [true, true, false, true, true, false, true, true];
        double[] x = [0.1, 0.5, -0.2, 0.3, 30.2, 29.6, 30.4, 29.9];
        var table = SurvivalTable.FromIntervals(starts, stops, events).WithCovariate("x", x);
        var stratified = table.WithStrata(["early", "early", "early", "early", "late", "late", "late", "late"]);

        var fit = CoxProportionalHazards.Fit(table);
        var reference = CoxProportionalHazards.Fit(stratified);

        fit.LogLikelihood.ShouldBeRelativelyClose(reference.LogLikelihood, 1e-12);
        fit.Coefficients[0].Coefficient.ShouldBeRelativelyClose(reference.Coefficients[0].Coefficient, 1e-10);
    }
}
