using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class AssistMetricsTests
{
    // a > b > a > c: 2 conversions worth 20; b > a: 1 conversion worth 5; a: 4 nulls.
    private static readonly PathSummary Sample = Paths(("a > b > a > c", 2, 20, 0), ("b > a", 1, 5, 0), ("a", 0, 0, 4));

    [Fact]
    public void Compute_Default_CountsOncePerConversion()
    {
        // REFERENCES.md "Attribution" (Google Analytics): once per conversion for every channel other than as the last touch.
        var report = AssistMetrics.Compute(Sample);

        report.Counting.Should().Be(AssistCounting.OncePerConversion);
        report.Rule.Should().Contain("once");
        report.Of("a").AssistedConversions.Should().Be(2);
        report.Of("a").AssistedValue.AsDouble().Should().Be(20);
        report.Of("a").LastTouchConversions.Should().Be(1);
        report.Of("b").AssistedConversions.Should().Be(3);
        report.Of("c").LastTouchValue.AsDouble().Should().Be(20);
        report.Of("c").AssistRatio.Should().Be(0);
        report.Of("b").AssistRatio.Should().BeNull();
        report.Of("a").AssistRatio.Should().Be(2);
    }

    [Fact]
    public void AssistedByGroup_TwoGroupChannelsInOnePath_CountsTheConversionOnce()
    {
        // Group {a, b}, by hand on Sample: "a > b > a > c" has a and b before the last touch -> 2 conversions, 20, once;
        // "b > a" has b before the last touch -> 1 conversion, 5; "a" converts nothing. Total 3 conversions, 25.
        // Summing Compute's per-channel assists would give a 2 + b 3 = 5 conversions instead.
        var (conversions, value) = AssistMetrics.AssistedByGroup(Sample, c => c is "a" or "b");

        conversions.Should().Be(3);
        value.AsDouble().Should().Be(25);
    }

    [Fact]
    public void AssistedByGroup_ChannelOnlyAsLastTouch_IsNotAnAssist()
    {
        // Group {c}: c is only ever the last touch ("a > b > a > c"), so it assists nothing.
        var (conversions, value) = AssistMetrics.AssistedByGroup(Sample, c => c == "c");

        conversions.Should().Be(0);
        value.AsDouble().Should().Be(0);
    }

    [Fact]
    public void Compute_PerOccurrence_CountsEveryTouchBeforeTheLast()
    {
        var report = AssistMetrics.Compute(Sample, AssistCounting.PerOccurrence);

        report.Of("a").AssistedConversions.Should().Be(4);
        report.Of("a").AssistedValue.AsDouble().Should().Be(40);
        report.Rule.Should().Contain("per occurrence");
    }

    [Fact]
    public void Compute_LastTouchColumn_EqualsTheLastTouchModel()
    {
        var paths = RandomPaths(9, 6, 200);

        var report = AssistMetrics.Compute(paths);
        var lastTouch = new LastTouchAttribution().Attribute(paths);

        report.Channels.Select(c => c.LastTouchConversions).Should().Equal(lastTouch.Conversions);
    }

    [Fact]
    public void Compute_PathLengths_SumToTheConversions()
    {
        var report = AssistMetrics.Compute(Sample);

        report.PathLengthConversions.Should().Equal(0, 0, 1, 0, 2);
    }

    [Fact]
    public void TimeLagDistribution_CountsWholeDaysFromTheFirstTouch()
    {
        Conversion Convert(double days) => new(Alice, T0 + Duration.FromDays(days), new Money(1m, Currency.Eur));
        var journeys = new[]
        {
            new Journey(Alice, [new("a", T0), new("b", T0 + Duration.FromDays(2))], Convert(2.5)),
            new Journey(Alice, [new("a", T0)], Convert(0.2)),
            new Journey(Alice, [new("a", T0)], null),
        };

        AssistMetrics.TimeLagDistribution(journeys).Should().Equal(1, 0, 1);
    }
}
