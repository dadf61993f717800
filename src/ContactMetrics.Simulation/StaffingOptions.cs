using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// How the simulated center staffs its queued channels, hour by hour, with the library's Erlang A planner.
/// </summary>
/// <remarks>
/// For each live-queue channel and each open hour the plan forecasts the expected contacts F from the customers
/// acquired so far, their contact rates, the baseline churn, the weekday and the channel's hour profile and share,
/// plus the expected repeats of its unresolved contacts. With the channel's mean handle time S (the reasons' mean
/// handle-time factor applied) the hour's load is F contacts of S; the library's
/// <see cref="ContactMetrics.Staffing.StaffingPlanner"/> (Erlang A, with the channel's
/// <see cref="ChannelOptions.MeanPatience"/>) gives the servers that meet
/// <see cref="ServiceLevel"/> within <see cref="ServiceLevelThreshold"/> at an occupancy of at most
/// <see cref="MaxOccupancy"/>, and the hour needs ceil(servers / concurrency) agents, at least
/// <see cref="MinimumAgents"/>. On a planted understaffed day (<see cref="UnderstaffedDayShare"/>) the center puts
/// (1 - <see cref="DayDeviation"/>) times the requirement on the queue, on an overstaffed day
/// (<see cref="OverstaffedDayShare"/>) (1 + deviation) times; never more than the agents on shift. The plan is returned
/// in <see cref="SimulatedContactCenter.StaffingPlan"/>.
/// </remarks>
public sealed record StaffingOptions
{
    /// <summary>The service-level target of the plan: share of contacts answered within the threshold, in (0, 1). Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1) or NaN.</exception>
    public double ServiceLevel
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ServiceLevel), value, "The service level must be between 0 and 1 (exclusive).");
    } = 0.8;

    /// <summary>The threshold of the service-level target; greater than 0. Default 20 seconds (the 80/20 convention).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration ServiceLevelThreshold { get; init => field = OptionChecks.PositiveDuration(value, nameof(ServiceLevelThreshold)); } = Duration.FromSeconds(20);

    /// <summary>
    /// The highest planned occupancy, in (0, 1]: the plan adds agents until the forecast occupancy is at most this.
    /// Default 0.88.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1] or NaN.</exception>
    public double MaxOccupancy
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOccupancy), value, "The maximum occupancy must be in (0, 1].");
    } = 0.88;

    /// <summary>The fewest agents on a live-queue channel in any open hour, 1-10,000. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 10,000].</exception>
    public int MinimumAgents { get; init => field = Preconditions.CheckInRange(value, 1, 10_000, nameof(MinimumAgents)); } = 1;

    /// <summary>Share of open days that are planted understaffed, in [0, 1]. Default 0.04.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double UnderstaffedDayShare { get; init => field = OptionChecks.Probability(value, nameof(UnderstaffedDayShare)); } = 0.04;

    /// <summary>Share of open days that are planted overstaffed, in [0, 1]; with the understaffed share at most 1. Default 0.04.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double OverstaffedDayShare { get; init => field = OptionChecks.Probability(value, nameof(OverstaffedDayShare)); } = 0.04;

    /// <summary>How far a planted day is from the requirement, in [0, 0.9]. Default 0.3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 0.9] or NaN.</exception>
    public double DayDeviation { get; init => field = Preconditions.CheckInRange(value, 0.0, 0.9, nameof(DayDeviation)); } = 0.3;
}
