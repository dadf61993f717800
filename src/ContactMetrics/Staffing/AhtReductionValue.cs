using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// What a shorter average handle time is worth at a fixed target: the staffing at the current AHT
/// against the staffing at AHT minus the reduction, in paid hours, FTE and money. Immutable.
/// </summary>
/// <remarks>
/// Because agents come in whole numbers per interval, the saving is a step function of the
/// reduction: a small reduction may save nothing in one interval and a whole agent in another.
/// </remarks>
public sealed class AhtReductionValue
{
    internal AhtReductionValue(Duration reduction, StaffingPlan baseline, StaffingPlan reduced, double fteSaved, Money moneySaved)
    {
        Reduction = reduction;
        Baseline = baseline;
        Reduced = reduced;
        FteSaved = fteSaved;
        MoneySaved = moneySaved;
    }

    /// <summary>How much shorter the handle time is.</summary>
    public Duration Reduction { get; }

    /// <summary>The staffing at the current handle times.</summary>
    public StaffingPlan Baseline { get; }

    /// <summary>The staffing at the reduced handle times.</summary>
    public StaffingPlan Reduced { get; }

    /// <summary>The scheduled agent-hours saved: baseline minus reduced.</summary>
    public double ScheduledAgentHoursSaved => Baseline.TotalScheduledAgentHours - Reduced.TotalScheduledAgentHours;

    /// <summary>The full-time equivalents saved, for the paid time per FTE given.</summary>
    public double FteSaved { get; }

    /// <summary>The cost saved: baseline cost minus reduced cost.</summary>
    public Money MoneySaved { get; }
}
