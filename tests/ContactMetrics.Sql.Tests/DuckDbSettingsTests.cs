namespace ContactMetrics.Sql.Tests;

/// <summary>
/// <see cref="DuckDbSettings"/>: the memory limit and threads the commands give DuckDB, from the environment variables
/// (docs/scale.md), and what DuckDB says back (its <c>current_setting</c>).
/// </summary>
public class DuckDbSettingsTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private static object? Setting(DuckDbEngine engine, string name)
    {
        using var command = engine.Connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')";
        return command.ExecuteScalar();
    }

    [Fact]
    public void FromVariables_NoneSet_OneGigabyteAndAllCores()
    {
        var settings = DuckDbSettings.FromVariables(Variables(("CONTACTMETRICS_DUCKDB_THREADS", "")));

        settings.MemoryLimit.Should().Be("1GB");
        settings.MemoryLimitSource.Should().BeNull();
        settings.Threads.Should().BeNull("an empty value counts as not set");
    }

    [Fact]
    public void FromVariables_BothSet_DuckDbRunsWithThem()
    {
        var settings = DuckDbSettings.FromVariables(Variables(("CONTACTMETRICS_DUCKDB_MEMORY_LIMIT", "300MB"), ("CONTACTMETRICS_DUCKDB_THREADS", "2")));

        settings.Should().Be(new DuckDbSettings { MemoryLimit = "300MB", MemoryLimitSource = DuckDbSettings.MemoryLimitVariable, Threads = 2 });
        using var engine = settings.Open();
        Setting(engine, "threads").Should().Be(2L);
        // DuckDB prints a limit in its own units: 300MB (10^6 bytes) is 286.1 MiB.
        Setting(engine, "memory_limit").Should().Be("286.1 MiB");
        engine.SpillFolder.Should().NotBeNull("a memory limit spills to a folder of the engine's own");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    public void FromVariables_ThreadsNotAWholeNumberAtLeastOne_NamesTheVariable(string threads) =>
        FluentActions.Invoking(() => DuckDbSettings.FromVariables(Variables(("CONTACTMETRICS_DUCKDB_THREADS", threads))))
            .Should().Throw<FormatException>().WithMessage($"CONTACTMETRICS_DUCKDB_THREADS: '{threads}' is not a whole number at least 1.");

    [Fact]
    public void Open_AMemoryLimitDuckDbRefuses_NamesTheVariableTheValueAndTheFix()
    {
        var settings = DuckDbSettings.FromVariables(Variables(("CONTACTMETRICS_DUCKDB_MEMORY_LIMIT", "lots")));

        // DuckDB 1.x: "Parser Error: Memory must have a number (e.g. 1GB)" (the first line of its message).
        FluentActions.Invoking(settings.Open).Should().Throw<FormatException>()
            .WithMessage("CONTACTMETRICS_DUCKDB_MEMORY_LIMIT: DuckDB refuses the memory limit 'lots' (*); give a size such as 500MB or 2GB.");
        FluentActions.Invoking(new DuckDbSettings { MemoryLimit = "lots" }.Open).Should().Throw<FormatException>()
            .WithMessage("DuckDB refuses the memory limit 'lots' (*Memory must have a number*); give a size such as 500MB or 2GB.", "set in code, there is no variable to name");
    }
}
