using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// The control of the planted service lift (<see cref="SimulatedContactCenter.ControlConversions"/>): the same
/// conversion proposals thinned with and without the lift, so the control differs from the run only inside the
/// windows after resolved service contacts.
/// </summary>
public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_ServiceLiftOne_ControlEqualsConversions()
    {
        // NoEffects plants ServiceLift = 1: the service factor is 1, so both worlds accept the same proposals.
        NoEffects.ControlConversions.Should().NotBeEmpty();
        Keys(NoEffects.ControlConversions).Should().Equal(Keys(NoEffects.Conversions));
    }

    [Fact]
    public void Generate_DefaultServiceLift_ControlIsTheRunWithoutTheLiftedConversions()
    {
        // Small plants the default ServiceLift = 1.5 > 1: a proposal the control accepts (u * max < c0) is accepted
        // by the run too (u * max < 1.5 c0), with the same value.
        var run = Keys(Small.Conversions);
        var control = Keys(Small.ControlConversions);

        IsSubsequence(control, run).Should().BeTrue();
        control.Count.Should().BeLessThan(run.Count, "a lift of 1.5 over two years of 3,000 customers adds conversions");

        // Outside the service windows the rate is the same in both worlds, and so are the accepted proposals.
        var inWindow = InServiceWindow(Small);
        control.Where(c => !inWindow(c)).Should().Equal(run.Where(c => !inWindow(c)));
        control.Count(c => inWindow(c)).Should().BeLessThan(run.Count(c => inWindow(c)));
    }

    [Fact]
    public void Generate_ServiceLiftBelowOne_ConversionsAreASubsetOfTheControl()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions
        {
            Seed = 3,
            Customers = 1_500,
            DurationDays = 365,
            Marketing = new MarketingOptions { ServiceLift = 0.5 },
        });

        var run = Keys(center.Conversions);
        var control = Keys(center.ControlConversions);

        IsSubsequence(run, control).Should().BeTrue();
        run.Count.Should().BeLessThan(control.Count, "a lift of 0.5 removes about half the conversions in the service windows");
    }

    [Fact]
    public void Generate_ControlAgainstASeparateRunWithoutTheLift_SameWorldSameConversionRate()
    {
        var lifted = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 13, Customers = 4_000 });
        var separate = ContactCenterSimulator.Generate(new SimulationOptions
        {
            Seed = 13,
            Customers = 4_000,
            Marketing = new MarketingOptions { ServiceLift = 1.0 },
        });

        // Nothing depends on conversions, so every other table of the separate run is the run's (and the control's).
        separate.Customers.Select(c => (c.Id, c.AcquiredOn, c.ChurnedOn, c.Segment))
            .Should().Equal(lifted.Customers.Select(c => (c.Id, c.AcquiredOn, c.ChurnedOn, c.Segment)));
        separate.Interactions.Select(i => (i.Id, i.CustomerId, i.EndedAt, i.Resolved))
            .Should().Equal(lifted.Interactions.Select(i => (i.Id, i.CustomerId, i.EndedAt, i.Resolved)));
        separate.Touchpoints.Select(t => t.ToString()).Should().Equal(lifted.Touchpoints.Select(t => t.ToString()));

        // The conversions themselves differ (the run's thinning proposes at the higher maximum rate 1.5 x the
        // touch lifts), but both are the lift-1 process: their counts agree within 4 standard deviations of the
        // difference of two independent Poisson counts, sqrt(n1 + n2) (about 1,400 each: 1,359 and 1,356 at this seed).
        double difference = lifted.ControlConversions.Count - separate.Conversions.Count;
        double sd = Math.Sqrt(lifted.ControlConversions.Count + separate.Conversions.Count);
        Math.Abs(difference).Should().BeLessThan(4 * sd);
    }

    private static List<(CustomerId Customer, Instant At, Money Value)> Keys(IReadOnlyList<Conversion> conversions)
        => [.. conversions.Select(c => (c.CustomerId, c.OccurredAt, c.Value))];

    /// <summary>Whether <paramref name="part"/> is <paramref name="whole"/> with some elements left out, in order.</summary>
    private static bool IsSubsequence<T>(List<T> part, List<T> whole)
    {
        int j = 0;
        foreach (var item in whole)
        {
            if (j < part.Count && EqualityComparer<T>.Default.Equals(part[j], item))
            {
                j++;
            }
        }
        return j == part.Count;
    }

    /// <summary>Whether a conversion lies in [end, end + ServiceWindow) of one of its customer's resolved interactions.</summary>
    private static Func<(CustomerId Customer, Instant At, Money Value), bool> InServiceWindow(SimulatedContactCenter center)
    {
        var window = center.Options.Marketing.ServiceWindow;
        var ends = center.Interactions.Where(i => i.Resolved == true)
            .ToLookup(i => i.CustomerId!.Value, i => i.EndedAt);
        return c => ends[c.Customer].Any(end => end <= c.At && c.At - end < window);
    }
}
