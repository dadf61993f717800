using ContactMetrics.Attribution;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class RuleBasedAttributionTests
{
    // One path a > b > c > b with 10 conversions worth 100, and a null path that must not count.
    private static readonly PathSummary Sample = Paths(("a > b > c > b", 10, 100, 0), ("c", 0, 0, 7));

    [Fact]
    public void FirstTouch_CreditsTheFirstChannel()
    {
        var result = new FirstTouchAttribution().Attribute(Sample);

        result.ConversionsOf("a").Should().Be(10);
        result.ValueOf("a").AsDouble().Should().Be(100);
        result.ConversionsOf("b").Should().Be(0);
    }

    [Fact]
    public void LastTouch_CreditsTheLastChannel()
    {
        var result = new LastTouchAttribution().Attribute(Sample);

        result.ConversionsOf("b").Should().Be(10);
        result.ConversionsOf("c").Should().Be(0);
    }

    [Fact]
    public void Linear_CreditsEveryOccurrence()
    {
        var result = new LinearAttribution().Attribute(Sample);

        result.ConversionsOf("a").Should().BeApproximately(2.5, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(5, 1e-12);
        result.ValueOf("c").AsDouble().Should().BeApproximately(25, 1e-12);
    }

    [Fact]
    public void PositionBased_Default_Gives40To20To40()
    {
        // Google Analytics position-based: 40% first, 40% last, 20% over the middle touches.
        var result = new PositionBasedAttribution().Attribute(Sample);

        result.ConversionsOf("a").Should().BeApproximately(4, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(4 + 1, 1e-12);
        result.ConversionsOf("c").Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void PositionBased_ShortPaths_SplitFirstToLast()
    {
        var result = new PositionBasedAttribution(0.3, 0.1).Attribute(Paths(("a > b", 4, 0, 0), ("c", 2, 0, 0)));

        result.ConversionsOf("a").Should().BeApproximately(3, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(1, 1e-12);
        result.ConversionsOf("c").Should().BeApproximately(2, 1e-12);
        result.Model.Should().Be("position-based (first 0.3, last 0.1)");
    }

    [Theory]
    [InlineData(0.6, 0.6)]
    [InlineData(0, 0)]
    [InlineData(-0.1, 0.4)]
    [InlineData(double.NaN, 0.4)]
    public void PositionBased_BadShares_Throw(double first, double last)
    {
        var act = () => new PositionBasedAttribution(first, last);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void LastNonService_SkipsTrailingServiceTouches()
    {
        var paths = Paths(("ads > service:phone", 3, 30, 0), ("service:chat > service:phone", 1, 5, 0));

        var result = new LastNonServiceTouchAttribution().Attribute(paths);

        result.ConversionsOf("ads").Should().Be(3);
        result.ConversionsOf("service:phone").Should().Be(1);
        result.TotalValue.AsDouble().Should().BeApproximately(35, 1e-12);
    }
}
