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
    /// <exception cref="ArgumentException">
    /// A field out of its range (contacts below 0 or not finite, an interval, handle time, patience or service-level threshold
    /// not above 0, a service level outside (0, 1), a highest ASA below 0, abandonment outside [0, 1], occupancy outside
    /// (0, 1], shrinkage outside [0, 1), agents outside [0, <see cref="MaxAgents"/>]), a traffic beyond
    /// <see cref="QueueLoad.MaxTrafficErlangs"/>, a service level without its threshold or the reverse, an abandonment
    /// target without a patience, neither a target nor agents, or a patience whose Erlang A queue would need more than
    /// <see cref="ErlangA.MaxQueueStates"/> states; the message names the field (<c>Interval</c>, ...), the value and the fix.
    /// </exception>
    public static FigureSheet Answer(StaffingQuestion question) => Answered(question, asOptions: false);

    /// <summary>
    /// <see cref="Answer(StaffingQuestion)"/> for <c>contactmetrics staffing</c>: the same rules, each message naming the
    /// command's option instead of the field (<see cref="OptionValueException"/>), so the command line's and a library
    /// caller's checks are one.
    /// </summary>
    internal static FigureSheet AnswerForCommandLine(StaffingQuestion question) => Answered(question, asOptions: true);

    /// <summary>The checks by <see cref="QuestionRules"/> and the answer; <paramref name="asOptions"/>: messages name the command's options.</summary>
    private static FigureSheet Answered(StaffingQuestion question, bool asOptions)
    {
        ArgumentNullException.ThrowIfNull(question);
        var rules = new QuestionRules(asOptions);
        double contacts = rules.Check(nameof(question.Contacts), question.Contacts, c => c >= 0 && double.IsFinite(c), "must be a number of at least 0");
        var interval = rules.Check(nameof(question.Interval), question.Interval, OptionParsing.IsPositive, "must be positive");
        var handleTime = rules.Check(nameof(question.AverageHandleTime), question.AverageHandleTime, OptionParsing.IsPositive, "must be positive");
        double traffic = contacts * handleTime.TotalSeconds / interval.TotalSeconds;
        if (!(traffic <= QueueLoad.MaxTrafficErlangs))
        {
            throw rules.Bad($"{rules.Name(nameof(question.Contacts))} x {rules.Name(nameof(question.AverageHandleTime))} / {rules.Name(nameof(question.Interval))} is {traffic.ToString("G4", CultureInfo.InvariantCulture)} Erlangs, beyond the Erlang models' limit of {QueueLoad.MaxTrafficErlangs.ToString("G4", CultureInfo.InvariantCulture)}; split the load into smaller intervals or queues.");
        }
        var load = new QueueLoad(contacts, interval, handleTime);
        double shrinkage = rules.Check(nameof(question.Shrinkage), question.Shrinkage, s => s >= 0 && s < 1, "must be in [0, 1)");
        double? occupancy = rules.Check(nameof(question.MaxOccupancy), question.MaxOccupancy, v => v > 0 && v <= 1, "must be in (0, 1]");
        double? abandon = rules.Check(nameof(question.MaxAbandonment), question.MaxAbandonment, v => v >= 0 && v <= 1, "must be in [0, 1]");
        double? sl = rules.Check(nameof(question.ServiceLevel), question.ServiceLevel, OptionParsing.IsStrictShare, "must be between 0 and 1 (0.8 for 80%)");
        var threshold = rules.Check(nameof(question.ServiceLevelThreshold), question.ServiceLevelThreshold, OptionParsing.IsPositive, "must be positive");
        var maxAsa = rules.Check(nameof(question.MaxAverageSpeedOfAnswer), question.MaxAverageSpeedOfAnswer, d => d >= Duration.Zero, "must be at least 0");
        var patience = rules.Check(nameof(question.AveragePatience), question.AveragePatience, OptionParsing.IsPositive, "must be positive");
        if ((sl is null) != (threshold is null))
        {
            // Field names in both modes: the command line's --target always gives both.
            throw rules.Bad(
                $"{nameof(question.ServiceLevel)} and {nameof(question.ServiceLevelThreshold)} go together (80% within 20 s); give both or neither.");
        }
        if (abandon is not null && patience is null)
        {
            throw rules.Bad($"{rules.Name(nameof(question.MaxAbandonment))} needs {rules.Name(nameof(question.AveragePatience))}: without abandonment (Erlang C) nobody abandons.");
        }
        if (!question.HasTarget && question.Agents is null)
        {
            throw rules.Bad(asOptions ? "Give a target (--target 80/20, --max-asa, --max-abandon or --max-occupancy) or --agents N."
                : "Give a target (ServiceLevel with ServiceLevelThreshold, MaxAverageSpeedOfAnswer, MaxAbandonment or MaxOccupancy) or Agents.");
        }
        int? agents = question.Agents is int requested ? rules.Check(nameof(question.Agents), requested, n => n >= 0 && n <= MaxAgents, $"must be between 0 and {MaxAgents}") : null;
        var target = question.HasTarget
            ? new StaffingTarget(sl, threshold, maxAsa, abandon, occupancy)
            : StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20));
        var planner = new StaffingPlanner(target, shrinkage, patience);
        try
        {
            return Of(load, planner, question.HasTarget, agents);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "averagePatience")
        {
            // Erlang A refuses a patience whose queue would need too many states; that is the user's patience, named as such.
            string given = e.ActualValue is Duration d ? QuestionRules.Show(d) : "";
            throw rules.Bad($"{rules.Name(nameof(question.AveragePatience))} {given}: the Erlang A queue would need more than {ErlangA.MaxQueueStates} states for this load; a patience this long behaves as Erlang C, so leave out {rules.Name(nameof(question.AveragePatience))}.");
        }
    }

    /// <summary>
    /// The rules of <see cref="StaffingQuestion"/>'s fields, each written once (with the option parsers' where the command
    /// line parses the field: <see cref="OptionParsing.IsPositive"/>, <see cref="OptionParsing.IsStrictShare"/>), and their
    /// messages: naming the field for a library caller (<see cref="ArgumentException"/>), the option on the command line.
    /// </summary>
    private sealed class QuestionRules(bool asOptions)
    {
        /// <summary>The option of <c>contactmetrics staffing</c> that gives each field.</summary>
        private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
        {
            [nameof(StaffingQuestion.Contacts)] = "--contacts",
            [nameof(StaffingQuestion.Interval)] = "--interval",
            [nameof(StaffingQuestion.AverageHandleTime)] = "--aht",
            [nameof(StaffingQuestion.ServiceLevel)] = "--target",
            [nameof(StaffingQuestion.ServiceLevelThreshold)] = "--target",
            [nameof(StaffingQuestion.MaxAverageSpeedOfAnswer)] = "--max-asa",
            [nameof(StaffingQuestion.MaxAbandonment)] = "--max-abandon",
            [nameof(StaffingQuestion.MaxOccupancy)] = "--max-occupancy",
            [nameof(StaffingQuestion.Shrinkage)] = "--shrinkage",
            [nameof(StaffingQuestion.AveragePatience)] = "--patience",
            [nameof(StaffingQuestion.Agents)] = "--agents",
        };

        public string Name(string field) => asOptions ? Options[field] : field;

        /// <summary>The error whose <paramref name="message"/> names the field or option, the value and the fix.</summary>
        public Exception Bad(string message) =>
            asOptions ? new OptionValueException(message) : new ArgumentException(message, "question");

        public T Check<T>(string field, T value, Func<T, bool> ok, string requirement) where T : struct =>
            ok(value) ? value : throw Bad($"{Name(field)} {requirement}; was {Show(value)}.");

        public T? Check<T>(string field, T? value, Func<T, bool> ok, string requirement) where T : struct =>
            value is T v ? Check(field, v, ok, requirement) : null;

        /// <summary>A value as the command line writes it: durations in seconds (<c>0s</c>), numbers in the invariant culture.</summary>
        public static string Show<T>(T value) => value switch
        {
            Duration d => d.TotalSeconds.ToString("G6", CultureInfo.InvariantCulture) + "s",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => $"{value}",
        };
    }

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
