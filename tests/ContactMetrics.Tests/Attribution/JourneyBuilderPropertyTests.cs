using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

/// <summary>Invariants of journey cutting on seeded random customers.</summary>
public class JourneyBuilderPropertyTests
{
    private static (List<Touchpoint> Touches, List<Conversion> Conversions) RandomCustomers(int seed)
    {
        var rng = new Random(seed);
        var touches = new List<Touchpoint>();
        var conversions = new List<Conversion>();
        for (int c = 0; c < 30; c++)
        {
            var customer = new CustomerId($"k{c}");
            for (int i = rng.Next(12); i > 0; i--)
            {
                touches.Add(new Touchpoint(customer, T0 + Duration.FromHours(rng.Next(24 * 120)), Name(rng.Next(4))));
            }
            for (int i = rng.Next(4); i > 0; i--)
            {
                conversions.Add(new Conversion(customer, T0 + Duration.FromHours(rng.Next(24 * 120)), new Money(rng.Next(1, 100), Currency.Eur)));
            }
        }
        return (touches, conversions);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Build_RandomCustomers_KeepsTheInvariants(int seed, bool collapse)
    {
        var (touches, conversions) = RandomCustomers(seed);
        var options = new JourneyOptions { Lookback = Duration.FromDays(20), CollapseRepeats = collapse };

        var journeys = JourneyBuilder.Build(touches, conversions, options: options);
        var paths = JourneyBuilder.Summarize(journeys);

        // Every conversion gives exactly one converted journey, and the summary keeps count and value.
        journeys.Count(j => j.IsConverted).Should().Be(conversions.Count);
        paths.TotalConversions.Should().Be(conversions.Count);
        paths.TotalValue.AsDouble().Should().Be((double)conversions.Sum(c => c.Value.Amount));
        // No touch is used twice; every journey is in time order, non-empty, within the lookback.
        journeys.Where(j => j.Touches[0].Channel != JourneyOptions.DefaultDirectChannel).Sum(j => j.Touches.Length).Should().BeLessThanOrEqualTo(touches.Count);
        foreach (var journey in journeys)
        {
            journey.Touches.Should().NotBeEmpty();
            journey.Touches.Select(t => t.OccurredAt).Should().BeInAscendingOrder();
            var end = journey.Conversion?.OccurredAt ?? journey.Touches[^1].OccurredAt;
            journey.Touches.Should().OnlyContain(t => t.OccurredAt <= end && t.OccurredAt >= end - options.Lookback);
            if (collapse)
            {
                journey.Touches.Zip(journey.Touches.Skip(1)).All(p => p.First.Channel != p.Second.Channel).Should().BeTrue();
            }
        }
        // At most one non-converting journey per customer, after its last conversion.
        journeys.Where(j => !j.IsConverted).GroupBy(j => j.CustomerId).Should().OnlyContain(g => g.Count() == 1);
    }
}
