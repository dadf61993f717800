namespace ContactMetrics.Data;

/// <summary>
/// A table could not be read: the file has no usable header (empty file, a required column missing,
/// a schema column twice, a Parquet column of the wrong type), is not a readable file of its format,
/// or, in <see cref="RowErrorMode.FailFast"/> mode, a row is invalid. The message names the file,
/// the line (or Parquet row), the column and the reason.
/// </summary>
public sealed class TableFormatException : Exception
{
    internal TableFormatException(string file, TableFormat format, long? line, int? column, string? columnName, string? value, string reason, string? recordId = null, Exception? innerException = null)
        : base(ErrorText.Describe(file, format, line, column, columnName, ErrorText.Clip(value), reason, recordId), innerException)
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

    internal TableFormatException(RowError error)
        : this(error.File, error.Format, error.Line, error.Column, error.ColumnName, error.Value, error.Reason, error.RecordId)
    {
    }

    /// <summary>The file (or stream name).</summary>
    public string File { get; }

    /// <summary>The file's format, which says what <see cref="Line"/> counts.</summary>
    public TableFormat Format { get; }

    /// <summary>
    /// The 1-based line (CSV; the header's line for header problems) or row number (Parquet) of the
    /// problem; <see langword="null"/> when it concerns the whole file (an empty file, a Parquet schema).
    /// </summary>
    public long? Line { get; }

    /// <summary>The 1-based column index in the file, when one column is at fault.</summary>
    public int? Column { get; }

    /// <summary>The name of the column at fault, when one is.</summary>
    public string? ColumnName { get; }

    /// <summary>The offending value, when one is at fault, cut to 200 characters.</summary>
    public string? Value { get; }

    /// <summary>Why the file or row could not be read.</summary>
    public string Reason { get; }

    /// <summary>The id of the record at fault, when known.</summary>
    public string? RecordId { get; }
}
