using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class StaffingCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Of([.. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    [Fact]
    public void Staffing_ReferenceCase_Needs14AgentsAnd20Scheduled()
    {
        // REFERENCES.md, Erlang C: 100 contacts / 30 min, AHT 180 s (A = 10): 14 agents meet 80/20; 30% shrinkage -> 20 scheduled.
        var json = Json("staffing", "--contacts", "100", "--interval", "30m", "--aht", "180s", "--target", "80/20", "--shrinkage", "0.3");
        var s = json.GetProperty("staffing");
        s.GetProperty("agents").GetInt32().Should().Be(14);
        s.GetProperty("scheduledAgents").GetInt32().Should().Be(20);
        s.GetProperty("trafficErlangs").GetDouble().Should().BeApproximately(10, 1e-12);
        // The table around the answer reproduces REFERENCES.md's rows for 12-15 agents.
        var rows = json.GetProperty("kpisByAgents").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("agents").GetInt32());
        rows[12].GetProperty("probabilityOfWait").GetDouble().Should().BeApproximately(0.4494, 0.00005);
        rows[13].GetProperty("serviceLevel").GetDouble().Should().BeApproximately(0.7956, 0.00005);
        rows[14].GetProperty("averageSpeedOfAnswerSeconds").GetDouble().Should().BeApproximately(7.84, 0.005);
        rows[15].GetProperty("occupancy").GetDouble().Should().BeApproximately(0.667, 0.0005);
    }

    [Fact]
    public void Staffing_MaxOccupancy70_Needs15AgentsAnd22Scheduled()
    {
        // REFERENCES.md: with max occupancy 0.70, 15 agents (22 scheduled at 30% shrinkage).
        var s = Json("staffing", "--contacts", "100", "--aht", "180s", "--target", "80/20", "--shrinkage", "0.3", "--max-occupancy", "0.70").GetProperty("staffing");
        s.GetProperty("agents").GetInt32().Should().Be(15);
        s.GetProperty("scheduledAgents").GetInt32().Should().Be(22);
        s.GetProperty("limitingConstraint").GetString().Should().Be("occupancy cap");
    }

    [Fact]
    public void Staffing_WithPatience_UsesErlangAAndReportsAbandonment()
    {
        var json = Json("staffing", "--contacts", "100", "--aht", "180s", "--target", "80/20", "--patience", "3m");
        json.GetProperty("staffing").GetProperty("model").GetString().Should().Be("erlang-a");
        json.GetProperty("kpisByAgents").GetProperty("rows")[0].GetProperty("probabilityOfAbandonment").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Staffing_GivenAgents_EvaluatesInsteadOfSolving()
    {
        var s = Json("staffing", "--contacts", "100", "--aht", "180s", "--target", "80/20", "--agents", "13").GetProperty("staffing");
        s.GetProperty("meetsTarget").GetBoolean().Should().BeFalse("13 agents give 79.6% within 20 s");
    }

    [Theory]
    [InlineData("--shrinkage", "1")]
    [InlineData("--max-occupancy", "1.5")]
    [InlineData("--target", "80")]
    [InlineData("--aht", "0s")]
    public void Staffing_BadInput_ExitsWithTwoNamingTheOption(string option, string value)
    {
        string[] args = ["staffing", "--contacts", "100", "--aht", "180s", "--target", "80/20"];
        int i = Array.IndexOf(args, option);
        args = i >= 0 ? args.Select((a, k) => k == i + 1 ? value : a).ToArray() : [.. args, option, value];
        var run = CliRun.Of(args);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(option);
    }

    [Fact]
    public void Staffing_AbandonTargetWithoutPatience_ExitsWithTwo()
    {
        var run = CliRun.Of("staffing", "--contacts", "100", "--aht", "180s", "--max-abandon", "0.05");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--patience");
    }
}
