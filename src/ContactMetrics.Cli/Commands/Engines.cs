using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Sql;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The <c>--engine memory|duckdb</c> option and the one way the commands run DuckDB: open an in-memory database, attach
/// the tables, compute, and turn what the engine says about the files into exit 2 naming the table, the path and the fix.
/// </summary>
internal static class Engines
{
    /// <summary>The <c>--engine</c> option.</summary>
    /// <param name="description">What the engines do for this command.</param>
    /// <param name="defaultEngine"><c>memory</c> or <c>duckdb</c>.</param>
    public static Option<string> Option(string description, string defaultEngine = "memory") => new("--engine")
    {
        Description = description,
        DefaultValueFactory = _ => defaultEngine,
        HelpName = "memory|duckdb",
    };

    private static readonly Dictionary<string, bool> Names = new(StringComparer.OrdinalIgnoreCase) { ["memory"] = false, ["duckdb"] = true };

    /// <summary>Whether the run uses DuckDB: <see langword="false"/> for memory; an unknown name, or DuckDB with <c>--skip-invalid</c>, is an input error.</summary>
    public static bool IsDuckDb(ParseResult parse, Option<string> engine, bool skipInvalid = false)
    {
        bool duck = OptionParsing.ParseName("--engine", parse.GetValue(engine)!, Names, "engine");
        return duck && skipInvalid ? throw new CliInputException(TableInput.SkipInvalidWithDuckDb) : duck;
    }

    /// <summary>Reads a summary file (kpi counts, path summary, survival table); what is wrong with it is an input error (exit 2).</summary>
    public static T ReadSummary<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    /// <summary>
    /// DuckDB's memory limit on the command line: past it the sorts of the window functions spill to the system temp
    /// folder, so a 100-million-row lake runs in about this much plus the process (docs/benchmarks.md). The environment
    /// variable <see cref="MemoryLimitVariable"/> overrides it, <see cref="ThreadsVariable"/> sets the threads (default: all cores).
    /// </summary>
    public const string MemoryLimit = "1GB";

    /// <summary>The environment variable that sets DuckDB's memory limit (e.g. <c>300MB</c>).</summary>
    public const string MemoryLimitVariable = "CONTACTMETRICS_DUCKDB_MEMORY_LIMIT";

    /// <summary>The environment variable that sets DuckDB's threads (a whole number at least 1).</summary>
    public const string ThreadsVariable = "CONTACTMETRICS_DUCKDB_THREADS";

    /// <summary>Runs <paramref name="work"/> on a new embedded DuckDB (memory limit <see cref="MemoryLimit"/>); its complaints about the files are input errors (exit 2).</summary>
    public static T Run<T>(Func<DuckDbEngine, T> work)
    {
        try
        {
            using var duck = Open();
            return work(duck);
        }
        catch (Exception e) when (e is SqlSourceException or InvalidDataException)
        {
            throw new CliInputException(e.Message);
        }
    }

    /// <summary>DuckDB with the memory limit and threads of the environment; a value DuckDB refuses is an input error naming the variable.</summary>
    private static DuckDbEngine Open()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } text ? text : null;
        int? threads = Environment.GetEnvironmentVariable(ThreadsVariable) is { Length: > 0 } count
            ? int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int t) && t >= 1 ? t
                : throw new CliInputException($"{ThreadsVariable}: '{count}' is not a whole number at least 1.")
            : null;
        try
        {
            return DuckDbEngine.Open(threads, fromEnvironment ?? MemoryLimit);
        }
        catch (System.Data.Common.DbException e) when (fromEnvironment is not null)
        {
            throw new CliInputException($"{MemoryLimitVariable}: DuckDB refuses the memory limit '{fromEnvironment}' ({e.Message.Split('\n')[0].Trim()}); give a size such as 500MB or 2GB.");
        }
    }
}
