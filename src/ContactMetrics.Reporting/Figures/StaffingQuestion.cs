using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// One interval's staffing question as <c>contactmetrics staffing</c> asks it: the load, the targets (any of a service
/// level, a highest ASA, abandonment or occupancy), shrinkage, patience (Erlang A) and, instead of solving, agents to
/// evaluate. <see cref="StaffingFigures.Answer"/> checks it and answers.
/// </summary>
/// <param name="Contacts">Contacts arriving in the interval, at least 0.</param>
/// <param name="Interval">The interval's length.</param>
/// <param name="AverageHandleTime">The average handle time.</param>
public sealed record StaffingQuestion(double Contacts, Duration Interval, Duration AverageHandleTime)
{
    /// <summary>The service-level target: the share answered within <see cref="ServiceLevelThreshold"/>; <see langword="null"/> for none.</summary>
    public double? ServiceLevel { get; init; }

    /// <summary>The answer threshold of <see cref="ServiceLevel"/> (e.g. 20 s).</summary>
    public Duration? ServiceLevelThreshold { get; init; }

    /// <summary>The highest acceptable average speed of answer (answered contacts); <see langword="null"/> for none.</summary>
    public Duration? MaxAverageSpeedOfAnswer { get; init; }

    /// <summary>The highest acceptable abandonment rate, from 0 to 1 (needs <see cref="AveragePatience"/>); <see langword="null"/> for none.</summary>
    public double? MaxAbandonment { get; init; }

    /// <summary>The highest acceptable occupancy, above 0 and at most 1; <see langword="null"/> for none.</summary>
    public double? MaxOccupancy { get; init; }

    /// <summary>The share of paid time not available for contacts, from 0 below 1.</summary>
    public double Shrinkage { get; init; }

    /// <summary>The mean patience before abandoning: Erlang A instead of Erlang C; <see langword="null"/> for Erlang C.</summary>
    public Duration? AveragePatience { get; init; }

    /// <summary>Agents to evaluate instead of solving for the targets; <see langword="null"/> to solve.</summary>
    public int? Agents { get; init; }

    /// <summary>Whether any target is set.</summary>
    public bool HasTarget => ServiceLevel is not null || MaxAverageSpeedOfAnswer is not null || MaxAbandonment is not null || MaxOccupancy is not null;
}
