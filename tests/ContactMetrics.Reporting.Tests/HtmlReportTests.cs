using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Reporting.Tests;

public class HtmlReportTests
{
    private static readonly string[] Months = ["Jan 24", "Feb 24", "Mar 24"];

    [Theory]
    [InlineData(0.71, 0.74, "FCR rose from 71% in Jan 24 to 74% in Mar 24.")]
    [InlineData(0.74, 0.71, "FCR fell from 74% in Jan 24 to 71% in Mar 24.")]
    [InlineData(0.712, 0.709, "FCR held at 71% from Jan 24 to Mar 24.")]
    public void Change_FirstAndLastBuckets_SaysWhichWayInWords(double first, double last, string expected)
    {
        var series = new KpiSeries("FCR", ImmutableArray.Create<double?>(first, null, last));

        HtmlReport.Change("FCR", series, Months, HtmlReport.Percent).Should().Be(expected);
    }

    [Fact]
    public void Change_GapsAtTheEnds_UsesTheBucketsThatHaveData()
    {
        var series = new KpiSeries("SL", ImmutableArray.Create<double?>(null, 0.8, null));

        HtmlReport.Change("SL", series, Months, HtmlReport.Percent).Should().Be("SL was 80% in Feb 24.");
        HtmlReport.Change("SL", new KpiSeries("SL", [null, null, null]), Months, HtmlReport.Percent).Should().Be("SL: no data.");
    }

    [Fact]
    public void Change_WithStandardErrors_StatesTheIntervalOfTheChange()
    {
        // FCR 70% of 1,000 -> 75% of 1,000. Hand: SE = sqrt(.7 x .3 / 1000) = 0.014491 and sqrt(.75 x .25 / 1000) = 0.013693;
        // the change 5.0 points +- 1.959964 x sqrt(0.014491^2 + 0.013693^2) = +- 3.908 points -> 95% CI +1.1 to +8.9: a rise.
        var fcr = new KpiSeries("FCR", ImmutableArray.Create<double?>(0.70, null, 0.75))
        {
            StandardErrors = ImmutableArray.Create<double?>(Math.Sqrt(0.7 * 0.3 / 1000), null, Math.Sqrt(0.75 * 0.25 / 1000)),
        };
        HtmlReport.Change("FCR", fcr, Months, HtmlReport.Percent, HtmlReport.ToPoints)
            .Should().Be("FCR rose from 70% in Jan 24 to 75% in Mar 24: +5.0 points (95% CI +1.1 to +8.9).");

        // NPS 0 (SE 9.0) -> -7 (SE 9.5): -7 +- 1.959964 x sqrt(81 + 90.25) = -7 +- 25.65 -> -32.6 to +18.6 holds 0: no fall is claimed.
        var nps = new KpiSeries("NPS", ImmutableArray.Create<double?>(0, null, -7)) { StandardErrors = ImmutableArray.Create<double?>(9.0, null, 9.5) };
        HtmlReport.Change("NPS", nps, Months, v => v.ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture), v => v)
            .Should().Be("NPS was 0 in Jan 24 and -7 in Mar 24: -7.0 points (95% CI -32.6 to +18.6), within sampling noise.");
    }

    [Theory]
    // R: format.pval(c(0.0474, 0.05008, 2.2e-6, 1e-20, 0.687), digits = 3) -> "0.0474" "0.0501" "2.2e-06" "<2e-16" "0.687".
    [InlineData(0.04740, "0.0474")]
    [InlineData(0.05008, "0.0501")]
    [InlineData(2.2e-6, "2.2e-06")]
    [InlineData(1e-20, "<2e-16")]
    [InlineData(0.687, "0.687")]
    public void PValue_ReadsAsRPrintsIt(double p, string expected) => new PValue(p).ToString().Should().Be(expected);

    [Theory]
    [InlineData("service:phone", "Service: phone")]
    [InlineData("paid_search", "Paid search")]
    [InlineData("email", "Email")]
    [InlineData("(direct)", "(direct)")]
    public void ChannelLabel_SchemaNames_ReadAsWords(string channel, string expected) =>
        HtmlReport.ChannelLabel(channel).Should().Be(expected);

    [Theory]
    [InlineData(1234.4, "EUR", "€1,234")]
    [InlineData(25_300, "EUR", "€25,300")]
    [InlineData(2_450_000, "USD", "$2.45M")]
    [InlineData(-512, "GBP", "-£512")]
    [InlineData(90, "CHF", "90.00 CHF")]
    [InlineData(0.024, "EUR", "€0.02")]
    public void Money_Amounts_ReadAsABoardExpects(double amount, string currency, string expected) =>
        HtmlReport.Money(amount, Currency.Of(currency)).Should().Be(expected);

    [Fact]
    public void SurvivalSteps_ManyEvents_AtMostOneStepPerBinAndTheCurveKept()
    {
        // 200,000 customers, one churn at each of 100,000 distinct times (the others censored at the end): the curve
        // has 100,000 steps; drawn, at most MaxCurveSteps + 2 points (the origin, one per time bin, the last row).
        int n = 200_000;
        var durations = new double[n];
        var events = new bool[n];
        for (int i = 0; i < n; i++)
        {
            durations[i] = i < n / 2 ? 1 + (i * 0.007) : 730;
            events[i] = i < n / 2;
        }
        var curve = ContactMetrics.Retention.KaplanMeier.Estimate(ContactMetrics.Retention.SurvivalTable.FromColumns(durations, events))[0];

        var steps = HtmlReport.SurvivalSteps(curve);
        var points = steps.Select(step => new OxyPlot.DataPoint(step.Time, step.Survival)).ToList();

        curve.Rows.Length.Should().BeGreaterThanOrEqualTo(100_000);
        points.Count.Should().BeLessThanOrEqualTo(HtmlReport.MaxCurveSteps + 2);
        points[0].Should().Be(new OxyPlot.DataPoint(0, 1));
        points[^1].Y.Should().Be(curve.Rows[^1].Survival);
        points.Select(p => p.X).Should().BeInAscendingOrder();
        points.Select(p => p.Y).Should().BeInDescendingOrder();
        // Each drawn point lies on the true curve: its survival is that of the last row at or before its time.
        foreach (var p in points.Skip(1))
        {
            curve.Rows.Last(r => r.Time <= p.X).Survival.Should().Be(p.Y);
        }
        // The shaded band of each drawn step is the row's log-transformed interval (R's default conf.type = "log").
        foreach (var step in steps.Skip(1).Where(x => x.Survival > 0))
        {
            var row = curve.Rows.Last(r => r.Time <= step.Time);
            (step.Low, step.High).Should().Be((row.Log.Lower, row.Log.Upper));
            step.Low.Should().BeLessThanOrEqualTo(step.Survival);
            step.High.Should().BeGreaterThanOrEqualTo(step.Survival);
        }
    }

    [Fact]
    public void E_Markup_IsEncoded() =>
        HtmlReport.E("<b a=\"1\">&'</b>").Should().Be("&lt;b a=&quot;1&quot;&gt;&amp;&#39;&lt;/b&gt;");
}
