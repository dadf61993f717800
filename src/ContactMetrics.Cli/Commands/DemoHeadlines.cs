using ContactMetrics.Cli.Output;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The calculators' headlines in the demo, one partial file per area (DemoHeadlines.Retention.cs
/// implements <c>Retention</c>, and so on), each a library call on the simulated contact center. An
/// area whose file is absent adds nothing.
/// </summary>
internal static partial class DemoHeadlines
{
    public static void AddAll(CommandOutput output, SimulatedContactCenter center)
    {
        // The CLV and retention headlines value customers with the same fits; fit once.
        var clvFits = FitClv(center);
        Clv(output, center, clvFits);
        Retention(output, center, clvFits);
        CostToServe(output, center);
        Attribution(output, center);
        BusinessCase(output, center);
    }

    static partial void Clv(CommandOutput output, SimulatedContactCenter center, ClvFits? fits);

    static partial void Retention(CommandOutput output, SimulatedContactCenter center, ClvFits? fits);

    static partial void CostToServe(CommandOutput output, SimulatedContactCenter center);

    static partial void Attribution(CommandOutput output, SimulatedContactCenter center);

    static partial void BusinessCase(CommandOutput output, SimulatedContactCenter center);
}
