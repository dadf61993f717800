using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// What <see cref="LakeSummaries"/> summarises: where a lake's tables are (null: absent) and the options of each summary.
/// </summary>
/// <param name="Interactions">The interactions: a file, a glob or a folder (required).</param>
/// <param name="Customers">The customers; the survival table is made when they are given.</param>
/// <param name="Purchases">The purchases; the RFM summary is made when they and <paramref name="Rfm"/> are given.</param>
/// <param name="Touchpoints">The touchpoints; the path summary is made when they and the conversions are given.</param>
/// <param name="Conversions">The conversions.</param>
/// <param name="Grouping">The KPI counts' dimensions, time bucket and time zone; the zone is also the observation end's.</param>
/// <param name="Uplift">The survival table's grouping.</param>
/// <param name="ObservationEnd">The survival table's observation end; null: the start of the local day (in the grouping's zone) after the last arrival, the rule of <see cref="ObservationWindow.OfDays"/>.</param>
/// <param name="Journeys">The path summary's lookback (service contacts are touches).</param>
/// <param name="Rfm">The RFM summary's options, or null for none.</param>
public sealed record LakeSummaryRequest(string Interactions, string? Customers, string? Purchases, string? Touchpoints, string? Conversions,
    KpiGrouping Grouping, UpliftGrouping Uplift, Instant? ObservationEnd, JourneyOptions Journeys, RfmSummaryOptions? Rfm);

/// <summary>
/// The sufficient statistics of a lake of tables, made by DuckDB out of core or in memory from records, with the same
/// values either way: KPI counts; the index-date survival table when there are customers; the path summary when there
/// are touchpoints and conversions; the RFM summary when there are purchases and RFM options. <see cref="Write"/> writes
/// them as files that every command and later runs read.
/// </summary>
/// <param name="Kpis">The KPI counts per group.</param>
/// <param name="Issues">One row per issue (repeat chain) with the default repeat rule.</param>
/// <param name="Segments">The business case's per-segment inputs over the year before the observation end (none without interactions).</param>
/// <param name="Survival">The survival table, or null.</param>
/// <param name="Paths">The path summary, or null.</param>
/// <param name="Rfm">The RFM summary, or null.</param>
public sealed record LakeSummaries(IReadOnlyList<GroupedKpiCounts> Kpis, IReadOnlyList<Issue> Issues, IReadOnlyList<SegmentInputs> Segments,
    IndexDateTable? Survival, PathSummary? Paths, RfmSummary? Rfm)
{
    /// <summary>The summaries computed by <paramref name="duck"/>, which attaches the request's tables.</summary>
    /// <param name="duck">An open engine.</param>
    /// <param name="lake">The tables and options.</param>
    /// <returns>The summaries.</returns>
    /// <exception cref="InvalidDataException">There are customers but no interactions (no index contact, no observation end).</exception>
    /// <exception cref="SqlSourceException">A table cannot be read.</exception>
    public static LakeSummaries ByDuckDb(DuckDbEngine duck, LakeSummaryRequest lake)
    {
        ArgumentNullException.ThrowIfNull(duck);
        ArgumentNullException.ThrowIfNull(lake);
        duck.AttachInteractions(lake.Interactions);
        if (lake.Customers is not null)
        {
            duck.AttachCustomers(lake.Customers);
        }
        if (lake.Touchpoints is not null && lake.Conversions is not null)
        {
            duck.AttachTouchpoints(lake.Touchpoints);
            duck.AttachConversions(lake.Conversions);
        }
        if (lake.Rfm is not null && lake.Purchases is not null)
        {
            duck.AttachPurchases(lake.Purchases);
        }
        var end = EndOrNull(lake, lake.ObservationEnd is null ? duck.LastArrival() : null);
        return OfAttached(duck, lake, KpiOptions.Default, end, end is { } e ? (e - ObservationWindow.Year, e) : null,
            () => duck.SurvivalTable(lake.Uplift, end!.Value));
    }

    /// <summary>
    /// The summaries of the tables attached to <paramref name="duck"/> as of <paramref name="window"/>, the analysis's window
    /// (<see cref="LakeAnalysis.ByDuckDbWithSummaries"/>): the segment inputs over its last year, the survival table at its
    /// end with the customers as known then (<see cref="DuckDbEngine.SurvivalTableAsOf"/>), so a survival table of the
    /// analysis's grouping is the analysis's own (<paramref name="analysisSurvival"/>, taken as it is instead of a second
    /// query); KPI counts, issues and segment inputs with <paramref name="kpis"/>.
    /// </summary>
    internal static LakeSummaries OfAttached(DuckDbEngine duck, LakeSummaryRequest lake, ObservationWindow window, KpiOptions kpis, IndexDateTable? analysisSurvival) =>
        OfAttached(duck, lake, kpis, window.End, (window.LastYearStart, window.End),
            () => lake.Uplift == UpliftGrouping.FirstContactResolution && analysisSurvival is not null ? analysisSurvival : duck.SurvivalTableAsOf(lake.Uplift, window));

    private static LakeSummaries OfAttached(DuckDbEngine duck, LakeSummaryRequest lake, KpiOptions kpis, Instant? end, (Instant From, Instant To)? lastYear,
        Func<IndexDateTable> survivalTable)
    {
        var groups = duck.Kpis(lake.Grouping, kpis);
        var issues = duck.Issues(kpis.Repeat);
        IReadOnlyList<SegmentInputs> segments = lastYear is var (from, to) ? duck.SegmentInputs(kpis.Repeat, from, to) : [];
        var survival = lake.Customers is null ? null : end is null ? throw NoIndexContact(lake) : survivalTable();
        var paths = lake.Touchpoints is null || lake.Conversions is null ? null : duck.Paths(lake.Journeys, serviceContacts: true);
        var rfm = lake.Rfm is null || lake.Purchases is null ? null : duck.RfmSummary(lake.Rfm);
        return new LakeSummaries(groups, issues, segments, survival, paths, rfm);
    }

    /// <summary>The summaries of records already read (each null when the request has no such table).</summary>
    /// <param name="lake">The options (its paths name the tables in messages).</param>
    /// <param name="interactions">The interactions.</param>
    /// <param name="customers">The customers, or null.</param>
    /// <param name="touchpoints">The touchpoints, or null.</param>
    /// <param name="conversions">The conversions, or null.</param>
    /// <param name="purchases">The purchases, or null.</param>
    /// <returns>The summaries, equal to <see cref="ByDuckDb"/>'s on the same rows.</returns>
    /// <exception cref="InvalidDataException">There are customers but no interactions (no index contact, no observation end).</exception>
    public static LakeSummaries InMemory(LakeSummaryRequest lake, IReadOnlyList<Interaction> interactions, IReadOnlyList<Customer>? customers,
        IReadOnlyList<Touchpoint>? touchpoints, IReadOnlyList<Conversion>? conversions, IReadOnlyList<Purchase>? purchases)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(interactions);
        var table = InteractionTable.Create(interactions, customers ?? []);
        var groups = KpiRollup.Compute(table, lake.Grouping).Select(GroupedKpiCounts.From).ToList();
        var end = EndOrNull(lake, interactions.Count > 0 ? interactions.Max(i => i.ArrivedAt) : null);
        IReadOnlyList<SegmentInputs> segments = end is { } e ? SegmentInputs.Of(table, new RepeatContactOptions(), e - ObservationWindow.Year, e) : [];
        var survival = customers is null ? null
            : RetentionUpliftBuilder.BuildTable(customers, table, lake.Uplift, end ?? throw NoIndexContact(lake));
        var paths = touchpoints is null || conversions is null ? null
            : JourneyBuilder.Summarize(JourneyBuilder.Build(touchpoints, conversions, interactions, lake.Journeys));
        var rfm = lake.Rfm is null || purchases is null ? null : RfmSummaryBuilder.Build(purchases, lake.Rfm);
        return new LakeSummaries(groups, Issue.Of(table), segments, survival, paths, rfm);
    }

    /// <summary>
    /// Writes each summary to <paramref name="directory"/> (created if missing) as <c>kpi_counts</c>, <c>issues</c>, <c>segment_inputs</c>, <c>survival_table</c>,
    /// <c>paths</c> and <c>rfm_summary</c> with <paramref name="extension"/> (<c>.csv</c> or <c>.parquet</c>).
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="extension"><c>.csv</c> or <c>.parquet</c>.</param>
    /// <param name="grouping">The KPI counts' grouping (its dimensions and whether there are buckets are columns).</param>
    /// <returns>Each summary written: its name, its file and its rows.</returns>
    public IReadOnlyList<(string Summary, string File, int Rows)> Write(string directory, string extension, KpiGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        Directory.CreateDirectory(directory);
        var written = new List<(string, string, int)>();
        void Written(string summary, string name, Func<string, int> write)
        {
            string file = System.IO.Path.Combine(directory, name + extension);
            written.Add((summary, file, write(file)));
        }
        Written("kpi counts", "kpi_counts", f => KpiCountsFile.Write(f, Kpis, grouping.Dimensions, grouping.Bucket != TimeBucket.None));
        Written("issues", "issues", f => IssuesFile.Write(f, Issues));
        Written("segment inputs", "segment_inputs", f => SegmentInputsFile.Write(f, Segments));
        if (Survival is { } survival)
        {
            Written("survival table", "survival_table", f => SurvivalTableFile.Write(f, survival));
        }
        if (Paths is { } paths)
        {
            Written("path summary", "paths", f => PathSummaryFile.Write(f, paths));
        }
        if (Rfm is { } summary)
        {
            Written("rfm summary", "rfm_summary", f => (int)Data.Tables.WriteRfmSummary(f, summary.Rows()));
        }
        return written;
    }

    /// <summary>The observation end: the request's, or the start of the local day after the last arrival (the observation window's rule); null without either.</summary>
    private static Instant? EndOrNull(LakeSummaryRequest lake, Instant? lastArrival) =>
        lake.ObservationEnd ?? (lastArrival is { } last ? ObservationWindow.OfDays(last, last, lake.Grouping.TimeZone ?? DateTimeZone.Utc).End : null);

    private static InvalidDataException NoIndexContact(LakeSummaryRequest lake) =>
        new($"{lake.Interactions}: no interactions, so no customer has an index contact.");
}
