using NodaTime;
using static ContactMetrics.Domain.RecordChecks;

namespace ContactMetrics.Domain;

/// <summary>
/// A customer: when they were acquired, when (if) they churned, and the segment they belong to.
/// </summary>
public sealed class Customer
{
    private const string RecordType = "customer";

    /// <summary>Creates a customer from <see cref="DateOnly"/> dates (the .NET type a database or a DataFrame gives).</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="acquiredOn">The day the customer was acquired.</param>
    /// <param name="churnedOn">The day the customer left, or null while a customer.</param>
    /// <param name="segment">The segment, if any.</param>
    /// <returns>The customer, as the constructor taking <see cref="LocalDate"/>s makes it.</returns>
    public static Customer Create(CustomerId id, DateOnly acquiredOn, DateOnly? churnedOn = null, string? segment = null) =>
        new(id, LocalDate.FromDateOnly(acquiredOn), churnedOn is DateOnly c ? LocalDate.FromDateOnly(c) : null, segment);

    /// <summary>Creates a customer.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="acquiredOn">The day the customer was acquired.</param>
    /// <param name="churnedOn">The day the customer churned, or <see langword="null"/> while still a customer; not before <paramref name="acquiredOn"/>.</param>
    /// <param name="segment">The segment, if any (e.g. <c>consumer</c>, <c>smb</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default (empty) id.</exception>
    /// <exception cref="InvalidRecordException">A field is invalid; the message names the field, the value and <paramref name="id"/>.</exception>
    public Customer(CustomerId id, LocalDate acquiredOn, LocalDate? churnedOn = null, string? segment = null)
    {
        if (id.Value.Length == 0)
        {
            throw new ArgumentException("A customer needs an id (the default CustomerId is empty).", nameof(id));
        }
        Id = id;
        if (acquiredOn.Calendar != CalendarSystem.Iso)
        {
            throw new InvalidRecordException(RecordType, id.Value, "acquired_on", Text(acquiredOn), "is not in the ISO calendar", nameof(acquiredOn));
        }
        AcquiredOn = acquiredOn;
        if (churnedOn is LocalDate churned && (churned.Calendar != CalendarSystem.Iso || churned < acquiredOn))
        {
            throw new InvalidRecordException(RecordType, id.Value, "churned_on", Text(churned), $"is before acquired_on {Text(acquiredOn)}", nameof(churnedOn));
        }
        ChurnedOn = churnedOn;
        Segment = Label(segment, RecordType, id.Value, "segment", nameof(segment));
    }

    /// <summary>The customer's id.</summary>
    public CustomerId Id { get; }

    /// <summary>The day the customer was acquired.</summary>
    public LocalDate AcquiredOn { get; }

    /// <summary>The day the customer churned, or <see langword="null"/> while still a customer.</summary>
    public LocalDate? ChurnedOn { get; }

    /// <summary>The segment, if any.</summary>
    public string? Segment { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RecordType} {Id}";
}
