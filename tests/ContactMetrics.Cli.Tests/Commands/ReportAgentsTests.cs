using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>The agent figures measured from agent ids (#13 item 3): the same numbers in <c>report --format json</c> and on report.html.</summary>
public class ReportAgentsTests(ReportData data) : IClassFixture<ReportData>
{
    [Fact]
    public void Report_AgentFigures_AreTheSameInJsonAndOnThePage()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("report", "--data", data.Dir, "--out", dir.File("report.html"), "--time-zone", "Europe/Amsterdam", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var agents = JsonNode.Parse(run.Out)!["analysis"]!["agents"]!;
        string html = File.ReadAllText(dir.File("report.html"));
        html.Should().Contain("Agents: attrition and new hires (measured from agent ids)");
        // The simulated tables (800 customers, seed 11) have agent ids over two years: attrition is measured.
        double rate = agents["annualAttrition"]!.GetValue<double>();
        int leavers = agents["leavers"]!.GetValue<int>(), ids = agents["agents"]!.GetValue<int>();
        ids.Should().Be(data.Center.AgentTruths.Count, "every simulated agent handled a contact");
        html.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"{leavers} of {ids} agents left"))
            .And.Contain($"attrition of {Math.Round(100 * rate).ToString("0", CultureInfo.InvariantCulture)}% a year");
        // And 9 new hires with a whole 13-week ramp-up: the gap is measured too (measured: 1.24x handle time, 0.91x resolution).
        agents["newHiresUnavailable"].Should().BeNull();
        html.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"{agents["newHires"]!.GetValue<int>()} new hires took {agents["handleTimeRatio"]!.GetValue<double>():0.00}x (95% "));
        // The programme's attrition line: the formula JSON shows is the one on the page.
        html.Should().Contain(WebUtility.HtmlEncode(agents["attritionLine"]!.GetValue<string>()));
    }
}
