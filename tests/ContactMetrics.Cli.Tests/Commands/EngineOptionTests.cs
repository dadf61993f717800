using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// The engines follow one rule for the observation window and one way of reading names (#12 review): an <c>--as-of</c>
/// before the first contact is the same exit 2 on the memory and the DuckDB engine, and names of engines and summary
/// formats are read as every other name is (case-insensitive, the unknown one named with the choices).
/// </summary>
public sealed class EngineOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _lake;

    public EngineOptionTests()
    {
        _lake = _dir.File("lake");
        DemoCommand.WriteTables(ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 120 }), _lake);
    }

    private string[] Uplift(string engine, params string[] more) =>
        ["retention", "uplift", "--engine", engine, "--customers", Path.Combine(_lake, "customers.csv"),
         "--interactions", Path.Combine(_lake, "interactions.csv"), "--by", "first-contact-resolution", "--horizon", "90d", .. more];

    [Fact]
    public void RetentionUplift_AsOfBeforeTheFirstContact_SameExit2OnBothEngines()
    {
        // The simulated contacts start in 2024 or later: the start of 2001-01-01 is before the window's first day.
        var memory = CliRun.Of(Uplift("memory", "--as-of", "2001-01-01"));
        var duck = CliRun.Of(Uplift("duckdb", "--as-of", "2001-01-01"));
        memory.ExitCode.Should().Be(2, memory.Error);
        duck.ExitCode.Should().Be(2, duck.Error);
        memory.Error.Should().StartWith("contactmetrics: --as-of: ");
        duck.Error.Should().Be(memory.Error);
    }

    [Fact]
    public void RetentionUplift_AsOfInsideTheData_SameResultOnBothEngines()
    {
        var memory = CliRun.Of(Uplift("memory", "--as-of", "2025-06-01", "--format", "json"));
        var duck = CliRun.Of(Uplift("DuckDB", "--as-of", "2025-06-01", "--format", "json"));
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.ExitCode.Should().Be(0, duck.Error);
        duck.Out.Should().Contain("\"hazardRatio\"").And.Be(memory.Out);
    }

    [Fact]
    public void UnknownEngine_Exit2NamingTheChoices()
    {
        var run = CliRun.Of(Uplift("spark"));
        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Be("contactmetrics: --engine: unknown engine 'spark'; use memory, duckdb.");
    }

    [Fact]
    public void UnknownSummaryFormat_Exit2NamingTheChoices()
    {
        var run = CliRun.Of("summarize", "--data", _lake, "--out", _dir.File("out"), "--summary-format", "xlsx");
        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Be("contactmetrics: --summary-format: unknown format 'xlsx'; use csv, parquet.");
    }

    public void Dispose() => _dir.Dispose();
}
