using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// Parses cell text, culture-invariant: instants as ISO-8601 with an offset, dates as yyyy-MM-dd,
/// numbers with <c>.</c> as the decimal separator, booleans as true/false. Surrounding blanks are
/// ignored for these; a failure gives the reason as a sentence fragment.
/// </summary>
internal static class CellText
{
    internal const string InstantExpected = "is not an ISO-8601 instant with a UTC offset (e.g. 2025-03-01T09:15:00Z or 2025-03-01T10:15:00+01:00)";

    // ISO-8601 extended with 'T', and the same with a space (as SQL engines print timestamps), each
    // with Z or an offset of +HH or +HH:mm, and up to nine fractional digits.
    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFFo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF"),
    ];

    /// <summary>The first instant a reader accepts (UTC): no contact-center record is older, and date arithmetic on the rest never leaves the calendar.</summary>
    internal static readonly Instant FirstInstant = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The end of the instants a reader accepts (UTC, exclusive).</summary>
    internal static readonly Instant EndInstant = Instant.FromUtc(2200, 1, 1, 0, 0);

    internal const string OutOfRange = "is outside the supported range 1900-01-01 to 2199-12-31 (UTC); check the year and the offset";

    /// <summary>The largest amount a reader accepts, in absolute value: sums of 10^13 such amounts still fit a decimal.</summary>
    internal const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>The longest duration in seconds a reader accepts (24 days); the KPI table keeps milliseconds in 32 bits (24.8 days).</summary>
    internal const decimal MaxSeconds = 24 * 86_400m;

    public static bool InRange(Instant value) => value >= FirstInstant && value < EndInstant;

    public static bool InRange(LocalDate value) => value.Year is >= 1900 and < 2200;

    internal const NumberStyles NumberStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
        | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Whether a cell counts as missing: empty, or only spaces, tabs and line breaks.</summary>
    public static bool IsBlank(ReadOnlySpan<char> text) => text.Trim(" \t\r\n").IsEmpty;

    public static bool TryParseInstant(string text, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        string trimmed = text.Trim();
        foreach (var pattern in InstantPatterns)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success)
            {
                return TryInstant(result.Value, out value, out reason);
            }
        }
        value = default;
        reason = TryParseLocal(trimmed, out _)
            ? "has no UTC offset: write it as 2025-03-01T09:15:00Z, or with its offset such as 2025-03-01T10:15:00+01:00"
            : InstantExpected;
        return false;
    }

    /// <summary>The instant of a parsed date, time and offset, within the supported range.</summary>
    public static bool TryInstant(OffsetDateTime parsed, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        // A local time near the calendar's ends can fall outside it once the offset is applied.
        var local = parsed.LocalDateTime;
        if (local.Year is <= 1 or >= 9999)
        {
            value = default;
            reason = OutOfRange;
            return false;
        }
        value = parsed.ToInstant();
        reason = InRange(value) ? null : OutOfRange;
        return reason is null;
    }

    /// <summary>An ISO-8601 date and time without an offset (a local time).</summary>
    public static bool TryParseLocal(string trimmed, out LocalDateTime value)
    {
        foreach (var pattern in LocalPatterns)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static bool TryParseDate(string text, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        value = result.Success ? result.Value : default;
        reason = !result.Success ? "is not a date in the form yyyy-MM-dd (e.g. 2025-03-01)" : InRange(value) ? null : OutOfRange;
        return reason is null;
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        if (decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value))
        {
            reason = null;
            return true;
        }
        reason = text.Contains(',')
            ? "is not a number: use '.' as the decimal separator and no thousands separators"
            : "is not a number";
        return false;
    }

    /// <summary>A finite double-precision number (round-trip text such as <c>30.428571428571427</c>).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value, [NotNullWhen(false)] out string? reason)
    {
        if (double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value))
        {
            reason = double.IsFinite(value) ? null : "is not a finite number";
            return reason is null;
        }
        reason = text.Contains(',')
            ? "is not a number: use '.' as the decimal separator and no thousands separators"
            : "is not a number";
        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value, [NotNullWhen(false)] out string? reason)
    {
        var t = text.Trim();
        reason = null;
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1"))
        {
            value = true;
            return true;
        }
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("0"))
        {
            value = false;
            return true;
        }
        value = false;
        reason = "is not a boolean: expected true or false";
        return false;
    }
}
