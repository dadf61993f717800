using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Tests.Attribution;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The rule-based models, results, journeys and path summaries at the edges Stryker.NET's mutants reached and the
/// Attribution suite did not (issue #14 item 9, docs/testing.md "Attribution"); every expected value is a hand computation
/// from the models' definitions (Google Analytics' rule-based models, REFERENCES.md "Attribution").
/// </summary>
public class AttributionRuleBasedMutationTests
{
    [Fact]
    public void ModelNames_SayTheRule()
    {
        var paths = Paths(("a", 1, 1, 0));
        new FirstTouchAttribution().Attribute(paths).Model.Should().Be("first touch");
        new LastTouchAttribution().Attribute(paths).Model.Should().Be("last touch");
        new LinearAttribution().Attribute(paths).Model.Should().Be("linear");
        new LastNonServiceTouchAttribution().Attribute(paths).Model.Should().Be("last non-service touch (service: 'service:*')");
        new LastNonServiceTouchAttribution("svc/").Attribute(paths).Model.Should().Be("last non-service touch (service: 'svc/*')");
    }

    [Fact]
    public void PathWithValueButNoConversion_IsStillCredited()
    {
        // A path row may carry value without conversions, or conversions without value: both are credited.
        var result = new FirstTouchAttribution().Attribute(Paths(("a > b", 0, 10, 0), ("b", 2, 0, 0), ("c", 0, 0, 4)));

        result.ValueOf("a").AsDouble().Should().Be(10);
        result.ConversionsOf("b").Should().Be(2);
        result.ConversionsOf("c").Should().Be(0);
        result.TotalValue.AsDouble().Should().Be(10);
    }

    [Fact]
    public void Weights_AreClearedBetweenPaths()
    {
        // Last touch: "a > b" puts its weight on position 2; "c > d > e" must credit e only, not d (position 2 again).
        var result = new LastTouchAttribution().Attribute(Paths(("a > b", 1, 1, 0), ("c > d > e", 1, 1, 0)));

        result.Conversions.Should().Equal(0, 1, 0, 0, 1);
    }

    [Fact]
    public void LongPaths_GrowTheWeightBuffer()
    {
        // Paths of 17 and 40 touches (past the first buffer of 16 and past twice it): linear gives every touch 1/17 and 1/40.
        string Path(int n, string channel) => string.Join(" > ", Enumerable.Repeat(channel, n - 1).Prepend("first"));
        var result = new LinearAttribution().Attribute(Paths((Path(17, "x"), 17, 34, 0), (Path(40, "y"), 40, 80, 0)));

        result.ConversionsOf("first").Should().BeApproximately(2, 1e-12); // 17 x 1/17 + 40 x 1/40
        result.ConversionsOf("x").Should().BeApproximately(16, 1e-12);
        result.ConversionsOf("y").Should().BeApproximately(39, 1e-12);
        result.ValueOf("y").AsDouble().Should().BeApproximately(78, 1e-12);
    }

    [Fact]
    public void LastNonService_ServiceInTheMiddleOrOnly_AndCustomPrefix()
    {
        var paths = Paths(("ads > service:phone > mail", 1, 10, 0), ("service:chat > service:phone", 2, 20, 0), ("mail > ads > svc/x", 4, 40, 0));

        var result = new LastNonServiceTouchAttribution().Attribute(paths);
        // mail is the last non-service touch of the first path; the second has only service touches (its last one); the third
        // ends with svc/x, not a service channel by default.
        result.ConversionsOf("mail").Should().Be(1);
        result.ConversionsOf("service:phone").Should().Be(2);
        result.ConversionsOf("svc/x").Should().Be(4);

        var custom = new LastNonServiceTouchAttribution("svc/").Attribute(paths);
        custom.ConversionsOf("ads").Should().Be(4);
        custom.ConversionsOf("service:phone").Should().Be(2, "under the prefix svc/ a service: channel is an ordinary one");
        FluentActions.Invoking(() => new LastNonServiceTouchAttribution("")).Should().Throw<ArgumentException>()
            .WithParameterName("servicePrefix").WithMessage("The service prefix is empty.*");
        FluentActions.Invoking(() => new LastNonServiceTouchAttribution().Attribute(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new FirstTouchAttribution().Attribute(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void PositionBased_ThreeTouches_AndSharesAtTheirLimits()
    {
        // 0.3 first, 0.5 last, the middle touch 1 - 0.8 = 0.2; shares 1 and 0 give a two-touch path 1 : 0.
        var three = new PositionBasedAttribution(0.3, 0.5);
        three.FirstShare.Should().Be(0.3);
        three.LastShare.Should().Be(0.5);
        three.Attribute(Paths(("a > b > c", 10, 100, 0))).Conversions.Should().Equal([3, 2, 5], (x, y) => Math.Abs(x - y) < 1e-12);
        new PositionBasedAttribution(1, 0).Attribute(Paths(("a > b", 4, 0, 0))).Conversions.Should().Equal(4, 0);
        new PositionBasedAttribution(0.5, 0.5).Attribute(Paths(("a > b > c", 2, 0, 0))).Conversions.Should().Equal(1, 0, 1);

        // The sum may exceed 1 by the rounding tolerance 1e-12: 0.5 + 0.500000000001 is the double 1 + 1e-12 (Python: 0.5 + 0.500000000001 == 1 + 1e-12).
        FluentActions.Invoking(() => new PositionBasedAttribution(0.5, 0.500000000001)).Should().NotThrow();
        FluentActions.Invoking(() => new PositionBasedAttribution(0.6, 0.5)).Should().Throw<ArgumentException>()
            .WithParameterName("lastShare").WithMessage("The first and last shares sum to 1.1, more than 1.*");
        FluentActions.Invoking(() => new PositionBasedAttribution(0, 0)).Should().Throw<ArgumentException>()
            .WithParameterName("lastShare").WithMessage("The first and last shares are both 0.*");
        FluentActions.Invoking(() => new PositionBasedAttribution(0.4, 1.1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new PositionBasedAttribution(1.1, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

/// <summary>Attribution results, journeys and the journey options: their checks, messages and accessors.</summary>
public class AttributionResultMutationTests
{
    private static readonly ImmutableArray<string> TwoChannels = ["a", "b"];

    private static ImmutableArray<Money> Eur(params decimal[] amounts) => [.. amounts.Select(a => new Money(a, Currency.Eur))];

    [Fact]
    public void Result_Checks_AndAccessors()
    {
        var result = new AttributionResult("m", TwoChannels, [1.5, 2.5], Eur(10m, 20.25m), Currency.Eur);
        result.TotalConversions.Should().Be(4);
        result.TotalValue.Should().Be(new Money(30.25m, Currency.Eur));
        result.ConversionsOf("b").Should().Be(2.5);
        result.ValueOf("a").Should().Be(new Money(10m, Currency.Eur));
        result.ToString().Should().Be("m: b 2.5 conversions (20.25 EUR), a 1.5 conversions (10.00 EUR)");
        new AttributionResult("m", [], [], [], Currency.Usd).TotalValue.Should().Be(new Money(0m, Currency.Usd));

        FluentActions.Invoking(() => result.ConversionsOf("c")).Should().Throw<ArgumentException>()
            .WithParameterName("channel").WithMessage("The channel 'c' is not in this result.*");
        FluentActions.Invoking(() => new AttributionResult(null!, TwoChannels, [1, 2], Eur(1, 2), Currency.Eur)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new AttributionResult("m", default, [1, 2], Eur(1, 2), Currency.Eur)).Should().Throw<ArgumentException>()
            .WithMessage("The channels are a default array.*");
        FluentActions.Invoking(() => new AttributionResult("m", TwoChannels, [1], Eur(1, 2), Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("Conversions").WithMessage("Expected one credit per channel (2), found 1.*");
        FluentActions.Invoking(() => new AttributionResult("m", TwoChannels, default, Eur(1, 2), Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("Conversions").WithMessage("Expected one credit per channel (2), found 0.*");
        FluentActions.Invoking(() => new AttributionResult("m", TwoChannels, [1, 2], Eur(1), Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("Value");
        FluentActions.Invoking(() => new AttributionResult("m", TwoChannels, [1, 2], Eur(1, 2), Currency.Usd)).Should().Throw<ArgumentException>()
            .WithParameterName("Value").WithMessage("A value credit is in EUR, the result in USD.*");
    }

    [Fact]
    public void Journey_TouchesInOrder_EqualTimesAllowed()
    {
        var conversion = new Conversion(Alice, T0, new Money(1m, Currency.Eur));
        var same = new Journey(Alice, [new("a", T0), new("b", T0)], conversion);
        same.IsConverted.Should().BeTrue();
        same.Touches.Should().HaveCount(2);
        new Journey(Alice, [new("a", T0)], null).IsConverted.Should().BeFalse();
        FluentActions.Invoking(() => new Journey(Alice, [], null)).Should().Throw<ArgumentException>()
            .WithParameterName("Touches").WithMessage("A journey needs at least one touch.*");
        FluentActions.Invoking(() => new Journey(Alice, default, null)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new Journey(Alice, [new("a", T0), new("b", T0 + Duration.FromSeconds(2)), new("c", T0 + Duration.FromSeconds(1))], null))
            .Should().Throw<ArgumentException>().WithMessage("Touch 2 is earlier than touch 1.*");
    }

    [Fact]
    public void JourneyOptions_DefaultsAndChecks()
    {
        var options = new JourneyOptions();
        options.Lookback.Should().Be(Duration.FromDays(30));
        options.CollapseRepeats.Should().BeFalse();
        options.DirectChannel.Should().Be("(direct)");
        new JourneyOptions { Lookback = Duration.FromMilliseconds(1) }.Lookback.Should().Be(Duration.FromMilliseconds(1));
        new JourneyOptions { DirectChannel = "none" }.DirectChannel.Should().Be("none");
        FluentActions.Invoking(() => new JourneyOptions { Lookback = Duration.Zero }).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("Lookback").WithMessage("The lookback must be greater than 0.*");
        FluentActions.Invoking(() => new JourneyOptions { DirectChannel = " " }).Should().Throw<ArgumentException>()
            .WithParameterName("DirectChannel").WithMessage("The direct channel's name is blank.*");
    }
}

/// <summary>Path summaries: the builder's channels, merging and growth, and the summary's accessors.</summary>
public class AttributionPathSummaryMutationTests
{
    [Fact]
    public void Builder_FixedChannels_RejectBlankRepeatedAndUnknown()
    {
        var builder = new PathSummaryBuilder(["a", "b"], Currency.Eur);
        builder.Currency.Should().Be(Currency.Eur);
        builder.Add(["b", "a"], 1, 2, 3);
        builder.Add(["b", "a"], 1, 2, 3);
        builder.Count.Should().Be(1, "the same path merges");
        var summary = builder.Build();
        (summary.Conversions[0], summary.Values[0], summary.Nulls[0]).Should().Be((2.0, 4.0, 6.0));
        summary.Channels.Should().Equal("a", "b");
        summary.Currency.Should().Be(Currency.Eur);

        FluentActions.Invoking(() => builder.Add(["c"], 1, 1, 0)).Should().Throw<ArgumentException>()
            .WithParameterName("channel").WithMessage("The channel 'c' is not one of the 2 channels of this summary.*");
        FluentActions.Invoking(() => builder.Add([" "], 1, 1, 0)).Should().Throw<ArgumentException>().WithMessage("A channel name is blank.*");
        FluentActions.Invoking(() => new PathSummaryBuilder(["a", "a"])).Should().Throw<ArgumentException>()
            .WithParameterName("channels").WithMessage("The channel 'a' is repeated.*");
        FluentActions.Invoking(() => new PathSummaryBuilder(["a", ""])).Should().Throw<ArgumentException>()
            .WithParameterName("channels").WithMessage("A channel name is blank.*");
        FluentActions.Invoking(() => new PathSummaryBuilder((IEnumerable<string>)null!)).Should().Throw<ArgumentNullException>();
        new PathSummaryBuilder(["a"]).Currency.Should().Be(default(Currency));
        new PathSummaryBuilder().Currency.Should().Be(default(Currency));
    }

    [Fact]
    public void Builder_ManyTouches_GrowsItsArray_AndAddsSummaries()
    {
        // 300 one-channel paths of lengths 1..300 hold 45,150 touches, far past the first array of 256.
        var builder = new PathSummaryBuilder();
        for (int n = 1; n <= 300; n++)
        {
            builder.Add(Enumerable.Repeat(n % 2 == 0 ? "even" : "odd", n).ToArray(), 1, n, 0);
        }
        var summary = builder.Build();
        summary.Count.Should().Be(300);
        summary.Path(299).Length.Should().Be(300);
        summary.Path(0).ToArray().Should().Equal(0);
        summary.TotalValue.AsDouble().Should().Be(45_150);

        // Adding the summary to a builder that knows the channels in the other order maps them by name.
        var other = new PathSummaryBuilder(["even", "odd"]);
        other.Add(summary);
        other.Add(summary);
        var twice = other.Build();
        twice.Count.Should().Be(300);
        twice.TotalConversions.Should().Be(600);
        twice.PathText(0).Should().Be("odd");
        twice.Path(1).ToArray().Should().Equal(0, 0);
        FluentActions.Invoking(() => other.Add((PathSummary)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new PathSummaryBuilder(Currency.Eur).Add(summary)).Should().Throw<ArgumentException>()
            .WithParameterName("summary").WithMessage("The summary is in XXX, this builder in EUR.*");
    }

    [Fact]
    public void Summary_PathIndexOutOfRange_Throws()
    {
        var summary = Paths(("a > b", 1, 1, 0));
        summary.PathText(0).Should().Be("a > b");
        summary.IndexOf("b").Should().Be(1);
        summary.IndexOf("z").Should().Be(-1);
        FluentActions.Invoking(() => summary.Path(1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => summary.Path(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

/// <summary>Shapley values, assists and time decay at their edges.</summary>
public class AttributionShapleyAssistTimeDecayMutationTests
{
    [Fact]
    public void Shapley_OnePlayerAndTheLengthLimits()
    {
        // One player: phi = v({0}) - v({}) = 5 - 2 = 3.
        ShapleyAttribution.FromCoalitionValues([2, 5]).Should().Equal(3);
        // Two players, v({}) 0, v({0}) 1, v({1}) 2, v({0, 1}) 6: phi_0 = (1 - 0) / 2 + (6 - 2) / 2 = 2.5, phi_1 = (2 - 0) / 2 + (6 - 1) / 2 = 3.5.
        ShapleyAttribution.FromCoalitionValues([0, 1, 2, 6]).Should().Equal(2.5, 3.5);
        FluentActions.Invoking(() => ShapleyAttribution.FromCoalitionValues(new double[1 << 21])).Should().Throw<ArgumentException>()
            .WithParameterName("coalitionValues").WithMessage("Expected 2^n coalition values with 1 <= n <= 20, found 2097152.*");
        FluentActions.Invoking(() => ShapleyAttribution.FromCoalitionValues(new double[3])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Shapley_FormsNamesAndLimits()
    {
        new ShapleyAttribution().Form.Should().Be(ShapleyForm.Exact);
        var paths = Paths(("a > b > a", 2, 10, 0), ("b", 1, 4, 3));
        // {a, b}: 2 conversions split 1 / 1; {b}: 1 to b. Values: 10 split 5 / 5, 4 to b.
        var exact = new ShapleyAttribution().Attribute(paths);
        exact.Model.Should().Be("shapley (exact, subset coalition value)");
        exact.Conversions.Should().Equal([1, 2], (x, y) => Math.Abs(x - y) < 1e-12);
        exact.Value.Select(v => v.AsDouble()).Should().Equal([5, 9], (x, y) => Math.Abs(x - y) < 1e-12);
        var perConversion = new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(paths);
        perConversion.Model.Should().Be("shapley (per conversion)");
        perConversion.Conversions.Should().Equal([1, 2], (x, y) => Math.Abs(x - y) < 1e-12);
        perConversion.Value.Select(v => v.AsDouble()).Should().Equal([5, 9], (x, y) => Math.Abs(x - y) < 1e-12);

        // Twenty channels is the exact form's limit; twenty-one is refused, by name.
        var twenty = Paths((string.Join(" > ", Enumerable.Range(0, 20).Select(Name)), 20, 40, 0));
        new ShapleyAttribution().Attribute(twenty).Conversions.Should().OnlyContain(c => Math.Abs(c - 1) < 1e-9);
        var many = Paths((string.Join(" > ", Enumerable.Range(0, 21).Select(Name)), 21, 21, 0));
        FluentActions.Invoking(() => new ShapleyAttribution().Attribute(many)).Should().Throw<ArgumentException>().WithParameterName("paths")
            .WithMessage("Exact Shapley values enumerate 2^n coalitions; 21 channels exceed the limit of 20 (2^20 = 1,048,576). Use ShapleyForm.PerConversion.*");
        new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(many).Conversions.Should().OnlyContain(c => Math.Abs(c - 1) < 1e-12);
        FluentActions.Invoking(() => new ShapleyAttribution((ShapleyForm)2)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("form").WithMessage("Not a defined Shapley form.*");
        FluentActions.Invoking(() => new ShapleyAttribution().Attribute(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Assists_RuleTextsRatiosAndUnknownChannel()
    {
        // "a > a > b": 3 conversions worth 30; "b": 1 worth 5. Once per conversion a assists 3; per occurrence 6.
        var paths = Paths(("a > a > b", 3, 30, 0), ("b", 1, 5, 0));
        var once = AssistMetrics.Compute(paths);
        once.Rule.Should().Be("a conversion counts once as assisted for every channel in its path other than as the last touch (Google Analytics)");
        once.Of("a").AssistedConversions.Should().Be(3);
        once.Of("a").AssistedValue.AsDouble().Should().Be(30);
        once.Of("a").AssistRatio.Should().BeNull("a is never the last touch");
        once.Of("b").AssistRatio.Should().Be(0);
        once.Of("b").LastTouchConversions.Should().Be(4);
        once.Of("b").LastTouchValue.AsDouble().Should().Be(35);
        once.PathLengthConversions.Should().Equal(0, 1, 0, 3);
        var perOccurrence = AssistMetrics.Compute(paths, AssistCounting.PerOccurrence);
        perOccurrence.Counting.Should().Be(AssistCounting.PerOccurrence);
        perOccurrence.Rule.Should().Be("a conversion counts as assisted once for every touch before the last (per occurrence; a repeated channel counts repeatedly)");
        perOccurrence.Of("a").AssistedConversions.Should().Be(6);
        perOccurrence.Of("a").AssistedValue.AsDouble().Should().Be(60);

        // "a > b" x2 and "a" x4: a assists 2 and closes 4 -> ratio 2 / 4 = 0.5.
        AssistMetrics.Compute(Paths(("a > b", 2, 0, 0), ("a", 4, 0, 0))).Of("a").AssistRatio.Should().Be(0.5);

        FluentActions.Invoking(() => once.Of("z")).Should().Throw<ArgumentException>().WithParameterName("channel")
            .WithMessage("The channel 'z' is not in this report.*");
        FluentActions.Invoking(() => AssistMetrics.Compute(paths, (AssistCounting)2)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("counting").WithMessage("Not a defined assist counting.*");
        FluentActions.Invoking(() => AssistMetrics.Compute(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => AssistMetrics.AssistedByGroup(null!, _ => true)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => AssistMetrics.AssistedByGroup(paths, null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TimeDecay_WeightsChecks_AndEqualTimes()
    {
        // Two touches at the same time split evenly; one touch takes everything.
        TimeDecayAttribution.Weights([Duration.FromHours(5), Duration.FromHours(5)], Duration.FromHours(1)).Should().Equal(0.5, 0.5);
        TimeDecayAttribution.Weights([Duration.Zero], Duration.FromHours(1)).Should().Equal(1);
        // One half-life apart: 2^-1 : 1 -> 1/3, 2/3.
        TimeDecayAttribution.Weights([Duration.FromHours(3), Duration.FromHours(1)], Duration.FromHours(2)).Should()
            .Equal([1.0 / 3, 2.0 / 3], (x, y) => Math.Abs(x - y) < 1e-15);
        FluentActions.Invoking(() => TimeDecayAttribution.Weights([], Duration.FromHours(1))).Should().Throw<ArgumentException>()
            .WithParameterName("timeBeforeConversion").WithMessage("No touch.*");
        FluentActions.Invoking(() => TimeDecayAttribution.Weights([Duration.FromSeconds(-1)], Duration.FromHours(1))).Should().Throw<ArgumentException>()
            .WithParameterName("timeBeforeConversion").WithMessage("A touch is * after the conversion.*");
        FluentActions.Invoking(() => TimeDecayAttribution.Weights([Duration.Zero], Duration.Zero)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("halfLife").WithMessage("The half-life must be greater than 0.*");
        FluentActions.Invoking(() => new TimeDecayAttribution(Duration.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The half-life must be greater than 0.*");
        new TimeDecayAttribution(Duration.FromMilliseconds(1)).HalfLife.Should().Be(Duration.FromMilliseconds(1));
    }
}

/// <summary>The path table reader's header, quoting, column and number checks, channel table and line ends.</summary>
public class AttributionPathSummaryReaderMutationTests
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null";

    private static PathSummary Read(string text, IEnumerable<string>? channels = null) => PathSummaryReader.Read(new StringReader(text), channels);

    [Fact]
    public void Header_QuotedSpacedAnyCase_IsAccepted_OtherwiseNamed()
    {
        Read("\"Path\", TOTAL_conversions ,total_conversion_value,\"total_null\"\nc01,1,2,3\n").TotalNulls.Should().Be(3);
        FluentActions.Invoking(() => Read(Header + ",extra\nc01,1,2,3\n")).Should().Throw<FormatException>()
            .WithMessage($"line 1: expected the header '{Header}', found '{Header},extra'.");
        FluentActions.Invoking(() => Read("")).Should().Throw<FormatException>().WithMessage($"line 1: expected the header '{Header}', found ''.");
        FluentActions.Invoking(() => Read("path,total_conversions,total_value,total_null\n")).Should().Throw<FormatException>().WithMessage("line 1:*");
        FluentActions.Invoking(() => PathSummaryReader.Read(null!)).Should().Throw<ArgumentNullException>();
        PathSummaryReader.Read(new StringReader(Header + "\nc01,1,2,3\n"), currency: Currency.Eur).Currency.Should().Be(Currency.Eur);
    }

    [Theory]
    [InlineData("\"c01 > c02,1,1,0", "line 2: unterminated quoted path.")]
    [InlineData("\"c01\"", "line 2: unterminated quoted path.")]
    [InlineData("\"c01\"x,1,1,0", "line 2: unterminated quoted path.")]
    [InlineData("c01", "line 2: expected 4 columns, found 1.")]
    [InlineData("c01,1,1,0,9", "line 2: expected 4 columns, found 5.")]
    [InlineData("\"c01\",1,1", "line 2: expected 4 columns, found 3.")]
    [InlineData("c01,NaN,1,0", "line 2: total_conversions 'NaN' is not a finite number at least 0.")]
    [InlineData("c01,1,1e400,0", "line 2: total_conversion_value '1e400' is not a finite number at least 0.")]
    [InlineData("c01,1,1,-0.5", "line 2: total_null '-0.5' is not a finite number at least 0.")]
    [InlineData("c01,1,,0", "line 2: total_conversion_value '' is not a finite number at least 0.")]
    [InlineData("c01,1,.,0", "line 2: total_conversion_value '.' is not a finite number at least 0.")]
    [InlineData("c01 > ,1,1,0", "line 2: the path 'c01 > ' has an empty channel; channels are joined by ' > '.")]
    public void BadRow_TheMessageNamesLineAndProblem(string row, string message)
    {
        FluentActions.Invoking(() => Read(Header + "\n" + row + "\n")).Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void QuotedPath_AndNumbersOfEveryForm()
    {
        var paths = Read(Header + "\n\"c01 > c02\",3,1e3,0\nc02,12345678901234567,0.5,2\n");
        paths.PathText(0).Should().Be("c01 > c02");
        paths.Values[0].Should().Be(1000);
        paths.Conversions[1].Should().Be(12345678901234567d);
        paths.Values[1].Should().Be(0.5);
    }

    [Fact]
    public void ManyChannels_GrowTheNameTable()
    {
        // 40 channels (the name table starts with 64 slots and grows past half full); the second row finds all 40 again.
        string path = string.Join(" > ", Enumerable.Range(0, 40).Select(i => $"ch{i:00}"));
        var paths = Read($"{Header}\n{path},1,1,0\n{path},2,3,0\nch39 > ch00,1,1,1\n");
        paths.Channels.Should().HaveCount(40);
        paths.Count.Should().Be(2);
        paths.Conversions[0].Should().Be(3);
        paths.Path(1).ToArray().Should().Equal(39, 0);
        FluentActions.Invoking(() => Read($"{Header}\nch00 > zz,1,1,0\n", ["ch00"])).Should().Throw<FormatException>()
            .WithMessage("line 2: The channel 'zz' is not one of the 1 channels of this summary.*");
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void OneCharacterAtATime_SameRowsAndLineNumbers(string ending)
    {
        // A reader that hands out one character per call puts every line end at the end of what has been read: a "\r" must
        // wait for the next character before the line is cut, or "\r\n" would count as two lines.
        string text = string.Join(ending, Header, "c01,2,20.5,3", "", "c01 > c03,1,10,0", "c02,1,1,0") + ending;
        var paths = PathSummaryReader.Read(new OneAtATime(text));
        paths.Count.Should().Be(3);
        paths.TotalConversions.Should().Be(4);
        paths.TotalValue.AsDouble().Should().Be(31.5);
        FluentActions.Invoking(() => PathSummaryReader.Read(new OneAtATime(text + "c01,x,1,0"))).Should().Throw<FormatException>().WithMessage("line 6:*");
        PathSummaryReader.Read(new OneAtATime(Header + ending + "c01,1,1,0")).Count.Should().Be(1, "a last row without a line end is read");
    }
}

/// <summary>The journey builder's overloads, windows and summaries.</summary>
public class AttributionJourneyBuilderMutationTests
{
    private static Touchpoint Touch(double days, string channel, string customer = "alice") => new(new CustomerId(customer), T0 + Duration.FromDays(days), channel);

    private static Conversion Convert(double days, decimal value = 10m, string customer = "alice", Currency? currency = null) =>
        new(new CustomerId(customer), T0 + Duration.FromDays(days), new Money(value, currency ?? Currency.Eur));

    private static string[] Texts(IEnumerable<Journey> journeys) =>
        journeys.Select(j => $"{j.CustomerId.Value}: " + string.Join(" > ", j.Touches.Select(t => t.Channel)) + (j.IsConverted ? " => conv" : " => null")).ToArray();

    [Fact]
    public void NonConvertingRest_KeepsTheLookbackBeforeItsLastTouch()
    {
        // Touches at 0, 15 and 45 days, no conversion, lookback 30 days: [15, 45] holds 15 (the boundary) and 45.
        var journeys = JourneyBuilder.Build([Touch(0, "a"), Touch(15, "b"), Touch(45, "c")], [], options: new JourneyOptions());
        Texts(journeys).Should().Equal("alice: b > c => null");
        // After a conversion at 50 days nothing is left over.
        Texts(JourneyBuilder.Build([Touch(0, "a"), Touch(45, "c")], [Convert(50)])).Should().Equal("alice: c => conv");
    }

    [Fact]
    public void Customers_InOrdinalOrder_ConversionsWithoutTouchesToo()
    {
        // "B" sorts before "a" (ordinal); "c" has only a conversion: a direct journey.
        var journeys = JourneyBuilder.Build([Touch(0, "x", "a"), Touch(0, "y", "B")], [Convert(1, customer: "c"), Convert(1, customer: "a")]);
        Texts(journeys).Should().Equal("B: y => null", "a: x => conv", "c: (direct) => conv");
        var direct = JourneyBuilder.Build([], [Convert(1)], options: new JourneyOptions { DirectChannel = "none" });
        Texts(direct).Should().Equal("alice: none => conv");
    }

    [Fact]
    public void Tables_ServiceContactsOfIdentifiedCustomersOnly()
    {
        // A chat of alice ending 10 minutes after T0 and a call with no customer: only the chat becomes a touch, at its end.
        var chat = new Interaction(new InteractionId("i1"), new CustomerId("alice"), Channel.Chat, T0, T0 + Duration.FromMinutes(10));
        var anonymous = new Interaction(new InteractionId("i2"), null, Channel.Phone, T0, T0 + Duration.FromMinutes(5));
        var interactions = ContactMetrics.Tables.InteractionTable.Create([chat, anonymous]);
        var touches = ContactMetrics.Tables.TouchpointTable.Create([Touch(-1, "ads")]);

        var fromTables = JourneyBuilder.Build(touches, [Convert(1)], interactions);
        var fromRecords = JourneyBuilder.Build([Touch(-1, "ads")], [Convert(1)], interactions);
        var fromAllRecords = JourneyBuilder.Build([Touch(-1, "ads")], [Convert(1)], [chat, anonymous]);

        foreach (var journeys in new[] { fromTables, fromRecords, fromAllRecords })
        {
            Texts(journeys).Should().Equal("alice: ads > service:chat => conv");
            journeys[0].Touches[1].OccurredAt.Should().Be(T0 + Duration.FromMinutes(10));
        }
        FluentActions.Invoking(() => JourneyBuilder.Build(touches, [], (ContactMetrics.Tables.InteractionTable)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => JourneyBuilder.Build((ContactMetrics.Tables.TouchpointTable)null!, [], interactions)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => JourneyBuilder.Build([], [], (ContactMetrics.Tables.InteractionTable)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => JourneyBuilder.Build(null!, [])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => JourneyBuilder.Build([], null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Summarize_CurrencyOfTheConversions_XxxWithout()
    {
        var journeys = JourneyBuilder.Build([Touch(0, "a"), Touch(5, "b", "bob")], [Convert(1, 2.5m, currency: Currency.Usd)]);
        var summary = JourneyBuilder.Summarize(journeys);
        summary.Currency.Should().Be(Currency.Usd);
        summary.Values.ToArray().Should().Equal(2.5, 0);
        summary.Nulls.ToArray().Should().Equal(0, 1);
        JourneyBuilder.Summarize(journeys.Where(j => !j.IsConverted)).Currency.Should().Be(default(Currency));
        var mixed = new[] { new Journey(Alice, [new JourneyTouch("a", T0)], Convert(1)), new Journey(Alice, [new JourneyTouch("a", T0)], Convert(2, currency: Currency.Usd)) };
        FluentActions.Invoking(() => JourneyBuilder.Summarize(mixed)).Should().Throw<ArgumentException>()
            .WithMessage("The conversion of alice is in USD, others in EUR.*");
        FluentActions.Invoking(() => new TimeDecayAttribution(Duration.FromDays(7)).Attribute(mixed)).Should().Throw<ArgumentException>()
            .WithMessage("The conversion of alice is in USD, others in EUR.*");
        FluentActions.Invoking(() => JourneyBuilder.Summarize(null!)).Should().Throw<ArgumentNullException>();
    }
}
