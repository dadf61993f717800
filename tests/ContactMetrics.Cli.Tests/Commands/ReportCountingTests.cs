using ContactMetrics.Numerics;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>Tests that listen to the library's process-wide counters run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public class ReportCountingTests
{
    [Fact]
    public void Report_OneRun_BuildsTheInteractionTableOnceAndFitsEachClvModelOnce()
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "1500", "--seed", "4").ExitCode.Should().Be(0);
        using var counts = ContactMetricsCounts.Start();

        // The HTML page, every figure printed as JSON, the business cases: one analysis behind all of them.
        var run = CliRun.Of("report", "--data", dir.Path, "--time-zone", "Europe/Amsterdam", "--out", dir.File("r.html"), "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("\"businessCase\"").And.Contain("\"clv\"");
        counts.All.Should().Equal(new Dictionary<string, long>
        {
            [ContactMetricsTelemetry.InteractionTableBuilds] = 1,
            [ContactMetricsTelemetry.ModelFits + ":BG/NBD"] = 1,
            [ContactMetricsTelemetry.ModelFits + ":Gamma-Gamma"] = 1,
        });
    }
}
