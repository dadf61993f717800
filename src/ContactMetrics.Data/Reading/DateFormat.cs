using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// A user's date and time pattern (<see cref="TableReadOptions.DateFormat"/>) as NodaTime patterns: one for instants
/// (with an offset, or local), and its date part for date columns.
/// </summary>
internal sealed class DateFormat
{
    private DateFormat(string text, OffsetDateTimePattern? withOffset, LocalDateTimePattern? local, LocalDatePattern? date)
    {
        Text = text;
        WithOffset = withOffset;
        Local = local;
        Date = date;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>The pattern when it has an offset field (<c>o&lt;...&gt;</c>); otherwise <see langword="null"/>.</summary>
    public OffsetDateTimePattern? WithOffset { get; }

    /// <summary>The pattern when it has no offset: it gives local times, read in the input time zone.</summary>
    public LocalDateTimePattern? Local { get; }

    /// <summary>The pattern's date part, for date columns; <see langword="null"/> when it has none usable.</summary>
    public LocalDatePattern? Date { get; }

    /// <exception cref="ArgumentException">The text is not a valid pattern.</exception>
    public static DateFormat Create(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        LocalDateTimePattern? local = null;
        OffsetDateTimePattern? withOffset = null;
        try
        {
            local = LocalDateTimePattern.CreateWithInvariantCulture(text);
        }
        catch (InvalidPatternException)
        {
            try
            {
                withOffset = OffsetDateTimePattern.CreateWithInvariantCulture(text);
            }
            catch (InvalidPatternException e)
            {
                throw new ArgumentException($"'{text}' is not a date and time pattern: {e.Message.TrimEnd('.')} (NodaTime pattern letters: dd/MM/yyyy HH:mm, with o<+HH:mm> for an offset)", nameof(text), e);
            }
        }
        if (!HasYear(text))
        {
            throw new ArgumentException($"'{text}' has no year field (yyyy or uuuu): every date needs its year", nameof(text));
        }
        return new DateFormat(text, withOffset, local, DatePart(text));
    }

    /// <summary>
    /// The date part of a pattern: the text before its first hour field, without the separators that led to the time
    /// (<c>dd/MM/yyyy HH:mm</c> gives <c>dd/MM/yyyy</c>, <c>yyyy-MM-dd'T'HH:mm</c> gives <c>yyyy-MM-dd</c>).
    /// </summary>
    private static LocalDatePattern? DatePart(string text)
    {
        int end = text.Length;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && (text[i] is 'H' or 'h'))
            {
                end = i;
                break;
            }
        }
        string part = text[..end].TrimEnd();
        if (part.EndsWith("'T'", StringComparison.Ordinal))
        {
            part = part[..^3];
        }
        part = part.TrimEnd(' ', ',', ';', '-', '/', '.');
        try
        {
            return part.Length == 0 ? null : LocalDatePattern.Create(part, CultureInfo.InvariantCulture);
        }
        catch (InvalidPatternException)
        {
            return null;
        }
    }

    private static bool HasYear(string text)
    {
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is 'y' or 'u')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses an instant's text with the pattern: an instant when the pattern has an offset, else a local time.</summary>
    public bool TryParse(string trimmed, out OffsetDateTime withOffset, out LocalDateTime local, out bool isLocal)
    {
        withOffset = default;
        local = default;
        isLocal = Local is not null;
        if (Local is not null)
        {
            var result = Local.Parse(trimmed);
            local = result.Success ? result.Value : default;
            return result.Success;
        }
        var offsetResult = WithOffset!.Parse(trimmed);
        withOffset = offsetResult.Success ? offsetResult.Value : default;
        return offsetResult.Success;
    }
}
