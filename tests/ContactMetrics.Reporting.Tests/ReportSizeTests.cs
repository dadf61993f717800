using System.Text;
using System.Text.RegularExpressions;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>The page stays small whatever the size of the data (issue #13 item 6: report.html at most 2 MB at any size).</summary>
public partial class ReportSizeTests(ReportData data) : IClassFixture<ReportData>
{
    private const int Segments = 400;
    private const int TouchChannels = 300;

    [Fact]
    public void Render_ManySegmentsChannelsAndDailyBuckets_PageUnderTwoMegabytes()
    {
        // A large synthetic analysis: the fixture's customers in 400 segments, its touchpoints in 300 marketing channels, and
        // the KPI trends by day over two years (730 buckets on each of about ten lines).
        var analysis = LargeAnalysis();
        analysis.Trend.Count.Should().BeGreaterThan(600, "a bucket per day with contacts in the two years");

        string page = HtmlReport.Render(BoardReportBuilder.Build(analysis, null));

        Encoding.UTF8.GetByteCount(page).Should().BeLessThan(2_000_000);
        // Every table is capped: the attribution table lists the top channels and counts the rest in one row.
        int attributionRows = TableRows(Section(page, "attribution"));
        attributionRows.Should().BeLessThanOrEqualTo(HtmlReport.MaxTableRows + 1);
        Section(page, "attribution").Should().Contain("more channels");
        TableRows(Section(page, "clv")).Should().BeLessThanOrEqualTo(HtmlReport.MaxTableRows + 1);
        Section(page, "clv").Should().Contain("more segments");
    }

    [Fact]
    public void Render_DailyBuckets_LinesCarryAtMostTheCapOfPointsAndNoMarkers()
    {
        var analysis = LargeAnalysis();
        var report = BoardReportBuilder.Build(analysis, null);

        string svg = report.Charts().Single(c => c.Id == "chart-fcr").ToSvg();

        // 730 daily buckets are drawn as at most MaxLinePoints points per line, without a marker per point (a marker is an
        // SVG element of its own).
        svg.Length.Should().BeLessThan(150_000);
        HtmlReport.LinePoints(730).Should().HaveCountLessThanOrEqualTo(HtmlReport.MaxLinePoints);
    }

    private ContactCenterAnalysis LargeAnalysis()
    {
        var i = data.Inputs;
        var customers = i.Customers.Select((c, k) => new Customer(c.Id, c.AcquiredOn, c.ChurnedOn, $"segment {k % Segments:D3}")).ToList();
        var touches = i.Touchpoints.Select((t, k) => new Touchpoint(t.CustomerId, t.OccurredAt, $"campaign {k % TouchChannels:D3}")).ToList();
        var tables = ContactCenterData.Create(customers, i.Interactions, i.Purchases, touches, i.Conversions);
        var window = new ObservationWindow(data.Center.Start, data.Center.End, DateTimeZone.Utc);
        return ContactCenterAnalysis.Create(tables, window, new AnalysisOptions { Rates = i.Rates, RatesSource = "rates.json", TrendBucket = TimeBucket.Day });
    }

    private static string Section(string page, string id)
    {
        int start = page.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the page has the {id} section");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static int TableRows(string section) => BodyRow().Matches(section[section.IndexOf("<tbody>", StringComparison.Ordinal)..]).Count;

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex BodyRow();
}
