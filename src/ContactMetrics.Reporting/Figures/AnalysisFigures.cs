using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;
using ContactMetrics.Valuation;

namespace ContactMetrics.Reporting;

/// <summary>
/// Every figure of a <see cref="ContactCenterAnalysis"/> that the board report shows, as the sections of a
/// <see cref="FigureSheet"/> nested under <c>analysis</c> in JSON, with each figure's definition in its section's note
/// and the charts' series as JSON-only sections. <c>contactmetrics demo</c> and <c>report</c> print this sheet (as a table
/// or as JSON), so for the same tables and options their <c>analysis</c> members are identical; a notebook or a BI job
/// gets the same document with <c>AnalysisFigures.Of(analysis).ToJson()</c>. Nothing is computed here.
/// </summary>
public static class AnalysisFigures
{
    /// <summary>The JSON member that holds the analysis.</summary>
    public const string Group = "analysis";

    private const int TornadoRows = 6;

    /// <summary>A sheet of every figure of the analysis.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The sheet; its sections are under <see cref="Group"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="analysis"/> is null.</exception>
    public static FigureSheet Of(ContactCenterAnalysis analysis)
    {
        var sheet = new FigureSheet();
        Add(sheet, analysis);
        return sheet;
    }

    /// <summary>Adds every figure of the analysis to <paramref name="output"/>, after what it already holds.</summary>
    /// <param name="output">The sheet.</param>
    /// <param name="a">The analysis.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Add(FigureSheet output, ContactCenterAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(a);
        Overview(output, a);
        Kpis(output, a);
        Trends(output, a);
        TrendChanges(output, a);
        Cost(output, a);
        Clv(output, a);
        Retention(output, a);
        Attribution(output, a);
        BusinessCase(output, a);
        AgentFigures.Add(Section(output, "agents", AgentFigures.Title), BoardReportBuilder.AgentsOf(a), a.AgentAttrition.Reason, a.NewHireGap.Reason);
        Experience(output, a);
    }

    private static FigureSection Section(FigureSheet output, string key, string title) => output.Add(key, title, Group);

    /// <summary>A section whose figure the data cannot support: the reason is its one fact, <c>unavailable</c>, in the table and in JSON.</summary>
    private static void Unavailable(FigureSection section, string reason) => section.Fact("unavailable", "Unavailable", reason);

    /// <summary>A chart's series: in JSON, not in the table format.</summary>
    private static FigureSection Series(FigureSheet output, string key, string title) => output.Add(key, title, Group, jsonOnly: true);

    private static void Overview(FigureSheet output, ContactCenterAnalysis a)
    {
        var d = a.Counts;
        var w = a.Window;
        Section(output, "overview", "Data and window")
            .Fact("firstDay", "First day", w.FirstDay)
            .Fact("lastDay", "Last day", w.LastDay)
            .Fact("asOf", "As of (end of observation)", w.End)
            .Fact("timeZone", "Time zone", w.TimeZone.Id)
            .Fact("lastYearFrom", "'Last year' from", w.LastYearStart)
            .Fact("currency", "Currency", a.Currency.Code)
            .Fact("customers", "Customers", d.Customers)
            .Fact("segments", "Segments", d.Segments.OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)g.Value))
            .Fact("contacts", "Contacts", d.Interactions)
            .Fact("purchases", "Purchases", d.Purchases)
            .Fact("touchpoints", "Marketing touchpoints", d.Touchpoints)
            .Fact("conversions", "Conversions", d.Conversions)
            .Fact("outsideWindow", "Left out: outside the window", new Dictionary<string, object?>
            {
                ["customers"] = a.OutsideWindow.Customers, ["contacts"] = a.OutsideWindow.Interactions, ["purchases"] = a.OutsideWindow.Purchases,
                ["touchpoints"] = a.OutsideWindow.Touchpoints, ["conversions"] = a.OutsideWindow.Conversions, ["churnsAfterEnd"] = a.OutsideWindow.ChurnsAfterEnd,
            });
    }

    private static void Kpis(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "kpisByChannel", "KPIs by channel (whole window)");
        var any = a.Overall;
        section.Note = $"{any.ServiceLevel.Definition}. FCR (repeats): {any.FirstContactResolution.Definition}. FCR (flag): {any.FirstContactResolutionFlag.Definition}. "
            + $"Queue KPIs (service level, ASA, abandonment) cover live queued channels only, in the totals too; email is answered asynchronously and measured by response time ({any.ResponseWithinTarget.Definition}). Self-service is contained, so it has no queue KPIs.";
        section.Fact("fcrRepeats", "FCR by repeats, all channels", Fraction.Of(any.FirstContactResolution.Value))
            .Fact("fcrRepeatsDefinition", "FCR by repeats: definition", any.FirstContactResolution.Definition)
            .Fact("fcrFlag", "FCR by resolved flag, all channels", Fraction.Of(any.FirstContactResolutionFlag.Value))
            .Fact("fcrFlagDefinition", "FCR by flag: definition", any.FirstContactResolutionFlag.Definition);
        var t = section.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("contacts", "Contacts", true),
            new FigureColumn("handled", "Handled", true),
            new FigureColumn("serviceLevel", "SL", true),
            new FigureColumn("asaSeconds", "ASA s", true),
            new FigureColumn("ahtSeconds", "AHT s", true),
            new FigureColumn("abandonmentRate", "Abandon", true),
            new FigureColumn("responseSeconds", "Resp. s", true),
            new FigureColumn("responseWithinTarget", "Resp. in target", true),
            new FigureColumn("fcrRepeats", "FCR rep.", true),
            new FigureColumn("fcrFlag", "FCR flag", true),
            new FigureColumn("csat", "CSAT", true),
            new FigureColumn("nps", "NPS", true));
        foreach (var g in a.ByChannel)
        {
            bool live = g.Channel!.Value.IsLiveQueue();
            bool asynchronous = g.Channel!.Value.IsAsynchronous();
            t.Row(g.Channel!.Value.ToSchemaName(), g.Counts.OfferedContacts, g.Counts.HandledContacts,
                live ? Fraction.Of(g.ServiceLevel.Value) : NotApplicable.Value, live ? g.AverageSpeedOfAnswer.Value : NotApplicable.Value,
                g.AverageHandleTime.Value, live ? Fraction.Of(g.AbandonmentRate.Value) : NotApplicable.Value,
                asynchronous ? g.AverageResponseTime.Value : NotApplicable.Value, asynchronous ? Fraction.Of(g.ResponseWithinTarget.Value) : NotApplicable.Value,
                Fraction.Of(g.FirstContactResolution.Value), Fraction.Of(g.FirstContactResolutionFlag.Value),
                Fraction.Of(g.Csat.Value), g.Nps.Value);
        }
    }

    private static void Trends(FigureSheet output, ContactCenterAnalysis a)
    {
        var overall = Section(output, "kpiTrend", $"KPIs by {a.Options.TrendBucket.ToString().ToLowerInvariant()}, all channels");
        overall.Note = $"{a.Options.TrendBucket} buckets in {a.Window.TimeZone.Id}. CSAT: {a.Overall.Csat.Definition}.";
        var t = overall.SetTable("buckets",
            new FigureColumn("start", "Start"),
            new FigureColumn("contacts", "Contacts", true),
            new FigureColumn("fcrRepeats", "FCR rep.", true),
            new FigureColumn("fcrFlag", "FCR flag", true),
            new FigureColumn("csat", "CSAT", true),
            new FigureColumn("nps", "NPS", true));
        foreach (var g in a.Trend)
        {
            t.Row(g.BucketStart!.Value.Date, g.Counts.OfferedContacts, Fraction.Of(g.FirstContactResolution.Value), Fraction.Of(g.FirstContactResolutionFlag.Value), Fraction.Of(g.Csat.Value), g.Nps.Value);
        }
        // One row per bucket, a column pair per channel: service level where a live queue has one, AHT where agents handle.
        var channels = a.TrendByChannel.Select(g => g.Channel!.Value).Distinct().Order()
            .Where(ch => a.TrendByChannel.Any(g => g.Channel == ch && g.AverageHandleTime.Value is not null)).ToArray();
        var byChannel = Section(output, "kpiTrendByChannel", $"Service level and AHT by {a.Options.TrendBucket.ToString().ToLowerInvariant()} and channel");
        byChannel.Note = "Service level only for channels answered live from a queue (email is asynchronous); AHT in seconds.";
        var columns = new List<FigureColumn> { new("start", "Start") };
        foreach (var ch in channels)
        {
            string name = ch.ToSchemaName();
            if (ch.IsLiveQueue())
            {
                columns.Add(new FigureColumn($"serviceLevel_{name}", $"SL {name}", true));
            }
            columns.Add(new FigureColumn($"ahtSeconds_{name}", $"AHT {name}", true));
        }
        var c = byChannel.SetTable("buckets", [.. columns]);
        foreach (var bucket in a.Trend.Select(g => g.BucketStart!.Value))
        {
            var row = new List<object?> { bucket.Date };
            foreach (var ch in channels)
            {
                var g = a.TrendByChannel.FirstOrDefault(x => x.Channel == ch && x.BucketStart == bucket);
                if (ch.IsLiveQueue())
                {
                    row.Add(Fraction.Of(g?.ServiceLevel.Value));
                }
                row.Add(g?.AverageHandleTime.Value is double s ? Math.Round(s, 1) : null);
            }
            c.Row([.. row]);
        }
    }

    /// <summary>The trend sentences' figures: each KPI's change from the first bucket to the last with its 95% interval (the report's page reads the same).</summary>
    private static void TrendChanges(FigureSheet output, ContactCenterAnalysis a)
    {
        var k = BoardReportBuilder.KpiTrendsOf(a);
        var section = Section(output, "kpiTrendChanges", "KPI changes, first to last bucket");
        section.Note = "Change = last bucket with a value - first; 95% interval normal with the buckets independent (a rate's SE sqrt(p(1-p)/n), NPS's multinomial SE); "
            + "a change whose interval holds 0 is within sampling noise. Rates as fractions, NPS in points, AHT in minutes (no interval: no sampling error is modelled).";
        var table = section.SetTable("changes",
            new FigureColumn("kpi", "KPI"),
            new FigureColumn("series", "Series"),
            new FigureColumn("unit", "Unit"),
            new FigureColumn("from", "From"),
            new FigureColumn("to", "To"),
            new FigureColumn("first", "First", true),
            new FigureColumn("last", "Last", true),
            new FigureColumn("change", "Change", true),
            new FigureColumn("lower", "Lower", true),
            new FigureColumn("upper", "Upper", true),
            new FigureColumn("withinSamplingNoise", "Within noise"));
        void Row(string kpi, KpiSeries series, string unit)
        {
            if (series.Change() is { } c)
            {
                table.Row(kpi, series.Name, unit, k.Buckets[c.FirstBucket], k.Buckets[c.LastBucket], c.First, c.Last, c.Difference, c.Lower, c.Upper, c.WithinSamplingNoise);
            }
        }
        Row("fcr", k.Fcr, "fraction");
        Row("csat", k.Csat, "fraction");
        Row("nps", k.Nps, "points");
        foreach (var series in k.ServiceLevel)
        {
            Row("serviceLevel", series, "fraction");
        }
        foreach (var series in k.AverageHandleTime)
        {
            Row("averageHandleTime", series, "minutes");
        }
    }

    private static void Cost(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "costToServe", "Cost-to-serve by channel");
        if (!a.CostToServe.TryGetValue(out var costs))
        {
            Unavailable(section, a.CostToServe.Reason!);
            Unavailable(Section(output, "customerProfitability", "Customer profitability (whale curve)"), a.Profitability.Reason!);
            Unavailable(Section(output, "serviceLevelCost", $"Cost of the {a.Options.StaffedChannel.ToSchemaName()} service level (Erlang C)"), a.ServiceLevelCosts.Reason!);
            return;
        }
        section.Note = $"Rates: {a.Options.RatesSource}. Per resolution = the cost of the repeat chains ({a.Options.Kpis.Repeat.Describe()}, the FCR definition) started on the channel / those chains.";
        var rows = section.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("contacts", "Contacts", true),
            new FigureColumn("cost", "Cost", true),
            new FigureColumn("costPerContact", "Per contact", true),
            new FigureColumn("chains", "Issues started", true),
            new FigureColumn("costPerResolution", "Per resolution", true));
        foreach (var g in costs.ByChannel)
        {
            rows.Row(g.Key, g.Contacts, g.Cost.Total, g.CostPerContact, g.Chains, g.CostPerResolution);
        }
        section.Fact("totalCost", "Total cost", costs.Total.Total)
            .Fact("costPerContact", "Cost per contact", costs.CostPerContact)
            .Fact("costPerResolution", "Cost per resolution", costs.CostPerResolution);

        var profit = Section(output, "customerProfitability", "Customer profitability (whale curve)");
        if (a.Profitability.TryGetValue(out var p))
        {
            Profitability(output, profit, p);
        }
        else
        {
            Unavailable(profit, a.Profitability.Reason!);
        }

        var sl = Section(output, "serviceLevelCost", $"Cost of the {a.Options.StaffedChannel.ToSchemaName()} service level (Erlang C)");
        if (!a.ServiceLevelCosts.TryGetValue(out var levels))
        {
            Unavailable(sl, a.ServiceLevelCosts.Reason!);
            return;
        }
        sl.Note = string.Create(CultureInfo.InvariantCulture,
            $"Demand: {levels.Profile.Description}. Erlang C each interval, shrinkage {levels.Shrinkage:0%}, {levels.LoadedCostPerPaidHour} per paid hour, {a.Options.PaidTimePerFteWeek.TotalHours:0.#} paid hours per FTE-week. Occupancy = handled hours / hours on the phones.");
        var table = sl.SetTable("targets",
            new FigureColumn("target", "Target"),
            new FigureColumn("peakAgents", "Peak agents", true),
            new FigureColumn("scheduledHoursPerWeek", "Paid hours/week", true),
            new FigureColumn("fte", "FTE", true),
            new FigureColumn("occupancy", "Occupancy", true),
            new FigureColumn("costPerYear", "Cost per year", true));
        foreach (var r in levels.Targets)
        {
            table.Row(r.Name, r.PeakAgents, Math.Round(r.ScheduledHoursPerWeek, 1), Math.Round(r.Fte, 1), new Fraction(r.Occupancy), r.CostPerYear);
        }
    }

    private static void Profitability(FigureSheet output, FigureSection profit, CustomerProfitability p)
    {
        var curve = p.WhaleCurve;
        profit.Note = $"Value = {p.ValueSource}; profit = value - cost-to-serve. Customers ranked by profit; the peak is the profit of the profitable customers alone.";
        profit.Fact("customers", "Customers", p.Customers.Length)
            .Fact("totalProfit", "Total profit after service cost", p.TotalProfit)
            .Fact("peakProfit", "Peak of the whale curve", curve.Peak.CumulativeProfit)
            .Fact("peakShareOfTotalProfit", "Peak as a share of total profit", curve.Peak.ShareOfTotalProfit is double s ? new Fraction(s) : null)
            .Fact("peakCustomerShare", "Customers up to the peak", new Fraction(curve.Peak.CustomerShare))
            .Fact("valueDestroyingShare", "Customers who destroy value", new Fraction(curve.ValueDestroyingShare));
        var whale = Series(output, "whaleCurve", "Whale curve (the report's chart: at most 400 points)").SetTable("points",
            new FigureColumn("customers", "Customers"), new FigureColumn("customerShare", "Share of customers"), new FigureColumn("cumulativeProfit", "Cumulative profit"));
        foreach (var point in curve.Sample(400))
        {
            whale.Row(point.Customers, new Fraction(point.CustomerShare), point.CumulativeProfit);
        }
    }

    private static void Clv(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "clv", $"Customer lifetime value (BG/NBD x Gamma-Gamma, {a.Options.ClvYears} years)");
        if (!a.Clv.TryGetValue(out var clv))
        {
            Unavailable(section, a.Clv.Reason!);
            return;
        }
        var summary = BoardReportBuilder.ClvOf(clv, a);
        section.Note = "Value per customer: " + clv.Definition + ".";
        section.Fact("buyers", "Customers with purchases", clv.Summary.Count)
            .Fact("uniqueRows", "Unique (x, t_x, T) rows", clv.Rows.Count)
            .Fact("activeCustomers", "Active customers", clv.ActiveCustomers)
            .Fact("valuedCustomers", "Customers valued", clv.Values.Length)
            .Fact("parameters", "BG/NBD", clv.Transactions.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 4)))
            .Fact("spendParameters", "Gamma-Gamma", clv.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 4)))
            .Fact("margin", "Margin (assumed)", new Fraction(a.Options.Margin))
            .Fact("discountRate", "Discount rate a year (assumed)", new Fraction(a.Options.AnnualDiscountRate))
            .Fact("valuePerCustomer", "Value per customer (mean CLV)", clv.ValuePerCustomer)
            .Fact("valuePerCustomerLower", "Mean, 95% lower", new Money((decimal)clv.ValuePerCustomerInterval.Lower, a.Currency))
            .Fact("valuePerCustomerUpper", "Mean, 95% upper", new Money((decimal)clv.ValuePerCustomerInterval.Upper, a.Currency))
            .Fact("medianClv", "Median CLV", new Money(Math.Round(summary.Median, 2), a.Currency))
            .Fact("topDecileShare", "Share of value held by the top 10%", new Fraction(summary.TopDecileShare));
        var t = section.SetTable("segments",
            new FigureColumn("segment", "Segment"),
            new FigureColumn("customers", "Valued", true),
            new FigureColumn("mean", "Mean CLV", true),
            new FigureColumn("median", "Median CLV", true));
        foreach (var g in summary.Segments)
        {
            t.Row(g.Segment, g.Customers, new Money(Math.Round(g.Mean, 2), a.Currency), new Money(Math.Round(g.Median, 2), a.Currency));
        }
        var distribution = Series(output, "clvValues", "CLV of each valued customer, ascending (the report's histogram)").SetTable("values", new FigureColumn("clv", "CLV"));
        foreach (decimal v in summary.Values)
        {
            distribution.Row(new Money(v, a.Currency));
        }
    }

    private static void Retention(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "retentionUplift", $"Retention: first contact resolved vs not ({a.Options.RetentionHorizon.TotalDays:0} days)");
        if (!a.Retention.TryGetValue(out var r))
        {
            Unavailable(section, a.Retention.Reason!);
            return;
        }
        var c = r.Uplift.Comparison;
        section.Note = r.Definition + ". The index-date hazard ratio is adjusted for segment and tenure.";
        section.Fact("resolvedRetention", "Retention, resolved", new Fraction(c.Reference.Retention))
            .Fact("unresolvedRetention", "Retention, unresolved", new Fraction(c.Exposed.Retention))
            .Fact("difference", "Difference", new Fraction(c.Difference.Difference))
            .Fact("differenceLower", "Difference, 95% lower", new Fraction(c.Difference.Interval.Lower))
            .Fact("differenceUpper", "Difference, 95% upper", new Fraction(c.Difference.Interval.Upper))
            .Fact("hazardRatio", "Index-date HR (adjusted)", c.HazardRatio?.HazardRatio)
            .Fact("hazardRatioLower", "HR, 95% lower", c.HazardRatio?.HazardRatioInterval.Lower)
            .Fact("hazardRatioUpper", "HR, 95% upper", c.HazardRatio?.HazardRatioInterval.Upper)
            .Fact("customersLeftOut", "Customers without a contact with a known outcome", r.Uplift.Data.CustomersWithoutQualifyingContact);
        if (r.Value is { } value)
        {
            UpliftFigures.AddValue(section, value, "Customers with an unresolved first contact");
        }
        var curves = Series(output, "retentionCurves", "Kaplan-Meier retention after the first contact (the report's chart)").SetTable("points",
            new FigureColumn("group", "Group"), new FigureColumn("day", "Day"), new FigureColumn("retention", "Retention"));
        foreach (var curve in new[] { r.Resolved, r.Unresolved })
        {
            curves.Row(curve.Group, 0.0, new Fraction(1));
            foreach (var row in curve.Rows)
            {
                curves.Row(curve.Group, row.Time, new Fraction(row.Survival));
            }
        }
    }

    private static void Attribution(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "attribution", "Attribution and the assist of service contacts");
        if (!a.Attribution.TryGetValue(out var at))
        {
            Unavailable(section, a.Attribution.Reason!);
            return;
        }
        section.Note = $"{at.Definition}. Money: {at.IncrementalityCaveat}.";
        var all = at.ServiceAssisted;
        var credit = BoardReportBuilder.AttributionOf(at, a.Currency);
        section.Fact("lookbackSeconds", "Lookback", at.Lookback)
            .Fact("journeys", "Journeys", at.JourneyCount)
            .Fact("conversions", "Conversions", all.OfConversions)
            .Fact("value", "Conversion value", all.OfValue)
            .Fact("serviceAssistedConversions", "Assisted by service", all.Conversions)
            .Fact("serviceAssistedValue", "Value of conversions assisted by service", all.Value)
            .Fact("incrementalityCaveat", "Not an incremental effect", at.IncrementalityCaveat)
            .Fact("serviceAssistedShare", "Share of conversions assisted", Fraction.Of(all.Share))
            .Fact("serviceAssistedLastYear", "Assisted by service, last year", at.ServiceAssistedLastYear.Conversions)
            .Fact("markovServiceConversions", "Markov credit of service", credit.MarkovServiceConversions);
        var t = section.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("markovConversions", "Markov", true),
            new FigureColumn("lastTouchConversions", "Last touch", true),
            new FigureColumn("assistedConversions", "Assisted", true),
            new FigureColumn("markovValue", "Markov value", true));
        foreach (var c in credit.Channels)
        {
            t.Row(c.Channel, Math.Round(c.Markov, 2), c.LastTouch, c.Assisted, new Money(Math.Round(c.MarkovValue.Amount, 2), c.MarkovValue.Currency));
        }
    }

    private static void BusinessCase(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "businessCase", $"Business case: {a.FcrCaseName} (a year)");
        if (!a.FcrBusinessCase.TryGetValue(out var fcr))
        {
            Unavailable(section, a.FcrBusinessCase.Reason!);
            return;
        }
        var inputs = a.BusinessCaseInputs.Value;
        section.Note = $"{Headline(a.FcrCaseName, fcr)}. Each line is a mechanism with its inputs (measured, or assumed and said so); the range is a seeded Monte Carlo over the inputs. {fcr.ConvergenceNote} {inputs.Notes}";
        section.Fact("headline", "Headline", Headline(a.FcrCaseName, fcr))
            .Fact("total", "Total a year (point)", fcr.Total.Point)
            .Fact("mean", "Mean", fcr.Total.Mean)
            .Fact("p10", "P10", fcr.Total.P10)
            .Fact("p50", "P50", fcr.Total.P50)
            .Fact("p90", "P90", fcr.Total.P90)
            .Fact("monteCarloStandardError", "Monte Carlo SE of the mean", fcr.Total.StandardErrorOfMean)
            .Fact("iterations", "Monte Carlo draws", fcr.Iterations)
            .Fact("seed", "Seed", fcr.Seed)
            .Fact("currentFcrFlag", "Current FCR (resolved flag, last year)", new Fraction(inputs.FirstContactResolution.Point));
        Lines(section, fcr);

        Inputs(Section(output, "businessCaseInputs", "Business case: inputs"), fcr.Case.Inputs);

        var tornado = Section(output, "businessCaseTornado", "Business case: what moves the total most (tornado)");
        tornado.Note = "Each input at the low and the high end of its own interval, the others at their point values; ranked by the swing of the total.";
        var t = tornado.SetTable("inputs",
            new FigureColumn("input", "Input"),
            new FigureColumn("low", "Low", true),
            new FigureColumn("high", "High", true),
            new FigureColumn("totalAtLow", "Total at low", true),
            new FigureColumn("totalAtHigh", "Total at high", true),
            new FigureColumn("swing", "Swing", true),
            new FigureColumn("source", "Source", Detail: true));
        foreach (var e in fcr.Tornado.Take(TornadoRows))
        {
            t.Row(e.Input.Name, e.Input.Low, e.Input.High, e.TotalAtLow, e.TotalAtHigh, e.Swing, e.Input.Source.ToString());
        }

        var programme = Section(output, "businessCaseProgramme", "Business case: service programme (a year)");
        if (!a.ServiceProgramme.TryGetValue(out var p))
        {
            Unavailable(programme, a.ServiceProgramme.Reason!);
            return;
        }
        programme.Note = $"The FCR gain plus AHT, agent attrition and the assists at an assumed incrementality: {Amount(p.Total.Point)} a year (P10 {Amount(p.Total.P10)} to P90 {Amount(p.Total.P90)}). Lines share inputs (the FCR gain) and are drawn together. {p.ConvergenceNote}";
        programme.Fact("total", "Total a year (point)", p.Total.Point)
            .Fact("p10", "P10", p.Total.P10)
            .Fact("p50", "P50", p.Total.P50)
            .Fact("p90", "P90", p.Total.P90);
        Lines(programme, p);
    }

    /// <summary>The customer-experience lines (CSAT -> churn per segment, NPS -> referrals, CES -> repeats, self-service shift) with every input's kind.</summary>
    private static void Experience(FigureSheet output, ContactCenterAnalysis a)
    {
        var section = Section(output, "businessCaseExperience", "Business case: customer-experience levers (a year)");
        if (!a.ExperienceCase.TryGetValue(out var x))
        {
            Unavailable(section, a.ExperienceCase.Reason!);
            return;
        }
        section.Note = string.Join(" ", new[] { $"{Headline(x.Case.Scenario, x)}. Each line with its definition; every input measured, modelled or assumed. {x.ConvergenceNote}" }.Concat(BoardReportBuilder.ExperienceGaps(a)));
        section.Fact("total", "Total a year (point)", x.Total.Point)
            .Fact("p10", "P10", x.Total.P10)
            .Fact("p50", "P50", x.Total.P50)
            .Fact("p90", "P90", x.Total.P90);
        var table = section.SetTable("lines",
            new FigureColumn("line", "Line"),
            new FigureColumn("value", "Point", true),
            new FigureColumn("p10", "P10", true),
            new FigureColumn("p90", "P90", true),
            new FigureColumn("sentence", "In one sentence", Detail: true),
            new FigureColumn("formula", "Formula (point values)", Detail: true),
            new FigureColumn("definition", "Definition", Detail: true));
        foreach (var (line, result) in a.ExperienceLines.Zip(x.Lines))
        {
            table.Row(line.Item.Name, result.Value.Point, result.Value.P10, result.Value.P90, line.Sentence, line.Item.FormulaWithValues, line.Definition);
        }
        Inputs(Section(output, "businessCaseExperienceInputs", "Customer-experience levers: inputs"), x.Case.Inputs);
        if (a.CsatChurn.TryGetValue(out var csat))
        {
            var segments = Section(output, "csatChurnBySegment", "CSAT -> churn by segment");
            segments.Note = csat.Definition;
            var t = segments.SetTable("segments",
                new FigureColumn("segment", "Segment"),
                new FigureColumn("topBoxCustomers", "Top-box", true),
                new FigureColumn("otherCustomers", "Others", true),
                new FigureColumn("topBoxRetention", "Retention, top-box", true),
                new FigureColumn("otherRetention", "Retention, others", true),
                new FigureColumn("difference", "Difference", true),
                new FigureColumn("relativeChurnChange", "Churn change", true));
            foreach (var s in csat.Segments)
            {
                var c = s.Comparison;
                t.Row(s.Segment, c.Reference.Customers, c.Exposed.Customers, new Fraction(c.Reference.Retention), new Fraction(c.Exposed.Retention),
                    new Fraction(c.Difference.Difference), new Fraction(s.RelativeChurnChange));
            }
        }
        if (a.RecommendationByScore.TryGetValue(out var byScore))
        {
            var r = Section(output, "recommendationByScore", "Actual recommendation by NPS score");
            r.Note = "Share of survey responses whose recommended answer is true, by NPS score (Wilson 95% interval); the MarketResponse study found 36% at 10 and 14% at 7.";
            var t = r.SetTable("scores",
                new FigureColumn("score", "NPS"),
                new FigureColumn("responses", "Responses", true),
                new FigureColumn("recommended", "Recommended", true),
                new FigureColumn("share", "Share", true));
            foreach (var s in byScore)
            {
                t.Row(s.Score, s.Responses, s.Recommended, Fraction.Of(s.Share.Value));
            }
        }
    }

    /// <summary>A case's inputs, each with its interval, its kind (measured, modelled, assumed) and its source.</summary>
    private static void Inputs(FigureSection section, IEnumerable<UncertainInput> inputs)
    {
        var table = section.SetTable("inputs",
            new FigureColumn("input", "Input"),
            new FigureColumn("point", "Point", true),
            new FigureColumn("low", "Low", true),
            new FigureColumn("high", "High", true),
            new FigureColumn("origin", "Origin"),
            new FigureColumn("source", "Source", Detail: true));
        foreach (var i in inputs)
        {
            table.Row(i.Name, i.Point, i.Low, i.High, i.Source.Origin.ToString().ToUpperInvariant(), i.Source.ToString());
        }
    }

    /// <summary>"FCR +5 points: €X a year (P10 €Y to P90 €Z)", the amounts as the report page writes them.</summary>
    internal static string Headline(string name, BusinessCaseAnalysis a) => $"{name}: {Range(a)}";

    /// <summary>"€X a year (P10 €Y to P90 €Z)": a case's total and its range, as the report page writes amounts.</summary>
    internal static string Range(BusinessCaseAnalysis a) => $"{Amount(a.Total.Point)} a year (P10 {Amount(a.Total.P10)} to P90 {Amount(a.Total.P90)})";

    /// <summary>A range of amounts, "€1,209 to €1,908" ("-€29.91 to €1,491": a hyphen would read as a minus).</summary>
    internal static string Between(Money low, Money high) => $"{Amount(low)} to {Amount(high)}";

    /// <summary>An amount as the report page writes it.</summary>
    internal static string Amount(Money m) => HtmlReport.Money((double)m.Amount, m.Currency);

    private static void Lines(FigureSection section, BusinessCaseAnalysis a)
    {
        var table = section.SetTable("lines",
            new FigureColumn("line", "Line"),
            new FigureColumn("value", "Point", true),
            new FigureColumn("p10", "P10", true),
            new FigureColumn("p50", "P50", true),
            new FigureColumn("p90", "P90", true),
            new FigureColumn("formula", "Formula (point values)"));
        foreach (var line in a.Lines)
        {
            table.Row(line.Item.Name, line.Value.Point, line.Value.P10, line.Value.P50, line.Value.P90, line.Item.FormulaWithValues);
        }
    }
}
