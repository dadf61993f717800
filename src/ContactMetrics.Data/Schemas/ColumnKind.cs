namespace ContactMetrics.Data.Schemas;

/// <summary>What a column holds, which decides how it is parsed, formatted and typed in Parquet.</summary>
internal enum ColumnKind
{
    /// <summary>Text: ids, labels, names of channels and directions, currency codes.</summary>
    Text,

    /// <summary>A point in time: ISO-8601 with an offset in CSV, a UTC timestamp in Parquet.</summary>
    Instant,

    /// <summary>A calendar date: <c>yyyy-MM-dd</c> in CSV, DATE in Parquet.</summary>
    Date,

    /// <summary>An amount of money: a decimal number.</summary>
    Amount,

    /// <summary>A duration in seconds: a decimal number, to the nanosecond.</summary>
    Seconds,

    /// <summary>A real number (times in periods, mean amounts): double precision, round-trip text in CSV, DOUBLE in Parquet.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}
