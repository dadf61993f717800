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

    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
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
                value = result.Value.ToInstant();
                reason = null;
                return true;
            }
        }
        value = default;
        reason = LocalPatterns.Any(p => p.Parse(trimmed).Success)
            ? "has no UTC offset: write it as 2025-03-01T09:15:00Z, or with its offset such as 2025-03-01T10:15:00+01:00"
            : InstantExpected;
        return false;
    }

    public static bool TryParseDate(string text, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        value = result.Success ? result.Value : default;
        reason = result.Success ? null : "is not a date in the form yyyy-MM-dd (e.g. 2025-03-01)";
        return result.Success;
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
