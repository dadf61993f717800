namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// The planted-vs-measured checks. Expected values come from the planted options themselves (docs/simulation.md):
/// the hazard ratio of churn after an unresolved contact (default 1.8 in <see cref="ChurnOptions"/>, 1 in the
/// no-effects run) and the service lift (default 1.5 in <see cref="MarketingOptions"/>, 1 in the no-effects run).
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class PlantedEffectChecksTests(SimulationFixture fixture)
{
    [Fact]
    public void UnresolvedHazardRatio_PlantedEffect_IntervalContainsThePlantedRatio()
    {
        var center = fixture.Large;

        var hr = PlantedEffectChecks.UnresolvedHazardRatio(center);

        hr.Should().NotBeNull();
        hr!.Name.Should().Be("unresolved");
        hr.HazardRatioInterval.Contains(center.Options.Churn.UnresolvedHazardRatio).Should().BeTrue(
            $"the planted ratio {center.Options.Churn.UnresolvedHazardRatio} should be inside {hr.HazardRatioInterval} (estimate {hr.HazardRatio})");
    }

    [Fact]
    public void UnresolvedHazardRatio_NoPlantedEffect_IntervalContainsOne()
    {
        var hr = PlantedEffectChecks.UnresolvedHazardRatio(fixture.NoEffects);

        hr.Should().NotBeNull();
        hr!.HazardRatioInterval.Contains(1.0).Should().BeTrue($"{hr.HazardRatioInterval}");
    }

    [Fact]
    public void ServiceLift_NoLift_RunEqualsControl()
    {
        var check = PlantedEffectChecks.ServiceLift(fixture.NoEffects);

        check.Run.Should().Be(check.Control);
        check.IncrementalConversions.Should().Be(0);
        check.RateRatioWithService.Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void ServiceLift_DefaultLift_RunConvertsMoreThanTheControl()
    {
        var check = PlantedEffectChecks.ServiceLift(fixture.Small);

        check.IncrementalConversions.Should().BeGreaterThan(0);
        check.RateRatioWithService.Should().BeGreaterThan(1.0).And.BeLessThan(fixture.Small.Options.Marketing.ServiceLift);
        check.Run.ConversionRateWithService.Should().BeInRange(0, 1);
    }

    [Fact]
    public void JourneyConversions_NoServiceJourneys_RateIsNull()
        => new JourneyConversions(3, 1, 0, 0).ConversionRateWithService.Should().BeNull();

    [Fact]
    public void Checks_Null_Throw()
    {
        FluentActions.Invoking(() => PlantedEffectChecks.UnresolvedHazardRatio(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => PlantedEffectChecks.ServiceLift(null!)).Should().Throw<ArgumentNullException>();
    }
}
