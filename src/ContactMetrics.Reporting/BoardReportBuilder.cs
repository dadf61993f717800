using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// Lays out the figures of one <see cref="ContactCenterAnalysis"/> as the board report's sections. Nothing is computed
/// here: every number is the analysis's (computed once, on first use), so the report, the CLI's console and JSON output
/// and a notebook agree. Rendering is <see cref="HtmlReport"/>'s job.
/// </summary>
/// <example>
/// <code>
/// var analysis = ContactCenterAnalysis.Create(data, data.Window(zone), new AnalysisOptions { Rates = rates });
/// HtmlReport.Write(BoardReportBuilder.Build(analysis), "report.html");
/// </code>
/// </example>
public static class BoardReportBuilder
{
    private const string AllChannels = "all channels";

    /// <summary>"ContactMetrics.Reporting 1.2.3": the package and its version (without the build metadata after '+').</summary>
    private static readonly string Generator = "ContactMetrics.Reporting " + (typeof(BoardReportBuilder).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "");

    /// <summary>Every section of the report; a section the data cannot support is left out and its reason named in <see cref="BoardReport.Gaps"/>.</summary>
    /// <param name="analysis">The analysis whose figures the report shows.</param>
    /// <returns>The numbers of the report, ready for <see cref="HtmlReport.Render"/> and <see cref="BoardReport.Charts"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="analysis"/> is null.</exception>
    /// <exception cref="ReportDataException">The analysis has no interactions, so there is nothing to report.</exception>
    public static BoardReport Build(ContactCenterAnalysis analysis) => Build(analysis, SystemClock.Instance);

    /// <summary>Every section of the report, stamped with the time <paramref name="clock"/> gives (a fixed clock makes the page reproducible).</summary>
    /// <param name="analysis">The analysis whose figures the report shows.</param>
    /// <param name="clock">The clock of the generation time on the page; null leaves the page unstamped.</param>
    /// <returns>The numbers of the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="analysis"/> is null.</exception>
    /// <exception cref="ReportDataException">The analysis has no interactions, so there is nothing to report.</exception>
    public static BoardReport Build(ContactCenterAnalysis analysis, IClock? clock)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Counts.Interactions == 0)
        {
            throw new ReportDataException("There are no interactions, so there is nothing to report.");
        }
        var gaps = ImmutableArray.CreateBuilder<string>();
        T? Figure<T>(AnalysisFigure<T> figure, string section) where T : class
        {
            if (figure.Reason is { } reason)
            {
                gaps.Add($"{section}: {reason}");
            }
            return figure.ValueOrNull;
        }
        var d = analysis.Counts;
        var w = analysis.Window;
        var overview = new ReportOverview(d.Customers, d.Interactions, d.Purchases, d.Touchpoints, d.Conversions,
            w.FirstDay, w.LastDay, w.End, w.TimeZone, analysis.Currency);
        var kpis = KpiTrendsOf(analysis);
        var retention = Figure(analysis.Retention, "Retention by first-contact resolution") is { } r
            ? new RetentionCurves(r.Resolved, r.Unresolved, r.Uplift.Comparison, r.Uplift.Data) : null;
        var attribution = Figure(analysis.Attribution, "Attribution") is { } a ? AttributionOf(a, analysis.Currency) : null;
        var clv = Figure(analysis.Clv, "Customer value") is { } c ? ClvOf(c, analysis) : null;
        var costs = Figure(analysis.CostToServe, "Cost-to-serve and the whale curve");
        var cost = costs is not null && analysis.Profitability.ValueOrNull is { } p ? new CostSummary(costs, p, analysis.Options.RatesSource, analysis.Options.Margin) : null;
        var fcr = Figure(analysis.FcrBusinessCase, "Business case");
        var businessCase = fcr is not null ? new BusinessCaseSummary(analysis.BusinessCaseInputs.Value, fcr, analysis.FcrGain) : null;
        var experience = Figure(analysis.ExperienceCase, "Customer-experience levers") is { } x ? new ExperienceSummary(x, analysis.ExperienceLines, ExperienceGaps(analysis)) : null;
        return new BoardReport(overview, kpis, retention, attribution, clv, gaps.ToImmutable())
        {
            Cost = cost,
            BusinessCase = businessCase,
            Experience = experience,
            Agents = AgentsOf(analysis),
            GeneratedAt = clock?.GetCurrentInstant(),
            Generator = Generator,
        };
    }

    /// <summary>The measured agent figures and the programme's attrition line; null when neither attrition nor the new hires' gap is measured.</summary>
    internal static AgentSummary? AgentsOf(ContactCenterAnalysis analysis) =>
        analysis.AgentAttrition.IsAvailable || analysis.NewHireGap.IsAvailable
            ? new AgentSummary(analysis.AgentAttrition.ValueOrNull, analysis.AgentAttrition.Reason, analysis.NewHireGap.ValueOrNull, analysis.NewHireGap.Reason,
                analysis.ServiceProgramme.ValueOrNull?.Lines.FirstOrDefault(l => l.Item.Name.StartsWith(ValueMechanisms.AttritionLineName, StringComparison.Ordinal)))
            : null;

    /// <summary>Why a customer-experience lever, or a segment of CSAT -> churn, has no line.</summary>
    internal static ImmutableArray<string> ExperienceGaps(ContactCenterAnalysis analysis)
    {
        var gaps = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, reason) in new[] { ("CSAT -> churn", analysis.CsatChurn.Reason), ("NPS -> referrals", analysis.NpsReferrals.Reason), ("CES -> repeat contacts", analysis.CesRepeats.Reason), ("CES -> churn", analysis.CesChurn.Reason), ("Self-service shift", analysis.SelfServiceShift.Reason) })
        {
            if (reason is not null)
            {
                gaps.Add($"{name}: not valued. {reason}");
            }
        }
        if (analysis.CsatChurn.ValueOrNull is { } csat)
        {
            gaps.AddRange(csat.Gaps.Select(g => $"CSAT -> churn in segment {g.Segment}: not valued. {g.Reason}"));
        }
        return gaps.ToImmutable();
    }

    /// <summary>The KPIs of every bucket overall and by channel, from the analysis's two trend rollups.</summary>
    internal static KpiTrends KpiTrendsOf(ContactCenterAnalysis analysis)
    {
        var overall = analysis.Trend;
        var byChannel = analysis.TrendByChannel;
        var buckets = overall.Select(g => g.BucketStart!.Value.Date).ToImmutableArray();
        var index = buckets.Select((d, k) => (d, k)).ToDictionary(x => x.d, x => x.k);

        KpiSeries Overall(Func<KpiGroup, double?> value, Func<KpiGroup, double?>? standardError = null) =>
            new(AllChannels, overall.Select(value).ToImmutableArray()) { StandardErrors = standardError is null ? [] : overall.Select(standardError).ToImmutableArray() };

        ImmutableArray<KpiSeries> PerChannel(IEnumerable<Channel> channels, Func<KpiGroup, double?> value, Func<KpiGroup, double?>? standardError = null)
        {
            var series = ImmutableArray.CreateBuilder<KpiSeries>();
            foreach (var channel in channels)
            {
                var values = new double?[buckets.Length];
                var errors = new double?[buckets.Length];
                foreach (var g in byChannel.Where(g => g.Channel == channel))
                {
                    values[index[g.BucketStart!.Value.Date]] = value(g);
                    errors[index[g.BucketStart!.Value.Date]] = standardError?.Invoke(g);
                }
                if (values.Any(v => v is not null))
                {
                    series.Add(new KpiSeries(channel.ToSchemaName(), [.. values]) { StandardErrors = standardError is null ? [] : [.. errors] });
                }
            }
            return series.ToImmutable();
        }

        var any = analysis.Overall;
        var definitions = ImmutableArray.Create(
            Named("FCR", any.FirstContactResolution.Definition),
            Named("CSAT", any.Csat.Definition),
            Named("NPS", any.Nps.Definition),
            Named("Service level", any.ServiceLevel.Definition),
            Named("AHT", any.AverageHandleTime.Definition));
        return new KpiTrends(analysis.Options.TrendBucket, buckets,
            Overall(g => g.FirstContactResolution.Value, g => RateError(g.FirstContactResolution)),
            Overall(g => g.Csat.Value, g => RateError(g.Csat)) with { Name = analysis.Options.Kpis.Csat == CsatBox.TopTwoBox ? "CSAT (4-5 of 5)" : "CSAT (5 of 5)" },
            Overall(g => g.Nps.Value, g => g.Nps.StandardError),
            PerChannel(ChannelNames.All.Where(c => c.IsLiveQueue()), g => g.ServiceLevel.Value, g => RateError(g.ServiceLevel)),
            PerChannel(ChannelNames.All, g => g.AverageHandleTime.Value is double s ? s / 60 : null),
            definitions)
        {
            AverageHandleTimeOverWindow = [.. analysis.ByChannel
                .Where(g => g.Channel is not null && g.AverageHandleTime.Value is not null)
                .Select(g => new ChannelFigure(g.Channel!.Value.ToSchemaName(), g.AverageHandleTime.Value!.Value / 60))],
            ServiceLevelGoal = analysis.Options.ServiceLevelGoal,
            ServiceLevelThreshold = analysis.Options.Kpis.ServiceLevel.Threshold,
        };
    }

    /// <summary>The binomial standard error of a rate, sqrt(p(1 - p) / n); null without a denominator.</summary>
    private static double? RateError(RateEstimate rate) =>
        rate.Value is double p && rate.Denominator > 0 ? Math.Sqrt(p * (1 - p) / rate.Denominator) : null;

    /// <summary>The definition as the rollup states it, led by the KPI's name unless it already is.</summary>
    private static string Named(string kpi, string definition) =>
        definition.StartsWith(kpi, StringComparison.OrdinalIgnoreCase) ? definition : $"{kpi}: {definition}";

    /// <summary>The attribution section: each channel's credit, largest Markov credit first.</summary>
    internal static AttributionSummary AttributionOf(AttributionAnalysis a, Currency currency)
    {
        var paths = a.Paths;
        var channels = Enumerable.Range(0, paths.Channels.Length)
            .Select(c => new ChannelCredit(paths.Channels[c], AttributionAnalysis.IsService(paths.Channels[c]), a.Markov.Conversions[c], a.LastTouch.Conversions[c],
                a.Assists.Channels[c].AssistedConversions, a.Markov.Value[c]))
            .OrderByDescending(c => c.Markov).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AttributionSummary(a.Lookback, a.JourneyCount, paths.TotalConversions, paths.TotalValue,
            a.ServiceAssisted, channels, currency) { IncrementalityCaveat = a.IncrementalityCaveat };
    }

    /// <summary>The CLV section: the valued customers' values, ascending, and their mean and median by segment.</summary>
    internal static ClvSummary ClvOf(ClvAnalysis clv, ContactCenterAnalysis analysis)
    {
        var rows = clv.Values.Select((v, k) => (Segment: clv.Segments[k], Value: v.Amount)).ToList();
        var segments = rows.GroupBy(r => r.Segment).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.Select(r => r.Value).Order().ToArray();
                decimal total = sorted.Sum();
                return new SegmentValue(g.Key, sorted.Length, total / sorted.Length, ClvSummary.MedianOf(sorted), total);
            })
            .ToImmutableArray();
        var o = analysis.Options;
        return new ClvSummary(rows.Select(r => r.Value).Order().ToImmutableArray(), clv.ValuePerCustomer.Amount, clv.ActiveCustomers, segments,
            clv.Transactions.Model.Parameters, clv.Spend.Model.Parameters, o.Margin, o.AnnualDiscountRate, o.ClvYears, analysis.Currency);
    }
}
