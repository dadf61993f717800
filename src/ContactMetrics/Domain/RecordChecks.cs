using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Domain;

/// <summary>Field checks shared by the record constructors; each throws <see cref="InvalidRecordException"/>.</summary>
internal static class RecordChecks
{
    internal static string Text(Instant value) => InstantPattern.ExtendedIso.Format(value);

    internal static string Text(LocalDate value) => LocalDatePattern.Iso.Format(value);

    internal static string Text(Duration value) => (value.TotalTicks / NodaConstants.TicksPerSecond).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " s";

    internal static Duration NonNegative(Duration value, string recordType, string recordId, string field, string paramName)
    {
        if (value < Duration.Zero)
        {
            throw new InvalidRecordException(recordType, recordId, field, Text(value), "is negative: a duration must be at least 0", paramName);
        }
        return value;
    }

    internal static int NonNegative(int value, string recordType, string recordId, string field, string paramName)
    {
        if (value < 0)
        {
            throw new InvalidRecordException(recordType, recordId, field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "is negative: must be at least 0", paramName);
        }
        return value;
    }

    internal static Money NonNegative(Money value, string recordType, string recordId, string field, string paramName)
    {
        if (value.Amount < 0m)
        {
            throw new InvalidRecordException(recordType, recordId, field, value.ToString(), "is negative: must be at least 0 (net refunds upstream)", paramName);
        }
        return value;
    }

    internal static string? Label(string? value, string recordType, string recordId, string field, string paramName)
    {
        if (value is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(value) || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new InvalidRecordException(recordType, recordId, field, value, "must not be blank or have surrounding white space (use null for missing)", paramName);
        }
        return value;
    }
}
