using System.IO.Compression;
using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>kpis --engine duckdb</c>: over a folder of CSV parts (one gzipped) it prints what the in-memory engine prints for
/// the concatenated file (the oracle); and its input errors exit 2 with one line.
/// </summary>
public sealed class KpisCommandDuckDbTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _interactions;
    private readonly string _customers;
    private readonly string _parts;

    public KpisCommandDuckDbTests()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 300 });
        DemoCommand.WriteTables(center, _dir.Path);
        _interactions = _dir.File("interactions.csv");
        _customers = _dir.File("customers.csv");
        _parts = _dir.File("parts");
        Directory.CreateDirectory(_parts);
        var lines = File.ReadAllLines(_interactions);
        int half = lines.Length / 2;
        File.WriteAllLines(Path.Combine(_parts, "2024.csv"), lines[..half]);
        using var gz = new GZipStream(File.Create(Path.Combine(_parts, "2025.csv.gz")), CompressionLevel.Fastest);
        using var writer = new StreamWriter(gz);
        foreach (string line in (string[])[lines[0], .. lines[half..]])
        {
            writer.WriteLine(line);
        }
    }

    [Theory]
    [InlineData("channel", "day")]
    [InlineData("agent,segment", "week")]
    [InlineData("reason", "month")]
    [InlineData("channel,queue", "1h")]
    public void Kpis_DuckDbOverCsvParts_PrintsTheInMemoryResultOfTheWholeFile(string by, string bucket)
    {
        string[] common = ["--customers", _customers, "--by", by, "--bucket", bucket, "--time-zone", "Europe/Amsterdam", "--format", "csv"];
        var memory = CliRun.Of(["kpis", "--interactions", _interactions, .. common]);
        var duck = CliRun.Of(["kpis", "--engine", "duckdb", "--interactions", _parts, .. common]);
        memory.ExitCode.Should().Be(0, memory.Error);
        duck.ExitCode.Should().Be(0, duck.Error);
        var expected = memory.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = duck.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        expected.Length.Should().BeGreaterThan(2, "the demo has several groups");
        // The same header and the same rows; the engines order groups differently (first appearance, key text).
        actual[0].Should().Be(expected[0]);
        actual.Skip(1).Order(StringComparer.Ordinal).Should().Equal(expected.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kpis_UnknownEngine_Exit2NamingTheOption()
    {
        var run = CliRun.Of("kpis", "--engine", "spark", "--interactions", _interactions);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--engine").And.Contain("spark").And.Contain("use memory, duckdb");
    }

    [Fact]
    public void Kpis_DuckDbWithSkipInvalid_Exit2()
    {
        var run = CliRun.Of("kpis", "--engine", "duckdb", "--skip-invalid", "--interactions", _parts);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--skip-invalid");
    }

    [Fact]
    public void Kpis_DuckDbMissingFolder_Exit2NamingThePath()
    {
        string missing = _dir.File("nowhere");
        var run = CliRun.Of("kpis", "--engine", "duckdb", "--interactions", missing);
        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Contain(missing).And.Contain("no such file or folder").And.NotContain("\n");
    }

    [Fact]
    public void Kpis_DuckDbBadInstant_Exit2NamingTheTableAndValue()
    {
        string bad = _dir.File("bad.csv");
        File.WriteAllText(bad, "interaction_id,channel,arrived_at,ended_at\nx,phone,not-a-time,2024-01-01T00:00:00Z\n");
        var run = CliRun.Of("kpis", "--engine", "duckdb", "--interactions", bad);
        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain("interactions (" + bad + ")").And.Contain("not-a-time");
    }

    [Fact]
    public void Kpis_DuckDbBlankArrivedAtWithABucket_Exit2NamingTheColumnAndTheRow()
    {
        string bad = _dir.File("blank.csv");
        File.WriteAllText(bad, "interaction_id,customer_id,channel,arrived_at,ended_at\nx1,c1,phone,,2024-01-01T00:05:00Z\n");
        var run = CliRun.Of("kpis", "--engine", "duckdb", "--interactions", bad, "--bucket", "day");
        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Trim().Should().Contain("interactions (" + bad + ")").And.Contain("'arrived_at' is blank").And.Contain("interaction_id 'x1'")
            .And.Contain("fill it").And.NotContain("\n");
    }

    [Theory]
    [InlineData(",2024-02-01T00:00:00Z,5,EUR", "'customer_id' is blank")]
    [InlineData("c1,2024-02-01T00:00:00Z,5,", "currency is blank in some rows and EUR in others")]
    public void Clv_DuckDbBlankCustomerIdOrCurrency_Exit2NamingTheTableAndTheColumn(string row, string expected)
    {
        string bad = _dir.File("purchases-blank.csv");
        File.WriteAllText(bad, $"customer_id,occurred_at,amount,currency\nc1,2024-01-01T00:00:00Z,10,EUR\n{row}\n");
        var run = CliRun.Of("clv", "fit", "--model", "bg-nbd", "--engine", "duckdb", "--purchases", bad, "--calibration-end", "2024-12-31");
        run.ExitCode.Should().Be(2, run.Error);
        run.Error.Should().Contain("purchases (" + bad + ")").And.Contain(expected);
    }

    public void Dispose() => _dir.Dispose();
}
