using ContactMetrics.Data;

namespace ContactMetrics.Sql;

/// <summary>
/// Where a table's rows are, as DuckDB reads them: the file patterns (one file, a glob, or a folder's files found
/// recursively) and their format, from the extension (<c>.csv</c>, <c>.csv.gz</c>, <c>.parquet</c>).
/// </summary>
internal sealed record DuckDbSource(TableFormat Format, IReadOnlyList<string> Patterns, bool Hive)
{
    private static readonly string[] CsvEndings = [".csv", ".csv.gz"];

    /// <summary>CSV is read as text and converted in the view.</summary>
    public bool IsText => Format == TableFormat.Csv;

    public static DuckDbSource Resolve(string table, string path)
    {
        if (path.IndexOfAny(['*', '?', '[']) >= 0)
        {
            return new DuckDbSource(FormatOf(table, path, path), [path], IsHive(path));
        }
        if (File.Exists(path))
        {
            return new DuckDbSource(FormatOf(table, path, path), [Path.GetFullPath(path)], false);
        }
        if (!Directory.Exists(path))
        {
            throw new SqlSourceException(table, path, "no such file or folder; give a .csv, .csv.gz or .parquet file, a glob of them, or a folder of them.");
        }
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => Ending(f) is not null).ToList();
        if (files.Count == 0)
        {
            throw new SqlSourceException(table, path, "the folder has no .csv, .csv.gz or .parquet files.");
        }
        var formats = files.Select(f => FormatOf(table, path, f)).Distinct().ToList();
        if (formats.Count > 1)
        {
            throw new SqlSourceException(table, path, "the folder mixes CSV and Parquet files; keep one format per table.");
        }
        string root = Path.GetFullPath(path);
        // One recursive glob per ending that has files (DuckDB fails on a glob that matches nothing).
        var patterns = files.Select(Ending).Distinct().Order(StringComparer.Ordinal).Select(e => Path.Combine(root, "**", "*" + e)).ToList();
        bool hive = files.Any(f => IsHive(Path.GetRelativePath(root, f)));
        return new DuckDbSource(formats[0], patterns, hive);
    }

    /// <summary>The table function over the patterns: all columns of CSV as text, Parquet with its types; columns matched by name across files.</summary>
    public string Relation()
    {
        string list = "[" + string.Join(", ", Patterns.Select(SqlDialect.DuckDb.Literal)) + "]";
        string hive = Hive ? ", hive_partitioning = true" : "";
        return Format == TableFormat.Csv
            ? $"read_csv({list}, header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '\"', escape = '\"'{hive})"
            : $"read_parquet({list}, union_by_name = true{hive})";
    }

    private static string? Ending(string file) =>
        file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ".parquet"
        : CsvEndings.FirstOrDefault(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static TableFormat FormatOf(string table, string path, string file) => Ending(file) switch
    {
        ".parquet" => TableFormat.Parquet,
        null => throw new SqlSourceException(table, path, $"cannot tell the format of '{file}': names must end in .csv, .csv.gz or .parquet."),
        _ => TableFormat.Csv,
    };

    /// <summary>Whether a path has a hive partition folder (<c>key=value</c>).</summary>
    private static bool IsHive(string path) =>
        path.Split('/', '\\').SkipLast(1).Any(part => part.Contains('=', StringComparison.Ordinal));
}
