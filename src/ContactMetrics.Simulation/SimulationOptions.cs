using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// What <see cref="ContactCenterSimulator"/> generates, including every planted parameter that an
/// estimator can be checked against. Immutable; each property is validated when set and the
/// exception names the property.
/// </summary>
/// <remarks>
/// Create with an object initializer, e.g. <c>new SimulationOptions { Seed = 7, Customers = 2_000 }</c>;
/// every property not set keeps its documented default. The same options (and seed) give the same
/// tables, bit for bit, on the same runtime.
/// </remarks>
public sealed record SimulationOptions
{
    /// <summary>The default segments: consumer, smb and enterprise.</summary>
    /// <remarks>
    /// consumer: 80% of customers, 3.2 first contacts per year, churn hazard 0.20 per year;
    /// smb: 17%, 6.5, 0.15; enterprise: 3%, 15.0, 0.08.
    /// </remarks>
    public static IReadOnlyList<SegmentOptions> DefaultSegments { get; } = Array.AsReadOnly(new[]
    {
        new SegmentOptions("consumer", 0.80, contactsPerYear: 3.2, annualChurnHazard: 0.20),
        new SegmentOptions("smb", 0.17, contactsPerYear: 6.5, annualChurnHazard: 0.15),
        new SegmentOptions("enterprise", 0.03, contactsPerYear: 15.0, annualChurnHazard: 0.08),
    });

    /// <summary>The seed of every random draw; any value. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The number of customers, 1-10,000,000. Default 100,000 (a mid-size center).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 10,000,000].</exception>
    public int Customers { get; init => field = Preconditions.CheckInRange(value, 1, 10_000_000, nameof(Customers)); } = 100_000;

    /// <summary>The first simulated local day (ISO calendar); the period starts at its start in <see cref="TimeZone"/>. Default 2024-01-01.</summary>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    public LocalDate Start
    {
        get;
        init => field = value.Calendar == CalendarSystem.Iso ? value : throw new ArgumentException("The start date must be in the ISO calendar.", nameof(Start));
    } = new(2024, 1, 1);

    /// <summary>The length of the period in local days, 1-36,525. Default 730 (two years).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 36,525].</exception>
    public int DurationDays { get; init => field = Preconditions.CheckInRange(value, 1, 36_525, nameof(DurationDays)); } = 730;

    /// <summary>
    /// The time zone of the center: local days, hours of the arrival profile, hour slots of the
    /// staffing plan and customers' dates are in this zone. Default Europe/Amsterdam (TZDB).
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public DateTimeZone TimeZone { get; init => field = Preconditions.CheckNotNull(value, nameof(TimeZone)); } = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>The currency of purchases and conversions; not the default (XXX). Default EUR.</summary>
    /// <exception cref="ArgumentException">The value is the default currency.</exception>
    public Currency Currency
    {
        get;
        init => field = value != default ? value : throw new ArgumentException("The currency must be a real currency, not the default XXX.", nameof(Currency));
    } = Currency.Eur;

    /// <summary>The customer segments; unique names, shares summing to 1. Default <see cref="DefaultSegments"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, repeats a name, has a null entry, or its shares do not sum to 1.</exception>
    public IReadOnlyList<SegmentOptions> Segments
    {
        get;
        init => field = OptionChecks.ShareList(value, s => s.Name, s => s.Share, nameof(Segments));
    } = DefaultSegments;

    /// <summary>
    /// Share of customers acquired on <see cref="Start"/> (the base the center opens with), in [0, 1];
    /// the others are acquired on a local day drawn uniformly from the whole period. Default 0.3.
    /// </summary>
    /// <remarks>A customer's acquisition instant is on that day at a time drawn from the hour profile; it is also their first purchase.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double InitialCustomerShare { get; init => field = OptionChecks.Probability(value, nameof(InitialCustomerShare)); } = 0.3;

    /// <summary>The planted BG/NBD purchase process (time unit: weeks).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public PurchaseOptions Purchases { get; init => field = Preconditions.CheckNotNull(value, nameof(Purchases)); } = new();

    /// <summary>
    /// The recurring fee of a contractual business (telecom, insurance), written as purchases on top of the BG/NBD
    /// ones; <see langword="null"/> (the default) for a purchase-driven business.
    /// </summary>
    public SubscriptionOptions? Subscription { get; init; }

    /// <summary>The planted Gamma-Gamma spend per purchase.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public SpendOptions Spend { get; init => field = Preconditions.CheckNotNull(value, nameof(Spend)); } = new();

    /// <summary>The planted contact process: channels, reasons, arrival profile, repeats.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ContactOptions Contacts { get; init => field = Preconditions.CheckNotNull(value, nameof(Contacts)); } = new();

    /// <summary>How the queued channels are staffed.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public StaffingOptions Staffing { get; init => field = Preconditions.CheckNotNull(value, nameof(Staffing)); } = new();

    /// <summary>
    /// The outbound campaign dialled by the phone agents between inbound calls (blending); <see langword="null"/> (the
    /// default) for none. The presets run one.
    /// </summary>
    public OutboundOptions? Outbound { get; init; }

    /// <summary>The agents as people: shifts, absence, attrition and the new hires' learning curve.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public AgentOptions Agents { get; init => field = Preconditions.CheckNotNull(value, nameof(Agents)); } = new();

    /// <summary>The planted survey response and score model.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public SurveyOptions Surveys { get; init => field = Preconditions.CheckNotNull(value, nameof(Surveys)); } = new();

    /// <summary>The planted churn model (hazard ratio after an unresolved contact).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ChurnOptions Churn { get; init => field = Preconditions.CheckNotNull(value, nameof(Churn)); } = new();

    /// <summary>The planted touchpoint and conversion model (lift after a resolved service contact).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public MarketingOptions Marketing { get; init => field = Preconditions.CheckNotNull(value, nameof(Marketing)); } = new();

    /// <summary>The first day after the period: <see cref="Start"/> plus <see cref="DurationDays"/>.</summary>
    public LocalDate EndDate => Start.PlusDays(DurationDays);

    /// <summary>The start of the period: the start of <see cref="Start"/> in <see cref="TimeZone"/>.</summary>
    internal Instant StartInstant => TimeZone.AtStartOfDay(Start).ToInstant();

    /// <summary>The end of the period (exclusive) and the as-of instant of the tables: the start of <see cref="EndDate"/> in <see cref="TimeZone"/>.</summary>
    internal Instant EndInstant => TimeZone.AtStartOfDay(EndDate).ToInstant();

    /// <summary>The options of a segment.</summary>
    /// <param name="segment">The segment's name (ordinal comparison).</param>
    /// <returns>Its options.</returns>
    /// <exception cref="ArgumentException">The segment is not one of <see cref="Segments"/>.</exception>
    internal SegmentOptions GetSegment(string segment)
    {
        foreach (var s in Segments)
        {
            if (string.Equals(s.Name, segment, StringComparison.Ordinal))
            {
                return s;
            }
        }
        throw new ArgumentException($"Segment '{segment}' is not simulated.", nameof(segment));
    }
}
