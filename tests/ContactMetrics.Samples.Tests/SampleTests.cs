using System.Text.RegularExpressions;
using static ContactMetrics.Samples.Tests.OutputParsing;

namespace ContactMetrics.Samples.Tests;

/// <summary>The `dotnet run` tests build into one artifacts folder: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetRunCollection
{
    public const string Name = "dotnet run";
}

/// <summary>Runs every docs/samples/*.cs with `dotnet run` and checks what it prints.</summary>
[Collection(DotnetRunCollection.Name)]
public sealed class SampleTests
{
    /// <summary>The samples these tests run; a new sample needs a test here.</summary>
    private static readonly string[] Tested = ["attribution", "business-case", "clv", "cost-to-serve", "interop", "kpis", "report", "retention", "staffing"];

    private static DotnetRunResult Run(string sample, params string[] args)
    {
        var run = DotnetRun.File(Repository.Path("docs", "samples", sample + ".cs"), args);
        run.ExitCode.Should().Be(0, run.ToString());
        return run;
    }

    [Fact]
    public void Samples_EveryFile_IsRunByATest()
    {
        Directory.GetFiles(Repository.Path("docs", "samples"), "*.cs").Select(Path.GetFileNameWithoutExtension)
            .Should().BeEquivalentTo(Tested);
    }

    [Fact]
    public void Interop_DbDataReaderAndArrow_ReadEveryRowAndPrintTheFitAndTheCaseReadably()
    {
        var run = Run("interop");

        // Every simulated row arrives through each path: rows read = accepted, none rejected.
        var db = Match(run.Out, @"^DbDataReader: select \* from interactions: interactions \(datareader\), (\d+) rows read, (\d+) accepted, 0 rejected$");
        db[1].Value.Should().Be(db[2].Value);
        var arrow = Match(run.Out, @"^Arrow: purchases.arrows: purchases \(datareader\), (\d+) rows read, (\d+) accepted, 0 rejected$");
        arrow[1].Value.Should().Be(arrow[2].Value);
        // The fits and the case print as values with standard errors and P10/P90, never as type names.
        run.Out.Should().MatchRegex(@"(?m)^BG/NBD: r = [\d.]+ \(SE [\d.]+\), alpha = [\d.]+ \(SE [\d.]+\), a = [\d.]+ \(SE [\d.]+\), b = [\d.]+ \(SE [\d.]+\); 3,000 customers; converged after \d+ iterations");
        run.Out.Should().MatchRegex(@"(?m)^Gamma-Gamma: p = [\d.]+ \(SE [\d.]+\), q = ");
        run.Out.Should().MatchRegex(@"(?m)^BG/NBD and Gamma-Gamma forecast of 3,000 customers: mean P\(alive\) [\d.]+%");
        run.Out.Should().Contain("DataFrame: 3,000 rows, columns customer_id, frequency, recency, T, monetary_value, p_alive, expected_purchases, expected_spend, clv, currency");
        run.Out.Should().MatchRegex(@"(?m)^FCR \+5 points: [\d,.]+ EUR \(P10 [\d,.]+ EUR, P50 [\d,.]+ EUR, P90 [\d,.]+ EUR\) a year$");
        run.Out.Should().NotContain("ContactMetrics.");
    }

    [Fact]
    public void Staffing_Run_ReproducesTheErlangCReferenceAndAConsistentSaving()
    {
        var run = Run("staffing");

        // 100 calls per 30 min, AHT 180 s, 80/20, 30% shrinkage: 14 agents, 20 scheduled -- the Erlang C reference
        // table reproduced by `contactmetrics staffing` (docs/cli.md, docs/models/staffing.md); 10 Erlangs = 100 x 180 / 1800.
        run.Out.Should().Contain("Traffic: 10 Erlangs").And.Contain("Agents needed: 14, scheduled after shrinkage: 20");
        // The saving line adds up by hand: FTE = hours / 7.6 paid hours, money = hours x 32 EUR.
        var g = Match(run.Out, @"AHT -15 s: ([\d.,]+) scheduled agent-hours a day saved = ([\d.]+) FTE = ([\d.]+) EUR a day");
        double hours = g[1].Number();
        hours.Should().BeGreaterThan(0);
        g[2].Number().Should().BeApproximately(hours / 7.6, 0.006);
        g[3].Number().Should().BeApproximately(hours * 32, 0.01);
    }

    [Fact]
    public void Kpis_Simulated_PrintsPhoneFcrWithItsWilsonInterval()
    {
        var run = Run("kpis");

        // The simulation's default world at 20,000 customers, seed 42 (agents, opening hours and contact rates of issue #13):
        // 109,739 contacts, read from the sample's own run of this version (109,722 before the 17 emails still unanswered
        // at the end of the period were written as open contacts, docs/simulation.md).
        run.Out.Should().Contain("Simulated: 109,739 contacts from 20,000 customers");
        var g = Match(run.Out, @"^Phone FCR ([\d.]+)% \[([\d.]+)%, ([\d.]+)%\] = ([\d,]+)/([\d,]+)$");
        double k = g[4].Number(), n = g[5].Number();
        g[1].Number().Should().BeApproximately(100 * k / n, 0.05);
        // Wilson score interval from the printed counts, by hand (Wilson 1927).
        var (lower, upper) = Wilson95(k, n);
        g[2].Number().Should().BeApproximately(100 * lower, 0.05);
        g[3].Number().Should().BeApproximately(100 * upper, 0.05);
        run.Out.Should().Contain("Service level definition: F3: answered within 20 s / (answered + abandoned)");
    }

    [Fact]
    public void Kpis_ExportWithABadRow_ListsTheRowAndComputesOnTheRest()
    {
        string dir = Path.Combine(DotnetRun.ArtifactsPath, "kpis-input");
        Directory.CreateDirectory(dir);
        string csv = Path.Combine(dir, "interactions.csv");
        File.WriteAllText(csv, """
            interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces
            I1,C1,A1,phone,inbound,phone,billing,2025-03-01T09:00:00Z,2025-03-01T09:00:10Z,2025-03-01T09:05:10Z,240,30,30,true,0,5,10,
            I2,C2,A1,phone,inbound,phone,billing,2025-03-01T09:01:00Z,2025-03-01T09:01:30Z,2025-03-01T09:11:30Z,500,50,50,true,0,2,3,
            I3,C3,A1,fone,inbound,phone,billing,2025-03-01T09:02:00Z,2025-03-01T09:02:05Z,2025-03-01T09:04:05Z,100,0,20,true,0,,,

            """.Replace("\r", string.Empty, StringComparison.Ordinal));

        var run = Run("kpis", csv);

        run.Out.Should().Contain("3 rows read, 2 accepted, 1 rejected").And.Contain("line 4, column 4: channel 'fone'");
        // AHT by hand over the two good rows: (240 + 30 + 30 + 500 + 50 + 50) / 2 = 450 s; ASA (10 + 30) / 2 = 20 s;
        // CSAT top-2-box: one of two answers is 4-5 = 50%.
        Match(run.Out, @"^phone\s+2\s+450\.00\s+20\.00\s+.*\s50\.0%\s+\S+$");
    }

    [Fact]
    public void Clv_CdnowSampleLog_ReproducesThePublishedFits()
    {
        var run = Run("clv", Repository.SharedData("CDNOW_sample.txt"));

        run.Out.Should().Contain("2,357 customers");
        // Fader, Hardie & Lee (2005), Marketing Science 24(2): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
        run.Out.Should().Contain("BG/NBD: r 0.243 (").And.Contain("alpha 4.414 (").And.Contain("a 0.793 (").And.Contain("b 2.426 (").And.Contain("LL -9582.4");
        // Fader, Hardie & Lee (2005), JMR 42(4), CDNOW: p = 6.25, q = 3.74, gamma = 15.44.
        run.Out.Should().Contain("p 6.25 (").And.Contain("q 3.74 (").And.Contain("gamma 15.44 (");
    }

    [Fact]
    public void Clv_Simulated_RecoversThePlantedParameters()
    {
        var run = Run("clv");

        // Planted: the CDNOW estimates (PurchaseOptions defaults, Fader, Hardie & Lee 2005); 6,000 customers recover them
        // within 15% (the core tests check the simulator's BG/NBD moments; this checks the fit end to end).
        var g = Match(run.Out, @"BG/NBD: r ([\d.]+) \(se [\d.]+\), alpha ([\d.]+) \(se [\d.]+\), a ([\d.]+) \(se [\d.]+\), b ([\d.]+) ");
        g[1].Number().Should().BeApproximately(0.243, 0.15 * 0.243);
        g[2].Number().Should().BeApproximately(4.414, 0.15 * 4.414);
        g[3].Number().Should().BeApproximately(0.793, 0.15 * 0.793);
        g[4].Number().Should().BeApproximately(2.426, 0.15 * 2.426);
        var mean = Match(run.Out, @"3-year CLV: total ([\d,]+) EUR, mean ([\d.]+) EUR per customer");
        mean[2].Number().Should().BeApproximately(mean[1].Number() / 6_000, 0.01);
    }

    [Fact]
    public void Retention_Run_ShowsTheUpliftItsValueAndThePublishedSbgFit()
    {
        var run = Run("retention");

        var r = Match(run.Out, @"^resolved\s+[\d,]+ customers, 1-year retention ([\d.]+)%");
        var u = Match(run.Out, @"^unresolved\s+[\d,]+ customers, 1-year retention ([\d.]+)%");
        var d = Match(run.Out, @"^Difference ([\d.-]+)% \[([\d.-]+)%, ([\d.-]+)%\]");
        d[1].Number().Should().BeApproximately(r[1].Number() - u[1].Number(), 0.11);
        // The planted hazard ratio 1.8 of an unresolved contact makes the difference positive beyond its interval.
        d[2].Number().Should().BeGreaterThan(0);
        var hr = Match(run.Out, @"^Hazard ratio unresolved vs resolved ([\d.]+) \[([\d.]+), ([\d.]+)\]");
        hr[2].Number().Should().BeGreaterThan(1);
        // Value = customers kept x 13.65 EUR (the stated value per customer).
        var kept = Match(run.Out, @"^Customers kept ([\d.]+) ");
        var value = Match(run.Out, @"^Value ([\d.]+) EUR \[");
        value[1].Number().Should().BeApproximately(kept[1].Number() * 13.65, 0.05 * 13.65 + 0.01);
        // Fader & Hardie (2007), J. Interactive Marketing 21(1), "regular" cohort: alpha = 0.704, beta = 1.182.
        run.Out.Should().Contain("sBG: alpha 0.704, beta 1.182");
    }

    [Fact]
    public void Attribution_Run_EveryModelHandsOutAllConversions()
    {
        var run = Run("attribution");

        var total = Match(run.Out, @"^([\d,]+) conversions worth ")[1].Number();
        total.Should().Be(7_404); // the conversions of the simulation's default world at 20,000 customers, seed 42 (this version's run)
        var sums = Match(run.Out, @"^total\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$");
        // Credits sum to the conversions for every model: last, linear, Markov, Shapley (docs/models/attribution.md).
        for (int i = 1; i <= 4; i++)
        {
            sums[i].Number().Should().BeApproximately(total, 0.01);
        }
        run.Out.Should().Contain("channel                       last      linear      markov     shapley");
        var markov = Match(run.Out, @"^Markov credit of service:\* ([\d.,]+) conversions");
        markov[1].Number().Should().BeInRange(1, total);
    }

    [Fact]
    public void CostToServe_Run_AddsUpAndMatchesHandComputedCosts()
    {
        var run = Run("cost-to-serve");

        // Self-service costs only its platform fee: 11,462 contacts x 0.02 EUR = 229.24 EUR (by hand; the contacts of the
        // simulation's default world at 20,000 customers, seed 42).
        Match(run.Out, @"^self_service\s+11,462\s+229\.24\s+0\.02\s+0\.02$");
        // The channels reconcile with the total exactly.
        var sum = Match(run.Out, @"^Sum of the channels ([\d.]+) EUR, total ([\d.]+) EUR");
        sum[1].Value.Should().Be(sum[2].Value);
        var profit = Match(run.Out, @"^Profit (-?[\d.,]+) EUR = value ([\d.,]+) EUR - cost ([\d.,]+) EUR$");
        profit[1].Number().Should().BeApproximately(profit[2].Number() - profit[3].Number(), 0.011);
        // Attrition by hand: ramp-up 8 weeks x 38 h x 0.4 x 32 EUR = 3,891.20; per leaver 2,500 + 4,000 + 3,891.20 = 10,391.20;
        // 35% of 120 agents = 42 leavers x 10,391.20 = 436,430.40 EUR.
        run.Out.Should().Contain("Attrition: 10,391.20 EUR per leaver (ramp-up 3,891.20 EUR); 35% of 120 agents = 42 leavers = 436,430.40 EUR a year");
    }

    [Fact]
    public void BusinessCase_Run_LinesAreTheirFormulasAndTheTotalsTheirSum()
    {
        var run = Run("business-case");

        // Each product line's value is the product of the factors it prints (hand check of each formula): FCR's two lines
        // in both cases, the attrition and the assists lines of the programme.
        var products = Regex.Matches(run.Out, @"^\s+= ([\d.,]+) x ([\d.,]+) x ([\d.,]+)(?: EUR)?(?: x ([\d.,]+) EUR)? = ([\d.,]+) EUR$", RegexOptions.Multiline);
        products.Should().HaveCount(6, run.Out);
        foreach (Match m in products)
        {
            double product = m.Groups[1].Number() * m.Groups[2].Number() * m.Groups[3].Number() * (m.Groups[4].Success ? m.Groups[4].Number() : 1);
            product.Should().BeApproximately(m.Groups[5].Number(), 0.002 * m.Groups[5].Number(), m.Value);
        }
        // The AHT line: FTE saved (printed to 0.01) x loaded cost per FTE.
        var aht = Match(run.Out, @"= ([\d.]+) FTE x ([\d.,]+) EUR = ([\d.,]+) EUR$");
        (aht[1].Number() * aht[2].Number()).Should().BeApproximately(aht[3].Number(), 0.005 * aht[2].Number());

        // Each case's point total is the sum of its lines' points (whole euros, so within a euro per line).
        var cases = Regex.Matches(run.Out, @"^(FCR \+5 points|Service programme): ([\d,]+) EUR a year \(P10 ([\d,]+) EUR, P50 ([\d,]+) EUR, P90 ([\d,]+) EUR\)$", RegexOptions.Multiline);
        cases.Should().HaveCount(2);
        var lines = Regex.Matches(run.Out, @"^  [^ ].*: ([\d,]+) EUR \(P10 ([\d,]+) EUR, P50 ([\d,]+) EUR, P90 ([\d,]+) EUR\)$", RegexOptions.Multiline);
        lines.Should().HaveCount(2 + 5);
        var fcrLines = lines.Where(m => m.Index < cases[1].Index).ToList();
        var programmeLines = lines.Where(m => m.Index > cases[1].Index).ToList();
        fcrLines.Sum(m => m.Groups[1].Number()).Should().BeApproximately(cases[0].Groups[2].Number(), fcrLines.Count);
        programmeLines.Sum(m => m.Groups[1].Number()).Should().BeApproximately(cases[1].Groups[2].Number(), programmeLines.Count);
        foreach (Match m in lines.Concat(cases.Select(c => c)))
        {
            int p10 = m.Groups.Count == 5 ? 2 : 3;
            m.Groups[p10].Number().Should().BeLessThanOrEqualTo(m.Groups[p10 + 1].Number(), m.Value);
            m.Groups[p10 + 1].Number().Should().BeLessThanOrEqualTo(m.Groups[p10 + 2].Number(), m.Value);
        }
        // Every input says where it came from (measured, modelled or assumed); the tornado is ranked by swing, largest first
        // (BusinessCase.Tornado). 45,234 = the last year's issues with a resolved flag in the sample's data (the default
        // simulated world at 20,000 customers, seed 42), per issue (FCR per issue, docs/kpis.md): this version's run.
        run.Out.Should().Contain("FCR gain = 0.05 share [0.03, 0.07]: assumed: ").And.Contain("contacts a year = 45,234 contacts a year: measured: ")
            .And.Contain("cost per contact = ").And.MatchRegex("cost per contact = [^\n]*: modelled: ");
        var swings = Regex.Matches(run.Out, @"^    .*: [\d,]+ EUR \.\. [\d,]+ EUR, swing ([\d,]+) EUR$", RegexOptions.Multiline).Select(m => m.Groups[1].Number()).ToList();
        swings.Take(5).Should().BeInDescendingOrder();
        swings.Skip(5).Should().BeInDescendingOrder();
        var headline = Match(run.Out, @"^Headline: \+5 points FCR: ([\d,]+) EUR a year \(P10 ([\d,]+) EUR to P90 ([\d,]+) EUR\)$");
        headline[1].Number().Should().BeInRange(headline[2].Number(), headline[3].Number());
    }

    [Fact]
    public void Report_Simulated_OneValuePerCustomerAndTheReportShowsThePrintedHeadline()
    {
        string output = Path.Combine(DotnetRun.ArtifactsPath, "report-output");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var run = Run("report", output);

        run.Out.Should().Contain("Window 2024-01-01 to 2025-12-30 (Europe/Amsterdam): 20,000 customers, 109,739 contacts"); // the simulation's default world at 20,000 customers, seed 42, open emails included
        // One value per customer: the mean CLV the analysis prints is the one the retention value multiplies, and the
        // retention value is customers kept x that value (by hand, to the printed precision).
        double perCustomer = Match(run.Out, @"^Value per customer \(mean 3-year CLV\): ([\d.,]+) EUR$")[1].Number();
        var kept = Match(run.Out, @"^Retention: ([\d.,]+) customers kept x ([\d.,]+) EUR = ([\d.,]+) EUR$");
        kept[2].Number().Should().Be(perCustomer);
        (kept[1].Number() * kept[2].Number()).Should().BeApproximately(kept[3].Number(), (0.05 * perCustomer) + 0.01);
        // Two FCR definitions, both printed; in the demo's center the resolved flag is below the repeat measure
        // (73.8% vs 82.6% for all channels in `contactmetrics demo`, docs/cli.md).
        var fcr = Match(run.Out, @"^FCR by repeats ([\d.]+)%; by resolved flag ([\d.]+)%$");
        fcr[1].Number().Should().BeInRange(0, 100);
        fcr[2].Number().Should().BeInRange(0, fcr[1].Number());

        // The page carries the headline the analysis printed, in the report's money format.
        var headline = Match(run.Out, @"^Headline: (.+): ([\d,]+) EUR a year \(P10 ([\d,]+), P90 ([\d,]+)\)$");
        headline[2].Number().Should().BeInRange(headline[3].Number(), headline[4].Number());
        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        html.Should().StartWith("<!DOCTYPE html>").And.Contain($"{headline[1].Value}: \u20ac{headline[2].Value} a year");
        // Every chart the sample names is an SVG file in the output folder.
        var charts = Match(run.Out, @"^Wrote .*report\.html and (\d+) charts: (.+)$");
        var files = charts[2].Value.Split(", ");
        files.Should().HaveCount((int)charts[1].Number()).And.HaveCountGreaterThan(5).And.OnlyHaveUniqueItems();
        foreach (string file in files)
        {
            File.ReadAllText(Path.Combine(output, file)).Should().StartWith("<?xml").And.Contain("<svg", file);
        }
    }
}
