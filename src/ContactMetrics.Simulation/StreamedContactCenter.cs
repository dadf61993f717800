using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The tables of one simulated contact center as streams, for worlds too large to hold (a million customers): each table
/// is made row by row as it is read, in the order and with the values of <see cref="SimulatedContactCenter"/>'s table of
/// the same options. From <see cref="ContactCenterSimulator.Stream(SimulationOptions, string)"/>; dispose it to delete its
/// work files.
/// </summary>
/// <example>
/// <code>
/// using var world = ContactCenterSimulator.Stream(new SimulationOptions { Customers = 1_000_000 }, "out");
/// Tables.WriteInteractions("out/interactions.csv", world.Interactions);
/// </code>
/// </example>
public sealed class StreamedContactCenter : IDisposable
{
    private readonly ContactCenterSimulator.SimulationRun _run;

    internal StreamedContactCenter(ContactCenterSimulator.SimulationRun run)
    {
        _run = run;
        StaffingPlan = Array.AsReadOnly(run.StaffingPlan());
        AgentTruths = Array.AsReadOnly(run.AgentTruths());
        InteractionCount = run.InteractionCount;
    }

    /// <summary>The options of the run: the planted truth.</summary>
    public SimulationOptions Options => _run.Options;

    /// <summary>The start of the period (see <see cref="SimulatedContactCenter.Start"/>).</summary>
    public Instant Start => Options.StartInstant;

    /// <summary>The end of the period, exclusive (see <see cref="SimulatedContactCenter.End"/>).</summary>
    public Instant End => Options.EndInstant;

    /// <summary>The customers, ordered by id (see <see cref="SimulatedContactCenter.Customers"/>).</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Customer> Customers => _run.Customers();

    /// <summary>The interactions in order of arrival (see <see cref="SimulatedContactCenter.Interactions"/>).</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Interaction> Interactions => _run.Interactions();

    /// <summary>The number of rows of <see cref="Interactions"/>.</summary>
    public int InteractionCount { get; }

    /// <summary>The purchases, in time order (see <see cref="SimulatedContactCenter.Purchases"/>).</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Purchase> Purchases => _run.Purchases();

    /// <summary>The marketing touchpoints, in time order.</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Touchpoint> Touchpoints => _run.Touchpoints();

    /// <summary>The conversions, in time order.</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Conversion> Conversions => _run.Conversions(control: false);

    /// <summary>The conversions of the control run (see <see cref="SimulatedContactCenter.ControlConversions"/>), in time order.</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<Conversion> ControlConversions => _run.Conversions(control: true);

    /// <summary>The hourly staffing plan of every queued channel, by channel then time.</summary>
    public IReadOnlyList<StaffingInterval> StaffingPlan { get; }

    /// <summary>The latent values of each customer, in the order of <see cref="Customers"/>.</summary>
    /// <exception cref="ObjectDisposedException">Read after <see cref="Dispose"/>.</exception>
    public IEnumerable<CustomerTruth> CustomerTruths => _run.CustomerTruths();

    /// <summary>Every agent employed in the period, in the order of their ids.</summary>
    public IReadOnlyList<AgentTruth> AgentTruths { get; }

    /// <summary>Deletes the work files; the streams cannot be read after.</summary>
    public void Dispose() => _run.Dispose();
}
