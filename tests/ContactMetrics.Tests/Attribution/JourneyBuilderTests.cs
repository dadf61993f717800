using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class JourneyBuilderTests
{

    private static Touchpoint Touch(double days, string channel, CustomerId? customer = null) =>
        new(customer ?? Alice, T0 + Duration.FromDays(days), channel);

    private static Conversion Convert(double days, decimal value = 10m, CustomerId? customer = null) =>
        new(customer ?? Alice, T0 + Duration.FromDays(days), new Money(value, Currency.Eur));

    private static string[] Texts(IEnumerable<Journey> journeys) =>
        journeys.Select(j => string.Join(" > ", j.Touches.Select(t => t.Channel)) + (j.IsConverted ? " => conv" : " => null")).ToArray();

    [Fact]
    public void Build_SeveralConversions_CutsAtEachConversion()
    {
        var journeys = JourneyBuilder.Build(
            [Touch(0, "ads"), Touch(1, "mail"), Touch(3, "ads"), Touch(5, "social"), Touch(6, "mail")],
            [Convert(2), Convert(4)]);

        Texts(journeys).Should().Equal("ads > mail => conv", "ads => conv", "social > mail => null");
    }

    [Fact]
    public void Build_Lookback_KeepsTouchesAtTheBoundaryAndDropsOlder()
    {
        var options = new JourneyOptions { Lookback = Duration.FromDays(10) };

        var journeys = JourneyBuilder.Build([Touch(0, "old"), Touch(5, "edge"), Touch(15, "same")], [Convert(15)], options: options);

        // Window [conversion - 10 d, conversion], both ends included: the touch at the conversion's instant counts.
        Texts(journeys).Should().Equal("edge > same => conv");
    }

    [Fact]
    public void Build_TouchAtPreviousConversion_BelongsToThePreviousOne()
    {
        var journeys = JourneyBuilder.Build([Touch(1, "a"), Touch(2, "b")], [Convert(1), Convert(3)]);

        Texts(journeys).Should().Equal("a => conv", "b => conv");
    }

    [Fact]
    public void Build_ConversionWithoutTouch_IsADirectJourney()
    {
        var journeys = JourneyBuilder.Build([Touch(0, "a")], [Convert(100)]);

        Texts(journeys).Should().Equal("(direct) => conv");
        journeys[0].Touches[0].OccurredAt.Should().Be(T0 + Duration.FromDays(100));
    }

    [Fact]
    public void Build_CollapseRepeats_KeepsTheLatestOfARun()
    {
        var options = new JourneyOptions { CollapseRepeats = true };

        var journeys = JourneyBuilder.Build([Touch(0, "a"), Touch(1, "a"), Touch(2, "b"), Touch(3, "a")], [Convert(4)], options: options);

        Texts(journeys).Should().Equal("a > b > a => conv");
        journeys[0].Touches[0].OccurredAt.Should().Be(T0 + Duration.FromDays(1));
    }

    [Fact]
    public void Build_ServiceInteractions_BecomeServiceTouchesAtTheirEnd()
    {
        var call = new Interaction(new InteractionId("i1"), Alice, Channel.Phone, T0, T0 + Duration.FromMinutes(5));

        var journeys = JourneyBuilder.Build([Touch(-1, "ads")], [Convert(1)], [call]);

        Texts(journeys).Should().Equal("ads > service:phone => conv");
        journeys[0].Touches[1].OccurredAt.Should().Be(T0 + Duration.FromMinutes(5));
    }

    [Fact]
    public void Build_Customers_AreSeparated()
    {
        var bob = new CustomerId("bob");

        var journeys = JourneyBuilder.Build([Touch(0, "a"), Touch(0, "b", bob)], [Convert(1, customer: bob)]);

        Texts(journeys).Should().Equal("a => null", "b => conv");
    }

    [Fact]
    public void Summarize_CountsConversionsValueAndNulls()
    {
        var journeys = JourneyBuilder.Build(
            [Touch(0, "a"), Touch(10, "a"), Touch(20, "a"), Touch(21, "b")],
            [Convert(1, 12.5m), Convert(11, 7.5m)]);

        var paths = JourneyBuilder.Summarize(journeys);

        paths.Count.Should().Be(2);
        paths.TotalConversions.Should().Be(2);
        paths.TotalValue.AsDouble().Should().Be(20);
        paths.TotalNulls.Should().Be(1);
        paths.PathText(1).Should().Be("a > b");
    }

    [Fact]
    public void Summarize_MixedCurrencies_Throws()
    {
        var journeys = new[]
        {
            new Journey(Alice, [new JourneyTouch("a", T0)], Convert(1)),
            new Journey(Alice, [new JourneyTouch("a", T0)], new Conversion(Alice, T0, new Money(1m, Currency.Usd))),
        };

        var act = () => JourneyBuilder.Summarize(journeys);

        act.Should().Throw<ArgumentException>().WithParameterName("journeys");
    }

    [Fact]
    public void Conversion_NegativeValue_IsRejectedByTheDomain()
    {
        var act = () => Convert(0, -1m);

        act.Should().Throw<InvalidRecordException>();
    }

    [Fact]
    public void Journey_EmptyOrUnorderedTouches_Throw()
    {
        var empty = () => new Journey(Alice, [], null);
        var unordered = () => new Journey(Alice, [new JourneyTouch("a", T0 + Duration.FromDays(1)), new JourneyTouch("b", T0)], null);

        empty.Should().Throw<ArgumentException>().WithParameterName("Touches");
        unordered.Should().Throw<ArgumentException>().WithParameterName("Touches");
    }

    [Fact]
    public void AttributionResult_CreditsNotOnePerChannel_Throw()
    {
        var act = () => new AttributionResult("m", ["a", "b"], [1.0], [new Money(1m, Currency.Eur), new Money(2m, Currency.Eur)], Currency.Eur);

        act.Should().Throw<ArgumentException>().WithParameterName("Conversions");
    }
}
