namespace ContactMetrics.Cli.Tests.Report;

public class DemoReportTests
{
    [Fact]
    public void Demo_SmallCenter_WritesTheReportBesideItsTables()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "400", "--seed", "3");

        run.ExitCode.Should().Be(0, run.Error);
        string path = dir.File("report.html");
        File.Exists(path).Should().BeTrue();
        run.Out.Should().Contain("Board report").And.Contain(path);
        string html = File.ReadAllText(path);
        html.Should().Contain("<svg id=\"chart-retention\"").And.Contain("calendar Europe/Amsterdam", "the demo's report follows the simulation's calendar");

    }
}
