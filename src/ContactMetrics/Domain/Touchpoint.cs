using NodaTime;
using static ContactMetrics.Domain.RecordChecks;

namespace ContactMetrics.Domain;

/// <summary>
/// A marketing (or service) touch on a customer's journey: an ad click, a newsletter, a service call.
/// The channel is free text (e.g. <c>paid_search</c>, <c>newsletter</c>, <c>service:phone</c>).
/// </summary>
public sealed class Touchpoint
{
    private const string RecordType = "touchpoint";

    /// <summary>Creates the record from a <see cref="DateTimeOffset"/> (the .NET type a database or a DataFrame gives), the instant it denotes.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened; its offset places it on the time line.</param>
    /// <param name="channel">As in the constructor taking an <see cref="Instant"/>.</param>
    public Touchpoint(CustomerId customerId, DateTimeOffset occurredAt, string channel)
        : this(customerId, Instant.FromDateTimeOffset(occurredAt), channel)
    {
    }

    /// <summary>Creates a touchpoint.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When the touch happened.</param>
    /// <param name="channel">The marketing channel's name; not blank, no surrounding white space.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException"><paramref name="channel"/> is missing or blank.</exception>
    public Touchpoint(CustomerId customerId, Instant occurredAt, string channel)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("A touchpoint needs a customer id (the default CustomerId is empty).", nameof(customerId));
        }
        CustomerId = customerId;
        OccurredAt = occurredAt;
        string rid = $"{customerId} at {Text(occurredAt)}";
        Channel = Label(channel, RecordType, rid, "channel", nameof(channel))
            ?? throw new InvalidRecordException(RecordType, rid, "channel", null, "is required", nameof(channel));
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When the touch happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>The channel's name.</summary>
    public string Channel { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RecordType} {CustomerId} at {Text(OccurredAt)}: {Channel}";
}
