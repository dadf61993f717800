using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// Opens the report of a small simulated center in headless chromium (the system's, never one Puppeteer downloads) and
/// checks what a reader gets: no console or page errors, no request beyond the file itself, every chart drawn with a
/// real size on screen and in print. Set CM_REPORT_ARTIFACTS to a folder to keep the screenshots and the PDF.
/// </summary>
public class ReportBrowserTests(ReportData data) : IClassFixture<ReportData>
{
    private static readonly string[] Charts =
        ["chart-waterfall", "chart-tornado", "chart-cost", "chart-whale", "chart-fcr", "chart-nps", "chart-service-level", "chart-aht", "chart-retention", "chart-attribution", "chart-assists", "chart-clv"];

    [ChromiumFact]
    public async Task Report_InHeadlessChromium_RendersEveryChartWithoutErrorsOrRequests()
    {
        File.Exists(ChromiumFactAttribute.Path).Should().BeTrue($"CI installs chromium at {ChromiumFactAttribute.Path} (.ci/run)");
        string path = data.File("browser/report.html");
        HtmlReport.Write(BoardReportBuilder.Build(data.Inputs.Analysis(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"])), path);
        string url = new Uri(path).AbsoluteUri;

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumFactAttribute.Path,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                problems.Add($"console {e.Message.Type}: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e.Message);
        page.Dialog += (_, e) => problems.Add("dialog: " + e.Dialog.Message);
        page.RequestFailed += (_, e) => problems.Add($"request failed: {e.Request.Url} {e.Request.FailureText}");
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1100, Height = 900 });

        var response = await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });

        response.Ok.Should().BeTrue();
        requests.Should().Equal([url], "the page loads nothing besides itself");
        (await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#headline .tile').length")).Should().Be(5);
        (await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent")).Should().Be("What the contact center is worth");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('#headline .headline-value').textContent")).Should().MatchRegex("^FCR \\+5 points: €[0-9,.]+ a year$");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('#clv table').textContent")).Should().Contain(ReportData.Hostile, "the encoded name shows as text");
        // What a board asks of the page (#17 item 6): when and by what it was made, over which window; the goal line on
        // service level; the tornado's two ends told apart; survival curves with their bands; channels in words.
        (await page.EvaluateExpressionAsync<string>("document.querySelector('header .generated').textContent"))
            .Should().MatchRegex(@"^Data window \d+ \w+ \d{4} to \d+ \w+ \d{4} \(as of [^)]+\) · generated \d+ \w+ \d{4} \d\d:\d\d UTC · ContactMetrics\.Reporting \S+$");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('#chart-service-level').textContent")).Should().Contain("goal 80%");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('#chart-tornado').textContent")).Should().Contain("input at its low end").And.Contain("input at its high end");
        (await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#chart-retention [style*=fill-opacity]').length")).Should().BeGreaterThanOrEqualTo(2, "each curve has its shaded band");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('#chart-aht').textContent")).Should().Contain("Phone");
        await ChartsVisible(page, "screen");
        await Keep(page, "report-screen.png");

        await page.EmulateMediaTypeAsync(MediaType.Print);
        await ChartsVisible(page, "print");
        byte[] pdf = await page.PdfDataAsync(new PdfOptions { Format = PaperFormat.A4, PrintBackground = false });
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        await Keep(page, "report-print.png", pdf);
        problems.Should().BeEmpty();
        requests.Should().Equal([url]);
    }

    private static async Task ChartsVisible(IPage page, string media)
    {
        double pageWidth = await page.EvaluateExpressionAsync<double>("document.documentElement.clientWidth");
        foreach (var id in Charts)
        {
            var chart = await page.QuerySelectorAsync("#" + id);
            chart.Should().NotBeNull($"{id} is in the page ({media})");
            var box = await chart!.BoundingBoxAsync();
            box.Should().NotBeNull($"{id} is laid out ({media})");
            box!.Width.Should().BeGreaterThan(200, $"{id} is drawn wide enough to read ({media})");
            box.Height.Should().BeGreaterThan(80, $"{id} has height ({media})");
            ((double)(box.X + box.Width)).Should().BeLessThanOrEqualTo(pageWidth + 1, $"{id} fits the page width ({media})");
            (await chart.IsVisibleAsync()).Should().BeTrue($"{id} is visible ({media})");
            (await chart.EvaluateFunctionAsync<int>("e => e.querySelectorAll('path, polyline, rect, text').length")).Should().BeGreaterThan(10, $"{id} has drawn content ({media})");
        }
    }

    private static async Task Keep(IPage page, string name, byte[]? pdf = null)
    {
        if (Environment.GetEnvironmentVariable("CM_REPORT_ARTIFACTS") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(Path.Combine(folder, name), new ScreenshotOptions { FullPage = true });
        if (pdf is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "report.pdf"), pdf);
        }
    }
}
