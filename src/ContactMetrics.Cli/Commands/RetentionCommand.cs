using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Retention;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics retention</c>: survival analysis on any CSV or Parquet table (<c>km</c>: Kaplan-Meier curves with a log-rank
/// test; <c>cox</c>: Cox proportional hazards) and the retention uplift between contact groups (<c>uplift</c>).
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("retention", "Survival analysis: Kaplan-Meier, Cox proportional hazards, and the retention uplift of good service in money.")
        {
            CreateKaplanMeier(console),
            CreateCox(console),
            RetentionUpliftCommand.Create(console),
            RetentionSbgCommand.Create(console),
        };
        return command;
    }

    private static Command CreateKaplanMeier(CliConsole console)
    {
        var common = new CommonOptions();
        var (table, duration, @event) = TableOptions();
        var group = new Option<string?>("--group") { Description = "Column whose values split the curves (one curve per value) and the log-rank test.", HelpName = "COL" };
        var times = new Option<string?>("--times") { Description = "Report S(t) at these times only, e.g. 10,20,52 (R's summary(fit, times = ...)).", HelpName = "T1,T2,..." };
        var level = CommonOptions.Confidence();
        var confType = new Option<string>("--conf-type") { Description = "Pointwise interval: log (R's default), log-log or plain.", DefaultValueFactory = _ => "log" };
        var command = new Command("km", "Kaplan-Meier survival curves (Greenwood standard errors), medians and a log-rank test, from any CSV or Parquet table.")
        {
            table, duration, @event, group, times, level, confType,
        };
        common.AddTo(command);
        command.SetAction(parse => WithCsvErrors(() =>
        {
            var intervalType = OptionParsing.ParseName("--conf-type", parse.GetValue(confType)!, KaplanMeierFigures.IntervalNames, "type");
            double confidence = CommonOptions.Level(parse, level);
            var at = OptionParsing.ParseNumbers("--times", parse.GetValue(times), "a time of at least 0; use e.g. --times 10,20,52").Order().ToList();
            var csv = TableInput.ReadColumns(parse.GetValue(table)!, console);
            var survival = ReadSurvival(csv, parse.GetValue(duration)!, parse.GetValue(@event)!);
            string? groupColumn = parse.GetValue(group);
            if (groupColumn is not null)
            {
                survival = survival.WithGroups(csv.Labels(Column(csv, "--group", groupColumn)));
            }
            var curves = KaplanMeier.Estimate(survival, confidence);

            common.Write(parse, KaplanMeierFigures.Of(csv.Path, survival, curves, confidence, intervalType, at), console);
            return CliApp.Success;
        }));
        return command;
    }

    private static Command CreateCox(CliConsole console)
    {
        var common = new CommonOptions();
        var (table, duration, @event) = TableOptions();
        var covariates = new Option<string>("--covariates") { Description = "Numeric covariate columns, e.g. fin,age,prio.", Required = true, HelpName = "A,B,C" };
        var ties = new Option<string>("--ties") { Description = "Tied event times: efron (R's default) or breslow.", DefaultValueFactory = _ => "efron" };
        var strata = new Option<string?>("--strata") { Description = "Column whose values are strata (a separate baseline hazard each).", HelpName = "COL" };
        var level = CommonOptions.Confidence("the hazard-ratio intervals");
        var start = new Option<string?>("--start") { Description = "Column with each row's entry time: rows at risk over (start, --duration], R's Surv(start, stop, event), so a subject split into rows carries time-varying covariates.", HelpName = "COL" };
        var command = new Command("cox", "Cox proportional hazards (Efron or Breslow ties, optional strata, (start, stop] rows) on any CSV or Parquet table.")
        {
            table, duration, @event, covariates, ties, strata, level, start,
        };
        common.AddTo(command);
        command.SetAction(parse => WithCsvErrors(() =>
        {
            var options = new CoxOptions
            {
                Ties = OptionParsing.ParseName("--ties", parse.GetValue(ties)!, CoxFigures.TiesNames, "method"),
                ConfidenceLevel = CommonOptions.Level(parse, level),
            };
            var names = OptionParsing.ParseList(parse.GetValue(covariates));
            if (names.Count == 0)
            {
                throw new CliInputException("--covariates: give at least one column, e.g. --covariates fin,age.");
            }
            var csv = TableInput.ReadColumns(parse.GetValue(table)!, console);
            var plain = parse.GetValue(start) is { } startColumn
                ? csv.ToIntervalSurvivalTable(Column(csv, "--start", startColumn), Column(csv, "--duration", parse.GetValue(duration)!), Column(csv, "--event", parse.GetValue(@event)!))
                : ReadSurvival(csv, parse.GetValue(duration)!, parse.GetValue(@event)!);
            var survival = names.Select(name => Column(csv, "--covariates", name)).Aggregate(plain, (table, k) => table.WithCovariate(csv.Names[k], csv.Numbers(k)));
            if (parse.GetValue(strata) is { } strataColumn)
            {
                survival = survival.WithStrata(csv.Labels(Column(csv, "--strata", strataColumn)));
            }
            if (!survival.Events.Contains(true))
            {
                throw new CliInputException($"{csv.Path}: column '{parse.GetValue(@event)}' has no events; a Cox model needs at least one.");
            }
            // As R's coxph: aliased covariates are dropped with a note; a coefficient that may be infinite is a warning.
            var result = CoxProportionalHazards.FitDroppingAliased(survival, options);
            var fit = result.Fit ?? throw new CliInputException($"{csv.Path}: --covariates: {result.Reason}");
            console.Notes(result.Notes, result.Warnings);
            common.Write(parse, CoxFigures.Of(csv.Path, fit, options, parse.GetValue(strata), parse.GetValue(start), result.Aliased, result.PossiblyInfinite), console);
            return CliApp.Success;
        }));
        return command;
    }

    private static (Option<string> Table, Option<string> Duration, Option<string> Event) TableOptions() =>
        (TableOption(required: true),
         new Option<string>("--duration") { Description = "Column with the follow-up time (a number of at least 0).", Required = true, HelpName = "COL" },
         new Option<string>("--event") { Description = "Column with the event indicator (1/0 or true/false; 0 = censored).", Required = true, HelpName = "COL" });

    /// <summary>
    /// <c>--table</c>: a table of the user's own columns, read by <see cref="TableInput.ReadColumns"/> with the reading
    /// options (also <c>retention sbg</c>'s).
    /// </summary>
    internal static Option<string> TableOption(bool required) =>
        new("--table")
        {
            Description = "A CSV file with a header row (.csv, .csv.gz), a Parquet file (.parquet) of flat columns, a folder or glob of them (one table), or - for CSV on standard input.",
            Required = required,
            HelpName = "FILE",
        };

    private static SurvivalTable ReadSurvival(CsvColumnTable csv, string duration, string @event) =>
        csv.ToSurvivalTable(Column(csv, "--duration", duration), Column(csv, "--event", @event));

    /// <summary>The index of a column, or an error naming the option, the column and the columns there are.</summary>
    internal static int Column(CsvColumnTable csv, string option, string name)
    {
        int k = csv.IndexOf(name);
        return k >= 0 ? k : throw new CliInputException($"{csv.Path}: {option}: no column '{name}'; the columns are {string.Join(", ", csv.Names)}.");
    }

    /// <summary>Runs a command on a CSV table, stating a table error as <c>file:line: column 'c': 'cell' reason</c>.</summary>
    internal static int WithCsvErrors(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (TableFormatException e) when (e.Format == TableFormat.Parquet)
        {
            throw new CliInputException(e.Message);
        }
        catch (TableFormatException e)
        {
            string at = e.Line is long line ? $"{e.File}:{line}" : e.File;
            throw new CliInputException(e.ColumnName is null ? $"{at}: {e.Reason}" : $"{at}: column '{e.ColumnName}': '{e.Value}' {e.Reason}");
        }
    }
}
