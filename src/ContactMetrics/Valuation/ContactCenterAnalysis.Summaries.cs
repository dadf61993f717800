using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;

namespace ContactMetrics.Valuation;

/// <summary>How many records each table of an analysis holds (inside its window), and the customers per segment.</summary>
/// <param name="Customers">Customers acquired by the window's last day.</param>
/// <param name="Segments">Those customers per segment (<see cref="ContactCenterAnalysis.NoSegment"/> for none), ordered by name.</param>
/// <param name="Interactions">Contacts in the window.</param>
/// <param name="Purchases">Purchases in the window.</param>
/// <param name="Touchpoints">Marketing touches in the window.</param>
/// <param name="Conversions">Conversions in the window.</param>
public sealed record TableCounts(int Customers, IReadOnlyDictionary<string, int> Segments, int Interactions, int Purchases, int Touchpoints, int Conversions)
{
    /// <summary>The counts of tables held in memory.</summary>
    /// <param name="data">The tables.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static TableCounts Of(ContactCenterData data)
    {
        Preconditions.CheckNotNull(data);
        var segments = data.Customers.GroupBy(c => c.Segment ?? ContactCenterAnalysis.NoSegment).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new TableCounts(data.Customers.Length, segments, data.Interactions.Count, data.Purchases.Count, data.Touchpoints.Count, data.Conversions.Length);
    }
}

/// <summary>
/// The sufficient statistics an analysis can be made of without the rows: what a SQL engine (DuckDB over a lake, a
/// warehouse) computes with <c>AnalysisSummariesSql</c> in ContactMetrics.Sql. <see cref="ContactCenterAnalysis.FromSummaries"/>
/// computes every figure it can from them with the code the in-memory analysis uses; a figure that needs rows no summary
/// holds is unavailable and says so.
/// </summary>
/// <param name="Kpis">
/// KPI counts by channel and a time bucket of a day or less (15m, 30m, 1h or day) in the window's time zone, with the
/// KPI options' repeat rule; every contact in the window counted once. The KPI tables, trends and the last year by channel
/// are these counts added up; with the staffing interval as the bucket they also give the staffing profile.
/// </param>
/// <param name="Counts">How many records each table holds inside the window.</param>
/// <param name="OutsideWindow">Records of the source tables left out because they fall outside the window.</param>
/// <param name="Currency">The currency of the purchases and conversions.</param>
public sealed record AnalysisSummaries(IReadOnlyList<KpiGroup> Kpis, TableCounts Counts, RecordsOutsideWindow OutsideWindow, Currency Currency)
{
    /// <summary>The index-date survival table by first-contact resolution at the window's end, or null when there is none (no customers).</summary>
    public IndexDateTable? Survival { get; init; }

    /// <summary>
    /// Cost-to-serve's sufficient statistics (<see cref="CostCell"/>s priced with the analysis's rates, chains by the KPI
    /// options' repeat rule), or null when they were not computed; the analysis adds the fees and overheads
    /// (<see cref="CostToServeCalculator.FromCells"/>).
    /// </summary>
    public IReadOnlyList<CostCell>? CostCells { get; init; }

    /// <summary>The business case's counts per segment over the last year of the window (the repeat rule of the KPI options), or null when not computed.</summary>
    public IReadOnlyList<SegmentInputs>? SegmentInputs { get; init; }

    /// <summary>Each customer's purchases in the window, every customer of the window (0 without purchases) and every buyer; null when not computed.</summary>
    public IReadOnlyDictionary<CustomerId, decimal>? Revenue { get; init; }

    /// <summary>The path summary of the window's journeys (<see cref="AnalysisOptions.JourneyLookback"/>, service contacts as <c>service:&lt;channel&gt;</c> touches), or null when not computed.</summary>
    public PathSummary? Paths { get; init; }

    /// <summary>The same for the journeys whose conversion falls in the last year of the window (the business case's assisted conversions); needed with <see cref="Paths"/>.</summary>
    public PathSummary? PathsLastYear { get; init; }

    /// <summary>The weekly RFM summary of the window's purchases calibrated to its last day (in its zone), or null when there are none.</summary>
    public RfmSummary? Rfm { get; init; }

    /// <summary>The segment of each customer still active at the window's end (<see cref="ContactCenterAnalysis.NoSegment"/> for none): the customers the CLV values. Needed with <see cref="Rfm"/>.</summary>
    public IReadOnlyDictionary<CustomerId, string>? ActiveCustomers { get; init; }

    /// <summary>The RFM summary the analysis's customer value is fitted on (<see cref="Rfm"/>): weekly, calibrated to the window's last day in its zone.</summary>
    /// <param name="window">The observation window.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    public static RfmSummaryOptions RfmOptions(ObservationWindow window)
    {
        Preconditions.CheckNotNull(window);
        return new RfmSummaryOptions(window.LastDay) { TimeZone = window.TimeZone };
    }

    /// <summary>Where the summaries come from, e.g. "DuckDB over lake/" or "summaries in out/": named in the reasons of the figures they cannot give.</summary>
    public string Source { get; init; } = "the summaries";
}

public sealed partial class ContactCenterAnalysis
{
    private TableCounts? _counts;
    private readonly AnalysisSummaries? _summaries;

    /// <summary>How many records each table holds inside the window.</summary>
    public TableCounts Counts => _counts ??= TableCounts.Of(Data);

    /// <summary>The summaries the analysis was made of (<see cref="FromSummaries"/>), or null when it was made of the rows.</summary>
    public AnalysisSummaries? Summaries => _summaries;

    /// <summary>
    /// The analysis of sufficient statistics instead of rows: the KPIs and trends, the staffing profile and service-level
    /// costs, cost-to-serve and profitability, retention, the customer value, attribution and the FCR business case and
    /// service programme come from <paramref name="summaries"/> through the same code as in <see cref="Create"/>, so they
    /// equal the in-memory figures on the same data. The customer-experience lines need the survey answers per contact
    /// and customer, and agent tenure each contact's agent id and time, which no summary holds: they are unavailable with
    /// that reason (so the programme's attrition line uses the assumed head count and gap, and says so); a figure whose summary is missing
    /// says which. <see cref="AttributionAnalysis.Journeys"/> is empty (<see cref="AttributionAnalysis.JourneyCount"/> counts them).
    /// </summary>
    /// <param name="summaries">The statistics.</param>
    /// <param name="window">The observation window they were computed for (its end is the survival table's observation end).</param>
    /// <param name="options">The definitions and assumptions; <see cref="AnalysisOptions.Default"/> when null.</param>
    /// <returns>The analysis; <see cref="Data"/> is empty and <see cref="Interactions"/> throws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> or <paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentException">A KPI group has no channel or no bucket of a day or less.</exception>
    /// <exception cref="CurrencyMismatchException">The rates are in another currency than the purchases and conversions.</exception>
    public static ContactCenterAnalysis FromSummaries(AnalysisSummaries summaries, ObservationWindow window, AnalysisOptions? options = null)
    {
        Preconditions.CheckNotNull(summaries);
        Preconditions.CheckNotNull(window);
        Preconditions.CheckNotNull(summaries.Kpis);
        options ??= AnalysisOptions.Default;
        foreach (var g in summaries.Kpis)
        {
            if (g.Channel is null || g.BucketStart is not { } start || g.BucketLength is not { } length || length > NodaTime.Duration.FromHours(25)
                || start.Zone.Id != window.TimeZone.Id)
            {
                throw new ArgumentException($"The KPI counts must be by channel and by a time bucket of a day or less in {window.TimeZone.Id}; a group has channel {g.Channel?.ToSchemaName() ?? "(none)"}, bucket {g.BucketStart?.ToString() ?? "(none)"}.", nameof(summaries));
            }
        }
        if (options.Rates is { } rates && rates.Currency != summaries.Currency && (summaries.Counts.Purchases > 0 || summaries.Counts.Conversions > 0))
        {
            throw new CurrencyMismatchException(summaries.Currency, rates.Currency);
        }
        return new ContactCenterAnalysis(summaries, window, options);
    }

    /// <summary>
    /// The analysis of <paramref name="s"/>: the in-memory constructor on empty tables sets the figures computed from other
    /// figures (staffing, the business cases' inputs and cases); the ones read from the rows there are read from the summaries here.
    /// </summary>
    private ContactCenterAnalysis(AnalysisSummaries s, ObservationWindow window, AnalysisOptions options)
        : this(NoRows(s.Currency), NoRows(s.Currency), window, options)
    {
        _summaries = s;
        _counts = s.Counts;
        OutsideWindow = s.OutsideWindow;
        string source = s.Source;
        _overall = Once(() => Regroup(s.Kpis, false, TimeBucket.None));
        _byChannel = Once(() => Regroup(s.Kpis, true, TimeBucket.None));
        _trend = Once(() => Regroup(s.Kpis, false, options.TrendBucket));
        _trendByChannel = Once(() => Regroup(s.Kpis, true, options.TrendBucket));
        _lastYearByChannel = Once(() => Regroup(LastYearBuckets(s.Kpis), true, TimeBucket.None));
        _segmentInputs = Once(() => s.SegmentInputs ?? throw new InvalidOperationException($"{Capitalised(source)} do not include the segment inputs."));
        _repeats = Once(() => s.SegmentInputs is null ? AnalysisFigure<UncertainInput>.Unavailable(NotIn(source, "the segments' counts of the last year (segment inputs)")) : ComputeRepeatsPerUnresolved());
        _clv = Once(() => s.Rfm is { } rfm && s.ActiveCustomers is { } active
            ? ClvOf(rfm, active)
            : AnalysisFigure<ClvAnalysis>.Unavailable(s.Counts.Purchases == 0 ? NoPurchases : NotIn(source, "the RFM summary of the purchases and the active customers' segments")));
        _retention = Once(() => s.Survival is { } table ? RetentionOf(() => table) : AnalysisFigure<RetentionAnalysis>.Unavailable(NotIn(source, "the survival table (no customers)")));
        _attribution = Once(() => s.Paths is { } paths && s.PathsLastYear is { } lastYear ? AttributionOf([], paths, () => lastYear)
            : AnalysisFigure<AttributionAnalysis>.Unavailable(s.Counts.Conversions == 0 ? NoConversionWithTouch : NotIn(source, "the path summaries (touchpoints and conversions)")));
        _cost = Once(() => CostToServeOf(s.Kpis.Select(g => g.Channel!.Value).Distinct(),
            () => s.CostCells is { } cells ? CostToServeCalculator.FromCells(Options.Rates!, cells, Options.Kpis.Repeat)
                : throw new ArgumentException(NotIn(source, "cost-to-serve's cells under these rates"))));
        _profitability = Once(() => s.Revenue is { } revenue ? ProfitabilityOf(() => revenue)
            : AnalysisFigure<CustomerProfitability>.Unavailable(CostToServe.Reason ?? NotIn(source, "each customer's purchases")));
        string experience = NeedsRows(source, "the survey answers per contact and customer");
        _csatChurn = Once(() => AnalysisFigure<CsatChurnAnalysis>.Unavailable(experience));
        _recommendation = Once(() => AnalysisFigure<IReadOnlyList<RecommendationAtScore>>.Unavailable(experience));
        _npsReferrals = Once(() => AnalysisFigure<BusinessCaseLine>.Unavailable(experience));
        _cesRepeats = Once(() => AnalysisFigure<BusinessCaseLine>.Unavailable(experience));
        _cesChurn = Once(() => AnalysisFigure<BusinessCaseLine>.Unavailable(experience));
        _selfServiceShift = Once(() => AnalysisFigure<BusinessCaseLine>.Unavailable(experience));
        _experienceCase = Once(() => AnalysisFigure<BusinessCaseAnalysis>.Unavailable(experience));
        _agentTenure = Once(() => Staffing.AgentTenure.Unmeasured(NeedsRows(source, "each contact's agent id and time (agent attrition and the new hires' gap)")));
    }

    private static ContactCenterData NoRows(Currency currency) => ContactCenterData.Create([], [], [], [], [], currency);

    /// <summary>Why the summaries' KPI buckets give no staffing profile of <paramref name="channel"/>: buckets longer than the staffing interval or not dividing it; null when they do.</summary>
    private string? StaffingBucketsMissing(AnalysisSummaries s, Channel channel)
    {
        long interval = (long)Options.StaffingInterval.TotalMilliseconds;
        var coarse = s.Kpis.FirstOrDefault(g => g.Channel == channel && interval % (long)g.BucketLength!.Value.TotalMilliseconds != 0);
        return coarse is null ? null
            : $"The staffing profile needs arrivals per {Options.StaffingInterval.TotalMinutes:0}-minute interval; the KPI counts of {s.Source} are in {coarse.BucketLength!.Value.TotalMinutes:0}-minute buckets (count them by {Options.StaffingInterval.TotalMinutes:0}m).";
    }

    private static string NotIn(string source, string what) => $"{Capitalised(source)} do not include {what}.";

    private static string NeedsRows(string source, string what) =>
        $"Needs {what}, which no summary holds; {source} do not include the rows. Run the report on the tables in memory (--engine memory) for it.";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The KPI groups of the summaries added up by channel (or not) and into <paramref name="bucket"/> in the window's zone, ordered as the rollup orders them (channel, then bucket).</summary>
    private IReadOnlyList<KpiGroup> Regroup(IReadOnlyList<KpiGroup> groups, bool byChannel, TimeBucket bucket)
    {
        TimeBucketer? bucketer = null;
        if (bucket != TimeBucket.None && groups.Count > 0)
        {
            long min = groups.Min(g => g.BucketStart!.Value.ToInstant().ToUnixTimeMilliseconds());
            long max = groups.Max(g => g.BucketStart!.Value.ToInstant().ToUnixTimeMilliseconds());
            bucketer = new TimeBucketer(Window.TimeZone, bucket, min, max);
        }
        var sums = new SortedDictionary<(int Channel, long Bucket), KpiCounts>();
        foreach (var g in groups)
        {
            var key = (byChannel ? (int)g.Channel!.Value : -1, bucketer?.Index(g.BucketStart!.Value.ToInstant().ToUnixTimeMilliseconds()) ?? 0);
            sums[key] = sums.TryGetValue(key, out var seen) ? seen + g.Counts : g.Counts;
        }
        return [.. sums.Select(kv =>
        {
            var (start, length) = bucketer is null ? (default(NodaTime.ZonedDateTime?), default(NodaTime.Duration?)) : bucketer.Describe(kv.Key.Bucket);
            return KpiGroup.FromCountsWithKey(kv.Value, Options.Kpis, null, byChannel ? (Channel)kv.Key.Channel : null, null, null, null, null, start, length);
        })];
    }

    /// <summary>The groups whose bucket lies in the last year; a bucket across its start (a DST edge) cannot be split, so that is an error.</summary>
    private IReadOnlyList<KpiGroup> LastYearBuckets(IReadOnlyList<KpiGroup> groups)
    {
        var from = Window.LastYearStart;
        var straddling = groups.FirstOrDefault(g => g.BucketStart!.Value.ToInstant() < from && g.BucketStart!.Value.ToInstant() + g.BucketLength!.Value > from);
        if (straddling is not null)
        {
            throw new InvalidOperationException($"The last year starts at {from}, inside the KPI bucket from {straddling.BucketStart}: use a finer bucket for the KPI counts.");
        }
        return [.. groups.Where(g => g.BucketStart!.Value.ToInstant() >= from && g.BucketStart!.Value.ToInstant() < Window.End)];
    }
}
