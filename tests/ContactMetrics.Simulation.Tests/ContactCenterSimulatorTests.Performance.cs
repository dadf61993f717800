using System.Diagnostics;
using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_DefaultOptions_TwentyThousandCustomersInSeconds()
    {
        // The demo size: 20,000 customers over two years. The bound is loose (shared CI machines);
        // it catches accidental quadratic work, not small regressions.
        var watch = Stopwatch.StartNew();
        var center = ContactCenterSimulator.Generate(new SimulationOptions());
        watch.Stop();

        center.Customers.Should().HaveCount(20_000);
        center.Interactions.Count.Should().BeInRange(60_000, 120_000);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }
}
