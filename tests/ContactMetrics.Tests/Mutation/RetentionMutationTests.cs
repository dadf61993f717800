using ContactMetrics.Retention;
using ContactMetrics.Tests.Retention;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests added where Stryker.NET's mutants of the Retention namespace survived (issue #14 item 9, docs/testing.md): the
/// texts people read (tests, curves, fits, comparisons), the messages of bad input, and edges of the estimators.
/// R values: R 4.2.2, survival 3.5-3, on /work/shared/data/rossi.csv unless stated.
/// </summary>
public class RetentionMutationTests
{
    // reference a: 2 (churn), 4 (censored), 6 (churn), 8 (censored); exposed b: 1, 3 (churn), 5 (censored), 7 (churn).
    private static readonly SurvivalTable Hand = RetentionUpliftTests.HandTable();

    // time 1 2 2+ 3 4+ 4 5 6+ (+ = censored): KaplanMeierTests' hand case.
    private static readonly SurvivalTable Tiny = SurvivalTable.FromColumns([1, 2, 2, 3, 4, 4, 5, 6], [true, true, false, true, false, true, true, false]);

    [Fact]
    public void LogRankToString_RossiByFin_StatesTestAndGroups()
    {
        // survdiff(Surv(week, arrest) ~ fin, data = rossi): chisq 3.83756957654905 (F2: 3.84) on 1 df,
        // p 0.0501161174090057 (3 significant digits: 0.0501); observed 66, 48; expected 55.574 (55.6), 58.426 (58.4).
        var result = LogRankTest.Compute(RossiData.Table().WithGroups(RossiData.Labels("fin")));

        result.ToString().Should().Be("log-rank chi-square 3.84 on 1 df, p 0.0501: 0 66 observed / 55.6 expected, 1 48 observed / 58.4 expected");
    }

    [Fact]
    public void ChiSquareTestToString_TinyPValue_InRNotation()
    {
        // summary(coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi))$logtest:
        // 33.2659458015687 on 7 df, p 2.36204505370061e-05 (below 1e-4: R's 2.36e-05).
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        fit.LikelihoodRatioTest.ToString().Should().Be("chi-square 33.27 on 7 df, p 2.36e-05");
    }

    [Theory]
    // A negative statistic (rounding of a quadratic form) is 0; no degrees of freedom means nothing was tested: p = 1.
    [InlineData(-1e-12, 0, 0, 0, 1)]
    [InlineData(2.5, -1, 2.5, 0, 1)]
    // Q(1/2, 3.84/2) = P(chi-square on 1 df >= 3.84) = 0.0500435212...: R pchisq(3.84, 1, lower.tail = FALSE).
    [InlineData(3.84, 1, 3.84, 1, 0.0500435212)]
    public void ChiSquareTestOf_EdgeValues_ClampsStatisticAndDegreesOfFreedom(double statistic, int df, double expectedStatistic, int expectedDf, double expectedP)
    {
        var test = ChiSquareTest.Of(statistic, df);

        test.Statistic.Should().Be(expectedStatistic);
        test.DegreesOfFreedom.Should().Be(expectedDf);
        test.PValue.Should().BeApproximately(expectedP, 1e-9);
    }

    [Fact]
    public void KaplanMeierCurveToString_RossiGroup_StatesCountsAndMissingMedian()
    {
        // print(survfit(Surv(week, arrest) ~ fin, data = rossi)): fin=0 n 216, events 66, median NA, 0.95LCL NA, 0.95UCL NA;
        // the last follow-up time is week 52.
        var curve = KaplanMeier.Estimate(RossiData.Table().WithGroups(RossiData.Labels("fin")))[0];

        curve.ToString().Should().Be("Kaplan-Meier (0): n=216, events 66, last time 52, median n/a [n/a, n/a] (95% log interval)");
    }

    [Fact]
    public void KaplanMeierCurveToString_NoGroup_StatesTheMedianWithItsLimits()
    {
        // print(survfit(Surv(time, status) ~ 1, data = tiny)): n 8, events 5, median 4, 0.95LCL 3, 0.95UCL NA (log band);
        // with conf.type = "plain": median 4, 0.95LCL 2, 0.95UCL NA.
        var curve = KaplanMeier.Estimate(Tiny).Single();

        curve.ToString().Should().Be("Kaplan-Meier: n=8, events 5, last time 6, median 4 [3, n/a] (95% log interval)");
        curve.Median(KaplanMeierIntervalType.Plain).ToString().Should().Be("median 4 [2, n/a] (95% plain interval)");
    }

    [Fact]
    public void CoxFitToString_Rossi_HeaderCoefficientsAndTest()
    {
        // summary(coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi)): n= 432, events 114;
        // fin: exp(coef) 0.68426 [0.4702, 0.9957], coef -0.37942, se 0.19138, z -1.983, p 0.04742; fit$iter 4;
        // fit$loglik[2] -658.747659446087 (F2: -658.75).
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        var lines = fit.ToString().Split('\n');

        lines.Should().HaveCount(9);
        lines[0].Should().Be("Cox proportional hazards (Efron ties): n=432, events 114");
        lines[1].Should().Be("  fin: hazard ratio 0.684 [0.47, 0.996], coefficient -0.379 (SE 0.191), z -1.98, p 0.0474");
        lines[8].Should().Be("likelihood ratio test chi-square 33.27 on 7 df, p 2.36e-05; converged after 4 iterations (Newton-Raphson), log-likelihood -658.75");
    }

    [Fact]
    public void CoxFitResult_Texts_NameTheCovariatesAndTheReason()
    {
        // As CoxFitResultTests: c constant and finage = fin + age aliased (R: NA, "not defined because of singularities");
        // x = arrest separates events from non-events (R: "coefficient may be infinite"); one constant covariate: no fit.
        var fin = RossiData.Column("fin");
        var age = RossiData.Column("age");
        var aliased = RossiData.Table().WithCovariate("fin", fin).WithCovariate("age", age).WithCovariate("c", [.. fin.Select(_ => 1.0)])
            .WithCovariate("finage", [.. fin.Zip(age, (f, a) => f + a)]);
        var separated = RossiData.Table().WithCovariate("fin", fin).WithCovariate("x", RossiData.Column("arrest"));
        var constant = RossiData.Table().WithCovariate("c", [.. fin.Select(_ => 1.0)]);

        var dropped = CoxProportionalHazards.FitDroppingAliased(aliased, CoxOptions.Default);
        var infinite = CoxProportionalHazards.FitDroppingAliased(separated, CoxOptions.Default);
        var none = CoxProportionalHazards.FitDroppingAliased(constant, CoxOptions.Default);

        dropped.Aliased.Should().Equal("c", "finage");
        dropped.Notes.Should().Equal(
            "c, finage not defined because of singularities (constant, or a linear combination of the covariates before; R prints NA): dropped from the model.");
        infinite.Warnings.Should().Equal(
            "the coefficient of x may be infinite (the covariate nearly separates events from non-events); its estimate, standard error and test are not meaningful.");
        none.Reason.Should().Be("c is constant; a Cox model needs a covariate that varies.");
    }

    [Fact]
    public void CoxFitResult_NotConverged_WarnsWithTheReason()
    {
        // One Newton step from beta = 0 does not meet R's criterion on rossi (R needs 4): the last iterate, with a warning.
        var result = CoxProportionalHazards.FitDroppingAliased(RossiData.Table(RossiData.CovariateNames), new CoxOptions { MaxIterations = 1 });

        result.Converged.Should().BeFalse();
        result.Fit!.Diagnostics.Iterations.Should().Be(1);
        result.Warnings.Should().Equal("the Cox fit did not converge (iteration budget exhausted); the estimates are the last iterate.");
    }

    [Fact]
    public void RetentionComparisonToString_HandCase_StatesUpliftGroupsAndHazardRatio()
    {
        // R: summary(survfit(Surv(t, e) ~ g, data = d), times = 5): a 0.75 [0.425932268497982, 1], b 0.5 [0.187658928706588, 1]
        // (log band). Difference 0.25, SE sqrt(0.109375) = 0.330719 (RetentionUpliftTests): 0.25 -+ 1.959964 x 0.330719 =
        // [-0.398198, 0.898198] -> [-39.8, 89.8] points. coxph(Surv(t, e) ~ x, d$x <- g == "b"): exp(coef) 1.83584839956334
        // [0.301724840292871, 11.1702415449382], coef 0.607506717745192, se 0.92131617406266, z 0.659390049635527,
        // p 0.509645330103915.
        var result = RetentionUplift.Compare(Hand, "a", "b", horizon: 5);

        result.ToString().Should().Be(string.Join('\n',
            "retention at 5: uplift +25.0 points [-39.8, 89.8] (95%), 8 customers",
            "  a: retention 75.0% [42.6%, 100.0%] of 4 customers, 1 events",
            "  b: retention 50.0% [18.8%, 100.0%] of 4 customers, 2 events",
            "  exposed: hazard ratio 1.84 [0.302, 11.2], coefficient 0.608 (SE 0.921), z 0.659, p 0.51 (unadjusted)"));
        result.Reference.Interval.Lower.ShouldBeRelativelyClose(0.425932268497982);
        result.Exposed.Interval.Lower.ShouldBeRelativelyClose(0.187658928706588);
        result.HazardRatio!.HazardRatio.ShouldBeRelativelyClose(1.83584839956334);
        result.HazardRatio.PValue.ShouldBeRelativelyClose(0.509645330103915);
    }

    [Fact]
    public void RetentionComparisonToString_HorizonBeyondFollowUpAndConstantCovariate_SaysSo()
    {
        // Hand table plus a group c; covariate z is 1 in a and b and 0 in c, so constant in the two groups compared: left out
        // of the Cox model, which is then the unadjusted one above but stratified (s: one stratum label per half of a and b).
        // At horizon 10 both groups are past their last time (8 and 7): S_a(8) = 0.75 x 1/2 = 0.375, S_b(7) = 0.5 x 0 = 0.
        var table = SurvivalTable.FromColumns([2, 4, 6, 8, 1, 3, 5, 7, 2, 3], [true, false, true, false, true, true, false, true, true, false])
            .WithGroups(["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"])
            .WithStrata(["s1", "s1", "s1", "s1", "s1", "s1", "s1", "s1", "s2", "s2"])
            .WithCovariate("z", [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);

        var result = RetentionUplift.Compare(table, "a", "b", horizon: 10);

        result.Reference.FollowedUpToHorizon.Should().BeFalse();
        result.Reference.Retention.Should().Be(0.375);
        result.Exposed.Retention.Should().Be(0);
        result.Stratified.Should().BeTrue();
        result.AdjustedFor.Should().Equal("z");
        result.Note.Should().Be("Constant in these groups, left out of the Cox model: z.");
        var lines = result.ToString().Split('\n');
        lines[1].Should().EndWith(" of 4 customers, 2 events (nobody followed to the horizon: the last value observed)");
        lines[3].Should().EndWith(" (adjusted for z, stratified)");
        lines[4].Should().Be("  note: Constant in these groups, left out of the Cox model: z.");
        // The a/b rows are all in stratum s1: the same fit as the unadjusted one (R: coef 0.607506717745192).
        result.HazardRatio!.Coefficient.ShouldBeRelativelyClose(0.607506717745192);
    }
}
