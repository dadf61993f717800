namespace ContactMetrics.Data;

/// <summary>How a table is written.</summary>
/// <remarks>Immutable; create one with an object initializer.</remarks>
public sealed class TableWriteOptions
{
    private readonly int _rowGroupSize = 100_000;

    /// <summary>The defaults: Parquet row groups of 100,000 rows.</summary>
    public static TableWriteOptions Default { get; } = new();

    /// <summary>
    /// How many rows a Parquet row group holds (100,000 by default). The writer keeps at most one row
    /// group of records in memory. Not used for CSV, which is written row by row.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int RowGroupSize
    {
        get => _rowGroupSize;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"RowGroupSize must be at least 1; was {value}.");
            }
            _rowGroupSize = value;
        }
    }
}
