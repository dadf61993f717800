using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Data.Reading;

/// <summary>A value the reader took in another form than the schema's, said once per column as a reading note.</summary>
internal enum Coercion
{
    None,

    /// <summary>Blanks around a value that is parsed (a number, an instant, a channel) were dropped.</summary>
    Trimmed,

    /// <summary>A local time without a UTC offset was read in the input time zone.</summary>
    LocalTime,

    /// <summary>A local time the clocks repeat when they go back was read as the earlier of its two instants.</summary>
    AmbiguousLocalTime,

    /// <summary>A number with a decimal comma.</summary>
    DecimalComma,

    /// <summary>A boolean spelled yes or no.</summary>
    YesNo,
}

/// <summary>
/// Parses CSV cell text as <see cref="TableReadOptions"/> say: ISO-8601 and invariant numbers (<see cref="CellText"/>),
/// plus the user's date format, input time zone and decimal comma; each parse says what it coerced.
/// </summary>
internal sealed class TextParsing
{
    private static readonly NumberFormatInfo CommaDecimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" };

    private readonly DateFormat? _format;
    private readonly bool _decimalComma;

    public TextParsing(TableReadOptions options)
    {
        _format = options.ParsedDateFormat;
        Zone = options.InputTimeZone;
        _decimalComma = options.DecimalComma;
    }

    /// <summary>ISO-8601, invariant numbers, no input time zone.</summary>
    public static TextParsing Iso { get; } = new(TableReadOptions.Default);

    /// <summary>The zone of local times; <see langword="null"/> when they are rejected.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>The note a coercion of <paramref name="count"/> values gives.</summary>
    public string Describe(Coercion coercion, long count) => coercion switch
    {
        Coercion.Trimmed => $"{count} value{S(count)} with blanks around {(count == 1 ? "it" : "them")}, read without the blanks",
        Coercion.LocalTime => $"{count} local time{S(count)} without a UTC offset, read as {Zone?.Id} time",
        Coercion.AmbiguousLocalTime => $"{count} local time{S(count)} that the clocks repeat when they go back in {Zone?.Id}, read as the earlier of the two instants",
        Coercion.DecimalComma => $"{count} number{S(count)} with a decimal comma",
        Coercion.YesNo => $"{count} value{S(count)} spelled yes or no, read as true or false",
        _ => throw new ArgumentOutOfRangeException(nameof(coercion), coercion, null),
    };

    private static string S(long count) => count == 1 ? "" : "s";

    public bool TryParseInstant(string text, out Instant value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
    {
        string trimmed = text.Trim();
        coercion = Coercion.None;
        if (_format is not null && _format.TryParse(trimmed, out var withOffset, out var local, out bool isLocal))
        {
            return isLocal ? TryMapLocal(local, out value, out reason, out coercion) : CellText.TryInstant(withOffset, out value, out reason);
        }
        if (CellText.TryParseInstant(trimmed, out value, out reason))
        {
            return true;
        }
        if (CellText.TryParseLocal(trimmed, out var isoLocal))
        {
            if (Zone is not null)
            {
                return TryMapLocal(isoLocal, out value, out reason, out coercion);
            }
            reason = NoOffset;
        }
        else if (_format is not null)
        {
            reason = $"matches neither the date format '{_format.Text}' nor ISO-8601 with a UTC offset (e.g. 2025-03-01T09:15:00Z)";
        }
        return false;
    }

    /// <summary>Why a local time without a UTC offset is rejected when no input time zone is given.</summary>
    private const string NoOffset = "has no UTC offset: write it as 2025-03-01T09:15:00Z, or with its offset such as 2025-03-01T10:15:00+01:00, or read the file with the time zone of its local times (--input-time-zone, TableReadOptions.InputTimeZone)";

    /// <summary>
    /// A local time in <see cref="Zone"/>: a skipped one (spring forward) is an error, a repeated one (fall back) the earlier
    /// instant; without a zone (a date format without an offset and no input time zone) the value is rejected, saying so.
    /// </summary>
    public bool TryMapLocal(LocalDateTime local, out Instant value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
    {
        value = default;
        coercion = Coercion.None;
        if (local.Year is <= 1 or >= 9999)
        {
            reason = CellText.OutOfRange;
            return false;
        }
        if (Zone is not { } zone)
        {
            reason = NoOffset;
            return false;
        }
        var mapping = zone.MapLocal(local);
        if (mapping.Count == 0)
        {
            reason = $"is a local time that does not exist in {zone.Id}: the clocks skip it when they go forward ({LocalDateTimePattern.ExtendedIso.Format(local)}); correct the time, or write it with its UTC offset";
            return false;
        }
        coercion = mapping.Count == 2 ? Coercion.AmbiguousLocalTime : Coercion.LocalTime;
        value = mapping.First().ToInstant();
        reason = CellText.InRange(value) ? null : CellText.OutOfRange;
        return reason is null;
    }

    public bool TryParseDate(string text, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        if (_format?.Date is { } pattern)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success)
            {
                value = result.Value;
                reason = CellText.InRange(value) ? null : CellText.OutOfRange;
                return reason is null;
            }
            if (!CellText.TryParseDate(text, out value, out reason))
            {
                // An ISO date beyond the supported range keeps that reason; anything else names both forms.
                reason = reason == CellText.OutOfRange ? reason : $"is not a date in the form {pattern.PatternText} (the date part of the date format) or yyyy-MM-dd";
                return false;
            }
            return true;
        }
        return CellText.TryParseDate(text, out value, out reason);
    }

    public bool TryParseDecimal(string? text, out decimal value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
    {
        coercion = Coercion.None;
        return _decimalComma ? TryParseCommaNumber(text, out value, out reason, out coercion) : CellText.TryParseDecimal(text, out value, out reason);
    }

    public bool TryParseDouble(string? text, out double value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
    {
        coercion = Coercion.None;
        if (!_decimalComma)
        {
            return CellText.TryParseDouble(text, out value, out reason);
        }
        if (!TryParseCommaNumber(text, out value, out reason, out coercion))
        {
            return false;
        }
        reason = double.IsFinite(value) ? null : "is not a finite number";
        return reason is null;
    }

    /// <summary>A number with a decimal comma; a point is refused, since it may be a thousands separator.</summary>
    private static bool TryParseCommaNumber<T>(string? text, out T value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
        where T : System.Numerics.INumberBase<T>
    {
        coercion = Coercion.None;
        value = T.Zero;
        if (text is not null && text.Contains('.', StringComparison.Ordinal))
        {
            reason = "is not a number with a decimal comma: a point is not allowed (it may be a thousands separator); write e.g. 1234,5";
            return false;
        }
        if (!T.TryParse(text, CellText.NumberStyle, CommaDecimal, out value!))
        {
            reason = "is not a number";
            return false;
        }
        coercion = text!.Contains(',', StringComparison.Ordinal) ? Coercion.DecimalComma : Coercion.None;
        reason = null;
        return true;
    }

    public static bool TryParseBoolean(string? text, out bool value, [NotNullWhen(false)] out string? reason, out Coercion coercion)
    {
        coercion = Coercion.None;
        if (CellText.TryParseBoolean(text, out value, out reason))
        {
            return true;
        }
        var t = text.AsSpan().Trim();
        if (t.Equals("yes", StringComparison.OrdinalIgnoreCase) || t.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            value = t.Equals("yes", StringComparison.OrdinalIgnoreCase);
            coercion = Coercion.YesNo;
            reason = null;
            return true;
        }
        reason = "is not a boolean: expected true or false (also 1 or 0, yes or no)";
        return false;
    }
}
