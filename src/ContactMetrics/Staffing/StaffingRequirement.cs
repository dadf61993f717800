using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>The staff one queue needs in one interval to meet a <see cref="StaffingTarget"/>. Immutable.</summary>
public sealed class StaffingRequirement
{
    private QueueMetrics? _metrics;
    private readonly double _blocking;
    private readonly Duration _threshold;

    internal StaffingRequirement(QueueLoad load, int agents, int scheduledAgents, StaffingConstraint limitingConstraint, QueueMetrics metrics)
    {
        Load = load;
        Agents = agents;
        ScheduledAgents = scheduledAgents;
        LimitingConstraint = limitingConstraint;
        _metrics = metrics;
    }

    /// <summary>An Erlang C requirement whose KPIs, <see cref="ErlangC.FromBlocking"/> of <c>B(agents, A)</c>, are computed when <see cref="Metrics"/> is first read.</summary>
    internal StaffingRequirement(QueueLoad load, int agents, int scheduledAgents, StaffingConstraint limitingConstraint, double blocking, Duration threshold)
    {
        Load = load;
        Agents = agents;
        ScheduledAgents = scheduledAgents;
        LimitingConstraint = limitingConstraint;
        (_blocking, _threshold) = (blocking, threshold);
    }

    /// <summary>The offered load.</summary>
    public QueueLoad Load { get; }

    /// <summary>The smallest number of agents taking contacts that meets every target (0 when there is no traffic).</summary>
    public int Agents { get; }

    /// <summary>The agents to schedule so that <see cref="Agents"/> remain after shrinkage: <c>ceil(Agents / (1 - shrinkage))</c>.</summary>
    public int ScheduledAgents { get; }

    /// <summary>
    /// The target that one agent fewer would miss, the first in the order of <see cref="StaffingConstraint"/>
    /// when several would; <see cref="StaffingConstraint.None"/> when there is no traffic.
    /// </summary>
    public StaffingConstraint LimitingConstraint { get; }

    /// <summary>The KPIs with <see cref="Agents"/> agents (the same object at every read).</summary>
    public QueueMetrics Metrics
    {
        get
        {
            var metrics = Volatile.Read(ref _metrics);
            if (metrics is null)
            {
                metrics = ErlangC.FromBlocking(Load, Agents, _blocking, _threshold);
                metrics = Interlocked.CompareExchange(ref _metrics, metrics, null) ?? metrics;
            }
            return metrics;
        }
    }

    /// <summary>Agents taking contacts x the interval's length, in hours.</summary>
    public double AgentHours => Agents * Load.Interval.TotalHours;

    /// <summary>Scheduled agents x the interval's length, in hours: the paid time.</summary>
    public double ScheduledAgentHours => ScheduledAgents * Load.Interval.TotalHours;

    /// <summary>
    /// The requirement in words, e.g. <c>14 agents (20 scheduled after shrinkage) for 10 Erlangs: service level 81.9%
    /// within 20 s, ASA 12.3 s, abandonment 0.0%, occupancy 71.4% (Erlang C); limited by the service level target</c>.
    /// </summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
    {
        string limit = LimitingConstraint switch
        {
            StaffingConstraint.None => "no traffic",
            StaffingConstraint.Stability => "limited by stability (agents above the traffic)",
            StaffingConstraint.Occupancy => "limited by the occupancy cap",
            _ => $"limited by the {LimitingConstraint.Describe()} target",
        };
        return $"{Agents} agents ({ScheduledAgents} scheduled after shrinkage) for {Metrics}; {limit}";
    }

    /// <summary>Scheduled agents x an interval's length in hours, in <see cref="decimal"/>.</summary>
    internal static decimal ScheduledHoursExact(int scheduledAgents, Duration interval)
        => scheduledAgents * ((decimal)interval.BclCompatibleTicks / NodaConstants.TicksPerHour);
}
