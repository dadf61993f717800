using System.Text.Json.Nodes;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>report --engine duckdb</c>: DuckDB computes the summaries (KPI counts, survival table, cost-to-serve, segment inputs,
/// RFM summary, path summaries) and the library makes the report of them with the memory report's code, so the analysis
/// JSON equals the memory run's on the demo tables; the customer-experience sections, which need rows, say why not.
/// </summary>
public class ReportCommandDuckDbTests(ReportData data) : IClassFixture<ReportData>
{
    // Agent tenure needs each contact's agent id and time, which no summary holds (the agents section, row-only, says why), so
    // the programme's attrition line falls back to the assumed head count and gap (#13 item 3): only its FCR line is compared.
    private static readonly string[] AgentSections = ["businessCaseProgramme"];

    private static JsonObject Analysis(CliRun run) => AnalysisSections.Of(run);

    [Fact]
    public void Report_DuckDb_AnalysisEqualsTheMemoryRunsAndTheRowOnlySectionsSayWhy()
    {
        using var dir = new TempDir();
        var memory = CliRun.Of("report", "--data", data.Dir, "--out", dir.File("memory.html"), "--time-zone", "Europe/Amsterdam", "--format", "json");
        var duck = CliRun.Of("report", "--data", data.Dir, "--engine", "duckdb", "--out", dir.File("duckdb.html"), "--time-zone", "Europe/Amsterdam", "--format", "json");

        memory.ExitCode.Should().Be(0, memory.Error);
        duck.ExitCode.Should().Be(0, duck.Error);
        var expected = Analysis(memory);
        var actual = Analysis(duck);
        expected["businessCase"]!["total"].Should().NotBeNull("the memory run has a business case to compare");
        int compared = AnalysisSections.ShouldEqualExceptRowOnly(actual, expected, "memory run", AgentSections);
        compared.Should().BeGreaterThanOrEqualTo(17, "KPIs, trends, cost, profitability, staffing, CLV, retention, attribution and the FCR business case are compared");
        actual["businessCaseExperience"]!["unavailable"]!.GetValue<string>().Should().Contain("no summary holds").And.Contain("--engine memory");
        actual["agents"]!["attritionUnavailable"]!.GetValue<string>().Should().Contain("agent id").And.Contain("no summary holds");
        foreach (string column in new[] { "value", "formula" })
        {
            // The point values (the percentiles depend on every input's draws, the attrition line's too).
            JsonNode.DeepEquals(actual["businessCaseProgramme"]!["lines"]![0]![column], expected["businessCaseProgramme"]!["lines"]![0]![column]).Should().BeTrue("the programme's FCR line is the memory run's");
        }
        string html = File.ReadAllText(dir.File("duckdb.html"));
        html.Should().Contain("no summary holds", "the page names the section it leaves out and why");
        html.Should().Contain("chart-waterfall", "the business case is on the page");
    }

    [Fact]
    public void Report_DuckDbOverAFolderOfParts_EqualsTheSingleFile()
    {
        using var lake = new TempDir();
        foreach (var name in new[] { "customers.csv", "purchases.csv", "touchpoints.csv", "conversions.csv", "rates.json" })
        {
            File.Copy(data.File(name), lake.File(name));
        }
        var lines = File.ReadAllLines(data.File("interactions.csv"));
        Directory.CreateDirectory(lake.File("interactions"));
        int half = (lines.Length - 1) / 2;
        File.WriteAllLines(lake.File("interactions/part-1.csv"), [lines[0], .. lines[1..(1 + half)]]);
        File.WriteAllLines(lake.File("interactions/part-2.csv"), [lines[0], .. lines[(1 + half)..]]);

        var whole = CliRun.Of("report", "--data", data.Dir, "--engine", "duckdb", "--out", lake.File("a.html"), "--format", "json");
        var parts = CliRun.Of("report", "--data", lake.Path, "--engine", "duckdb", "--out", lake.File("b.html"), "--format", "json");

        parts.ExitCode.Should().Be(0, parts.Error);
        JsonNode.DeepEquals(Analysis(parts)["kpisByChannel"], Analysis(whole)["kpisByChannel"]).Should().BeTrue();
        JsonNode.DeepEquals(Analysis(parts)["businessCase"], Analysis(whole)["businessCase"]).Should().BeTrue();
    }

    [Fact]
    public void Report_DuckDbWithoutInteractions_ExitsTwoNamingTheFolder()
    {
        using var dir = new TempDir();
        File.Copy(data.File("customers.csv"), dir.File("customers.csv"));
        var run = CliRun.Of("report", "--data", dir.Path, "--engine", "duckdb", "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(dir.Path).And.Contain("no interactions");
    }

    [Fact]
    public void Report_DuckDbAsOfBeforeTheFirstContact_ExitsTwoNamingTheOption()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("report", "--data", data.Dir, "--engine", "duckdb", "--as-of", "1990-01-01", "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--as-of");
    }
}
