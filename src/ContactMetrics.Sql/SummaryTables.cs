using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Retention;

namespace ContactMetrics.Sql;

/// <summary>
/// The <c>path summary</c> table, ChannelAttribution's and <c>paths_1m.csv</c>'s format (<c>path, total_conversions,
/// total_conversion_value, total_null</c>, channels joined by <c>" &gt; "</c>), as CSV or Parquet (by the extension).
/// Summaries of customer partitions merge by adding the rows of a path.
/// </summary>
public static class PathSummaryFile
{
    private static readonly (string, string)[] Types =
        [("path", "VARCHAR"), ("total_conversions", "DOUBLE"), ("total_conversion_value", "DOUBLE"), ("total_null", "DOUBLE")];

    /// <summary>
    /// The key in <see cref="Exception.Data"/> of the <see cref="InvalidDataException"/> that refuses a file whose paths look
    /// written with another separator: the separator to give (<see cref="PathSeparatorGuard.LikelySeparator"/>), for a
    /// program to name its own option for it.
    /// </summary>
    public const string LikelySeparatorKey = "ContactMetrics.LikelySeparator";

    /// <summary>Writes a path summary (replacing the file).</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="summary">The summary.</param>
    /// <returns>The number of paths written.</returns>
    public static int Write(string path, PathSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SummaryFiles.Write(path, Types, writer =>
        {
            writer.WriteLine(string.Join(",", Types.Select(t => t.Item1)));
            for (int p = 0; p < summary.Count; p++)
            {
                writer.WriteLine(string.Join(",", SummaryFiles.Quote(summary.PathText(p)), SummaryFiles.Number(summary.Conversions[p]),
                    SummaryFiles.Number(summary.Values[p]), SummaryFiles.Number(summary.Nulls[p])));
            }
        });
        return summary.Count;
    }

    /// <summary>
    /// Reads a path summary row by row: CSV by RFC 4180 (a quoted path may hold commas, quotes and line breaks) or Parquet,
    /// the channels of a path split by the core reader's rule (<see cref="PathSummaryReader.SplitPath"/>: at the separator,
    /// <c>" &gt; "</c> by default, each channel trimmed; so a channel name may hold <c>&gt;</c>, as <see cref="Write"/>
    /// writes it), channels learned in order of appearance. With no separator given, the file is guarded against paths
    /// written with another one (<see cref="PathSeparatorGuard"/>: no path holds <c>" &gt; "</c> but some hold <c>&gt;</c>
    /// or <c>|</c>). A CSV file whose header is the four columns in order (as <see cref="Write"/> writes it) is parsed as
    /// UTF-8 bytes by the core's reader (<see cref="PathSummaryReader.ReadUtf8"/>), without a string per row or path; a file
    /// it does not read as RFC 4180 reads it, and any error, goes through the row reader, so the result and the messages are one.
    /// </summary>
    /// <param name="path">A <c>.csv</c> (also gzipped, <c>.csv.gz</c>) or <c>.parquet</c> file, or a folder or glob of them.</param>
    /// <param name="currency">The currency of <c>total_conversion_value</c> (the format has none).</param>
    /// <param name="separator">The separator between channels (<c>"&gt;"</c> for paths written <c>c1&gt;c2</c>); <see langword="null"/>:
    /// <see cref="PathSummaryReader.DefaultSeparator"/>, guarded.</param>
    /// <returns>The summary; rows of the same path are added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A column is missing or a cell is wrong (an empty channel, a number that is not
    /// finite and at least 0, paths that look written with another separator); the message names the file, line, column and value,
    /// and for another separator its <see cref="Exception.Data"/> holds the one to give under <see cref="LikelySeparatorKey"/>.</exception>
    public static PathSummary Read(string path, Currency currency = default, string? separator = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var guard = PathSeparatorGuard.For(separator);
        return ReadBytes(path, currency, separator) ?? ReadRows(path, currency, guard);
    }

    /// <summary>
    /// A single CSV file (gunzipped when the name ends in <c>.gz</c>) read by the core's byte parser
    /// (<see cref="PathSummaryReader.ReadUtf8"/>, no string per row or path), or <see langword="null"/> for
    /// <see cref="ReadRows"/> to read it: Parquet, a folder or glob, a missing file, a header that is not the four columns
    /// in order, and whatever the byte parser does not read as RFC 4180 reads it (it refuses a row, or the file has bytes
    /// that are not UTF-8, a lone carriage return, or a quote outside a quoted path). So the byte parser's result is the
    /// row reader's, and every error, with its file, line, column and value, is the row reader's.
    /// </summary>
    internal static PathSummary? ReadBytes(string path, Currency currency, string? separator)
    {
        if (SummaryFiles.IsParquet(path) || Data.Tables.IsFileSet(path) || !File.Exists(path) || separator?.Contains('"', StringComparison.Ordinal) == true
            || !SummaryFiles.HasHeader(path, [.. Types.Select(t => t.Item1)]))
        {
            return null;
        }
        try
        {
            using var bytes = new Utf8CheckedStream(SummaryFiles.OpenCsv(path));
            var summary = PathSummaryReader.ReadUtf8(bytes, currency: currency, separator: separator);
            // The byte parser takes a quote inside an unquoted path as a character of a channel; RFC 4180 refuses it.
            return bytes.LoneCarriageReturn || summary.Channels.Any(c => c.Contains('"', StringComparison.Ordinal)) ? null : summary;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a path summary row by row with ContactMetrics.Data's reader (<see cref="SummaryFiles.StreamRows(string, string, IReadOnlyList{string})"/>):
    /// any CSV or Parquet file, folder or glob, its columns in any order; what <see cref="Read"/> does not read with the byte parser.
    /// </summary>
    internal static PathSummary ReadRows(string path, Currency currency, PathSeparatorGuard guard)
    {
        var builder = new PathSummaryBuilder(currency);
        SummaryRow? suspect = null;
        foreach (var row in SummaryFiles.StreamRows(path, "a path summary", [.. Types.Select(t => t.Item1)]))
        {
            string[] channels;
            try
            {
                channels = PathSummaryReader.SplitPath(row.Cell(0), guard.Separator);
            }
            catch (FormatException)
            {
                throw row.Bad(0, $"has an empty channel; channels are joined by '{guard.Separator}'");
            }
            double Number(int column) => double.TryParse(row.Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0
                ? v : throw row.Bad(column, "is not a finite number at least 0");
            builder.Add(channels, Number(1), Number(2), Number(3));
            guard = guard.Add(row.Cell(0), channels.Length, 0);
            // The first suspect row; once a path shows the separator the guard stops watching and has no problem to report.
            suspect ??= guard.SuspectPath is null ? null : row;
        }
        if (guard.Problem is { } problem)
        {
            var refused = suspect!.Bad(0, problem);
            refused.Data[LikelySeparatorKey] = guard.LikelySeparator;
            throw refused;
        }
        return builder.Build();
    }
}

/// <summary>
/// The <c>survival table</c> of retention uplift's index-date design: one row per included customer (<c>customer_id,
/// group, duration_days, churned, segment, tenure_years</c>), as CSV or Parquet (by the extension). Tables of customer
/// partitions merge by concatenating rows. The counts of customers left out are not rows of it.
/// </summary>
public static class SurvivalTableFile
{
    private static readonly (string, string)[] Types =
        [("customer_id", "VARCHAR"), ("group", "VARCHAR"), ("duration_days", "DOUBLE"), ("churned", "BOOLEAN"), ("segment", "VARCHAR"), ("tenure_years", "DOUBLE")];

    private const string Tenure = "tenureYears";

    /// <summary>Writes the rows of an index-date table (replacing the file); segments are written when the table has strata, tenure when it has the covariate.</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="data">The table.</param>
    /// <returns>The number of rows written.</returns>
    public static int Write(string path, IndexDateTable data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = data.Table;
        int tenure = t.CovariateNames.IndexOf(Tenure);
        SummaryFiles.Write(path, Types, writer =>
        {
            writer.WriteLine(string.Join(",", Types.Select(c => c.Item1)));
            for (int i = 0; i < t.Count; i++)
            {
                writer.WriteLine(string.Join(",", SummaryFiles.Quote(t.Ids[i]), SummaryFiles.Quote(t.Groups[i]), SummaryFiles.Number(t.Durations[i]),
                    t.Events[i] ? "true" : "false", t.Strata.IsEmpty ? "" : SummaryFiles.Quote(t.Strata[i]), tenure < 0 ? "" : SummaryFiles.Number(t.Covariates[tenure][i])));
            }
        });
        return t.Count;
    }

    /// <summary>
    /// Reads a survival table into the index-date table the comparison takes (<see cref="RetentionUpliftBuilder.FromRows"/>):
    /// the grouping from the group labels; segments as strata when there are several; tenure as a covariate when every row has it.
    /// </summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="options">Options (stratification, tenure adjustment); the defaults when null.</param>
    /// <returns>The table; its counts of customers left out are 0 (the file does not hold them).</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A column is missing, a cell is not what its column holds, the labels are of no grouping or of two, or there are no rows; the message names the file, line, column and value.</exception>
    public static IndexDateTable Read(string path, RetentionUpliftOptions? options = null)
    {
        var rows = new List<(string Id, string Group, double Days, bool Churned, string Segment, double? Tenure)>();
        // Streamed row by row (a file of millions of customers is never held as text); the few group and segment labels shared.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Label(string text) => shared.TryGetValue(text, out var known) ? known : shared[text] = text;
        foreach (var row in SummaryFiles.StreamRows(path, "a survival table", [.. Types.Select(t => t.Item1)]))
        {
            rows.Add((
                row.Required(0, "customer"),
                Label(row.Required(1, "group")),
                double.TryParse(row.Cell(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days >= 0 && double.IsFinite(days)
                    ? days : throw row.Bad(2, "is not a number of days at least 0"),
                row.Flag(3),
                Label(row.Optional(4) ?? "(none)"),
                row.Cell(5).Length == 0 ? null
                    : double.TryParse(row.Cell(5), NumberStyles.Float, CultureInfo.InvariantCulture, out double years) && double.IsFinite(years) ? years : throw row.Bad(5, "is not a number of years")));
        }
        var ids = rows.ConvertAll(r => r.Id);
        var groups = rows.ConvertAll(r => r.Group);
        var labels = groups.Distinct(StringComparer.Ordinal).ToList();
        var grouping = Enum.GetValues<UpliftGrouping>().Where(g => RetentionUpliftBuilder.Labels(g) is var (r, e) && labels.All(l => l == r || l == e)).ToList();
        if (ids.Count == 0 || grouping.Count != 1)
        {
            string known = string.Join("; ", Enum.GetValues<UpliftGrouping>().Select(g => RetentionUpliftBuilder.Labels(g)).Select(l => $"{l.Reference}/{l.Exposed}"));
            throw new InvalidDataException(ids.Count == 0 ? $"{path}: the survival table has no rows."
                : $"{path}: the groups {string.Join(", ", labels.Select(l => $"'{l}'"))} are not the two of one grouping ({known}).");
        }
        options ??= RetentionUpliftOptions.Default;
        if (rows.Exists(r => r.Tenure is null))
        {
            // Tenure is adjusted for only when every row has it (the table was written with the covariate).
            options = options with { AdjustForTenure = false };
        }
        return RetentionUpliftBuilder.FromRows(grouping[0], ids, [.. rows.Select(r => r.Days)], [.. rows.Select(r => r.Churned)], groups,
            rows.ConvertAll(r => r.Segment), [.. rows.Select(r => r.Tenure ?? 0)], 0, 0, options);
    }
}
