using System.CommandLine;
using ContactMetrics.Reporting;

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
            var question = new StaffingQuestion(parse.GetValue(contacts), OptionParsing.ParsePositiveDuration("--interval", parse.GetValue(interval)!),
                OptionParsing.ParsePositiveDuration("--aht", parse.GetValue(aht)!))
            {
                Shrinkage = parse.GetValue(shrinkage),
                MaxOccupancy = parse.GetValue(maxOccupancy),
                MaxAverageSpeedOfAnswer = parse.GetValue(maxAsa) is { } a ? OptionParsing.ParseDuration("--max-asa", a) : null,
                MaxAbandonment = parse.GetValue(maxAbandon),
                AveragePatience = parse.GetValue(patience) is { } p ? OptionParsing.ParsePositiveDuration("--patience", p) : null,
                Agents = parse.GetValue(agents),
            };
            if (parse.GetValue(target) is { } t)
            {
                var (sl, threshold) = OptionParsing.ParseServiceLevelTarget("--target", t);
                question = question with { ServiceLevel = sl, ServiceLevelThreshold = threshold };
            }
            common.Write(parse, StaffingFigures.AnswerForCommandLine(question), console);
            return CliApp.Success;
        });
        return command;
    }
}
