using ContactMetrics.Attribution;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class PathSummaryBuilderTests
{
    [Fact]
    public void Add_SamePathTwice_MergesTheRow()
    {
        var builder = new PathSummaryBuilder();
        builder.Add(["a", "b"], 1, 10, 2);
        builder.Add(["a", "b"], 2, 5, 0);
        builder.Add(["b", "a"], 1, 1, 1);

        var paths = builder.Build();

        paths.Count.Should().Be(2);
        paths.Conversions.ToArray().Should().Equal(3, 1);
        paths.Values.ToArray().Should().Equal(15, 1);
        paths.Nulls.ToArray().Should().Equal(2, 1);
    }

    [Fact]
    public void Add_Summaries_MergingPartsEqualsSummarisingTheWhole()
    {
        var whole = RandomPaths(5, 6, 400);
        // Split the rows into three parts with different channel orders, then merge.
        var parts = Enumerable.Range(0, 3).Select(_ => new PathSummaryBuilder()).ToArray();
        for (int p = 0; p < whole.Count; p++)
        {
            var names = whole.Path(p).ToArray().Select(c => whole.Channels[c]).ToArray();
            parts[p % 3].Add(names, whole.Conversions[p], whole.Values[p], whole.Nulls[p]);
        }
        var merged = new PathSummaryBuilder(whole.Channels);
        foreach (var part in parts)
        {
            merged.Add(part.Build());
        }

        var result = merged.Build();

        result.Count.Should().Be(whole.Count);
        var rows = Enumerable.Range(0, result.Count).ToDictionary(result.PathText);
        for (int p = 0; p < whole.Count; p++)
        {
            int row = rows[whole.PathText(p)];
            result.Conversions[row].Should().Be(whole.Conversions[p]);
            result.Values[row].Should().BeApproximately(whole.Values[p], 1e-9);
            result.Nulls[row].Should().Be(whole.Nulls[p]);
        }
        new MarkovAttribution().Attribute(result).Conversions.Should().Equal(new MarkovAttribution().Attribute(whole).Conversions, (a, b) => Math.Abs(a - b) < 1e-9);
        new LinearAttribution().Attribute(result).Value.Should().Equal(new LinearAttribution().Attribute(whole).Value, (a, b) => Math.Abs((a - b).Amount) < 1e-9m);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(0, double.NaN, 0)]
    [InlineData(0, 0, double.PositiveInfinity)]
    public void Add_BadCounts_Throw(double conversions, double value, double nulls)
    {
        var act = () => new PathSummaryBuilder().Add(["a"], conversions, value, nulls);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Add_EmptyPath_Throws()
    {
        var act = () => new PathSummaryBuilder().Add([], 1, 1, 0);

        act.Should().Throw<ArgumentException>().WithParameterName("path");
    }
}
