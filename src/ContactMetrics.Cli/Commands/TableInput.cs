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

    /// <summary>The name a table read from standard input has in errors and notes.</summary>
    internal const string StandardInputName = "stdin";

    public static List<T> ReadAll<T>(string path, bool skipInvalid, Func<string, TableReadOptions, TableReader<T>> open, CliConsole console)
    {
        using var reader = Open(path, ReadOptions(skipInvalid, console), open, console);
        var rows = reader.ToList();
        Report(path, reader.Report, console);
        return rows;
    }

    /// <summary>
    /// Opens a table for a command: a file (.csv, .csv.gz, .parquet), a folder or glob of them (read as one table), or
    /// <c>-</c> for CSV on standard input; <paramref name="open"/> is the <see cref="Data.Tables"/> method of the table.
    /// </summary>
    public static TableReader<T> Open<T>(string path, TableReadOptions options, Func<string, TableReadOptions, TableReader<T>> open, CliConsole console) =>
        path != "-" ? open(CheckFormat(path), options) : Data.Tables.Open<T>(StandardInput(console), TableFormat.Csv, StandardInputName, options);

    /// <summary>
    /// Reads any table of the user's own columns whole (<c>retention km</c>, <c>cox</c>, <c>sbg</c>), with the run's reading
    /// options: a file, a folder or glob of them, or <c>-</c> for CSV on standard input.
    /// </summary>
    public static CsvColumnTable ReadColumns(string path, CliConsole console) => path == "-"
        ? CsvColumnTable.Read(StandardInput(console), TableFormat.Csv, StandardInputName, console.ReadOptions)
        : CsvColumnTable.Read(CheckFormat(path), console.ReadOptions);

    /// <summary>Standard input for the one table a run may read from it; a second table from it is an input error.</summary>
    private static Stream StandardInput(CliConsole console)
    {
        if (console.StandardInputRead)
        {
            throw new CliInputException("-: standard input can hold one table, and another one was read from it; give this table as a file.");
        }
        console.StandardInputRead = true;
        return console.OpenStandardInput();
    }

    /// <summary>
    /// Returns <paramref name="path"/> when it names a table's files (a .csv, .csv.gz or .parquet file, a folder, a glob);
    /// otherwise the input error that says how to name it.
    /// </summary>
    public static string CheckFormat(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || Data.Tables.IsFileSet(path)
            ? path
            : throw new CliInputException($"{path}: cannot tell the table format from the file name ('{Path.GetExtension(path)}'); name the file .csv, .csv.gz or .parquet, or give a folder, a glob such as 'exports/*.csv', or - for CSV on standard input.");

    /// <summary>The run's read options (<see cref="ReadingOptions"/>) with invalid rows collected (<c>--skip-invalid</c>) or failing fast.</summary>
    public static TableReadOptions ReadOptions(bool skipInvalid, CliConsole console) => console.ReadOptions with { Mode = skipInvalid ? RowErrorMode.Collect : RowErrorMode.FailFast };

    /// <summary>Says on stderr what the reader noted and, with <c>--skip-invalid</c>, how many rows were left out and why the first was.</summary>
    public static void Report(string path, ValidationReport report, CliConsole console)
    {
        Notes(path, report, console);
        if (report.RowsRejected > 0)
        {
            console.Error.WriteLine($"{path}: {report.RowsRead} rows read, {report.RowsAccepted} accepted, {report.RowsRejected} rejected (--skip-invalid); first: {report.Errors.FirstOrDefault()}");
        }
    }

    /// <summary>Says the reader's notes on stderr and keeps them for JSON output (<c>readingNotes</c>).</summary>
    public static void Notes(string path, ValidationReport report, CliConsole console)
    {
        foreach (string note in report.Notes)
        {
            // A note is something the user may not expect (a misspelt column ignored, naive timestamps read as UTC,
            // coerced values): say it.
            console.Error.WriteLine($"contactmetrics: note: {path}: {note}");
            console.ReadingNotes.Add((path, note));
        }
    }

    /// <summary>
    /// Reads an interactions table, with the customers table's segments when a path is given, straight into the columnar
    /// table (no list of interaction records).
    /// </summary>
    public static InteractionTable ReadInteractionTable(string interactionsPath, string? customersPath, bool skipInvalid, CliConsole console)
    {
        var customers = customersPath is null ? null : ReadAll(customersPath, skipInvalid, Data.Tables.OpenCustomers, console);
        using var reader = Open(interactionsPath, ReadOptions(skipInvalid, console), Data.Tables.OpenInteractions, console);
        var table = Data.Tables.ReadInteractionTable(reader, customers);
        Report(interactionsPath, reader.Report, console);
        return table;
    }
}
