using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using NodaTime;
using NodaTime.Text;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.ParquetFiles;

/// <summary>
/// The values of one Parquet column in the current row group, with the conversions a schema column
/// may ask for. Text columns are parsed as CSV cells are; typed columns are converted directly.
/// </summary>
internal abstract class ParquetColumnData(DataField field)
{
    public DataField Field { get; } = field;

    /// <summary>The Parquet column's type, for error messages.</summary>
    public string TypeName => Field.ClrType.Name;

    /// <summary>Whether values of this column can become values of the given kind.</summary>
    public abstract bool CanRead(ColumnKind kind);

    /// <summary>Reads the column's values in a row group.</summary>
    public abstract void Load(ParquetRowGroupReader group, int rows);

    public abstract string? Text(int row);

    public virtual bool IsMissing(int row) => CellText.IsBlank(Text(row));

    public virtual bool TryInstant(int row, out Instant value, [NotNullWhen(false)] out string? reason)
        => CellText.TryParseInstant(Text(row) ?? "", out value, out reason);

    public virtual bool TryDate(int row, out LocalDate value, [NotNullWhen(false)] out string? reason)
        => CellText.TryParseDate(Text(row) ?? "", out value, out reason);

    public virtual bool TryDecimal(int row, out decimal value, [NotNullWhen(false)] out string? reason)
        => CellText.TryParseDecimal(Text(row), out value, out reason);

    public virtual bool TryDouble(int row, out double value, [NotNullWhen(false)] out string? reason)
        => CellText.TryParseDouble(Text(row), out value, out reason);

    public virtual bool TryBoolean(int row, out bool value, [NotNullWhen(false)] out string? reason)
        => CellText.TryParseBoolean(Text(row), out value, out reason);

    /// <summary>The reader of a flat column by its CLR type; <see langword="null"/> for types this library does not read.</summary>
    public static ParquetColumnData? Create(DataField field)
    {
        var type = field.ClrType;
        return type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? new StringColumnData(field)
            : type == typeof(DateTime) ? new TimestampColumnData(field)
            : type == typeof(DateOnly) ? new DateColumnData(field)
            : type == typeof(bool) ? new BooleanColumnData(field)
            : type == typeof(int) ? new NumberColumnData<int>(field)
            : type == typeof(long) ? new NumberColumnData<long>(field)
            : type == typeof(short) ? new NumberColumnData<short>(field)
            : type == typeof(sbyte) ? new NumberColumnData<sbyte>(field)
            : type == typeof(byte) ? new NumberColumnData<byte>(field)
            : type == typeof(ushort) ? new NumberColumnData<ushort>(field)
            : type == typeof(uint) ? new NumberColumnData<uint>(field)
            : type == typeof(ulong) ? new NumberColumnData<ulong>(field)
            : type == typeof(float) ? new NumberColumnData<float>(field)
            : type == typeof(double) ? new NumberColumnData<double>(field)
            : type == typeof(decimal) ? new NumberColumnData<decimal>(field)
            : type == typeof(Guid) ? new ValueColumnData<Guid>(field)
            : null;
    }
}

/// <summary>A UTF-8 text column; every kind is parsed from its text.</summary>
internal sealed class StringColumnData(DataField field) : ParquetColumnData(field)
{
    private string?[] _values = [];

    public override bool CanRead(ColumnKind kind) => true;

    public override void Load(ParquetRowGroupReader group, int rows)
    {
        if (_values.Length < rows)
        {
            _values = new string?[rows];
        }
        Sync.Run(() => group.ReadAsync(Field, _values.AsMemory(0, rows)!, null, CancellationToken.None).AsTask());
    }

    public override string? Text(int row) => _values[row];
}

/// <summary>A column of values of type <typeparamref name="T"/>, read as text only unless a subclass says more.</summary>
internal class ValueColumnData<T>(DataField field) : ParquetColumnData(field)
    where T : struct
{
    private T?[] _values = [];

    public override bool CanRead(ColumnKind kind) => kind == ColumnKind.Text;

    public override void Load(ParquetRowGroupReader group, int rows)
    {
        if (_values.Length < rows)
        {
            _values = new T?[rows];
        }
        Sync.Run(() => group.ReadAsync<T>(Field, _values.AsMemory(0, rows), null, CancellationToken.None).AsTask());
    }

    public override bool IsMissing(int row) => !_values[row].HasValue;

    public override string? Text(int row) => _values[row] is T v ? Format(v) : null;

    protected T Value(int row) => _values[row]!.Value;

    protected virtual string Format(T value)
        => value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
}

/// <summary>Integers, floating-point and decimal numbers: amounts, seconds, counts, scores, and numeric ids as text.</summary>
internal sealed class NumberColumnData<T>(DataField field) : ValueColumnData<T>(field)
    where T : struct, INumberBase<T>
{
    public override bool CanRead(ColumnKind kind)
        => kind is ColumnKind.Text or ColumnKind.Amount or ColumnKind.Seconds or ColumnKind.Integer or ColumnKind.Number;

    public override bool TryDouble(int row, out double value, [NotNullWhen(false)] out string? reason)
    {
        value = double.CreateChecked(Value(row));
        reason = double.IsFinite(value) ? null : "is not a finite number";
        return reason is null;
    }

    public override bool TryDecimal(int row, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        var v = Value(row);
        if (!T.IsFinite(v))
        {
            value = default;
            reason = "is not a finite number";
            return false;
        }
        try
        {
            value = decimal.CreateChecked(v);
            reason = null;
            return true;
        }
        catch (OverflowException)
        {
            value = default;
            reason = "is out of range for a decimal number";
            return false;
        }
    }
}

/// <summary>Timestamps (INT64 or INT96): instants, or dates when the time of day is midnight.</summary>
internal sealed class TimestampColumnData(DataField field) : ValueColumnData<DateTime>(field)
{
    public override bool CanRead(ColumnKind kind) => kind is ColumnKind.Text or ColumnKind.Instant or ColumnKind.Date;

    public override bool TryInstant(int row, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        value = ToInstant(Value(row));
        reason = null;
        return true;
    }

    public override bool TryDate(int row, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        var v = Value(row);
        if (v.TimeOfDay != TimeSpan.Zero)
        {
            value = default;
            reason = "is a timestamp with a time of day: expected a date";
            return false;
        }
        value = LocalDate.FromDateTime(v);
        reason = null;
        return true;
    }

    protected override string Format(DateTime value) => InstantPattern.ExtendedIso.Format(ToInstant(value));

    /// <summary>The value as a wall-clock time, for a timestamp without a time zone read in the input time zone.</summary>
    public LocalDateTime Local(int row) => LocalDateTime.FromDateTime(Value(row));

    // Timestamps without a time zone are taken as UTC (the reader notes that); never as machine-local time.
    private static Instant ToInstant(DateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>DATE columns.</summary>
internal sealed class DateColumnData(DataField field) : ValueColumnData<DateOnly>(field)
{
    public override bool CanRead(ColumnKind kind) => kind is ColumnKind.Text or ColumnKind.Date;

    public override bool TryDate(int row, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        value = LocalDate.FromDateOnly(Value(row));
        reason = null;
        return true;
    }

    protected override string Format(DateOnly value) => LocalDatePattern.Iso.Format(LocalDate.FromDateOnly(value));
}

/// <summary>BOOLEAN columns.</summary>
internal sealed class BooleanColumnData(DataField field) : ValueColumnData<bool>(field)
{
    public override bool CanRead(ColumnKind kind) => kind is ColumnKind.Text or ColumnKind.Boolean;

    public override bool TryBoolean(int row, out bool value, [NotNullWhen(false)] out string? reason)
    {
        value = Value(row);
        reason = null;
        return true;
    }

    protected override string Format(bool value) => value ? "true" : "false";
}
