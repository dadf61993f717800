using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>The choices behind a board report; every one is printed in the report next to the numbers it shapes. The defaults are the demo's.</summary>
public sealed record ReportOptions
{
    /// <summary>The zone whose calendar the KPI buckets follow.</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    /// <summary>The end of observation; default: the start (UTC) of the day after the last contact or purchase.</summary>
    public Instant? ObservationEnd { get; init; }

    /// <summary>The KPI trend bucket (month by default; week for short periods).</summary>
    public TimeBucket Bucket { get; init; } = TimeBucket.Month;

    /// <summary>Days after the first contact at which retention is compared.</summary>
    public int RetentionHorizonDays { get; init; } = 365;

    /// <summary>How long before a conversion a touch counts.</summary>
    public Duration Lookback { get; init; } = Duration.FromDays(30);

    /// <summary>The margin on spend in the CLV and on purchases in customer profitability, in [0, 1] (an assumption).</summary>
    public double Margin { get; init; } = 0.3;

    /// <summary>The yearly discount rate of the CLV, at least 0.</summary>
    public double AnnualDiscountRate { get; init; } = 0.10;

    /// <summary>The CLV horizon in years, at least 1.</summary>
    public int ClvYears { get; init; } = 3;

    /// <summary>At most this many active customers are valued for the CLV section (every k-th of them), which keeps a large customer base fast.</summary>
    public int ClvMaxCustomersValued { get; init; } = 2_000;

    /// <summary>The FCR gain of the business case (a share, e.g. 0.05 for +5 points), with the range judged plausible: an assumption.</summary>
    public (double Point, double Low, double High) FcrGain { get; init; } = (0.05, 0.03, 0.07);

    /// <summary>The seed of the business case's Monte Carlo.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Monte Carlo draws of the business case, at least 1.</summary>
    public int Iterations { get; init; } = 10_000;

    /// <summary>Throws when an option is out of its range.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeZone);
        if (!(Margin >= 0 && Margin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin is a share in [0, 1].");
        }
        if (!(AnnualDiscountRate >= 0 && double.IsFinite(AnnualDiscountRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(AnnualDiscountRate), AnnualDiscountRate, "The discount rate is a finite share of at least 0.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ClvYears, 1, nameof(ClvYears));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClvMaxCustomersValued, 1, nameof(ClvMaxCustomersValued));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetentionHorizonDays, 1, nameof(RetentionHorizonDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
    }
}

/// <summary>
/// Computes the numbers of the board report from the tables, each section by the library's own calculator: KPI trends
/// (<see cref="KpiRollup"/> with a time bucket), retention by first-contact resolution (<see cref="RetentionUpliftBuilder"/>
/// and <see cref="KaplanMeier"/>), attribution with the service assist (<see cref="MarkovAttribution"/>,
/// <see cref="LastTouchAttribution"/>, <see cref="AssistMetrics"/>) and CLV (<see cref="BgNbdGammaGammaValueModel"/>).
/// Rendering is <see cref="HtmlReport"/>'s job.
/// </summary>
public static class BoardReportBuilder
{
    private const string AllChannels = "all channels";

    /// <summary>Channels answered live from a queue, where a service level target applies (email is asynchronous; self-service has no queue).</summary>
    private static readonly Channel[] LiveChannels = [Channel.Phone, Channel.Chat, Channel.Messaging, Channel.Social];

    /// <summary>Every section of the report; a section the tables cannot support is left out and named in <see cref="BoardReport.Gaps"/>.</summary>
    /// <param name="inputs">The tables and the optional cost model.</param>
    /// <param name="options">The choices behind the report; the defaults of <see cref="ReportOptions"/> when null.</param>
    /// <returns>The numbers of the report, ready for <see cref="HtmlReport.Render"/> and <see cref="BoardReport.Charts"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or one of its tables is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (the message names it).</exception>
    /// <exception cref="ReportDataException">No interactions, or money in more than one currency (purchases, conversions, rates).</exception>
    public static BoardReport Build(ReportInputs inputs, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputs.Customers, nameof(inputs));
        ArgumentNullException.ThrowIfNull(inputs.Interactions, nameof(inputs));
        ArgumentNullException.ThrowIfNull(inputs.Purchases, nameof(inputs));
        ArgumentNullException.ThrowIfNull(inputs.Touchpoints, nameof(inputs));
        ArgumentNullException.ThrowIfNull(inputs.Conversions, nameof(inputs));
        options ??= new ReportOptions();
        options.Validate();
        if (inputs.Interactions.Count == 0)
        {
            throw new ReportDataException("interactions.csv: no interactions, so there is nothing to report.");
        }
        var overview = Overview(inputs, options);
        var gaps = ImmutableArray.CreateBuilder<string>();
        var table = InteractionTable.Create(inputs.Interactions, inputs.Customers);
        var kpis = KpiTrendsOf(table, options.TimeZone, options.Bucket);
        var retention = RetentionOf(inputs, overview.ObservationEnd, options.RetentionHorizonDays, gaps);
        var attribution = AttributionOf(inputs, options.Lookback, overview.Currency, gaps);
        var clv = ClvOf(inputs, overview, options, gaps);
        var cost = CostOf(inputs, table, options.Margin, gaps);
        var businessCase = BusinessCaseOf(inputs, overview, options, gaps);
        return new BoardReport(overview, kpis, retention, attribution, clv, gaps.ToImmutable()) { Cost = cost, BusinessCase = businessCase };
    }

    private static ReportOverview Overview(ReportInputs inputs, ReportOptions options)
    {
        var first = inputs.Interactions.Min(i => i.ArrivedAt);
        var last = inputs.Interactions.Max(i => i.ArrivedAt);
        var lastEvent = inputs.Purchases.Count > 0 ? Instant.Max(last, inputs.Purchases.Max(p => p.OccurredAt)) : last;
        var end = options.ObservationEnd ?? lastEvent.InUtc().Date.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var currencies = inputs.Purchases.Select(p => p.Amount.Currency).Concat(inputs.Conversions.Select(c => c.Value.Currency)).Distinct().ToList();
        if (currencies.Count > 1)
        {
            throw new ReportDataException($"purchases.csv, conversions.csv: more than one currency ({string.Join(", ", currencies)}); the report sums money in one currency.");
        }
        return new ReportOverview(inputs.Customers.Count, inputs.Interactions.Count, inputs.Purchases.Count, inputs.Touchpoints.Count, inputs.Conversions.Count,
            first.InZone(options.TimeZone).Date, last.InZone(options.TimeZone).Date, end, options.TimeZone, currencies.Count == 1 ? currencies[0] : Currency.Eur);
    }

    /// <summary>The KPIs of every bucket overall and by channel, from two rollups.</summary>
    internal static KpiTrends KpiTrendsOf(InteractionTable table, DateTimeZone zone, TimeBucket bucket)
    {
        var overall = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.None, bucket, zone));
        var byChannel = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel, bucket, zone));
        var buckets = overall.Select(g => g.BucketStart!.Value.Date).ToImmutableArray();
        var index = buckets.Select((d, k) => (d, k)).ToDictionary(x => x.d, x => x.k);

        KpiSeries Overall(Func<KpiGroup, double?> value) =>
            new(AllChannels, overall.Select(value).ToImmutableArray());

        ImmutableArray<KpiSeries> PerChannel(IEnumerable<Channel> channels, Func<KpiGroup, double?> value)
        {
            var series = ImmutableArray.CreateBuilder<KpiSeries>();
            foreach (var channel in channels)
            {
                var values = new double?[buckets.Length];
                foreach (var g in byChannel.Where(g => g.Channel == channel))
                {
                    values[index[g.BucketStart!.Value.Date]] = value(g);
                }
                if (values.Any(v => v is not null))
                {
                    series.Add(new KpiSeries(channel.ToSchemaName(), [.. values]));
                }
            }
            return series.ToImmutable();
        }

        var any = overall[0];
        var definitions = ImmutableArray.Create(
            Named("FCR", any.FirstContactResolution.Definition),
            Named("CSAT", any.Csat.Definition),
            Named("NPS", any.Nps.Definition),
            Named("Service level", any.ServiceLevel.Definition),
            Named("AHT", any.AverageHandleTime.Definition));
        return new KpiTrends(bucket, buckets,
            Overall(g => g.FirstContactResolution.Value),
            Overall(g => g.Csat.Value) with { Name = KpiOptions.Default.Csat == CsatBox.TopTwoBox ? "CSAT (4-5 of 5)" : "CSAT (5 of 5)" },
            Overall(g => g.Nps.Value),
            PerChannel(LiveChannels, g => g.ServiceLevel.Value),
            PerChannel(ChannelNames.All, g => g.AverageHandleTime.Value is double s ? s / 60 : null),
            definitions);
    }

    /// <summary>
    /// The business case of the FCR gain: inputs measured from the last year of the tables (volume, FCR, repeats after an
    /// unresolved contact, retention uplift, mean CLV, cost per contact under the rates file), valued by
    /// <see cref="MeasuredInputs.FcrImprovement"/> and analysed by a seeded Monte Carlo with a tornado.
    /// </summary>
    internal static BusinessCaseSummary? BusinessCaseOf(ReportInputs inputs, ReportOverview overview, ReportOptions options, ImmutableArray<string>.Builder gaps)
    {
        if (inputs.Rates is null)
        {
            gaps.Add($"Business case: repeat contacts avoided are priced at the cost per contact, which needs {ReportInputs.RatesFileName}.");
            return null;
        }
        // rates.json states overheads for the period of the data; the business case prices one year of contacts.
        int periodDays = Math.Max(1, (int)Math.Round((overview.ObservationEnd - inputs.Interactions.Min(i => i.ArrivedAt)).TotalDays));
        var (point, low, high) = options.FcrGain;
        var gain = UncertainInput.AssumedShare("FCR gain", point, low, high,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the programme's target of +{point * 100:0.#} points; {low * 100:0.#} to {high * 100:0.#} points judged plausible"));
        try
        {
            var measured = BusinessCaseMeasurement.Measure(inputs.Customers, inputs.Interactions, inputs.Purchases, inputs.Touchpoints, inputs.Conversions,
                new MeasurementOptions(overview.ObservationEnd, options.TimeZone)
                {
                    CostModel = inputs.Rates.WithOverheadsForOneYear(periodDays),
                    CostRatesSource = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{inputs.RatesSource ?? ReportInputs.RatesFileName} (assumed rates; its overheads, stated for the {periodDays} days of data, scaled to the year priced)"),
                    Margin = options.Margin,
                    AnnualDiscountRate = options.AnnualDiscountRate,
                    ClvYears = options.ClvYears,
                    JourneyLookback = options.Lookback,
                    RetentionHorizon = Duration.FromDays(options.RetentionHorizonDays),
                });
            var analysis = measured.FcrImprovement(gain).Analyze(options.Iterations, options.Seed);
            return new BusinessCaseSummary(measured, analysis, gain);
        }
        catch (ArgumentException e)
        {
            gaps.Add("Business case: " + e.Message.Split(" (Parameter")[0]);
            return null;
        }
    }

    /// <summary>
    /// Cost-to-serve under the rates file (cost per contact and per resolution, FCR repeat chains as in the KPI), and
    /// customer profitability: value = the customer's purchases in the data x the margin (an assumption), minus their cost.
    /// </summary>
    internal static CostSummary? CostOf(ReportInputs inputs, InteractionTable table, double margin, ImmutableArray<string>.Builder gaps)
    {
        if (inputs.Rates is not { } rates)
        {
            gaps.Add($"Cost-to-serve and the whale curve: no {ReportInputs.RatesFileName} given (the rates: loaded cost per paid hour, shrinkage, occupancy, fees; see docs/models/cost-to-serve.md).");
            return null;
        }
        var costs = CostToServeCalculator.Compute(table, rates);
        var revenue = inputs.Customers.ToDictionary(c => c.Id, _ => 0m);
        foreach (var p in inputs.Purchases)
        {
            if (p.Amount.Currency != rates.Currency)
            {
                throw new ReportDataException($"purchases.csv: customer {p.CustomerId.Value} has a purchase in {p.Amount.Currency}, but {inputs.RatesSource ?? ReportInputs.RatesFileName} is in {rates.Currency}.");
            }
            revenue[p.CustomerId] = revenue.GetValueOrDefault(p.CustomerId) + p.Amount.Amount;
        }
        decimal m = (decimal)margin;
        var values = revenue.ToDictionary(kv => kv.Key, kv => new Money(decimal.Round(kv.Value * m, 2), rates.Currency));
        var profitability = CustomerProfitability.Compute(costs, values,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"purchases in the data x {margin:0%} margin (assumed)"));
        return new CostSummary(costs, profitability, inputs.RatesSource ?? ReportInputs.RatesFileName, margin);
    }

    /// <summary>The definition as the rollup states it, led by the KPI's name unless it already is.</summary>
    private static string Named(string kpi, string definition) =>
        definition.StartsWith(kpi, StringComparison.OrdinalIgnoreCase) ? definition : $"{kpi}: {definition}";

    /// <summary>Index-date Kaplan-Meier curves of resolved vs unresolved first contacts, with the comparison at the horizon.</summary>
    internal static RetentionCurves? RetentionOf(ReportInputs inputs, Instant end, int horizonDays, ImmutableArray<string>.Builder gaps)
    {
        RetentionUpliftResult uplift;
        try
        {
            uplift = RetentionUpliftBuilder.Estimate(inputs.Customers, inputs.Interactions, UpliftGrouping.FirstContactResolution, Duration.FromDays(horizonDays), end);
        }
        catch (ArgumentException e)
        {
            gaps.Add("Retention by first-contact resolution: " + e.Message.Split(" (Parameter")[0]);
            return null;
        }
        var curves = KaplanMeier.Estimate(uplift.Data.Table);
        var reference = curves.Single(c => c.Group == uplift.Data.ReferenceGroup);
        var exposed = curves.Single(c => c.Group == uplift.Data.ExposedGroup);
        return new RetentionCurves(reference, exposed, uplift.Comparison, uplift.Data);
    }

    /// <summary>Markov and last-touch credit per channel, with service contacts as <c>service:*</c> touches, and the service assist.</summary>
    internal static AttributionSummary? AttributionOf(ReportInputs inputs, Duration lookback, Currency currency, ImmutableArray<string>.Builder gaps)
    {
        var options = new JourneyOptions { Lookback = lookback };
        var journeys = JourneyBuilder.Build(inputs.Touchpoints, inputs.Conversions, inputs.Interactions, options);
        var paths = JourneyBuilder.Summarize(journeys);
        if (paths.TotalConversions <= 0)
        {
            gaps.Add("Attribution: no conversion has a touch within the lookback, so there is nothing to credit.");
            return null;
        }
        var markov = new MarkovAttribution().Attribute(paths);
        var last = new LastTouchAttribution().Attribute(paths);
        var assists = AssistMetrics.Compute(paths);
        var isService = paths.Channels.Select(c => c.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal)).ToArray();
        var (assisted, assistedValue) = AssistMetrics.AssistedByGroup(paths, c => c.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal));
        var channels = Enumerable.Range(0, paths.Channels.Length)
            .Select(c => new ChannelCredit(paths.Channels[c], isService[c], markov.Conversions[c], last.Conversions[c],
                assists.Channels[c].AssistedConversions, markov.Value[c]))
            .OrderByDescending(c => c.Markov).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AttributionSummary(lookback, journeys.Count, paths.TotalConversions, paths.TotalValue, assisted, assistedValue, channels, currency);
    }

    /// <summary>
    /// The CLV of the active customers: BG/NBD and Gamma-Gamma fitted on every customer's weekly RFM summary, then every
    /// k-th active customer valued over the horizon with quarterly cash-flow periods (as the demo's retention headline does).
    /// </summary>
    internal static ClvSummary? ClvOf(ReportInputs inputs, ReportOverview overview, ReportOptions options, ImmutableArray<string>.Builder gaps)
    {
        if (inputs.Purchases.Count == 0)
        {
            gaps.Add("Customer value: purchases.csv has no rows.");
            return null;
        }
        var calibrationEnd = overview.ObservationEnd.InUtc().Date;
        var summary = RfmSummaryBuilder.Build(inputs.Purchases, new RfmSummaryOptions(calibrationEnd));
        if (!BetaGeometricNbdModel.TryFit(summary.Compress(), out var transactions) || !GammaGammaModel.TryFit(summary, out var spend))
        {
            gaps.Add("Customer value: the BG/NBD or Gamma-Gamma model could not be fitted to the purchases (too few repeat buyers?).");
            return null;
        }
        var model = new BgNbdGammaGammaValueModel(transactions.Model, spend.Model, options.Margin);
        const int WeeksPerQuarter = 13;
        var horizon = new ValuationHorizon(4 * options.ClvYears, ValuationHorizon.RateForPeriod(options.AnnualDiscountRate, 7 * WeeksPerQuarter)) { PeriodLength = WeeksPerQuarter };
        var segmentOf = inputs.Customers.Where(c => c.ChurnedOn is null).ToDictionary(c => c.Id, c => c.Segment ?? "(none)");
        int active = Enumerable.Range(0, summary.Count).Count(i => segmentOf.ContainsKey(summary.CustomerIds[i]));
        if (active == 0)
        {
            gaps.Add("Customer value: no customer with purchases is still active at the end.");
            return null;
        }
        // Every k-th active customer, at most ClvMaxCustomersValued (as the demo's value per customer is sampled).
        var sample = summary.Subset(segmentOf.ContainsKey, options.ClvMaxCustomersValued);
        var values = model.CustomerValues(sample, horizon);
        var rows = values.Select((v, k) => (Segment: segmentOf[sample.CustomerIds[k]], Value: v.Amount)).ToList();
        var segments = rows.GroupBy(r => r.Segment).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.Select(r => r.Value).Order().ToArray();
                decimal total = sorted.Sum();
                return new SegmentValue(g.Key, sorted.Length, total / sorted.Length, ClvSummary.MedianOf(sorted), total);
            })
            .ToImmutableArray();
        return new ClvSummary(rows.Select(r => r.Value).Order().ToImmutableArray(), active, segments,
            transactions.Model.Parameters, spend.Model.Parameters, options.Margin, options.AnnualDiscountRate, options.ClvYears, summary.Currency);
    }
}
