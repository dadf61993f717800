using ContactMetrics.Clv;
using ContactMetrics.Simulation;
using Xunit.Abstractions;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The simulation as a test oracle (docs/simulation.md, "Using it as a test oracle", CLV): without churn the simulated
/// purchases are exactly BG/NBD with Gamma-Gamma amounts, so maximum likelihood must recover the planted parameters
/// within their standard errors.
/// </summary>
public class PlantedParameterRecoveryTests(ITestOutputHelper log)
{
    private static readonly Lazy<(SimulatedContactCenter Center, RfmSummary Summary)> Simulated = new(() =>
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions
        {
            Seed = 5, Customers = 10_000, InitialCustomerShare = 1.0, Churn = ChurnOptions.None,
        });
        // Purchases are simulated in continuous time; two on one day are two transactions (no merging).
        var summary = RfmSummaryBuilder.Build(center.Purchases, new RfmSummaryOptions(center.Options.EndDate)
        {
            TimeZone = center.Options.TimeZone, MergeSameDayPurchases = false,
        });
        return (center, summary);
    });

    private void ShouldBeWithin(ParameterEstimate estimate, double planted, double standardErrors)
    {
        log.WriteLine($"{estimate.Name}: fitted {estimate.Value:F4} (SE {estimate.StandardError:F4}), planted {planted}, {(estimate.Value - planted) / estimate.StandardError:F2} SE");
        double.IsFinite(estimate.StandardError).Should().BeTrue();
        estimate.StandardError.Should().BeGreaterThan(0);
        Math.Abs(estimate.Value - planted).Should().BeLessThan(standardErrors * estimate.StandardError,
            $"{estimate.Name} = {estimate.Value} (SE {estimate.StandardError}) against the planted {planted}");
    }

    [Fact]
    public void BgNbdFit_PureBgNbdSimulation_RecoversPlantedParametersWithinThreeStandardErrors()
    {
        var (center, summary) = Simulated.Value;
        var planted = center.Options.Purchases;   // 0.243, 4.414, 0.793, 2.426 (PurchaseOptions defaults)

        var fit = BetaGeometricNbdModel.Fit(summary.Compress());

        summary.Count.Should().Be(10_000);
        fit.Diagnostics.Converged.Should().BeTrue();
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "r"), planted.R, 3);
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "alpha"), planted.Alpha, 3);
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "a"), planted.A, 3);
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "b"), planted.B, 3);
    }

    [Fact]
    public void GammaGammaFit_PureBgNbdSimulation_RecoversPlantedParametersWithinThreeStandardErrors()
    {
        var (center, summary) = Simulated.Value;
        var planted = center.Options.Spend;   // 6.25, 3.74, 15.44 (SpendOptions defaults)

        var fit = GammaGammaModel.Fit(summary);

        fit.Diagnostics.Converged.Should().BeTrue();
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "p"), planted.P, 3);
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "q"), planted.Q, 3);
        ShouldBeWithin(fit.Estimates.Single(e => e.Name == "gamma"), planted.Gamma, 3);
    }
}
