using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// The staffing of many intervals and queues for one target: one <see cref="StaffingRequirement"/>
/// per load, in the order the loads were given, with the totals that put a price on the target.
/// Immutable.
/// </summary>
public sealed class StaffingPlan
{
    // One entry per load. The loads are given as objects (_loads) or as one queue's consecutive intervals (_contacts,
    // _interval, _averageHandleTime); under Erlang C the KPIs are kept as B(N, A), from which ErlangC.FromBlocking gives the
    // requirement's metrics, so that no object is built per load until Requirements is read.
    private readonly QueueLoad[]? _loads;
    private readonly double[]? _contacts;
    private readonly double[]? _traffic;
    private readonly Duration _interval;
    private readonly Duration _averageHandleTime;
    private readonly int[] _agents;
    private readonly int[] _scheduledAgents;
    private readonly StaffingConstraint[] _limiting;
    private readonly double[]? _blocking;
    private readonly Duration _threshold;
    private StaffingRequirement[]? _requirements;

    /// <summary>A plan of requirements already built (Erlang A).</summary>
    internal StaffingPlan(StaffingRequirement[] requirements)
    {
        _requirements = requirements;
        _agents = new int[requirements.Length];
        _scheduledAgents = new int[requirements.Length];
        _limiting = new StaffingConstraint[requirements.Length];
        _loads = new QueueLoad[requirements.Length];
        for (int i = 0; i < requirements.Length; i++)
        {
            _loads[i] = requirements[i].Load;
            _agents[i] = requirements[i].Agents;
            _scheduledAgents[i] = requirements[i].ScheduledAgents;
            _limiting[i] = requirements[i].LimitingConstraint;
        }
        (TotalAgentHours, TotalScheduledAgentHours) = SumHours();
    }

    /// <summary>
    /// An Erlang C plan as columns: the loads (objects, or the contacts and traffic of intervals of one length and handle time), each
    /// load's agents, scheduled agents, limiting constraint and <c>B(agents, A)</c>, and the service level threshold of the
    /// KPIs. <paramref name="scheduledAgents"/> may be <paramref name="agents"/> itself (no shrinkage). The arrays are kept.
    /// </summary>
    internal StaffingPlan(QueueLoad[]? loads, double[]? contacts, double[] traffic, Duration interval, Duration averageHandleTime,
        int[] agents, int[] scheduledAgents, StaffingConstraint[] limiting, double[] blocking, Duration threshold)
    {
        (_loads, _contacts, _traffic, _interval, _averageHandleTime) = (loads, contacts, loads is null ? traffic : null, interval, averageHandleTime);
        (_agents, _scheduledAgents, _limiting, _blocking, _threshold) = (agents, scheduledAgents, limiting, blocking, threshold);
        (TotalAgentHours, TotalScheduledAgentHours) = SumHours();
    }

    /// <summary>
    /// The requirement of each load, with its load and KPIs. A plan made by <see cref="StaffingPlanner.Plan(ReadOnlySpan{double}, Duration, Duration)"/>
    /// or <see cref="StaffingPlanner.Plan(IReadOnlyList{QueueLoad})"/> under Erlang C builds them when this is first read
    /// (the same objects afterwards); <see cref="Agents"/>, <see cref="ScheduledAgents"/> and <see cref="LimitingConstraints"/>
    /// give their numbers without building any.
    /// </summary>
    public IReadOnlyList<StaffingRequirement> Requirements
    {
        get
        {
            var requirements = Volatile.Read(ref _requirements);
            if (requirements is null)
            {
                requirements = BuildRequirements();
                requirements = Interlocked.CompareExchange(ref _requirements, requirements, null) ?? requirements;
            }
            return requirements;
        }
    }

    /// <summary>The agents taking contacts for each load, in order: <see cref="StaffingRequirement.Agents"/> of <see cref="Requirements"/>.</summary>
    public ReadOnlySpan<int> Agents => _agents;

    /// <summary>The agents to schedule for each load, in order: <see cref="StaffingRequirement.ScheduledAgents"/> of <see cref="Requirements"/>.</summary>
    public ReadOnlySpan<int> ScheduledAgents => _scheduledAgents;

    /// <summary>The target one agent fewer would miss, for each load, in order: <see cref="StaffingRequirement.LimitingConstraint"/> of <see cref="Requirements"/>.</summary>
    public ReadOnlySpan<StaffingConstraint> LimitingConstraints => _limiting;

    /// <summary>The sum of agents taking contacts x interval length, in hours.</summary>
    public double TotalAgentHours { get; }

    /// <summary>The sum of scheduled agents x interval length, in hours: the paid time the target costs.</summary>
    public double TotalScheduledAgentHours { get; }

    /// <summary>
    /// The cost of the plan: scheduled agents x interval length x the loaded cost of one FTE-hour,
    /// summed over every requirement. The arithmetic is in <see cref="decimal"/>.
    /// </summary>
    /// <param name="loadedCostPerFteHour">What one paid hour of a full-time agent costs, with salary, benefits and overhead; at least 0.</param>
    /// <returns>The cost, in the currency of <paramref name="loadedCostPerFteHour"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loadedCostPerFteHour"/> is negative.</exception>
    public Money Cost(Money loadedCostPerFteHour)
    {
        CheckCostRate(loadedCostPerFteHour);
        decimal hours = 0m;
        for (int i = 0; i < _agents.Length; i++)
        {
            hours += StaffingRequirement.ScheduledHoursExact(_scheduledAgents[i], IntervalOf(i));
        }
        return loadedCostPerFteHour * hours;
    }

    /// <summary>The full-time equivalents the plan needs: <see cref="TotalScheduledAgentHours"/> / the paid time of one FTE over the same horizon.</summary>
    /// <param name="paidTimePerFte">The paid time of one full-time employee over the horizon the intervals cover (e.g. 40 hours for a week of intervals); greater than 0.</param>
    /// <returns>The number of FTE.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paidTimePerFte"/> is not positive.</exception>
    public double Fte(Duration paidTimePerFte)
    {
        StaffingChecks.CheckPositive(paidTimePerFte);
        return TotalScheduledAgentHours / paidTimePerFte.TotalHours;
    }

    private Duration IntervalOf(int i) => _loads is null ? _interval : _loads[i].Interval;

    /// <summary>The sums of agents and scheduled agents x interval length, in order (as the requirements' hours add up).</summary>
    private (double AgentHours, double ScheduledAgentHours) SumHours()
    {
        double agentHours = 0;
        double scheduledHours = 0;
        for (int i = 0; i < _agents.Length; i++)
        {
            double hours = IntervalOf(i).TotalHours;
            agentHours += _agents[i] * hours;
            scheduledHours += _scheduledAgents[i] * hours;
        }
        return (agentHours, scheduledHours);
    }

    private StaffingRequirement[] BuildRequirements()
    {
        var requirements = new StaffingRequirement[_agents.Length];
        for (int i = 0; i < requirements.Length; i++)
        {
            var load = _loads is null ? new QueueLoad(_contacts![i], _interval, _averageHandleTime, _traffic![i]) : _loads[i];
            requirements[i] = new StaffingRequirement(load, _agents[i], _scheduledAgents[i], _limiting[i], _blocking![i], _threshold);
        }
        return requirements;
    }

    internal static void CheckCostRate(Money loadedCostPerFteHour, string paramName = "loadedCostPerFteHour")
    {
        if (loadedCostPerFteHour.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(paramName, loadedCostPerFteHour, $"A cost per FTE-hour must be at least 0; was {loadedCostPerFteHour}.");
        }
    }
}
