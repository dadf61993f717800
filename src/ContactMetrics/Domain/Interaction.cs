using NodaTime;
using static ContactMetrics.Domain.RecordChecks;

namespace ContactMetrics.Domain;

/// <summary>
/// One contact between a customer and the service: a call, an email, a chat, a self-service session.
/// Immutable; the constructor rejects inconsistent timestamps, negative durations, out-of-range
/// scores and undefined channels with an <see cref="InvalidRecordException"/> that names the field,
/// the value and this interaction's id.
/// </summary>
/// <remarks>
/// Timestamps: <see cref="ArrivedAt"/> is when the contact entered the queue (or was started, for
/// outbound), <see cref="AnsweredAt"/> when an agent or bot took it (<see langword="null"/> if it
/// never was: abandoned, or still waiting when it ended), <see cref="EndedAt"/> when the customer
/// left. Handle-time components are separate durations because vendors add them up differently
/// (see the KPI definitions).
/// </remarks>
public sealed class Interaction
{
    private const string RecordType = "interaction";

    /// <summary>
    /// Creates an interaction from the .NET types at a database's or a notebook's boundary: <see cref="DateTimeOffset"/>
    /// for instants and <see cref="TimeSpan"/> for durations; otherwise as the constructor.
    /// </summary>
    /// <param name="id">The interaction's id.</param>
    /// <param name="customerId">The customer, or null when the contact could not be identified.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="arrivedAt">When the contact arrived.</param>
    /// <param name="endedAt">When it ended.</param>
    /// <param name="direction">Inbound (default) or outbound.</param>
    /// <param name="agentId">The agent who handled it, if any.</param>
    /// <param name="queue">The queue, if known.</param>
    /// <param name="reason">The contact reason, if known.</param>
    /// <param name="answeredAt">When it was answered; null when it never was.</param>
    /// <param name="talk">Talk time.</param>
    /// <param name="hold">Hold time.</param>
    /// <param name="afterCallWork">After-contact work time.</param>
    /// <param name="resolved">Whether it was marked resolved; null when unknown.</param>
    /// <param name="transfers">How many times it was transferred.</param>
    /// <param name="survey">The survey answers, if any.</param>
    /// <returns>The interaction.</returns>
    /// <exception cref="InvalidRecordException">A field is invalid, as for the constructor.</exception>
    public static Interaction Create(
        InteractionId id,
        CustomerId? customerId,
        Channel channel,
        DateTimeOffset arrivedAt,
        DateTimeOffset endedAt,
        Direction direction = Direction.Inbound,
        AgentId? agentId = null,
        string? queue = null,
        string? reason = null,
        DateTimeOffset? answeredAt = null,
        TimeSpan talk = default,
        TimeSpan hold = default,
        TimeSpan afterCallWork = default,
        bool? resolved = null,
        int transfers = 0,
        SurveyResponse? survey = null) =>
        new(id, customerId, channel, Instant.FromDateTimeOffset(arrivedAt), Instant.FromDateTimeOffset(endedAt), direction, agentId, queue, reason,
            answeredAt is DateTimeOffset a ? Instant.FromDateTimeOffset(a) : null, Duration.FromTimeSpan(talk), Duration.FromTimeSpan(hold),
            Duration.FromTimeSpan(afterCallWork), resolved, transfers, survey);

    /// <summary>Creates an interaction.</summary>
    /// <param name="id">The interaction's id.</param>
    /// <param name="customerId">The customer, or <see langword="null"/> when the contact could not be identified.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="arrivedAt">When the contact arrived (entered the queue).</param>
    /// <param name="endedAt">When the contact ended; not before <paramref name="arrivedAt"/> nor <paramref name="answeredAt"/>.</param>
    /// <param name="direction">Inbound (default) or outbound.</param>
    /// <param name="agentId">The agent who handled it, if any.</param>
    /// <param name="queue">The queue (skill, split) it arrived on, if known.</param>
    /// <param name="reason">The contact reason (disposition), if known.</param>
    /// <param name="answeredAt">When it was answered; <see langword="null"/> when it never was. Not before <paramref name="arrivedAt"/>.</param>
    /// <param name="talk">Talk (or active handling) time; zero when not answered.</param>
    /// <param name="hold">Hold time; zero when not answered.</param>
    /// <param name="afterCallWork">After-contact work (wrap-up) time.</param>
    /// <param name="resolved">Whether the agent or system marked the contact resolved; <see langword="null"/> when unknown.</param>
    /// <param name="transfers">How many times the contact was transferred; at least 0.</param>
    /// <param name="survey">The survey answers, if the customer answered one.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException">A field is invalid; the message names the field, the value and <paramref name="id"/>.</exception>
    public Interaction(
        InteractionId id,
        CustomerId? customerId,
        Channel channel,
        Instant arrivedAt,
        Instant endedAt,
        Direction direction = Direction.Inbound,
        AgentId? agentId = null,
        string? queue = null,
        string? reason = null,
        Instant? answeredAt = null,
        Duration talk = default,
        Duration hold = default,
        Duration afterCallWork = default,
        bool? resolved = null,
        int transfers = 0,
        SurveyResponse? survey = null)
    {
        if (id.Value.Length == 0)
        {
            throw new ArgumentException("An interaction needs an id (the default InteractionId is empty).", nameof(id));
        }
        string rid = id.Value;
        Id = id;
        if (customerId is { Value.Length: 0 })
        {
            throw new InvalidRecordException(RecordType, rid, "customer_id", "", "is the default (empty) id; pass null for an unidentified customer", nameof(customerId));
        }
        CustomerId = customerId;
        if (!Enum.IsDefined(channel))
        {
            throw new InvalidRecordException(RecordType, rid, "channel", ((int)channel).ToString(System.Globalization.CultureInfo.InvariantCulture), "is not a defined channel", nameof(channel));
        }
        Channel = channel;
        if (!Enum.IsDefined(direction))
        {
            throw new InvalidRecordException(RecordType, rid, "direction", ((int)direction).ToString(System.Globalization.CultureInfo.InvariantCulture), "is not a defined direction", nameof(direction));
        }
        Direction = direction;
        if (agentId is { Value.Length: 0 })
        {
            throw new InvalidRecordException(RecordType, rid, "agent_id", "", "is the default (empty) id; pass null when no agent handled it", nameof(agentId));
        }
        AgentId = agentId;
        Queue = Label(queue, RecordType, rid, "queue", nameof(queue));
        Reason = Label(reason, RecordType, rid, "reason", nameof(reason));

        ArrivedAt = arrivedAt;
        if (answeredAt is Instant answered && answered < arrivedAt)
        {
            throw new InvalidRecordException(RecordType, rid, "answered_at", Text(answered), $"is before arrived_at {Text(arrivedAt)}", nameof(answeredAt));
        }
        AnsweredAt = answeredAt;
        if (endedAt < arrivedAt)
        {
            throw new InvalidRecordException(RecordType, rid, "ended_at", Text(endedAt), $"is before arrived_at {Text(arrivedAt)}", nameof(endedAt));
        }
        if (answeredAt is Instant a && endedAt < a)
        {
            throw new InvalidRecordException(RecordType, rid, "ended_at", Text(endedAt), $"is before answered_at {Text(a)}", nameof(endedAt));
        }
        EndedAt = endedAt;

        Talk = NonNegative(talk, RecordType, rid, "talk_seconds", nameof(talk));
        Hold = NonNegative(hold, RecordType, rid, "hold_seconds", nameof(hold));
        AfterCallWork = NonNegative(afterCallWork, RecordType, rid, "acw_seconds", nameof(afterCallWork));
        if (answeredAt is null && talk > Duration.Zero)
        {
            throw new InvalidRecordException(RecordType, rid, "talk_seconds", Text(talk), "is positive but answered_at is missing: an unanswered contact has no talk time", nameof(talk));
        }
        if (answeredAt is null && hold > Duration.Zero)
        {
            throw new InvalidRecordException(RecordType, rid, "hold_seconds", Text(hold), "is positive but answered_at is missing: an unanswered contact has no hold time", nameof(hold));
        }
        Resolved = resolved;
        Transfers = NonNegative(transfers, RecordType, rid, "transfers", nameof(transfers));
        Survey = survey;
    }

    /// <summary>The interaction's id.</summary>
    public InteractionId Id { get; }

    /// <summary>The customer, or <see langword="null"/> when unidentified.</summary>
    public CustomerId? CustomerId { get; }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>Inbound or outbound.</summary>
    public Direction Direction { get; }

    /// <summary>The agent who handled the contact, if any.</summary>
    public AgentId? AgentId { get; }

    /// <summary>The queue (skill, split), if known.</summary>
    public string? Queue { get; }

    /// <summary>The contact reason, if known.</summary>
    public string? Reason { get; }

    /// <summary>When the contact arrived.</summary>
    public Instant ArrivedAt { get; }

    /// <summary>When the contact was answered, or <see langword="null"/> if it never was.</summary>
    public Instant? AnsweredAt { get; }

    /// <summary>When the contact ended.</summary>
    public Instant EndedAt { get; }

    /// <summary>Talk (active handling) time.</summary>
    public Duration Talk { get; }

    /// <summary>Hold time.</summary>
    public Duration Hold { get; }

    /// <summary>After-contact work (wrap-up) time.</summary>
    public Duration AfterCallWork { get; }

    /// <summary>Whether the contact was marked resolved; <see langword="null"/> when unknown.</summary>
    public bool? Resolved { get; }

    /// <summary>How many times the contact was transferred.</summary>
    public int Transfers { get; }

    /// <summary>The survey answers, if any.</summary>
    public SurveyResponse? Survey { get; }

    /// <summary>Whether the contact was answered.</summary>
    public bool IsAnswered => AnsweredAt.HasValue;

    /// <inheritdoc />
    public override string ToString() => $"{RecordType} {Id} ({Channel.ToSchemaName()}, {Text(ArrivedAt)})";
}
