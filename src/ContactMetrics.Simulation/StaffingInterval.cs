using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// One hour of the simulated staffing plan of a queued channel: how many agents were on shift and
/// how many first contacts the plan expected (see <see cref="StaffingOptions"/>).
/// </summary>
public sealed class StaffingInterval
{
    internal StaffingInterval(Channel channel, Instant start, Instant end, int agents, int requiredAgents, double forecastContacts)
    {
        Channel = channel;
        Start = start;
        End = end;
        Agents = agents;
        RequiredAgents = requiredAgents;
        ForecastContacts = forecastContacts;
    }

    /// <summary>The queued channel.</summary>
    public Channel Channel { get; }

    /// <summary>The start of the hour (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>The end of the hour (exclusive); the last interval ends at <see cref="SimulatedContactCenter.End"/>.</summary>
    public Instant End { get; }

    /// <summary>Agents on the queue; each handles up to <see cref="ChannelOptions.Concurrency"/> contacts at once.</summary>
    /// <remarks>The requirement times the day's planted factor, at most the team's agents on shift; 0 while the channel is closed.</remarks>
    public int Agents { get; }

    /// <summary>The Erlang A requirement of the hour (<see cref="StaffingOptions"/>), before the planted day deviation and the roster's limit.</summary>
    public int RequiredAgents { get; }

    /// <summary>The expected number of first contacts (repeats excluded) arriving in the hour, as the plan forecast it.</summary>
    public double ForecastContacts { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Channel.ToSchemaName()} {Start}: {Agents} agents ({RequiredAgents} required), {ForecastContacts.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} expected";
}
