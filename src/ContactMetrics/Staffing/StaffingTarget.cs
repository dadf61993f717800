using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// What a staffing must achieve in every interval: a service level ("80% within 20 seconds"), a
/// maximum average speed of answer, a maximum abandonment rate (Erlang A only) and a maximum
/// occupancy, in any combination of at least one. Immutable.
/// </summary>
/// <remarks>
/// Targets are compared with a relative tolerance of 1e-12, so that the binary rounding of inputs
/// such as 0.7 or of a traffic computed from contacts and handle times does not add an agent.
/// </remarks>
public sealed class StaffingTarget
{
    private const double Tolerance = 1e-12;

    /// <summary>Creates a target; pass only the parts that apply, by name.</summary>
    /// <param name="serviceLevel">The share of contacts to answer within <paramref name="serviceLevelThreshold"/>, in (0, 1); given together with the threshold.</param>
    /// <param name="serviceLevelThreshold">The service level threshold <c>T</c>, at least 0; given together with <paramref name="serviceLevel"/>.</param>
    /// <param name="maxAverageSpeedOfAnswer">The largest acceptable ASA over answered contacts (<see cref="QueueMetrics.AverageSpeedOfAnswerSeconds"/>); greater than 0.</param>
    /// <param name="maxAbandonmentRate">The largest acceptable share of offered contacts that abandon, in (0, 1]; needs Erlang A (a mean patience).</param>
    /// <param name="maxOccupancy">The largest acceptable occupancy, in (0, 1].</param>
    /// <param name="serviceLevelDefinition">Which contacts count for and against the service level once contacts abandon; the default counts every offered contact and only those answered in time as met.</param>
    /// <exception cref="ArgumentException">No target is given, or only one of <paramref name="serviceLevel"/> and <paramref name="serviceLevelThreshold"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (the message states the range and the value), or <paramref name="serviceLevelDefinition"/> is not defined.</exception>
    public StaffingTarget(
        double? serviceLevel = null,
        Duration? serviceLevelThreshold = null,
        Duration? maxAverageSpeedOfAnswer = null,
        double? maxAbandonmentRate = null,
        double? maxOccupancy = null,
        QueueServiceLevel serviceLevelDefinition = QueueServiceLevel.AnsweredWithinThresholdOverOffered)
    {
        if (serviceLevel.HasValue != serviceLevelThreshold.HasValue)
        {
            throw new ArgumentException(
                "A service level target needs both the share (e.g. 0.8) and the threshold (e.g. 20 seconds).",
                serviceLevel.HasValue ? nameof(serviceLevelThreshold) : nameof(serviceLevel));
        }
        if (serviceLevel is null && maxAverageSpeedOfAnswer is null && maxAbandonmentRate is null && maxOccupancy is null)
        {
            throw new ArgumentException(
                "A staffing target needs at least one of: a service level with its threshold, a maximum ASA, a maximum abandonment rate, a maximum occupancy.",
                nameof(serviceLevel));
        }
        if (serviceLevel is double sl)
        {
            ServiceLevel = StaffingChecks.CheckOpenFraction(sl, nameof(serviceLevel));
            ServiceLevelThreshold = StaffingChecks.CheckNonNegative(serviceLevelThreshold!.Value, nameof(serviceLevelThreshold));
        }
        if (maxAverageSpeedOfAnswer is Duration asa)
        {
            MaxAverageSpeedOfAnswer = StaffingChecks.CheckPositive(asa, nameof(maxAverageSpeedOfAnswer));
        }
        if (maxAbandonmentRate is double abandon)
        {
            MaxAbandonmentRate = StaffingChecks.CheckUpperBoundFraction(abandon, nameof(maxAbandonmentRate));
        }
        if (maxOccupancy is double occupancy)
        {
            MaxOccupancy = StaffingChecks.CheckUpperBoundFraction(occupancy, nameof(maxOccupancy));
        }
        if (!Enum.IsDefined(serviceLevelDefinition))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevelDefinition), serviceLevelDefinition, "Not a defined service level definition.");
        }
        ServiceLevelDefinition = serviceLevelDefinition;
    }

    /// <summary>A service level target alone, such as 80/20: <paramref name="serviceLevel"/> of contacts answered within <paramref name="threshold"/>.</summary>
    /// <param name="serviceLevel">The share, in (0, 1).</param>
    /// <param name="threshold">The threshold; at least 0.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public static StaffingTarget ForServiceLevel(double serviceLevel, Duration threshold) => new(serviceLevel, threshold);

    /// <summary>The share of contacts to answer within <see cref="ServiceLevelThreshold"/>; <see langword="null"/> for no service level target.</summary>
    public double? ServiceLevel { get; }

    /// <summary>The service level threshold; <see langword="null"/> for no service level target.</summary>
    public Duration? ServiceLevelThreshold { get; }

    /// <summary>The largest acceptable ASA over answered contacts; <see langword="null"/> for none.</summary>
    public Duration? MaxAverageSpeedOfAnswer { get; }

    /// <summary>The largest acceptable abandonment rate (abandoned / offered); <see langword="null"/> for none.</summary>
    public double? MaxAbandonmentRate { get; }

    /// <summary>The largest acceptable occupancy; <see langword="null"/> for none.</summary>
    public double? MaxOccupancy { get; }

    /// <summary>Which contacts count for and against the service level.</summary>
    public QueueServiceLevel ServiceLevelDefinition { get; }

    /// <summary>
    /// Returns the first target, in the order of <see cref="StaffingConstraint"/> (stability, service
    /// level, ASA, abandonment, occupancy), that the given KPIs miss.
    /// </summary>
    /// <param name="metrics">The KPIs of a queue, computed with this target's service level threshold.</param>
    /// <returns><see cref="StaffingConstraint.None"/> when every target is met.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    /// <exception cref="ArgumentException">This target has a service level and <paramref name="metrics"/> were computed with another threshold.</exception>
    public StaffingConstraint FirstMissed(QueueMetrics metrics)
    {
        Preconditions.CheckNotNull(metrics);
        if (ServiceLevelThreshold is Duration threshold && metrics.ServiceLevelThreshold != threshold)
        {
            throw new ArgumentException(
                $"The metrics were computed with a service level threshold of {StaffingChecks.Format(metrics.ServiceLevelThreshold)}, the target has {StaffingChecks.Format(threshold)}.",
                nameof(metrics));
        }
        return FirstMissed(metrics.Kpis);
    }

    /// <summary>The check of <see cref="FirstMissed(QueueMetrics)"/> on values computed with this target's threshold.</summary>
    internal StaffingConstraint FirstMissed(in QueueKpis metrics)
    {
        if (!metrics.IsStable)
        {
            return StaffingConstraint.Stability;
        }
        if (ServiceLevel is double sl && !(metrics.GetServiceLevel(ServiceLevelDefinition) >= sl - Tolerance))
        {
            return StaffingConstraint.ServiceLevel;
        }
        if (MaxAverageSpeedOfAnswer is Duration asa && !(metrics.AverageSpeedOfAnswerSeconds <= asa.TotalSeconds * (1 + Tolerance)))
        {
            return StaffingConstraint.AverageSpeedOfAnswer;
        }
        if (MaxAbandonmentRate is double abandon && !(metrics.ProbabilityOfAbandonment <= abandon * (1 + Tolerance)))
        {
            return StaffingConstraint.AbandonmentRate;
        }
        if (MaxOccupancy is double occupancy && !(metrics.Occupancy <= occupancy * (1 + Tolerance)))
        {
            return StaffingConstraint.Occupancy;
        }
        return StaffingConstraint.None;
    }

    /// <summary>The first target that no agents at all would miss, with traffic to serve.</summary>
    internal StaffingConstraint FirstMissedWithoutAgents(QueueModel model)
        => model == QueueModel.ErlangC ? StaffingConstraint.Stability
            : ServiceLevel is not null ? StaffingConstraint.ServiceLevel
            : MaxAverageSpeedOfAnswer is not null ? StaffingConstraint.AverageSpeedOfAnswer
            : MaxAbandonmentRate is not null ? StaffingConstraint.AbandonmentRate
            : StaffingConstraint.Occupancy;

    /// <summary>Describes the target, e.g. <c>service level 0.8 within 20 s (answered within the threshold / offered (F3)); occupancy &lt;= 0.85</c>.</summary>
    /// <returns>The description, culture-invariant.</returns>
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (ServiceLevel is double sl)
        {
            parts.Add($"service level {StaffingChecks.Format(sl)} within {StaffingChecks.Format(ServiceLevelThreshold!.Value)} ({ServiceLevelDefinition.Describe()})");
        }
        if (MaxAverageSpeedOfAnswer is Duration asa)
        {
            parts.Add($"ASA <= {StaffingChecks.Format(asa)}");
        }
        if (MaxAbandonmentRate is double abandon)
        {
            parts.Add($"abandonment <= {StaffingChecks.Format(abandon)}");
        }
        if (MaxOccupancy is double occupancy)
        {
            parts.Add($"occupancy <= {StaffingChecks.Format(occupancy)}");
        }
        return string.Join("; ", parts);
    }
}
