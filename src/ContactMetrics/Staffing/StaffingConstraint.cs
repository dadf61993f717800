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

/// <summary>The staffing constraints in words.</summary>
public static class StaffingConstraintText
{
    /// <summary>The target in words, e.g. <c>service level</c>, <c>ASA</c>, <c>occupancy cap</c>.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The words.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string Describe(this StaffingConstraint constraint) => constraint switch
    {
        StaffingConstraint.None => "none (no traffic, or every target met)",
        StaffingConstraint.Stability => "stability (agents above the traffic)",
        StaffingConstraint.ServiceLevel => "service level",
        StaffingConstraint.AverageSpeedOfAnswer => "ASA",
        StaffingConstraint.AbandonmentRate => "abandonment",
        StaffingConstraint.Occupancy => "occupancy cap",
        _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "Not a defined staffing constraint."),
    };
}
