namespace ContactMetrics.Cli.Tests;

/// <summary>Help shows option values as the docs and the parser take them (lowercase), never the CLI's enum names.</summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("kpis", "--format <table|json|csv>")]
    [InlineData("cost", "--format <table|json|csv>")]
    [InlineData("summarize", "--format <table|json|csv>")]
    [InlineData("demo", "--format <table|json>")]
    [InlineData("report", "--format <table|json>")]
    public void Help_FormatOption_IsLowercaseAsDocumented(string command, string expected)
    {
        var run = CliRun.Of(command, "--help");

        run.ExitCode.Should().Be(0, run.Error);
        string help = run.Out + run.Error;
        help.Should().Contain(expected);
        help.Should().NotContain("Csv|Json|Table").And.NotContain("OutputFormat");
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("report")]
    [InlineData("kpis")]
    [InlineData("cost")]
    [InlineData("staffing")]
    [InlineData("summarize")]
    [InlineData("validate")]
    [InlineData("attribution")]
    [InlineData("clv", "fit")]
    [InlineData("clv", "predict")]
    [InlineData("retention", "km")]
    [InlineData("retention", "cox")]
    [InlineData("retention", "sbg")]
    [InlineData("retention", "uplift")]
    public void Help_EveryCommand_ShowsNoEnumMemberNames(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);

        run.ExitCode.Should().Be(0, run.Error);
        // An enum's member names start with a capital ("<Insurer|Retail|Telecom>", "[default: Table]"); the values users
        // type are lowercase. UTC and EUR are values as typed.
        var enumChoices = System.Text.RegularExpressions.Regex.Matches(run.Out, @"<[A-Z][a-z]+\||\|[A-Z][a-z]+>|\[default: [A-Z][a-z]+\]");
        enumChoices.Select(m => m.Value).Should().BeEmpty();
    }

    [Fact]
    public void Help_Demo_PresetChoicesLowercaseWithTheDefaultInWords()
    {
        var run = CliRun.Of("demo", "--help");

        run.Out.Should().Contain("--preset <telecom|insurer|retail>").And.Contain("telecom (monthly subscriptions; the default)");
    }

    [Fact]
    public void Json_EveryDocument_StartsWithItsSchemaVersion()
    {
        var run = CliRun.Of("staffing", "--contacts", "100", "--interval", "30m", "--aht", "180s", "--target", "80/20", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var root = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        root.EnumerateObject().First().Name.Should().Be("schemaVersion");
        root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
    }
}
