using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Schemas;

/// <summary>
/// <c>interactions</c>: required columns interaction_id, channel, arrived_at, ended_at; the others
/// are optional. An absent or empty direction is inbound; absent or empty durations and transfers
/// are 0; an empty answered_at means not answered; csat, nps, ces and recommended all empty means no survey.
/// </summary>
internal sealed class InteractionsTable : Table<Interaction>
{
    private static readonly TextColumn<Interaction> Id = new("interaction_id", r => r.Id.Value, required: true);
    private static readonly TextColumn<Interaction> CustomerId = new("customer_id", r => r.CustomerId?.Value);
    private static readonly TextColumn<Interaction> AgentId = new("agent_id", r => r.AgentId?.Value);
    private static readonly TextColumn<Interaction> Channel = new("channel", r => r.Channel.ToSchemaName(), required: true);
    private static readonly TextColumn<Interaction> Direction = new("direction", r => r.Direction.ToSchemaName());
    private static readonly TextColumn<Interaction> Queue = new("queue", r => r.Queue);
    private static readonly TextColumn<Interaction> Reason = new("reason", r => r.Reason);
    private static readonly InstantColumn<Interaction> ArrivedAt = new("arrived_at", r => r.ArrivedAt, required: true);
    private static readonly InstantColumn<Interaction> AnsweredAt = new("answered_at", r => r.AnsweredAt);
    private static readonly InstantColumn<Interaction> EndedAt = new("ended_at", r => r.EndedAt, required: true);
    private static readonly DecimalColumn<Interaction> TalkSeconds = Seconds("talk_seconds", r => r.Talk);
    private static readonly DecimalColumn<Interaction> HoldSeconds = Seconds("hold_seconds", r => r.Hold);
    private static readonly DecimalColumn<Interaction> AcwSeconds = Seconds("acw_seconds", r => r.AfterCallWork);
    private static readonly BooleanColumn<Interaction> Resolved = new("resolved", r => r.Resolved);
    private static readonly IntegerColumn<Interaction> Transfers = new("transfers", r => r.Transfers);
    private static readonly IntegerColumn<Interaction> Csat = new("csat", r => r.Survey?.Csat);
    private static readonly IntegerColumn<Interaction> Nps = new("nps", r => r.Survey?.Nps);
    private static readonly IntegerColumn<Interaction> Ces = new("ces", r => r.Survey?.Ces);
    private static readonly BooleanColumn<Interaction> Recommended = new("recommended", r => r.Survey?.Recommended);

    private InteractionsTable()
        : base("interactions", Id, CustomerId, AgentId, Channel, Direction, Queue, Reason, ArrivedAt, AnsweredAt, EndedAt,
            TalkSeconds, HoldSeconds, AcwSeconds, Resolved, Transfers, Csat, Nps, Ces, Recommended)
    {
    }

    public static InteractionsTable Instance { get; } = new();

    public override Interaction Read(RowContext row)
    {
        var id = row.Id(Id, static s => new InteractionId(s));
        row.RecordId = id.Value;
        var customerId = row.OptionalId(CustomerId, static s => new CustomerId(s));
        var agentId = row.OptionalId(AgentId, static s => new AgentId(s));
        var channel = row.Channel(Channel);
        var direction = row.Direction(Direction);
        string? queue = row.Text(Queue);
        string? reason = row.Text(Reason);
        var arrivedAt = row.Instant(ArrivedAt);
        var answeredAt = row.OptionalInstant(AnsweredAt);
        var endedAt = row.Instant(EndedAt);
        var talk = row.Seconds(TalkSeconds);
        var hold = row.Seconds(HoldSeconds);
        var acw = row.Seconds(AcwSeconds);
        bool? resolved = row.Boolean(Resolved);
        int transfers = row.Integer(Transfers) ?? 0;
        int? csat = row.Integer(Csat);
        int? nps = row.Integer(Nps);
        int? ces = row.Integer(Ces);
        bool? recommended = row.Boolean(Recommended);
        var survey = csat is null && nps is null && ces is null && recommended is null ? null : SurveyResponse.Create(csat, nps, ces, recommended, id.Value);
        return new Interaction(id, customerId, channel, arrivedAt, endedAt, direction, agentId, queue, reason, answeredAt,
            talk, hold, acw, resolved, transfers, survey);
    }

    public override (string Key, Column Column, string What)? UniqueKey(Interaction record) => (record.Id.Value, Id, "interaction_id");


    private static DecimalColumn<Interaction> Seconds(string name, Func<Interaction, Duration> value)
        => new(name, ColumnKind.Seconds, precision: 18, r => SecondsOf(value(r)));

    private static decimal SecondsOf(Duration duration) => (decimal)duration.ToBigIntegerNanoseconds() / 1_000_000_000m;
}
