using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.Tests;

/// <summary>Writes Parquet files with any columns, as other engines would, to test what the reader accepts.</summary>
internal static class RawParquet
{
    public static string Write(string path, params (DataField Field, Array Values)[] columns) => WriteGroups(path, [columns]);

    /// <summary>Writes one row group per element of <paramref name="groups"/>; every group has the same fields.</summary>
    public static string WriteGroups(string path, IReadOnlyList<(DataField Field, Array Values)[]> groups)
    {
        WriteAsync(path, groups).GetAwaiter().GetResult();
        return path;
    }

    private static async Task WriteAsync(string path, IReadOnlyList<(DataField Field, Array Values)[]> groups)
    {
        var fields = groups[0].Select(c => c.Field).ToArray();
        var schema = new ParquetSchema(fields);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, CancellationToken.None);
        foreach (var columns in groups)
        {
            using var group = writer.CreateRowGroup();
            for (int i = 0; i < columns.Length; i++)
            {
                // Later groups repeat the first group's fields: Parquet.Net writes fields of its schema only.
                var (field, values) = (fields[i], columns[i].Values);
                await (values switch
                {
                    string?[] v => group.WriteAsync(field, v!, null),
                    long?[] v => group.WriteAsync<long>(field, v, null, null, CancellationToken.None),
                    int?[] v => group.WriteAsync<int>(field, v, null, null, CancellationToken.None),
                    double?[] v => group.WriteAsync<double>(field, v, null, null, CancellationToken.None),
                    bool?[] v => group.WriteAsync<bool>(field, v, null, null, CancellationToken.None),
                    DateTime?[] v => group.WriteAsync<DateTime>(field, v, null, null, CancellationToken.None),
                    _ => throw new ArgumentException($"No writer for {values.GetType()}"),
                });
            }
            group.CompleteValidate();
        }
    }

    public static (DataField, Array) Text(string name, params string?[] values) => (new DataField<string>(name), values);

    public static (DataField, Array) Int64(string name, params long?[] values) => (new DataField<long?>(name), values);

    public static (DataField, Array) Double(string name, params double?[] values) => (new DataField<double?>(name), values);

    public static (DataField, Array) Boolean(string name, params bool?[] values) => (new DataField<bool?>(name), values);

    public static (DataField, Array) Timestamp(string name, bool utc, params DateTime?[] values)
        => (new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: utc, unit: DateTimeTimeUnit.Micros, isNullable: true), values);
}
