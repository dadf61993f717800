using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed class KaplanMeierTests
{
    private static KaplanMeierCurve RossiCurve(int fin) =>
        KaplanMeier.Estimate(RossiData.Table().WithGroups(RossiData.Labels("fin")))[fin];

    [Theory]
    [InlineData(KaplanMeierIntervalType.Plain)]
    [InlineData(KaplanMeierIntervalType.LogLog)]
    public void Estimate_RossiByFin_MatchesRTables(KaplanMeierIntervalType type)
    {
        var expected = type == KaplanMeierIntervalType.Plain ? RossiKaplanMeierReference.Plain : RossiKaplanMeierReference.LogLog;
        var curves = KaplanMeier.Estimate(RossiData.Table().WithGroups(RossiData.Labels("fin")));

        curves.Select(c => c.Group).Should().Equal("0", "1");
        curves.Select(c => c.Count).Should().Equal(216, 216);
        var rows = curves.SelectMany(c => c.Rows.Select(r => (Fin: int.Parse(c.Group!, System.Globalization.CultureInfo.InvariantCulture), Row: r))).ToArray();
        rows.Should().HaveCount(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            var (fin, row) = rows[k];
            var r = expected[k];
            fin.Should().Be(r.Fin);
            row.Time.Should().Be(r.Time);
            row.AtRisk.Should().Be(r.AtRisk);
            row.Events.Should().Be(r.Events);
            row.Censored.Should().Be(r.Censored);
            row.Survival.ShouldBeRelativelyClose(r.Survival);
            row.StandardError.ShouldBeRelativelyClose(r.StandardError);
            row.Interval(type).Lower.ShouldBeRelativelyClose(r.Lower);
            row.Interval(type).Upper.ShouldBeRelativelyClose(r.Upper);
        }
    }

    [Fact]
    public void SurvivalAt_RossiByFin_MatchesRSummaryTimes()
    {
        // summary(survfit(Surv(week, arrest) ~ fin, data = rossi), times = c(10, 25.5, 52))$surv
        double[] fin0 = [0.958333333333333, 0.865740740740741, 0.694444444444444];
        double[] fin1 = [0.972222222222222, 0.898148148148148, 0.777777777777778];
        double[] times = [10, 25.5, 52];
        for (int k = 0; k < times.Length; k++)
        {
            RossiCurve(0).SurvivalAt(times[k]).ShouldBeRelativelyClose(fin0[k]);
            RossiCurve(1).SurvivalAt(times[k]).ShouldBeRelativelyClose(fin1[k]);
        }
        RossiCurve(0).SurvivalAt(0.5).Should().Be(1);
    }

    [Theory]
    // summary(survfit(Surv(week, arrest) ~ fin, data = rossi), rmean = tau)$table[, c("rmean", "se(rmean)")]
    [InlineData(40, 0, 35.9351851851852, 0.622630842193479)]
    [InlineData(40, 1, 37.1620370370370, 0.527723533268762)]
    [InlineData(52, 0, 44.8333333333333, 0.917671540498792)]
    [InlineData(52, 1, 46.8750000000000, 0.793324895885726)]
    public void RestrictedMean_Rossi_MatchesR(double tau, int fin, double mean, double standardError)
    {
        var rmst = RossiCurve(fin).RestrictedMean(tau);

        rmst.Tau.Should().Be(tau);
        rmst.Mean.ShouldBeRelativelyClose(mean);
        rmst.StandardError.ShouldBeRelativelyClose(standardError);
    }

    [Fact]
    public void Median_RossiNeverBelowHalf_IsMissing()
    {
        // print(survfit(Surv(week, arrest) ~ fin, data = rossi)): median NA in both groups (S(52) = 0.694, 0.778).
        var median = RossiCurve(0).Median();

        median.Estimate.Should().BeNull();
        median.Upper.Should().BeNull();
    }

    [Fact]
    public void Estimate_HandCaseWithTiesAndCensoring_MatchesHandComputationAndR()
    {
        // time   1  2  2+ 3  4+ 4  5  6+      (+ = censored)
        // t=1: n=8, d=1: S = 7/8                = 0.875
        // t=2: n=7, d=1 (the censored 2+ is at risk at 2): S = 0.875 * 6/7 = 0.75
        // t=3: n=5, d=1: S = 0.75 * 4/5        = 0.6
        // t=4: n=4, d=1 (4+ at risk): S = 0.6 * 3/4 = 0.45
        // t=5: n=2, d=1: S = 0.45 * 1/2        = 0.225
        // Greenwood at t=1: SE = 0.875 sqrt(1/(8*7)) = 0.116926793336686.
        // R: summary(survfit(Surv(time, status) ~ 1, data = tiny, conf.type = "log-log")), print(km, rmean = 6):
        // std.err 0.116926793336686 ... 0.184856363157994, lower 0.3870000140320252 ..., rmean 3.9, se 0.626398435502516,
        // median 4, 0.95LCL 1, 0.95UCL NA.
        var table = SurvivalTable.FromColumns([1, 2, 2, 3, 4, 4, 5, 6], [true, true, false, true, false, true, true, false]);

        var curve = KaplanMeier.Estimate(table).Single();

        curve.Group.Should().BeNull();
        curve.Rows.Select(r => r.Time).Should().Equal(1, 2, 3, 4, 5);
        curve.Rows.Select(r => r.AtRisk).Should().Equal(8, 7, 5, 4, 2);
        curve.Rows.Select(r => r.Censored).Should().Equal(0, 1, 0, 1, 0); // R summary.survfit: censored in (previous event time, t]
        double[] survival = [0.875, 0.75, 0.6, 0.45, 0.225];
        double[] standardError = [0.116926793336686, 0.153093108923949, 0.181659021245850, 0.188248505970167, 0.184856363157994];
        double[] lower = [0.3870000140320252, 0.3148071137055191, 0.1954958660849980, 0.1075781152382890, 0.0123964155200326];
        double[] upper = [0.981392965878966, 0.930898317090628, 0.852254345762209, 0.751273849926193, 0.602419426605669];
        for (int k = 0; k < 5; k++)
        {
            curve.Rows[k].Survival.ShouldBeRelativelyClose(survival[k], 1e-12);
            curve.Rows[k].StandardError.ShouldBeRelativelyClose(standardError[k]);
            curve.Rows[k].LogLog.Lower.ShouldBeRelativelyClose(lower[k]);
            curve.Rows[k].LogLog.Upper.ShouldBeRelativelyClose(upper[k]);
        }
        var rmst = curve.RestrictedMean(6);
        rmst.Mean.ShouldBeRelativelyClose(3.9, 1e-12);
        rmst.StandardError.ShouldBeRelativelyClose(0.626398435502516);
        var median = curve.Median(KaplanMeierIntervalType.LogLog);
        median.Estimate.Should().Be(4);
        median.Lower.Should().Be(1);
        median.Upper.Should().BeNull();
    }

    [Theory]
    // print(survfit(Surv(time, status) ~ 1)) for three small data sets (rossi_reference.R):
    // events at 1, 2 then censored at 3, 4: S = 0.5 flat to the end, median 2, LCL 1, UCL NA.
    [InlineData(new double[] { 1, 2, 3, 4 }, new[] { true, true, false, false }, 2.0, 1.0, null)]
    // event, censored, event, censored: S(3) = 0.375, median 3, LCL 1, UCL NA.
    [InlineData(new double[] { 1, 2, 3, 4 }, new[] { true, false, true, false }, 3.0, 1.0, null)]
    // six events: S(3) = 0.5 exactly, flat until 4: median (3 + 4) / 2 = 3.5, LCL 2, UCL NA (S(6) = 0: the log band is NA there).
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6 }, new[] { true, true, true, true, true, true }, 3.5, 2.0, null)]
    public void Median_SmallCases_FollowRConvention(double[] times, bool[] events, double? median, double? lower, double? upper)
    {
        var result = KaplanMeier.Estimate(SurvivalTable.FromColumns(times, events)).Single().Median();

        result.Estimate.Should().Be(median);
        result.Lower.Should().Be(lower);
        result.Upper.Should().Be(upper);
        result.IntervalType.Should().Be(KaplanMeierIntervalType.Log);
    }

    [Fact]
    public void Estimate_AllCensored_SurvivalIsOneAndNoMedian()
    {
        var curve = KaplanMeier.Estimate(SurvivalTable.FromColumns([3, 5, 8], [false, false, false])).Single();

        curve.Rows.Should().BeEmpty();
        curve.Events.Should().Be(0);
        curve.SurvivalAt(100).Should().Be(1);
        curve.Median().Estimate.Should().BeNull();
        curve.RestrictedMean(4).Mean.Should().Be(4);
        curve.RestrictedMean(4).StandardError.Should().Be(0);
    }

    [Fact]
    public void Estimate_EveryoneHasTheEvent_EndsAtZeroWithoutNaN()
    {
        var curve = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2, 2], [true, true, true])).Single();

        var last = curve.Rows[^1];
        last.Survival.Should().Be(0);
        last.StandardError.Should().Be(0);
        foreach (var type in Enum.GetValues<KaplanMeierIntervalType>())
        {
            double.IsNaN(last.Interval(type).Lower).Should().BeFalse();
            last.Interval(type).Upper.Should().BeInRange(0, 1);
        }
        curve.Median().Estimate.Should().Be(2);
    }

    [Fact]
    public void Estimate_DelayedEntry_CountsOnlyRowsThatHaveEntered()
    {
        // (0, 2], (1, 3], (2.5, 4]: at t=2 at risk are rows 1 and 2 (row 3 enters after 2.5); at t=4 only row 3.
        var table = SurvivalTable.FromIntervals([0, 1, 2.5], [2, 3, 4], [true, false, true]);

        var curve = KaplanMeier.Estimate(table).Single();

        curve.Rows.Select(r => r.AtRisk).Should().Equal(2, 1);
        curve.Rows.Select(r => r.Survival).Should().Equal(0.5, 0);
    }

    [Fact]
    public void Estimate_ConfidenceLevelOutsideUnitInterval_Throws()
    {
        var table = SurvivalTable.FromColumns([1], [true]);

        FluentActions.Invoking(() => KaplanMeier.Estimate(table, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
    }
}
