namespace ContactMetrics.Data;

/// <summary>What a <see cref="TableReader{T}"/> does with a row that cannot be read.</summary>
public enum RowErrorMode
{
    /// <summary>
    /// Stop at the first invalid row by throwing a <see cref="TableFormatException"/> that names the
    /// file, line, column and reason (the default).
    /// </summary>
    FailFast = 0,

    /// <summary>
    /// Skip the invalid row, record it in the <see cref="ValidationReport"/>, and go on with the next.
    /// </summary>
    Collect = 1,
}
