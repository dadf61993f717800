using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Reporting;

/// <summary>
/// Reads the values of options as people type them: durations with a unit (<c>20s</c>, <c>5m</c>, <c>7d</c>), dates,
/// currencies, IANA time zones, names from a table, lists, confidence levels and service-level targets (<c>80/20</c>).
/// Every method names the option it reads in its error, so a caller (the <c>contactmetrics</c> tool, a notebook's
/// settings) can show the message as it is.
/// </summary>
public static class OptionParsing
{
    /// <summary>
    /// Parses <c>20s</c>, <c>1.5m</c>, <c>2h</c>, <c>7d</c>, <c>500ms</c>. A duration always carries a unit (DESIGN.md): a bare
    /// number other than 0 is an error that names the option, the value and the fix (<c>365</c> was read as seconds
    /// before, so <c>--horizon 365</c> meant six minutes).
    /// </summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The value.</param>
    /// <returns>The duration, at least zero.</returns>
    /// <exception cref="OptionValueException">The value is not a number with a unit, or is negative.</exception>
    public static Duration ParseDuration(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
            throw new OptionValueException($"{option}: '{text}' is not a duration; use e.g. 20s, 5m, 1h or 7d.");
        }
        if (unitSeconds == 0 && value != 0)
        {
            throw new OptionValueException($"{option}: '{text}' has no unit; write e.g. {number}d for days ({number}s, {number}m, {number}h and {number}ms also work).");
        }
        return Duration.FromSeconds(value * unitSeconds);
    }

    /// <summary>A duration as <see cref="ParseDuration"/> reads it, which must be more than zero.</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The value.</param>
    /// <returns>The duration, more than zero.</returns>
    /// <exception cref="OptionValueException">The value is not a duration, or is zero.</exception>
    public static Duration ParsePositiveDuration(string option, string text)
    {
        var d = ParseDuration(option, text);
        return IsPositive(d) ? d : throw new OptionValueException($"{option} must be positive; was '{text}'.");
    }

    /// <summary>The rule of a positive duration (<see cref="ParsePositiveDuration"/>, a service-level threshold), shared with the checks of values given in code.</summary>
    internal static bool IsPositive(Duration duration) => duration > Duration.Zero;

    /// <summary>The rule of a share strictly between 0 and 1 (a confidence level, a service level), shared with the checks of values given in code.</summary>
    internal static bool IsStrictShare(double share) => share > 0 && share < 1;

    /// <summary>A date written <c>yyyy-MM-dd</c>.</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The value.</param>
    /// <returns>The date.</returns>
    /// <exception cref="OptionValueException">The value is not an ISO date.</exception>
    public static LocalDate ParseDate(string option, string text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new OptionValueException($"{option}: '{text}' is not a date (yyyy-MM-dd).");
    }

    /// <summary>An ISO 4217 currency code such as <c>EUR</c>.</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="code">The value.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="OptionValueException">The value is not a three-letter code.</exception>
    public static Currency ParseCurrency(string option, string? code) =>
        Currency.TryParse(code, out var currency) ? currency : throw new OptionValueException($"{option}: '{code}' is not an ISO 4217 code such as EUR.");

    /// <summary>An IANA time zone such as <c>Europe/Amsterdam</c> (the TZDB provider).</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The value.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="OptionValueException">No zone has that id.</exception>
    public static DateTimeZone ParseTimeZone(string option, string text)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
        return zone ?? throw new OptionValueException($"{option}: unknown time zone '{text}'; use an IANA name such as Europe/Amsterdam or UTC.");
    }

    /// <summary>The value named <paramref name="text"/> (case as the names' comparer says); otherwise an error naming the option and every name.</summary>
    /// <typeparam name="T">The kind of value.</typeparam>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The name given.</param>
    /// <param name="names">The names and their values, e.g. <see cref="KpiFigures.FormulaNames"/>.</param>
    /// <param name="what">What a name names, for the message (e.g. <c>formula</c>).</param>
    /// <returns>The value of the name.</returns>
    /// <exception cref="OptionValueException">No value has that name.</exception>
    public static T ParseName<T>(string option, string text, IReadOnlyDictionary<string, T> names, string what)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.TryGetValue(text, out var value) ? value : throw new OptionValueException($"{option}: unknown {what} '{text}'; use {string.Join(", ", names.Keys)}.");
    }

    /// <summary>
    /// The separator between channels of a path summary's paths (<c>Attribution.PathSummaryReader.SplitPath</c>), as given:
    /// <see langword="null"/> when not given (the default <c>" &gt; "</c>, guarded against files written with another).
    /// </summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The separator, e.g. <c>&gt;</c>, or <see langword="null"/>.</param>
    /// <returns>The separator, or <see langword="null"/>.</returns>
    /// <exception cref="OptionValueException">The separator is empty.</exception>
    public static string? ParsePathSeparator(string option, string? text) =>
        text is { Length: 0 } ? throw new OptionValueException($"{option}: the separator is empty; give the text between channels, e.g. '>' for c1>c2 or ' > ' for c1 > c2.") : text;

    /// <summary>The items of a comma-separated list, trimmed, without empty ones; none for a blank or null text.</summary>
    /// <param name="text">The list.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<string> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A comma-separated list of finite numbers of at least 0, in the order given.</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The list, e.g. <c>10,20,52</c>; none for a blank or null text.</param>
    /// <param name="what">What each number is, for the message, e.g. <c>a count of at least 0</c>.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="OptionValueException">An item is not a finite number of at least 0.</exception>
    public static IReadOnlyList<double> ParseNumbers(string option, string? text, string what) =>
        [.. ParseList(text).Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0 ? v
            : throw new OptionValueException($"{option}: '{part}' is not {what}."))];

    /// <summary>A confidence level, strictly between 0 and 1.</summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="level">The value.</param>
    /// <returns>The level.</returns>
    /// <exception cref="OptionValueException">The level is not in (0, 1).</exception>
    public static double ParseLevel(string option, double level)
    {
        if (!IsStrictShare(level))
        {
            throw new OptionValueException($"{option}: a confidence level must be between 0 and 1 (e.g. 0.95); was {level.ToString(CultureInfo.InvariantCulture)}.");
        }
        return level;
    }

    /// <summary>
    /// A service-level target written PERCENT/SECONDS as the industry writes it: <c>80/20</c> is 80% answered within 20
    /// seconds; also <c>0.8/20s</c>, <c>80%/20</c> and <c>80/1m</c> (a threshold with a unit).
    /// </summary>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="text">The value.</param>
    /// <returns>The share to answer within the threshold (in (0, 1)) and the threshold (more than zero).</returns>
    /// <exception cref="OptionValueException">The text is not two parts, the share is not in (0, 100%), or the threshold is not a positive duration.</exception>
    public static (double ServiceLevel, Duration Threshold) ParseServiceLevelTarget(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !double.TryParse(parts[0].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double level))
        {
            throw new OptionValueException($"{option}: '{text}' is not PERCENT/SECONDS, e.g. 80/20.");
        }
        level = level > 1 ? level / 100 : level;
        if (!IsStrictShare(level))
        {
            throw new OptionValueException($"{option}: the service level must be between 0 and 100%; was '{parts[0]}'.");
        }
        // PERCENT/SECONDS: the industry's 80/20 states its unit (seconds) in the notation; 80/1m also works.
        string seconds = parts[1].Trim();
        var threshold = ParseDuration(option, seconds.Length > 0 && char.IsAsciiDigit(seconds[^1]) ? seconds + "s" : seconds);
        return IsPositive(threshold) ? (level, threshold) : throw new OptionValueException($"{option}: the threshold must be positive; was '{parts[1]}'.");
    }
}
