using ContactMetrics.Data.Schemas;
using CsvHelper;

namespace ContactMetrics.Data.Csv;

/// <summary>
/// Writes a table as RFC 4180 CSV: UTF-8 without a byte order mark, CRLF line ends, a header with
/// every schema column in schema order, fields quoted only when they need it, empty for missing.
/// </summary>
internal static class CsvTableWriter
{
    public static long Write<TRecord>(Stream stream, Table<TRecord> table, IEnumerable<TRecord> rows)
    {
        using var writer = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true);
        writer.WriteHeader(table.Columns.Select(c => c.Name).ToArray());
        long count = 0;
        foreach (var record in rows)
        {
            if (record is null)
            {
                throw new ArgumentException($"The {table.Name} to write contain a null record (after {count} records).", nameof(rows));
            }
            foreach (var column in table.Columns)
            {
                column.WriteCsv(writer, record);
            }
            writer.EndRecord();
            count++;
        }
        writer.Flush();
        return count;
    }
}
