using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// <see cref="AttributionFigures.Attribute"/> and <see cref="AttributionFigures.CheckModelOptions"/>: the model a name and
/// its settings choose, as <c>contactmetrics attribution</c> runs it, checked against hand computations on small paths.
/// </summary>
public class AttributionModelChoiceTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0);

    /// <summary>a &gt; b converts once for 30 EUR; b alone does not convert.</summary>
    private static PathSummary TwoPaths()
    {
        var builder = new PathSummaryBuilder(Currency.Eur);
        builder.Add(["a", "b"], 1, 30, 0);
        builder.Add(["b"], 0, 0, 1);
        return builder.Build();
    }

    [Fact]
    public void Attribute_Markov_RemovalEffectsAsComputedByHand()
    {
        // First-order chain: start -> a 1/2, start -> b 1/2; a -> b 1; b -> conversion 1/2, b -> null 1/2.
        // P(conversion) = 1/2 x 1 x 1/2 + 1/2 x 1/2 = 1/2. Without a (its paths go to null): 1/2 x 1/2 = 1/4, so
        // RE(a) = 1 - (1/4)/(1/2) = 1/2; without b nothing converts, RE(b) = 1. Credits 1/2 : 1 normalised: a 1/3, b 2/3.
        var (result, markov) = AttributionFigures.Attribute("Markov", new AttributionModelOptions(), TwoPaths(), null);

        markov.Should().NotBeNull();
        markov!.ConversionProbability.Should().BeApproximately(0.5, 1e-9);
        markov.RemovalEffects[result.Channels.IndexOf("a")].Should().BeApproximately(0.5, 1e-9);
        markov.RemovalEffects[result.Channels.IndexOf("b")].Should().BeApproximately(1, 1e-9);
        result.ConversionsOf("a").Should().BeApproximately(1.0 / 3, 1e-9);
        result.ConversionsOf("b").Should().BeApproximately(2.0 / 3, 1e-9);
        result.ValueOf("b").Amount.Should().BeApproximately(20m, 1e-6m, "2/3 of 30 EUR");
        markov.Order.Should().Be(1, "the order defaults to 1");
    }

    [Fact]
    public void Attribute_MarkovSettings_ReachTheModel()
    {
        var options = new AttributionModelOptions { Order = 2, DirectInChain = true, ValueWeighted = true };

        var (result, markov) = AttributionFigures.Attribute("markov", options, TwoPaths(), null);

        markov!.Order.Should().Be(2);
        result.Model.Should().Contain("inside the chain").And.Contain("value by removal effects on conversion value");
    }

    [Theory]
    // One path a > b > c converting once: the first touch takes FIRST, the last LAST, the middle the rest.
    [InlineData(null, null, 0.4, 0.2, 0.4)]
    [InlineData(0.3, 0.5, 0.3, 0.2, 0.5)]
    public void Attribute_Position_SplitsByTheShares(double? first, double? last, double a, double b, double c)
    {
        var builder = new PathSummaryBuilder(Currency.Eur);
        builder.Add(["a", "b", "c"], 1, 10, 0);
        var options = new AttributionModelOptions { Position = first is null ? null : (first.Value, last!.Value) };

        var (result, markov) = AttributionFigures.Attribute("position", options, builder.Build(), null);

        markov.Should().BeNull();
        result.ConversionsOf("a").Should().BeApproximately(a, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(b, 1e-12);
        result.ConversionsOf("c").Should().BeApproximately(c, 1e-12);
    }

    [Theory]
    // Touches 7 days and 0 days before the conversion weigh 2^(-7/h) and 1. Default h = 7 days: 1/2 and 1, so the older
    // touch gets (1/2)/(3/2) = 1/3. h = 14 days: 2^(-1/2) = 0.70711, share 0.70711/1.70711 = 0.41421.
    [InlineData(null, 1.0 / 3)]
    [InlineData(14, 0.41421356)]
    public void Attribute_TimeDecay_WeighsByTheHalfLifeOnTheJourneys(int? halfLifeDays, double olderShare)
    {
        var alice = new CustomerId("alice");
        var journeys = JourneyBuilder.Build(
            [new Touchpoint(alice, T0, "older"), new Touchpoint(alice, T0 + Duration.FromDays(7), "newer")],
            [new Conversion(alice, T0 + Duration.FromDays(7), new Money(10m, Currency.Eur))]);
        var options = new AttributionModelOptions { HalfLife = halfLifeDays is int d ? Duration.FromDays(d) : null };

        var (result, _) = AttributionFigures.Attribute("time-decay", options, JourneyBuilder.Summarize(journeys), journeys);

        result.ConversionsOf("older").Should().BeApproximately(olderShare, 1e-8);
        result.ConversionsOf("newer").Should().BeApproximately(1 - olderShare, 1e-8);
        FluentActions.Invoking(() => AttributionFigures.Attribute("time-decay", options, JourneyBuilder.Summarize(journeys), null))
            .Should().Throw<ArgumentNullException>("time decay needs each touch's time, which a path summary does not hold");
    }

    [Theory]
    // The heuristic models on a > b (converts, 30 EUR): first and last touch take it whole, linear halves it; Shapley with
    // the value of a coalition = the conversions of the paths inside it: v({a,b}) = 1, v({a}) = v({b}) = 0, so 1/2 each.
    [InlineData("first", 1.0, 0.0)]
    [InlineData("last", 0.0, 1.0)]
    [InlineData("last-non-service", 0.0, 1.0)]
    [InlineData("linear", 0.5, 0.5)]
    [InlineData("shapley", 0.5, 0.5)]
    public void Attribute_PathModels_CreditAsTheirRules(string model, double a, double b)
    {
        var (result, markov) = AttributionFigures.Attribute(model, new AttributionModelOptions(), TwoPaths(), null);

        markov.Should().BeNull();
        result.ConversionsOf("a").Should().BeApproximately(a, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(b, 1e-12);
    }

    [Theory]
    [InlineData("linear", "--order", "--order applies to --model markov only; the model is linear.")]
    [InlineData("first", "--direct-in-chain", "--direct-in-chain applies to --model markov only; the model is first.")]
    [InlineData("shapley", "--value-weighted", "--value-weighted applies to --model markov only; the model is shapley.")]
    [InlineData("markov", "--half-life", "--half-life applies to --model time-decay only; the model is markov.")]
    [InlineData("time-decay", "--position", "--position applies to --model position only; the model is time-decay.")]
    [InlineData("markov", "order 9", "--order must be 1 to 8; was 9.")]
    [InlineData("markov", "order 0", "--order must be 1 to 8; was 0.")]
    [InlineData("time-decay", "half-life 0", "--half-life must be above 0; was 0:00:00:00.")]
    [InlineData("position", "position 0.8,0.8", "--position: use two shares FIRST,LAST, each at least 0, together more than 0 and at most 1 (e.g. 0.4,0.4); was 0.8,0.8.")]
    [InlineData("position", "position -0.1,0.5", "--position: use two shares FIRST,LAST, each at least 0, together more than 0 and at most 1 (e.g. 0.4,0.4); was -0.1,0.5.")]
    [InlineData("u-shaped", "", "--model: unknown model 'u-shaped'; use first, last, last-non-service, linear, position, time-decay, markov, shapley.")]
    public void CheckModelOptions_ASettingOfAnotherModelOrOutOfRange_NamesTheOption(string model, string setting, string message)
    {
        var options = setting switch
        {
            "--order" => new AttributionModelOptions { Order = 2 },
            "--direct-in-chain" => new AttributionModelOptions { DirectInChain = true },
            "--value-weighted" => new AttributionModelOptions { ValueWeighted = true },
            "--half-life" => new AttributionModelOptions { HalfLife = Duration.FromDays(3) },
            "--position" => new AttributionModelOptions { Position = (0.3, 0.3) },
            "order 9" => new AttributionModelOptions { Order = 9 },
            "order 0" => new AttributionModelOptions { Order = 0 },
            // A library caller's settings the CLI's parsers would have refused: checked before any data is read.
            "half-life 0" => new AttributionModelOptions { HalfLife = Duration.Zero },
            "position 0.8,0.8" => new AttributionModelOptions { Position = (0.8, 0.8) },
            "position -0.1,0.5" => new AttributionModelOptions { Position = (-0.1, 0.5) },
            _ => new AttributionModelOptions(),
        };

        FluentActions.Invoking(() => AttributionFigures.CheckModelOptions(model, options))
            .Should().Throw<OptionValueException>().WithMessage(message);
        FluentActions.Invoking(() => AttributionFigures.Attribute(model, options, TwoPaths(), null))
            .Should().Throw<OptionValueException>().WithMessage(message, "Attribute checks the settings too");
    }

    [Fact]
    public void CheckModelOptions_EachModelsOwnSettings_ReturnsTheNameInLowerCase()
    {
        AttributionFigures.CheckModelOptions("MARKOV", new AttributionModelOptions { Order = 8, DirectInChain = true, ValueWeighted = true }).Should().Be("markov");
        AttributionFigures.CheckModelOptions("Time-Decay", new AttributionModelOptions { HalfLife = Duration.FromDays(1) }).Should().Be("time-decay");
        AttributionFigures.CheckModelOptions("position", new AttributionModelOptions { Position = (0.5, 0.5) }).Should().Be("position");
    }
}
