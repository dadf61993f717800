using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Reporting;

/// <summary>
/// A figure's value as text, in the DESIGN.md conventions: plain (CSV: invariant, rates as fractions, durations as seconds,
/// money as its amount) or readable (tables: percentages, thousands separators, money with its currency, n/a and -).
/// </summary>
public static partial class FigureText
{
    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return;
    /// CWE-1236, OWASP "CSV injection") gets a leading apostrophe, which spreadsheets show as text and do not run.
    /// </summary>
    /// <param name="text">The cell.</param>
    /// <returns>The cell as a spreadsheet shows it as text.</returns>
    public static string NeutraliseFormula(string text) =>
        text is null ? throw new ArgumentNullException(nameof(text)) :
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>A JSON name as a CSV or Parquet column name: <c>costPerContact</c> is <c>cost_per_contact</c>.</summary>
    /// <param name="camel">The camelCase name.</param>
    /// <returns>The snake_case name.</returns>
    public static string SnakeCase(string camel)
    {
        ArgumentNullException.ThrowIfNull(camel);
        var sb = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                if (sb.Length > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Machine-readable text, as in CSV: invariant culture, money as its amount, durations as seconds, undefined numbers empty.</summary>
    /// <param name="value">A figure's value.</param>
    /// <returns>The text.</returns>
    public static string Plain(object? value) => value switch
    {
        null or NotApplicable => "",
        // CSV has no NaN or infinity either: an undefined number is an empty (missing) cell, as null is in JSON.
        double d when !double.IsFinite(d) => "",
        Fraction r when !double.IsFinite(r.Value) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Fraction r => r.Value.ToString("R", CultureInfo.InvariantCulture),
        PValue p when !double.IsFinite(p.Value) => "",
        PValue p => p.Value.ToString("R", CultureInfo.InvariantCulture),
        People n when !double.IsFinite(n.Value) => "",
        People n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        Money m => m.Amount.ToString(CultureInfo.InvariantCulture),
        Duration d => d.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        Instant i => InstantPattern.ExtendedIso.Format(i),
        LocalDate ld => LocalDatePattern.Iso.Format(ld),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Readable text for people, as in the table format: thousands separators, rounded numbers, money with its currency.</summary>
    /// <param name="value">A figure's value.</param>
    /// <returns>The text.</returns>
    public static string Readable(object? value) => value switch
    {
        null => "-",
        NotApplicable => "n/a",
        // No NaN or Infinity for people (DESIGN.md): an undefined number reads as missing.
        Fraction r when !double.IsFinite(r.Value) => "-",
        Fraction r => r.Value.ToString("0.0%", CultureInfo.InvariantCulture),
        PValue p => p.ToString(),
        People n => n.ToString(),
        int i => i.ToString("N0", CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture),
        double d when !double.IsFinite(d) => "-",
        double d when Math.Abs(d) >= 1e15 => d.ToString("G4", CultureInfo.InvariantCulture),
        double d when Math.Abs(d) >= 1000 => d.ToString("N0", CultureInfo.InvariantCulture),
        // Below 1, three significant digits (an estimate, a survival, a limit: 0.962, 0.0474); from 1, two decimals.
        double d when d != 0 && Math.Abs(d) < 1 => d.ToString("G3", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("N2", CultureInfo.InvariantCulture),
        Money m => $"{m.Amount.ToString("N2", CultureInfo.InvariantCulture)} {m.Currency}",
        Duration d => ReadableDuration(d),
        // The JSON keys in words: "churnsAfterEnd 0" reads "churns after end 0".
        IReadOnlyDictionary<string, object?> obj => string.Join(", ", obj.Select(kv => $"{CamelWords().Replace(kv.Key, m => " " + m.Value.ToLowerInvariant())} {Readable(kv.Value)}")),
        _ => Plain(value),
    };

    /// <summary>Seconds below a minute, then minutes, hours or days, whichever reads best (JSON and CSV keep seconds).</summary>
    /// <param name="d">The duration.</param>
    /// <returns>The text, e.g. <c>2.5 min</c>.</returns>
    public static string ReadableDuration(Duration d)
    {
        double s = d.TotalSeconds;
        return Math.Abs(s) switch
        {
            >= 86400 => $"{(s / 86400).ToString("0.##", CultureInfo.InvariantCulture)} d",
            >= 3600 => $"{(s / 3600).ToString("0.##", CultureInfo.InvariantCulture)} h",
            >= 60 => $"{(s / 60).ToString("0.##", CultureInfo.InvariantCulture)} min",
            _ => $"{s.ToString("0.#", CultureInfo.InvariantCulture)} s",
        };
    }

    /// <summary>An upper-case letter after a lower-case one: where a camelCase key has a word break.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z])[A-Z]")]
    private static partial System.Text.RegularExpressions.Regex CamelWords();
}
