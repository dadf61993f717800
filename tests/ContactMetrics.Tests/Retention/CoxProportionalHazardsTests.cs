using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed partial class CoxProportionalHazardsTests
{
    // R 4.2.2, survival 3.5-3 (rossi_reference.R):
    // fit <- coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi, ties = "efron")
    // coef(fit), sqrt(diag(vcov(fit))), fit$loglik, fit$score, fit$wald.test, summary(fit)$logtest, all printed with digits = 15.
    private static readonly double[] EfronCoefficients =
        [-0.3794221664858867, -0.0574377426840623, 0.3138997878424986, -0.1497956976665371, -0.4337038779373086, -0.0848710825003947, 0.0914970809852960];

    private static readonly double[] EfronStandardErrors =
        [0.1913794807135435, 0.0219994706006800, 0.3079927765574182, 0.2122242962486229, 0.3818680576687913, 0.1957566719066243, 0.0286485499599737];

    // Same call with ties = "breslow".
    private static readonly double[] BreslowCoefficients =
        [-0.3790218874307941, -0.0572459250446639, 0.3141297669073693, -0.1511146000559651, -0.4327825737628727, -0.0849828352673010, 0.0911115420915654];

    private static readonly double[] BreslowStandardErrors =
        [0.1913644258597740, 0.0219831857251267, 0.3080172797369526, 0.2121231608837427, 0.3817949352629240, 0.1957482073091540, 0.0286312529561066];

    [Fact]
    public void Fit_RossiEfron_MatchesR()
    {
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        fit.Ties.Should().Be(CoxTies.Efron);
        fit.Observations.Should().Be(432);
        fit.Events.Should().Be(114);
        fit.Coefficients.Select(c => c.Name).Should().Equal(RossiData.CovariateNames);
        ShouldMatch(fit, EfronCoefficients, EfronStandardErrors);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-675.380632346871);
        fit.LogLikelihood.ShouldBeRelativelyClose(-658.747659446087);
        fit.ScoreTest.Statistic.ShouldBeRelativelyClose(33.5286888997077);
        fit.WaldTest.Statistic.ShouldBeRelativelyClose(32.112610680554);
        fit.LikelihoodRatioTest.Statistic.ShouldBeRelativelyClose(33.2659458015687);
        fit.LikelihoodRatioTest.DegreesOfFreedom.Should().Be(7);
        // summary(fit)$logtest["pvalue"], $sctest["pvalue"]
        fit.LikelihoodRatioTest.PValue.ShouldBeRelativelyClose(2.36204505370061e-05);
        fit.ScoreTest.PValue.ShouldBeRelativelyClose(2.10986151743430e-05);
        fit.Diagnostics.Converged.Should().BeTrue();
        fit.Diagnostics.Iterations.Should().Be(4, "R's fit$iter");
        fit.Diagnostics.StepHalvings.Should().Be(0);
    }

    [Fact]
    public void Fit_RossiEfron_SummaryMatchesR()
    {
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        // summary(fit)$coefficients and $conf.int, rows fin and prio.
        var fin = fit["fin"];
        fin.HazardRatio.ShouldBeRelativelyClose(0.684256681443380);
        fin.Z.ShouldBeRelativelyClose(-1.982564510423169);
        fin.PValue.ShouldBeRelativelyClose(0.04741609486577426);
        fin.HazardRatioInterval.Lower.ShouldBeRelativelyClose(0.470236717852460);
        fin.HazardRatioInterval.Upper.ShouldBeRelativelyClose(0.995684063631141);
        var prio = fit["prio"];
        prio.HazardRatio.ShouldBeRelativelyClose(1.095813577991926);
        prio.PValue.ShouldBeRelativelyClose(0.00140424527933257);
        prio.HazardRatioInterval.Lower.ShouldBeRelativelyClose(1.035979084424910);
        prio.HazardRatioInterval.Upper.ShouldBeRelativelyClose(1.159103900614031);
    }

    [Fact]
    public void Fit_RossiBreslow_MatchesR()
    {
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames), new CoxOptions { Ties = CoxTies.Breslow });

        ShouldMatch(fit, BreslowCoefficients, BreslowStandardErrors);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-675.683389417497);
        fit.LogLikelihood.ShouldBeRelativelyClose(-659.120605677328);
        fit.ScoreTest.Statistic.ShouldBeRelativelyClose(33.3828204240907);
        fit.WaldTest.Statistic.ShouldBeRelativelyClose(31.9810174608277);
        fit.LikelihoodRatioTest.Statistic.ShouldBeRelativelyClose(33.1255674803381);
        fit.Diagnostics.Iterations.Should().Be(4, "R's fit$iter");
    }

    [Fact]
    public void Fit_RossiStratifiedByRace_MatchesR()
    {
        // coxph(Surv(week, arrest) ~ fin + age + wexp + mar + paro + prio + strata(race), data = rossi)
        double[] coefficients = [-0.3787673742777213, -0.0576397452645608, -0.1427499257470710, -0.4388166866340706, -0.0857639540229065, 0.0922138412431676];
        double[] standardErrors = [0.1913036943327152, 0.0220020973547277, 0.2127937708017110, 0.3821276266792140, 0.1958073528682968, 0.0287260637623550];
        var table = RossiData.Table("fin", "age", "wexp", "mar", "paro", "prio").WithStrata(RossiData.Labels("race"));

        var fit = CoxProportionalHazards.Fit(table);

        ShouldMatch(fit, coefficients, standardErrors);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-636.926967331553);
        fit.LogLikelihood.ShouldBeRelativelyClose(-620.563608514375);
    }

    [Fact]
    public void Fit_RossiSplitIntoIntervals_MatchesRightCensoredFit()
    {
        // survSplit(Surv(week, arrest) ~ ., data = rossi, cut = c(10, 20, 30)); coxph(Surv(tstart, week, arrest) ~ ...):
        // R gives the same coefficients and loglik -675.380632346871, -658.747659446086.
        var starts = new List<double>();
        var stops = new List<double>();
        var events = new List<bool>();
        var rows = new List<int>();
        var week = RossiData.Column("week");
        var arrest = RossiData.Column("arrest");
        double[] cuts = [0, 10, 20, 30];
        for (int i = 0; i < week.Length; i++)
        {
            for (int c = 0; c < cuts.Length && cuts[c] < week[i]; c++)
            {
                double stop = c + 1 < cuts.Length ? Math.Min(cuts[c + 1], week[i]) : week[i];
                starts.Add(cuts[c]);
                stops.Add(stop);
                events.Add(stop == week[i] && arrest[i] == 1);
                rows.Add(i);
            }
        }
        var table = SurvivalTable.FromIntervals(starts.ToArray(), stops.ToArray(), events.ToArray());
        foreach (var name in RossiData.CovariateNames)
        {
            var column = RossiData.Column(name);
            table = table.WithCovariate(name, rows.Select(i => column[i]).ToArray());
        }

        var fit = CoxProportionalHazards.Fit(table);

        ShouldMatch(fit, EfronCoefficients, EfronStandardErrors);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-675.380632346871);
        fit.LogLikelihood.ShouldBeRelativelyClose(-658.747659446086);
        fit.Observations.Should().BeGreaterThan(432);
    }

    [Fact]
    public void Fit_RossiTimeVaryingFinAfterWeek20StratifiedBreslow_MatchesR()
    {
        // split20 <- survSplit(Surv(week, arrest) ~ ., data = rossi, cut = 20); split20$fin_late <- fin * (tstart >= 20)
        // coxph(Surv(tstart, week, arrest) ~ fin + age + prio + fin_late + strata(race), data = split20, ties = "breslow")
        double[] coefficients = [-0.118731768688677, -0.067054925272278, 0.101260630926697, -0.379840609076442];
        double[] standardErrors = [0.3172049948516916, 0.0209319667425701, 0.0272283818167517, 0.3971454307873341];
        var table = RossiData.Table("fin", "age", "prio")
            .WithStrata(RossiData.Labels("race"))
            .WithTimeVaryingIndicator("after20", RossiData.Column("week").Select(_ => 20.0).ToArray());
        var after = table.Covariates[3];
        // fin_late = fin x after20, on the split rows (the first covariate column is fin, repeated on both pieces).
        var finLate = table.Covariates[0].Select((f, i) => f * after[i]).ToArray();
        var rebuilt = SurvivalTable.FromIntervals([.. table.Starts], [.. table.Durations], [.. table.Events])
            .WithStrata(table.Strata)
            .WithCovariate("fin", [.. table.Covariates[0]])
            .WithCovariate("age", [.. table.Covariates[1]])
            .WithCovariate("prio", [.. table.Covariates[2]])
            .WithCovariate("fin_late", finLate);

        var fit = CoxProportionalHazards.Fit(rebuilt, new CoxOptions { Ties = CoxTies.Breslow });

        ShouldMatch(fit, coefficients, standardErrors);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-637.269755943541);
        fit.LogLikelihood.ShouldBeRelativelyClose(-621.885676551310);
    }

    private static void ShouldMatch(CoxFit fit, double[] coefficients, double[] standardErrors)
    {
        fit.Coefficients.Should().HaveCount(coefficients.Length);
        for (int j = 0; j < coefficients.Length; j++)
        {
            fit.Coefficients[j].Coefficient.ShouldBeRelativelyClose(coefficients[j]);
            fit.Coefficients[j].StandardError.ShouldBeRelativelyClose(standardErrors[j]);
        }
    }
}
