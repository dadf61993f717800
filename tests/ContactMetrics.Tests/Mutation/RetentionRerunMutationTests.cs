using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tests.Retention;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The Cox fit where the Retention re-run of 2026-12-07 01:17 (Stryker.NET run Retention2, docs/testing.md "Retention") left
/// mutants alive: the covariates' centring in <c>CoxData</c>'s constructor (tested for the first time: the first run's safe
/// mode made it a compile error), an information matrix that overflows, the infinity threshold at exactly e^10 per standard
/// deviation, an information matrix that vanishes after a step, and the null options of a fit without covariates to keep. R values: R 4.2.2, survival 3.5-3.
/// </summary>
public class RetentionRerunCoxMutationTests
{
    [Fact]
    public void Fit_CovariateFarFromZero_IsCentredAndFitsAsR()
    {
        // The hand table (RetentionUpliftTests) with x = 1e6 + group: t = 2 4 6 8 1 3 5 7, e = 1 0 1 0 1 1 0 1.
        // R: coxph(Surv(t, e) ~ x) with x <- 1e6 + c(0, 0, 0, 0, 1, 1, 1, 1): coef 0.607506717745192, se 0.92131617406266,
        // loglik -7.608870629191259, -7.385886301705443, iter 3. Uncentred, x' beta = 6e5 would overflow exp().
        var table = SurvivalTable.FromColumns([2, 4, 6, 8, 1, 3, 5, 7], [true, false, true, false, true, true, false, true])
            .WithCovariate("x", [1e6, 1e6, 1e6, 1e6, 1e6 + 1, 1e6 + 1, 1e6 + 1, 1e6 + 1]);

        var fit = CoxProportionalHazards.Fit(table);

        fit["x"].Coefficient.ShouldBeRelativelyClose(0.607506717745192, 1e-9);
        fit["x"].StandardError.ShouldBeRelativelyClose(0.92131617406266, 1e-9);
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-7.608870629191259, 1e-12);
        fit.LogLikelihood.ShouldBeRelativelyClose(-7.385886301705443, 1e-12);
        fit.Diagnostics.Iterations.Should().Be(3);
        fit.Diagnostics.StepHalvings.Should().Be(0);
    }

    [Fact]
    public void TryFit_InformationOverflowsAtZero_NoStepAndNoStandardError()
    {
        // x = 0, 2e155, 0, 2e155 (times 1-4, all events): centred +-1e155, whose squares (1e310) overflow, so the information
        // at beta = 0 is not finite although the log partial likelihood there is (by hand: -log 4 - log 3 - log 2). No
        // Newton step is taken, nothing is inverted: beta stays 0, the standard error and covariance are NaN (not 0), the
        // score statistic is 0 (nothing solved).
        var table = SurvivalTable.FromColumns([1, 2, 3, 4], [true, true, true, true]).WithCovariate("x", [0, 2e155, 0, 2e155]);

        var converged = CoxProportionalHazards.TryFit(table, out var fit);

        converged.Should().BeFalse();
        fit.Diagnostics.Iterations.Should().Be(0);
        fit.Diagnostics.Message.Should().Be("the information matrix at beta = 0 is not positive definite (collinear covariates?)");
        fit.NullLogLikelihood.ShouldBeRelativelyClose(-Math.Log(24), 1e-12);
        fit.ScoreTest.Statistic.Should().Be(0);
        fit["x"].Coefficient.Should().Be(0);
        double.IsNaN(fit["x"].StandardError).Should().BeTrue();
        double.IsNaN(fit.Covariance(0, 0)).Should().BeTrue();
    }

    [Fact]
    public void TryFit_SeparatedUntilTheInformationVanishes_SaysACoefficientMayBeInfinite()
    {
        // Times 1-3, one event at 1 with x = 1, the others 0 (censored): by hand, centred x = 2/3, -1/3, -1/3, the log partial
        // likelihood is -log(1 + 2 e^-beta), its information 2 e^-beta / (1 + 2 e^-beta)^2; each Newton step adds about 1 to
        // beta. Once 2 e^-beta < 2^-53 (beta > 54 log 2 = 37.43), 1 + 2 e^-beta rounds to 1: the log-likelihood is exactly 0 and
        // the information exactly 0 after an accepted step, so there is no next step (R: "coefficient may be infinite").
        var table = SurvivalTable.FromColumns([1, 2, 3], [true, false, false]).WithCovariate("x", [1, 0, 0]);

        var converged = CoxProportionalHazards.TryFit(table, new CoxOptions { MaxIterations = 100 }, out var fit);

        converged.Should().BeFalse();
        fit.Diagnostics.Message.Should().Be("the information matrix is not positive definite (a coefficient may be infinite)");
        fit.LogLikelihood.Should().Be(0);
        fit["x"].Coefficient.Should().BeGreaterThan(54 * Math.Log(2));
        double.IsNaN(fit["x"].StandardError).Should().BeTrue();
        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, table).Should().Equal("x");
    }

    [Theory]
    // x = 0, 1, 2: mean 1, sum of squares 2, sd sqrt(2 / 2) = 1 exactly (by hand), so |beta| sd is exactly 10 for beta = +-10:
    // a hazard ratio per standard deviation of e^10, not beyond it, is not named.
    [InlineData(10.0)]
    [InlineData(-10.0)]
    public void PossiblyInfinite_ExactlyE10PerStandardDeviation_IsNotNamed(double beta)
    {
        var table = SurvivalTable.FromColumns([1, 2, 3], [true, true, false]).WithCovariate("x", [0, 1, 2]);
        var interval = new ConfidenceInterval(Math.Exp(beta - 1), Math.Exp(beta + 1), 0.95, "wald");
        var fit = new CoxFit([new CoxCoefficient("x", beta, 0.5, beta / 0.5, 0, Math.Exp(beta), interval, 3)], new double[1, 1], -2, -1,
            ChiSquareTest.Of(2, 1), ChiSquareTest.Of(2, 1), ChiSquareTest.Of(2, 1), 3, 2, CoxTies.Efron,
            new FitDiagnostics(true, 4, -1, 0, "Newton-Raphson", "made by hand"));

        CoxProportionalHazards.PossiblyInfiniteCoefficients(fit, table).Should().BeEmpty();
    }

    [Fact]
    public void FitDroppingAliased_EveryCovariateConstant_StillRefusesNullOptions()
    {
        // With every covariate aliased there is no fit to pass the options to, so they are checked first.
        var table = SurvivalTable.FromColumns([1, 2], [true, false]).WithCovariate("c", [3, 3]);

        var act = () => CoxProportionalHazards.FitDroppingAliased(table, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("options");
        CoxProportionalHazards.FitDroppingAliased(table, CoxOptions.Default).Fit.Should().BeNull();
    }
}

/// <summary>
/// The index-date builder and the Kaplan-Meier median's text where the Retention re-run of 2026-12-07 01:17 (run Retention2)
/// left mutants alive.
/// </summary>
public class RetentionRerunUpliftMutationTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    [Fact]
    public void FromIndexContacts_NullCustomers_Throws()
    {
        var act = () => RetentionUpliftBuilder.FromIndexContacts(UpliftGrouping.Channel, null!, T0);

        act.Should().Throw<ArgumentNullException>().WithParameterName("customers");
    }

    [Fact]
    public void RepeatContact_AContactWithoutAReasonDoesNotQualify_TheSecondReasonDoes()
    {
        // Repeat detection (7-day window from the contact's end), observation end day 60, all answered inbound phone:
        // c1: day 1 without a reason (cannot repeat an issue: does not qualify), day 20 "billing": index day 20 + 10 min + 7 d.
        // c2: day 1 "billing" (reason index 0), then day 3 "move" (index 1, not a repeat of billing): resolved.
        // c3: day 2 "move" (index 1) as its first contact, repeated on day 4: unresolved.
        // c4: one contact without a reason: no qualifying contact, left out.
        Customer[] customers = [.. new[] { "c1", "c2", "c3", "c4" }.Select(id => new Customer(new CustomerId(id), new LocalDate(2024, 1, 1)))];
        Interaction[] contacts =
        [
            RetentionEdgeMutationTests.Contact("i1", "c1", 1, reason: null),
            RetentionEdgeMutationTests.Contact("i2", "c1", 20),
            RetentionEdgeMutationTests.Contact("i3", "c2", 1),
            RetentionEdgeMutationTests.Contact("i4", "c2", 3, reason: "move"),
            RetentionEdgeMutationTests.Contact("i5", "c3", 2, reason: "move"),
            RetentionEdgeMutationTests.Contact("i6", "c3", 4, reason: "move"),
            RetentionEdgeMutationTests.Contact("i7", "c4", 1, reason: null),
        ];
        var options = RetentionUpliftOptions.Default with { Resolution = ResolutionSource.RepeatContact, AdjustForTenure = false };

        var built = RetentionUpliftBuilder.BuildTable(customers, contacts, UpliftGrouping.FirstContactResolution, T0 + Duration.FromDays(60), options);

        built.Table.Ids.Should().Equal("c1", "c2", "c3");
        built.Table.Groups.Should().Equal("resolved", "resolved", "unresolved");
        // c1: 60 - 27 days - 10 minutes of follow-up; c3: 60 - 9 days - 10 minutes (index day 2 + 10 min + 7 d).
        built.Table.Durations[0].ShouldBeRelativelyClose(60 - 27 - (10.0 / 1440), 1e-12);
        built.Table.Durations[2].ShouldBeRelativelyClose(60 - 9 - (10.0 / 1440), 1e-12);
        built.CustomersWithoutQualifyingContact.Should().Be(1);
    }

    [Fact]
    public void Median_LogLogBand_TextNamesRsConfType()
    {
        // time 1 2 2+ 3 4+ 4 5 6+: R print(survfit(Surv(tt, ee) ~ 1, conf.type = "log-log")): median 4, 0.95LCL 1, 0.95UCL NA.
        var curve = KaplanMeier.Estimate(RetentionEdgeMutationTests.Tiny).Single();

        curve.Median(KaplanMeierIntervalType.LogLog).ToString().Should().Be("median 4 [1, n/a] (95% log-log interval)");
    }
}
