namespace ContactMetrics.Data;

/// <summary>The file formats a table can be read from and written to.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated values (RFC 4180), UTF-8, with a header row. File extension <c>.csv</c>.</summary>
    Csv = 0,

    /// <summary>Apache Parquet, one flat column per schema column. File extension <c>.parquet</c>.</summary>
    Parquet = 1,

    /// <summary>
    /// The rows of an ADO.NET <see cref="System.Data.Common.DbDataReader"/> (a database query, a <c>DataTable</c>): typed
    /// values, locations are 1-based row numbers. Read only (<see cref="Tables.OpenInteractions(System.Data.Common.DbDataReader, string, TableReadOptions?)"/>).
    /// </summary>
    DataReader = 2,
}
