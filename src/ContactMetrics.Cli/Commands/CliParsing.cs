using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Cli.Commands;

/// <summary>Parsers for option values: durations like <c>20s</c>, <c>5m</c>, <c>7d</c>; time zones; lists.</summary>
internal static class CliParsing
{
    /// <summary>
    /// Parses <c>20s</c>, <c>1.5m</c>, <c>2h</c>, <c>7d</c>, <c>500ms</c>. A duration always carries a unit (DESIGN.md): a bare
    /// number other than 0 is an error that names the option, the value and the fix (<c>365</c> was read as seconds
    /// before, so <c>--horizon 365</c> meant six minutes).
    /// </summary>
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
            _ => (t, 0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
        {
            throw new CliInputException($"{option}: '{text}' is not a duration; use e.g. 20s, 5m, 1h or 7d.");
        }
        if (unitSeconds == 0 && value != 0)
        {
            throw new CliInputException($"{option}: '{text}' has no unit; write e.g. {number}d for days ({number}s, {number}m, {number}h and {number}ms also work).");
        }
        return Duration.FromSeconds(value * unitSeconds);
    }

    /// <summary>A duration as <see cref="ParseDuration"/> reads it, which must be more than zero.</summary>
    public static Duration ParsePositiveDuration(string option, string text)
    {
        var d = ParseDuration(option, text);
        return d > Duration.Zero ? d : throw new CliInputException($"{option} must be positive; was '{text}'.");
    }

    public static LocalDate ParseDate(string option, string text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new CliInputException($"{option}: '{text}' is not a date (yyyy-MM-dd).");
    }

    public static Domain.Currency ParseCurrency(string option, string? code) =>
        Domain.Currency.TryParse(code, out var currency) ? currency : throw new CliInputException($"{option}: '{code}' is not an ISO 4217 code such as EUR.");

    public static DateTimeZone ParseTimeZone(string option, string text)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
        return zone ?? throw new CliInputException($"{option}: unknown time zone '{text}'; use an IANA name such as Europe/Amsterdam or UTC.");
    }

    /// <summary>Whether the user gave <paramref name="option"/> (not its default).</summary>
    public static bool Given(System.CommandLine.ParseResult parse, System.CommandLine.Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The value named <paramref name="text"/> (case as the names' comparer says); otherwise an error naming the option and every name.</summary>
    public static T ParseName<T>(string option, string text, IReadOnlyDictionary<string, T> names, string what) =>
        names.TryGetValue(text, out var value) ? value : throw new CliInputException($"{option}: unknown {what} '{text}'; use {string.Join(", ", names.Keys)}.");

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
