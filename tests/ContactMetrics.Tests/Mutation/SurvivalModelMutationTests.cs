using ContactMetrics.Retention;
using ContactMetrics.Tests.Retention;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Kaplan-Meier, log-rank and Cox at their edges and in their messages (Stryker.NET survivors of the Retention
/// namespace, issue #14 item 9). R values: R 4.2.2, survival 3.5-3.
/// </summary>
public class SurvivalModelMutationTests
{
    // time 1 2 2+ 3 4+ 4 5 6+ (+ = censored): KaplanMeierTests' hand case, S = 0.875, 0.75, 0.6, 0.45, 0.225 at 1-5.
    private static readonly SurvivalTable Tiny = SurvivalTable.FromColumns([1, 2, 2, 3, 4, 4, 5, 6], [true, true, false, true, false, true, true, false]);

    [Fact]
    public void KaplanMeier_BadArguments_MessagesStateTheRange()
    {
        var curve = KaplanMeier.Estimate(Tiny).Single();

        var level = () => KaplanMeier.Estimate(Tiny, 0);
        var nan = () => curve.SurvivalAt(double.NaN);
        var tau = () => curve.RestrictedMean(-1);

        level.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A confidence level must be in (0, 1); was 0.*");
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The time must not be NaN.*").Which.ParamName.Should().Be("time");
        tau.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("tau");
    }

    [Fact]
    public void KaplanMeier_NinetyPercent_NarrowerLogInterval()
    {
        // summary(survfit(Surv(time, status) ~ 1, data = tiny, conf.int = 0.9))$lower at t = 1: 0.702342428377071
        // = 0.875 exp(-1.644854 x sigma), sigma = sqrt(1 / (8 x 7)); upper min(1, 0.875 exp(1.644854 sigma)) = 1.
        var row = KaplanMeier.Estimate(Tiny, 0.9).Single().Rows[0];

        row.Log.Lower.ShouldBeRelativelyClose(0.702342428377071);
        row.Log.Upper.Should().Be(1);
        row.Log.Level.Should().Be(0.9);
        row.CumulativeHazardStandardError.ShouldBeRelativelyClose(Math.Sqrt(1.0 / 56), 1e-12);
        row.Interval(KaplanMeierIntervalType.Log).Should().Be(row.Log);
        row.Interval(KaplanMeierIntervalType.Plain).Should().Be(row.Plain);
    }

    [Theory]
    // Area under S from 0 to tau (hand): before the first event it is tau; at tau = 1 also 1 (the event at 1 adds no area);
    // to 2.5: 1 + 0.875 x 1 + 0.75 x 0.5 = 2.25; past the last row (tau = 10): 1 + 0.875 + 0.75 + 0.6 + 0.45 + 0.225 x 5 = 4.8.
    [InlineData(0.5, 0.5)]
    [InlineData(1, 1)]
    [InlineData(2.5, 2.25)]
    [InlineData(10, 4.8)]
    public void RestrictedMean_AtAndBetweenEventTimes_IsTheAreaUnderTheSteps(double tau, double mean)
    {
        var curve = KaplanMeier.Estimate(Tiny).Single();

        curve.RestrictedMean(tau).Mean.ShouldBeRelativelyClose(mean, 1e-12);
        curve.RestrictedMean(tau).Count.Should().Be(8);
    }

    [Fact]
    public void RestrictedMean_EveryoneHasTheEvent_LastTermHasNoVariance()
    {
        // Times 1, 2 (both events): S = 0.5, 0; area to 3: 1 + 0.5 = 1.5. Variance: at t=1 A = 0.5 (area from 1 to 3),
        // 0.5^2 x 1 / (2 x 1) = 0.125; at t=2 n = d (no term). SE sqrt(0.125) (R print(survfit(...), rmean = 3): se 0.354).
        var curve = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2], [true, true])).Single();

        var rmst = curve.RestrictedMean(3);

        rmst.Mean.ShouldBeRelativelyClose(1.5, 1e-12);
        rmst.StandardError.ShouldBeRelativelyClose(Math.Sqrt(0.125), 1e-12);
        rmst.Estimate.Point.Should().Be(1.5);
    }

    [Fact]
    public void Median_ExactlyHalfAtTheLastRow_IsThatTime()
    {
        // Times 1, 2+: S(1) = 0.5 and no later event: the curve is flat at 0.5 to its end, median 1 (R print.survfit: 1).
        var median = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2], [true, false])).Single().Median();

        median.Estimate.Should().Be(1);
        median.Level.Should().Be(0.95);
    }

    [Fact]
    public void LogRank_OneGroupOrNoGroups_NothingToTest()
    {
        var one = LogRankTest.Compute(Tiny.WithGroups(Enumerable.Repeat("all", 8).ToArray()));
        var none = () => LogRankTest.Compute(Tiny);

        one.Test.Should().Be(new ChiSquareTest(0, 0, 1));
        one.Groups.Should().ContainSingle().Which.Observed.Should().Be(5);
        none.Should().Throw<ArgumentException>().WithMessage("The log-rank test compares groups; the table has none (use SurvivalTable.WithGroups).*");
    }

    [Fact]
    public void Cox_BadInput_MessagesNameTheProblem()
    {
        var noCovariate = () => CoxProportionalHazards.Fit(Tiny);
        var noEvent = () => CoxProportionalHazards.Fit(SurvivalTable.FromColumns([1, 2], [false, false]).WithCovariate("x", [0, 1]));
        var constant = () => CoxProportionalHazards.Fit(Tiny.WithCovariate("x", [2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5]));
        var noCovariateAliased = () => CoxProportionalHazards.FitDroppingAliased(Tiny, CoxOptions.Default);

        noCovariate.Should().Throw<ArgumentException>().WithMessage("A Cox model needs at least one covariate (use SurvivalTable.WithCovariate).*");
        noEvent.Should().Throw<ArgumentException>().WithMessage("A Cox model needs at least one event; every row is censored.*");
        constant.Should().Throw<ArgumentException>().WithMessage("Covariate 'x' is constant (2.5); its coefficient is not identified.*");
        noCovariateAliased.Should().Throw<ArgumentException>().WithMessage("A Cox model needs at least one covariate*");
    }

    [Fact]
    public void CoxFit_IndexerAndCovariance_AsR()
    {
        // coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi): vcov(fit)[1, 1] = se(fin)^2 =
        // 0.1913794807135435^2; vcov(fit)[1, 7] = -0.000202214720893132, the same as [7, 1].
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        var missing = () => fit["nope"];

        fit.Covariance(0, 0).ShouldBeRelativelyClose(0.1913794807135435 * 0.1913794807135435);
        fit.Covariance(0, 6).ShouldBeRelativelyClose(-0.000202214720893132);
        fit.Covariance(6, 0).ShouldBeRelativelyClose(-0.000202214720893132);
        fit["prio"].Name.Should().Be("prio");
        missing.Should().Throw<KeyNotFoundException>().WithMessage("The model has no covariate named 'nope'.");
        fit.WaldTest.DegreesOfFreedom.Should().Be(7);
        fit.ScoreTest.DegreesOfFreedom.Should().Be(7);
        fit.Diagnostics.Method.Should().Be("Newton-Raphson");
        fit.Diagnostics.Message.Should().Be("relative change of the log partial likelihood within tolerance");
    }

    [Fact]
    public void CoxOptions_Messages_StateTheRange()
    {
        var level = () => new CoxOptions { ConfidenceLevel = 0 };

        level.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A confidence level must be in (0, 1); was 0.*");
        new CoxOptions { MaxIterations = 1, Tolerance = double.Epsilon }.MaxIterations.Should().Be(1);
    }

    [Fact]
    public void PossiblyInfinite_CovariateNotInTheTable_IsSkipped()
    {
        // The fit's covariate x is looked up in another table without it: nothing to judge, nothing named.
        var table = RossiData.Table("fin");
        var fit = CoxProportionalHazards.Fit(table);

        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, RossiData.Table("age")).Should().BeEmpty();
        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, table).Should().BeEmpty("R: coef(coxph(Surv(week, arrest) ~ fin)) -0.369, times sd(fin) 0.5, is far below 10");
    }
}
