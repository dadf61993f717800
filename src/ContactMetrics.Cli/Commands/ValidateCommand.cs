using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Data;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics validate</c>: reads tables and reports every rejected row with file, line,
/// column and reason. Exit code 2 when any row is rejected or a file cannot be read as its table.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var interactions = FileOption("--interactions", "The interactions table (CSV or Parquet).");
        interactions.Required = true;
        var customers = FileOption("--customers", "The customers table.");
        var purchases = FileOption("--purchases", "The purchases table.");
        var touchpoints = FileOption("--touchpoints", "The marketing touchpoints table.");
        var conversions = FileOption("--conversions", "The conversions table.");
        var allErrors = new Option<bool>("--all-errors") { Description = "List every rejected row (up to 1,000 a file) instead of one line per column and reason." };
        var command = new Command("validate", "Read tables and report rejected rows by column and reason (counts, first lines, an example). Run this on an export before anything else.")
        {
            interactions, customers, purchases, touchpoints, conversions, allErrors,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var options = console.ReadOptions with { Mode = RowErrorMode.Collect };
            var reports = new List<ValidationReport>();
            void Check<T>(Option<string?> option, Func<string, TableReadOptions, TableReader<T>> open)
            {
                if (parse.GetValue(option) is not { } path)
                {
                    return;
                }
                using var reader = TableInput.Open(path, options, open, console);
                foreach (var _ in reader)
                {
                }
                reports.Add(reader.Report);
                TableInput.Notes(path, reader.Report, console);
            }
            Check(interactions, Data.Tables.OpenInteractions);
            Check(customers, Data.Tables.OpenCustomers);
            Check(purchases, Data.Tables.OpenPurchases);
            Check(touchpoints, Data.Tables.OpenTouchpoints);
            Check(conversions, Data.Tables.OpenConversions);

            var output = new FigureSheet();
            var summary = output.Add("validation", "Validation");
            var table = summary.SetTable("files",
                new FigureColumn("table", "Table"),
                new FigureColumn("file", "File"),
                new FigureColumn("rowsRead", "Rows read", true),
                new FigureColumn("rowsAccepted", "Accepted", true),
                new FigureColumn("rowsRejected", "Rejected", true));
            foreach (var report in reports)
            {
                table.Row(report.Table, report.File, report.RowsRead, report.RowsAccepted, report.RowsRejected);
            }
            bool listAll = parse.GetValue(allErrors);
            if (reports.Any(r => r.RowsRejected > 0))
            {
                var problems = output.Add("problems", "Rejected rows by column and reason");
                var groupTable = problems.SetTable("groups",
                    new FigureColumn("file", "File"),
                    new FigureColumn("column", "Column"),
                    new FigureColumn("reason", "Reason"),
                    new FigureColumn("rows", "Rows", true),
                    new FigureColumn("firstLines", "First lines"),
                    new FigureColumn("example", "Example"));
                foreach (var report in reports)
                {
                    foreach (var g in report.RejectionGroups)
                    {
                        groupTable.Row(report.File, g.ColumnName, g.Reason, g.Rows, string.Join(", ", g.FirstLines), g.ExampleValue);
                    }
                }
                if (listAll)
                {
                    var errorTable = output.Add("errors", "Rejected rows").SetTable("rows",
                        new FigureColumn("file", "File"),
                        new FigureColumn("line", "Line", true),
                        new FigureColumn("column", "Column", true),
                        new FigureColumn("columnName", "Column name"),
                        new FigureColumn("recordId", "Record"),
                        new FigureColumn("value", "Value"),
                        new FigureColumn("reason", "Reason"));
                    foreach (var e in reports.SelectMany(r => r.Errors))
                    {
                        errorTable.Row(e.File, e.Line, e.Column, e.ColumnName, e.RecordId, e.Value, e.Reason);
                    }
                }
            }
            common.Write(parse, output, console);

            long rejected = reports.Sum(r => r.RowsRejected);
            foreach (string line in reports.SelectMany(r => r.RejectionLines(listAll)))
            {
                console.Error.WriteLine(line);
            }
            if (rejected > 0)
            {
                console.Error.WriteLine($"contactmetrics: {rejected} rejected row(s) in {reports.Count(r => r.RowsRejected > 0)} file(s).");
                return CliApp.InvalidInput;
            }
            return CliApp.Success;
        });
        return command;
    }

    private static Option<string?> FileOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "FILE",
    };
}
