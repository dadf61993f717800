using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// The choices of a <see cref="ContactCenterAnalysis"/>: KPI definitions, windows, the value assumptions (margin,
/// discount rate, CLV horizon), the cost rates and the business case's assumed KPI change. Each figure of the analysis
/// uses these and only these, so one option has one value everywhere. Immutable.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>The defaults (documented on each property).</summary>
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The KPI definitions (service level, AHT components, FCR by repeat contacts and its window, CSAT box); <see cref="KpiOptions.Default"/> by default.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public KpiOptions Kpis { get; init => field = value ?? throw new ArgumentNullException(nameof(Kpis)); } = KpiOptions.Default;

    /// <summary>The bucket of the KPI trends: month (the default), week or day; a trend point is a local day's start.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not <see cref="TimeBucket.Day"/>, <see cref="TimeBucket.Week"/> or <see cref="TimeBucket.Month"/>.</exception>
    public TimeBucket TrendBucket
    {
        get;
        init => field = value is TimeBucket.Day or TimeBucket.Week or TimeBucket.Month ? value
            : throw new ArgumentOutOfRangeException(nameof(TrendBucket), value, "The KPI trends are by day, week or month.");
    } = TimeBucket.Month;

    /// <summary>How long before a conversion a touch (marketing or service) counts in its journey; 30 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration JourneyLookback { get; init => field = Positive(value, nameof(JourneyLookback)); } = Duration.FromDays(30);

    /// <summary>The horizon at which retention after a resolved and an unresolved first contact is compared; 365 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration RetentionHorizon { get; init => field = Positive(value, nameof(RetentionHorizon)); } = Duration.FromDays(365);

    /// <summary>The margin on revenue (purchases and conversion values); 0.3 by default, an assumption every figure that uses it states.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public double Margin { get; init => field = Preconditions.CheckInRange(value, double.Epsilon, 1, nameof(Margin)); } = 0.3;

    /// <summary>The annual discount rate of the CLV; 0.10 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double AnnualDiscountRate { get; init => field = Preconditions.CheckNonNegative(value, nameof(AnnualDiscountRate)); } = 0.10;

    /// <summary>The CLV horizon in years, valued in quarters of 13 weeks; 3 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 50].</exception>
    public int ClvYears { get; init => field = Preconditions.CheckInRange(value, 1, 50, nameof(ClvYears)); } = 3;

    /// <summary>At most this many active customers (every k-th) are valued for the CLV distribution and the value per customer; 2,000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int MaxCustomersValued { get; init => field = Preconditions.CheckInRange(value, 2, int.MaxValue, nameof(MaxCustomersValued)); } = 2_000;

    /// <summary>
    /// The cost model that prices the contacts, with its overheads stated for the whole observation window;
    /// <see langword="null"/> when there is none: cost-to-serve, profitability and the business case are then unavailable.
    /// </summary>
    public CostModel? Rates { get; init; }

    /// <summary>Where <see cref="Rates"/> come from, in words (shown as the source); <c>the given cost model</c> by default.</summary>
    /// <exception cref="ArgumentException">The value is blank.</exception>
    public string RatesSource
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(RatesSource));
            field = value;
        }
    } = "the given cost model";

    /// <summary>The relative half-width of the cost per contact's range in the business case, for the rates' uncertainty; 0.2 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
    public double CostRange { get; init => field = Preconditions.CheckInRange(value, 0, 1 - 1e-12, nameof(CostRange)); } = 0.2;

    /// <summary>
    /// What an avoided contact saves in the business case: <see cref="AvoidedContactCost.Marginal"/> by default (agent time,
    /// per-minute telephony and IVR, per-contact platform and bot fees: what one contact fewer saves) or
    /// <see cref="AvoidedContactCost.FullyLoaded"/> (the overheads allocated per contact too, which an avoided contact does not save).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined choice.</exception>
    public AvoidedContactCost AvoidedContactCost
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(AvoidedContactCost), value, "Not a defined choice; use Marginal or FullyLoaded.");
    } = AvoidedContactCost.Marginal;

    /// <summary>The channel whose demand is staffed (the staffing profile and the cost of its service level); <see cref="Channel.Phone"/> by default.</summary>
    public Channel StaffedChannel { get; init; } = Channel.Phone;

    /// <summary>The length of the staffing profile's intervals; whole minutes that divide a day; 30 minutes by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or does not divide 24 hours into whole minutes.</exception>
    public Duration StaffingInterval
    {
        get;
        init
        {
            Positive(value, nameof(StaffingInterval));
            if (value.TotalMinutes != Math.Floor(value.TotalMinutes) || 1440 % (int)value.TotalMinutes != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(StaffingInterval), value, $"The staffing interval must be whole minutes that divide a day (15, 30, 60 ...); was {value}.");
            }
            field = value;
        }
    } = Duration.FromMinutes(30);

    /// <summary>The paid time of one full-time agent a week, for every FTE figure; 38 hours by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration PaidTimePerFteWeek { get; init => field = Positive(value, nameof(PaidTimePerFteWeek)); } = Duration.FromHours(38);

    /// <summary>The service levels whose cost is compared on the staffed channel (answered within <see cref="ServiceLevelThreshold"/>); 70%, 80% and 90% by default.</summary>
    /// <exception cref="ArgumentException">The list is empty or a level is outside (0, 1).</exception>
    public IReadOnlyList<double> ServiceLevelTargets
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ServiceLevelTargets));
            if (value.Count == 0 || value.Any(v => !(v > 0 && v < 1)))
            {
                throw new ArgumentException($"Service-level targets are shares in (0, 1), at least one; were [{string.Join(", ", value)}].", nameof(ServiceLevelTargets));
            }
            field = [.. value];
        }
    } = [0.7, 0.8, 0.9];

    /// <summary>
    /// The service level the center aims for on its live queued channels (answered within <see cref="ServiceLevelThreshold"/>),
    /// a share in (0, 1): drawn as the target line of the report's service-level chart; 0.8 (80/20, the industry's common
    /// goal) by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double ServiceLevelGoal
    {
        get;
        init => field = value > 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ServiceLevelGoal), value, $"A service-level goal is a share in (0, 1); was {value}.");
    } = 0.8;

    /// <summary>The answer-time threshold of the service-level targets; 20 seconds by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration ServiceLevelThreshold { get; init => field = Positive(value, nameof(ServiceLevelThreshold)); } = Duration.FromSeconds(20);

    /// <summary>
    /// The business case's FCR gain as a share (0.05 for +5 points) with the range judged plausible: an assumption
    /// about what the programme achieves; (0.05, 0.03, 0.07) by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not low &lt;= point &lt;= high within (0, 1).</exception>
    public (double Point, double Low, double High) FcrGain
    {
        get;
        init => field = value.Low > 0 && value.Low <= value.Point && value.Point <= value.High && value.High < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(FcrGain), value, "The FCR gain needs 0 < low <= point <= high < 1.");
    } = (0.05, 0.03, 0.07);

    /// <summary>The seed of the business cases' Monte Carlo; the same seed gives the same ranges. 42 by default.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Monte Carlo draws of each business case; 10,000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 100.</exception>
    public int Iterations { get; init => field = Preconditions.CheckInRange(value, 100, 10_000_000, nameof(Iterations)); } = 10_000;

    /// <summary>The assumptions of the service-programme business case (AHT, agent attrition, incrementality of assists).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ServiceProgrammeAssumptions Programme { get; init => field = value ?? throw new ArgumentNullException(nameof(Programme)); } = new();

    /// <summary>The assumptions of the customer-experience lines (CSAT -> churn, NPS -> referrals, CES -> repeats, self-service shift).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ExperienceAssumptions Experience { get; init => field = value ?? throw new ArgumentNullException(nameof(Experience)); } = new();

    private static Duration Positive(Duration value, string name) =>
        value > Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0; was {value}.");
}

/// <summary>
/// What a service programme is assumed to achieve besides the FCR gain, and the figures that price it. Every value is
/// an assumption the business case states as such; the defaults are illustrative, not benchmarks. Immutable.
/// </summary>
public sealed record ServiceProgrammeAssumptions
{
    /// <summary>The AHT reduction in seconds on the staffed channel, with its plausible range; (15, 5, 25) by default.</summary>
    public (double Point, double Low, double High) AhtReductionSeconds { get; init; } = (15, 5, 25);

    /// <summary>The loaded cost of one FTE a year (point, low, high) in the data's currency units; (67,000, 60,000, 75,000) by default.</summary>
    public (decimal Point, decimal Low, decimal High) LoadedCostPerFteYear { get; init; } = (67_000m, 60_000m, 75_000m);

    /// <summary>The reduction of annual agent attrition as a share (0.05: from 35% to 30%), with its range; (0.05, 0.02, 0.08) by default.</summary>
    public (double Point, double Low, double High) AttritionReduction { get; init; } = (0.05, 0.02, 0.08);

    /// <summary>Recruiting cost per leaver; 2,500 by default.</summary>
    public decimal RecruitingCost { get; init; } = 2_500m;

    /// <summary>Training cost per leaver; 4,000 by default.</summary>
    public decimal TrainingCost { get; init; } = 4_000m;

    /// <summary>
    /// Weeks from an agent's first contact until they are at full output: the new hires of the measured productivity gap
    /// (<see cref="ContactCenterAnalysis.NewHireGap"/>) and the ramp-up of the cost per leaver; 13 (a quarter) by
    /// default. Between 1 and 104.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 104] or NaN.</exception>
    public double RampUpWeeks { get; init => field = Preconditions.CheckInRange(value, 1.0, 104.0, nameof(RampUpWeeks)); } = 13;

    /// <summary>The output lost during ramp-up as a share, used when the data cannot measure it (no agent ids, too few new hires); 0.35 by default.</summary>
    public double RampUpOutputLoss { get; init; } = 0.35;

    /// <summary>The loaded cost of a paid agent hour used for the ramp-up loss; 34 by default.</summary>
    public decimal LoadedCostPerHour { get; init; } = 34m;

    /// <summary>The share of service-assisted conversions the service contact caused, with its range; (0.10, 0, 0.25) by default (no holdout test).</summary>
    public (double Point, double Low, double High) AssistIncrementality { get; init; } = (0.10, 0.0, 0.25);

    /// <summary>The shrinkage of the staffed channel's agents; 0.3 by default.</summary>
    public double Shrinkage { get; init; } = 0.3;
}

/// <summary>
/// What the customer-experience lines of the business case assume (<see cref="ContactCenterAnalysis.ExperienceCase"/>): the
/// change each lever achieves, and what the data cannot say. Every value is an assumption the line states as such; the
/// defaults are illustrative, except the recommendation shares (the MarketResponse study). Immutable.
/// </summary>
public sealed record ExperienceAssumptions
{
    /// <summary>The share of customers moved to a top-box CSAT (+y points), with its range; (0.05, 0.03, 0.07) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) CsatGain { get; init => field = Share(value, nameof(CsatGain)); } = (0.05, 0.03, 0.07);

    /// <summary>The share of customers moved from a 7 to a 10 (+y NPS points), with its range; (0.05, 0.03, 0.07) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) NpsGain { get; init => field = Share(value, nameof(NpsGain)); } = (0.05, 0.03, 0.07);

    /// <summary>
    /// The share of customers answering 10 who actually recommend, when the data has no <c>recommended</c> flag; (0.36, 0.30,
    /// 0.42) by default: 36 % in the MarketResponse study, +-6 points judged plausible for another company.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) RecommendShareAtTen { get; init => field = Share(value, nameof(RecommendShareAtTen)); } = (0.36, 0.30, 0.42);

    /// <summary>The share of customers answering 7 who actually recommend, without a <c>recommended</c> flag; (0.14, 0.10, 0.18) by default (MarketResponse: 14 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) RecommendShareAtSeven { get; init => field = Share(value, nameof(RecommendShareAtSeven)); } = (0.14, 0.10, 0.18);

    /// <summary>New customers per customer who recommends, with its range; (0.10, 0.05, 0.20) by default (no referral tracking).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) ReferralConversion { get; init => field = Share(value, nameof(ReferralConversion)); } = (0.10, 0.05, 0.20);

    /// <summary>The share of resolved contacts moved from difficult (CES 1-3) to easy (CES 5-7), with its range; (0.05, 0.03, 0.07) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) CesGain { get; init => field = Share(value, nameof(CesGain)); } = (0.05, 0.03, 0.07);

    /// <summary>The share of agent-handled contacts moved to self-service, with its range; (0.05, 0.02, 0.08) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; low &lt;= point &lt;= high &lt; 1.</exception>
    public (double Point, double Low, double High) SelfServiceShift { get; init => field = Share(value, nameof(SelfServiceShift)); } = (0.05, 0.02, 0.08);

    /// <summary>The fewest answers (or customers) a measured group needs before a line uses it; 30 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int MinimumGroupSize { get; init => field = Preconditions.CheckInRange(value, 2, int.MaxValue, nameof(MinimumGroupSize)); } = 30;

    private static (double Point, double Low, double High) Share((double Point, double Low, double High) value, string name) =>
        value.Low > 0 && value.Low <= value.Point && value.Point <= value.High && value.High < 1 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} needs 0 < low <= point <= high < 1.");
}

/// <summary>What the business case counts as the cost of a contact avoided (a repeat contact FCR prevents).</summary>
public enum AvoidedContactCost
{
    /// <summary>The marginal cost: agent time, per-minute telephony and IVR, per-contact platform and bot fees (the default).</summary>
    Marginal = 0,

    /// <summary>The fully loaded cost: the marginal cost plus the overheads allocated per contact.</summary>
    FullyLoaded = 1,
}
