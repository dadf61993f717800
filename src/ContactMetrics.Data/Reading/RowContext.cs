using System.Diagnostics.CodeAnalysis;
using ContactMetrics.Data.Schemas;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// The current row as a table schema sees it: cells by schema column, parsed to the types the domain
/// records take. A missing cell of a required column, or a cell that does not parse, throws
/// <see cref="RowRejectedException"/>. One instance serves every row of a reader.
/// </summary>
internal sealed class RowContext
{
    private const decimal NanosecondsPerSecond = 1_000_000_000m;

    private readonly RowSource _source;
    private readonly int[] _fileColumns;

    // The source's parsers, bound once rather than per cell.
    private readonly CellParser<Instant> _instant;
    private readonly CellParser<LocalDate> _date;
    private readonly CellParser<decimal> _decimal;
    private readonly CellParser<bool> _boolean;
    private readonly CellParser<double> _double;

    private delegate bool CellParser<T>(int column, out T value, [NotNullWhen(false)] out string? reason);

    /// <param name="source">The rows.</param>
    /// <param name="fileColumns">For each schema ordinal, the 0-based file column, or -1 when the file does not have the column.</param>
    /// <param name="options">The read options.</param>
    public RowContext(RowSource source, int[] fileColumns, TableReadOptions options)
    {
        _source = source;
        _fileColumns = fileColumns;
        Options = options;
        _instant = source.TryGetInstant;
        _date = source.TryGetDate;
        _decimal = source.TryGetDecimal;
        _boolean = source.TryGetBoolean;
        _double = source.TryGetDouble;
    }

    public TableReadOptions Options { get; }

    /// <summary>The id of the record being read, once known, for its error.</summary>
    public string? RecordId { get; set; }

    /// <summary>The 0-based file column of a schema column, or -1.</summary>
    public int FileColumn(Column column) => _fileColumns[column.Ordinal];

    /// <summary>Text of a column that must have a value.</summary>
    public string RequiredText(Column column)
    {
        int f = FileColumn(column);
        if (f < 0 || _source.IsMissing(f))
        {
            throw Missing(column, f);
        }
        return _source.GetText(f)!;
    }

    /// <summary>Text of an optional column; <see langword="null"/> when missing.</summary>
    public string? Text(Column column)
    {
        int f = FileColumn(column);
        return f < 0 || _source.IsMissing(f) ? null : _source.GetText(f);
    }

    /// <summary>An id from a required column, made by the id type's constructor.</summary>
    public TId Id<TId>(Column column, Func<string, TId> create)
        where TId : struct
        => MakeId(column, RequiredText(column), create);

    /// <summary>An id from an optional column; <see langword="null"/> when missing.</summary>
    public TId? OptionalId<TId>(Column column, Func<string, TId> create)
        where TId : struct
        => Text(column) is string text ? MakeId(column, text, create) : null;

    public Channel Channel(Column column)
    {
        string text = RequiredText(column);
        if (!ChannelNames.TryParseChannel(Trimmed(column, text), out var channel))
        {
            throw Reject(column, $"is not a channel: expected one of {string.Join(", ", ChannelNames.ChannelSchemaNames)}");
        }
        return channel;
    }

    /// <summary>The direction; inbound when the column or the value is missing.</summary>
    public Direction Direction(Column column)
    {
        if (Text(column) is not string text)
        {
            return Domain.Direction.Inbound;
        }
        if (!ChannelNames.TryParseDirection(Trimmed(column, text), out var direction))
        {
            throw Reject(column, "is not a direction: expected inbound or outbound");
        }
        return direction;
    }

    /// <summary>The currency; <see cref="TableReadOptions.DefaultCurrency"/> when the column or the value is missing.</summary>
    public Currency Currency(Column column)
    {
        if (Text(column) is not string text)
        {
            return Options.DefaultCurrency ?? throw Missing(column, FileColumn(column));
        }
        if (!Domain.Currency.TryParse(Trimmed(column, text), out var currency))
        {
            throw Reject(column, "is not a currency code: expected three letters (ISO 4217, e.g. EUR)");
        }
        return currency;
    }

    public Instant Instant(Column column) => OptionalInstant(column) ?? throw Missing(column, FileColumn(column));

    public Instant? OptionalInstant(Column column)
        => Optional(column, _instant) is not Instant value ? null
            : CellText.InRange(value) ? value : throw Reject(column, CellText.OutOfRange);

    public LocalDate Date(Column column) => OptionalDate(column) ?? throw Missing(column, FileColumn(column));

    public LocalDate? OptionalDate(Column column)
        => Optional(column, _date) is not LocalDate value ? null
            : CellText.InRange(value) ? value : throw Reject(column, CellText.OutOfRange);

    /// <summary>An amount of money of a required column, at most <see cref="CellText.MaxAmount"/> in absolute value.</summary>
    public decimal Amount(Column column)
    {
        decimal value = Decimal(column);
        return Math.Abs(value) <= CellText.MaxAmount ? value : throw Reject(column, "is beyond the largest amount a table may hold (10^15 in absolute value)");
    }

    public decimal Decimal(Column column) => OptionalDecimal(column) ?? throw Missing(column, FileColumn(column));

    public decimal? OptionalDecimal(Column column) => Optional(column, _decimal);

    /// <summary>A duration given in seconds, rounded to the nanosecond; zero when missing.</summary>
    public Duration Seconds(Column column)
    {
        if (OptionalDecimal(column) is not decimal seconds)
        {
            return Duration.Zero;
        }
        if (Math.Abs(seconds) > CellText.MaxSeconds)
        {
            throw Reject(column, "is longer than 24 days (2073600 s), the longest duration the KPI table keeps");
        }
        try
        {
            return Duration.FromNanoseconds(checked((long)decimal.Round(seconds * NanosecondsPerSecond, MidpointRounding.ToEven)));
        }
        catch (OverflowException)
        {
            throw Reject(column, "is out of range for a duration in seconds");
        }
    }

    /// <summary>A whole number (a decimal point is allowed when the fraction is zero, as in <c>3.0</c>); <see langword="null"/> when missing.</summary>
    public int? Integer(Column column)
    {
        if (OptionalDecimal(column) is not decimal value)
        {
            return null;
        }
        if (decimal.Truncate(value) != value)
        {
            throw Reject(column, "is not a whole number");
        }
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Reject(column, "is out of range for a whole number");
        }
        return (int)value;
    }

    /// <summary>A finite real number of a required column.</summary>
    public double Double(Column column) => Optional(column, _double) ?? throw Missing(column, FileColumn(column));

    public bool? Boolean(Column column) => Optional(column, _boolean);

    public RowRejectedException Reject(Column column, string reason) => new(FileColumn(column), column.Name, reason);

    /// <summary>The parsed value of an optional cell; <see langword="null"/> when missing.</summary>
    private T? Optional<T>(Column column, CellParser<T> parse)
        where T : struct
    {
        int f = FileColumn(column);
        if (f < 0 || _source.IsMissing(f))
        {
            return null;
        }
        return parse(f, out var value, out var reason) ? value : throw Reject(column, reason);
    }

    /// <summary>The text without blanks around it, noted as a coerced value when there were some.</summary>
    private string Trimmed(Column column, string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length != text.Length)
        {
            _source.Coerced(FileColumn(column), Coercion.Trimmed);
        }
        return trimmed;
    }

    private static RowRejectedException Missing(Column column, int fileColumn)
        => new(fileColumn, column.Name, "is required");

    private TId MakeId<TId>(Column column, string text, Func<string, TId> create)
    {
        try
        {
            return create(text);
        }
        catch (ArgumentException)
        {
            throw Reject(column, "must not start or end with white space");
        }
    }
}
