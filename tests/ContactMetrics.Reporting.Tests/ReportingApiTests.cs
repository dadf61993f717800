using System.Text.RegularExpressions;
using System.Xml.Linq;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>The public entry points as a notebook or a file-based app uses them: build, render or write, export charts.</summary>
public class ReportingApiTests(ReportData data) : IClassFixture<ReportData>
{
    private static readonly string[] AllCharts =
        ["chart-waterfall", "chart-tornado", "chart-fcr", "chart-nps", "chart-service-level", "chart-aht", "chart-cost", "chart-whale", "chart-retention", "chart-attribution", "chart-assists", "chart-clv"];

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Four phone contacts in January 2025 (UTC) about billing: C1 calls on the 6th and again on the 8th (a repeat within
    /// 7 days), C2 on the 10th, C3 on the 20th; CSAT answers 5, 2 and 4; no purchases, touches, conversions or rates.
    /// </summary>
    private static ReportInputs HandMade()
    {
        var customers = new[]
        {
            new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 1), segment: "retail"),
            new Customer(new CustomerId("C2"), new LocalDate(2024, 1, 1), segment: "retail"),
            new Customer(new CustomerId("C3"), new LocalDate(2024, 6, 1), segment: "business"),
        };
        static Interaction Call(string id, string customer, int day, int hour, int? csat) =>
            new(new InteractionId(id), new CustomerId(customer), Channel.Phone,
                Instant.FromUtc(2025, 1, day, hour, 0), Instant.FromUtc(2025, 1, day, hour, 5),
                reason: "billing", answeredAt: Instant.FromUtc(2025, 1, day, hour, 0, 15), talk: Duration.FromSeconds(240), afterCallWork: Duration.FromSeconds(45),
                survey: csat is int score ? new SurveyResponse(csat: score) : null);
        var interactions = new[] { Call("I1", "C1", 6, 9, 5), Call("I2", "C1", 8, 9, 2), Call("I3", "C2", 10, 10, 4), Call("I4", "C3", 20, 11, null) };
        return new ReportInputs(customers, interactions, [], [], []);
    }

    private sealed class At(Instant instant) : IClock
    {
        public Instant GetCurrentInstant() => instant;
    }

    [Fact]
    public void Stamp_SaysTheDataWindowWhenAndByWhat()
    {
        var analysis = HandMade().Analysis();
        // HandMade's contacts run 6-20 Jan 2025 (UTC); the window ends at the start of the next day.
        var stamped = BoardReportBuilder.Build(analysis, new At(Instant.FromUtc(2026, 12, 6, 7, 5)));
        HtmlReport.Stamp(stamped).Should().MatchRegex(
            @"^Data window 6 Jan 2025 to 20 Jan 2025 \(as of 2025-01-21T00:00:00Z\) · generated 6 Dec 2026 07:05 UTC · ContactMetrics\.Reporting \d+\.\d+\.\d+\S*$");
        HtmlReport.Render(stamped).Should().Contain("generated 6 Dec 2026 07:05 UTC");

        var unstamped = BoardReportBuilder.Build(analysis, clock: null);
        unstamped.GeneratedAt.Should().BeNull();
        HtmlReport.Stamp(unstamped).Should().NotContain("generated");
    }

    [Fact]
    public void AhtSentence_WeighsEveryContact_NotEveryMonth()
    {
        // Phone: one 10-minute call in January, nine 2-minute calls in February (talk only). Hand: over the period
        // (10 + 9 x 2) / 10 = 2.8 minutes per call; the mean of the two monthly AHTs, (10 + 2) / 2 = 6.0, would overstate it.
        var customers = new[] { new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 1)) };
        static Interaction Call(int k, int month, int day, int minutes) =>
            new(new InteractionId($"I{k}"), new CustomerId("C1"), Channel.Phone,
                Instant.FromUtc(2025, month, day, 9, 0), Instant.FromUtc(2025, month, day, 9, minutes),
                reason: $"r{k}", answeredAt: Instant.FromUtc(2025, month, day, 9, 0), talk: Duration.FromMinutes(minutes));
        var interactions = new List<Interaction> { Call(0, 1, 10, 10) };
        interactions.AddRange(Enumerable.Range(1, 9).Select(k => Call(k, 2, k + 1, 2)));
        var report = BoardReportBuilder.Build(new ReportInputs(customers, interactions, [], [], []).Analysis());

        report.Kpis.AverageHandleTime.Should().ContainSingle().Which.Values.Should().Equal(10.0, 2.0);
        report.Kpis.AverageHandleTimeOverWindow.Should().ContainSingle().Which.Should().Be(new ChannelFigure("phone", 2.8));
        HtmlReport.Render(report).Should().Contain("Phone takes longest, 2.8 minutes per contact over the period");
    }

    [Fact]
    public void Build_HandMadeTables_GivesTheKpisByHandAndNamesEveryGap()
    {
        var report = BoardReportBuilder.Build(HandMade().Analysis());

        report.Kpis.Buckets.Should().Equal(new LocalDate(2025, 1, 1));
        // Repeat-contact FCR per issue (KpiOptions.Default: a same-reason contact within 7 days is a repeat) = issues without a
        // repeat / issues: I2 repeats I1, so the issues are I1 (repeated), I3 and I4: 2 / 3.
        report.Kpis.Fcr.Values.Should().Equal(2.0 / 3);
        // CSAT top-2 box: answers 5, 2, 4 -> two of three are 4 or 5.
        report.Kpis.Csat.Values[0].Should().BeApproximately(2.0 / 3, 1e-12);
        // AHT = talk 240 s + ACW 45 s = 285 s = 4.75 minutes on every call.
        report.Kpis.AverageHandleTime.Should().ContainSingle().Which.Values[0].Should().BeApproximately(4.75, 1e-12);
        report.Overview.Contacts.Should().Be(4);
        report.Overview.FirstDay.Should().Be(new LocalDate(2025, 1, 6));
        report.Overview.ObservationEnd.Should().Be(Instant.FromUtc(2025, 1, 21, 0, 0), "the start of the day after the last contact");
        report.BusinessCase.Should().BeNull();
        report.Cost.Should().BeNull();
        report.Attribution.Should().BeNull();
        report.Clv.Should().BeNull();
        report.Gaps.Should().Contain(g => g.StartsWith("Business case:")).And.Contain(g => g.StartsWith("Cost-to-serve"))
            .And.Contain(g => g.StartsWith("Attribution:")).And.Contain("Customer value: There are no purchases to value customers on.");
    }

    [Fact]
    public void RenderAndCharts_HandMadeTables_DrawTheKpiChartsOnly()
    {
        var report = BoardReportBuilder.Build(HandMade().Analysis());

        string html = HtmlReport.Render(report);
        var charts = report.Charts();

        charts.Select(c => c.Id).Should().Equal("chart-fcr", "chart-nps", "chart-service-level", "chart-aht");
        Regex.Matches(html, "<svg id=\"(chart-[a-z-]+)\"").Select(m => m.Groups[1].Value).Should().Equal(charts.Select(c => c.Id), "the page draws the same charts in the same order");
        html.Should().Contain("FCR was 67% in Jan 25.").And.NotContain("<!--chart:", "every placeholder is replaced by its chart");
        foreach (var chart in charts)
        {
            html.Should().Contain(HtmlReport.E(chart.Title)).And.Contain(HtmlReport.E(chart.Finding));
        }
    }

    [Fact]
    public void Build_NoInteractions_ThrowsReportDataException()
    {
        var tables = HandMade();
        var empty = ContactCenterAnalysis.Create(ContactCenterData.Create(tables.Customers, [], [], [], []),
            new ObservationWindow(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2025, 2, 1, 0, 0), DateTimeZone.Utc));

        var act = () => BoardReportBuilder.Build(empty);

        act.Should().Throw<ReportDataException>().WithMessage("There are no interactions*");
    }

    [Theory]
    [InlineData("Margin")]
    [InlineData("ClvYears")]
    [InlineData("Iterations")]
    [InlineData("MaxCustomersValued")]
    public void AnalysisOptions_OutOfRange_ThrowNamingTheOption(string option)
    {
        Action act = option switch
        {
            "Margin" => () => _ = new AnalysisOptions { Margin = 1.5 },
            "ClvYears" => () => _ = new AnalysisOptions { ClvYears = 0 },
            "Iterations" => () => _ = new AnalysisOptions { Iterations = 0 },
            _ => () => _ = new AnalysisOptions { MaxCustomersValued = 0 },
        };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(option);
    }

    [Fact]
    public void ThreeLines_SimulatedRecordsInMemory_WriteOneSelfContainedPage()
    {
        // The use of docs/report.md, on records made in code (no CSV): analyse, build, write, export.
        var center = data.Center;
        var inputs = new ReportInputs(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions);

        var report = BoardReportBuilder.Build(inputs.Analysis(center.Options.TimeZone, center.End));
        HtmlReport.Write(report, data.File("api/out/report.html"));
        var charts = report.Charts();

        string html = File.ReadAllText(data.File("api/out/report.html"));
        html.Should().Be(HtmlReport.Render(report), "Write writes what Render returns");
        html.Should().StartWith("<!DOCTYPE html>").And.NotContain("http://").And.NotContain("https://");
        // Without rates the business case and cost charts are left out; every other chart is drawn.
        charts.Select(c => c.Id).Should().Equal(AllCharts.Except(["chart-waterfall", "chart-tornado", "chart-cost", "chart-whale"]));
    }

    [Fact]
    public void Charts_FullReport_EveryChartIsAWellFormedSvgDocumentWithItsTitle()
    {
        var report = BoardReportBuilder.Build(data.Inputs.Analysis(data.Center.Options.TimeZone, data.Center.End));

        var charts = report.Charts();

        charts.Select(c => c.Id).Should().Equal(AllCharts);
        foreach (var chart in charts)
        {
            string svg = chart.ToSvg();
            var doc = XDocument.Parse(svg);
            doc.Root!.Name.Should().Be(Svg + "svg", chart.Id);
            doc.Root.Attribute("viewBox")!.Value.Should().Be(FormattableString.Invariant($"0 0 {chart.Width} {chart.Height}"));
            doc.Root.Element(Svg + "title")!.Value.Should().Be(chart.Title);
            doc.Root.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "polygon" or "rect" or "text").Should().BeGreaterThan(10, $"{chart.Id} draws something");
            chart.Finding.Should().NotBeNullOrWhiteSpace();
            chart.ToString().Should().Be($"{chart.Id}: {chart.Title}");
        }
        // The hostile channel name is an axis label of the attribution chart: encoded in the XML, text when parsed.
        XDocument.Parse(charts.Single(c => c.Id == "chart-attribution").ToSvg()).Descendants(Svg + "text").Select(t => t.Value).Should().Contain(ReportData.Hostile);
    }

    [Fact]
    public void ToSvg_TwoExports_AreTheSame()
    {
        var chart = BoardReportBuilder.Build(HandMade().Analysis()).Charts()[0];

        chart.ToSvg().Should().Be(chart.ToSvg(), "each export draws a fresh plot of the same numbers");
    }
}
