using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The separator guard's whole message (issue #14 item 9, docs/testing.md "Attribution"): the earlier tests matched it
/// with wildcards, so its counts, its choice between '&gt;' and '|' and the first suspect path were not pinned. Every
/// expected text is the documented rule (PathSeparatorGuard's remarks) applied by hand to the file.
/// </summary>
public class AttributionSeparatorGuardSurvivorMutationTests
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null\n";

    private static string Fix(string likely) =>
        $"so each would be read as one channel: the paths look written with '{likely}' between channels (ChannelAttribution's default is '>'); "
        + $"give that separator ('{likely}'), or ' > ' explicitly if each is one channel whose name holds '{likely}'.";

    [Theory]
    // Two paths hold '>', one '|': '>' is the likelier; the first suspect (line 2) is named, not a later one.
    [InlineData("c1>c2\nc3|c4\nc5>c6\n", "line 2, column path: 'c1>c2' has no ' > ' between channels, nor has any path of the file, but 2 paths hold '>' and 1 path holds '|' (this is the first), ", ">")]
    // Two hold '|', one '>': '|'.
    [InlineData("c1|c2\nc3>c4\nc5|c6\n", "line 2, column path: 'c1|c2' has no ' > ' between channels, nor has any path of the file, but 2 paths hold '|' and 1 path holds '>' (this is the first), ", "|")]
    // One each: a tie goes to '>' (ChannelAttribution's default).
    [InlineData("c0\nc1|c2\nc3>c4\n", "line 3, column path: 'c1|c2' has no ' > ' between channels, nor has any path of the file, but 1 path holds '>' and 1 path holds '|' (this is the first), ", ">")]
    // Only '>' (no "and ..."); a path holding both counts for both.
    [InlineData("a>b|c\nd>e\n", "line 2, column path: 'a>b|c' has no ' > ' between channels, nor has any path of the file, but 2 paths hold '>' and 1 path holds '|' (this is the first), ", ">")]
    [InlineData("c0\nc1>c2\n", "line 3, column path: 'c1>c2' has no ' > ' between channels, nor has any path of the file, but 1 path holds '>' (this is the first), ", ">")]
    public void PathsWrittenWithAnotherSeparator_TheWholeMessage(string paths, string start, string likely)
    {
        string text = Header + string.Concat(paths.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => p + ",1,1,0\n"));

        var act = () => PathSummaryReader.Read(new StringReader(text));

        act.Should().Throw<FormatException>().Which.Message.Should().Be(start + Fix(likely));
    }

    [Fact]
    public void Guard_KeepsTheFirstSuspectAndItsLine()
    {
        var guard = PathSeparatorGuard.For(null).Add("c1>c2", 1, 7).Add("c3>c4", 1, 9);

        (guard.SuspectLine, guard.SuspectPath).Should().Be((7L, "c1>c2"));
        PathSeparatorGuard.For(null).Add("c1", 1, 3).SuspectPath.Should().BeNull("a path without '>' or '|' is not suspect");
        PathSeparatorGuard.For(null).Add("c1 > c2", 2, 3).Add("c3>c4", 1, 4).Problem.Should().BeNull("a path of two channels shows the separator");
    }
}

/// <summary>SplitPath's argument checks (documented: a null path, a null or empty separator).</summary>
public class AttributionSplitPathSurvivorMutationTests
{
    [Fact]
    public void NullPathOrEmptySeparator_AreArgumentErrors()
    {
        FluentActions.Invoking(() => PathSummaryReader.SplitPath(null!)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => PathSummaryReader.SplitPath("a > b", "")).Should().Throw<ArgumentException>().WithParameterName("separator");
        FluentActions.Invoking(() => PathSummaryReader.SplitPath("a > b", null!)).Should().Throw<ArgumentException>().WithParameterName("separator");
    }
}

/// <summary>Time lag and time decay at their edges: a lag of zero, a journey that starts after its conversion, the model's name, no conversion at all.</summary>
public class AttributionTimeSurvivorMutationTests
{
    private static Conversion Convert(double hours) => new(Alice, T0 + Duration.FromHours(hours), new Money(10m, Currency.Eur));

    [Fact]
    public void TimeLag_FirstTouchAtTheConversion_IsDayZero_AfterItIsRefused()
    {
        // A touch at the conversion's instant: lag 0, day 0. A first touch one hour after the conversion: refused, naming the customer.
        AssistMetrics.TimeLagDistribution([new Journey(Alice, [new("a", T0)], Convert(0))]).Should().Equal(1);
        var late = new Journey(Alice, [new("a", T0 + Duration.FromHours(1))], Convert(0));

        var act = () => AssistMetrics.TimeLagDistribution([late]);

        act.Should().Throw<ArgumentException>().WithParameterName("journeys").WithMessage("A journey of alice starts after its conversion.*");
        FluentActions.Invoking(() => AssistMetrics.TimeLagDistribution(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TimeDecay_ModelNamesTheHalfLifeInHours()
    {
        var journeys = new[] { new Journey(Alice, [new("a", T0)], Convert(1)) };

        new TimeDecayAttribution(Duration.FromHours(36)).Attribute(journeys).Model.Should().Be("time decay (half-life 36 h)");
        new TimeDecayAttribution(Duration.FromMinutes(90)).Attribute(journeys).Model.Should().Be("time decay (half-life 1.5 h)");
    }

    [Fact]
    public void TimeDecay_NoConversion_ChannelsListedWithNothing_InNoCurrency()
    {
        // Two non-converting journeys: their channels in order of first appearance (b, a), no credit, currency XXX.
        var result = new TimeDecayAttribution(Duration.FromDays(7)).Attribute(
            [new Journey(Alice, [new("b", T0), new("a", T0)], null), new Journey(Alice, [new("a", T0), new("b", T0)], null)]);

        result.Channels.Should().Equal("b", "a");
        result.Conversions.Should().Equal(0, 0);
        result.Currency.Should().Be(default(Currency));
        FluentActions.Invoking(() => new TimeDecayAttribution(Duration.FromDays(7)).Attribute(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TimeDecay_TouchAfterTheConversion_IsRefused()
    {
        var journey = new Journey(Alice, [new("a", T0), new("b", T0 + Duration.FromHours(2))], Convert(1));

        var act = () => new TimeDecayAttribution(Duration.FromDays(7)).Attribute([journey]);

        act.Should().Throw<ArgumentException>().WithMessage("A touch is * after the conversion.*");
    }
}

/// <summary>Tests for Attribution3's real-gap survivors (docs/testing.md "Attribution"): parameter names, repeats kept, and the reader's edge rows.</summary>
public class AttributionReportSurvivorMutationTests
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null\n";

    [Fact]
    public void NullArguments_NameTheirParameter()
    {
        FluentActions.Invoking(() => AssistMetrics.AssistedByGroup(Paths(("a", 1, 1, 0)), null!)).Should().Throw<ArgumentNullException>().WithParameterName("inGroup");
        FluentActions.Invoking(() => JourneyBuilder.Build(null!, [])).Should().Throw<ArgumentNullException>().WithParameterName("touchpoints");
    }

    [Fact]
    public void RepeatsNotCollapsed_AreKept()
    {
        // a, a, b before a conversion: collapsed "a > b", not collapsed "a > a > b".
        Touchpoint Touch(double days, string channel) => new(Alice, T0 + Duration.FromDays(days), channel);
        var conversion = new Conversion(Alice, T0 + Duration.FromDays(3), new Money(10m, Currency.Eur));

        var kept = JourneyBuilder.Build([Touch(0, "a"), Touch(1, "a"), Touch(2, "b")], [conversion], options: new JourneyOptions { CollapseRepeats = false });
        var collapsed = JourneyBuilder.Build([Touch(0, "a"), Touch(1, "a"), Touch(2, "b")], [conversion], options: new JourneyOptions { CollapseRepeats = true });

        kept.Single().Touches.Select(t => t.Channel).Should().Equal("a", "a", "b");
        collapsed.Single().Touches.Select(t => t.Channel).Should().Equal("a", "b");
    }

    [Theory]
    [InlineData("\"\",1,1,0", "line 2: the path '' has an empty channel; channels are joined by ' > '.")]
    [InlineData(",1,1,0", "line 2: the path '' has an empty channel; channels are joined by ' > '.")]
    [InlineData("c01,1..5,1,0", "line 2: total_conversions '1..5' is not a finite number at least 0.")]
    public void EmptyPathOrTwoDecimalPoints_TheMessageNamesIt(string row, string message)
    {
        FluentActions.Invoking(() => PathSummaryReader.Read(new StringReader(Header + row + "\n"))).Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void TwentyDigitCount_AndALastRowWithoutLineEnd_ReadAsWritten()
    {
        // 2^64 = 18446744073709551616 (more digits than the fast path takes: double.Parse's 1.8446744073709552E+19);
        // the last row has no line end and starts after the header in the same read.
        var paths = PathSummaryReader.Read(new StringReader(Header + "c01,18446744073709551616,1,0\nc02,1,2.5,0"));

        paths.Conversions.ToArray().Should().Equal(18446744073709551616d, 1);
        paths.Values.ToArray().Should().Equal(1, 2.5);

        // A last row of 30,006 characters ended by "\r": the reader's last call starts at its end (30,007) with no data
        // left, which must end the text (a span of the data's length from there would run past the 65,536-character buffer).
        string longPath = string.Join(" > ", Enumerable.Repeat("c01", 5_000));
        var last = PathSummaryReader.Read(new StringReader(Header + longPath + ",1,1,0\r"));
        last.Path(0).Length.Should().Be(5_000);
    }
}
