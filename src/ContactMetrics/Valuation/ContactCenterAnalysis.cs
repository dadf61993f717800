using System.Collections.Immutable;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;

namespace ContactMetrics.Valuation;

/// <summary>
/// The one composite of the library: every figure of a contact center (KPIs, repeat contacts, cost-to-serve, CLV,
/// retention uplift, attribution with the service assist, the staffing profile and the business cases built on them),
/// computed from one <see cref="ContactCenterData"/> over one <see cref="ObservationWindow"/> with one set of
/// <see cref="AnalysisOptions"/>. Each statistic is computed once, on first use, and shared by every figure that needs
/// it, so a number has one value in the console, the board report, JSON and a notebook. Thread-safe; immutable inputs.
/// </summary>
/// <remarks>
/// <para>Definitions, stated once here and in each figure:</para>
/// <list type="bullet">
/// <item>"A year" is the 365 days before <see cref="ObservationWindow.End"/> (<see cref="ObservationWindow.LastYearStart"/>).</item>
/// <item>FCR has two definitions on purpose: by repeat contacts (<see cref="KpiGroup.FirstContactResolution"/>, the KPI
/// tables and trends) and by the agent's resolved flag (<see cref="KpiGroup.FirstContactResolutionFlag"/>, the business
/// case, because its lines act on the flagged outcome). Both carry their definition text.</item>
/// <item>Repeat contacts follow <see cref="KpiOptions.Repeat"/> everywhere: FCR, cost per resolution (repeat chains) and
/// the extra repeats after an unresolved contact.</item>
/// <item>CLV: BG/NBD and Gamma-Gamma fitted once on the weekly RFM summary calibrated to
/// <see cref="ObservationWindow.LastDay"/> in the window's zone; the value per customer is the mean over every k-th
/// customer still active at the end.</item>
/// <item>Attribution: one set of journeys with <see cref="AnalysisOptions.JourneyLookback"/>; service contacts are
/// <c>service:&lt;channel&gt;</c> touches.</item>
/// </list>
/// </remarks>
public sealed partial class ContactCenterAnalysis
{
    private readonly long _lastYearStartMs;
    private readonly long _endMs;
    private readonly Lazy<IReadOnlyList<KpiGroup>> _overall;
    private readonly Lazy<IReadOnlyList<KpiGroup>> _byChannel;
    private readonly Lazy<IReadOnlyList<KpiGroup>> _trend;
    private readonly Lazy<IReadOnlyList<KpiGroup>> _trendByChannel;
    private readonly Lazy<IReadOnlyList<KpiGroup>> _lastYearByChannel;

    private ContactCenterAnalysis(ContactCenterData given, ContactCenterData data, ObservationWindow window, AnalysisOptions options)
    {
        Data = data;
        OutsideWindow = new RecordsOutsideWindow(
            given.Customers.Length - data.Customers.Length,
            given.Interactions.Count - data.Interactions.Count,
            given.Purchases.Count - data.Purchases.Count,
            given.Touchpoints.Count - data.Touchpoints.Count,
            given.Conversions.Length - data.Conversions.Length,
            given.Customers.Count(c => c.AcquiredOn <= window.LastDay && c.ChurnedOn > window.LastDay));
        Window = window;
        Options = options;
        _lastYearStartMs = window.LastYearStart.ToUnixTimeMilliseconds();
        _endMs = window.End.ToUnixTimeMilliseconds();
        _overall = Once(() => KpiRollup.Compute(Interactions, new KpiGrouping(), options.Kpis));
        _byChannel = Once(() => KpiRollup.Compute(Interactions, new KpiGrouping(KpiDimensions.Channel), options.Kpis));
        _trend = Once(() => KpiRollup.Compute(Interactions, new KpiGrouping(KpiDimensions.None, options.TrendBucket, window.TimeZone), options.Kpis));
        _trendByChannel = Once(() => KpiRollup.Compute(Interactions, new KpiGrouping(KpiDimensions.Channel, options.TrendBucket, window.TimeZone), options.Kpis));
        _lastYearByChannel = Once(() => KpiRollup.Compute(Interactions,
            new KpiGrouping(KpiDimensions.Channel) { ArrivedFrom = window.LastYearStart, ArrivedBefore = window.End }, options.Kpis));
        _segmentInputs = Once<IReadOnlyList<SegmentInputs>>(() => SegmentInputs.Of(Interactions, options.Kpis.Repeat, window.LastYearStart, window.End));
        _flaggedLastYear = Once(ScanFlaggedUnitsLastYear);
        _repeats = Once(ComputeRepeatsPerUnresolved);
        _clv = Once(ComputeClv);
        _retention = Once(ComputeRetention);
        _attribution = Once(ComputeAttribution);
        _cost = Once(ComputeCostToServe);
        _profitability = Once(ComputeProfitability);
        _profile = Once(ComputeStaffingProfile);
        _serviceLevelCosts = Once(ComputeServiceLevelCosts);
        _inputs = Once(ComputeBusinessCaseInputs);
        _fcrCase = Once(ComputeFcrCase);
        _programme = Once(ComputeProgramme);
        _agentTenure = Once(ComputeAgentTenure);
        _agentAttrition = Once(AgentAttritionFigure);
        _newHireGap = Once(NewHireGapFigure);
        _fcrGain = Once(FcrGainInput);
        _valuePerCustomerInput = Once(ComputeValuePerCustomerInput);
        _costPerContactInput = Once(() => CostToServe.TryGetValue(out var costs) ? AgentCostPerContact(costs) : null);
        _customersWithContact = Once(ComputeCustomersWithContact);
        _csatChurn = Once(ComputeCsatChurn);
        _recommendation = Once(ComputeRecommendation);
        _npsReferrals = Once(ComputeNpsReferrals);
        _cesRepeats = Once(ComputeCesRepeats);
        _cesChurn = Once(ComputeCesChurn);
        _selfServiceShift = Once(ComputeSelfServiceShift);
        _experienceCase = Once(ComputeExperienceCase);
    }

    /// <summary>Creates the analysis; nothing is computed until a figure is read.</summary>
    /// <param name="data">The tables; records outside <paramref name="window"/> are left out (<see cref="OutsideWindow"/> counts them).</param>
    /// <param name="window">The observation window (its end is the as-of instant of every figure).</param>
    /// <param name="options">The definitions and assumptions; <see cref="AnalysisOptions.Default"/> when null.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="window"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The rates are in another currency than the purchases and conversions.</exception>
    public static ContactCenterAnalysis Create(ContactCenterData data, ObservationWindow window, AnalysisOptions? options = null)
    {
        Preconditions.CheckNotNull(data);
        Preconditions.CheckNotNull(window);
        options ??= AnalysisOptions.Default;
        if (options.Rates is { } rates)
        {
            data.EnsureSameCurrency(rates.Currency);
        }
        return new ContactCenterAnalysis(data, data.Within(window), window, options);
    }

    /// <summary>The tables as known at the window's end (<see cref="ContactCenterData.Within"/>): every figure reads these.</summary>
    public ContactCenterData Data { get; }

    /// <summary>How many records of the given tables fall outside the window and are left out of every figure.</summary>
    public RecordsOutsideWindow OutsideWindow { get; }

    /// <summary>The observation window.</summary>
    public ObservationWindow Window { get; }

    /// <summary>The definitions and assumptions.</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The currency of every money figure.</summary>
    public Currency Currency => Options.Rates?.Currency ?? Data.Currency;

    /// <summary>The columnar interaction table (with customers' segments) of <see cref="Data"/>: every figure reads it.</summary>
    public InteractionTable Interactions => Data.Interactions;

    /// <summary>The KPIs of all contacts of the window, under <see cref="AnalysisOptions.Kpis"/>.</summary>
    public KpiGroup Overall => _overall.Value is [var all] ? all : throw new InvalidOperationException("There are no interactions to compute KPIs of.");

    /// <summary>The KPIs of the window by channel.</summary>
    public IReadOnlyList<KpiGroup> ByChannel => _byChannel.Value;

    /// <summary>The KPIs of every <see cref="AnalysisOptions.TrendBucket"/> (local time of the window's zone), all channels.</summary>
    public IReadOnlyList<KpiGroup> Trend => _trend.Value;

    /// <summary>The KPIs of every trend bucket by channel.</summary>
    public IReadOnlyList<KpiGroup> TrendByChannel => _trendByChannel.Value;

    /// <summary>The KPIs of the last year (<see cref="ObservationWindow.LastYearStart"/> to the end) by channel: the business case's base.</summary>
    public IReadOnlyList<KpiGroup> LastYearByChannel => _lastYearByChannel.Value;

    /// <summary>Whether an arrival (Unix milliseconds, as the interaction table holds it) falls in the last year of the window.</summary>
    private bool InLastYear(long arrivedMs) => arrivedMs >= _lastYearStartMs && arrivedMs < _endMs;

    private static Lazy<T> Once<T>(Func<T> compute) => new(compute, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs <paramref name="compute"/>. The figures check the data they need first and say why when it falls short; an
    /// <see cref="ArgumentException"/> that a calculator still throws becomes the figure's reason as it is, so an
    /// unforeseen data problem is a result, not a crash.
    /// </summary>
    private static AnalysisFigure<T> Try<T>(Func<AnalysisFigure<T>> compute)
        where T : class
    {
        try
        {
            return compute();
        }
        catch (ArgumentException e)
        {
            return AnalysisFigure<T>.Unavailable(e.Message);
        }
    }
}

/// <summary>Records of the given tables that an analysis leaves out because they fall outside its window.</summary>
/// <param name="Customers">Customers acquired after the window's last day.</param>
/// <param name="Interactions">Contacts that arrived before the start or at or after the end.</param>
/// <param name="Purchases">Purchases outside the window.</param>
/// <param name="Touchpoints">Marketing touches outside the window.</param>
/// <param name="Conversions">Conversions outside the window.</param>
/// <param name="ChurnsAfterEnd">Customers whose churn date falls after the window's last day: active at the as-of instant.</param>
public sealed record RecordsOutsideWindow(int Customers, int Interactions, int Purchases, int Touchpoints, int Conversions, int ChurnsAfterEnd)
{
    /// <summary>Whether every record is inside the window.</summary>
    public bool None => Customers == 0 && Interactions == 0 && Purchases == 0 && Touchpoints == 0 && Conversions == 0 && ChurnsAfterEnd == 0;
}
