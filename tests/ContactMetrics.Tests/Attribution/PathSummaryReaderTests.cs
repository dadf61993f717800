using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

public partial class PathSummaryReaderTests
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

    [Theory]
    [InlineData("c01 > c03", " > ", new[] { "c01", "c03" })]
    [InlineData("  c01  >  c02 ", " > ", new[] { "c01", "c02" })]
    [InlineData("<script>alert(1)</script> > mail", " > ", new[] { "<script>alert(1)</script>", "mail" })]
    [InlineData("a>b > c", " > ", new[] { "a>b", "c" })]
    [InlineData("a>b > c", ">", new[] { "a", "b", "c" })]
    [InlineData("eta > iota > alpha", ">", new[] { "eta", "iota", "alpha" })]
    [InlineData("c1|c2 | c3", "|", new[] { "c1", "c2", "c3" })]
    public void SplitPath_SplitsAtTheSeparatorAndTrimsEachChannel(string path, string separator, string[] channels)
    {
        // ChannelAttribution's sep rule (the text between separators, spaces around a channel dropped: its example data
        // "eta > iota > alpha" with sep ">"), with this format's " > " by default, so a name may hold '>'.
        PathSummaryReader.SplitPath(path, separator).Should().Equal(channels);
    }

    [Theory]
    [InlineData("c01 >  > c02")]
    [InlineData(" > c01")]
    [InlineData("c01 > ")]
    [InlineData("   ")]
    public void SplitPath_AnEmptyChannel_Throws(string path)
    {
        var act = () => PathSummaryReader.SplitPath(path);

        act.Should().Throw<FormatException>().WithMessage($"The path '{path}' has an empty channel*");
    }

    [Fact]
    public void Read_ChannelNamesWithGreaterThan_SplitOnlyAtTheSeparator()
    {
        // The rule of SplitPath: '>' inside a name is kept with the default separator, split with ">".
        string text = Header + "x<b>y > a>b,1,2,0\n";

        PathSummaryReader.Read(new StringReader(text)).Channels.Should().Equal("x<b>y", "a>b");
        PathSummaryReader.Read(new StringReader(text), separator: ">").Channels.Should().Equal("x<b", "y", "a", "b");
    }

    [Theory]
    [InlineData(">", "c1>c2>c3")]
    [InlineData(">", "c1 >c2")]
    [InlineData("|", "c1|c2")]
    [InlineData("->", "c1->c2")] // split at '>' this would give the channel 'c1-': the fix names '->'
    public void Read_PathsWrittenWithAnotherSeparator_RefusedNamingLineColumnValueAndFix(string other, string path)
    {
        // Read with " > ", no path of this file would have two channels: "c1>c2>c3" would be one channel, silently.
        var act = () => PathSummaryReader.Read(new StringReader(Header + "c1,1,1,0\n" + path + ",2,3,1\nc2,1,1,0\n"));

        // The library's message names the fix but no program's option (a command-line tool adds its own).
        act.Should().Throw<FormatException>().WithMessage($"line 3, column path: '{path}' has no ' > ' between channels*holds '{other}'*give that separator ('{other}')*")
            .Which.Message.Should().NotContain("--");
        PathSeparatorGuard.For(null).Add(path, 1, 3).LikelySeparator.Should().Be(other);
    }

    [Fact]
    public void Read_TheSeparatorGiven_ReadsWhatTheDefaultReadsOfThePathsWrittenWithIt()
    {
        // The same three paths written "c1>c2" and "c1 > c2": '>' given reads the first as the default reads the second.
        string bare = Header + "c1,1,1,0\nc1>c2>c3,2,3,1\nc3>c1,0,0,4\n";
        string spaced = bare.Replace(">", " > ", StringComparison.Ordinal);

        var given = PathSummaryReader.Read(new StringReader(bare), separator: ">");
        var standard = PathSummaryReader.Read(new StringReader(spaced));

        given.Channels.Should().Equal("c1", "c2", "c3").And.Equal(standard.Channels);
        Enumerable.Range(0, given.Count).Select(p => (given.PathText(p), given.Conversions[p], given.Values[p], given.Nulls[p]))
            .Should().Equal(Enumerable.Range(0, standard.Count).Select(p => (standard.PathText(p), standard.Conversions[p], standard.Values[p], standard.Nulls[p])));
    }

    [Fact]
    public void Read_OnePathWithTheDefaultSeparator_NamesWithGreaterThanAreKept()
    {
        // The guard looks at the whole file: one path with " > " (here the last) shows the separator, so 'a>b' is one channel.
        var paths = PathSummaryReader.Read(new StringReader(Header + "a>b,1,1,0\nc,1,1,0\nc > a>b,1,2,0\n"));

        paths.Channels.Should().Equal("a>b", "c");
        paths.Path(2).ToArray().Should().Equal(1, 0);
    }

    [Fact]
    public void Read_SingleChannelPaths_ReadAndNamesWithGreaterThanOnlyWhenTheDefaultIsGiven()
    {
        // Single channels without '>' or '|' read as they are; names holding '>' with no path of two channels are ambiguous
        // (refused) unless " > " is given, which reads them as written.
        PathSummaryReader.Read(new StringReader(Header + "c01,1,1,0\nc02,0,0,1\n")).Channels.Should().Equal("c01", "c02");
        string names = Header + "a>b,1,1,0\nc,0,0,1\n";
        FluentActions.Invoking(() => PathSummaryReader.Read(new StringReader(names))).Should().Throw<FormatException>().WithMessage("line 2, column path: 'a>b'*");
        PathSummaryReader.Read(new StringReader(names), separator: " > ").Channels.Should().Equal("a>b", "c");
    }

    [Fact]
    public void PathSeparatorGuard_Default_IsTheDefaultSeparatorUnguarded()
    {
        // default(PathSeparatorGuard) is documented as the explicit " > ": it never suspects a path.
        var guard = default(PathSeparatorGuard).Add("c1>c2", 1, 2);

        guard.Separator.Should().Be(PathSummaryReader.DefaultSeparator);
        guard.Problem.Should().BeNull();
        FluentActions.Invoking(() => PathSeparatorGuard.For("")).Should().Throw<ArgumentException>();
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

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Read_AnyLineEnding_SameRowsAndLineNumbersAsReadLine(string ending)
    {
        // Lines end as TextReader.ReadLine ends them; the bad row is still named by its line number (1 = the header).
        string text = string.Join(ending, Header.TrimEnd('\n'), "c01,2,20.5,3", "", "c01 > c03,1,10,0", "c02,1,1,0");
        var paths = PathSummaryReader.Read(new StringReader(text + ending));

        paths.Count.Should().Be(3);
        paths.TotalConversions.Should().Be(4);
        var act = () => PathSummaryReader.Read(new StringReader(text + ending + "c01,x,1,0" + ending));
        act.Should().Throw<FormatException>().WithMessage("line 6:*");
    }

    [Fact]
    public void Read_RowsLongerThanTheBuffer_ReadWhole()
    {
        // 20,000 touches of 6 characters: a 120,000-character row, past the reader's 65,536-character buffer.
        string path = string.Join(" > ", Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? "c01" : "c02"));
        var paths = PathSummaryReader.Read(new StringReader(Header + "c03,1,1,0\n" + path + ",2,3.25,1\nc03,1,1,0"));

        paths.Count.Should().Be(2);
        paths.Path(1).Length.Should().Be(20_000);
        paths.Conversions[1].Should().Be(2);
        paths.Values[1].Should().Be(3.25);
        paths.Conversions[0].Should().Be(2, "the last row has no line end and is read too");
    }

    [Fact]
    public void Read_Numbers_TheSameDoublesAsDoubleParse()
    {
        // Plain decimals take a fast path (exact mantissa / exact power of ten); each must be the double that double.Parse
        // gives, bit for bit, including the 17-digit and exponent forms that fall back to it.
        var rng = new Random(18);
        var texts = Enumerable.Range(0, 2_000).Select(i => (i % 4) switch
        {
            0 => rng.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => (rng.Next(100_000_000) / 100.0).ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
            2 => (rng.NextDouble() * 1e6).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => "0." + rng.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Append("9007199254740993").Append("1e3").Append(" 12.5 ").Append("0.1").ToList();
        var rows = texts.Select((t, i) => $"c{i},1,{t},0");

        var paths = PathSummaryReader.Read(new StringReader(Header + string.Join("\n", rows)));

        for (int i = 0; i < texts.Count; i++)
        {
            paths.Values[i].Should().Be(double.Parse(texts[i], System.Globalization.CultureInfo.InvariantCulture), texts[i]);
        }
    }
}
