using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Staffing;
using ContactMetrics.Tests.Clv;
using ContactMetrics.Tests.Retention;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Tests.Numerics;

/// <summary>
/// Results print readably (what <c>Console.WriteLine(result)</c> shows in a notebook or a file-based app): the value,
/// its interval and its definition, never a type name. Expected texts are computed by hand or taken from R.
/// </summary>
public sealed class ResultTextTests
{
    [Theory]
    [InlineData(0.0474, "0.0474")]         // R: summary(coxph(...))$coefficients["fin", "Pr(>|z|)"] prints 0.0474
    [InlineData(6.649322e-05, "6.65e-05")] // R prints format(6.649322e-05, digits = 3) as 6.65e-05
    [InlineData(0.5, "0.5")]
    [InlineData(1e-20, "<2e-16")]          // R's format.pval with eps = .Machine$double.eps
    public void PValue_HasThreeSignificantDigits(double p, string expected) => ResultText.PValue(p).Should().Be(expected);

    [Fact]
    public void Rate_PrintsPercentWilsonIntervalCountsAndDefinition()
    {
        // Wilson 95% for 849/1000 by hand: centre (0.849 + z²/2000) / (1 + z²/1000), half-width
        // z sqrt(0.849 x 0.151 / 1000 + z²/4,000,000) / (1 + z²/1000), z = 1.95996: [82.547%, 86.985%].
        var rate = new RateEstimate(849, 1000, "resolved with no repeat within 7 days / issues");

        rate.ToString().Should().Be("84.9% [82.5%, 87.0%] = 849/1,000 (resolved with no repeat within 7 days / issues)");
        new RateEstimate(0, 0, "x").ToString().Should().Be("n/a [n/a] = 0/0 (x)");
    }

    [Fact]
    public void Nps_PrintsScoreIntervalAndShares()
    {
        // 400 promoters, 320 passives, 280 detractors: NPS 12; SE = 100 sqrt((0.4 + 0.28 - 0.12²) / 1000) = 2.580;
        // 12 -+ 1.95996 x 2.580 = [6.94, 17.06].
        new NpsEstimate(400, 320, 280).ToString().Should().Be("NPS 12 [6.94, 17.1]: 40.0% promoters, 28.0% detractors of 1,000 answers");
    }

    [Fact]
    public void StaffingRequirement_PrintsAgentsAndTheQueueTheyGive()
    {
        var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.80, Duration.FromSeconds(20)), shrinkage: 0.30);

        var requirement = planner.Plan(new QueueLoad(100, Duration.FromMinutes(30), Duration.FromSeconds(180)));

        // 100 calls of 180 s in 30 minutes = 10 Erlangs; 14 agents (docs/models/staffing.md, the Erlang C reference table).
        // Erlang C with N = 14, A = 10 by hand: P(wait) = 0.17413; SL = 1 - 0.17413 e^(-4 x 20 / 180) = 88.8%;
        // ASA = 0.17413 x 180 / 4 = 7.84 s; occupancy 10 / 14 = 71.4%; scheduled ceil(14 / 0.7) = 20.
        requirement.ToString().Should().Be(
            "14 agents (20 scheduled after shrinkage) for 10 Erlangs: service level 88.8% within 20 s, ASA 7.84 s, abandonment 0.0%, "
            + "occupancy 71.4% (Erlang C, 14 agents); limited by the service level target");
    }

    [Fact]
    public void CoxFit_OnRossi_PrintsLikeRsSummary()
    {
        var fit = CoxProportionalHazards.Fit(RossiData.Table(RossiData.CovariateNames));

        string text = fit.ToString();

        // R 4.2.2, survival 3.5-3: coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi):
        // fin coef -0.3794, se 0.1914, z -1.983, p 0.0474, exp(coef) 0.684, 95% [0.470, 0.996];
        // likelihood ratio test 33.27 on 7 df, p 2.36e-05; n = 432, events 114.
        string[] lines = text.Split('\n');
        lines[0].Should().Be("Cox proportional hazards (Efron ties): n=432, events 114");
        lines[1].Should().Be("  fin: hazard ratio 0.684 [0.47, 0.996], coefficient -0.379 (SE 0.191), z -1.98, p 0.0474");
        lines.Should().HaveCount(9);
        lines[8].Should().StartWith("likelihood ratio test chi-square 33.27 on 7 df, p 2.36e-05; converged after ");
    }

    [Fact]
    public void BgNbdFit_OnCdnow_PrintsParametersWithStandardErrors()
    {
        var fit = BetaGeometricNbdModel.Fit(CdnowData.Summary.Compress());

        // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4; standard errors as lifetimes
        // 0.11.3's BetaGeoFitter.summary reports them on CDNOW: 0.012557, 0.378221, 0.185719, 0.705345.
        fit.ToString().Should().MatchRegex(
            @"^BG/NBD: r = 0\.243 \(SE 0\.0126\), alpha = 4\.41 \(SE 0\.378\), a = 0\.793 \(SE 0\.186\), b = 2\.43 \(SE 0\.705\); 2,357 customers; converged after \d+ iterations \(.+\), log-likelihood -9582\.43$");
    }

    [Fact]
    public void SurvivalResults_PrintPointsIntervalAndNaWhereRHasNa()
    {
        new MedianSurvival(56, 45, null, 0.95, KaplanMeierIntervalType.Log).ToString().Should().Be("median 56 [45, n/a] (95% log interval)");
        // R names the types by conf.type: "plain", "log", "log-log" (survfit's documentation).
        new MedianSurvival(56, 45, null, 0.95, KaplanMeierIntervalType.LogLog).ToString().Should().Be("median 56 [45, n/a] (95% log-log interval)");
        // +5 points [2.1, 7.9]: a difference of 0.05 with its interval, in percentage points.
        new RetentionDifference(0.05, 0.0148, new ConfidenceInterval(0.021, 0.079, 0.95, "normal"), 2345).ToString()
            .Should().Be("+5.0 points [2.1, 7.9] (95%), 2,345 customers");
        // pchisq(21.96, 3, lower.tail = FALSE) = 6.649e-05 (R); by hand: erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2).
        ChiSquareTest.Of(21.96, 3).ToString().Should().Be("chi-square 21.96 on 3 df, p 6.65e-05");
    }

    [Fact]
    public void MoneyResults_PrintToTheCentWithTheirSpread()
    {
        Money Eur(decimal a) => new(a, Currency.Eur);
        new ValueDistribution(Eur(10043.21m), Eur(10050m), Eur(12.3m), Eur(7847.97m), Eur(10001.5m), Eur(12306.89m)).ToString()
            .Should().Be("10,043.21 EUR (P10 7,847.97 EUR, P50 10,001.50 EUR, P90 12,306.89 EUR)");
        var credit = new AttributionResult("markov", ["display", "email"], [0.5, 1.5], [Eur(50m), Eur(150m)], Currency.Eur);
        credit.ToString().Should().Be("markov: email 1.5 conversions (150.00 EUR), display 0.5 conversions (50.00 EUR)");
    }

    [Fact]
    public void FitDiagnostics_SayHowTheFitEnded()
    {
        new FitDiagnostics(true, 23, -9582.4291, 1e-7, "BFGS", "ok").ToString().Should().Be("converged after 23 iterations (BFGS), log-likelihood -9582.43");
        new FitDiagnostics(false, 200, double.NaN, 0.0123, "BFGS", "the line search failed").ToString()
            .Should().Be("did not converge after 200 iterations (BFGS: the line search failed), gradient norm 0.0123");
    }
}
