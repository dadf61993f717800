using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// One hour of the simulated staffing plan of a queued channel: how many agents were on shift and
/// how many first contacts the plan expected (see <see cref="StaffingOptions"/>).
/// </summary>
public sealed class StaffingInterval
{
    internal StaffingInterval(Channel channel, Instant start, Instant end, int agents, double forecastContacts)
    {
        Channel = channel;
        Start = start;
        End = end;
        Agents = agents;
        ForecastContacts = forecastContacts;
    }

    /// <summary>The queued channel.</summary>
    public Channel Channel { get; }

    /// <summary>The start of the hour (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>The end of the hour (exclusive); the last interval ends at <see cref="SimulatedContactCenter.End"/>.</summary>
    public Instant End { get; }

    /// <summary>Agents on shift; each handles up to <see cref="ChannelOptions.Concurrency"/> contacts at once.</summary>
    public int Agents { get; }

    /// <summary>The expected number of first contacts (repeats excluded) arriving in the hour, as the plan forecast it.</summary>
    public double ForecastContacts { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Channel.ToSchemaName()} {Start}: {Agents} agents, {ForecastContacts.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} expected";
}
