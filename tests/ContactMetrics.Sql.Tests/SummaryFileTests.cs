using ContactMetrics.Attribution;
using ContactMetrics.Domain;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The summary files read back what was written, as CSV and as Parquet: KPI counts (every grouping), the survival table
/// (per customer, to the last bit) and path summaries; rows of one key add up.
/// </summary>
public sealed class SummaryFileTests(DemoTables demo) : IClassFixture<DemoTables>
{
    [Theory]
    [InlineData("channel by day", ".csv")]
    [InlineData("segment and channel by 30m", ".parquet")]
    [InlineData("direction and queue by 15m", ".csv")]
    [InlineData("overall", ".parquet")]
    public void KpiCounts_WrittenAndRead_AreTheGroups(string grouping, string extension)
    {
        var g = KpiCases.Groupings[grouping];
        var groups = demo.InMemory(g);
        string file = demo.File($"kpi-{grouping.Replace(' ', '-')}{extension}");
        KpiCountsFile.Write(file, groups, g.Dimensions, g.Bucket != Tables.TimeBucket.None);
        var (read, dimensions, bucketed) = KpiCountsFile.Read(file);
        dimensions.Should().Be(g.Dimensions);
        bucketed.Should().Be(g.Bucket != Tables.TimeBucket.None);
        KpiCases.ShouldEqual(read, groups);
    }

    [Fact]
    public void KpiCounts_TwoFilesOfPartsConcatenated_AddUpByKey()
    {
        // The whole's counts, written twice in one file, read as each key's counts doubled (+ per key).
        var g = KpiCases.Groupings["channel by day"];
        var groups = demo.InMemory(g);
        string file = demo.File("kpi-twice.csv");
        KpiCountsFile.Write(file, groups, g.Dimensions, true);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [.. lines, .. lines.Skip(1)]);
        var (read, _, _) = KpiCountsFile.Read(file);
        KpiCases.ShouldEqual(read, [.. groups.Select(x => x with { Counts = x.Counts + x.Counts })]);
    }

    [Fact]
    public void KpiCounts_NotACount_NamesTheLineColumnAndValue()
    {
        string file = demo.File("kpi-bad.csv");
        KpiCountsFile.Write(file, demo.InMemory(KpiCases.Groupings["overall"]), Kpis.KpiDimensions.None, false);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], "x" + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..]]);
        var act = () => KpiCountsFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 2, column offered_contacts: 'x' is not a count*");
    }

    [Fact]
    public void KpiCounts_QuotedLineBreakInAKey_ReadsAsOneCellAndLaterLinesKeepTheirNumbers()
    {
        // RFC 4180: a quoted cell may hold a line break. Row 1 (lines 2-3) has the segment "small\nbusiness"; row 2 is on
        // line 4, and a bad count there is reported on line 4 (a line-by-line reader split row 1 in two).
        string file = demo.File("kpi-multiline.csv");
        KpiCountsFile.Write(file, demo.InMemory(KpiCases.Groupings["overall"]), Kpis.KpiDimensions.None, false);
        var lines = File.ReadAllLines(file);
        File.WriteAllText(file, $"segment,{lines[0]}\n\"small\nbusiness\",{lines[1]}\nconsumer,{lines[1]}\n");
        var (read, dimensions, _) = KpiCountsFile.Read(file);
        dimensions.Should().Be(Kpis.KpiDimensions.Segment);
        read.Select(g => g.Segment).Should().Equal("small\nbusiness", "consumer");
        read[0].Counts.OfferedContacts.Should().Be(read[1].Counts.OfferedContacts);

        File.WriteAllText(file, $"segment,{lines[0]}\n\"small\nbusiness\",{lines[1]}\nconsumer,x{lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..]}\n");
        var act = () => KpiCountsFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 4, column offered_contacts: 'x' is not a count*");
    }

    [Theory]
    [InlineData("answered_contacts", "queued_contacts")] // was exit 0: a service level above 100% went through
    [InlineData("answered_within_threshold", "answered_contacts")] // was an ArgumentOutOfRangeException (exit 1)
    [InlineData("resolved_true", "resolved_flagged")] // was an ArgumentOutOfRangeException from the rate
    [InlineData("issues_resolved_first_time", "fcr_eligible_contacts")] // issues = eligible - repeats: its own message
    public void KpiCounts_SubsetAboveItsSet_NamesTheLineColumnValueAndSet(string part, string whole)
    {
        string file = demo.File($"kpi-{part}.csv");
        KpiCountsFile.Write(file, demo.InMemory(KpiCases.Groupings["overall"]), Kpis.KpiDimensions.None, false);
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',').ToList();
        var cells = lines[1].Split(',');
        long above = long.Parse(cells[header.IndexOf(whole)], System.Globalization.CultureInfo.InvariantCulture) + 5;
        cells[header.IndexOf(part)] = above.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllLines(file, [lines[0], string.Join(',', cells)]);

        var act = () => KpiCountsFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 2, column {part}: '{above}' is more than the row's *");
    }

    [Theory]
    [InlineData("fcr-repeat", ".csv")]
    [InlineData("csat", ".parquet")]
    public void SurvivalTable_WrittenAndRead_SameRowsAndGrouping(string name, string extension)
    {
        var expected = SummaryCases.InMemory(demo, name);
        string file = demo.File($"survival-{name}{extension}");
        SurvivalTableFile.Write(file, expected).Should().Be(expected.Table.Count);
        var read = SurvivalTableFile.Read(file, SummaryCases.Survival[name].Options);
        read.Grouping.Should().Be(expected.Grouping);
        SummaryCases.Rows(read).Should().BeEquivalentTo(SummaryCases.Rows(expected));
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void PathSummary_WrittenAndRead_SamePaths(string extension)
    {
        var expected = SummaryCases.InMemoryPaths(demo, "7d-service");
        string file = demo.File("paths" + extension);
        PathSummaryFile.Write(file, expected).Should().Be(expected.Count);
        SummaryCases.ShouldEqual(PathSummaryFile.Read(file, expected.Currency), expected);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void PathSummary_ChannelNamesWithMarkupCommasAndQuotes_ReadBackAsWritten(string extension)
    {
        // A channel named like the report tests' hostile one: '>' inside a name is not the separator " > ".
        var builder = new PathSummaryBuilder(Currency.Eur);
        builder.Add(["<script>alert(1)</script>", "mail, \"spring\""], 2, 30.5, 1);
        builder.Add(["mail, \"spring\""], 0, 0, 4);
        var expected = builder.Build();
        string file = demo.File("paths-markup" + extension);
        PathSummaryFile.Write(file, expected);
        var read = PathSummaryFile.Read(file, Currency.Eur);
        read.Channels.Should().Equal("<script>alert(1)</script>", "mail, \"spring\"");
        Enumerable.Range(0, read.Count).Select(p => (read.PathText(p), read.Conversions[p], read.Values[p], read.Nulls[p]))
            .Should().Equal(Enumerable.Range(0, expected.Count).Select(p => (expected.PathText(p), expected.Conversions[p], expected.Values[p], expected.Nulls[p])));
    }

    [Theory]
    [InlineData(" > ")]
    [InlineData(">")]
    public void PathSummary_TheFileReaderAndTheCoreReader_SplitPathsByOneRule(string separator)
    {
        // One file, both readers, the same separator: the same channels, paths and numbers (names with '>' and markup,
        // spaces around channels, "a>b" written without spaces).
        string file = demo.File($"paths-rule-{(separator == ">" ? "bare" : "spaced")}.csv");
        File.WriteAllText(file, "path,total_conversions,total_conversion_value,total_null\n"
            + "a<b>c > mail,2,30.5,1\n  mail  >  a>b ,1,10,0\nmail,0,0,4\n\"a>b > (direct)\",1,5,2\n");

        var core = PathSummaryReader.Read(File.OpenText(file), currency: Currency.Eur, separator: separator);
        var files = PathSummaryFile.Read(file, Currency.Eur, separator);

        files.Channels.Should().Equal(core.Channels);
        files.Channels.Should().HaveCount(separator == ">" ? 6 : 4, "'a<b>c', 'mail', 'a>b', '(direct)'; split at every '>': 'a<b', 'c', 'mail', 'a', 'b', '(direct)'");
        Enumerable.Range(0, files.Count).Select(p => (files.PathText(p), files.Conversions[p], files.Values[p], files.Nulls[p]))
            .Should().Equal(Enumerable.Range(0, core.Count).Select(p => (core.PathText(p), core.Conversions[p], core.Values[p], core.Nulls[p])));
    }

    [Theory]
    [InlineData(".csv", "line 3")]
    [InlineData(".parquet", "row 2")]
    public void PathSummary_PathsWrittenWithAnotherSeparator_RefusedUnlessTheSeparatorIsGiven(string extension, string where)
    {
        // A file whose paths are written "c1>c2>c3" (no path holds " > "): read with the default, each path would be one
        // channel, so it is refused naming the first such path; given '>' it splits, given ' > ' each is one channel.
        var builder = new PathSummaryBuilder(Currency.Eur);
        builder.Add(["c1"], 1, 1, 0);
        builder.Add(["c1>c2>c3"], 2, 3, 1);
        builder.Add(["c3>c1"], 0, 0, 4);
        string file = demo.File("paths-bare" + extension);
        PathSummaryFile.Write(file, builder.Build());

        var act = () => PathSummaryFile.Read(file, Currency.Eur);

        // The fix is named without any program's option; the separator to give travels in the exception's data for a CLI to name its option.
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: {where}, column path: 'c1>c2>c3' has no ' > ' between channels*give that separator ('>')*")
            .Which.Data[PathSummaryFile.LikelySeparatorKey].Should().Be(">");
        PathSummaryFile.Read(file, Currency.Eur, ">").Channels.Should().Equal("c1", "c2", "c3");
        PathSummaryFile.Read(file, Currency.Eur, " > ").Channels.Should().Equal("c1", "c1>c2>c3", "c3>c1");
    }

    [Fact]
    public void PathSummary_BadNumber_NamesFileLineColumnAndValue()
    {
        string file = demo.File("paths-bad.csv");
        File.WriteAllText(file, "path,total_conversions,total_conversion_value,total_null\na > b,1,2,3\nb,1,-2,0\n");
        var act = () => PathSummaryFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 3, column total_conversion_value: '-2' is not a finite number at least 0.");
    }

    [Fact]
    public void SurvivalTable_GroupsOfTwoGroupings_NamesThem()
    {
        string file = demo.File("survival-mixed.csv");
        File.WriteAllText(file, "customer_id,group,duration_days,churned,segment,tenure_years\na,resolved,3,false,,1\nb,top-box,4,true,,1\n");
        var act = () => SurvivalTableFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage("*'resolved', 'top-box' are not the two of one grouping*");
    }
}
