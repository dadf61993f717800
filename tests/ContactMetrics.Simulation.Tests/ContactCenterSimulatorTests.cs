using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// Tests of <see cref="ContactCenterSimulator"/>, split by theme into partial files: determinism,
/// consistency of the tables, the queue, sanity of the aggregates, and the planted effects.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed partial class ContactCenterSimulatorTests(SimulationFixture fixture)
{
    private SimulatedContactCenter Small => fixture.Small;

    private SimulatedContactCenter Large => fixture.Large;

    private SimulatedContactCenter NoEffects => fixture.NoEffects;

    [Fact]
    public void Generate_NullOptions_Throws()
    {
        var generate = () => ContactCenterSimulator.Generate(null!);

        generate.Should().Throw<ArgumentNullException>().WithParameterName("options");
    }

    [Fact]
    public void Generate_Tables_CannotBeChangedThroughACast()
    {
        (Small.Customers as ContactMetrics.Domain.Customer[]).Should().BeNull();
        (Small.Interactions as ContactMetrics.Domain.Interaction[]).Should().BeNull();
        (Small.Purchases as IList<ContactMetrics.Domain.Purchase>)!.IsReadOnly.Should().BeTrue();
    }
}
