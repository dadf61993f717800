using System.Globalization;
using ContactMetrics.Data.Reading;
using ContactMetrics.Retention;

namespace ContactMetrics.Data;

/// <summary>
/// Any CSV table (RFC 4180 quoting, a header row; comma-separated unless the read options say otherwise) or Parquet file
/// (its flat columns), read whole into memory, whose columns are then taken by name as numbers, event flags or labels: the
/// input of survival analysis on a table of the user's own columns (a Kaplan-Meier curve or a Cox model on, for example,
/// the Rossi recidivism data).
/// </summary>
/// <remarks>
/// Column names are matched case-insensitively and trimmed. Blank lines are skipped. Every error is a
/// <see cref="TableFormatException"/> that names the file, the 1-based line and, for a bad cell, the column and
/// the cell's text. The reading options of the typed tables apply as far as a table of numbers, flags and labels has
/// use for them: <see cref="TableReadOptions.Delimiter"/>, <see cref="TableReadOptions.DecimalComma"/> (for CSV cells;
/// Parquet numbers are typed) and <see cref="TableReadOptions.ColumnMap"/> (a mapped file column is known by its schema
/// name); <c>.csv.gz</c> files, folders and globs of files read as one table, and streams. The date format and input time
/// zone have nothing to read here (no column is taken as an instant).
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
    Justification = "As Tables: the stream overload takes the format and a name, which a path provides by itself.")]
public sealed class CsvColumnTable
{
    private readonly string[] _names;
    private readonly string[] _fileNames;
    private readonly List<(int Part, long Line, string[] Cells)> _rows;
    private readonly (string File, TableFormat Format, int[] Order)[] _parts;
    private readonly TextParsing? _commaNumbers;

    private CsvColumnTable(string path, string[] names, string[] fileNames, List<(int Part, long Line, string[] Cells)> rows, (string, TableFormat, int[])[] parts, TableReadOptions options)
    {
        Path = path;
        _names = names;
        _fileNames = fileNames;
        _rows = rows;
        _parts = parts;
        _commaNumbers = options.DecimalComma ? new TextParsing(options) : null;
    }

    /// <summary>The file (folder, glob or stream name) the table was read from.</summary>
    public string Path { get; }

    /// <summary>The column names, as in the header (trimmed); a column the read options' map renames has its schema name.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The number of data rows (the header and blank lines not counted).</summary>
    public int Count => _rows.Count;

    /// <summary>
    /// Reads a table whole: a CSV file (gunzipped when the name ends in <c>.gz</c>), a Parquet file when the name ends in
    /// <c>.parquet</c>, or a folder or glob of such files (<see cref="Tables.FilesOf"/>), read as one table whose files
    /// have the same columns.
    /// </summary>
    /// <param name="path">The file, folder or glob.</param>
    /// <param name="options">How CSV text is read (delimiter, decimal comma, column map); <see langword="null"/> for the defaults.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist, or no table file matches the folder or glob.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of a glob does not exist.</exception>
    /// <exception cref="TableFormatException">A file is empty, is not readable as CSV or Parquet, a row has a different
    /// number of cells than the header, or a file of a folder or glob has other columns than the first.</exception>
    public static CsvColumnTable Read(string path, TableReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= TableReadOptions.Default;
        return Read(path, Opens(path, options), options);
    }

    /// <summary>How the parts of <paramref name="path"/> are opened: a folder or glob part by part, else the one file (which must exist).</summary>
    private static IReadOnlyList<Func<RowSource>> Opens(string path, TableReadOptions options) =>
        Tables.IsFileSet(path) ? Tables.OpenParts(path, options)
        : File.Exists(path) ? [() => Tables.OpenFile(path, Tables.FormatOrCsv(path), options)]
        : throw new FileNotFoundException($"{path}: file not found.", path);

    /// <summary>Reads a table whole from a stream (left open; Parquet needs a seekable one).</summary>
    /// <param name="stream">The table's bytes.</param>
    /// <param name="format">CSV or Parquet.</param>
    /// <param name="name">The name errors give the stream, e.g. <c>stdin</c>.</param>
    /// <param name="options">How CSV text is read; <see langword="null"/> for the defaults.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="TableFormatException">As for a file.</exception>
    public static CsvColumnTable Read(Stream stream, TableFormat format, string name, TableReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= TableReadOptions.Default;
        return Read(name, [() => Tables.CreateSource(stream, format, leaveOpen: true, name, options)], options);
    }

    /// <summary>
    /// Reads a file, folder or glob (as <see cref="Read(string, TableReadOptions?)"/>, the default options) row by row: each
    /// row is yielded as a table of that one row (<see cref="Text"/> and <see cref="LocationOf"/> of row 0) and none is kept,
    /// so memory holds a row, not the file (ContactMetrics.Sql's summary files, each read into its result as the rows come). A file with a header and no rows yields one table of no rows, so its columns can be checked too.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or no table file matches the folder or glob (at the call).</exception>
    /// <exception cref="TableFormatException">As for <see cref="Read(string, TableReadOptions?)"/>, while enumerating.</exception>
    internal static IEnumerable<CsvColumnTable> ReadRows(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return RowTables(path, Opens(path, TableReadOptions.Default), TableReadOptions.Default);
    }

    private static IEnumerable<CsvColumnTable> RowTables(string path, IReadOnlyList<Func<RowSource>> opens, TableReadOptions options)
    {
        var header = new PartHeaders();
        bool any = false;
        foreach (var row in Rows(opens, options, header))
        {
            any = true;
            yield return new CsvColumnTable(path, header.Names!, header.FileNames!, [(0, row.Line, row.Cells)], [header.Parts[^1]], options);
        }
        if (!any && header.Names is not null)
        {
            yield return new CsvColumnTable(path, header.Names, header.FileNames!, [], [.. header.Parts], options);
        }
    }

    /// <summary>Every row of every part as text cells (<see cref="Rows"/>) held in memory.</summary>
    private static CsvColumnTable Read(string name, IReadOnlyList<Func<RowSource>> opens, TableReadOptions options)
    {
        var header = new PartHeaders();
        var rows = Rows(opens, options, header).Select(row => (header.Parts.Count - 1, row.Line, row.Cells)).ToList();
        return new CsvColumnTable(name, header.Names!, header.FileNames!, rows, [.. header.Parts], options);
    }

    /// <summary>The column names (the first part's) and each part's file, format and column order, filled as <see cref="Rows"/> opens the parts.</summary>
    private sealed class PartHeaders
    {
        public string[]? Names { get; set; }

        public string[]? FileNames { get; set; }

        public List<(string File, TableFormat Format, int[] Order)> Parts { get; } = [];
    }

    /// <summary>
    /// Every row of every part as text cells (Parquet values in the invariant culture, timestamps ISO-8601 UTC), so the
    /// columns are taken by name alike; errors name the file and its line (CSV) or 1-based row (Parquet). Each part's
    /// header goes to <paramref name="header"/> before its rows.
    /// </summary>
    private static IEnumerable<(long Line, string[] Cells)> Rows(IReadOnlyList<Func<RowSource>> opens, TableReadOptions options, PartHeaders header)
    {
        var parts = header.Parts;
        foreach (var open in opens)
        {
            using var source = open();
            var (partNames, partFileNames) = Header(source, options.ColumnMap);
            // Each part's header is matched on its own, as the typed tables' are: the column order may differ.
            (header.Names, header.FileNames) = (header.Names ?? partNames, header.FileNames ?? partFileNames);
            var (names, fileNames) = (header.Names, header.FileNames);
            int[] order = parts.Count == 0 ? [.. Enumerable.Range(0, names.Length)]
                : [.. names.Select(n => Array.FindIndex(partNames, p => string.Equals(p, n, StringComparison.OrdinalIgnoreCase)))];
            if (partNames.Length != names.Length || order.Contains(-1))
            {
                throw new TableFormatException(source.File, source.Format, source.HeaderLine, null, null, null,
                    $"has the columns {string.Join(", ", partFileNames)}, but {parts[0].Item1} has {string.Join(", ", fileNames)}; the files of a folder or glob are one table and need the same columns.");
            }
            parts.Add((source.File, source.Format, order));
            source.Prepare([.. partNames.Select((n, k) => (k, Schemas.ColumnKind.Text, n))], new List<string>());
            while (source.MoveNext())
            {
                if (source.RowProblem is { } problem)
                {
                    int? column = source.RowProblemColumn;
                    throw new TableFormatException(source.File, source.Format, source.RowLocation, column + 1, column is int k ? partFileNames[k] : null, null, problem + ".");
                }
                var cells = new string[names.Length];
                for (int k = 0; k < cells.Length; k++)
                {
                    cells[k] = source.IsMissing(order[k]) ? "" : source.GetText(order[k]) ?? "";
                }
                yield return (source.RowLocation, cells);
            }
        }
    }

    /// <summary>A part's column names, trimmed and renamed by the map, and as the file has them; a mapped name that the file has too is an error.</summary>
    private static (string[] Names, string[] FileNames) Header(RowSource source, ColumnMap? map)
    {
        var fileNames = source.ColumnNames.Select(n => n.Trim()).ToArray();
        if (fileNames.Length == 0 || (fileNames.Length == 1 && fileNames[0].Length == 0 && source.Format == TableFormat.Csv))
        {
            throw new TableFormatException(source.File, source.Format, null, null, null, null, "the file is empty; a header row is needed.");
        }
        var names = fileNames.Select(n => map?.TargetOf(n) ?? n).ToArray();
        for (int k = 0; k < names.Length; k++)
        {
            int first = Array.FindIndex(names, n => string.Equals(n, names[k], StringComparison.OrdinalIgnoreCase));
            if (first < k && (names[k] != fileNames[k] || names[first] != fileNames[first]))
            {
                throw new TableFormatException(source.File, source.Format, source.HeaderLine, k + 1, fileNames[k], null,
                    string.Create(CultureInfo.InvariantCulture, $"is read as '{names[k]}', and so is column {first + 1} '{fileNames[first]}' (the column map), so it is not clear which to read; map one of them only."));
            }
        }
        return (names, fileNames);
    }

    /// <summary>The 0-based index of a column, matched case-insensitively.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The index, or -1 when there is no such column.</returns>
    public int IndexOf(string name) => Array.FindIndex(_names, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The trimmed text of a cell (Parquet values in the invariant culture, timestamps ISO-8601 UTC); empty when missing.</summary>
    /// <param name="row">The 0-based row index.</param>
    /// <param name="column">The 0-based column index.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> or <paramref name="column"/> is out of range.</exception>
    public string Text(int row, int column)
    {
        CheckColumn(column);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _rows.Count);
        return _rows[row].Cells[column].Trim();
    }

    /// <summary>Where a row is: its file, and its 1-based line there (CSV, the header is line 1) or 1-based row (Parquet).</summary>
    /// <param name="row">The 0-based row index.</param>
    /// <returns>The file, its format and the line or row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public (string File, TableFormat Format, long Line) LocationOf(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _rows.Count);
        var (file, format, _) = _parts[_rows[row].Part];
        return (file, format, _rows[row].Line);
    }

    /// <summary>
    /// A column of finite numbers (invariant culture, <c>.</c> as the decimal separator; in CSV cells a comma instead
    /// when the read options have <see cref="TableReadOptions.DecimalComma"/>).
    /// </summary>
    /// <param name="column">The 0-based column index.</param>
    /// <param name="valid">An extra check on each value, or <see langword="null"/>.</param>
    /// <param name="requirement">What the error says of a value that fails <paramref name="valid"/>, e.g. "is negative; a duration must be at least 0".</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a column.</exception>
    /// <exception cref="TableFormatException">A cell is empty, not a finite number, or fails <paramref name="valid"/>.</exception>
    public double[] Numbers(int column, Func<double, bool>? valid = null, string? requirement = null) => Cells(column, (i, text) =>
    {
        if (text.Length == 0 || text == "NA")
        {
            throw Bad(i, column, text, text.Length == 0 ? "is missing; a number is needed" : "is missing (NA); leave the row out, as R does");
        }
        double v;
        if (_commaNumbers is not null && _parts[_rows[i].Part].Format == TableFormat.Csv)
        {
            if (!_commaNumbers.TryParseDouble(text, out v, out string? reason, out _))
            {
                throw Bad(i, column, text, reason);
            }
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out v) || !double.IsFinite(v))
        {
            throw Bad(i, column, text, "is not a number");
        }
        return valid is null || valid(v) ? v : throw Bad(i, column, text, requirement ?? "is out of range");
    });

    /// <summary>A column of event indicators: <c>1</c>/<c>0</c>, <c>true</c>/<c>false</c> or <c>yes</c>/<c>no</c>, any case.</summary>
    /// <param name="column">The 0-based column index.</param>
    /// <returns>One flag per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a column.</exception>
    /// <exception cref="TableFormatException">A cell is none of these.</exception>
    public bool[] Flags(int column) => Cells(column, (i, text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => throw Bad(i, column, text, "is not an event indicator (1/0, true/false)"),
    });

    /// <summary>A column of non-empty labels (trimmed), such as groups or strata.</summary>
    /// <param name="column">The 0-based column index.</param>
    /// <returns>One label per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a column.</exception>
    /// <exception cref="TableFormatException">A cell is empty or <c>NA</c> (R's missing value).</exception>
    public string[] Labels(int column) =>
        Cells(column, (i, text) => text.Length == 0 ? throw Bad(i, column, text, "is missing; a label is needed")
            // R writes a missing value as NA: as a label it would become a group of its own (lung's ph.ecog: 4 groups instead of 3).
            : text == "NA" ? throw Bad(i, column, text, "is missing (NA); give the row a label or leave it out, as R does")
            : text);

    /// <summary>
    /// A survival table of follow-up times (numbers of at least 0) and event indicators (see <see cref="Flags"/>;
    /// <c>0</c> = censored), ready for <c>KaplanMeier</c> or <c>CoxProportionalHazards</c>; add groups, covariates
    /// or strata from other columns with the table's <c>With...</c> methods.
    /// </summary>
    /// <param name="durationColumn">The 0-based index of the follow-up time column.</param>
    /// <param name="eventColumn">The 0-based index of the event indicator column.</param>
    /// <returns>The survival table, one subject per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column index is not a column.</exception>
    /// <exception cref="TableFormatException">The table has no rows, or a cell is invalid.</exception>
    public SurvivalTable ToSurvivalTable(int durationColumn, int eventColumn)
    {
        CheckColumn(durationColumn);
        CheckColumn(eventColumn);
        if (_rows.Count == 0)
        {
            throw NoRows();
        }
        return SurvivalTable.FromColumns(Numbers(durationColumn, v => v >= 0, "is negative; a duration must be at least 0"), Flags(eventColumn));
    }

    /// <summary>
    /// The columns as a counting-process survival table: each row at risk over (start, stop], ending in the event or
    /// censored (R's <c>Surv(start, stop, event)</c>), for a time-varying Cox model where a subject is split into rows.
    /// </summary>
    /// <param name="startColumn">The entry-time column.</param>
    /// <param name="stopColumn">The exit-time column; each stop after its row's start.</param>
    /// <param name="eventColumn">The event column (1/0, true/false, yes/no).</param>
    /// <returns>The table.</returns>
    /// <exception cref="TableFormatException">The table has no rows, a time is not a number, or a stop is not after its start (the line and both cells named).</exception>
    public SurvivalTable ToIntervalSurvivalTable(int startColumn, int stopColumn, int eventColumn)
    {
        CheckColumn(startColumn);
        CheckColumn(stopColumn);
        CheckColumn(eventColumn);
        if (_rows.Count == 0)
        {
            throw NoRows();
        }
        var starts = Numbers(startColumn);
        var stops = Numbers(stopColumn);
        for (int i = 0; i < stops.Length; i++)
        {
            if (!(stops[i] > starts[i]))
            {
                throw Bad(i, stopColumn, _rows[i].Cells[stopColumn].Trim(),
                    $"is not after the row's start {_rows[i].Cells[startColumn].Trim()} ({_fileNames[startColumn]}); each row is at risk over (start, stop]");
            }
        }
        return SurvivalTable.FromIntervals(starts, stops, Flags(eventColumn));
    }

    private void CheckColumn(int column)
    {
        if (column < 0 || column >= _names.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The table has columns 0 to {_names.Length - 1}.");
        }
    }

    /// <summary>Each row's trimmed cell of a column, converted (the converter gets the row index for its errors).</summary>
    private T[] Cells<T>(int column, Func<int, string, T> convert)
    {
        CheckColumn(column);
        var values = new T[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            values[i] = convert(i, _rows[i].Cells[column].Trim());
        }
        return values;
    }

    private TableFormatException NoRows() => new(Path, _parts[0].Format, null, null, null, null, "the table has no rows.");

    private TableFormatException Bad(int row, int column, string text, string reason)
    {
        // The file's own column number: a later part of a folder may have its columns in another order.
        var (file, format, order) = _parts[_rows[row].Part];
        return new(file, format, _rows[row].Line, order[column] + 1, _fileNames[column], text, reason + ".");
    }
}
