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
