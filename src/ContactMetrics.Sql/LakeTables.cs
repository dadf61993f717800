namespace ContactMetrics.Sql;

/// <summary>Finds a table in a folder of tables (a lake): <c>NAME/</c> (a folder of parts), <c>NAME.parquet</c>, <c>NAME.csv</c> or <c>NAME.csv.gz</c>.</summary>
public static class LakeTables
{
    /// <summary>The path of table <paramref name="table"/> in <paramref name="folder"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="folder">The lake's folder.</param>
    /// <param name="table">The table's name, e.g. <c>interactions</c>.</param>
    /// <returns>The folder or file, in the order of the summary's list; <see langword="null"/> when none exists.</returns>
    public static string? Find(string folder, string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        string stem = Path.Combine(folder, table);
        if (Directory.Exists(stem))
        {
            return stem;
        }
        return new[] { ".parquet", ".csv", ".csv.gz" }.Select(e => stem + e).FirstOrDefault(File.Exists);
    }
}
