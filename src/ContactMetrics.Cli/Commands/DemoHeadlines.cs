using ContactMetrics.Cli.Output;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The calculators' headlines in the demo, one partial file per area (DemoHeadlines.Retention.cs,
/// ...), each a library call on the simulated contact center. <see cref="AddAll"/> runs them in order.
/// </summary>
internal static partial class DemoHeadlines
{
    private static readonly List<Action<CommandOutput, SimulatedContactCenter>> Headlines = [];

    public static void AddAll(CommandOutput output, SimulatedContactCenter center)
    {
        foreach (var headline in Headlines)
        {
            headline(output, center);
        }
    }
}
