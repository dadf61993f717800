using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// The analysis recovers the planted agent attrition and new hires' gap from the agent ids of the default demo's tables
/// (issue #13 item 3): what the business case's attrition line reads.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class AgentTenureRecoveryTests(SimulationFixture fixture)
{
    [Fact]
    public void Analysis_OfTheDefaultDemo_RecoversThePlantedAttritionAndNewHireGap()
    {
        // The default demo (100,000 customers, two years, seed 42): agents leave after an exponential time with rate
        // AnnualAttrition = 0.35 a year; new hires' talk and after-contact work take 1.4 times as long on day 0 and
        // resolve 0.8 times as often, both moving linearly to 1 on day 90 (AgentOptions). Over the analysis's ramp-up of
        // 13 weeks = 91 days the planted factors average 1 + 0.4 x 0.5 = 1.2 and 1 - 0.2 x 0.5 = 0.9 (hand computation:
        // the mean of 1 - t/90 over t = 0..90 is 0.5); hold is not slowed, so the handle-time ratio planted is
        // 1 + 0.2 x the talk-and-after-work share of handle time (PlantedEffectChecks.NewHireGap).
        // Measured with seed 42: 0.296 [0.205, 0.414] leavers per agent-year (34 leavers, 114.7 agent-years; the truth
        // has 38 leavers, 4 of them in the last 28 days, censored), handle time 1.196x, resolution 0.898x, gap 0.249.
        var center = fixture.Default;
        var analysis = SimulationTables.Analyze(center);
        var attrition = analysis.AgentAttrition.Value;
        var gap = analysis.NewHireGap.Value;
        var planted = PlantedEffectChecks.NewHireGap(center, analysis.Options.Programme.RampUpWeeks)!;

        planted.HandleTimeFactor.Should().BeApproximately(1.2, 1e-12);
        planted.ResolutionRatio.Should().BeApproximately(0.9, 1e-12);
        attrition.AnnualRate.Interval!.Value.Contains(center.Options.Agents.AnnualAttrition).Should().BeTrue($"the interval is {attrition.AnnualRate}");
        attrition.Agents.Should().Be(center.AgentTruths.Count);
        gap.HandleTimeRatio.Interval!.Value.Contains(planted.HandleTimeRatio).Should().BeTrue($"{gap.HandleTimeRatio} should hold the planted {planted.HandleTimeRatio:0.0000}");
        gap.ResolutionRatio.Interval!.Value.Contains(planted.ResolutionRatio).Should().BeTrue($"{gap.ResolutionRatio} should hold the planted {planted.ResolutionRatio:0.0000}");
        gap.ProductivityGap.Interval!.Value.Contains(planted.ProductivityGap).Should().BeTrue($"{gap.ProductivityGap} should hold the planted {planted.ProductivityGap:0.0000}");

        // The business case's attrition line reads these: the measured head count and the gap in the cost per leaver.
        var inputs = analysis.ServiceProgramme.Value.Case.Inputs;
        inputs.Single(i => i.Name == "agents").Point.Should().Be(Math.Round(attrition.Headcount, 1));
        inputs.Single(i => i.Name == "cost per leaver").Source.ToString().Should().Contain("measured productivity gap");
    }
}
