using System.CommandLine;
using System.Text.Json;

namespace ContactMetrics.Cli.Tests;

/// <summary>
/// The exit contract (DESIGN.md, docs/cli.md): 0 success; 2 bad input or arguments with one line naming the file or
/// option, the value and the fix; 1 a bug in one line (the trace only with --verbose); never an unhandled exception.
/// </summary>
public class ExitContractTests
{
    private static CliRun RunTree(RootCommand root, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new CliConsole(stdout, stderr), root);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static RootCommand Failing(Exception e)
    {
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction((Func<ParseResult, int>)(_ => throw e));
        root.Add(boom);
        return root;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Run_BugInACommand_Exits1WithOneLineAndNoTrace()
    {
        var run = RunTree(Failing(new InvalidOperationException("the state is broken")), "boom");
        run.ExitCode.Should().Be(CliApp.Failure);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain("internal error (InvalidOperationException): the state is broken")
            .And.Contain("--verbose");
        run.Error.Should().NotContain(" at ", "the trace is printed only with --verbose");
    }

    [Fact]
    public void Run_BugWithVerbose_PrintsTheTrace()
    {
        var run = RunTree(Failing(new InvalidOperationException("the state is broken")), "boom", "--verbose");
        run.ExitCode.Should().Be(CliApp.Failure);
        run.Error.Should().Contain("System.InvalidOperationException: the state is broken").And.Contain(" at ");
    }

    [Fact]
    public void Run_ArgumentOutOfRangeFromDeepInside_IsOneLine()
    {
        // ArgumentOutOfRangeException's message spans two lines ("Actual value was ..."); stderr gets one.
        var run = RunTree(Failing(new ArgumentOutOfRangeException("x", 5, "too big")), "boom");
        run.ExitCode.Should().Be(CliApp.Failure);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain("too big").And.Contain("Actual value was 5");
    }

    [Fact]
    public void Run_InputErrorInsideAggregate_Exits2()
    {
        var run = RunTree(Failing(new AggregateException(new CliInputException("--x: 'y' is not valid; use z."))), "boom");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Trim().Should().Be("contactmetrics: --x: 'y' is not valid; use z.");
    }

    [Theory]
    [InlineData("validate", "--interactions")]
    [InlineData("kpis", "--interactions")]
    [InlineData("clv", "fit", "--model", "bg-nbd", "--summary")]
    public void Command_TableFileWithUnknownExtension_Exits2NamingTheFile(params string[] args)
    {
        using var dir = new TempDir();
        string path = dir.File("interactions.txt");
        File.WriteAllText(path, "interaction_id,channel,arrived_at,ended_at\n");
        var run = CliRun.Of([.. args, path]);
        run.ExitCode.Should().Be(CliApp.InvalidInput, run.Error);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain(path).And.Contain("'.txt'").And.Contain("name the file .csv, .csv.gz or .parquet");
    }

    [Fact]
    public void Staffing_AgentsWithoutTarget_EvaluatesTheGivenAgents()
    {
        // docs/cli.md documents --agents N as an alternative to a target; it used to crash in StaffingTarget.
        var run = CliRun.Of("staffing", "--contacts", "100", "--aht", "180s", "--agents", "13", "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var s = JsonDocument.Parse(run.Out).RootElement.GetProperty("staffing");
        s.GetProperty("agents").GetInt32().Should().Be(13);
        s.GetProperty("meetsTarget").ValueKind.Should().Be(JsonValueKind.Null, "there is no target to meet");
    }

    [Theory]
    [InlineData("--max-asa", "30s", "ASA")]
    [InlineData("--max-occupancy", "0.8", "occupancy cap")]
    public void Staffing_SecondaryTargetAlone_SolvesForIt(string option, string value, string constraint)
    {
        var run = CliRun.Of("staffing", "--contacts", "100", "--aht", "180s", option, value, "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var json = JsonDocument.Parse(run.Out).RootElement;
        var s = json.GetProperty("staffing");
        s.GetProperty("limitingConstraint").GetString().Should().Be(constraint);
        int agents = s.GetProperty("agents").GetInt32();
        // The answer is the least agents meeting the target: it meets it, one fewer does not (read from the table around it).
        var rows = json.GetProperty("kpisByAgents").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("agents").GetInt32());
        string column = option == "--max-asa" ? "averageSpeedOfAnswerSeconds" : "occupancy";
        double limit = option == "--max-asa" ? 30 : 0.8;
        rows[agents].GetProperty(column).GetDouble().Should().BeLessThanOrEqualTo(limit);
        rows[agents - 1].GetProperty(column).GetDouble().Should().BeGreaterThan(limit);
    }

    [Fact]
    public void Staffing_MaxAbandonAlone_UsesErlangA()
    {
        var run = CliRun.Of("staffing", "--contacts", "100", "--aht", "180s", "--max-abandon", "0.05", "--patience", "3m", "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var json = JsonDocument.Parse(run.Out).RootElement;
        json.GetProperty("staffing").GetProperty("limitingConstraint").GetString().Should().Be("abandonment");
        int agents = json.GetProperty("staffing").GetProperty("agents").GetInt32();
        var rows = json.GetProperty("kpisByAgents").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("agents").GetInt32());
        rows[agents].GetProperty("probabilityOfAbandonment").GetDouble().Should().BeLessThanOrEqualTo(0.05);
        rows[agents - 1].GetProperty("probabilityOfAbandonment").GetDouble().Should().BeGreaterThan(0.05);
    }

    [Theory]
    // 1e300 contacts x 180 s / 1800 s = 1e299 Erlangs, past QueueLoad.MaxTrafficErlangs = 1e8.
    [InlineData("--contacts", "1e300", "--contacts x --aht / --interval is 1E+299 Erlangs")]
    [InlineData("--agents", "2147483647", "--agents must be between 0 and 200000000; was 2147483647")]
    public void Staffing_BeyondTheModelsRange_Exits2NamingTheLimit(string option, string value, string message)
    {
        string[] args = option == "--contacts"
            ? ["staffing", "--contacts", value, "--aht", "180s", "--target", "80/20"]
            : ["staffing", "--contacts", "100", "--aht", "180s", option, value];
        var run = CliRun.Of(args);
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public void Run_SeveralMissingOptions_ReportsThemOnOneLine()
    {
        var run = CliRun.Of("clv", "predict", "--model", "bg-nbd", "--summary", "x.csv");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain("'--horizon'").And.Contain("'--margin'").And.EndWith("for usage.");
    }

    [Theory]
    // 10 years = 3652.5 days: floor(3652.5 / 7) = 521 weeks, floor(3652.5 / 1) = 3652 days.
    [InlineData("week", "100000", "--horizon: at most 521 periods of a week (10 years); was 100000")]
    [InlineData("day", "3653", "--horizon: at most 3652 periods of a day (10 years); was 3653")]
    public void ClvPredict_HorizonBeyondTheLimit_Exits2BeforeAnyWork(string period, string horizon, string message)
    {
        // clv predict --horizon 100000 ran past 5 minutes; the limit is checked before the fits.
        using var dir = new TempDir();
        string path = dir.File("rfm.csv");
        File.WriteAllText(path, "customer_id,frequency,recency,T,monetary_value\nc1,3,20,30,10\nc2,1,5,30,12\n");
        var run = CliRun.Of("clv", "predict", "--model", "bg-nbd", "--summary", path, "--currency", "EUR", "--period", period,
            "--horizon", horizon, "--margin", "0.3", "--discount-rate", "0.1");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain(message);
    }

    [Theory]
    [InlineData("clv predict --top many", "'--top' as a whole number")]
    [InlineData("kpis --interactions i.csv --confidence high", "'--confidence' as a number")]
    public void ParseError_NamesTheKindOfValue_NotADotNetType(string command, string expected)
    {
        var run = CliRun.Of(command.Split(' '));

        run.ExitCode.Should().Be(2);
        Lines(run.Error).Should().ContainSingle().Which.Should().Contain(expected).And.NotContain("System.");
    }

    [Theory]
    [InlineData("report --data none --bucket year", "--bucket: unknown bucket 'year'; use month, week.")]
    [InlineData("cost --interactions i.csv --rates r.json --by site", "--by: unknown dimension 'site'; use channel, segment, reason, customer.")]
    [InlineData("kpis --interactions i.csv --sl-formula f9", "--sl-formula: unknown formula 'f9'; use f1, f2, f3, f4, f5, genesys, amazon-connect.")]
    public void NameOption_UnknownName_Exits2ListingTheNamesBeforeReadingAnyFile(string command, string expected)
    {
        var run = CliRun.Of(command.Split(' '));

        run.ExitCode.Should().Be(2);
        Lines(run.Error).Should().Equal($"contactmetrics: {expected}");
    }
}
