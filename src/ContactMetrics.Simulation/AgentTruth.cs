using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// One simulated agent as the simulation planted them (see <see cref="AgentOptions"/>): team, skills, shift and
/// employment dates, from which tenure, attrition and the new hires' slower, less resolving work can be measured.
/// </summary>
public sealed class AgentTruth
{
    internal AgentTruth(AgentId agentId, string team, IReadOnlyList<Channel> channels, LocalTime shiftStart, LocalTime shiftEnd, LocalDate hiredOn, LocalDate? leftOn)
    {
        AgentId = agentId;
        Team = team;
        Channels = channels;
        ShiftStart = shiftStart;
        ShiftEnd = shiftEnd;
        HiredOn = hiredOn;
        LeftOn = leftOn;
    }

    /// <summary>The agent id of the interactions table.</summary>
    public AgentId AgentId { get; }

    /// <summary>The team: voice, digital or back office.</summary>
    public string Team { get; }

    /// <summary>The channels the agent is skilled in (the team's channels).</summary>
    public IReadOnlyList<Channel> Channels { get; }

    /// <summary>The local start of the agent's shift.</summary>
    public LocalTime ShiftStart { get; }

    /// <summary>The local end of the agent's shift (midnight for a shift to the end of the day).</summary>
    public LocalTime ShiftEnd { get; }

    /// <summary>The day of hire; before the period's start for the opening roster.</summary>
    public LocalDate HiredOn { get; }

    /// <summary>The agent's first day no longer employed, or <see langword="null"/> if still employed at the end.</summary>
    public LocalDate? LeftOn { get; }

    /// <summary>Tenure in days on a date (negative before the hire).</summary>
    /// <param name="date">The date.</param>
    /// <returns>Days since <see cref="HiredOn"/>.</returns>
    public int TenureDays(LocalDate date) => Period.DaysBetween(HiredOn, date);

    /// <summary>Whether the agent is employed on a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> from <see cref="HiredOn"/> until the day before <see cref="LeftOn"/>.</returns>
    public bool IsEmployedOn(LocalDate date) => date >= HiredOn && (LeftOn is not LocalDate left || date < left);

    /// <inheritdoc />
    public override string ToString() => $"agent {AgentId} ({Team}, {ShiftStart:HH:mm}-{ShiftEnd:HH:mm}, hired {HiredOn:yyyy-MM-dd})";
}
