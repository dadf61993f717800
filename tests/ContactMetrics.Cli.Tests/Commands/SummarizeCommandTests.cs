using ContactMetrics.Cli.Commands;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// <c>summarize</c>: DuckDB writes the same KPI counts, issues and RFM summary files as the in-memory engine (the oracle) for a
/// demo folder; the KPI counts add up to the folder's inbound contacts; a folder without interactions exits 2.
/// </summary>
public sealed class SummarizeCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly SimulatedContactCenter _center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 3, Customers = 300 });

    public SummarizeCommandTests() => DemoCommand.WriteTables(_center, _dir.File("lake"));

    private CliRun Summarize(string engine, string output) => CliRun.Of("summarize", "--engine", engine, "--data", _dir.File("lake"), "--out", _dir.File(output),
        "--by", "channel,segment", "--bucket", "week", "--time-zone", "Europe/Amsterdam", "--calibration-end", "2025-03-31", "--holdout-end", "2025-12-31");

    [Fact]
    public void Summarize_DuckDbAndMemory_WriteTheSameSummaries()
    {
        var duck = Summarize("duckdb", "duck");
        var memory = Summarize("memory", "memory");
        duck.ExitCode.Should().Be(0, duck.Error);
        memory.ExitCode.Should().Be(0, memory.Error);
        foreach (string file in new[] { "kpi_counts.csv", "issues.csv", "segment_inputs.csv", "rfm_summary.csv" })
        {
            var expected = File.ReadAllLines(Path.Combine(_dir.File("memory"), file));
            var actual = File.ReadAllLines(Path.Combine(_dir.File("duck"), file));
            expected.Length.Should().BeGreaterThan(file == "segment_inputs.csv" ? 2 : 10, $"the demo has many groups, customers and issues, and several segments ({file})");
            actual[0].Should().Be(expected[0], file);
            // The engines order rows differently (key text or customer id; first appearance in memory).
            actual.Skip(1).Order(StringComparer.Ordinal).Should().Equal(expected.Skip(1).Order(StringComparer.Ordinal), file);
        }
        duck.Out.Should().Contain("kpi_counts.csv").And.Contain("issues.csv").And.Contain("segment_inputs.csv").And.Contain("rfm_summary.csv");
    }

    [Fact]
    public void Summarize_KpiCounts_OfferedAddsUpToTheInboundContacts()
    {
        var run = Summarize("duckdb", "out");
        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(Path.Combine(_dir.File("out"), "kpi_counts.csv"));
        int offered = Array.IndexOf(lines[0].Split(','), "offered_contacts");
        offered.Should().BePositive();
        // Offered = inbound contacts on any channel (KpiCounts' populations), counted from the simulated records.
        lines.Skip(1).Sum(l => long.Parse(l.Split(',')[offered], System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(_center.Interactions.Count(i => i.Direction == Direction.Inbound));
    }

    [Fact]
    public void Summarize_FolderWithoutInteractions_Exit2()
    {
        Directory.CreateDirectory(_dir.File("empty"));
        var run = CliRun.Of("summarize", "--data", _dir.File("empty"), "--out", _dir.File("x"));
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("has no interactions");
    }

    [Fact]
    public void Summarize_HoldoutEndWithoutCalibrationEnd_Exit2()
    {
        var run = CliRun.Of("summarize", "--data", _dir.File("lake"), "--out", _dir.File("x"), "--holdout-end", "2025-12-31");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--holdout-end goes with --calibration-end");
    }

    public void Dispose() => _dir.Dispose();
}
