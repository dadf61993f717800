using System.Globalization;
using ContactMetrics.Data.Csv;
using ContactMetrics.Retention;
using CsvHelper;

namespace ContactMetrics.Data;

/// <summary>
/// Any CSV table (comma-separated, RFC 4180 quoting, a header row) or Parquet file (its flat columns), read whole into memory, whose columns are then
/// taken by name as numbers, event flags or labels: the input of survival analysis on a table of the user's own
/// columns (a Kaplan-Meier curve or a Cox model on, for example, the Rossi recidivism data).
/// </summary>
/// <remarks>
/// Column names are matched case-insensitively and trimmed. Blank lines are skipped. Every error is a
/// <see cref="TableFormatException"/> that names the file, the 1-based line and, for a bad cell, the column and
/// the cell's text.
/// </remarks>
public sealed class CsvColumnTable
{
    private readonly string[] _names;
    private readonly List<(long Line, string[] Cells)> _rows;

    private readonly TableFormat _format;

    private CsvColumnTable(string path, string[] names, List<(long Line, string[] Cells)> rows, TableFormat format = TableFormat.Csv)
    {
        _format = format;
        Path = path;
        _names = names;
        _rows = rows;
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>The column names, as in the header (trimmed).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The number of data rows (the header and blank lines not counted).</summary>
    public int Count => _rows.Count;

    /// <summary>Reads a CSV file, or a Parquet file when the name ends in .parquet, whole.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TableFormatException">The file is empty, is not readable as CSV, or a row has a different
    /// number of cells than the header.</exception>
    public static CsvColumnTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return ReadParquet(path);
        }
        var records = Parse(path);
        if (records.Count == 0)
        {
            throw new TableFormatException(path, TableFormat.Csv, null, null, null, null, "the file is empty; a header row is needed.");
        }
        var names = records[0].Cells.Select(h => h.Trim()).ToArray();
        var rows = new List<(long, string[])>(records.Count - 1);
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }
            if (cells.Length != names.Length)
            {
                throw new TableFormatException(path, TableFormat.Csv, line, null, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"{cells.Length} cells, but the header has {names.Length} columns."));
            }
            rows.Add((line, cells));
        }
        return new CsvColumnTable(path, names, rows);
    }

    /// <summary>
    /// A Parquet file's flat columns as text cells (numbers in the invariant culture, timestamps ISO-8601 UTC), so the
    /// columns are taken by name as from a CSV file; errors name the 1-based row instead of a line.
    /// </summary>
    private static CsvColumnTable ReadParquet(string path)
    {
        using var source = new ParquetFiles.ParquetRowSource(File.OpenRead(path), false, path);
        var names = source.ColumnNames.Select(n => n.Trim()).ToArray();
        source.Prepare([.. names.Select((name, k) => (k, Schemas.ColumnKind.Text, name))], new List<string>());
        var rows = new List<(long, string[])>();
        while (source.MoveNext())
        {
            var cells = new string[names.Length];
            for (int k = 0; k < cells.Length; k++)
            {
                cells[k] = source.IsMissing(k) ? "" : source.GetText(k) ?? "";
            }
            rows.Add((source.RowLocation, cells));
        }
        return new CsvColumnTable(path, names, rows, TableFormat.Parquet);
    }

    /// <summary>The 0-based index of a column, matched case-insensitively.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The index, or -1 when there is no such column.</returns>
    public int IndexOf(string name) => Array.FindIndex(_names, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A column of finite numbers (invariant culture, <c>.</c> as the decimal separator).</summary>
    /// <param name="column">The 0-based column index.</param>
    /// <param name="valid">An extra check on each value, or <see langword="null"/>.</param>
    /// <param name="requirement">What the error says of a value that fails <paramref name="valid"/>, e.g. "is negative; a duration must be at least 0".</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a column.</exception>
    /// <exception cref="TableFormatException">A cell is empty, not a finite number, or fails <paramref name="valid"/>.</exception>
    public double[] Numbers(int column, Func<double, bool>? valid = null, string? requirement = null) => Cells(column, (i, text) =>
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw Bad(i, column, text, text.Length == 0 ? "is missing; a number is needed" : text == "NA" ? "is missing (NA); leave the row out, as R does" : "is not a number");
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
            throw new TableFormatException(Path, _format, null, null, null, null, "the table has no rows.");
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
            throw new TableFormatException(Path, _format, null, null, null, null, "the table has no rows.");
        }
        var starts = Numbers(startColumn);
        var stops = Numbers(stopColumn);
        for (int i = 0; i < stops.Length; i++)
        {
            if (!(stops[i] > starts[i]))
            {
                throw new TableFormatException(Path, _format, _rows[i].Line, stopColumn + 1, _names[stopColumn], _rows[i].Cells[stopColumn].Trim(),
                    $"is not after the row's start {_rows[i].Cells[startColumn].Trim()} ({_names[startColumn]}); each row is at risk over (start, stop].");
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

    private TableFormatException Bad(int row, int column, string text, string reason) =>
        new(Path, _format, _rows[row].Line, column + 1, _names[column], text, reason + ".");

    /// <summary>All records (header first) with the line each starts on (RFC 4180, BOM, CRLF, quoted line breaks).</summary>
    private static List<(long Line, string[] Cells)> Parse(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }
        var options = CsvRowSource.Rfc4180 with { HasHeader = false };
        var records = new List<(long, string[])>();
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, options, leaveOpen: false);
        try
        {
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c] = reader.GetString(c) ?? "";
                }
                records.Add((reader.LineNumber, cells));
            }
        }
        catch (CsvFormatException e)
        {
            throw new TableFormatException(path, TableFormat.Csv, e.LineNumber, null, null, null, $"cannot be read as CSV: {e.Message}", innerException: e);
        }
        return records;
    }
}
