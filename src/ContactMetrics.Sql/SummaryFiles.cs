using System.Globalization;
using System.Text;

namespace ContactMetrics.Sql;

/// <summary>
/// How summary tables are written and read as CSV or Parquet (by the file name's extension): CSV is written directly;
/// Parquet is that CSV converted by DuckDB with each column's type; both are read back by ContactMetrics.Data's reader
/// row by row (<see cref="StreamRows(string, string, IReadOnlyList{string})"/>: RFC 4180 CSV, Parquet columns as invariant
/// text), so every summary has one format in code and two on disk.
/// </summary>
internal static class SummaryFiles
{
    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes a summary: <paramref name="write"/> gets a CSV writer (header first); for <c>.parquet</c> the CSV is converted with <paramref name="types"/> (column name to SQL type).</summary>
    public static void Write(string path, IReadOnlyList<(string Column, string Type)> types, Action<TextWriter> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string csv = IsParquet(path) ? System.IO.Path.GetTempFileName() : path;
        try
        {
            using (var writer = new StreamWriter(csv, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                write(writer);
            }
            if (IsParquet(path))
            {
                string columns = string.Join(", ", types.Select(t => $"CAST(\"{t.Column}\" AS {t.Type}) AS \"{t.Column}\""));
                Execute($"COPY (SELECT {columns} FROM {ReadCsv(csv)}) TO {SqlDialect.DuckDb.Literal(path)} (FORMAT parquet)");
            }
        }
        finally
        {
            if (csv != path)
            {
                File.Delete(csv);
            }
        }
    }

    /// <summary><c>line 3</c> (CSV: the header is line 1) or <c>row 2</c> (Parquet) of the row <paramref name="table"/> holds (a streamed table holds one).</summary>
    public static string Where(Data.CsvColumnTable table) => table.LocationOf(0) is var (_, format, line)
        ? string.Create(CultureInfo.InvariantCulture, $"{(format == Data.TableFormat.Parquet ? "row" : "line")} {line}") : "";

    /// <summary>
    /// The rows of a summary file one at a time (<see cref="Data.CsvColumnTable.ReadRows"/>: CSV by RFC 4180, quoted cells
    /// may hold commas, quotes and line breaks, blank lines skipped; Parquet by its columns; none is kept), with the columns
    /// <paramref name="columns"/> (any order, others ignored), checked at the header: a missing column is an
    /// <see cref="InvalidDataException"/> naming the file and the columns the summary has, and a file with a header and no
    /// rows is checked too and yields nothing. Every summary file is read this way, so memory holds a row, not the file:
    /// what a reader keeps is its result (the model's input, or rows folded into groups).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not readable, or lacks a column.</exception>
    public static IEnumerable<SummaryRow> StreamRows(string path, string what, IReadOnlyList<string> columns) =>
        StreamRows(path, columns, table => Columns(path, what, table, columns));

    /// <summary>
    /// The rows of a summary file one at a time, as <see cref="StreamRows(string, string, IReadOnlyList{string})"/>, with
    /// the columns found in the header by <paramref name="find"/> (called once, before the first row: the index of each of
    /// <paramref name="columns"/> in the file, -1 for an optional column the file lacks, whose cells read blank; it throws
    /// for a missing required one), for a summary whose header tells its keys (<see cref="KpiCountsFile"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty or not readable (and what <paramref name="find"/> throws).</exception>
    public static IEnumerable<SummaryRow> StreamRows(string path, IReadOnlyList<string> columns, Func<Data.CsvColumnTable, int[]> find)
    {
        using var rows = Data.CsvColumnTable.ReadRows(path).GetEnumerator();
        int[]? index = null;
        while (Next(rows))
        {
            var table = rows.Current;
            index ??= find(table);
            if (table.Count > 0)
            {
                yield return new SummaryRow(path, table, index, columns);
            }
        }
    }

    /// <summary>Whether the header of a CSV file, as <see cref="StreamRows(string, string, IReadOnlyList{string})"/> reads it (names trimmed, any case), is exactly <paramref name="columns"/> in order; false when it is not or the file cannot be read so far.</summary>
    public static bool HasHeader(string path, IReadOnlyList<string> columns)
    {
        try
        {
            using var rows = Data.CsvColumnTable.ReadRows(path).GetEnumerator();
            return rows.MoveNext() && rows.Current.Names.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase);
        }
        catch (Data.TableFormatException)
        {
            return false;
        }
    }

    /// <summary>The bytes of a CSV file, read front to back, gunzipped when the name ends in <c>.gz</c> (as ContactMetrics.Data opens one).</summary>
    public static Stream OpenCsv(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream;
    }

    private static bool Next(IEnumerator<Data.CsvColumnTable> rows)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Data.TableFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static int[] Columns(string path, string what, Data.CsvColumnTable table, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => table.IndexOf(c) is >= 0 and var i ? i : throw new InvalidDataException($"{path}: the column '{c}' is missing; {what} has {string.Join(", ", columns)} (docs/data.md)."))];

    /// <summary>A CSV cell: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A double that reads back to the same bits.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string ReadCsv(string csv) =>
        $"read_csv({SqlDialect.DuckDb.Literal(csv)}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')";

    private static void Execute(string sql)
    {
        using var engine = DuckDbEngine.Open(threads: 1);
        using var command = engine.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One row of a summary file (the one row of <paramref name="table"/>): its cells by the summary's column number, and the error that names file, line, column and value.</summary>
internal sealed class SummaryRow(string path, Data.CsvColumnTable table, int[] index, IReadOnlyList<string> columns)
{
    /// <summary>The trimmed cell of column <paramref name="column"/> (blank when the file lacks that optional column).</summary>
    public string Cell(int column) => index[column] < 0 ? "" : table.Text(0, index[column]);

    /// <summary>The cell, or null when blank.</summary>
    public string? Optional(int column) => Cell(column) is { Length: > 0 } text ? text : null;

    /// <summary>The cell, which must not be blank.</summary>
    public string Required(int column, string what) => Optional(column) ?? throw Bad(column, $"is blank; every row needs its {what}");

    /// <summary>A count: a whole number at least 0.</summary>
    public long Count(int column) =>
        long.TryParse(Cell(column), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : throw Bad(column, "is not a whole number at least 0");

    /// <summary>A boolean: true or false.</summary>
    public bool Flag(int column) => bool.TryParse(Cell(column), out bool value) ? value : throw Bad(column, "is not true or false");

    /// <summary>The error for column <paramref name="column"/>: '<c>value</c>' <paramref name="what"/>.</summary>
    public InvalidDataException Bad(int column, string what) => new($"{path}: {SummaryFiles.Where(table)}, column {columns[column]}: '{Cell(column)}' {what}.");
}
