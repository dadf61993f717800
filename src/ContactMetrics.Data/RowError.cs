namespace ContactMetrics.Data;

/// <summary>
/// A row that was rejected: where it is (file, line or row, column) and why. Every rejected row gets
/// exactly one <see cref="RowError"/>, for the first problem found in it.
/// </summary>
public sealed class RowError
{
    internal RowError(string file, TableFormat format, long line, int? column, string? columnName, string? value, string reason, string? recordId)
    {
        File = file;
        Format = format;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Value = ErrorText.Clip(value);
        Reason = reason;
        RecordId = recordId;
    }

    /// <summary>The file (or stream name) the row came from.</summary>
    public string File { get; }

    /// <summary>The file's format, which says what <see cref="Line"/> counts.</summary>
    public TableFormat Format { get; }

    /// <summary>
    /// For CSV, the 1-based physical line of the file where the offending cell starts (the header is
    /// line 1, line breaks inside quoted cells and empty lines count, CRLF is one line break); for a
    /// problem with the whole row, the line where the row starts. For Parquet, the 1-based row number
    /// counted across all row groups.
    /// </summary>
    public long Line { get; }

    /// <summary>The 1-based column index in the file; <see langword="null"/> for a problem with the whole row, or with a column the file does not have.</summary>
    public int? Column { get; }

    /// <summary>The column's name, as the file's header spells it (or the schema name when the file has no such column); <see langword="null"/> for a problem with the whole row.</summary>
    public string? ColumnName { get; }

    /// <summary>The offending value as text, cut to 200 characters; <see langword="null"/> when the value is missing or the whole row is at fault.</summary>
    public string? Value { get; }

    /// <summary>Why the row was rejected, as a sentence fragment that follows the column name and value (<c>is not a number</c>).</summary>
    public string Reason { get; }

    /// <summary>The id of the record (interaction id, customer id) when it could be read; otherwise <see langword="null"/>.</summary>
    public string? RecordId { get; }

    /// <summary>Where the row is, <c>line 12</c> for CSV or <c>row 12</c> for Parquet.</summary>
    public string Location => ErrorText.Location(Format, Line);

    /// <summary>Formats the error as <c>file, line 12, column 8: arrived_at '2025-13-01' is not ... [record i-12]</c>.</summary>
    /// <returns>The readable error.</returns>
    public override string ToString() => ErrorText.Describe(File, Format, Line, Column, ColumnName, Value, Reason, RecordId);

    /// <summary>The error without the file name, for a report that names the file once.</summary>
    internal string ToShortString() => ErrorText.Describe(null, Format, Line, Column, ColumnName, Value, Reason, RecordId);
}
