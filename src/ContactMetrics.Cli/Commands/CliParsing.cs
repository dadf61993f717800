using System.Globalization;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>Parsers for option values: durations like <c>20s</c>, <c>5m</c>, <c>7d</c>; time zones; lists.</summary>
internal static class CliParsing
{
    /// <summary>Parses <c>20s</c>, <c>1.5m</c>, <c>2h</c>, <c>7d</c>, <c>500ms</c>, or a plain number of seconds.</summary>
    public static Duration ParseDuration(string option, string text)
    {
        string t = text.Trim().ToLowerInvariant();
        (string number, double unitSeconds) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith('s') => (t[..^1], 1),
            _ when t.EndsWith('m') => (t[..^1], 60),
            _ when t.EndsWith('h') => (t[..^1], 3600),
            _ when t.EndsWith('d') => (t[..^1], 86400),
            _ => (t, 1),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
        {
            throw new CliInputException($"{option}: '{text}' is not a duration; use e.g. 20s, 5m, 1h, 7d or a number of seconds.");
        }
        return Duration.FromSeconds(value * unitSeconds);
    }

    public static DateTimeZone ParseTimeZone(string option, string text)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
        return zone ?? throw new CliInputException($"{option}: unknown time zone '{text}'; use an IANA name such as Europe/Amsterdam or UTC.");
    }

    public static IReadOnlyList<string> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static double ParseLevel(string option, double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new CliInputException($"{option}: a confidence level must be between 0 and 1 (e.g. 0.95); was {level.ToString(CultureInfo.InvariantCulture)}.");
        }
        return level;
    }
}
