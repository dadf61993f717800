using ContactMetrics.Data;
using ContactMetrics.Tables;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// Reads a table for an analysis command: fail-fast by default (the first bad row stops the run with
/// exit code 2, naming file, line and column); with <c>--skip-invalid</c>, bad rows are left out and
/// counted on stderr, so nothing is dropped silently.
/// </summary>
internal static class TableInput
{
    /// <summary>Why <c>--skip-invalid</c> and <c>--engine duckdb</c> do not go together.</summary>
    internal const string SkipInvalidWithDuckDb =
        "--skip-invalid: the duckdb engine reads the rows as they are; drop the option, or check the files with 'contactmetrics validate' first.";

    public static List<T> ReadAll<T>(string path, bool skipInvalid, Func<string, TableReadOptions, TableReader<T>> open, CliConsole console)
    {
        using var reader = open(CheckFormat(path), ReadOptions(skipInvalid));
        var rows = reader.ToList();
        Report(path, reader.Report, console);
        return rows;
    }

    /// <summary>Returns <paramref name="path"/> when its name tells the table format; otherwise the input error that says how to name it.</summary>
    public static string CheckFormat(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? path
            : throw new CliInputException($"{path}: cannot tell the table format from the file name ('{Path.GetExtension(path)}'); name the file .csv or .parquet.");

    public static TableReadOptions ReadOptions(bool skipInvalid) => new() { Mode = skipInvalid ? RowErrorMode.Collect : RowErrorMode.FailFast };

    /// <summary>Says on stderr what the reader noted and, with <c>--skip-invalid</c>, how many rows were left out and why the first was.</summary>
    public static void Report(string path, ValidationReport report, CliConsole console)
    {
        foreach (string note in report.Notes)
        {
            // A note is something the user may not expect (a misspelt column ignored, naive timestamps read as UTC): say it.
            console.Error.WriteLine($"contactmetrics: note: {path}: {note}");
            console.ReadingNotes.Add((path, note));
        }
        if (report.RowsRejected > 0)
        {
            console.Error.WriteLine($"{path}: {report.RowsRead} rows read, {report.RowsAccepted} accepted, {report.RowsRejected} rejected (--skip-invalid); first: {report.Errors.FirstOrDefault()}");
        }
    }

    /// <summary>Reads an interactions table, with the customers table's segments when a path is given, into the columnar table.</summary>
    public static InteractionTable ReadInteractionTable(string interactionsPath, string? customersPath, bool skipInvalid, CliConsole console)
    {
        var builder = new InteractionTable.Builder();
        if (customersPath is not null)
        {
            foreach (var c in ReadAll(customersPath, skipInvalid, Data.Tables.OpenCustomers, console))
            {
                builder.AddCustomer(c);
            }
        }
        foreach (var i in ReadAll(interactionsPath, skipInvalid, Data.Tables.OpenInteractions, console))
        {
            builder.Add(i);
        }
        return builder.Build();
    }
}
