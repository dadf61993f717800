using ContactMetrics.Domain;
using NodaTime;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Cli.Output;

/// <summary>Writes a command's primary table as Parquet: numeric columns as nullable doubles, flags as booleans, the rest as text.</summary>
internal static class ParquetTableWriter
{
    public static void Write(OutputTable table, string path) => WriteAsync(table, path).GetAwaiter().GetResult();

    private static async Task WriteAsync(OutputTable table, string path)
    {
        int n = table.Columns.Count;
        var kinds = new ColumnKind[n];
        var fields = new DataField[n];
        for (int c = 0; c < n; c++)
        {
            kinds[c] = KindOf(table.Rows.Select(r => r[c]));
            string name = OutputWriter.ToSnakeCase(table.Columns[c].JsonName);
            fields[c] = kinds[c] switch
            {
                ColumnKind.Number => new DataField<double?>(name),
                ColumnKind.Flag => new DataField<bool?>(name),
                _ => new DataField<string>(name, true),
            };
        }
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < n; c++)
        {
            switch (kinds[c])
            {
                case ColumnKind.Number:
                    await group.WriteAsync<double>(fields[c], table.Rows.Select(r => ToDouble(r[c])).ToArray().AsMemory());
                    break;
                case ColumnKind.Flag:
                    await group.WriteAsync<bool>(fields[c], table.Rows.Select(r => (bool?)r[c]).ToArray().AsMemory());
                    break;
                default:
                    await group.WriteAsync(fields[c], table.Rows.Select(r => r[c] is null ? null! : OutputWriter.FormatPlain(r[c])).ToArray());
                    break;
            }
        }
    }

    private enum ColumnKind
    {
        Text,
        Number,
        Flag,
    }

    private static ColumnKind KindOf(IEnumerable<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count > 0 && present.All(v => v is int or long or double or decimal or Money or Duration or Rate))
        {
            return ColumnKind.Number;
        }
        if (present.Count > 0 && present.All(v => v is bool))
        {
            return ColumnKind.Flag;
        }
        return ColumnKind.Text;
    }

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        int i => i,
        long l => l,
        double d => d,
        Rate r => r.Value,
        decimal m => (double)m,
        Money m => (double)m.Amount,
        Duration d => d.TotalSeconds,
        _ => null,
    };
}
