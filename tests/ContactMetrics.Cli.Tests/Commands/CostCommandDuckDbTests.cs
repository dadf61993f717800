using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>cost --engine duckdb</c>: over a folder of CSV parts it prints exactly what the in-memory engine prints for the
/// concatenated file (the oracle), for every breakdown and repeat rule, with the demo's example rates (an overhead spread
/// by handle time).
/// </summary>
public sealed class CostCommandDuckDbTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _interactions;
    private readonly string _customers;
    private readonly string _rates;
    private readonly string _parts;

    public CostCommandDuckDbTests()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 300 });
        DemoCommand.WriteTables(center, _dir.Path);
        _interactions = _dir.File("interactions.csv");
        _customers = _dir.File("customers.csv");
        _rates = _dir.File("rates.json");
        _parts = _dir.File("parts");
        Directory.CreateDirectory(_parts);
        var lines = File.ReadAllLines(_interactions);
        int half = lines.Length / 2;
        File.WriteAllLines(Path.Combine(_parts, "a.csv"), lines[..half]);
        File.WriteAllLines(Path.Combine(_parts, "b.csv"), [lines[0], .. lines[half..]]);
    }

    [Theory]
    [InlineData("channel", "json")]
    [InlineData("segment", "csv")]
    [InlineData("reason", "table")]
    [InlineData("customer", "csv")]
    public void Cost_DuckDbOverCsvParts_PrintsTheInMemoryOutput(string by, string format)
    {
        string[] common = ["--rates", _rates, "--customers", _customers, "--by", by, "--format", format];
        var memory = CliRun.Of(["cost", "--interactions", _interactions, .. common]);
        var duck = CliRun.Of(["cost", "--engine", "duckdb", "--interactions", _parts, .. common]);
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.ExitCode.Should().Be(0, duck.Error);
        memory.Out.Split('\n').Length.Should().BeGreaterThan(4, "the demo has several groups");
        duck.Out.Should().Be(memory.Out);
    }

    [Theory]
    [InlineData("--fcr-any-reason")]
    [InlineData("--fcr-same-channel")]
    public void Cost_DuckDbWithAnotherRepeatRule_PrintsTheInMemoryOutput(string rule)
    {
        string[] common = ["--rates", _rates, "--customers", _customers, "--by", "reason", "--fcr-window", "3d", rule, "--format", "json"];
        var memory = CliRun.Of(["cost", "--interactions", _interactions, .. common]);
        var duck = CliRun.Of(["cost", "--engine", "duckdb", "--interactions", _interactions, .. common]);
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.Out.Should().Be(memory.Out);
    }

    [Fact]
    public void Cost_DuckDbRatesWithoutAChannelInUse_Exit2NamingTheRatesFile()
    {
        string rates = _dir.File("phone-only.json");
        File.WriteAllText(rates, """{ "currency": "EUR", "channels": { "phone": { "loadedCostPerPaidHour": 30, "shrinkage": 0.25, "occupancy": 0.8 } } }""");
        var run = CliRun.Of("cost", "--engine", "duckdb", "--interactions", _parts, "--rates", rates);
        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Contain(rates).And.Contain("no rates for channel").And.NotContain("\n");
    }

    public void Dispose() => _dir.Dispose();
}
