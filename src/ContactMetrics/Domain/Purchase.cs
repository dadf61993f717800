using NodaTime;
using static ContactMetrics.Domain.RecordChecks;

namespace ContactMetrics.Domain;

/// <summary>A purchase by a customer: when, and how much.</summary>
public sealed class Purchase
{
    private const string RecordType = "purchase";

    /// <summary>Creates the record from a <see cref="DateTimeOffset"/> (the .NET type a database or a DataFrame gives), the instant it denotes.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened; its offset places it on the time line.</param>
    /// <param name="amount">As in the constructor taking an <see cref="Instant"/>.</param>
    public Purchase(CustomerId customerId, DateTimeOffset occurredAt, Money amount)
        : this(customerId, Instant.FromDateTimeOffset(occurredAt), amount)
    {
    }

    /// <summary>Creates a purchase.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When the purchase happened.</param>
    /// <param name="amount">The amount; at least 0 (net refunds upstream).</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException"><paramref name="amount"/> is negative.</exception>
    public Purchase(CustomerId customerId, Instant occurredAt, Money amount)
    {
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("A purchase needs a customer id (the default CustomerId is empty).", nameof(customerId));
        }
        CustomerId = customerId;
        OccurredAt = occurredAt;
        Amount = NonNegative(amount, RecordType, $"{customerId} at {Text(occurredAt)}", "amount", nameof(amount));
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When the purchase happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>The amount.</summary>
    public Money Amount { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RecordType} {CustomerId} at {Text(OccurredAt)}: {Amount}";
}
