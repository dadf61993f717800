namespace ContactMetrics.Cli.Tests.Commands;

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

    [Fact]
    public void Demo_ReportHeadline_IsTheDemosBusinessCase()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "800", "--seed", "11", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var section = doc.RootElement.GetProperty("analysis").GetProperty("businessCase");
        decimal total = section.GetProperty("total").GetProperty("amount").GetDecimal();
        decimal p10 = section.GetProperty("p10").GetProperty("amount").GetDecimal();
        decimal p90 = section.GetProperty("p90").GetProperty("amount").GetDecimal();
        string html = File.ReadAllText(dir.File("report.html"));

        // The demo prints and the report shows the analysis of the tables read back, with the same rates
        // (rates.json) and seed: one analysis, the same case to the cent.
        html.Should().Contain($"FCR +5 points: {ContactMetrics.Reporting.HtmlReport.Money((double)total, ContactMetrics.Domain.Currency.Eur)} a year");
        html.Should().Contain($"between {ContactMetrics.Reporting.HtmlReport.Money((double)p10, ContactMetrics.Domain.Currency.Eur)} (P10) and {ContactMetrics.Reporting.HtmlReport.Money((double)p90, ContactMetrics.Domain.Currency.Eur)} (P90)");
    }
}
