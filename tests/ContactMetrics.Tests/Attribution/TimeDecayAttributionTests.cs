using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class TimeDecayAttributionTests
{
    [Fact]
    public void Weights_ReferenceExample()
    {
        // REFERENCES.md "Attribution": touches 200 h, 100 h, 0 h before, half-life 168 h -> 0.2086, 0.3152, 0.4762.
        var weights = TimeDecayAttribution.Weights([Duration.FromHours(200), Duration.FromHours(100), Duration.Zero], Duration.FromHours(168));

        weights[0].Should().BeApproximately(0.2086, 5e-5);
        weights[1].Should().BeApproximately(0.3152, 5e-5);
        weights[2].Should().BeApproximately(0.4762, 5e-5);
    }

    [Fact]
    public void Weights_FarApart_DoNotUnderflowToNothing()
    {
        var weights = TimeDecayAttribution.Weights([Duration.FromDays(100_000), Duration.FromDays(90_000)], Duration.FromHours(1));

        weights[1].Should().Be(1);
        weights.Sum().Should().Be(1);
    }

    [Fact]
    public void Attribute_SplitsConversionAndValueByWeight()
    {
        var conversion = new Conversion(Alice, T0 + Duration.FromHours(200), new Money(100m, Currency.Eur));
        var journeys = new[]
        {
            new Journey(Alice, [new("ads", T0), new("mail", T0 + Duration.FromHours(100)), new("ads", T0 + Duration.FromHours(200))], conversion),
            new Journey(Alice, [new("social", T0)], null),
        };

        var result = new TimeDecayAttribution(Duration.FromHours(168)).Attribute(journeys);

        result.ConversionsOf("ads").Should().BeApproximately(0.2086 + 0.4762, 1e-4);
        result.ValueOf("mail").AsDouble().Should().BeApproximately(31.52, 1e-2);
        result.ConversionsOf("social").Should().Be(0);
        result.TotalConversions.Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Constructor_NonPositiveHalfLife_Throws()
    {
        var act = () => new TimeDecayAttribution(Duration.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("halfLife");
    }
}
