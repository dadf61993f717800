using System.Globalization;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.Schemas;

/// <summary>A column of a table schema: its snake_case name, what it holds, and whether a file must have it.</summary>
internal abstract class Column
{
    protected Column(string name, ColumnKind kind, bool required)
    {
        Name = name;
        Kind = kind;
        Required = required;
    }

    /// <summary>The schema name, e.g. <c>arrived_at</c>.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Whether a file must have the column (and every row a value in it).</summary>
    public bool Required { get; }

    /// <summary>The column's position in its table's schema; set once by the table.</summary>
    public int Ordinal { get; set; } = -1;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A schema column that also knows how to take its value from a record and write it.</summary>
/// <typeparam name="TRecord">The record type of the table.</typeparam>
internal abstract class Column<TRecord> : Column
{
    protected Column(string name, ColumnKind kind, bool required)
        : base(name, kind, required)
    {
    }

    /// <summary>Writes the record's value as the next CSV field; an empty field when it has none.</summary>
    public abstract void WriteCsv(CsvWriter writer, TRecord record);

    /// <summary>The Parquet field this column is written as (always nullable).</summary>
    public abstract DataField CreateParquetField();

    /// <summary>Writes the values of a batch of records as this column of a Parquet row group.</summary>
    public abstract Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch);

    protected static Task WriteValuesAsync<TValue>(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch, Func<TRecord, TValue?> value)
        where TValue : struct
    {
        var values = new TValue?[batch.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = value(batch[i]);
        }
        return writer.WriteAsync<TValue>(field, values, null, null, CancellationToken.None);
    }
}

/// <summary>A text column: ids, labels, channel and currency names.</summary>
internal sealed class TextColumn<TRecord>(string name, Func<TRecord, string?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Text, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record) => writer.WriteField(value(record));

    public override DataField CreateParquetField() => new DataField<string>(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
    {
        var values = new string[batch.Count];
        for (int i = 0; i < values.Length; i++)
        {
            // Parquet.Net writes a null element as a null (missing) value.
            values[i] = value(batch[i])!;
        }
        return writer.WriteAsync(field, values, null);
    }
}

/// <summary>An instant: ISO-8601 UTC in CSV, TIMESTAMP(MICROS, UTC) in Parquet.</summary>
internal sealed class InstantColumn<TRecord>(string name, Func<TRecord, Instant?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Instant, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record)
        => writer.WriteField(value(record) is Instant v ? InstantPattern.ExtendedIso.Format(v) : null);

    public override DataField CreateParquetField()
        => new DateTimeDataField(Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, r => value(r)?.ToDateTimeUtc());
}

/// <summary>A date: <c>yyyy-MM-dd</c> in CSV, DATE in Parquet.</summary>
internal sealed class DateColumn<TRecord>(string name, Func<TRecord, LocalDate?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Date, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record)
        => writer.WriteField(value(record) is LocalDate v ? LocalDatePattern.Iso.Format(v) : null);

    public override DataField CreateParquetField() => new DataField<DateOnly?>(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, r => value(r)?.ToDateOnly());
}

/// <summary>
/// A decimal number (amounts, seconds): invariant text with <c>.</c> in CSV, DECIMAL(precision, 9) in Parquet.
/// </summary>
internal sealed class DecimalColumn<TRecord>(string name, ColumnKind kind, int precision, Func<TRecord, decimal?> value, bool required = false)
    : Column<TRecord>(name, kind, required)
{
    internal const int Scale = 9;

    // Up to 28 decimal places and no trailing zeros: 12.50m is written 12.5, 185.000000000m is 185.
    private const string CsvFormat = "0.############################";

    public override void WriteCsv(CsvWriter writer, TRecord record)
    {
        if (value(record) is not decimal v)
        {
            writer.WriteField((string?)null);
            return;
        }
        Span<char> text = stackalloc char[64];
        if (!v.TryFormat(text, out int length, CsvFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Cannot format {Name} value {v.ToString(CultureInfo.InvariantCulture)}.");
        }
        writer.WriteField(text[..length]);
    }

    public override DataField CreateParquetField()
        => new DecimalDataField(Name, precision, Scale, forceByteArrayEncoding: false, isNullable: true);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, r => Check(value(r)));

    // Parquet.Net silently truncates digits past the scale; refuse instead of changing the value.
    private decimal? Check(decimal? value)
    {
        if (value is not decimal v)
        {
            return null;
        }
        decimal limit = Pow10(precision - Scale);
        if (decimal.Round(v, Scale) != v || Math.Abs(v) >= limit)
        {
            throw new ArgumentException(
                $"{Name} {v.ToString(CultureInfo.InvariantCulture)} does not fit Parquet DECIMAL({precision},{Scale}): at most {Scale} decimal places and an absolute value below {limit.ToString(CultureInfo.InvariantCulture)}.",
                "rows");
        }
        return v;
    }

    private static decimal Pow10(int exponent)
    {
        decimal result = 1m;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10m;
        }
        return result;
    }
}

/// <summary>A whole number: invariant text in CSV, INT32 in Parquet.</summary>
internal sealed class IntegerColumn<TRecord>(string name, Func<TRecord, int?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Integer, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record)
    {
        if (value(record) is not int v)
        {
            writer.WriteField((string?)null);
            return;
        }
        Span<char> text = stackalloc char[16];
        v.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        writer.WriteField(text[..length]);
    }

    public override DataField CreateParquetField() => new DataField<int?>(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, value);
}

/// <summary>A real number: shortest round-trip invariant text in CSV, DOUBLE in Parquet.</summary>
internal sealed class DoubleColumn<TRecord>(string name, Func<TRecord, double?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Number, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record)
    {
        if (value(record) is not double v)
        {
            writer.WriteField((string?)null);
            return;
        }
        Span<char> text = stackalloc char[32];
        v.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
        writer.WriteField(text[..length]);
    }

    public override DataField CreateParquetField() => new DataField<double?>(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, value);
}

/// <summary><c>true</c>/<c>false</c> in CSV, BOOLEAN in Parquet.</summary>
internal sealed class BooleanColumn<TRecord>(string name, Func<TRecord, bool?> value, bool required = false)
    : Column<TRecord>(name, ColumnKind.Boolean, required)
{
    public override void WriteCsv(CsvWriter writer, TRecord record)
        => writer.WriteField(value(record) switch { true => "true", false => "false", null => null });

    public override DataField CreateParquetField() => new DataField<bool?>(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter writer, DataField field, IReadOnlyList<TRecord> batch)
        => WriteValuesAsync(writer, field, batch, value);
}
