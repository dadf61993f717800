using ContactMetrics.Retention;
using ContactMetrics.Simulation;
using ContactMetrics.Simulation.Tests;
using NodaTime;
using Xunit.Abstractions;

namespace ContactMetrics.Tests.Retention;

/// <summary>
/// The simulation plants churn hazard h0_segment x <see cref="ChurnOptions.UnresolvedHazardRatio"/> from the end of a
/// customer's first unresolved contact on (docs/simulation.md). A Cox model with that exposure as a time-varying
/// covariate (counting-process rows), stratified by segment, must recover the ratio.
/// </summary>
public sealed class PlantedChurnHazardTests(ITestOutputHelper output)
{
    private static CoxFit FitUnresolvedExposure(SimulatedContactCenter center)
    {
        // Time scale: days since acquisition (first purchase). Exposure: end of the first interaction with resolved =
        // false, from the interactions table. Churn: the exact churn instant of CustomerTruths, because the customers
        // table only has the churn date and a same-day exposure would be ambiguous.
        var acquired = SimulationTables.AcquisitionInstants(center);
        var unresolved = SimulationTables.FirstUnresolvedEnds(center);
        var truths = center.CustomerTruths.ToDictionary(t => t.CustomerId);
        var durations = new List<double>();
        var events = new List<bool>();
        var switches = new List<double>();
        var segments = new List<string>();
        foreach (var customer in center.Customers)
        {
            var start = acquired[customer.Id];
            var churnedAt = truths[customer.Id].ChurnedAt;
            var end = churnedAt is Instant c && c < center.End ? c : center.End;
            if (end <= start)
            {
                continue;
            }
            durations.Add(SimulationTables.Days(end - start));
            events.Add(churnedAt is Instant churn && churn < center.End);
            switches.Add(unresolved.TryGetValue(customer.Id, out var u) ? SimulationTables.Days(u - start) : double.PositiveInfinity);
            segments.Add(customer.Segment!);
        }
        var table = SurvivalTable.FromColumns(durations.ToArray(), events.ToArray())
            .WithStrata(segments)
            .WithTimeVaryingIndicator("unresolved", switches.ToArray());
        return CoxProportionalHazards.Fit(table);
    }

    [Fact]
    public void Cox_TimeVaryingUnresolvedExposure_RecoversPlantedHazardRatio()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 4_000 });

        var fit = FitUnresolvedExposure(center);

        var unresolved = fit["unresolved"];
        output.WriteLine($"HR {unresolved.HazardRatio:F4} {unresolved.HazardRatioInterval}, {fit.Events} churns, {fit.Observations} rows, {fit.Diagnostics.Iterations} iterations");
        unresolved.HazardRatioInterval.Contains(center.Options.Churn.UnresolvedHazardRatio).Should().BeTrue(
            $"the planted ratio {center.Options.Churn.UnresolvedHazardRatio} should be inside {unresolved.HazardRatioInterval} (estimate {unresolved.HazardRatio:F3}, {fit.Events} churns)");
        fit.Events.Should().BeGreaterThan(300);
    }

    [Fact]
    public void Cox_NoPlantedEffect_IntervalContainsOne()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 4_000, Churn = new ChurnOptions { UnresolvedHazardRatio = 1.0 } });

        var fit = FitUnresolvedExposure(center);

        fit["unresolved"].HazardRatioInterval.Contains(1.0).Should().BeTrue($"{fit["unresolved"].HazardRatioInterval}");
    }
}
