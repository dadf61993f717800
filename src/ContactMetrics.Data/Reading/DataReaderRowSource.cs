using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ContactMetrics.Data.Schemas;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// The rows of an ADO.NET <see cref="DbDataReader"/> (a query on any database, a <c>DataTable</c>), converted from the
/// provider's typed values: <see cref="DateTimeOffset"/>, <see cref="DateTime"/>, <see cref="DateOnly"/> and NodaTime
/// values for instants and dates, any numeric type for numbers, <see cref="TimeSpan"/> for durations, and text parsed
/// as in a CSV file. Locations are 1-based row numbers. The reader belongs to the caller and is left open.
/// </summary>
internal sealed class DataReaderRowSource : RowSource
{
    private readonly DbDataReader _reader;
    private readonly string[] _names;
    private readonly long[] _cachedRow;
    private readonly object?[] _cachedValue;
    private readonly string?[] _cachedProblem;
    private long _row;

    public DataReaderRowSource(DbDataReader reader, string name)
        : base(name, TableFormat.DataReader)
    {
        _reader = reader;
        _names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        _cachedRow = new long[_names.Length];
        _cachedValue = new object?[_names.Length];
        _cachedProblem = new string?[_names.Length];
    }

    public override IReadOnlyList<string> ColumnNames => _names;

    public override long RowLocation => _row;

    public override void Prepare(IReadOnlyList<(int FileColumn, ColumnKind Kind, string SchemaName)> columns, ICollection<string> notes)
    {
        foreach (var (fileColumn, kind, _) in columns)
        {
            // A DateTime carries no offset; one of kind Utc (timestamptz in Npgsql) is exact, the others are read as UTC.
            if (kind == ColumnKind.Instant && _reader.GetFieldType(fileColumn) == typeof(DateTime))
            {
                notes.Add($"column {fileColumn + 1} '{_names[fileColumn]}' is a DateTime column: values without DateTimeKind.Utc were read as {(Parsing.Zone is { } zone ? $"{zone.Id} local times (the input time zone)" : "UTC")}");
            }
        }
    }

    public override bool MoveNext()
    {
        if (!_reader.Read())
        {
            return false;
        }
        _row++;
        return true;
    }

    /// <summary>Missing: DBNull or blank text. A cell the provider cannot produce is not missing: reading it rejects the row.</summary>
    public override bool IsMissing(int column) => TryValue(column, out object? value, out _)
        && (value is null || (value is string text && CellText.IsBlank(text)));

    public override string? ValueForError(int column) => TryValue(column, out _, out _) ? base.ValueForError(column) : null;

    public override string? GetText(int column)
    {
        if (!TryValue(column, out object? value, out string? problem))
        {
            throw new RowRejectedException(column, _names[column], problem);
        }
        return value switch
        {
            null => null,
            string text => text,
            DateTimeOffset offset => InstantPattern.ExtendedIso.Format(Instant.FromDateTimeOffset(offset)),
            DateTime time => InstantPattern.ExtendedIso.Format(AsInstant(time)),
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    public override bool TryGetInstant(int column, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        value = default;
        if (!TryValue(column, out object? cell, out reason))
        {
            return false;
        }
        switch (cell)
        {
            case DateTimeOffset offset:
                value = Instant.FromDateTimeOffset(offset);
                return true;
            case DateTime { Kind: not DateTimeKind.Utc } local when Parsing.Zone is not null:
                // A wall-clock time of the input zone; the header note says so, a repeated (fall-back) hour is noted here.
                bool read = Parsing.TryMapLocal(LocalDateTime.FromDateTime(local), out value, out reason, out var coercion);
                Coerced(column, coercion == Coercion.AmbiguousLocalTime ? coercion : Coercion.None);
                return read;
            case DateTime time:
                value = AsInstant(time);
                return true;
            case Instant instant:
                value = instant;
                return true;
            case OffsetDateTime offsetTime:
                value = offsetTime.ToInstant();
                return true;
            case ZonedDateTime zoned:
                value = zoned.ToInstant();
                return true;
            case string text:
                bool parsed = Parsing.TryParseInstant(text, out value, out reason, out var textCoercion);
                Coerced(column, textCoercion);
                return parsed;
            default:
                reason = $"is a {cell!.GetType().Name}: expected a timestamp (DateTimeOffset, DateTime) or ISO-8601 text";
                return false;
        }
    }

    public override bool TryGetDate(int column, out LocalDate value, [NotNullWhen(false)] out string? reason)
    {
        value = default;
        if (!TryValue(column, out object? cell, out reason))
        {
            return false;
        }
        switch (cell)
        {
            case DateOnly date:
                value = LocalDate.FromDateOnly(date);
                return true;
            case LocalDate local:
                value = local;
                return true;
            case DateTime time when time.TimeOfDay == TimeSpan.Zero:
                value = LocalDate.FromDateTime(time);
                return true;
            case string text:
                return CellText.TryParseDate(text, out value, out reason);
            default:
                reason = $"is a {cell!.GetType().Name} ({GetText(column)}): expected a date (DateOnly, a DateTime at midnight) or yyyy-MM-dd text";
                return false;
        }
    }

    public override bool TryGetDecimal(int column, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        value = default;
        if (!TryValue(column, out object? cell, out reason))
        {
            return false;
        }
        switch (cell)
        {
            case decimal number:
                value = number;
                return true;
            case TimeSpan span:
                // An interval column where the schema has seconds.
                value = span.Ticks / (decimal)TimeSpan.TicksPerSecond;
                return true;
            case Duration duration:
                value = duration.ToInt64Nanoseconds() / 1_000_000_000m;
                return true;
            case double or float:
                double real = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                // decimal holds about +-7.9e28; a larger double (or NaN, infinity) has no decimal value.
                if (!double.IsFinite(real) || Math.Abs(real) >= 7.9e28)
                {
                    reason = $"is {real.ToString("R", CultureInfo.InvariantCulture)}: expected a finite number within decimal's range";
                    return false;
                }
                value = (decimal)real;
                return true;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                value = Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
                return true;
            case string text:
                return CellText.TryParseDecimal(text, out value, out reason);
            default:
                reason = $"is a {cell!.GetType().Name}: expected a number";
                return false;
        }
    }

    public override bool TryGetDouble(int column, out double value, [NotNullWhen(false)] out string? reason)
    {
        value = default;
        if (!TryValue(column, out object? cell, out reason))
        {
            return false;
        }
        switch (cell)
        {
            case double or float or decimal or sbyte or byte or short or ushort or int or uint or long or ulong:
                value = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                if (!double.IsFinite(value))
                {
                    reason = $"is {value.ToString("R", CultureInfo.InvariantCulture)}: expected a finite number";
                    return false;
                }
                return true;
            case string text:
                return CellText.TryParseDouble(text, out value, out reason);
            default:
                reason = $"is a {cell!.GetType().Name}: expected a number";
                return false;
        }
    }

    public override bool TryGetBoolean(int column, out bool value, [NotNullWhen(false)] out string? reason)
    {
        value = default;
        if (!TryValue(column, out object? cell, out reason))
        {
            return false;
        }
        switch (cell)
        {
            case bool flag:
                value = flag;
                return true;
            // Decimal holds every integer type, ulong above long.MaxValue too (no overflow): only 0 and 1 are flags.
            case sbyte or byte or short or ushort or int or uint or long or ulong when Convert.ToDecimal(cell, CultureInfo.InvariantCulture) is 0m or 1m:
                value = Convert.ToDecimal(cell, CultureInfo.InvariantCulture) == 1m;
                return true;
            case string text:
                return CellText.TryParseBoolean(text, out value, out reason);
            default:
                reason = $"is {GetText(column)}: expected a boolean (true/false, or 1/0)";
                return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The reader is the caller's: it stays open.
    }

    private static Instant AsInstant(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => Instant.FromDateTimeUtc(time),
        DateTimeKind.Local => Instant.FromDateTimeUtc(time.ToUniversalTime()),
        _ => Instant.FromDateTimeUtc(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };

    /// <summary>
    /// The provider's value of a cell (null for DBNull), fetched once per row and cell (a cell is asked whether it is
    /// missing, then parsed); a provider that cannot produce it gives the reason.
    /// </summary>
    private bool TryValue(int column, out object? value, [NotNullWhen(false)] out string? reason)
    {
        if (_cachedRow[column] != _row)
        {
            try
            {
                _cachedValue[column] = _reader.IsDBNull(column) ? null : _reader.GetValue(column);
                _cachedProblem[column] = null;
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or NotSupportedException or ArgumentException)
            {
                _cachedValue[column] = null;
                _cachedProblem[column] = $"cannot be read from the data reader: {e.Message}";
            }
            _cachedRow[column] = _row;
        }
        value = _cachedValue[column];
        reason = _cachedProblem[column];
        return reason is null;
    }
}
