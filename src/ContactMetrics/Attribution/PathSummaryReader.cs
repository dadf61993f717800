using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// Reads a path table in the format of ChannelAttribution and of <c>paths_1m.csv</c>: a header
/// <c>path,total_conversions,total_conversion_value,total_null</c> (case-insensitive), then one row per
/// path, the channels joined by <c>" &gt; "</c>, numbers with <c>.</c> as decimal separator. So the output
/// of a SQL engine (DuckDB locally, a warehouse at scale) can be fed to the models.
/// </summary>
/// <remarks>
/// The path may be quoted (<c>"c01 &gt; c03"</c>); quotes inside it are not supported. Rows with the same
/// path are merged. Every error names the line number (1 = the header). The format has no currency column: the
/// caller states the values' currency (<c>XXX</c>, no currency, when it does not).
/// </remarks>
public static class PathSummaryReader
{
    /// <summary>The separator between channels in a path: <c>" &gt; "</c>.</summary>
    public const string DefaultSeparator = " > ";

    private static readonly string[] Header = ["path", "total_conversions", "total_conversion_value", "total_null"];

    /// <summary>Reads a path table.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="channels">The allowed channels (a path with another one is an error), or <see langword="null"/> to learn them in order of appearance.</param>
    /// <param name="currency">The currency of <c>total_conversion_value</c>; <see langword="default"/> is <c>XXX</c>, no currency.</param>
    /// <returns>The summary, in <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="FormatException">The header is wrong, or a row has a wrong column count, an empty path,
    /// an unknown channel, or a number that is not finite and at least 0; the message names the line.</exception>
    public static PathSummary Read(TextReader reader, IEnumerable<string>? channels = null, Currency currency = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = channels is null ? new PathSummaryBuilder(currency) : new PathSummaryBuilder(channels, currency);
        string? line = reader.ReadLine();
        var header = line?.Split(',');
        if (header is null || header.Length != Header.Length
            || !header.Select(h => h.Trim().Trim('"')).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException($"line 1: expected the header '{string.Join(',', Header)}', found '{line}'.");
        }
        int lineNumber = 1;
        var indexes = new List<int>();
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            ReadRow(builder, line, lineNumber, indexes);
        }
        return builder.Build();
    }

    private static void ReadRow(PathSummaryBuilder builder, string line, int lineNumber, List<int> indexes)
    {
        ReadOnlySpan<char> text = line;
        ReadOnlySpan<char> path;
        ReadOnlySpan<char> rest;
        if (text[0] == '"')
        {
            int close = text[1..].IndexOf('"') + 1;
            if (close < 1 || close + 1 >= text.Length || text[close + 1] != ',')
            {
                throw new FormatException($"line {lineNumber}: unterminated quoted path.");
            }
            path = text[1..close];
            rest = text[(close + 2)..];
        }
        else
        {
            int comma = text.IndexOf(',');
            if (comma < 0)
            {
                throw new FormatException($"line {lineNumber}: expected 4 columns, found 1.");
            }
            path = text[..comma];
            rest = text[(comma + 1)..];
        }
        Span<Range> fields = stackalloc Range[4];
        int count = rest.Split(fields, ',');
        if (count != 3)
        {
            throw new FormatException($"line {lineNumber}: expected 4 columns, found {count + 1}.");
        }
        double conversions = Number(rest[fields[0]], "total_conversions", lineNumber);
        double value = Number(rest[fields[1]], "total_conversion_value", lineNumber);
        double nulls = Number(rest[fields[2]], "total_null", lineNumber);
        indexes.Clear();
        foreach (var part in path.Split('>'))
        {
            var name = path[part].Trim();
            if (name.IsEmpty)
            {
                throw new FormatException($"line {lineNumber}: the path '{path}' has an empty channel.");
            }
            try
            {
                indexes.Add(builder.ChannelIndex(name));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"line {lineNumber}: {e.Message}", e);
            }
        }
        builder.AddIndexes([.. indexes], conversions, value, nulls);
    }

    private static double Number(ReadOnlySpan<char> text, string column, int lineNumber)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value < 0)
        {
            throw new FormatException($"line {lineNumber}: {column} '{text}' is not a finite number at least 0.");
        }
        return value;
    }
}
