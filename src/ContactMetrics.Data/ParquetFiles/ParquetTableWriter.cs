using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.ParquetFiles;

/// <summary>
/// Writes a table as Parquet: one nullable flat column per schema column, in schema order, in row
/// groups of <see cref="TableWriteOptions.RowGroupSize"/> rows; only one row group of records is held.
/// </summary>
internal static class ParquetTableWriter
{
    public static long Write<TRecord>(Stream stream, Table<TRecord> table, IEnumerable<TRecord> rows, TableWriteOptions options)
    {
        var fields = table.Columns.Select(c => c.CreateParquetField()).ToArray();
        var schema = new ParquetSchema(fields);
        var writer = Sync.Run(() => ParquetWriter.CreateAsync(schema, stream, null, false, CancellationToken.None));
        try
        {
            var batch = new List<TRecord>(Math.Min(options.RowGroupSize, 1 << 16));
            long count = 0;
            // The caller's sequence is enumerated here, on the caller's thread; only the writes are asynchronous.
            foreach (var record in rows)
            {
                if (record is null)
                {
                    throw new ArgumentException($"The {table.Name} to write contain a null record (after {count} records).", nameof(rows));
                }
                batch.Add(record);
                count++;
                if (batch.Count == options.RowGroupSize)
                {
                    Sync.Run(() => WriteRowGroupAsync(writer, table, fields, batch));
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                Sync.Run(() => WriteRowGroupAsync(writer, table, fields, batch));
            }
            return count;
        }
        finally
        {
            Sync.Run(() => writer.DisposeAsync().AsTask());
        }
    }

    private static async Task WriteRowGroupAsync<TRecord>(ParquetWriter writer, Table<TRecord> table, DataField[] fields, List<TRecord> batch)
    {
        using var group = writer.CreateRowGroup();
        for (int i = 0; i < fields.Length; i++)
        {
            await table.Columns[i].WriteParquetAsync(group, fields[i], batch).ConfigureAwait(false);
        }
        group.CompleteValidate();
    }
}
