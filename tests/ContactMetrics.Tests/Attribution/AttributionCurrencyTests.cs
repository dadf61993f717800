using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

/// <summary>Attribution values carry the conversions' currency, and currencies never mix.</summary>
public class AttributionCurrencyTests
{
    private static readonly CustomerId Bob = new("bob");

    private static IReadOnlyList<Journey> Journeys(Currency alice, Currency bob) => JourneyBuilder.Build(
        [new Touchpoint(Alice, T0, "a"), new Touchpoint(Alice, T0 + Duration.FromDays(1), "b"), new Touchpoint(Bob, T0, "b")],
        [new Conversion(Alice, T0 + Duration.FromDays(2), new Money(12.50m, alice)), new Conversion(Bob, T0 + Duration.FromDays(1), new Money(7.25m, bob))]);

    public static TheoryData<string> Models => new(PathModels.Keys);

    private static readonly Dictionary<string, IAttributionModel> PathModels = new()
    {
        ["first"] = new FirstTouchAttribution(),
        ["last"] = new LastTouchAttribution(),
        ["last-non-service"] = new LastNonServiceTouchAttribution(),
        ["linear"] = new LinearAttribution(),
        ["position"] = new PositionBasedAttribution(),
        ["markov"] = new MarkovAttribution(),
        ["shapley"] = new ShapleyAttribution(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Attribute_UsdConversions_ValuesAreInUsd(string model)
    {
        var paths = JourneyBuilder.Summarize(Journeys(Currency.Usd, Currency.Usd));

        var result = PathModels[model].Attribute(paths);

        paths.Currency.Should().Be(Currency.Usd);
        paths.TotalValue.Should().Be(new Money(19.75m, Currency.Usd));
        result.Currency.Should().Be(Currency.Usd);
        result.Value.Should().OnlyContain(v => v.Currency == Currency.Usd);
        result.TotalValue.Currency.Should().Be(Currency.Usd);
        result.TotalValue.AsDouble().Should().BeApproximately(19.75, 1e-9);
    }

    [Fact]
    public void TimeDecay_GbpConversions_ValuesAreInGbp()
    {
        var result = new TimeDecayAttribution(Duration.FromDays(7)).Attribute(Journeys(Currency.Gbp, Currency.Gbp));

        result.Currency.Should().Be(Currency.Gbp);
        result.ValueOf("a").Currency.Should().Be(Currency.Gbp);
        result.TotalValue.AsDouble().Should().BeApproximately(19.75, 1e-9);
    }

    [Fact]
    public void Assists_EurConversions_ValuesAreInEur()
    {
        var paths = JourneyBuilder.Summarize(Journeys(Currency.Eur, Currency.Eur));

        var report = AssistMetrics.Compute(paths);
        var (_, value) = AssistMetrics.AssistedByGroup(paths, c => c == "a");

        // Alice's path a > b: a assists her 12.50; b is the last touch of both conversions.
        report.Of("a").AssistedValue.Should().Be(new Money(12.5m, Currency.Eur));
        report.Of("b").LastTouchValue.Should().Be(new Money(19.75m, Currency.Eur));
        value.Should().Be(new Money(12.5m, Currency.Eur));
    }

    [Fact]
    public void SummarizeAndTimeDecay_MixedCurrencies_Throw()
    {
        var journeys = Journeys(Currency.Eur, Currency.Usd);

        var summarize = () => JourneyBuilder.Summarize(journeys);
        var timeDecay = () => new TimeDecayAttribution(Duration.FromDays(7)).Attribute(journeys);

        summarize.Should().Throw<ArgumentException>().WithParameterName("journeys");
        timeDecay.Should().Throw<ArgumentException>().WithParameterName("journeys");
    }

    [Fact]
    public void BuilderAdd_SummaryInAnotherCurrency_Throws()
    {
        var eur = JourneyBuilder.Summarize(Journeys(Currency.Eur, Currency.Eur));
        var builder = new PathSummaryBuilder(Currency.Usd);

        var act = () => builder.Add(eur);

        act.Should().Throw<ArgumentException>().WithParameterName("summary");
    }

    [Fact]
    public void AttributionResult_ValueInAnotherCurrency_Throws()
    {
        var act = () => new AttributionResult("m", ["a"], [1.0], [new Money(1m, Currency.Usd)], Currency.Eur);

        act.Should().Throw<ArgumentException>().WithParameterName("Value");
    }

    [Fact]
    public void BuilderAndReader_CurrencyGivenOrNot_SummaryInItOrInXxx()
    {
        const string table = "path,total_conversions,total_conversion_value,total_null\na > b,1,10,0\n";

        PathSummaryReader.Read(new StringReader(table), currency: Currency.Gbp).TotalValue.Should().Be(new Money(10m, Currency.Gbp));
        PathSummaryReader.Read(new StringReader(table)).Currency.Should().Be(default(Currency));
        new PathSummaryBuilder(["a"], Currency.Usd).Build().TotalValue.Should().Be(Money.Zero(Currency.Usd));
        new PathSummaryBuilder().Build().Currency.Code.Should().Be("XXX");
    }
}
