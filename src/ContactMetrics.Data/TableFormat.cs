namespace ContactMetrics.Data;

/// <summary>The file formats a table can be read from and written to.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated values (RFC 4180), UTF-8, with a header row. File extension <c>.csv</c>.</summary>
    Csv = 0,

    /// <summary>Apache Parquet, one flat column per schema column. File extension <c>.parquet</c>.</summary>
    Parquet = 1,
}
