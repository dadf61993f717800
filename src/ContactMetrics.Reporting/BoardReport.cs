using System.Collections.Immutable;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Staffing;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// The numbers of a board report, computed by <see cref="BoardReportBuilder"/>, rendered to one HTML page by
/// <see cref="HtmlReport"/>, and drawn chart by chart by <see cref="Charts"/>. A section is null when the data cannot
/// support it; <see cref="Gaps"/> says why.
/// </summary>
/// <param name="Overview">What the report covers.</param>
/// <param name="Kpis">The service KPIs per bucket.</param>
/// <param name="Retention">Retention by first-contact resolution; null when it cannot be estimated (see <see cref="Gaps"/>).</param>
/// <param name="Attribution">Credit for conversions and the service assist; null without conversions in reach of a touch.</param>
/// <param name="Clv">Customer lifetime value; null without purchases or when the models cannot be fitted.</param>
/// <param name="Gaps">Each section left out, with why ("Customer value: purchases.csv has no rows.").</param>
public sealed record BoardReport(
    ReportOverview Overview,
    KpiTrends Kpis,
    RetentionCurves? Retention,
    AttributionSummary? Attribution,
    ClvSummary? Clv,
    ImmutableArray<string> Gaps)
{
    /// <summary>The business case (headline and waterfall); null when the data or the rates cannot support it (see <see cref="Gaps"/>).</summary>
    public BusinessCaseSummary? BusinessCase { get; init; }

    /// <summary>The customer-experience levers (CSAT -> churn per segment, NPS -> referrals, CES -> repeats, self-service shift); null when the data supports none.</summary>
    public ExperienceSummary? Experience { get; init; }

    /// <summary>Cost-to-serve by channel and customer profitability; null without a rates file.</summary>
    public CostSummary? Cost { get; init; }

    /// <summary>Agent attrition and the new hires' gap measured from the agent ids, and the programme's attrition line that reads them; null when neither is measured.</summary>
    public AgentSummary? Agents { get; init; }

    /// <summary>When the report was built; null when the caller chose not to stamp it (shown on the page).</summary>
    public Instant? GeneratedAt { get; init; }

    /// <summary>What built it, e.g. <c>ContactMetrics.Reporting 1.0.0</c> (shown on the page).</summary>
    public string Generator { get; init; } = "ContactMetrics.Reporting";

    /// <summary>
    /// The report's charts in page order, each with its id, title and the sentence that says what it shows; export one
    /// with <see cref="ReportChart.ToSvg"/>. They are the charts of
    /// <see cref="HtmlReport.Render"/>: a section that is left out has none.
    /// </summary>
    /// <returns>The charts, e.g. <c>chart-waterfall</c>, <c>chart-fcr</c>, <c>chart-retention</c>, <c>chart-clv</c>.</returns>
    public ImmutableArray<ReportChart> Charts() => HtmlReport.Compose(this).Charts;
}

/// <summary>The FCR business case: inputs measured from the tables, the scenario's assumed gain, and its Monte Carlo analysis.</summary>
/// <param name="Inputs">The measured inputs, each with interval and source (<c>ContactCenterAnalysis.BusinessCaseInputs</c>).</param>
/// <param name="Analysis">Lines and total with P10/P50/P90, and the tornado.</param>
/// <param name="Gain">The assumed FCR gain (a share).</param>
public sealed record BusinessCaseSummary(MeasuredInputs Inputs, BusinessCaseAnalysis Analysis, UncertainInput Gain);

/// <summary>Agent attrition and the new hires' gap measured from agent ids (<c>ContactCenterAnalysis.AgentAttrition</c>, <c>NewHireGap</c>), with the service programme's attrition line that reads them.</summary>
/// <param name="Attrition">Leavers per agent-year and the head count; null when not measured.</param>
/// <param name="AttritionUnavailable">Why <paramref name="Attrition"/> is null.</param>
/// <param name="NewHires">The new hires' handle-time and resolution ratios and productivity gap; null when not measured.</param>
/// <param name="NewHiresUnavailable">Why <paramref name="NewHires"/> is null.</param>
/// <param name="AttritionLine">The programme's attrition line (value and formula); null when the programme is unavailable.</param>
public sealed record AgentSummary(AgentAttrition? Attrition, string? AttritionUnavailable, NewHireGap? NewHires, string? NewHiresUnavailable, LineItemAnalysis? AttritionLine);

/// <summary>The customer-experience levers of the business case: their Monte Carlo analysis, each line with its definition and sentence, and the lines the data could not support.</summary>
/// <param name="Analysis">The lines and total with P10/P50/P90 (<c>ContactCenterAnalysis.ExperienceCase</c>).</param>
/// <param name="Lines">Each line with its definition and sentence, in the order of the analysis's lines.</param>
/// <param name="Gaps">Why a lever (or a segment) has no line, one sentence each.</param>
public sealed record ExperienceSummary(BusinessCaseAnalysis Analysis, ImmutableArray<BusinessCaseLine> Lines, ImmutableArray<string> Gaps);

/// <summary>Cost-to-serve under a rates file, and what customers are worth against what serving them costs.</summary>
/// <param name="Costs">Cost per contact, per resolution, by channel and by customer (<c>CostToServeCalculator</c>).</param>
/// <param name="Profitability">Profit per customer = purchases x margin - cost-to-serve, and the whale curve.</param>
/// <param name="RatesSource">The rates file.</param>
/// <param name="Margin">The margin on purchases behind each customer's value (an assumption).</param>
public sealed record CostSummary(CostToServeResult Costs, CustomerProfitability Profitability, string RatesSource, double Margin);

/// <summary>What the report covers.</summary>
/// <param name="Customers">Rows of customers.csv.</param>
/// <param name="Contacts">Rows of interactions.csv.</param>
/// <param name="Purchases">Rows of purchases.csv.</param>
/// <param name="Touchpoints">Rows of touchpoints.csv.</param>
/// <param name="Conversions">Rows of conversions.csv.</param>
/// <param name="FirstDay">The local day of the first contact.</param>
/// <param name="LastDay">The local day of the last contact.</param>
/// <param name="ObservationEnd">The as-of instant: customers still active are censored here.</param>
/// <param name="TimeZone">The zone whose calendar the trends follow.</param>
/// <param name="Currency">The currency of purchases and conversions.</param>
public sealed record ReportOverview(
    int Customers, int Contacts, int Purchases, int Touchpoints, int Conversions,
    LocalDate FirstDay, LocalDate LastDay, Instant ObservationEnd, DateTimeZone TimeZone, Currency Currency);

/// <summary>One KPI over the buckets of <see cref="KpiTrends.Buckets"/>; a null value is a bucket without data for it.</summary>
/// <param name="Name">What the line is (e.g. a channel's schema name, or "all channels").</param>
/// <param name="Values">One value per bucket.</param>
public sealed record KpiSeries(string Name, ImmutableArray<double?> Values)
{
    /// <summary>
    /// The standard error of each bucket's value, in the value's unit (a rate: sqrt(p(1 - p) / n); NPS: the multinomial SE),
    /// null where the bucket has no value or the KPI no sampling error (AHT); empty when the series has none at all.
    /// The report states a trend with the interval of its change from these.
    /// </summary>
    public ImmutableArray<double?> StandardErrors { get; init; } = [];

    /// <summary>
    /// The change from the first bucket with a value to the last, with its 95% interval (normal, the buckets independent:
    /// the difference +- 1.96 sqrt(SE first^2 + SE last^2)) when both ends have a standard error; null without any value.
    /// The report's trend sentences and the analysis JSON's <c>kpiTrendChanges</c> read this one computation.
    /// </summary>
    /// <returns>The change, or null when no bucket has a value.</returns>
    public TrendChange? Change()
    {
        int first = Values.IndexOf(Values.FirstOrDefault(v => v is not null));
        int last = Values.LastIndexOf(Values.LastOrDefault(v => v is not null));
        if (first < 0 || Values[first] is not double a || Values[last] is not double b)
        {
            return null;
        }
        double? half = first != last && StandardErrors.Length == Values.Length && StandardErrors[first] is double sa && StandardErrors[last] is double sb
            ? Z95 * Math.Sqrt((sa * sa) + (sb * sb))
            : null;
        return new TrendChange(first, last, a, b, half is double h ? b - a - h : null, half is double k ? b - a + k : null);
    }

    /// <summary>The normal quantile of a two-sided 95% interval.</summary>
    private const double Z95 = 1.959963984540054;
}

/// <summary>A KPI's change over the report's buckets: first bucket with a value to the last, in the KPI's unit.</summary>
/// <param name="FirstBucket">The index of the first bucket with a value.</param>
/// <param name="LastBucket">The index of the last bucket with a value (the first when only one has a value).</param>
/// <param name="First">The value in the first bucket.</param>
/// <param name="Last">The value in the last bucket.</param>
/// <param name="Lower">The lower end of the change's 95% interval; null when the KPI has no sampling error (AHT) or one bucket has a value.</param>
/// <param name="Upper">The upper end of that interval.</param>
public sealed record TrendChange(int FirstBucket, int LastBucket, double First, double Last, double? Lower, double? Upper)
{
    /// <summary>Last minus first.</summary>
    public double Difference => Last - First;

    /// <summary>Whether the interval holds 0, so no rise or fall is claimed; null without an interval.</summary>
    public bool? WithinSamplingNoise => Lower is double l && Upper is double u ? l <= 0 && u >= 0 : null;
}

/// <summary>Monthly (or weekly) KPIs from <c>KpiRollup</c> with a time bucket.</summary>
/// <param name="Bucket">The bucket length.</param>
/// <param name="Buckets">The local start day of each bucket, in order.</param>
/// <param name="Fcr">First-contact resolution, all channels (fraction).</param>
/// <param name="Csat">CSAT, all channels (fraction).</param>
/// <param name="Nps">NPS, all channels (-100 to 100).</param>
/// <param name="ServiceLevel">Service level of the live queued channels (fraction), one series per channel.</param>
/// <param name="AverageHandleTime">AHT in minutes, one series per channel that handles contacts.</param>
/// <param name="Definitions">The KPI definitions used, as the rollup states them.</param>
public sealed record KpiTrends(
    TimeBucket Bucket,
    ImmutableArray<LocalDate> Buckets,
    KpiSeries Fcr,
    KpiSeries Csat,
    KpiSeries Nps,
    ImmutableArray<KpiSeries> ServiceLevel,
    ImmutableArray<KpiSeries> AverageHandleTime,
    ImmutableArray<string> Definitions)
{
    /// <summary>
    /// AHT in minutes over the whole window, one value per channel of <see cref="AverageHandleTime"/>: handle time over
    /// handled contacts of the window (the analysis's <c>ByChannel</c> rollup), so busy months weigh more than quiet ones.
    /// </summary>
    public ImmutableArray<ChannelFigure> AverageHandleTimeOverWindow { get; init; } = [];

    /// <summary>The service level aimed for (a share; <c>AnalysisOptions.ServiceLevelGoal</c>), the target line of the service-level chart; null for none.</summary>
    public double? ServiceLevelGoal { get; init; }

    /// <summary>The answer-time threshold of the service level, e.g. 20 seconds.</summary>
    public Duration ServiceLevelThreshold { get; init; } = Duration.FromSeconds(20);
}

/// <summary>One channel's figure.</summary>
/// <param name="Channel">The channel's schema name.</param>
/// <param name="Value">The figure.</param>
public sealed record ChannelFigure(string Channel, double Value);

/// <summary>Kaplan-Meier retention of customers whose first contact was resolved vs not (index-date design).</summary>
/// <param name="Reference">The curve of the favourable group (resolved).</param>
/// <param name="Exposed">The curve of the adverse group (unresolved).</param>
/// <param name="Comparison">Retention at the horizon, the difference and the adjusted hazard ratio.</param>
/// <param name="Data">The index-date table and who was left out.</param>
public sealed record RetentionCurves(KaplanMeierCurve Reference, KaplanMeierCurve Exposed, RetentionComparison Comparison, IndexDateTable Data);

/// <summary>One channel's credit for conversions.</summary>
/// <param name="Channel">The channel; service contacts are <c>service:&lt;channel&gt;</c>.</param>
/// <param name="IsService">Whether the channel is a service contact.</param>
/// <param name="Markov">Markov (removal effect) credit in conversions.</param>
/// <param name="LastTouch">Last-touch credit in conversions.</param>
/// <param name="Assisted">Conversions the channel assisted (in the path, not last), once per conversion.</param>
/// <param name="MarkovValue">Markov credit in conversion value.</param>
public sealed record ChannelCredit(string Channel, bool IsService, double Markov, double LastTouch, double Assisted, Money MarkovValue);

/// <summary>Attribution of conversions to marketing and service channels, and the assist of service contacts.</summary>
/// <param name="Lookback">How long before a conversion a touch counts.</param>
/// <param name="Journeys">Journeys built (converting or not).</param>
/// <param name="Conversions">Conversions with a touch in the lookback.</param>
/// <param name="Value">Their value.</param>
/// <param name="ServiceAssisted">Conversions with a service contact in their path before the last touch, their value and share (the analysis's <c>AttributionAnalysis.ServiceAssisted</c>).</param>
/// <param name="Channels">Credit per channel, largest Markov credit first.</param>
/// <param name="Currency">The currency of the values.</param>
public sealed record AttributionSummary(
    Duration Lookback,
    int Journeys,
    double Conversions,
    Money Value,
    AssistedConversions ServiceAssisted,
    ImmutableArray<ChannelCredit> Channels,
    Currency Currency)
{
    /// <summary>What the attribution money is and is not (<see cref="AttributionAnalysis.IncrementalityCaveat"/>): shown beside every amount.</summary>
    public string IncrementalityCaveat { get; init; } = "";

    /// <summary>Markov credit of all service channels, in conversions.</summary>
    public double MarkovServiceConversions => Channels.Where(c => c.IsService).Sum(c => c.Markov);

    /// <summary>Markov credit of all service channels, in value.</summary>
    public Money MarkovServiceValue => Money.Sum(Channels.Where(c => c.IsService).Select(c => c.MarkovValue), Currency);
}

/// <summary>Mean and median customer value of one segment.</summary>
/// <param name="Segment">The segment, "(none)" for customers without one.</param>
/// <param name="Customers">Customers of the segment that were valued.</param>
/// <param name="Mean">Their mean value.</param>
/// <param name="Median">Their median value.</param>
/// <param name="Total">Their total value.</param>
public sealed record SegmentValue(string Segment, int Customers, decimal Mean, decimal Median, decimal Total);

/// <summary>Customer lifetime value of the active customers (BG/NBD x Gamma-Gamma).</summary>
/// <param name="Values">Each valued customer's CLV, ascending.</param>
/// <param name="Mean">The value per customer: the analysis's mean CLV (<c>ClvAnalysis.ValuePerCustomer</c>), the figure the business case uses.</param>
/// <param name="ActiveCustomers">Customers active at the end (not churned) with purchases in the summary.</param>
/// <param name="Transactions">The fitted BG/NBD parameters.</param>
/// <param name="Spend">The fitted Gamma-Gamma parameters.</param>
/// <param name="Margin">The margin applied to spend.</param>
/// <param name="AnnualDiscountRate">The yearly discount rate.</param>
/// <param name="Years">The valuation horizon in years.</param>
/// <param name="Segments">Mean and median by segment.</param>
/// <param name="Currency">The currency of the values.</param>
public sealed record ClvSummary(
    ImmutableArray<decimal> Values,
    decimal Mean,
    int ActiveCustomers,
    ImmutableArray<SegmentValue> Segments,
    BgNbdParameters Transactions,
    GammaGammaParameters Spend,
    double Margin,
    double AnnualDiscountRate,
    int Years,
    Currency Currency)
{
    /// <summary>The median value.</summary>
    public decimal Median => MedianOf(Values);

    /// <summary>The median of values in ascending order: the middle one, or the mean of the two middle ones (0 when there are none).</summary>
    internal static decimal MedianOf(IReadOnlyList<decimal> ascending)
    {
        int n = ascending.Count;
        return n == 0 ? 0m : n % 2 == 1 ? ascending[n / 2] : (ascending[n / 2 - 1] + ascending[n / 2]) / 2;
    }

    /// <summary>The share of the total value held by the most valuable 10% of the valued customers (0 when the total is not positive).</summary>
    public double TopDecileShare
    {
        get
        {
            decimal total = Values.Sum();
            int top = (int)Math.Ceiling(Values.Length / 10.0);
            return total > 0 ? (double)(Values.Skip(Values.Length - top).Sum() / total) : 0;
        }
    }
}
