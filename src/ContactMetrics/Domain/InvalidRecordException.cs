namespace ContactMetrics.Domain;

/// <summary>
/// A record (interaction, customer, purchase, ...) was rejected because one of its fields is invalid.
/// The exception names the record type, the record's id, the field (as its column name in the
/// table schemas of the design, e.g. <c>ended_at</c>) and the offending value, so that a reader can
/// point at the file, line and column.
/// </summary>
/// <remarks>
/// <see cref="ArgumentException.ParamName"/> is the constructor parameter that was rejected.
/// </remarks>
public sealed class InvalidRecordException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="recordType">The kind of record, e.g. <c>interaction</c>.</param>
    /// <param name="recordId">The record's id, or a description that identifies it when it has none.</param>
    /// <param name="field">The field's column name in the table schema, e.g. <c>ended_at</c>.</param>
    /// <param name="value">The offending value as text.</param>
    /// <param name="reason">Why the value is invalid, as a sentence fragment ("is before arrived_at 2025-03-01T09:00:00Z").</param>
    /// <param name="paramName">The constructor parameter that was rejected.</param>
    public InvalidRecordException(string recordType, string recordId, string field, string? value, string reason, string paramName)
        : base($"{recordType} '{recordId}': {field} {(value is null ? "(missing)" : $"'{value}'")} {reason}.", paramName)
    {
        RecordType = recordType;
        RecordId = recordId;
        Field = field;
        Value = value;
        Reason = reason;
    }

    /// <summary>The kind of record, e.g. <c>interaction</c>.</summary>
    public string RecordType { get; }

    /// <summary>The id of the rejected record, or a description that identifies it when it has no id.</summary>
    public string RecordId { get; }

    /// <summary>The field's column name in the table schema, e.g. <c>ended_at</c>.</summary>
    public string Field { get; }

    /// <summary>The offending value as text; <see langword="null"/> when the value was missing.</summary>
    public string? Value { get; }

    /// <summary>Why the value is invalid.</summary>
    public string Reason { get; }
}
