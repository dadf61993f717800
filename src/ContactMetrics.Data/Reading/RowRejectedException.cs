namespace ContactMetrics.Data.Reading;

/// <summary>A cell of the current row cannot be read; caught by the table reader, which turns it into a <see cref="RowError"/>.</summary>
internal sealed class RowRejectedException : Exception
{
    public RowRejectedException(int fileColumn, string columnName, string reason)
        : base($"{columnName} {reason}")
    {
        FileColumn = fileColumn;
        ColumnName = columnName;
        Reason = reason;
    }

    /// <summary>The 0-based column of the file, or -1 when the file has no such column.</summary>
    public int FileColumn { get; }

    /// <summary>The schema name of the column.</summary>
    public string ColumnName { get; }

    /// <summary>Why the cell cannot be read.</summary>
    public string Reason { get; }
}
