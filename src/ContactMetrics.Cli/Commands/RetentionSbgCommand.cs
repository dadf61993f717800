using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Clv;

namespace ContactMetrics.Cli.Commands;

/// <summary><c>contactmetrics retention sbg</c>: the shifted-beta-geometric model from cohort survivor counts.</summary>
internal static class RetentionSbgCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var survivors = new Option<string?>("--survivors") { Description = "Customers still active at the start of periods 0, 1, 2, ... (comma-separated), e.g. 1000,631,468,382; or give --table and --column.", HelpName = "N0,N1,..." };
        var table = RetentionCommand.TableOption(required: false);
        var column = new Option<string?>("--column") { Description = "With --table: the column of survivor counts, one row per period from period 0 (the cohort) on, in file order.", HelpName = "COL" };
        var horizon = new Option<int>("--horizon") { Description = "Periods to project survival and retention for.", DefaultValueFactory = _ => 12 };
        var discount = new Option<double>("--discount-rate") { Description = "Discount rate per period for DERL.", DefaultValueFactory = _ => 0.1 };
        var command = new Command("sbg", "Fit the shifted-beta-geometric retention model (Fader & Hardie 2007) to survivor counts; project survival, retention and DERL.")
        {
            survivors, table, column, horizon, discount,
        };
        common.AddTo(command);
        command.SetAction(parse => RetentionCommand.WithCsvErrors(() =>
        {
            var (counts, source) = Counts(parse.GetValue(survivors), parse.GetValue(table), parse.GetValue(column), console);
            int periods = parse.GetValue(horizon);
            double d = parse.GetValue(discount);
            SbgFigures.CheckInputs(counts, source, periods, d);
            var fit = ShiftedBetaGeometricModel.Fit(counts.ToArray());
            common.Write(parse, SbgFigures.Of(fit, counts, periods, d), console);
            return CliApp.Success;
        }));
        return command;
    }

    /// <summary>
    /// The survivor counts, from <c>--survivors</c> or from a column of <c>--table</c> (read with the reading options), and
    /// what to call their source in errors.
    /// </summary>
    private static (List<double> Counts, string Source) Counts(string? list, string? path, string? column, CliConsole console)
    {
        if ((list is null) == (path is null))
        {
            throw new CliInputException("--survivors: give the survivor counts either as --survivors 1000,631,468 or as --table FILE --column COL.");
        }
        if (path is not null)
        {
            if (column is null)
            {
                throw new CliInputException("--column: name the column of survivor counts of --table, e.g. --column active.");
            }
            var csv = TableInput.ReadColumns(path, console);
            int k = RetentionCommand.Column(csv, "--column", column);
            return ([.. csv.Numbers(k, v => v >= 0, "is negative; a count of customers is at least 0")], $"{csv.Path}: --column {column}");
        }
        if (column is not null)
        {
            throw new CliInputException("--column: goes with --table FILE; --survivors holds the counts themselves.");
        }
        var counts = OptionParsing.ParseNumbers("--survivors", list, "a count of at least 0").ToList();
        return (counts, "--survivors");
    }
}
