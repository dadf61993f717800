namespace ContactMetrics.Simulation;

/// <summary>
/// How the simulated center staffs its queued channels, hour by hour.
/// </summary>
/// <remarks>
/// For each queued channel and each hour the plan forecasts the expected first contacts F from the
/// customers acquired so far, their contact rates, the baseline churn, the weekday and hour
/// profiles and the channel's share (repeats are not forecast). With mean handle time S
/// (<see cref="ChannelOptions.MeanHandleTime"/>) the offered load is R = F S / 1 hour, and the hour
/// gets max(<see cref="MinimumAgents"/>, ceil((R + beta sqrt(R)) / concurrency)) agents: square-root
/// staffing (Halfin and Whitt 1981; Borst, Mandelbaum and Reiman 2004, "Dimensioning large call
/// centers", Operations Research 52(1)) with beta = <see cref="SafetyFactor"/>. The plan is
/// returned in <see cref="SimulatedContactCenter.StaffingPlan"/>.
/// </remarks>
public sealed record StaffingOptions
{
    /// <summary>The square-root staffing safety factor beta; at least 0. Default 1.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double SafetyFactor { get; init => field = Preconditions.CheckNonNegative(value, nameof(SafetyFactor)); } = 1.5;

    /// <summary>The fewest agents on a queued channel in any hour (the center is open around the clock), 1-10,000. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 10,000].</exception>
    public int MinimumAgents { get; init => field = Preconditions.CheckInRange(value, 1, 10_000, nameof(MinimumAgents)); } = 1;
}
