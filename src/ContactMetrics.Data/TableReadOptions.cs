using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data;

/// <summary>
/// How a table is read: what happens to invalid rows, defaults for absent columns, and how the text of an export
/// from another tool is read (delimiter, decimal comma, date format, the time zone of local times, a column map).
/// </summary>
/// <remarks>
/// Immutable; create one with an object initializer, e.g. <c>new TableReadOptions { Mode = RowErrorMode.Collect }</c>, or
/// change a copy with <c>with</c>: <c>options with { Mode = RowErrorMode.Collect }</c>.
/// </remarks>
public sealed record TableReadOptions
{
    private readonly int _maxErrorsKept = 1000;
    private readonly char _delimiter = ',';
    private readonly DateFormat? _dateFormat;

    /// <summary>The defaults: fail fast, no default currency, keep up to 1000 errors.</summary>
    public static TableReadOptions Default { get; } = new();

    /// <summary>Fail fast on the first invalid row (the default), or collect invalid rows and go on.</summary>
    public RowErrorMode Mode { get; init; }

    /// <summary>
    /// The currency of <c>purchases</c> and <c>conversions</c> rows whose <c>currency</c> cell is empty,
    /// or of every row when the file has no <c>currency</c> column. <see langword="null"/> (the default)
    /// makes the <c>currency</c> column and its values required.
    /// </summary>
    public Currency? DefaultCurrency { get; init; }

    /// <summary>
    /// How many row errors the <see cref="ValidationReport"/> keeps (1000 by default). Rows rejected beyond
    /// that are still counted in <see cref="ValidationReport.RowsRejected"/>, so that a badly broken
    /// file does not fill memory with errors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxErrorsKept
    {
        get => _maxErrorsKept;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxErrorsKept must be at least 0; was {value}.");
            }
            _maxErrorsKept = value;
        }
    }

    /// <summary>The characters <see cref="Delimiter"/> may be: comma, semicolon, tab and vertical bar.</summary>
    public static IReadOnlyList<char> Delimiters { get; } = [',', ';', '\t', '|'];

    /// <summary>
    /// The character between the cells of a CSV row: <c>,</c> (the default), <c>;</c> (Excel where the decimal separator
    /// is a comma), a tab or <c>|</c>. Quoting works the same for each (RFC 4180).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of <see cref="Delimiters"/>.</exception>
    public char Delimiter
    {
        get => _delimiter;
        init => _delimiter = Delimiters.Contains(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Delimiter must be ',', ';', a tab or '|'; was '{value}'.");
    }

    /// <summary>
    /// Whether numbers in CSV text have a comma as the decimal separator (<c>12,5</c>), as European spreadsheets write
    /// them. A number with a point is then rejected (it could be a thousands separator). <see langword="false"/> by default:
    /// the decimal separator is a point.
    /// </summary>
    public bool DecimalComma { get; init; }

    /// <summary>
    /// A NodaTime pattern for the instants and dates in CSV text, such as <c>dd/MM/yyyy HH:mm</c> or
    /// <c>dd.MM.yyyy HH:mm:ss o&lt;+HH:mm&gt;</c>; <see langword="null"/> (the default) for ISO-8601 only. ISO-8601 is
    /// still accepted beside the pattern. A pattern without an offset gives local times, which need
    /// <see cref="InputTimeZone"/>. Date columns read the pattern's date part (the text before the first hour field,
    /// <c>dd/MM/yyyy</c> here).
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a valid NodaTime date and time pattern.</exception>
    public string? DateFormat
    {
        get => _dateFormat?.Text;
        init => _dateFormat = value is null ? null : Reading.DateFormat.Create(value);
    }

    /// <summary>
    /// The time zone of instants written without a UTC offset (local times, such as <c>2025-03-30 01:30</c>), as an
    /// export from a system set to local time writes them; <see langword="null"/> (the default) rejects such values.
    /// A local time the clocks skip (spring forward) is a rejected row; one they repeat (fall back) is read at the
    /// earlier of its two instants, the first occurrence, with a note. Parquet timestamps without a time zone, and
    /// <see cref="DateTime"/> values not of kind UTC from a DbDataReader, are read in this zone too (otherwise as UTC,
    /// with a note).
    /// </summary>
    public DateTimeZone? InputTimeZone { get; init; }

    /// <summary>
    /// Which file column each schema column is read from when the names differ (<c>customer_id</c> from <c>ID</c>);
    /// <see langword="null"/> (the default) to match names only.
    /// </summary>
    public ColumnMap? ColumnMap { get; init; }

    internal DateFormat? ParsedDateFormat => _dateFormat;

    /// <summary>Stops reading: checked before every row; the reader then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives the rows read so far (accepted + rejected) every 65,536 rows and at the end of the file; null for none.</summary>
    public IProgress<long>? Progress { get; init; }
}
