using ContactMetrics.Attribution;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class ShapleyAttributionTests
{
    [Fact]
    public void FromCoalitionValues_ReferenceExample()
    {
        // REFERENCES.md "Attribution": O = 7, F = 6, D = 4, OF = 15, OD = 7, FD = 9, OFD = 19
        // -> O 7.667, F 8.167, D 3.167 (sum 19). Bit 0 = O, bit 1 = F, bit 2 = D.
        double[] v = [0, 7, 6, 15, 4, 7, 9, 19];

        var phi = ShapleyAttribution.FromCoalitionValues(v);

        phi[0].Should().BeApproximately(7.667, 5e-4);
        phi[1].Should().BeApproximately(8.167, 5e-4);
        phi[2].Should().BeApproximately(3.167, 5e-4);
        phi.Sum().Should().BeApproximately(19, 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void FromCoalitionValues_NotAPowerOfTwo_Throws(int length)
    {
        var act = () => ShapleyAttribution.FromCoalitionValues(new double[length]);

        act.Should().Throw<ArgumentException>().WithParameterName("coalitionValues");
    }

    [Fact]
    public void Attribute_SubsetGame_CreditsBySet()
    {
        // v(S) = conversions of journeys whose channel set is within S: "a" 3, "a > b > a" 2 (set {a, b}).
        // Shapley: a gets 3 + 2/2 = 4, b gets 1.
        var result = new ShapleyAttribution().Attribute(Paths(("a", 3, 30, 1), ("a > b > a", 2, 10, 5)));

        result.ConversionsOf("a").Should().BeApproximately(4, 1e-12);
        result.ConversionsOf("b").Should().BeApproximately(1, 1e-12);
        result.ValueOf("b").AsDouble().Should().BeApproximately(5, 1e-12);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 8)]
    [InlineData(3, 12)]
    public void Attribute_ExactAndPerConversion_Agree(int seed, int channels)
    {
        var paths = RandomPaths(seed, channels, 300);

        var exact = new ShapleyAttribution(ShapleyForm.Exact).Attribute(paths);
        var simple = new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(paths);

        for (int c = 0; c < channels; c++)
        {
            exact.Conversions[c].Should().BeApproximately(simple.Conversions[c], 1e-9 * paths.TotalConversions);
            exact.Value[c].AsDouble().Should().BeApproximately(simple.Value[c].AsDouble(), 1e-9 * paths.TotalValue.AsDouble());
        }
    }

    [Fact]
    public void Attribute_SymmetricChannels_GetEqualCredit()
    {
        // a and b play the same role in every path (swapping them maps the summary to itself).
        var result = new ShapleyAttribution().Attribute(Paths(("a > c", 3, 3, 0), ("b > c", 3, 3, 0), ("a > b", 2, 2, 0), ("c", 1, 1, 0)));

        result.ConversionsOf("a").Should().BeApproximately(result.ConversionsOf("b"), 1e-12);
    }

    [Fact]
    public void Attribute_DummyChannel_GetsNothing()
    {
        // "z" appears only in non-converting journeys: v(S + z) = v(S) for every S.
        var result = new ShapleyAttribution().Attribute(Paths(("a > b", 3, 3, 0), ("z > a", 0, 0, 4), ("b", 1, 1, 0)));

        result.ConversionsOf("z").Should().Be(0);
    }

    [Fact]
    public void Attribute_MoreThanTwentyChannels_ThrowsForExactOnly()
    {
        var paths = RandomPaths(4, ShapleyAttribution.MaxExactChannels + 1, 100);

        var exact = () => new ShapleyAttribution().Attribute(paths);
        var simple = new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(paths);

        exact.Should().Throw<ArgumentException>().WithMessage("*2^n*20*PerConversion*");
        simple.TotalConversions.Should().BeApproximately(paths.TotalConversions, 1e-9);
    }

    [Fact]
    public void Attribute_PathsFile_TwentyChannelsExact()
    {
        var paths = PathsData.Paths1M;

        var exact = new ShapleyAttribution().Attribute(paths);
        var simple = new ShapleyAttribution(ShapleyForm.PerConversion).Attribute(paths);

        exact.TotalConversions.Should().BeApproximately(paths.TotalConversions, 1e-9 * paths.TotalConversions);
        exact.Conversions[0].Should().BeApproximately(simple.Conversions[0], 1e-9 * paths.TotalConversions);
    }
}
