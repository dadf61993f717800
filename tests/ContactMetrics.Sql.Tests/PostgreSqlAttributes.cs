namespace ContactMetrics.Sql.Tests;

/// <summary>Where the PostgreSQL tests connect: $CONTACTMETRICS_POSTGRES, which .ci/run sets after starting Debian's postgresql.</summary>
internal static class PostgreSqlSetup
{
    public const string Variable = "CONTACTMETRICS_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>Why the tests are skipped: no connection string, and not on CI (where a missing one fails the tests instead).</summary>
    public static string? SkipReason =>
        ConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"${Variable} is not set (a Npgsql connection string to a database the tests may create schemas in); .ci/run starts PostgreSQL, sets it and runs these tests."
            : null;
}

/// <summary>A fact that needs PostgreSQL: skipped locally without it, run (and failing without it) on CI.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = PostgreSqlSetup.SkipReason;
}

/// <summary>A theory that needs PostgreSQL: skipped locally without it, run (and failing without it) on CI.</summary>
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    public PostgreSqlTheoryAttribute() => Skip = PostgreSqlSetup.SkipReason;
}
