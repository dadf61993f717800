using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_DefaultOptions_HundredThousandCustomersInSeconds()
    {
        // The demo size: 100,000 customers over two years (issue #13: a mid-size center). The bound is loose (shared CI
        // machines; about 5-15 s on the 2-core development machine); it catches accidental quadratic work.
        var center = fixture.Default;

        center.Customers.Should().HaveCount(100_000);
        // About 5.5 contacts per customer over the two years: first contacts at the segments' rates (0.8 x 3.2 +
        // 0.17 x 6.5 + 0.03 x 15 = 4.12 a year) on a base that grows from 30% to about 80% of the customers, plus repeats.
        center.Interactions.Count.Should().BeInRange(450_000, 700_000);
        fixture.DefaultElapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }
}
