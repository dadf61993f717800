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

    /// <summary>Reads a summary file (kpi counts, path summary, survival table); what is wrong with it is an input error (exit 2), a path summary's separator fixed with this program's option.</summary>
    public static T ReadSummary<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new CliInputException(e.Data[Sql.PathSummaryFile.LikelySeparatorKey] is string separator ? $"{e.Message} Give it with --separator '{separator}'." : e.Message);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a new embedded DuckDB (<see cref="DuckDbSettings"/> of the environment); its complaints about the files are input errors (exit 2).</summary>
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

    /// <summary>DuckDB with the memory limit and threads of the environment (<see cref="DuckDbSettings.FromEnvironment"/>); a value it refuses is an input error naming the variable.</summary>
    private static DuckDbEngine Open()
    {
        try
        {
            return DuckDbSettings.FromEnvironment().Open();
        }
        catch (FormatException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}
