using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Schemas;

/// <summary><c>touchpoints</c>: customer_id, occurred_at and channel (free text), all required.</summary>
internal sealed class TouchpointsTable : Table<Touchpoint>
{
    private static readonly TextColumn<Touchpoint> CustomerId = new("customer_id", r => r.CustomerId.Value, required: true);
    private static readonly InstantColumn<Touchpoint> OccurredAt = new("occurred_at", r => r.OccurredAt, required: true);
    private static readonly TextColumn<Touchpoint> Channel = new("channel", r => r.Channel, required: true);

    private TouchpointsTable()
        : base("touchpoints", CustomerId, OccurredAt, Channel)
    {
    }

    public static TouchpointsTable Instance { get; } = new();

    public override Touchpoint Read(RowContext row)
    {
        var customerId = row.Id(CustomerId, static s => new CustomerId(s));
        row.RecordId = customerId.Value;
        var occurredAt = row.Instant(OccurredAt);
        string channel = row.RequiredText(Channel);
        return new Touchpoint(customerId, occurredAt, channel);
    }
}
