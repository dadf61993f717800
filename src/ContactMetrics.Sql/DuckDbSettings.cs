using System.Data.Common;
using System.Globalization;

namespace ContactMetrics.Sql;

/// <summary>
/// DuckDB's memory limit and threads for one engine, as the <c>contactmetrics</c> commands take them: past the limit the
/// sorts of the window functions spill to the system temp folder, so a 100-million-row lake runs in about this much plus
/// the process (docs/benchmarks.md). <see cref="FromEnvironment"/> reads <see cref="MemoryLimitVariable"/> and
/// <see cref="ThreadsVariable"/>; <see cref="Open"/> starts the engine.
/// </summary>
public sealed record DuckDbSettings
{
    /// <summary>The memory limit when none is set: 1GB.</summary>
    public const string DefaultMemoryLimit = "1GB";

    /// <summary>The environment variable that sets DuckDB's memory limit (e.g. <c>300MB</c>).</summary>
    public const string MemoryLimitVariable = "CONTACTMETRICS_DUCKDB_MEMORY_LIMIT";

    /// <summary>The environment variable that sets DuckDB's threads (a whole number at least 1).</summary>
    public const string ThreadsVariable = "CONTACTMETRICS_DUCKDB_THREADS";

    /// <summary>DuckDB's memory limit, e.g. <c>2GB</c>, as DuckDB reads it; <see cref="DefaultMemoryLimit"/> unless set.</summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>Where <see cref="MemoryLimit"/> came from (e.g. <see cref="MemoryLimitVariable"/>), named first in the error when DuckDB refuses it; <see langword="null"/> for none.</summary>
    public string? MemoryLimitSource { get; init; }

    /// <summary>How many threads DuckDB uses: at least 1; all cores when <see langword="null"/>.</summary>
    public int? Threads { get; init; }

    /// <summary>The settings of the process's environment: <see cref="FromVariables"/> over <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="FormatException"><see cref="ThreadsVariable"/> is not a whole number at least 1; the message names it.</exception>
    public static DuckDbSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The settings that <paramref name="variable"/> gives: <see cref="MemoryLimitVariable"/> (else <see cref="DefaultMemoryLimit"/>)
    /// and <see cref="ThreadsVariable"/> (else all cores); an empty value counts as not set.
    /// </summary>
    /// <param name="variable">The value of an environment variable by name; <see langword="null"/> when not set.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="variable"/> is null.</exception>
    /// <exception cref="FormatException"><see cref="ThreadsVariable"/> is not a whole number at least 1; the message names it.</exception>
    public static DuckDbSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var settings = new DuckDbSettings();
        if (variable(MemoryLimitVariable) is { Length: > 0 } limit)
        {
            settings = settings with { MemoryLimit = limit, MemoryLimitSource = MemoryLimitVariable };
        }
        if (variable(ThreadsVariable) is { Length: > 0 } count)
        {
            settings = settings with
            {
                Threads = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads >= 1 ? threads
                    : throw new FormatException($"{ThreadsVariable}: '{count}' is not a whole number at least 1."),
            };
        }
        return settings;
    }

    /// <summary>Starts an in-memory DuckDB with these settings (<see cref="DuckDbEngine.Open"/>).</summary>
    /// <returns>The engine; dispose it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Threads"/> is below 1.</exception>
    /// <exception cref="FormatException">DuckDB refuses a memory limit other than the default; the message names <see cref="MemoryLimitSource"/>, the value, DuckDB's reason and the fix.</exception>
    public DuckDbEngine Open()
    {
        try
        {
            return DuckDbEngine.Open(Threads, MemoryLimit);
        }
        catch (DbException e) when (MemoryLimit != DefaultMemoryLimit)
        {
            string source = MemoryLimitSource is null ? "" : $"{MemoryLimitSource}: ";
            throw new FormatException($"{source}DuckDB refuses the memory limit '{MemoryLimit}' ({e.Message.Split('\n')[0].Trim()}); give a size such as 500MB or 2GB.", e);
        }
    }
}
