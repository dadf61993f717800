using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

/// <summary><see cref="CoxProportionalHazards.FitDroppingAliased"/>: R's coxph conventions for what the data cannot identify.</summary>
public class CoxFitResultTests
{
    private static SurvivalTable Rossi(params (string Name, double[] Values)[] covariates) =>
        covariates.Aggregate(RossiData.Table(), (table, c) => table.WithCovariate(c.Name, c.Values));

    [Fact]
    public void FitDroppingAliased_RossiWithConstantAndCollinearCovariates_DropsThemAndFitsTheRestAsR()
    {
        var fin = RossiData.Column("fin");
        var age = RossiData.Column("age");
        var table = Rossi(("fin", fin), ("age", age), ("c", [.. fin.Select(_ => 1.0)]), ("finage", [.. fin.Zip(age, (f, a) => f + a)]), ("prio", RossiData.Column("prio")));

        var result = CoxProportionalHazards.FitDroppingAliased(table, CoxOptions.Default);

        // R 4.2.2, survival 3.5-3: rossi$c <- 1; rossi$finage <- rossi$fin + rossi$age;
        // f <- coxph(Surv(week, arrest) ~ fin + age + c + finage + prio, data = rossi): c and finage NA ("not defined because of
        // singularities"); print(coef(f), digits = 15), sqrt(diag(vcov(f))), f$loglik.
        result.Aliased.Should().Equal("c", "finage");
        result.Converged.Should().BeTrue();
        var fit = result.Fit!;
        fit.Coefficients.Select(c => c.Name).Should().Equal("fin", "age", "prio");
        fit["fin"].Coefficient.ShouldBeRelativelyClose(-0.3469544624419521);
        fit["age"].Coefficient.ShouldBeRelativelyClose(-0.0671053293400806);
        fit["prio"].Coefficient.ShouldBeRelativelyClose(0.0968931991447530);
        fit["fin"].StandardError.ShouldBeRelativelyClose(0.1902472654828131);
        fit["age"].StandardError.ShouldBeRelativelyClose(0.0208505462284634);
        fit["prio"].StandardError.ShouldBeRelativelyClose(0.0272533757807594);
        fit.LogLikelihood.ShouldBeRelativelyClose(-660.857025384416);
        fit.LikelihoodRatioTest.DegreesOfFreedom.Should().Be(3);
        result.PossiblyInfinite.Should().BeEmpty();
        result.Reason.Should().BeNull();
        result.Notes.Should().ContainSingle().Which.Should().StartWith("c, finage not defined because of singularities");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void FitDroppingAliased_OnlyConstantCovariates_HasNoFitAndSaysWhy()
    {
        // R: coxph(Surv(week, arrest) ~ c, data = rossi) with c <- 1 prints coef NA and a likelihood ratio test on 0 df.
        var ones = RossiData.Column("fin").Select(_ => 1.0).ToArray();
        var result = CoxProportionalHazards.FitDroppingAliased(Rossi(("c", ones), ("d", [.. ones.Select(x => 2 * x)])), CoxOptions.Default);

        result.Fit.Should().BeNull();
        result.Converged.Should().BeFalse();
        result.Aliased.Should().Equal("c", "d");
        result.Reason.Should().Be("c, d are constant; a Cox model needs a covariate that varies.");
        result.Notes.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void FitDroppingAliased_CovariateSeparatesEventsFromNonEvents_NamesItAsPossiblyInfinite()
    {
        // x = arrest: every event has x = 1 and every x = 0 subject is censored at week 52, after all events, so the partial
        // likelihood rises as beta_x -> infinity. R 4.2.2, survival 3.5-3: coxph(Surv(week, arrest) ~ fin + x, data = rossi)
        // warns "Loglik converged before variable 2; coefficient may be infinite" with coef(x) = 23.28 (se 2723).
        var result = CoxProportionalHazards.FitDroppingAliased(Rossi(("fin", RossiData.Column("fin")), ("x", RossiData.Column("arrest"))), CoxOptions.Default);

        result.Aliased.Should().BeEmpty();
        result.PossiblyInfinite.Should().Equal("x");
        result.Fit!["x"].Coefficient.Should().BeGreaterThan(10);
        result.Warnings.Should().Contain(w => w.StartsWith("the coefficient of x may be infinite", StringComparison.Ordinal));
    }

    [Fact]
    public void FitDroppingAliased_NoEvents_Throws()
    {
        var table = SurvivalTable.FromColumns([1.0, 2, 3], [false, false, false]).WithCovariate("x", [1.0, 0, 1]);

        var act = () => CoxProportionalHazards.FitDroppingAliased(table, CoxOptions.Default);

        act.Should().Throw<ArgumentException>().WithParameterName("table");
    }
}
