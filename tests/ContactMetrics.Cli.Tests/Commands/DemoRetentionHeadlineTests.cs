using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class DemoRetentionHeadlineTests
{
    [Fact]
    public void Demo_RetentionHeadline_RecoversPlantedHazardRatioAndValuesTheUplift()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "4000", "--seed", "11", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var r = JsonDocument.Parse(run.Out).RootElement.GetProperty("retentionUplift");
        double planted = r.GetProperty("plantedHazardRatio").GetDouble();
        planted.Should().Be(1.8, "docs/simulation.md: ChurnOptions.UnresolvedHazardRatio");
        r.GetProperty("unresolvedHazardRatioLower").GetDouble().Should().BeLessThanOrEqualTo(planted);
        r.GetProperty("unresolvedHazardRatioUpper").GetDouble().Should().BeGreaterThanOrEqualTo(planted);
        r.GetProperty("differenceLower").GetDouble().Should().BeGreaterThan(0, "resolved first contacts retain better");
        double kept = r.GetProperty("customersKept").GetDouble();
        kept.Should().BeApproximately(r.GetProperty("difference").GetDouble() * r.GetProperty("customersAffected").GetDouble(), 1e-6);
        r.GetProperty("value").GetProperty("amount").GetDouble()
            .Should().BeApproximately(kept * r.GetProperty("valuePerCustomer").GetProperty("amount").GetDouble(), 0.01);
    }

    [Fact]
    public void Demo_TinyCenter_RetentionHeadlineDoesNotFail()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "30", "--seed", "2");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("Retention: first contact resolved vs not");
    }
}
