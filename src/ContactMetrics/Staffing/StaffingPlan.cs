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
    private readonly StaffingRequirement[] _requirements;

    internal StaffingPlan(StaffingRequirement[] requirements)
    {
        _requirements = requirements;
        double agentHours = 0;
        double scheduledHours = 0;
        foreach (var requirement in requirements)
        {
            agentHours += requirement.AgentHours;
            scheduledHours += requirement.ScheduledAgentHours;
        }
        TotalAgentHours = agentHours;
        TotalScheduledAgentHours = scheduledHours;
    }

    /// <summary>The requirement of each load.</summary>
    public IReadOnlyList<StaffingRequirement> Requirements => _requirements;

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
        foreach (var requirement in _requirements)
        {
            hours += requirement.ScheduledAgentHoursExact;
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

    internal static void CheckCostRate(Money loadedCostPerFteHour, string paramName = "loadedCostPerFteHour")
    {
        if (loadedCostPerFteHour.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(paramName, loadedCostPerFteHour, $"A cost per FTE-hour must be at least 0; was {loadedCostPerFteHour}.");
        }
    }
}
