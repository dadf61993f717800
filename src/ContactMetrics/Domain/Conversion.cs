using NodaTime;
using static ContactMetrics.Domain.RecordChecks;

namespace ContactMetrics.Domain;

/// <summary>A conversion (a sale, a sign-up, an upgrade) that attribution credits to the touches before it.</summary>
public sealed class Conversion
{
    private const string RecordType = "conversion";

    /// <summary>Creates the record from a <see cref="DateTimeOffset"/> (the .NET type a database or a DataFrame gives), the instant it denotes.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened; its offset places it on the time line.</param>
    /// <param name="value">As in the constructor taking an <see cref="Instant"/>.</param>
    public Conversion(CustomerId customerId, DateTimeOffset occurredAt, Money value)
        : this(customerId, Instant.FromDateTimeOffset(occurredAt), value)
    {
    }

    /// <summary>Creates a conversion.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When the conversion happened.</param>
    /// <param name="value">The conversion's value; at least 0.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException"><paramref name="value"/> is negative.</exception>
    public Conversion(CustomerId customerId, Instant occurredAt, Money value)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("A conversion needs a customer id (the default CustomerId is empty).", nameof(customerId));
        }
        CustomerId = customerId;
        OccurredAt = occurredAt;
        Value = NonNegative(value, RecordType, $"{customerId} at {Text(occurredAt)}", "value", nameof(value));
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When the conversion happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>The conversion's value.</summary>
    public Money Value { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RecordType} {CustomerId} at {Text(OccurredAt)}: {Value}";
}
