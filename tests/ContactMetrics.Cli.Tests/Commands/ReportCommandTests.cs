using System.Text.RegularExpressions;

namespace ContactMetrics.Cli.Tests.Commands;

public class ReportCommandTests(ReportData data) : IClassFixture<ReportData>
{
    [Fact]
    public void Report_DemoTables_WritesOneHtmlFileWithEveryChart()
    {
        using var dir = new TempDir();
        string path = dir.File("report.html");
        var run = CliRun.Of("report", "--data", data.Dir, "--out", path, "--time-zone", "Europe/Amsterdam");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain(path);
        string html = File.ReadAllText(path);
        html.Should().StartWith("<!DOCTYPE html>");
        foreach (var id in new[] { "chart-waterfall", "chart-tornado", "chart-cost", "chart-whale", "chart-fcr", "chart-nps", "chart-service-level", "chart-aht", "chart-retention", "chart-attribution", "chart-assists", "chart-clv" })
        {
            Regex.Matches(html, $"<svg id=\"{id}\"").Should().HaveCount(1, $"the report draws {id} once");
        }
        html.Should().Contain("<h1>What the contact center is worth</h1>");
    }

    [Fact]
    public void Report_TextFromData_IsHtmlEncoded()
    {
        using var dir = new TempDir();
        string path = dir.File("report.html");
        CliRun.Of("report", "--data", data.Dir, "--out", path).ExitCode.Should().Be(0);
        string html = File.ReadAllText(path);

        // The segment (customers.csv) and the touchpoint channel (touchpoints.csv) named <script>alert(1)</script> appear
        // only encoded: in the CLV segment table, the attribution table and the attribution chart's axis labels.
        html.Should().NotContain("<script", "no script element at all, and data cannot add one");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        Regex.Matches(html, "&lt;script&gt;alert\\(1\\)&lt;/script&gt;").Count.Should().BeGreaterThanOrEqualTo(3, "segment row, channel row and chart label");
    }

    [Fact]
    public void Report_Output_HasNoExternalReference()
    {
        using var dir = new TempDir();
        string path = dir.File("report.html");
        CliRun.Of("report", "--data", data.Dir, "--out", path).ExitCode.Should().Be(0);
        string html = File.ReadAllText(path);

        html.Should().NotContainAny("http://", "https://", "//cdn", "@import", "@font-face");
        Regex.IsMatch(html, "\\b(src|href)\\s*=", RegexOptions.IgnoreCase).Should().BeFalse("nothing is loaded: no src or href attribute");
        Regex.IsMatch(html, "url\\((?!#)", RegexOptions.IgnoreCase).Should().BeFalse("CSS and SVG url() only point inside the page");
    }

    [Theory]
    [InlineData("customers.csv")]
    [InlineData("interactions.csv")]
    [InlineData("purchases.csv")]
    [InlineData("touchpoints.csv")]
    [InlineData("conversions.csv")]
    public void Report_MissingTable_ExitsTwoNamingTheFile(string missing)
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv" }.Where(n => n != missing))
        {
            File.Copy(data.File(name), dir.File(name));
        }
        var run = CliRun.Of("report", "--data", dir.Path, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(missing);
        File.Exists(dir.File("report.html")).Should().BeFalse("nothing is written when input is missing");
    }

    [Fact]
    public void Report_WithoutRates_LeavesOutTheCostSectionsAndSaysWhy()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv" })
        {
            File.Copy(data.File(name), dir.File(name));
        }
        var run = CliRun.Of("report", "--data", dir.Path, "--out", dir.File("report.html"));

        run.ExitCode.Should().Be(0, run.Error);
        string html = File.ReadAllText(dir.File("report.html"));
        html.Should().NotContain("chart-whale").And.Contain("Not shown: Cost-to-serve and the whale curve: No cost rates were given");
    }

    [Fact]
    public void Report_RatesFileGivenButMissing_ExitsTwoNamingIt()
    {
        var run = CliRun.Of("report", "--data", data.Dir, "--rates", "/no/such/rates.json", "--out", "x.html");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("/no/such/rates.json");
    }

    [Fact]
    public void Report_MissingFolder_ExitsTwoNamingIt()
    {
        var run = CliRun.Of("report", "--data", "/no/such/folder", "--out", "x.html");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("/no/such/folder");
    }

    [Fact]
    public void Report_BadBucket_ExitsTwo()
    {
        var run = CliRun.Of("report", "--data", data.Dir, "--bucket", "year");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--bucket");
    }
}
