using System.Globalization;
using System.Text;

namespace ContactMetrics.Data;

/// <summary>
/// What happened while a table was read: how many rows were read, accepted and rejected, the error of
/// each rejected row (up to <see cref="TableReadOptions.MaxErrorsKept"/>), and notes about the file
/// that are not errors (columns that are not part of the schema, and so were ignored).
/// </summary>
/// <remarks><see cref="RowsRead"/> is always <see cref="RowsAccepted"/> + <see cref="RowsRejected"/>: no row is dropped silently.</remarks>
public sealed class ValidationReport
{
    internal ValidationReport(string file, string table, TableFormat format, long rowsAccepted, long rowsRejected, IReadOnlyList<RowError> errors, IReadOnlyList<string> notes, bool isComplete)
    {
        File = file;
        Table = table;
        Format = format;
        RowsAccepted = rowsAccepted;
        RowsRejected = rowsRejected;
        Errors = errors;
        Notes = notes;
        IsComplete = isComplete;
    }

    /// <summary>The file (or stream name) that was read.</summary>
    public string File { get; }

    /// <summary>The table's schema name: <c>interactions</c>, <c>customers</c>, <c>purchases</c>, <c>touchpoints</c> or <c>conversions</c>.</summary>
    public string Table { get; }

    /// <summary>The file's format.</summary>
    public TableFormat Format { get; }

    /// <summary>The data rows read so far (the header and empty lines are not rows).</summary>
    public long RowsRead => RowsAccepted + RowsRejected;

    /// <summary>The rows that became records.</summary>
    public long RowsAccepted { get; }

    /// <summary>The rows that were rejected, each with an error (kept up to <see cref="TableReadOptions.MaxErrorsKept"/>).</summary>
    public long RowsRejected { get; }

    /// <summary>The errors of the rejected rows, in file order, at most <see cref="TableReadOptions.MaxErrorsKept"/> of them.</summary>
    public IReadOnlyList<RowError> Errors { get; }

    /// <summary>
    /// Every rejected row grouped by column and reason (numbers in the reason do not split a group), in the order each
    /// group's first row was read: the count of each, its first lines and an example value. Counted over all rejected rows,
    /// beyond <see cref="TableReadOptions.MaxErrorsKept"/> too; the groups' rows add up to <see cref="RowsRejected"/>.
    /// </summary>
    public IReadOnlyList<RejectionGroup> RejectionGroups { get; init; } = [];

    /// <summary>How many rejected rows have no entry in <see cref="Errors"/> because the limit was reached.</summary>
    public long ErrorsNotKept => RowsRejected - Errors.Count;

    /// <summary>Remarks about the file that are not errors, such as columns that are not part of the schema and were ignored.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Whether the whole file was read. <see langword="false"/> while enumerating, after a fail-fast stop,
    /// or when the reader was disposed before the end.
    /// </summary>
    public bool IsComplete { get; }

    /// <summary>Whether the whole file was read and no row was rejected.</summary>
    public bool IsValid => IsComplete && RowsRejected == 0;

    /// <summary>
    /// One rejection group in one line: <c>bad.csv: 199 rows rejected: column 'arrived_at': is not an ISO 8601 instant (lines 2,
    /// 3, 4, ...; e.g. '01/03/2025 09:00')</c> (rows instead of lines for Parquet).
    /// </summary>
    /// <param name="group">One of <see cref="RejectionGroups"/>.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
    public string Describe(RejectionGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        string where = Format == TableFormat.Parquet ? "rows" : "lines";
        string column = group.ColumnName is null ? "" : $"column '{group.ColumnName}': ";
        string example = group.ExampleValue is null ? "" : $"; e.g. '{group.ExampleValue}'";
        string more = group.Rows > group.FirstLines.Length ? ", ..." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{File}: {group.Rows} row{(group.Rows == 1 ? "" : "s")} rejected: {column}{group.Reason} ({where} {string.Join(", ", group.FirstLines)}{more}{example})");
    }

    /// <summary>
    /// The rejected rows as lines for a log, as <c>contactmetrics validate</c> writes them on standard error: one line per
    /// rejection group (<see cref="Describe"/>); or, with <paramref name="everyRow"/>, one line per kept row error
    /// (<see cref="RowError.ToString"/>) and then, when errors were not kept, a line saying how many more there were.
    /// </summary>
    /// <param name="everyRow">List every kept row instead of one line per column and reason.</param>
    /// <returns>The lines; none when no row was rejected.</returns>
    public IEnumerable<string> RejectionLines(bool everyRow) =>
        !everyRow ? RejectionGroups.Select(Describe)
        : ErrorsNotKept > 0 ? Errors.Select(e => e.ToString()).Append(string.Create(CultureInfo.InvariantCulture, $"{File}: {ErrorsNotKept} more rejected rows not listed."))
        : Errors.Select(e => e.ToString());

    /// <summary>
    /// Formats the report: a summary line (<c>file: interactions (csv), 10 rows read, 8 accepted, 2 rejected</c>),
    /// then one line per kept error, then the notes.
    /// </summary>
    /// <returns>The readable report, lines separated by <c>\n</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{File}: {Table} ({Format.ToString().ToLowerInvariant()}), {RowsRead} rows read, {RowsAccepted} accepted, {RowsRejected} rejected");
        if (!IsComplete)
        {
            text.Append(" (incomplete: reading stopped before the end of the file)");
        }
        foreach (var error in Errors)
        {
            text.Append("\n  ").Append(error.ToShortString());
        }
        if (ErrorsNotKept > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  ... and {ErrorsNotKept} more rejected rows (errors not kept)");
        }
        foreach (var note in Notes)
        {
            text.Append("\n  note: ").Append(note);
        }
        return text.ToString();
    }
}
