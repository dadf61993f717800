using System.Globalization;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// A staffing answer as <c>contactmetrics staffing</c> prints it: the agents needed for the target (or the given agents
/// evaluated), the scheduled staff after shrinkage, and the queue KPIs of a few agents either side.
/// </summary>
public static class StaffingFigures
{
    /// <summary>The most agents evaluated: twice the largest traffic the Erlang models take (<see cref="QueueLoad.MaxTrafficErlangs"/>), since their sums run over the agents.</summary>
    public const int MaxAgents = 200_000_000;

    /// <summary>
    /// Checks <paramref name="question"/> and answers it as <c>contactmetrics staffing</c> does: the agents needed for its
    /// targets, or its agents evaluated (without a target against the usual 80/20 service level, for that column only).
    /// </summary>
    /// <param name="question">The load, targets, shrinkage, patience and agents.</param>
    /// <returns>The sheet of <see cref="Of"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="question"/> is null.</exception>
    /// <exception cref="OptionValueException">
    /// A value out of range, a traffic beyond <see cref="QueueLoad.MaxTrafficErlangs"/>, an abandonment target without a
    /// patience, neither a target nor agents, more than <see cref="MaxAgents"/> agents, or a patience whose Erlang A queue
    /// would need more than <see cref="ErlangA.MaxQueueStates"/> states; the message names the <c>staffing</c> command's option and the fix.
    /// </exception>
    public static FigureSheet Answer(StaffingQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        double contacts = Check(question.Contacts, c => c >= 0 && double.IsFinite(c), "--contacts must be a number of at least 0");
        double traffic = contacts * question.AverageHandleTime.TotalSeconds / question.Interval.TotalSeconds;
        if (!(traffic <= QueueLoad.MaxTrafficErlangs))
        {
            throw new OptionValueException(
                $"--contacts x --aht / --interval is {traffic.ToString("G4", CultureInfo.InvariantCulture)} Erlangs, beyond the Erlang models' limit of {QueueLoad.MaxTrafficErlangs.ToString("G4", CultureInfo.InvariantCulture)}; split the load into smaller intervals or queues.");
        }
        var load = new QueueLoad(contacts, question.Interval, question.AverageHandleTime);
        double shrinkage = Check(question.Shrinkage, s => s >= 0 && s < 1, "--shrinkage must be in [0, 1)");
        double? occupancy = question.MaxOccupancy is double o ? Check(o, v => v > 0 && v <= 1, "--max-occupancy must be in (0, 1]") : null;
        double? abandon = question.MaxAbandonment is double ab ? Check(ab, v => v >= 0 && v <= 1, "--max-abandon must be in [0, 1]") : null;
        if (abandon is not null && question.AveragePatience is null)
        {
            throw new OptionValueException("--max-abandon needs --patience: without abandonment (Erlang C) nobody abandons.");
        }
        if (!question.HasTarget && question.Agents is null)
        {
            throw new OptionValueException("Give a target (--target 80/20, --max-asa, --max-abandon or --max-occupancy) or --agents N.");
        }
        if (question.Agents is int requested && (requested < 0 || requested > MaxAgents))
        {
            throw new OptionValueException($"--agents must be between 0 and {MaxAgents}; was {requested}.");
        }
        var sl = question.ServiceLevel;
        var target = question.HasTarget
            ? new StaffingTarget(sl, sl is null ? null : question.ServiceLevelThreshold, question.MaxAverageSpeedOfAnswer, abandon, occupancy)
            : StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20));
        var planner = new StaffingPlanner(target, shrinkage, question.AveragePatience);
        try
        {
            return Of(load, planner, question.HasTarget, question.Agents);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "averagePatience")
        {
            // Erlang A refuses a patience whose queue would need too many states; that is the user's patience, named as such.
            string patience = e.ActualValue is Duration d ? $"{d.TotalSeconds.ToString("G6", CultureInfo.InvariantCulture)}s" : "";
            throw new OptionValueException(
                $"--patience {patience}: the Erlang A queue would need more than {ErlangA.MaxQueueStates} states for this load; a patience this long behaves as Erlang C, so leave out --patience.");
        }
    }

    private static double Check(double value, Func<double, bool> ok, string message) =>
        ok(value) ? value : throw new OptionValueException($"{message}; was {value.ToString(CultureInfo.InvariantCulture)}.");

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
