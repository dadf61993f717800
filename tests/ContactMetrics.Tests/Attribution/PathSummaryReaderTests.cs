using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

public class PathSummaryReaderTests
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null\n";

    [Fact]
    public void Read_ValidRows_MergesPathsAndSumsColumns()
    {
        var paths = PathSummaryReader.Read(new StringReader(Header + "c01,2,20.5,3\n\"c01 > c03\",1,10,0\nc01,1,1.5,1\n"));

        paths.Channels.Should().Equal("c01", "c03");
        paths.Count.Should().Be(2);
        paths.PathText(1).Should().Be("c01 > c03");
        paths.Path(1).ToArray().Should().Equal(0, 1);
        paths.TotalConversions.Should().Be(4);
        paths.TotalValue.AsDouble().Should().BeApproximately(32, 1e-12);
        paths.TotalNulls.Should().Be(4);
    }

    [Fact]
    public void Read_UnknownChannel_NamesTheLine()
    {
        var act = () => PathSummaryReader.Read(new StringReader(Header + "c01,1,1,0\nc01 > c99,1,1,0\n"), ["c01", "c02"]);

        act.Should().Throw<FormatException>().WithMessage("line 3:*c99*");
    }

    [Theory]
    [InlineData("c01,-1,1,0", "line 2:*total_conversions*")]
    [InlineData("c01,1,x,0", "line 2:*total_conversion_value*")]
    [InlineData("c01,1,1", "line 2:*4 columns*")]
    [InlineData("c01 >  > c02,1,1,0", "line 2:*empty channel*")]
    public void Read_BadRow_NamesTheLine(string row, string message)
    {
        var act = () => PathSummaryReader.Read(new StringReader(Header + row + "\n"));

        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Read_WrongHeader_Throws()
    {
        var act = () => PathSummaryReader.Read(new StringReader("path,conversions\nc01,1\n"));

        act.Should().Throw<FormatException>().WithMessage("line 1:*");
    }

    [Fact]
    public void Read_PathsFile_HasThePublishedShape()
    {
        // /work/shared/data/README.md: 142,669 unique paths over 20 channels, 1,000,000 journeys.
        var paths = PathsData.Paths1M;

        paths.Count.Should().Be(142_669);
        paths.Channels.Length.Should().Be(20);
        (paths.TotalConversions + paths.TotalNulls).Should().Be(1_000_000);
    }
}
