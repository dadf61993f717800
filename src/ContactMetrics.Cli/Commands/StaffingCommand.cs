using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics staffing</c>: agents needed for one interval's load and targets (Erlang C, or
/// Erlang A with <c>--patience</c>), the scheduled staff after shrinkage, and the KPIs around the answer.
/// </summary>
internal static class StaffingCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var contacts = new Option<double>("--contacts") { Description = "Contacts arriving in the interval.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Interval length, e.g. 30m.", DefaultValueFactory = _ => "30m" };
        var aht = new Option<string>("--aht") { Description = "Average handle time, e.g. 180s.", Required = true };
        var target = new Option<string?>("--target") { Description = "Service-level target as PERCENT/SECONDS, e.g. 80/20 (80% answered within 20 s).", HelpName = "SL/T" };
        var patience = new Option<string?>("--patience") { Description = "Mean patience before abandoning, e.g. 5m: uses Erlang A instead of Erlang C." };
        var shrinkage = new Option<double>("--shrinkage") { Description = "Share of paid time not available for contacts, in [0, 1).", DefaultValueFactory = _ => 0 };
        var maxOccupancy = new Option<double?>("--max-occupancy") { Description = "Highest acceptable occupancy, in (0, 1]." };
        var maxAsa = new Option<string?>("--max-asa") { Description = "Highest acceptable average speed of answer (answered contacts), e.g. 30s." };
        var maxAbandon = new Option<double?>("--max-abandon") { Description = "Highest acceptable abandonment rate, in [0, 1] (needs --patience)." };
        var agents = new Option<int?>("--agents") { Description = "Evaluate this many agents instead of solving for the target." };
        var command = new Command("staffing", "Agents needed for a service-level, ASA, abandonment or occupancy target (Erlang C; Erlang A with --patience), with shrinkage.")
        {
            contacts, interval, aht, target, patience, shrinkage, maxOccupancy, maxAsa, maxAbandon, agents,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            double contactCount = Check(parse.GetValue(contacts), c => c >= 0 && double.IsFinite(c), "--contacts must be a number of at least 0");
            var intervalLength = OptionParsing.ParsePositiveDuration("--interval", parse.GetValue(interval)!);
            var handleTime = OptionParsing.ParsePositiveDuration("--aht", parse.GetValue(aht)!);
            double traffic = contactCount * handleTime.TotalSeconds / intervalLength.TotalSeconds;
            if (!(traffic <= QueueLoad.MaxTrafficErlangs))
            {
                throw new CliInputException(
                    $"--contacts x --aht / --interval is {traffic.ToString("G4", CultureInfo.InvariantCulture)} Erlangs, beyond the Erlang models' limit of {QueueLoad.MaxTrafficErlangs.ToString("G4", CultureInfo.InvariantCulture)}; split the load into smaller intervals or queues.");
            }
            var load = new QueueLoad(contactCount, intervalLength, handleTime);
            double? sl = null;
            Duration? threshold = null;
            if (parse.GetValue(target) is { } t)
            {
                (sl, threshold) = OptionParsing.ParseServiceLevelTarget("--target", t);
            }
            double shrink = Check(parse.GetValue(shrinkage), s => s >= 0 && s < 1, "--shrinkage must be in [0, 1)");
            double? occupancy = parse.GetValue(maxOccupancy) is double o ? Check(o, v => v > 0 && v <= 1, "--max-occupancy must be in (0, 1]") : null;
            Duration? asa = parse.GetValue(maxAsa) is { } a ? OptionParsing.ParseDuration("--max-asa", a) : null;
            double? abandon = parse.GetValue(maxAbandon) is double ab ? Check(ab, v => v >= 0 && v <= 1, "--max-abandon must be in [0, 1]") : null;
            Duration? meanPatience = parse.GetValue(patience) is { } p ? OptionParsing.ParsePositiveDuration("--patience", p) : null;
            if (abandon is not null && meanPatience is null)
            {
                throw new CliInputException("--max-abandon needs --patience: without abandonment (Erlang C) nobody abandons.");
            }
            bool hasTarget = sl is not null || asa is not null || abandon is not null || occupancy is not null;
            if (!hasTarget && parse.GetValue(agents) is null)
            {
                throw new CliInputException("Give a target (--target 80/20, --max-asa, --max-abandon or --max-occupancy) or --agents N.");
            }
            if (parse.GetValue(agents) is int requested && (requested < 0 || requested > StaffingFigures.MaxAgents))
            {
                throw new CliInputException($"--agents must be between 0 and {StaffingFigures.MaxAgents}; was {requested}.");
            }
            // Without a target, --agents is only evaluated: the service level column then uses the usual 80/20 threshold.
            var staffingTarget = hasTarget
                ? new StaffingTarget(sl, sl is null ? null : threshold, asa, abandon, occupancy)
                : StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20));
            var planner = new StaffingPlanner(staffingTarget, shrink, meanPatience);

            common.Write(parse, PatienceChecked(() => StaffingFigures.Of(load, planner, hasTarget, parse.GetValue(agents))), console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Erlang A refuses a patience whose queue would need too many states; that is the user's --patience, named as such.</summary>
    private static T PatienceChecked<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "averagePatience")
        {
            throw new CliInputException(
                $"--patience {FormatPatience(e.ActualValue)}: the Erlang A queue would need more than {ErlangA.MaxQueueStates} states for this load; a patience this long behaves as Erlang C, so leave out --patience.");
        }
    }

    private static string FormatPatience(object? patience) => patience is Duration d ? $"{d.TotalSeconds.ToString("G6", CultureInfo.InvariantCulture)}s" : "";

    private static double Check(double value, Func<double, bool> ok, string message) =>
        ok(value) ? value : throw new CliInputException($"{message}; was {value.ToString(CultureInfo.InvariantCulture)}.");
}
