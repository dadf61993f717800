namespace ContactMetrics.Simulation;

/// <summary>
/// The simulated agents as people: absence, attrition and the learning curve of new hires.
/// </summary>
/// <remarks>
/// <para>Agents belong to one team: voice (phone), digital (the other live-queue channels: chat, messaging, social,
/// each agent skilled in all of them) or back office (asynchronous channels: email). A team's day has staggered shifts of
/// <see cref="ShiftHours"/> hours (one more than the fewest that cover its opening hours, e.g. 08-16, 10-18 and 12-20
/// for 08:00-20:00; one shift when the opening hours are that short); each agent
/// works one shift on at most five days a week, and on a working day is absent with probability
/// <see cref="Absence"/>.</para>
/// <para>Every four weeks each shift of a team gets the head count whose expected attendance (days off and absence)
/// covers the period's peak on-queue requirement of the staffing plan; an hour's requirement goes to the latest-starting
/// shift that covers it. Every agent leaves after an exponential time with rate
/// <see cref="AnnualAttrition"/> a year and is replaced the same day by a new hire, so the attrition rate is planted.
/// In the first <see cref="RampUpDays"/> of tenure an agent's talk and after-contact work take
/// <see cref="NewHireHandleTimeFactor"/> times as long and the resolution probability is multiplied by
/// <see cref="NewHireResolutionFactor"/>, both moving linearly to 1 at the end of the ramp-up. Agents of the opening
/// roster have a tenure drawn from the same exponential.</para>
/// </remarks>
public sealed record AgentOptions
{
    /// <summary>Hours of one shift, 4-12. Default 8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [4, 12].</exception>
    public int ShiftHours { get; init => field = Preconditions.CheckInRange(value, 4, 12, nameof(ShiftHours)); } = 8;

    /// <summary>Probability that an agent is absent on a working day (sickness, leave, training), in [0, 0.9]. Default 0.10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 0.9] or NaN.</exception>
    public double Absence { get; init => field = Preconditions.CheckInRange(value, 0.0, 0.9, nameof(Absence)); } = 0.10;

    /// <summary>
    /// Annual agent attrition: the rate of the exponential time to leaving, per year, 0-5. Default 0.35 (contact-center
    /// agent turnover of 30-45% a year; docs/simulation.md cites the sources).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 5] or NaN.</exception>
    public double AnnualAttrition { get; init => field = Preconditions.CheckInRange(value, 0.0, 5.0, nameof(AnnualAttrition)); } = 0.35;

    /// <summary>Days of tenure until a new hire works at full speed and quality, 0-730. Default 90.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 730].</exception>
    public int RampUpDays { get; init => field = Preconditions.CheckInRange(value, 0, 730, nameof(RampUpDays)); } = 90;

    /// <summary>Talk and after-contact work of an agent on their first day, relative to an experienced agent, 1-5. Default 1.4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 5] or NaN.</exception>
    public double NewHireHandleTimeFactor { get; init => field = Preconditions.CheckInRange(value, 1.0, 5.0, nameof(NewHireHandleTimeFactor)); } = 1.4;

    /// <summary>Resolution probability of an agent on their first day, relative to an experienced agent, in [0, 1]. Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double NewHireResolutionFactor { get; init => field = OptionChecks.Probability(value, nameof(NewHireResolutionFactor)); } = 0.8;

    /// <summary>The handle-time factor of an agent with the given tenure in days (1 after the ramp-up).</summary>
    /// <param name="tenureDays">Days since hire; negative counts as 0.</param>
    /// <returns>The factor.</returns>
    public double HandleTimeFactor(double tenureDays) => 1 + ((NewHireHandleTimeFactor - 1) * Remaining(tenureDays));

    /// <summary>The resolution factor of an agent with the given tenure in days (1 after the ramp-up).</summary>
    /// <param name="tenureDays">Days since hire; negative counts as 0.</param>
    /// <returns>The factor.</returns>
    public double ResolutionFactor(double tenureDays) => 1 - ((1 - NewHireResolutionFactor) * Remaining(tenureDays));

    private double Remaining(double tenureDays) => RampUpDays == 0 ? 0 : Math.Clamp(1 - (Math.Max(0, tenureDays) / RampUpDays), 0, 1);
}
