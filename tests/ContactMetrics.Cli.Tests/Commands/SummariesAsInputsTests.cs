using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// Summaries as inputs (#15 item 3): what <c>summarize</c> writes (KPI counts, survival table, path summary; CSV or
/// Parquet) fed to <c>kpis --kpi-counts</c>, <c>retention uplift --survival-table</c> and <c>attribution --paths</c>
/// prints what the same commands print from the tables; <c>--engine duckdb</c> on attribution and retention uplift
/// prints what the memory engine prints. The oracle is always the in-memory run on the same demo folder.
/// </summary>
public sealed class SummariesAsInputsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _lake;

    public SummariesAsInputsTests()
    {
        _lake = _dir.File("lake");
        DemoCommand.WriteTables(ContactCenterSimulator.Generate(new SimulationOptions { Seed = 9, Customers = 300 }), _lake);
    }

    private string Table(string name) => Path.Combine(_lake, name + ".csv");

    private string Summaries(string engine, string format, params string[] more)
    {
        string output = _dir.File($"{engine}-{format}-{more.Length}");
        var run = CliRun.Of(["summarize", "--engine", engine, "--data", _lake, "--out", output, "--summary-format", format, .. more]);
        run.ExitCode.Should().Be(0, run.Error);
        return output;
    }

    private static string[] Ok(CliRun run)
    {
        run.ExitCode.Should().Be(0, run.Error);
        return run.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The same header and rows, in any order (the engines order groups differently).</summary>
    private static void SameRows(string[] actual, string[] expected)
    {
        expected.Length.Should().BeGreaterThan(2);
        actual[0].Should().Be(expected[0]);
        actual.Skip(1).Order(StringComparer.Ordinal).Should().Equal(expected.Skip(1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void Kpis_FromKpiCounts_PrintTheKpisOfTheTable(string format)
    {
        string counts = Summaries("duckdb", format, "--by", "channel,segment", "--bucket", "week", "--time-zone", "Europe/Amsterdam");
        string file = Path.Combine(counts, "kpi_counts." + format);
        // All dimensions of the file, and channel alone (segments added up): as kpis prints them from the interactions.
        SameRows(Ok(CliRun.Of("kpis", "--kpi-counts", file, "--format", "csv")),
            Ok(CliRun.Of("kpis", "--interactions", Table("interactions"), "--customers", Table("customers"), "--by", "channel,segment", "--bucket", "week",
                "--time-zone", "Europe/Amsterdam", "--format", "csv")));
        SameRows(Ok(CliRun.Of("kpis", "--kpi-counts", file, "--by", "channel", "--sl-formula", "f1", "--format", "csv")),
            Ok(CliRun.Of("kpis", "--interactions", Table("interactions"), "--by", "channel", "--bucket", "week", "--time-zone", "Europe/Amsterdam",
                "--sl-formula", "f1", "--format", "csv")));
    }

    [Theory]
    [InlineData("--sl-threshold", "30s")]
    [InlineData("--bucket", "day")]
    public void Kpis_FromKpiCountsWithACountOption_Exit2NamingIt(string option, string value)
    {
        string file = Path.Combine(Summaries("memory", "csv"), "kpi_counts.csv");
        var run = CliRun.Of("kpis", "--kpi-counts", file, option, value);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"{option} does not go with --kpi-counts");
    }

    [Fact]
    public void Kpis_FromKpiCountsByAMissingDimension_Exit2()
    {
        string file = Path.Combine(Summaries("memory", "csv", "--by", "channel"), "kpi_counts.csv");
        var run = CliRun.Of("kpis", "--kpi-counts", file, "--by", "reason");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("has no reason column; it is by channel");
    }

    [Fact]
    public void Kpis_FromKpiCountsWithABadRowInTheMiddle_Exit2NamingFileLineColumnAndValue()
    {
        // Read row by row (#15): the rows before it were read, the bad one is named, nothing is printed.
        string file = Path.Combine(Summaries("duckdb", "csv", "--by", "channel", "--bucket", "day"), "kpi_counts.csv");
        var lines = File.ReadAllLines(file);
        int line = 1 + (lines.Length / 2);
        line.Should().BeInRange(3, lines.Length - 1, "a row in the middle");
        lines[line - 1] = "fax" + lines[line - 1][lines[line - 1].IndexOf(',', StringComparison.Ordinal)..];
        File.WriteAllLines(file, lines);

        var run = CliRun.Of("kpis", "--kpi-counts", file);

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain($"{file}: line {line}, column channel: 'fax' is not a schema channel.");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Kpis_FromAHeaderOnlyKpiCounts_NoGroupsOrTheMissingCountNamed()
    {
        // The header is checked with no rows to read: a full one prints no groups (the header's columns); one without talk_ms exits 2.
        string file = Path.Combine(Summaries("duckdb", "csv", "--by", "channel", "--bucket", "day"), "kpi_counts.csv");
        string header = File.ReadLines(file).First();
        File.WriteAllText(file, header + "\n");

        var empty = Ok(CliRun.Of("kpis", "--kpi-counts", file, "--format", "csv"));
        File.WriteAllText(file, header.Replace(",talk_ms,", ",", StringComparison.Ordinal) + "\n");
        var missing = CliRun.Of("kpis", "--kpi-counts", file);

        empty.Should().ContainSingle().Which.Should().StartWith("channel,bucket_start,bucket_seconds,offered,");
        missing.ExitCode.Should().Be(2, missing.Error);
        missing.Error.Should().Contain($"{file}: the count column 'talk_ms' is missing");
    }

    [Fact]
    public void Kpis_FromKpiCountsWithoutBucketSeconds_Exit2NamingTheColumn()
    {
        // Read as unbucketed, every channel's days would be added into one group: exit 2 naming the missing column instead.
        string file = Path.Combine(Summaries("duckdb", "csv", "--by", "channel", "--bucket", "day"), "kpi_counts.csv");
        var lines = File.ReadAllLines(file);
        int column = Array.IndexOf(lines[0].Split(','), "bucket_seconds");
        column.Should().BeGreaterThan(0, "summarize --bucket day writes bucket_seconds");
        File.WriteAllLines(file, lines.Select(l => string.Join(',', l.Split(',').Where((_, c) => c != column))));

        var run = CliRun.Of("kpis", "--kpi-counts", file);

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain($"{file}: the column 'bucket_seconds' is missing; a bucketed kpi counts table has both bucket_start and bucket_seconds");
        run.Out.Should().BeEmpty();
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void RetentionUplift_FromSurvivalTable_SameGroupsAndDifference(string format)
    {
        string file = Path.Combine(Summaries("duckdb", format), "survival_table." + format);
        var fromTable = Ok(CliRun.Of("retention", "uplift", "--survival-table", file, "--horizon", "365d", "--format", "csv"));
        var fromRows = Ok(CliRun.Of("retention", "uplift", "--customers", Table("customers"), "--interactions", Table("interactions"),
            "--by", "first-contact-resolution", "--horizon", "365d", "--format", "csv"));
        fromTable.Should().Equal(fromRows);
    }

    [Theory]
    [InlineData("csat", "top-box")]
    [InlineData("ces", "not-easy")] // first CES answer easy (5-7) or not
    public void RetentionUplift_DuckDb_PrintsTheMemoryResult(string by, string group)
    {
        string[] common = ["--customers", Table("customers"), "--interactions", Table("interactions"), "--by", by, "--horizon", "180d", "--format", "json"];
        var duck = CliRun.Of(["retention", "uplift", "--engine", "duckdb", .. common]);
        var memory = CliRun.Of(["retention", "uplift", .. common]);
        duck.ExitCode.Should().Be(0, duck.Error);
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.Out.Should().Contain("\"hazardRatio\"").And.Contain($"\"{group}\"").And.Be(memory.Out);
    }

    [Fact]
    public void RetentionUplift_SurvivalTableOfAnotherGrouping_Exit2()
    {
        string file = Path.Combine(Summaries("memory", "csv"), "survival_table.csv");
        var run = CliRun.Of("retention", "uplift", "--survival-table", file, "--by", "csat", "--horizon", "365d");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("groups by first-contact-resolution");
    }

    [Theory]
    [InlineData("markov", "csv")]
    [InlineData("linear", "parquet")]
    [InlineData("shapley", "csv")]
    public void Attribution_FromPathSummary_PrintsTheCreditsOfTheTables(string model, string format)
    {
        string file = Path.Combine(Summaries("duckdb", format), "paths." + format);
        var fromPaths = Ok(CliRun.Of("attribution", "--paths", file, "--currency", "EUR", "--model", model, "--format", "csv"));
        var fromRows = Ok(CliRun.Of("attribution", "--touchpoints", Table("touchpoints"), "--conversions", Table("conversions"),
            "--interactions", Table("interactions"), "--model", model, "--format", "csv"));
        fromPaths.Length.Should().BeGreaterThan(3, "the demo has several channels");
        fromPaths.Should().Equal(fromRows);
    }

    [Theory]
    [InlineData("markov")]
    [InlineData("last-non-service")]
    public void Attribution_DuckDb_PrintsTheMemoryResult(string model)
    {
        string[] common = ["--touchpoints", Table("touchpoints"), "--conversions", Table("conversions"), "--interactions", Table("interactions"),
            "--lookback", "14d", "--model", model, "--format", "json"];
        var duck = CliRun.Of(["attribution", "--engine", "duckdb", .. common]);
        var memory = CliRun.Of(["attribution", .. common]);
        duck.ExitCode.Should().Be(0, duck.Error);
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.Out.Should().Contain("\"assists\"").And.Be(memory.Out);
    }

    [Fact]
    public void Attribution_Paths1m_CsvAndParquetGiveTheSameCredits()
    {
        // ../shared/data/paths_1m.csv, the published path summary: read as it is and through Parquet, the linear credits agree.
        string parquet = _dir.File("paths_1m.parquet");
        ContactMetrics.Sql.PathSummaryFile.Write(parquet, ContactMetrics.Sql.PathSummaryFile.Read(SharedData.Path("paths_1m.csv")));
        var csv = Ok(CliRun.Of("attribution", "--paths", SharedData.Path("paths_1m.csv"), "--model", "linear", "--format", "csv"));
        csv.Length.Should().BeGreaterThan(10, "paths_1m has a dozen channels");
        Ok(CliRun.Of("attribution", "--paths", parquet, "--model", "linear", "--format", "csv")).Should().Equal(csv);
    }

    [Fact]
    public void Attribution_PathsWrittenWithGreaterThan_Exit2UnlessTheSeparatorIsGiven()
    {
        // The summary's paths rewritten "c1>c2" (ChannelAttribution's default separator): read with " > " every path would be
        // one channel, so exit 2 naming the file, line, column, value and fix; with --separator '>' the credits are those of
        // the " > " file of the same paths.
        string spaced = Path.Combine(Summaries("memory", "csv"), "paths.csv");
        string bare = _dir.File("paths-bare.csv");
        File.WriteAllText(bare, File.ReadAllText(spaced).Replace(" > ", ">", StringComparison.Ordinal));
        var lines = File.ReadAllLines(bare);
        int first = Array.FindIndex(lines, l => l.Contains('>', StringComparison.Ordinal));
        string path = lines[first].Split(',')[0].Trim('"');

        var refused = CliRun.Of("attribution", "--paths", bare, "--model", "markov", "--format", "csv");
        var given = Ok(CliRun.Of("attribution", "--paths", bare, "--separator", ">", "--model", "markov", "--format", "csv"));
        var standard = Ok(CliRun.Of("attribution", "--paths", spaced, "--model", "markov", "--format", "csv"));

        refused.ExitCode.Should().Be(2);
        refused.Error.TrimEnd().Should().NotContain("\n").And.StartWith($"contactmetrics: {bare}: line {first + 1}, column path: '{path}' has no ' > ' between channels")
            .And.Contain("--separator '>'");
        standard.Length.Should().BeGreaterThan(3, "the demo has several channels");
        given.Should().Equal(standard);
    }

    [Fact]
    public void Attribution_SeparatorWithoutPaths_Exit2()
    {
        var run = CliRun.Of("attribution", "--touchpoints", Table("touchpoints"), "--conversions", Table("conversions"), "--separator", ">", "--model", "linear");
        var empty = CliRun.Of("attribution", "--paths", Table("touchpoints"), "--separator", "", "--model", "linear");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--separator goes with --paths");
        empty.ExitCode.Should().Be(2);
        empty.Error.Should().Contain("--separator: the separator is empty");
    }

    [Theory]
    [InlineData("time-decay", "--paths", "time-decay needs each touch's time")]
    [InlineData("linear", "--lookback", "--lookback does not go with --paths")]
    public void Attribution_PathsWithWhatNeedsTheRows_Exit2(string model, string option, string expected)
    {
        string file = Path.Combine(Summaries("memory", "csv"), "paths.csv");
        string[] extra = option == "--paths" ? [] : [option, "7d"];
        var run = CliRun.Of(["attribution", "--paths", file, "--model", model, .. extra]);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(expected);
    }

    [Fact]
    public void Summarize_DuckDbAndMemory_WriteTheSameSurvivalTableAndPaths()
    {
        string duck = Summaries("duckdb", "csv");
        string memory = Summaries("memory", "csv");
        SameRows(File.ReadAllLines(Path.Combine(duck, "survival_table.csv")), File.ReadAllLines(Path.Combine(memory, "survival_table.csv")));
        // Paths in the same order with the same counts and values (double sums in journey order on both engines).
        File.ReadAllLines(Path.Combine(duck, "paths.csv")).Should().Equal(File.ReadAllLines(Path.Combine(memory, "paths.csv")));
    }

    public void Dispose() => _dir.Dispose();
}
