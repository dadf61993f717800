namespace ContactMetrics.Staffing;

/// <summary>A condition that a number of agents must meet; names the target that decided a staffing answer.</summary>
public enum StaffingConstraint
{
    /// <summary>No constraint: nothing to staff (no traffic), or every target is met.</summary>
    None = 0,

    /// <summary>Erlang C needs more agents than Erlangs (<c>N &gt; A</c>) for the queue to have a steady state.</summary>
    Stability = 1,

    /// <summary>The service level target (<see cref="StaffingTarget.ServiceLevel"/> within <see cref="StaffingTarget.ServiceLevelThreshold"/>).</summary>
    ServiceLevel = 2,

    /// <summary>The maximum average speed of answer (<see cref="StaffingTarget.MaxAverageSpeedOfAnswer"/>).</summary>
    AverageSpeedOfAnswer = 3,

    /// <summary>The maximum abandonment rate (<see cref="StaffingTarget.MaxAbandonmentRate"/>), under Erlang A.</summary>
    AbandonmentRate = 4,

    /// <summary>The maximum occupancy (<see cref="StaffingTarget.MaxOccupancy"/>).</summary>
    Occupancy = 5,
}
