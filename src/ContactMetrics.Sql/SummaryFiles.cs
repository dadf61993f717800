using System.Globalization;
using System.Text;
using CsvHelper;
using DuckDB.NET.Data;

namespace ContactMetrics.Sql;

/// <summary>
/// How summary tables are written and read as CSV or Parquet (by the file name's extension): CSV is written directly;
/// Parquet is that CSV converted by DuckDB with each column's type, and read back by DuckDB as CSV text, so every
/// summary has one format in code and two on disk.
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

    /// <summary>Opens a summary as CSV text: the file itself, or a Parquet file's rows written as CSV by DuckDB (a temporary file, deleted when the reader is disposed).</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">DuckDB cannot read the Parquet file.</exception>
    public static TextReader OpenText(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }
        if (!IsParquet(path))
        {
            return new StreamReader(path, Encoding.UTF8);
        }
        string csv = System.IO.Path.GetTempFileName();
        try
        {
            Execute($"COPY (SELECT * FROM read_parquet({SqlDialect.DuckDb.Literal(path)})) TO {SqlDialect.DuckDb.Literal(csv)} (HEADER, DELIMITER ',')");
        }
        catch (DuckDBException e)
        {
            File.Delete(csv);
            throw new InvalidDataException($"{path}: DuckDB could not read the Parquet file: {e.Message.Split('\n')[0].Trim()}", e);
        }
        return new StreamReader(new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose), Encoding.UTF8);
    }

    /// <summary>
    /// The header (trimmed, lower case) and the data rows of a CSV summary, read by CsvHelper (RFC 4180: quoted cells may
    /// hold commas, quotes and line breaks; blank lines are skipped); each row with the line it starts on (the header is line 1).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty or not readable CSV; <paramref name="what"/> names the summary in the message.</exception>
    public static (List<string> Header, IEnumerable<(int Line, List<string> Cells)> Rows) Read(TextReader reader, string path, string what)
    {
        var csv = CsvReader.Create(reader, Rfc4180, leaveOpen: true);
        try
        {
            if (!csv.Read())
            {
                throw new InvalidDataException($"{path}: the file is empty; {what} starts with its header (docs/data.md).");
            }
            return (Cells(csv).Select(h => h.Trim().ToLowerInvariant()).ToList(), Rows(csv, path));
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The rows of a summary file with the columns <paramref name="columns"/> (any order, others ignored): a missing column
    /// is an <see cref="InvalidDataException"/> naming the file and the columns the summary has.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not readable, or lacks a column.</exception>
    public static IEnumerable<SummaryRow> ReadRows(string path, string what, IReadOnlyList<string> columns)
    {
        using var reader = OpenText(path);
        var (header, records) = Read(reader, path, what);
        var index = columns.Select(c => header.IndexOf(c) is >= 0 and var i ? i
            : throw new InvalidDataException($"{path}: the column '{c}' is missing; {what} has {string.Join(", ", columns)} (docs/data.md).")).ToArray();
        foreach (var (line, cells) in records)
        {
            yield return new SummaryRow(path, line, cells, index, columns);
        }
    }

    /// <summary>The reading options of every CSV table (ContactMetrics.Data's), the header read as a row.</summary>
    private static readonly CsvReaderOptions Rfc4180 = Data.Csv.CsvRowSource.Rfc4180 with { HasHeader = false };

    private static IEnumerable<(int Line, List<string> Cells)> Rows(CsvReader csv, string path)
    {
        using (csv)
        {
            while (true)
            {
                bool read;
                try
                {
                    read = csv.Read();
                }
                catch (CsvFormatException e)
                {
                    throw new InvalidDataException($"{path}: line {e.LineNumber}: {e.Message}", e);
                }
                if (!read)
                {
                    yield break;
                }
                yield return ((int)csv.LineNumber, Cells(csv));
            }
        }
    }

    private static List<string> Cells(CsvReader csv) => [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")];

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

/// <summary>One row of a summary file: its cells by the summary's column number, and the error that names file, line, column and value.</summary>
internal sealed class SummaryRow(string path, int line, List<string> cells, int[] index, IReadOnlyList<string> columns)
{
    /// <summary>The line the row starts on (the header is line 1).</summary>
    public int Line => line;

    /// <summary>The trimmed cell of column <paramref name="column"/> (blank when the row is short).</summary>
    public string Cell(int column) => index[column] < cells.Count ? cells[index[column]].Trim() : "";

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
    public InvalidDataException Bad(int column, string what) => new($"{path}: line {line}, column {columns[column]}: '{Cell(column)}' {what}.");
}
