namespace ContactMetrics.Sql;

/// <summary>
/// A table could not be read by the SQL engine: no files at the path, a required column missing, or a value the engine
/// could not convert. The message names the table, the path and the fix.
/// </summary>
public sealed class SqlSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table (e.g. <c>interactions</c>).</param>
    /// <param name="path">The file, glob or folder it was read from.</param>
    /// <param name="message">What went wrong and the fix.</param>
    /// <param name="inner">The engine's exception, if any.</param>
    public SqlSourceException(string table, string path, string message, Exception? inner = null)
        : base($"{table} ({path}): {message}", inner)
    {
        Table = table;
        Path = path;
    }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>The file, glob or folder.</summary>
    public string Path { get; }
}
