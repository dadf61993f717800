using ContactMetrics.Attribution;
using ContactMetrics.Simulation;
using NodaTime;
using Xunit.Abstractions;

namespace ContactMetrics.Tests.Attribution;

/// <summary>
/// The simulation plants a lift of the conversion rate (x1.5 for 14 days) after a resolved service contact
/// (docs/simulation.md, MarketingOptions.ServiceLift). Attribution should make it visible, and the control
/// run without the lift should not. This is the only causal ground truth available to attribution.
/// </summary>
public class PlantedServiceLiftTests(ITestOutputHelper output)
{
    private static readonly Lazy<LiftView> Lifted = new(() => ServiceShare(1.5));
    private static readonly Lazy<LiftView> Control = new(() => ServiceShare(1.0));

    /// <summary>Share of conversions with a service touch, service assists per conversion, and the conversion
    /// rate (conversions / journeys) of journeys with and without a service touch.</summary>
    private sealed record LiftView(double Share, double Assists, double RateWithService, double RateWithout);

    private static LiftView ServiceShare(double lift)
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions
        {
            Seed = 11,
            Customers = 3_000,
            Marketing = new MarketingOptions { ServiceLift = lift },
        });
        var journeys = JourneyBuilder.Build(center.Touchpoints, center.Conversions, center.Interactions,
            new JourneyOptions { Lookback = Duration.FromDays(14) });
        var paths = JourneyBuilder.Summarize(journeys);
        double withService = 0, journeysWithService = 0;
        for (int p = 0; p < paths.Count; p++)
        {
            foreach (int c in paths.Path(p))
            {
                if (paths.Channels[c].StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal))
                {
                    withService += paths.Conversions[p];
                    journeysWithService += paths.Conversions[p] + paths.Nulls[p];
                    break;
                }
            }
        }
        double journeysWithout = paths.TotalConversions + paths.TotalNulls - journeysWithService;
        var report = AssistMetrics.Compute(paths);
        double assists = report.Channels.Where(c => c.Channel.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal))
            .Sum(c => c.AssistedConversions);
        return new LiftView(withService / paths.TotalConversions, assists / paths.TotalConversions,
            withService / journeysWithService, (paths.TotalConversions - withService) / journeysWithout);
    }

    [Fact]
    public void ServiceChannels_ReceiveAssistedConversions()
    {
        Lifted.Value.Assists.Should().BeGreaterThan(0);
    }

    [Fact]
    public void ShareOfConversionsWithAServiceTouch_IsHigherWithThePlantedLift()
    {
        // Same seed, so the same customers and contacts; only the conversion rate after service differs.
        // With a 1.5x lift on a minority of customer-days the share of conversions preceded by a service
        // contact should rise by well over a tenth of itself.
        output.WriteLine($"lifted: {Lifted.Value}; control: {Control.Value}");
        Lifted.Value.Share.Should().BeGreaterThan(1.1 * Control.Value.Share);
    }

    [Fact]
    public void ConversionRate_OfJourneysWithAServiceTouch_RisesWithThePlantedLift()
    {
        // A journey-level rate mixes the lift with how journeys are cut (one null journey per customer at
        // most), so compare with the control rather than with journeys without service.
        output.WriteLine($"with service {Lifted.Value.RateWithService:F3} (control {Control.Value.RateWithService:F3}); without {Lifted.Value.RateWithout:F3} (control {Control.Value.RateWithout:F3})");
        Lifted.Value.RateWithService.Should().BeGreaterThan(Control.Value.RateWithService);
    }
}
