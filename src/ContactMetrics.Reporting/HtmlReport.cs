using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using OxyPlot;

namespace ContactMetrics.Reporting;

/// <summary>
/// Renders a <see cref="BoardReport"/> as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
/// external resource of any kind. Every text that comes from the data is HTML-encoded here or by OxyPlot's SVG writer.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The report as one self-contained HTML page: styles and SVG charts inline, no script, nothing fetched, so it opens
    /// offline and prints on A4.
    /// </summary>
    /// <param name="report">The report (<see cref="BoardReportBuilder.Build(Valuation.ContactCenterAnalysis)"/>).</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A chart could not be drawn (the message names it).</exception>
    public static string Render(BoardReport report)
    {
        var (html, charts) = Compose(report);
        foreach (var chart in charts)
        {
            html.Replace(Placeholder(chart.Id), chart.ToInlineSvg());
        }
        return html.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s page to <paramref name="path"/> as UTF-8 (without a byte order mark), creating its folder.</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">The HTML file, e.g. <c>report.html</c>; replaced if it exists.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A chart could not be drawn (the message names it).</exception>
    public static void Write(BoardReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string html = Render(report);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(path, html, new UTF8Encoding(false));
    }

    /// <summary>Where a chart's SVG goes in the composed page: a comment, which no encoded data text can contain.</summary>
    private static string Placeholder(string id) => $"<!--chart:{id}-->";

    /// <summary>The page with a placeholder for each chart, and the charts in page order.</summary>
    internal static (StringBuilder Html, ImmutableArray<ReportChart> Charts) Compose(BoardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var charts = new List<ReportChart>();
        var html = new StringBuilder(256 * 1024);
        var o = report.Overview;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Contact center board report, ").Append(E(Period(o))).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<header>\n<h1>What the contact center is worth</h1>\n<p class=\"period\">")
            .Append(E($"{Period(o)} · {o.Customers:N0} customers · {o.Contacts:N0} contacts · {o.Purchases:N0} purchases · {o.Conversions:N0} conversions · calendar {o.TimeZone.Id}"))
            .Append("</p>\n<p class=\"generated\">").Append(E(Stamp(report))).Append("</p>\n</header>\n");
        Headline(html, report);
        if (report.BusinessCase is { } businessCase)
        {
            BusinessCase(html, businessCase, charts);
        }
        if (report.Agents is { } agents)
        {
            html.Append("<section id=\"agents\">\n<h2>").Append(E(AgentFigures.Title)).Append("</h2>\n<p>").Append(E(AgentFigures.Sentence(agents))).Append("</p>\n<p class=\"note\">")
                .Append(E(string.Join(" ", new[] { agents.Attrition?.Definition, agents.NewHires?.Definition }.Where(d => d is not null)))).Append("</p>\n</section>\n");
        }
        if (report.Experience is { } experience)
        {
            Experience(html, experience);
        }
        Kpis(html, report.Kpis, charts);
        if (report.Cost is { } cost)
        {
            Cost(html, cost, charts);
        }
        if (report.Retention is { } retention)
        {
            Retention(html, retention, charts);
        }
        if (report.Attribution is { } attribution)
        {
            Attribution(html, attribution, charts);
        }
        if (report.Clv is { } clv)
        {
            Clv(html, clv, charts);
        }
        Sources(html, report);
        html.Append("</main>\n</body>\n</html>\n");
        return (html, [.. charts]);
    }

    /// <summary>"Data window 1 Jan 2025 to 31 Dec 2026 (as of 2027-01-01T00:00:00Z) · generated 6 Dec 2026 06:40 UTC by ContactMetrics.Reporting 1.0.0".</summary>
    internal static string Stamp(BoardReport report)
    {
        var o = report.Overview;
        string generated = report.GeneratedAt is { } at ? " · generated " + at.InUtc().ToString("d MMM yyyy HH:mm 'UTC'", Invariant) : "";
        return $"Data window {Period(o)} (as of {o.ObservationEnd}){generated} · {report.Generator}";
    }

    private static void Headline(StringBuilder html, BoardReport report)
    {
        html.Append("<section id=\"headline\" class=\"headline\">\n<h2>Headline</h2>\n");
        if (report.BusinessCase is { } b)
        {
            var t = b.Analysis.Total;
            html.Append("<p class=\"headline-value\">").Append(E($"{b.Analysis.Case.Scenario}: {Money(t.Point)} a year")).Append("</p>\n<p class=\"headline-range\">")
                .Append(E($"80% of {b.Analysis.Iterations:N0} Monte Carlo draws over the inputs lie between {Money(t.P10)} (P10) and {Money(t.P90)} (P90); median {Money(t.P50)}. Every euro is traced to its inputs below."))
                .Append("</p>\n");
        }
        html.Append("<div class=\"tiles\">\n");
        var fcr = report.Kpis.Fcr.Values.LastOrDefault(v => v is not null);
        if (fcr is double f)
        {
            Tile(html, "First-contact resolution", Percent(f), $"latest {BucketName(report.Kpis.Bucket)}, all channels; {report.Kpis.Definitions[0]} (the business case counts the resolved flag of each issue's first contact)");
        }
        if (report.Retention is { } r)
        {
            var c = r.Comparison;
            Tile(html, "Customers kept by a resolved first contact", Points(c.Difference.Difference),
                $"{c.Horizon:0}-day retention {Percent(c.Reference.Retention)} resolved vs {Percent(c.Exposed.Retention)} unresolved");
        }
        if (report.Attribution is { } a)
        {
            var assisted = a.ServiceAssisted;
            Tile(html, "Conversions assisted by service", assisted.Share is double share ? Percent(share) : "n/a",
                $"{assisted.Conversions:N0} of {assisted.OfConversions:N0}, in conversions worth {Money(assisted.Value)}: {a.IncrementalityCaveat}");
        }
        if (report.Cost is { } cost && cost.Costs.CostPerResolution is { } perResolution)
        {
            Tile(html, "Cost of resolving an issue", Money((double)perResolution.Amount, perResolution.Currency),
                $"{Money((double)cost.Costs.CostPerContact.Amount, perResolution.Currency)} per contact, all channels");
        }
        if (report.Clv is { } v)
        {
            Tile(html, $"Value of an active customer ({v.Years} years)", Money((double)v.Mean, v.Currency), $"mean; median {Money((double)v.Median, v.Currency)}");
        }
        html.Append("</div>\n</section>\n");
    }

    /// <summary>The table of a case's lines (point, P10-P90, formula) with the total, then every input with its kind and source.</summary>
    private static void LinesAndInputs(StringBuilder html, Valuation.BusinessCaseAnalysis a, Func<Valuation.LineItem, string> name)
    {
        var lines = a.Lines;
        html.Append("<table class=\"lines\">\n<thead><tr><th>Line (mechanism)</th><th class=\"num\">Point</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th>Formula, with the point values</th></tr></thead>\n<tbody>\n");
        var rest = lines.Skip(MaxTableRows).ToList();
        foreach (var line in lines.Take(MaxTableRows))
        {
            html.Append("<tr><td><strong>").Append(E(name(line.Item))).Append("</strong><br><span class=\"note\">").Append(E(line.Item.Mechanism)).Append("</span></td>");
            AppendMoneyCells(html, line.Value);
            html.Append("<td>").Append(E(line.Item.FormulaWithValues)).Append(line.Item.Caveat is { } caveat ? "<br><span class=\"note\">" + E(caveat) + "</span>" : "").Append("</td></tr>\n");
        }
        if (rest.Count > 0)
        {
            // Percentiles do not add up across lines: the rest shows its point sum only.
            html.Append("<tr><td>").Append(E(LeftOut(lines.Length, "lines, together", largest: false))).Append("</td><td class=\"num\">").Append(E(Money(rest.Sum(l => (double)l.Value.Point.Amount), a.Total.Point.Currency)))
                .Append("</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td></td></tr>\n");
        }
        html.Append("<tr class=\"total\"><td>Total</td>");
        AppendMoneyCells(html, a.Total);
        html.Append("<td>").Append(E(rest.Count > 0 ? "the sum of the lines above" : string.Join(" + ", lines.Select(l => name(l.Item))))).Append("</td></tr>\n</tbody>\n</table>\n");

        html.Append("<h3>Every input and where it comes from</h3>\n<table class=\"inputs\">\n<thead><tr><th>Input</th><th class=\"num\">Value</th><th>Range</th><th>Source</th></tr></thead>\n<tbody>\n");
        foreach (var line in lines.Take(MaxTableRows))
        {
            html.Append("<tr class=\"group\"><th colspan=\"4\">").Append(E(name(line.Item))).Append("</th></tr>\n");
            foreach (var input in line.Item.Inputs)
            {
                html.Append("<tr><td>").Append(E(input.Name)).Append("</td><td class=\"num\">")
                    .Append(E(Quantity(input.Point, input))).Append("</td><td>")
                    .Append(E(input.IsFixed ? "exact" : $"{Quantity(input.Low, input)} to {Quantity(input.High, input)}, {input.IntervalMeaning}")).Append("</td><td>")
                    .Append("<span class=\"origin origin-").Append(input.Source.Origin.ToString().ToLowerInvariant()).Append("\">").Append(E(input.Source.Origin.ToString().ToLowerInvariant()))
                    .Append("</span> ").Append(E(SourceText(input.Source))).Append("</td></tr>\n");
            }
        }
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The customer-experience levers: one sentence per line (CSAT -> churn per segment, NPS, CES, self-service), then the lines and their inputs.</summary>
    private static void Experience(StringBuilder html, ExperienceSummary x)
    {
        var a = x.Analysis;
        html.Append("<section id=\"experience\">\n<h2>").Append(E($"Customer experience: CSAT, NPS, CES and self-service, a year")).Append("</h2>\n<p>")
            .Append(E($"Together {Money(a.Total.Point)} a year (P10 {Money(a.Total.P10)} to P90 {Money(a.Total.P90)}, {a.Iterations:N0} draws, seed {a.Seed}). Each line is a separate lever; the relations are measured in the data where it has them, and every input says whether it is measured, modelled or assumed."))
            .Append("</p>\n<ul class=\"sentences\">\n");
        foreach (var line in x.Lines.Take(MaxTableRows))
        {
            html.Append("<li>").Append(E(line.Sentence)).Append("<br><span class=\"note\">").Append(E(line.Definition)).Append("</span></li>\n");
        }
        if (x.Lines.Length > MaxTableRows)
        {
            html.Append("<li>").Append(E(LeftOut(x.Lines.Length, "lines", largest: false))).Append("</li>\n");
        }
        html.Append("</ul>\n");
        foreach (var gap in x.Gaps.Take(MaxTableRows))
        {
            html.Append("<p class=\"note\">").Append(E(gap)).Append("</p>\n");
        }
        if (x.Gaps.Length > MaxTableRows)
        {
            html.Append("<p class=\"note\">").Append(E(LeftOut(x.Gaps.Length, "lines not valued", largest: false))).Append("</p>\n");
        }
        LinesAndInputs(html, a, item => item.Name);
        html.Append("</section>\n");
    }

    private static void BusinessCase(StringBuilder html, BusinessCaseSummary b, List<ReportChart> charts)
    {
        var a = b.Analysis;
        var lines = a.Lines;
        html.Append("<section id=\"business-case\">\n<h2>").Append(E($"The business case: {a.Case.Scenario}, a year")).Append("</h2>\n");

        string Name(Valuation.LineItem item) => item.Name.StartsWith(a.Case.Scenario + ": ", StringComparison.Ordinal) ? Cap(item.Name[(a.Case.Scenario.Length + 2)..]) : item.Name;
        var categories = lines.Select(l => Name(l.Item)).Append("Total").ToList();
        var bars = new List<(double, double, bool)>();
        var whiskers = new List<(double, double)?>();
        double running = 0;
        foreach (var line in lines)
        {
            double point = (double)line.Value.Point.Amount;
            bars.Add((running, running + point, false));
            whiskers.Add((running + (double)line.Value.P10.Amount, running + (double)line.Value.P90.Amount));
            running += point;
        }
        bars.Add((0, (double)a.Total.Point.Amount, true));
        whiskers.Add(((double)a.Total.P10.Amount, (double)a.Total.P90.Amount));
        string parts = string.Join(" and ", lines.Select(l => $"{Money(l.Value.Point)} from {Lower(Name(l.Item))}"));
        Figure(html, charts, "chart-waterfall", "From each mechanism to the total (waterfall)",
            $"With every input at its point value, {a.Case.Scenario} is worth {Money(a.Total.Point)} a year: {parts}. "
            + $"Bars are point values (they add up to the total); whiskers are the P10-P90 range of each line and of the total over {a.Iterations:N0} draws of the inputs (seed {a.Seed}).",
            () => ReportCharts.FloatingBars(categories, bars, whiskers, "N0", $"value a year ({a.Case.Currency.Code})"),
            height: Math.Max(220, 80 + 46 * categories.Count));

        LinesAndInputs(html, a, Name);

        var tornado = a.Tornado.Take(8).ToList();
        if (tornado.Count > 0)
        {
            var top = tornado[0];
            Figure(html, charts, "chart-tornado", "Which input moves the total most (tornado)",
                $"The total is most sensitive to {Lower(top.Input.Name)}: across its range ({Quantity(top.Input.Low, top.Input)} to {Quantity(top.Input.High, top.Input)}) the total goes from {Money(top.TotalAtLow)} to {Money(top.TotalAtHigh)}, the other inputs held at their point values. Blue bars: the input at its low end; orange: at its high end; the dashed line is the point total, {Money(a.Total.Point)}.",
                () => ReportCharts.Tornado(tornado.Select(e => e.Input.Name).ToList(),
                    tornado.Select(e => ((double)e.TotalAtLow.Amount, (double)e.TotalAtHigh.Amount)).ToList(),
                    (double)a.Total.Point.Amount, "N0", $"total a year ({a.Case.Currency.Code})"),
                height: Math.Max(220, 80 + 40 * tornado.Count));
        }
        html.Append("<p class=\"note\">").Append(E(a.ConvergenceNote + " " + b.Inputs.Notes)).Append("</p>\n</section>\n");
    }

    private static void AppendMoneyCells(StringBuilder html, Valuation.ValueDistribution v)
    {
        foreach (var m in new[] { v.Point, v.P10, v.P50, v.P90 })
        {
            html.Append("<td class=\"num\">").Append(E(Money(m))).Append("</td>");
        }
    }

    /// <summary>An input's value in its unit: shares as percent, money with its currency, counts and others as numbers with the unit.</summary>
    private static string Quantity(double value, Valuation.UncertainInput input)
    {
        if (input.Currency is { } currency)
        {
            string unit = input.Unit.StartsWith(currency.Code, StringComparison.Ordinal) ? input.Unit[currency.Code.Length..].Trim() : input.Unit;
            return Money(value, currency) + (unit.Length > 0 ? " " + unit : "");
        }
        if (input.Unit.StartsWith("share", StringComparison.Ordinal) || input.Unit == "fraction")
        {
            return (100 * value).ToString("0.##", Invariant) + "%" + (input.Unit.StartsWith("share of ", StringComparison.Ordinal) ? " of " + input.Unit["share of ".Length..] : "");
        }
        string number = Math.Abs(value) >= 100 ? value.ToString("N0", Invariant) : value.ToString("0.####", Invariant);
        return input.Unit.Length > 0 ? number + " " + input.Unit : number;
    }

    private static string SourceText(Valuation.InputSource source) =>
        source.Origin == Valuation.InputOrigin.Assumed ? source.Description
        : source.SampleSize is long n ? string.Create(Invariant, $"{source.Description} ({source.Method}; n = {n:N0})")
        : $"{source.Description} ({source.Method})";

    private static string Lower(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Money(Money money) => Money((double)money.Amount, money.Currency);

    private static void Kpis(StringBuilder html, KpiTrends k, List<ReportChart> charts)
    {
        var labels = k.Buckets.Select(d => k.Bucket == TimeBucket.Month ? d.ToString("MMM yy", Invariant) : d.ToString("d MMM", Invariant)).ToList();
        string per = BucketName(k.Bucket);
        html.Append("<section id=\"kpis\">\n<h2>Service KPIs</h2>\n")
            .Append("<p>").Append(E($"Per {per}, computed by the KPI rollup on every contact. Definitions are listed under Sources.")).Append("</p>\n");

        var fcrCsat = new[] { k.Fcr with { Name = "FCR" }, k.Csat };
        Figure(html, charts, "chart-fcr", "First-contact resolution and CSAT",
            Change("FCR", k.Fcr, labels, Percent, ToPoints) + " " + Change("CSAT", k.Csat, labels, Percent, ToPoints),
            () => ReportCharts.Lines(labels, fcrCsat, "0%", "share"));
        Figure(html, charts, "chart-nps", "Net promoter score",
            Change("NPS", k.Nps, labels, v => v.ToString("+0;-0;0", Invariant), v => v),
            () => ReportCharts.Lines(labels, [k.Nps with { Name = "NPS" }], "0", "NPS"));
        if (k.ServiceLevel.Length > 0)
        {
            Figure(html, charts, "chart-service-level", "Service level by live channel",
                string.Join(" ", k.ServiceLevel.Select(s => Change($"Service level on {ChannelLabel(s.Name)}", s, labels, Percent, ToPoints)))
                + (k.ServiceLevelGoal is double goal ? string.Create(Invariant, $" The dashed line is the goal: {Percent(goal)} answered within {k.ServiceLevelThreshold.TotalSeconds:0} s.") : ""),
                () => ReportCharts.Lines(labels, k.ServiceLevel, "0%", string.Create(Invariant, $"answered within {k.ServiceLevelThreshold.TotalSeconds:0} s"),
                    target: k.ServiceLevelGoal is double g ? (g, "goal " + Percent(g)) : null));
        }
        if (k.AverageHandleTime.Length > 0)
        {
            string longest = k.AverageHandleTimeOverWindow.MaxBy(c => c.Value) is { } top
                ? string.Create(Invariant, $"{ChannelLabel(top.Channel)} takes longest, {top.Value:0.0} minutes per contact over the period (all its handled contacts). ")
                : "";
            Figure(html, charts, "chart-aht", "Average handle time by channel",
                longest
                + string.Join(" ", k.AverageHandleTime.Select(s => Change($"AHT on {ChannelLabel(s.Name)}", s, labels, v => v.ToString("0.0", Invariant) + " min"))),
                () => ReportCharts.Lines(labels, k.AverageHandleTime, "0.0", "minutes"));
        }
        html.Append("</section>\n");
    }

    private static void Cost(StringBuilder html, CostSummary cost, List<ReportChart> charts)
    {
        var c = cost.Costs;
        var currency = c.Currency;
        var channels = c.ByChannel.Where(g => g.Contacts > 0).OrderByDescending(g => g.CostPerContact.Amount).ToList();
        html.Append("<section id=\"cost\">\n<h2>What it costs to serve</h2>\n");
        if (channels.Count > 0)
        {
            var dearest = channels[0];
            var cheapest = channels[^1];
            Figure(html, charts, "chart-cost", "Cost per contact and per resolved issue by channel",
                $"A contact costs most on {ChannelLabel(dearest.Key)}, {Money((double)dearest.CostPerContact.Amount, currency)}, and least on {ChannelLabel(cheapest.Key)}, {Money((double)cheapest.CostPerContact.Amount, currency)}. "
                + (c.CostPerResolution is { } all ? $"Resolving an issue costs {Money((double)all.Amount, currency)} on average, repeat contacts included, against {Money((double)c.CostPerContact.Amount, currency)} per contact." : ""),
                () => ReportCharts.Bars(channels.Select(g => ChannelLabel(g.Key)).ToList(),
                    [("Per contact", channels.Select(g => (double)g.CostPerContact.Amount).ToList()), ("Per resolved issue", channels.Select(g => (double)(g.CostPerResolution?.Amount ?? 0m)).ToList())],
                    "N2", $"cost ({currency.Code})"),
                height: Math.Max(ReportCharts.Height, 60 + 34 * channels.Count));
        }
        html.Append("<table>\n<thead><tr><th>Channel</th><th class=\"num\">Contacts</th><th class=\"num\">Cost</th><th class=\"num\">Per contact</th><th class=\"num\">Issues</th><th class=\"num\">Per resolved issue</th></tr></thead>\n<tbody>\n");
        foreach (var g in c.ByChannel)
        {
            html.Append("<tr><td>").Append(E(ChannelLabel(g.Key))).Append("</td><td class=\"num\">").Append(g.Contacts.ToString("N0", Invariant))
                .Append("</td><td class=\"num\">").Append(E(Money((double)g.Cost.Total.Amount, currency)))
                .Append("</td><td class=\"num\">").Append(E(Money(g.CostPerContact)))
                .Append("</td><td class=\"num\">").Append(g.Chains.ToString("N0", Invariant))
                .Append("</td><td class=\"num\">").Append(E(g.CostPerResolution is { } r ? Money(r) : "-")).Append("</td></tr>\n");
        }
        html.Append("<tr class=\"total\"><td>all channels</td><td class=\"num\">").Append(c.Contacts.ToString("N0", Invariant))
            .Append("</td><td class=\"num\">").Append(E(Money((double)c.Total.Total.Amount, currency)))
            .Append("</td><td class=\"num\">").Append(E(Money(c.CostPerContact)))
            .Append("</td><td class=\"num\">").Append(c.Chains.ToString("N0", Invariant))
            .Append("</td><td class=\"num\">").Append(E(c.CostPerResolution is { } t ? Money(t) : "-")).Append("</td></tr>\n</tbody>\n</table>\n");

        var p = cost.Profitability;
        var curve = p.WhaleCurve;
        var points = curve.Sample(400).Select(pt => new DataPoint(pt.CustomerShare, (double)pt.CumulativeProfit.Amount)).ToList();
        string peak = curve.Peak.ShareOfTotalProfit is double share && share <= 1
            ? $"The most profitable {Percent(curve.Peak.CustomerShare)} of customers earn {Percent(share)} of the total profit ({Money((double)curve.Peak.CumulativeProfit.Amount, currency)} at the peak, {Money((double)curve.TotalProfit.Amount, currency)} in all); "
            : $"The profitable {Percent(curve.Peak.CustomerShare)} of customers earn {Money((double)curve.Peak.CumulativeProfit.Amount, currency)}, and the total is {Money((double)curve.TotalProfit.Amount, currency)}; ";
        Figure(html, charts, "chart-whale", "Whale curve: cumulative profit after the cost of service",
            peak + $"the other {Percent(curve.ValueDestroyingShare)} cost more to serve than they bring in.",
            () => ReportCharts.Curve("cumulative profit", points, "0%", "customers, most profitable first", "N0", $"cumulative profit ({currency.Code})"));
        html.Append("<p class=\"note\">").Append(E(string.Create(Invariant,
            $"Profit per customer = {p.ValueSource} - cost-to-serve under {cost.RatesSource}. {p.Customers.Length:N0} customers; {Money((double)p.UnidentifiedCost.Amount, currency)} of contacts without a known customer are not in the curve.")))
            .Append("</p>\n</section>\n");
    }

    private static void Retention(StringBuilder html, RetentionCurves r, List<ReportChart> charts)
    {
        var c = r.Comparison;
        html.Append("<section id=\"retention\">\n<h2>Retention: does solving it the first time keep customers?</h2>\n");
        var hr = c.HazardRatio is { } h
            ? string.Create(Invariant, $" Customers whose first contact was not resolved churn at {h.HazardRatio:0.00} times the rate (95% CI {h.HazardRatioInterval.Lower:0.00}-{h.HazardRatioInterval.Upper:0.00}, Cox, adjusted for {(c.AdjustedFor.IsEmpty ? "nothing" : string.Join(", ", c.AdjustedFor.Select(n => n == "tenureYears" ? "tenure" : n)))}{(c.Stratified ? ", stratified by segment" : "")}).")
            : "";
        Figure(html, charts, "chart-retention", $"Customers still with us after their first contact, {r.Data.ReferenceGroup} vs {r.Data.ExposedGroup}",
            string.Create(Invariant, $"After {c.Horizon:0} days, {Percent(c.Reference.Retention)} of customers whose first contact was resolved were still customers, against {Percent(c.Exposed.Retention)} when it was not: {Points(c.Difference.Difference)} (95% CI {Points(c.Difference.Interval.Lower)} to {Points(c.Difference.Interval.Upper)}).") + hr,
            () => ReportCharts.Steps([(Label(r.Data.ReferenceGroup, r.Reference.Count), SurvivalSteps(r.Reference)), (Label(r.Data.ExposedGroup, r.Exposed.Count), SurvivalSteps(r.Exposed))],
                "days since the first contact with a known outcome", "0%", "still a customer", c.Horizon));
        html.Append("<p class=\"note\">").Append(E(string.Create(Invariant,
            $"Shaded: each curve's pointwise 95% confidence band (log transform, R's default). Kaplan-Meier from each customer's first contact with a resolved flag (the index date) over {r.Data.Table.Count:N0} customers; a churn is an event, a customer still active is censored at the observation end. Left out: {r.Data.CustomersWithoutQualifyingContact:N0} customers without such a contact, {r.Data.CustomersChurnedBeforeIndex:N0} who churned before it.")))
            .Append("</p>\n</section>\n");

        static string Label(string group, int n) => $"{group} (n = {n.ToString("N0", Invariant)})";
    }

    private static void Attribution(StringBuilder html, AttributionSummary a, List<ReportChart> charts)
    {
        html.Append("<section id=\"attribution\">\n<h2>Conversions and the service assist</h2>\n");
        var top = a.Channels.Take(12).ToList();
        var service = a.Channels.Where(c => c.IsService).ToList();
        string lead = top.Count > 0 ? $"{ChannelLabel(top[0].Channel)} earns the most Markov credit, {top[0].Markov:N0} of {a.Conversions:N0} conversions. " : "";
        Figure(html, charts, "chart-attribution", "Credit for conversions by channel",
            lead + string.Create(Invariant, $"Service contacts get {a.MarkovServiceConversions:N0} conversions of Markov credit ({Percent(a.MarkovServiceConversions / a.Conversions)}), in conversions worth {Money((double)a.MarkovServiceValue.Amount, a.Currency)}; last-touch gives them {service.Sum(s => s.LastTouch):N0}. {Cap(a.IncrementalityCaveat)}."),
            () => ReportCharts.Bars(top.Select(c => ChannelLabel(c.Channel)).ToList(),
                [("Markov (removal effect)", top.Select(c => c.Markov).ToList()), ("Last touch", top.Select(c => c.LastTouch).ToList())], "N0", "conversions credited"),
            height: Math.Max(ReportCharts.Height, 60 + 34 * top.Count));
        if (service.Count > 0)
        {
            Figure(html, charts, "chart-assists", "Conversions assisted by service contacts",
                string.Create(Invariant, $"{a.ServiceAssisted.Conversions:N0} of {a.ServiceAssisted.OfConversions:N0} conversions ({(a.ServiceAssisted.Share is double share ? Percent(share) : "n/a")}) had a service contact earlier in their {a.Lookback.TotalDays:0}-day path, in conversions worth {Money(a.ServiceAssisted.Value)}. An assist shows where service sits in the paths; it is not a causal effect: {a.IncrementalityCaveat}."),
                () => ReportCharts.Bars(service.Select(c => ChannelLabel(c.Channel)).ToList(),
                    [("Assisted", service.Select(c => c.Assisted).ToList()), ("Last touch", service.Select(c => c.LastTouch).ToList())], "N0", "conversions"),
                height: Math.Max(220, 60 + 34 * service.Count));
        }
        html.Append("<table>\n<thead><tr><th>Channel</th><th class=\"num\">Markov credit</th><th class=\"num\">Markov value</th><th class=\"num\">Last touch</th><th class=\"num\">Assisted</th></tr></thead>\n<tbody>\n");
        void Row(string channel, double markov, double value, double lastTouch, double assisted) =>
            html.Append("<tr><td>").Append(E(channel)).Append("</td><td class=\"num\">").Append(markov.ToString("N1", Invariant))
                .Append("</td><td class=\"num\">").Append(E(Money(value, a.Currency)))
                .Append("</td><td class=\"num\">").Append(lastTouch.ToString("N0", Invariant))
                .Append("</td><td class=\"num\">").Append(assisted.ToString("N0", Invariant)).Append("</td></tr>\n");
        foreach (var c in a.Channels.Take(MaxTableRows))
        {
            Row(ChannelLabel(c.Channel), c.Markov, (double)c.MarkovValue.Amount, c.LastTouch, c.Assisted);
        }
        if (a.Channels.Length > MaxTableRows)
        {
            // Channels are ordered by Markov credit: the rest are the smallest, summed in one row.
            var rest = a.Channels.Skip(MaxTableRows).ToList();
            Row(LeftOut(a.Channels.Length, "channels, together", largest: true), rest.Sum(c => c.Markov), rest.Sum(c => (double)c.MarkovValue.Amount), rest.Sum(c => c.LastTouch), rest.Sum(c => c.Assisted));
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Clv(StringBuilder html, ClvSummary v, List<ReportChart> charts)
    {
        html.Append("<section id=\"clv\">\n<h2>What a customer is worth</h2>\n");
        var values = v.Values.Select(x => (double)x).ToList();
        double cap = Quantile(values, 0.99);
        double max = cap > 0 ? cap : Math.Max(1, values.LastOrDefault());
        Figure(html, charts, "chart-clv", $"Customer lifetime value over {v.Years} years",
            string.Create(Invariant, $"The median active customer is worth {Money((double)v.Median, v.Currency)} over {v.Years} years and the mean {Money((double)v.Mean, v.Currency)}; the most valuable 10% hold {Percent(v.TopDecileShare)} of the value.")
                + (v.Segments.Length > 1 ? $" {Cap(v.Segments.MaxBy(s => s.Mean)!.Segment)} customers are worth the most on average." : ""),
            () => ReportCharts.Histogram(values, 0, max, 30, "N0", $"CLV ({v.Currency.Code}; the last bar includes the top 1%)"));
        html.Append("<table>\n<thead><tr><th>Segment</th><th class=\"num\">Customers valued</th><th class=\"num\">Mean</th><th class=\"num\">Median</th><th class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        // Up to MaxTableRows segments, the most valuable in all; the rest in one row (its median is not the rows' medians' sum, so none).
        var shown = v.Segments.Length > MaxTableRows ? v.Segments.OrderByDescending(s => s.Total).Take(MaxTableRows).OrderBy(s => s.Segment, StringComparer.Ordinal).ToList() : [.. v.Segments];
        foreach (var s in shown)
        {
            html.Append("<tr><td>").Append(E(s.Segment)).Append("</td><td class=\"num\">").Append(s.Customers.ToString("N0", Invariant))
                .Append("</td><td class=\"num\">").Append(E(Money((double)s.Mean, v.Currency)))
                .Append("</td><td class=\"num\">").Append(E(Money((double)s.Median, v.Currency)))
                .Append("</td><td class=\"num\">").Append(E(Money((double)s.Total, v.Currency))).Append("</td></tr>\n");
        }
        if (v.Segments.Length > MaxTableRows)
        {
            var rest = v.Segments.Except(shown).ToList();
            int customers = rest.Sum(s => s.Customers);
            decimal total = rest.Sum(s => s.Total);
            html.Append("<tr><td>").Append(E(LeftOut(v.Segments.Length, "segments, together", largest: true))).Append("</td><td class=\"num\">").Append(customers.ToString("N0", Invariant))
                .Append("</td><td class=\"num\">").Append(E(customers > 0 ? Money((double)(total / customers), v.Currency) : "-"))
                .Append("</td><td class=\"num\">-</td><td class=\"num\">").Append(E(Money((double)total, v.Currency))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"note\">").Append(E(string.Create(Invariant,
            $"{v.Values.Length:N0} of {v.ActiveCustomers:N0} active customers valued (every k-th). BG/NBD r = {v.Transactions.R:0.###}, alpha = {v.Transactions.Alpha:0.###}, a = {v.Transactions.A:0.###}, b = {v.Transactions.B:0.###}; Gamma-Gamma p = {v.Spend.P:0.###}, q = {v.Spend.Q:0.###}, gamma = {v.Spend.Gamma:0.###} (fitted on weekly purchase histories); margin {Percent(v.Margin)} and discount {Percent(v.AnnualDiscountRate)} a year are assumptions.")))
            .Append("</p>\n</section>\n");
    }

    private static void Sources(StringBuilder html, BoardReport report)
    {
        var o = report.Overview;
        html.Append("<section id=\"sources\">\n<h2>Sources and definitions</h2>\n<ul>\n");
        Item(html, $"Data: customers.csv ({o.Customers:N0} rows), interactions.csv ({o.Contacts:N0}), purchases.csv ({o.Purchases:N0}), touchpoints.csv ({o.Touchpoints:N0}), conversions.csv ({o.Conversions:N0}); observation end {o.ObservationEnd}.");
        foreach (var d in report.Kpis.Definitions)
        {
            Item(html, d);
        }
        if (report.Attribution is { } a)
        {
            Item(html, string.Create(Invariant, $"Attribution: {a.Journeys:N0} journeys of touches within {a.Lookback.TotalDays:0} days before a conversion, service contacts added as service:<channel>; Markov chain of order 1 (removal effects), last touch, and assists counted once per conversion."));
        }
        if (report.Cost is { } cost)
        {
            var m = cost.Costs.Model;
            foreach (var r in m.Channels)
            {
                Item(html, string.Create(Invariant,
                    $"Rates, {ChannelLabel(r.Channel.ToSchemaName())} (assumed, {cost.RatesSource}): {Cents(r.LoadedCostPerPaidHour)} per paid agent hour, shrinkage {Percent(r.Shrinkage)}, occupancy {Percent(r.Occupancy)}, concurrency {r.Concurrency:0.##}, telephony {Cents(r.TelephonyPerMinute)}/min, IVR {Cents(r.IvrPerMinute)}/min, platform {Cents(r.PlatformPerContact)}/contact, bot {Cents(r.BotPerContact)}/contact."));
            }
            foreach (var pool in m.Overheads)
            {
                Item(html, $"Overhead (assumed, {cost.RatesSource}): {pool.Name}, {Money((double)pool.Amount.Amount, pool.Amount.Currency)} for the period, allocated by {pool.Basis.ToString().ToLowerInvariant()}.");
            }
        }
        foreach (var gap in report.Gaps)
        {
            Item(html, "Not shown: " + gap);
        }
        html.Append("</ul>\n<p class=\"note\">Made by ContactMetrics.Reporting. Charts drawn with OxyPlot.</p>\n</section>\n");
    }

    private static void Figure(StringBuilder html, List<ReportChart> charts, string id, string title, string finding, Func<PlotModel> chart, double height = ReportCharts.Height)
    {
        charts.Add(new ReportChart(id, title, finding, ReportCharts.Width, height, chart));
        html.Append("<figure class=\"chart-figure\" id=\"").Append(id).Append("-figure\">\n<h3>").Append(E(title)).Append("</h3>\n<p class=\"finding\">")
            .Append(E(finding)).Append("</p>\n")
            .Append(Placeholder(id)).Append("\n</figure>\n");
    }

    private static void Tile(StringBuilder html, string label, string value, string detail) =>
        html.Append("<div class=\"tile\"><div class=\"tile-value\">").Append(E(value)).Append("</div><div class=\"tile-label\">").Append(E(label))
            .Append("</div><div class=\"tile-detail\">").Append(E(detail)).Append("</div></div>\n");

    private static void Item(StringBuilder html, string text) => html.Append("<li>").Append(E(text)).Append("</li>\n");

    /// <summary>
    /// "FCR rose from 71% in Jan 24 to 74% in Dec 25: +3.0 points (95% CI +1.2 to +4.8)." from the first and last buckets
    /// that have a value. With the series' standard errors and <paramref name="toPoints"/> (a difference in points), the change gets its
    /// 95% interval (normal, the two buckets independent: SE = sqrt(SE1^2 + SE2^2)), and a change whose interval holds 0 is
    /// said to be within sampling noise rather than called a rise or a fall.
    /// </summary>
    internal static string Change(string name, KpiSeries series, IReadOnlyList<string> labels, Func<double, string> format, Func<double, double>? toPoints = null)
    {
        if (series.Change() is not { } change)
        {
            return $"{name}: no data.";
        }
        var (first, last, a, b) = (change.FirstBucket, change.LastBucket, change.First, change.Last);
        if (first == last)
        {
            return $"{name} was {format(a)} in {labels[first]}.";
        }
        string fa = format(a), fb = format(b);
        if (toPoints is not null && change is { Lower: double lower, Upper: double upper })
        {
            string Signed(double v) => toPoints(v).ToString("+0.0;-0.0;0.0", Invariant);
            string interval = $"{Signed(change.Difference)} points (95% CI {Signed(lower)} to {Signed(upper)})";
            return change.WithinSamplingNoise == false
                ? $"{name} {(b > a ? "rose" : "fell")} from {fa} in {labels[first]} to {fb} in {labels[last]}: {interval}."
                : $"{name} was {fa} in {labels[first]} and {fb} in {labels[last]}: {interval}, within sampling noise.";
        }
        string verb = fa == fb ? "held at" : b > a ? "rose from" : "fell from";
        return fa == fb ? $"{name} held at {fa} from {labels[first]} to {labels[last]}." : $"{name} {verb} {fa} in {labels[first]} to {fb} in {labels[last]}.";
    }

    /// <summary>A difference of two shares in percentage points.</summary>
    internal static double ToPoints(double shareDifference) => 100 * shareDifference;

    /// <summary>
    /// A channel as a reader names it: <c>service:phone</c> as "Service: phone", <c>paid_search</c> as "Paid search",
    /// <c>(direct)</c> as it is.
    /// </summary>
    internal static string ChannelLabel(string channel)
    {
        const string service = "service:";
        if (channel.StartsWith(service, StringComparison.Ordinal))
        {
            return "Service: " + channel[service.Length..].Replace('_', ' ');
        }
        return channel.StartsWith('(') ? channel : Cap(channel.Replace('_', ' '));
    }

    private static string Period(ReportOverview o) => $"{o.FirstDay.ToString("d MMM yyyy", Invariant)} to {o.LastDay.ToString("d MMM yyyy", Invariant)}";

    private static string BucketName(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Month => "month",
        TimeBucket.Week => "week",
        TimeBucket.Day => "day",
        _ => "interval",
    };

    /// <summary>HTML-encodes <paramref name="text"/> for an element's content or a quoted attribute.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A fraction as a whole percentage, e.g. 0.714 as "71%".</summary>
    internal static string Percent(double fraction) => (100 * fraction).ToString("0", Invariant) + "%";

    /// <summary>
    /// The steps only: a row where nobody churned (censoring alone) leaves the curve where it was, so it is drawn only as
    /// the curve's last point. Steps are downsampled to at most <see cref="MaxCurveSteps"/> time bins (the chart is 720 px wide):
    /// within a bin only its last step is drawn, so the drawn curve is off by less than a bin's width in time and the
    /// page stays small at any number of customers.
    /// </summary>
    internal static IReadOnlyList<SurvivalStep> SurvivalSteps(Retention.KaplanMeierCurve curve)
    {
        var points = new List<SurvivalStep> { new(0, 1, 1, 1) };
        double last = 1;
        double span = curve.Rows.Length > 0 ? curve.Rows[^1].Time : 0;
        double bin = span / MaxCurveSteps;
        long lastBin = -1;
        foreach (var row in curve.Rows)
        {
            if (row.Survival != last)
            {
                long b = bin > 0 ? (long)(row.Time / bin) : 0;
                var step = StepOf(row);
                if (b == lastBin && points.Count > 1)
                {
                    points[^1] = step;
                }
                else
                {
                    points.Add(step);
                }
                lastBin = b;
                last = row.Survival;
            }
        }
        if (curve.Rows.Length > 0 && points[^1].Time != curve.Rows[^1].Time)
        {
            points.Add(StepOf(curve.Rows[^1]));
        }
        return points;

        // The band is R's default (conf.type = "log"); where S(t) = 0 it has no interval and the band closes on the curve.
        static SurvivalStep StepOf(Retention.KaplanMeierRow row) => row.Survival > 0
            ? new SurvivalStep(row.Time, row.Survival, row.Log.Lower, row.Log.Upper)
            : new SurvivalStep(row.Time, 0, 0, 0);
    }

    /// <summary>The most steps drawn of one Kaplan-Meier curve (time bins across the curve's span).</summary>
    internal const int MaxCurveSteps = 500;

    /// <summary>The most rows of a table whose rows grow with the data (channels, segments, lines): the page stays small at any size.</summary>
    internal const int MaxTableRows = 50;

    /// <summary>The most points drawn on one KPI line (the chart is 720 px wide); a line with more buckets is thinned evenly.</summary>
    internal const int MaxLinePoints = 360;

    /// <summary>
    /// The buckets drawn of a line over <paramref name="buckets"/> buckets: all of them up to <see cref="MaxLinePoints"/>, else
    /// <see cref="MaxLinePoints"/> evenly spaced ones from the first to the last (a daily line over years: a point about
    /// every two pixels either way).
    /// </summary>
    internal static IReadOnlyList<int> LinePoints(int buckets)
    {
        if (buckets <= MaxLinePoints)
        {
            return Enumerable.Range(0, buckets).ToArray();
        }
        return Enumerable.Range(0, MaxLinePoints).Select(k => (int)Math.Round(k * (buckets - 1) / (double)(MaxLinePoints - 1))).Distinct().ToArray();
    }

    /// <summary>
    /// "12 more channels ..." after a table capped at <see cref="MaxTableRows"/>: the rows listed are the largest ones when
    /// <paramref name="largest"/> (the table was ordered by size), else the first ones in the table's order; empty when
    /// nothing was left out.
    /// </summary>
    private static string LeftOut(int total, string what, bool largest) =>
        total > MaxTableRows ? string.Create(Invariant, $"{total - MaxTableRows:N0} more {what} (the {(largest ? "largest" : "first")} {MaxTableRows} are listed; every one is in the JSON output)") : "";

    private static string Points(double fraction) => (100 * fraction).ToString("+0.0;-0.0;0.0", Invariant) + " points";

    /// <summary>An amount as a board reads it: the currency's symbol where it has one (else the code after the number), whole units from 100, millions as "2.45M", cents below 100.</summary>
    internal static string Money(double amount, Currency currency)
    {
        string symbol = Symbol(currency);
        string number = Math.Abs(amount) >= 1_000_000 ? (amount / 1_000_000).ToString("0.0#", Invariant) + "M"
            : Math.Abs(amount) >= 100 ? amount.ToString("N0", Invariant)
            : amount.ToString("N2", Invariant);
        return symbol.Length > 0 ? (amount < 0 ? "-" + symbol + number.TrimStart('-') : symbol + number) : number + " " + currency.Code;
    }

    /// <summary>The symbol written before an amount: €, $ or £; empty for other currencies (their code follows the number).</summary>
    private static string Symbol(Currency currency) => currency.Code switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => "" };

    private static string Cents(Money money) =>
        Symbol(money.Currency) is { Length: > 0 } symbol
            ? symbol + money.Amount.ToString(RateFormat, Invariant)
            : money.Amount.ToString(RateFormat, Invariant) + " " + money.Currency.Code;

    /// <summary>Two decimals, more for the fractions of a cent that per-minute fees have (0.012).</summary>
    private const string RateFormat = "#,0.00##";

    private static double Quantile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: #1a1a1a; font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
        main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
        header { border-bottom: 3px solid #0072b2; margin-bottom: 1rem; }
        h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 1.05rem; margin: 0 0 .25rem; break-after: avoid; page-break-after: avoid; }
        .period { color: #555; margin: 0 0 .75rem; }
        .generated { color: #777; font-size: 12px; margin: 0 0 .75rem; }
        .headline-value { font-size: 2rem; font-weight: bold; margin: .25rem 0; color: #00466e; }
        .headline-range { margin: 0 0 1rem; }
        .origin { display: inline-block; font-size: .75rem; font-weight: bold; text-transform: uppercase; border: 1px solid; border-radius: 3px; padding: 0 .3rem; margin-right: .2rem; }
        .origin-measured { color: #00664a; }
        .origin-assumed { color: #8a3b00; }
        .origin-modelled { color: #3b4a8a; }
        table.inputs td, table.lines td { vertical-align: top; }
        tr.group th { background: #eef4f8; border-bottom: 1px solid #bbb; padding-top: .4rem; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .75rem; }
        .tile { border: 1px solid #ccc; border-left: 5px solid #0072b2; padding: .6rem .8rem; break-inside: avoid; page-break-inside: avoid; }
        .tile-value { font-size: 1.7rem; font-weight: bold; }
        .tile-label { font-weight: bold; }
        .tile-detail { color: #555; font-size: .9rem; }
        figure { margin: 1.25rem 0; break-inside: avoid; page-break-inside: avoid; }
        .finding { margin: 0 0 .5rem; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 720px; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .9rem; }
        th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
        th { border-bottom: 2px solid #999; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        tr.total td { border-top: 2px solid #999; font-weight: bold; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: .85rem; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          h2 { margin-top: 1.2rem; }
          svg.chart { max-width: 100%; }
          .tile { border-left-width: 4px; }
        }

        """;
}
