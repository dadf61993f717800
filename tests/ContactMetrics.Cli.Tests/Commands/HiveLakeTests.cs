using ContactMetrics.Cli.Commands;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>
/// A hive-partitioned lake read through a <c>**</c> glob: the memory engine reads it as DuckDB does (#14 item 5), the
/// partition folders' values as columns, and both print what the memory engine prints for the whole file.
/// </summary>
public sealed class HiveLakeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Kpis_DoubleStarGlobOverHivePartitions_BothEnginesPrintTheWholeFilesKpis()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 300 });
        DemoCommand.WriteTables(center, _dir.Path);
        var lines = File.ReadAllLines(_dir.File("interactions.csv"));
        var header = lines[0].Split(',');
        int channel = Array.IndexOf(header, "channel"), arrived = Array.IndexOf(header, "arrived_at");
        // lake/channel=phone/year=2025/part-0.csv: the channel lives in the folder name only, as a hive export writes it.
        foreach (var part in lines.Skip(1).Select(l => l.Split(',')).GroupBy(c => (Channel: c[channel], Year: c[arrived][..4])))
        {
            string folder = Directory.CreateDirectory(_dir.File($"lake/channel={part.Key.Channel}/year={part.Key.Year}")).FullName;
            File.WriteAllLines(Path.Combine(folder, "part-0.csv"),
                [string.Join(',', header.Where((_, k) => k != channel)), .. part.Select(c => string.Join(',', c.Where((_, k) => k != channel)))]);
        }
        string[] common = ["--by", "channel", "--bucket", "month", "--format", "csv"];

        var whole = CliRun.Of(["kpis", "--interactions", _dir.File("interactions.csv"), .. common]);
        var memory = CliRun.Of(["kpis", "--interactions", _dir.File("lake/**/*.csv"), .. common]);
        var duck = CliRun.Of(["kpis", "--engine", "duckdb", "--interactions", _dir.File("lake/**/*.csv"), .. common]);

        Directory.GetDirectories(_dir.File("lake")).Should().HaveCountGreaterThan(1, "the demo has several channels");
        foreach (var run in new[] { whole, memory, duck })
        {
            run.ExitCode.Should().Be(0, run.Error);
        }
        // The same rows; the engines order groups differently (first appearance, key text).
        string[] Rows(CliRun run) => [.. run.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        Rows(memory).Should().Equal(Rows(whole)).And.HaveCountGreaterThan(3);
        Rows(duck).Should().Equal(Rows(whole));
    }
}
