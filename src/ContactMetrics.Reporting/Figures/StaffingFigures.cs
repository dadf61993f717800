using ContactMetrics.Staffing;

namespace ContactMetrics.Reporting;

/// <summary>
/// A staffing answer as <c>contactmetrics staffing</c> prints it: the agents needed for the target (or the given agents
/// evaluated), the scheduled staff after shrinkage, and the queue KPIs of a few agents either side.
/// </summary>
public static class StaffingFigures
{
    /// <summary>The most agents evaluated: twice the largest traffic the Erlang models take (<see cref="QueueLoad.MaxTrafficErlangs"/>), since their sums run over the agents.</summary>
    public const int MaxAgents = 200_000_000;

    /// <summary>The staffing of <paramref name="load"/> by <paramref name="planner"/>.</summary>
    /// <param name="load">The interval's load.</param>
    /// <param name="planner">The target, shrinkage and patience.</param>
    /// <param name="hasTarget">Whether the planner's target was given (otherwise it is the usual 80/20, for the service-level column only).</param>
    /// <param name="agents">Agents to evaluate instead of solving for the target; <see langword="null"/> to solve.</param>
    /// <returns>The sections <c>staffing</c> and <c>kpisByAgents</c> (table <c>rows</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> or <paramref name="planner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="agents"/> is negative, or the planner's patience needs too many Erlang A states (parameter <c>averagePatience</c>).</exception>
    public static FigureSheet Of(QueueLoad load, StaffingPlanner planner, bool hasTarget, int? agents)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(planner);
        var output = new FigureSheet();
        var summary = output.Add("staffing", "Staffing");
        summary.Fact("model", "Model", planner.AveragePatience is null ? "erlang-c" : "erlang-a")
            .Fact("trafficErlangs", "Traffic (Erlangs)", load.TrafficErlangs)
            .Fact("target", "Target", hasTarget ? planner.Target.ToString() : "none (evaluating --agents; SL within 20 s)");
        int answer;
        if (agents is int given)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(given, nameof(agents));
            answer = given;
            summary.Fact("agents", "Agents (given)", given)
                .Fact("scheduledAgents", "Scheduled after shrinkage", planner.ScheduledAgents(given))
                .Fact("meetsTarget", "Meets the target", hasTarget ? planner.Target.FirstMissed(planner.Evaluate(load, given)) == StaffingConstraint.None : null);
        }
        else
        {
            var requirement = planner.Plan(load);
            answer = requirement.Agents;
            summary.Fact("agents", "Agents needed", requirement.Agents)
                .Fact("scheduledAgents", "Scheduled after shrinkage", requirement.ScheduledAgents)
                .Fact("limitingConstraint", "Limiting target", requirement.LimitingConstraint.Describe());
        }
        var around = output.Add("kpisByAgents", "KPIs by number of agents");
        around.Note = "ASA is over answered contacts; mean wait is over all contacts (the Erlang sense).";
        var table = around.SetTable("rows",
            new FigureColumn("agents", "Agents", true),
            new FigureColumn("probabilityOfWait", "P(wait)", true),
            new FigureColumn("serviceLevel", "SL", true),
            new FigureColumn("averageSpeedOfAnswerSeconds", "ASA s", true),
            new FigureColumn("averageWaitSeconds", "Mean wait s", true),
            new FigureColumn("probabilityOfAbandonment", "P(abandon)", true),
            new FigureColumn("occupancy", "Occupancy", true));
        for (int n = Math.Max(1, answer - 2); n <= Math.Min(answer, MaxAgents - 3) + 3; n++)
        {
            var m = planner.Evaluate(load, n);
            table.Row(n, new Fraction(m.ProbabilityOfWait), new Fraction(m.ServiceLevel), m.AverageSpeedOfAnswerSeconds, m.AverageWaitSeconds,
                new Fraction(m.ProbabilityOfAbandonment), new Fraction(m.Occupancy));
        }
        return output;
    }
}
