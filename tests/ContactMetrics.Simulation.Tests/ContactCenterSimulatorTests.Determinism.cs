using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    private static readonly SimulationOptions Tiny = new() { Seed = 5, Customers = 600, DurationDays = 365 };

    [Fact]
    public void Generate_SameSeed_IdenticalTables()
    {
        var first = ContactCenterSimulator.Generate(Tiny);
        var second = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 600, DurationDays = 365 });

        SimulationTables.Fingerprint(second).Should().Be(SimulationTables.Fingerprint(first));
        second.Interactions.Count.Should().Be(first.Interactions.Count);
    }

    [Fact]
    public void Generate_PresetWithCampaignAndSelfService_SameSeedIdenticalTables()
    {
        // The campaign's draws follow the order of dialling, which the event order fixes: still bit for bit.
        var options = SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 5, Customers = 2_000, DurationDays = 120 };
        var first = ContactCenterSimulator.Generate(options);
        var second = ContactCenterSimulator.Generate(options with { });

        first.Interactions.Should().Contain(i => i.Direction == ContactMetrics.Domain.Direction.Outbound);
        SimulationTables.Fingerprint(second).Should().Be(SimulationTables.Fingerprint(first));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentTables()
    {
        var first = ContactCenterSimulator.Generate(Tiny);
        var other = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 6, Customers = 600, DurationDays = 365 });

        SimulationTables.Fingerprint(other).Should().NotBe(SimulationTables.Fingerprint(first));
        other.Purchases.Select(p => p.OccurredAt).Should().NotEqual(first.Purchases.Select(p => p.OccurredAt));
    }

    [Fact]
    public void Generate_OnlyStaffingChanged_PurchasesAndCustomersUnchanged()
    {
        // Each customer has its own streams: staffing moves waits and abandonment, and so the
        // contacts and (through unresolved contacts) churn, but without churn it cannot touch purchases.
        var baseline = new SimulationOptions { Seed = 9, Customers = 4_000, DurationDays = 90, Churn = ChurnOptions.None };
        var overstaffed = new SimulationOptions { Seed = 9, Customers = 4_000, DurationDays = 90, Churn = ChurnOptions.None, Staffing = new StaffingOptions { ServiceLevel = 0.98 } };

        var a = ContactCenterSimulator.Generate(baseline);
        var b = ContactCenterSimulator.Generate(overstaffed);

        b.Purchases.Select(p => p.ToString()).Should().Equal(a.Purchases.Select(p => p.ToString()));
        b.Customers.Select(c => (c.Id, c.AcquiredOn, c.Segment)).Should().Equal(a.Customers.Select(c => (c.Id, c.AcquiredOn, c.Segment)));
        b.Touchpoints.Count.Should().Be(a.Touchpoints.Count);
        b.StaffingPlan.Sum(s => s.Agents).Should().BeGreaterThan(a.StaffingPlan.Sum(s => s.Agents));
        b.Interactions.Count(i => !i.IsAnswered).Should().BeLessThan(a.Interactions.Count(i => !i.IsAnswered));
    }

    [Fact]
    public void Stream_SmallBatches_SameTablesAsGenerate()
    {
        // Streaming draws each customer's purchases, touchpoints and conversions in batches and merges the sorted runs from
        // files: with 97 customers a batch (21 runs a table) every row, the truths and the control run equal the in-memory tables.
        var options = SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 5, Customers = 2_000, DurationDays = 120 };
        var center = ContactCenterSimulator.Generate(options);
        using var folder = new TempFolder();

        string streamed;
        using (var world = ContactCenterSimulator.Stream(options, folder.Path, batchCustomers: 97))
        {
            world.InteractionCount.Should().Be(center.Interactions.Count);
            world.AgentTruths.Select(a => a.ToString()).Should().Equal(center.AgentTruths.Select(a => a.ToString()));
            Directory.GetFiles(folder.Path, "purchases-*.bin", SearchOption.AllDirectories).Should().HaveCount(21);
            streamed = SimulationTables.Fingerprint(world);
            SimulationTables.Fingerprint(world).Should().Be(streamed, "each read merges the runs again");
        }

        streamed.Should().Be(SimulationTables.Fingerprint(center));
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty("disposing deletes the work files");
    }

    [Fact]
    public void Stream_AfterDispose_Throws()
    {
        using var folder = new TempFolder();
        var world = ContactCenterSimulator.Stream(Tiny, folder.Path);
        world.Dispose();

        var read = () => world.Interactions.First();

        read.Should().Throw<ObjectDisposedException>();
    }

    /// <summary>A fresh folder under the temporary path, deleted with what is in it.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cm-stream-").FullName;

        public void Dispose() => Directory.Delete(Path, true);
    }
}
