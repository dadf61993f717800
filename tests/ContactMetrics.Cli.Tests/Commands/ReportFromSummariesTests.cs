using System.Text.Json.Nodes;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Sql;
using ContactMetrics.Valuation;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>report --summaries DIR</c>: <c>summarize --for-report</c> writes every summary the analysis is made of (KPI counts by
/// channel and staffing interval, table counts, survival table, cost cells, segment inputs, revenue, active customers,
/// path summaries, RFM summary, the rates) and the report built from those files alone equals <c>report --engine duckdb</c>
/// on the tables, section by section; a bad summary file exits 2 naming the file, line, column and value.
/// </summary>
public class ReportFromSummariesTests(ReportData data) : IClassFixture<ReportData>
{
    private static JsonObject Analysis(CliRun run) => AnalysisSections.Of(run);

    /// <summary>Summarizes the demo tables for the report into <paramref name="dir"/>/report (asserting success) and returns that folder.</summary>
    private string Summarize(TempDir dir, string format, params string[] more)
    {
        var run = CliRun.Of(["summarize", "--data", data.Dir, "--out", dir.Path, "--for-report", "--time-zone", "Europe/Amsterdam", "--summary-format", format, .. more]);
        run.ExitCode.Should().Be(0, run.Error);
        return dir.File("report");
    }

    [Theory]
    [InlineData("csv", null)]
    [InlineData("parquet", null)]
    [InlineData("csv", "2025-06-01")]
    public void ReportFromSummaries_EqualsTheDuckDbReportOnTheTables(string format, string? asOf)
    {
        using var dir = new TempDir();
        string[] window = asOf is null ? [] : ["--as-of", asOf];
        string summaries = Summarize(dir, format, window);
        var duck = CliRun.Of(["report", "--data", data.Dir, "--engine", "duckdb", "--out", dir.File("duckdb.html"), "--time-zone", "Europe/Amsterdam", "--format", "json", .. window]);
        var files = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("summaries.html"), "--format", "json");

        duck.ExitCode.Should().Be(0, duck.Error);
        files.ExitCode.Should().Be(0, files.Error);
        foreach (string name in new[] { "analysis", "segments", "kpi_counts", "survival_table", "cost_cells", "segment_inputs", "revenue", "active_customers", "paths", "paths_last_year", "rfm_summary" })
        {
            File.Exists(Path.Combine(summaries, name + "." + format)).Should().BeTrue($"summarize --for-report writes {name}");
        }
        var expected = Analysis(duck);
        var actual = Analysis(files);
        expected["businessCase"]!["total"].Should().NotBeNull("the DuckDB run has a business case to compare");
        expected["costToServe"].Should().NotBeNull("the demo folder has rates, so cost-to-serve is compared");
        int compared = AnalysisSections.ShouldEqualExceptRowOnly(actual, expected, "DuckDB run");
        compared.Should().BeGreaterThanOrEqualTo(18, "KPIs, trends, cost, profitability, staffing, CLV, retention, attribution and the business cases are compared");
        actual["businessCaseExperience"]!["unavailable"]!.GetValue<string>().Should().Contain("the summaries in " + summaries);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-06-01")]
    public void SummarizeForReport_PurchasesPastTheLastContact_TopLevelAndReportSurvivalTablesAreTheSameFile(string? asOf)
    {
        // The demo tables with one purchase 40 days after the last contact: the analysis window ends the day after that
        // purchase, and its end is every summary's "as of" (the top-level survival table once ended the day after the last
        // contact, 40 days earlier, and kept customers not yet acquired at --as-of).
        using var dir = new TempDir();
        string lake = dir.File("lake");
        Directory.CreateDirectory(lake);
        foreach (string file in Directory.GetFiles(data.Dir))
        {
            File.Copy(file, Path.Combine(lake, Path.GetFileName(file)));
        }
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var late = data.Center.Interactions.Max(i => i.ArrivedAt) + Duration.FromDays(40);
        string purchases = Path.Combine(lake, "purchases.csv");
        var lines = File.ReadAllLines(purchases);
        var cells = lines[^1].Split(',');
        cells[Array.IndexOf(lines[0].Split(','), "occurred_at")] = InstantPattern.ExtendedIso.Format(late);
        File.WriteAllLines(purchases, [.. lines, string.Join(",", cells)]);
        string[] window = asOf is null ? [] : ["--as-of", asOf];

        var run = CliRun.Of(["summarize", "--data", lake, "--out", dir.File("out"), "--for-report", "--time-zone", "Europe/Amsterdam", .. window]);

        run.ExitCode.Should().Be(0, run.Error);
        var end = asOf is null ? zone.AtStartOfDay(late.InZone(zone).Date.PlusDays(1)).ToInstant() : zone.AtStartOfDay(LocalDatePattern.Iso.Parse(asOf).Value).ToInstant();
        File.ReadAllLines(Path.Combine(dir.File("out"), "report", "analysis.csv")).Should().Contain($"window_end,{InstantPattern.ExtendedIso.Format(end)}");
        string topLevel = File.ReadAllText(Path.Combine(dir.File("out"), "survival_table.csv"));
        topLevel.Split('\n').Length.Should().BeGreaterThan(100, "the demo's customers with a first contact are rows");
        topLevel.Should().Be(File.ReadAllText(Path.Combine(dir.File("out"), "report", "survival_table.csv")));
    }

    [Theory]
    [InlineData("revenue", 3, "revenue", "12,5")]
    [InlineData("kpi_counts", 2, "handled_contacts", "-4")]
    [InlineData("cost_cells", 4, "channel", "pigeon")]
    [InlineData("analysis", 2, "value", "2025-13-45")]
    [InlineData("segment_inputs", 2, "customers", "many")]
    public void ReportFromSummaries_BadCell_ExitsTwoNamingFileLineColumnAndValue(string file, int line, string column, string bad)
    {
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        string path = Path.Combine(summaries, file + ".csv");
        Spoil(path, line, column, bad);

        var run = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain(path).And.Contain($"line {line}").And.Contain($"column {column}").And.Contain($"'{bad}'");
    }

    /// <summary>Writes <paramref name="bad"/> into <paramref name="column"/> of line <paramref name="line"/> (1-based, the header is line 1).</summary>
    private static void Spoil(string path, int line, string column, string bad)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var cells = lines[line - 1].Split(',');
        cells.Should().HaveCount(header.Length, "the line has no quoted comma");
        cells[Array.IndexOf(header, column)] = bad.Contains(',') ? $"\"{bad}\"" : bad;
        lines[line - 1] = string.Join(",", cells);
        File.WriteAllLines(path, lines);
    }

    [Theory]
    [InlineData("segments", null, "customers", "-1", "is not a whole number at least 0.")]
    [InlineData("analysis", "outside_purchases", "value", "many", "is not a whole number at least 0 (outside_purchases).")]
    [InlineData("kpi_counts", null, "offered_contacts", "x", "is not a count (a whole number at least 0).")]
    [InlineData("segment_inputs", null, "unresolved", "1.5", "is not a whole number at least 0.")]
    public void ReportFromSummaries_BadCellInTheMiddle_ExitsTwoNamingFileLineColumnAndValue(string file, string? row, string column, string bad, string what)
    {
        // Read row by row (#15), a bad row after good ones is named as the first one is: file, line, column, value, what it is not.
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        string path = Path.Combine(summaries, file + ".csv");
        var lines = File.ReadAllLines(path);
        int line = row is null ? 1 + (lines.Length / 2) : 1 + Array.FindIndex(lines, l => l.StartsWith(row + ",", StringComparison.Ordinal));
        line.Should().BeInRange(3, lines.Length - 1, "a row in the middle: neither the first nor the last");
        Spoil(path, line, column, bad);

        var run = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain($"{path}: line {line}, column {column}: '{bad}' {what}");
    }

    [Theory]
    [InlineData("revenue", "customer")]
    [InlineData("active_customers", "customer")]
    [InlineData("segments", "segment")]
    [InlineData("analysis", "name")]
    public void ReportFromSummaries_AKeyTwice_ExitsTwoNamingTheSecondRow(string file, string column)
    {
        // The second data row repeated at the end: a key read twice is refused, never overwritten (rows read = accepted + rejected).
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        string path = Path.Combine(summaries, file + ".csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.Add(lines[1]);
        File.WriteAllLines(path, lines);

        var run = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain(path).And.Contain($"line {lines.Count}").And.Contain($"column {column}").And.Contain("appears twice");
    }

    [Fact]
    public void ReportFromSummaries_MissingKpiCounts_ExitsTwoNamingTheFile()
    {
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        File.Delete(Path.Combine(summaries, "kpi_counts.csv"));

        var run = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(summaries).And.Contain("kpi_counts.csv");
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--rates")]
    [InlineData("--engine")]
    public void ReportFromSummaries_WithAnOptionTheSummariesFixed_ExitsTwoNamingIt(string option)
    {
        using var dir = new TempDir();
        string value = option switch { "--data" => data.Dir, "--rates" => data.File("rates.json"), _ => "duckdb" };

        var run = CliRun.Of("report", "--summaries", dir.Path, option, value, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(option).And.Contain("--summaries");
    }

    [Fact]
    public void ReportFromSummaries_RecordedDefinitions_AreTheAnalysisOptions()
    {
        // summarize --for-report --lookback 14d: the path summaries are of 14-day journeys, analysis.csv says so, and the
        // report of the files uses 14 days (the analysis options' default is 30: before the record the report said 30).
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv", "--lookback", "14d");
        var facts = File.ReadAllLines(Path.Combine(summaries, "analysis.csv"));
        // 14 days = 1,209,600 s; the staffing interval's 30 minutes = 1,800 s; the KPI defaults (F3 at 20 s, repeats within 7 days = 604,800 s).
        facts.Should().Contain(["journey_lookback_seconds,1209600", "staffing_interval_seconds,1800", "kpi_service_level_formula,AnsweredWithinOverOffered",
            "kpi_service_level_threshold_seconds,20", "kpi_repeat_window_seconds,604800", "survival_grouping,FirstContactResolution"]);

        var files = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("summaries.html"), "--format", "json");

        files.ExitCode.Should().Be(0, files.Error);
        files.Out.Should().Contain("\"lookbackSeconds\": 1209600").And.NotContain("\"lookbackSeconds\": 2592000");
        var read = AnalysisSummaryFiles.Read(summaries);
        read.Definitions.Should().Be(new SummaryDefinitions(KpiOptions.Default, Duration.FromMinutes(30), Duration.FromDays(14)));
        var analysis = read.Analyze(new AnalysisOptions { Seed = 7 });
        analysis.Options.JourneyLookback.Should().Be(Duration.FromDays(14));
        analysis.Options.Seed.Should().Be(7, "the caller's other choices are kept");
        read.Analyze(new AnalysisOptions { JourneyLookback = Duration.FromDays(14) }).Options.JourneyLookback.Should().Be(Duration.FromDays(14), "the summaries' own value agrees");
    }

    [Theory]
    [InlineData("journey_lookback_seconds", "1209600", "604800")]
    [InlineData("kpi_service_level_threshold_seconds", "20", "30")]
    public void AnalyzeSummaries_AnOptionSetToAnotherValue_ThrowsNamingTheRowBothValuesAndTheFix(string row, string recorded, string given)
    {
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv", "--lookback", "14d");
        var options = row == "journey_lookback_seconds" ? new AnalysisOptions { JourneyLookback = Duration.FromDays(7) }
            : new AnalysisOptions { Kpis = new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(30))) };

        var act = () => AnalysisSummaryFiles.Analyze(summaries, options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{row} to {given}, but the summaries in {summaries} were computed with {recorded}: leave it at its default*or compute the summaries with {given}*");
    }

    [Fact]
    public void ReportFromSummaries_PathsWrittenWithGreaterThan_Exit2UnlessTheSeparatorIsGiven()
    {
        // The folder's path summaries rewritten "c1|c2": exit 2 naming paths.csv and the fix, '|' (the demo's single-channel
        // path '<script>alert(1)</script>' holds '>' and comes first, but more paths hold '|'); with --separator '|' the
        // attribution of the report is the one of the " > " files; --separator without --summaries is an error.
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        var standard = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("standard.html"), "--format", "json");
        foreach (string name in new[] { "paths.csv", "paths_last_year.csv" })
        {
            string file = Path.Combine(summaries, name);
            File.WriteAllText(file, File.ReadAllText(file).Replace(" > ", "|", StringComparison.Ordinal));
        }

        var refused = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("refused.html"));
        var given = CliRun.Of("report", "--summaries", summaries, "--separator", "|", "--out", dir.File("given.html"), "--format", "json");
        var withData = CliRun.Of("report", "--data", data.Dir, "--separator", ">", "--out", dir.File("data.html"));

        refused.ExitCode.Should().Be(2);
        refused.Error.Should().StartWith($"contactmetrics: {Path.Combine(summaries, "paths.csv")}: line ").And.Contain("column path").And.Contain("--separator '|'");
        standard.ExitCode.Should().Be(0, standard.Error);
        given.ExitCode.Should().Be(0, given.Error);
        Analysis(standard)["attribution"].Should().NotBeNull();
        Analysis(given)["attribution"]!.ToJsonString().Should().Be(Analysis(standard)["attribution"]!.ToJsonString());
        withData.ExitCode.Should().Be(2);
        withData.Error.Should().Contain("--separator goes with --summaries");
    }

    [Theory]
    [InlineData("--time-zone", "Europe/Paris", "in Europe/Amsterdam")]
    [InlineData("--as-of", "2025-05-01", "as of 2025-06-01")]
    public void ReportFromSummaries_AnotherTimeZoneOrAsOf_ExitsTwoNamingBothAndTheFix(string option, string value, string theirs)
    {
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv", "--as-of", "2025-06-01");

        var run = CliRun.Of("report", "--summaries", summaries, option, value, "--out", dir.File("report.html"));
        var agreeing = CliRun.Of("report", "--summaries", summaries, "--time-zone", "Europe/Amsterdam", "--as-of", "2025-06-01", "--out", dir.File("agreeing.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"{option} {value} contradicts the summaries in {summaries}, computed {theirs}")
            .And.Contain($"leave {option} out").And.Contain($"summarize --for-report {option} {value}");
        agreeing.ExitCode.Should().Be(0, "the summaries' own zone and end agree: " + agreeing.Error);
    }

    [Theory]
    [InlineData("kpi_repeat_window_seconds", null, "there is no row named 'kpi_repeat_window_seconds'")]
    [InlineData("staffing_interval_seconds", "420", "'420' is not whole minutes that divide a day")]
    [InlineData("kpi_handle_time", "Wrap", "'Wrap' is not Talk, Hold and AfterCallWork")]
    [InlineData("survival_grouping", "Csat", "'Csat' is not FirstContactResolution")]
    // Values the row's own test passed before the review but KpiOptions refuses (1e-9 to 1 - 1e-9) and an interval past
    // Duration's range: exit 2 naming the row, not an unhandled exception.
    [InlineData("kpi_confidence_level", "1e-10", "'1e-10' is not a share between 0 and 1")]
    [InlineData("staffing_interval_seconds", "9223372036854775807", "'9223372036854775807' is not whole minutes that divide a day")]
    public void ReportFromSummaries_ADefinitionMissingOrOutOfRange_ExitsTwoNamingIt(string row, string? value, string message)
    {
        using var dir = new TempDir();
        string summaries = Summarize(dir, "csv");
        string path = Path.Combine(summaries, "analysis.csv");
        var lines = File.ReadAllLines(path).ToList();
        int at = lines.FindIndex(l => l.StartsWith(row + ",", StringComparison.Ordinal));
        at.Should().BePositive($"summarize --for-report records {row}");
        if (value is null)
        {
            lines.RemoveAt(at);
        }
        else
        {
            lines[at] = $"{row},{value}";
        }
        File.WriteAllLines(path, lines);

        var run = CliRun.Of("report", "--summaries", summaries, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain(path).And.Contain(message).And.Contain(value is null ? "analysis.csv" : $"line {at + 1}, column value");
    }

    [Fact]
    public void SummarizeForReport_WithTheMemoryEngine_ExitsTwoNamingTheOption()
    {
        using var dir = new TempDir();

        var run = CliRun.Of("summarize", "--data", data.Dir, "--out", dir.Path, "--for-report", "--engine", "memory");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--for-report").And.Contain("duckdb");
    }
}
