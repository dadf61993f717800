using System.Diagnostics.CodeAnalysis;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using NodaTime;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.ParquetFiles;

/// <summary>
/// The rows of a Parquet file, read a row group at a time and only in the columns the schema uses.
/// Locations are 1-based row numbers across row groups.
/// </summary>
internal sealed class ParquetRowSource : RowSource
{
    private static readonly ParquetOptions ReaderOptions = new()
    {
        TreatByteArrayAsString = true,
        UseDateOnlyTypeForDates = true,
    };

    private readonly ParquetReader _reader;
    private readonly Field[] _fields;
    private readonly string[] _names;
    private ParquetColumnData?[] _columns = [];
    private ParquetColumnData[] _used = [];
    private readonly HashSet<int> _naive = [];
    private int _nextGroup;
    private int _groupRows;
    private int _row = -1;
    private long _rowNumber;

    public ParquetRowSource(Stream stream, bool leaveOpen, string file)
        : base(file, TableFormat.Parquet)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException($"Reading Parquet needs a readable, seekable stream ({file}); copy it to a file or a MemoryStream first.", nameof(stream));
        }
        // The library would loop without end on some damaged footers (a list size past the end): walk the footer first.
        if (ParquetFooterCheck.Damage(stream) is { } damage)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }
            throw new TableFormatException(file, TableFormat.Parquet, null, null, null, null, $"is not a readable Parquet file: {damage}");
        }
        ParquetReader? reader = null;
        try
        {
            reader = Sync.Run(() => ParquetReader.CreateAsync(stream, ReaderOptions, leaveOpen, CancellationToken.None));
            _fields = reader.Schema.Fields.ToArray();
            _names = _fields.Select(f => f.Name).ToArray();
            _ = reader.RowGroupCount;
            _reader = reader;
        }
        catch (Exception e) when (IsDamage(e))
        {
            if (reader is not null)
            {
                try
                {
                    Sync.Run(() => reader.DisposeAsync().AsTask());
                }
                catch (Exception disposal) when (IsDamage(disposal))
                {
                    // The file is already reported as damaged; a failure to close it adds nothing.
                }
            }
            if (!leaveOpen)
            {
                stream.Dispose();
            }
            throw new TableFormatException(file, TableFormat.Parquet, null, null, null, null, $"is not a readable Parquet file: its metadata is damaged or unsupported ({e.GetType().Name}: {OneLine(e.Message)})", innerException: e);
        }
    }

    /// <summary>
    /// What the Parquet library throws on a damaged file: besides I/O and format errors, a corrupt footer surfaces as
    /// Thrift, overflow, index, null-reference or out-of-memory exceptions from deep inside. At this boundary they all
    /// mean one thing for the caller: the file cannot be read.
    /// </summary>
    private static bool IsDamage(Exception e) => e is not (TableFormatException or OperationCanceledException or StackOverflowException);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    public override IReadOnlyList<string> ColumnNames => _names;

    public override long RowLocation => _rowNumber;

    public override void Prepare(IReadOnlyList<(int FileColumn, ColumnKind Kind, string SchemaName)> columns, ICollection<string> notes)
    {
        _columns = new ParquetColumnData?[_fields.Length];
        foreach (var (fileColumn, kind, schemaName) in columns)
        {
            var field = _fields[fileColumn];
            if (field is not DataField { IsArray: false, MaxRepetitionLevel: 0 } dataField)
            {
                throw TypeError(fileColumn, "is a nested or repeated Parquet column: expected a flat column");
            }
            var data = ParquetColumnData.Create(dataField);
            if (data is null || !data.CanRead(kind))
            {
                throw TypeError(fileColumn, $"has Parquet type {(data?.TypeName ?? dataField.ClrType.Name)}, which cannot hold {Describe(kind)}");
            }
            if (kind == ColumnKind.Instant && dataField.SchemaElement?.LogicalType?.TIMESTAMP is { IsAdjustedToUTC: false })
            {
                _naive.Add(fileColumn);
                notes.Add($"column {fileColumn + 1} '{field.Name}' is a timestamp without time zone; its values were read as {(Parsing.Zone is { } zone ? $"{zone.Id} local times (the input time zone)" : "UTC")}");
            }
            _columns[fileColumn] = data;
        }
        _used = _columns.OfType<ParquetColumnData>().ToArray();
    }

    public override bool MoveNext()
    {
        while (_row + 1 >= _groupRows)
        {
            if (_nextGroup >= _reader.RowGroupCount)
            {
                return false;
            }
            LoadGroup(_nextGroup++);
        }
        _row++;
        _rowNumber++;
        return true;
    }

    public override string? GetText(int column) => _columns[column]!.Text(_row);

    public override bool IsMissing(int column) => _columns[column]!.IsMissing(_row);

    // Text columns are parsed as CSV cells are (RowSource's parsers, with the read options); typed ones are converted.
    private bool IsText(int column) => _columns[column] is StringColumnData;

    public override bool TryGetInstant(int column, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        if (IsText(column))
        {
            return base.TryGetInstant(column, out value, out reason);
        }
        if (Parsing.Zone is not null && _naive.Contains(column) && _columns[column] is TimestampColumnData timestamps)
        {
            // Read as wall-clock times of the input zone; the header note says so, a repeated (fall-back) hour is noted here.
            bool read = Parsing.TryMapLocal(timestamps.Local(_row), out value, out reason, out var coercion);
            Coerced(column, coercion == Coercion.AmbiguousLocalTime ? coercion : Coercion.None);
            return read;
        }
        return _columns[column]!.TryInstant(_row, out value, out reason);
    }

    public override bool TryGetDate(int column, out LocalDate value, [NotNullWhen(false)] out string? reason)
        => IsText(column) ? base.TryGetDate(column, out value, out reason) : _columns[column]!.TryDate(_row, out value, out reason);

    public override bool TryGetDecimal(int column, out decimal value, [NotNullWhen(false)] out string? reason)
        => IsText(column) ? base.TryGetDecimal(column, out value, out reason) : _columns[column]!.TryDecimal(_row, out value, out reason);

    public override bool TryGetDouble(int column, out double value, [NotNullWhen(false)] out string? reason)
        => IsText(column) ? base.TryGetDouble(column, out value, out reason) : _columns[column]!.TryDouble(_row, out value, out reason);

    public override bool TryGetBoolean(int column, out bool value, [NotNullWhen(false)] out string? reason)
        => IsText(column) ? base.TryGetBoolean(column, out value, out reason) : _columns[column]!.TryBoolean(_row, out value, out reason);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                Sync.Run(() => _reader.DisposeAsync().AsTask());
            }
            catch (Exception e) when (IsDamage(e))
            {
                // Closing a damaged file may fail again; the read already reported the damage.
            }
        }
    }

    private void LoadGroup(int index)
    {
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            int rows = checked((int)group.RowCount);
            foreach (var column in _used)
            {
                column.Load(group, rows);
            }
            _groupRows = rows;
            _row = -1;
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new TableFormatException(File, Format, _rowNumber + 1, null, null, null, $"cannot be read: row group {index + 1} is damaged or unsupported ({e.GetType().Name}: {OneLine(e.Message)})", innerException: e);
        }
    }

    private TableFormatException TypeError(int fileColumn, string reason)
        => new(File, Format, null, fileColumn + 1, _names[fileColumn], null, reason);

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Instant => "instants: expected a timestamp or ISO-8601 text",
        ColumnKind.Date => "dates: expected DATE, a timestamp at midnight, or yyyy-MM-dd text",
        ColumnKind.Amount => "amounts: expected a number or text",
        ColumnKind.Seconds => "durations in seconds: expected a number or text",
        ColumnKind.Number => "numbers: expected a number or text",
        ColumnKind.Integer => "whole numbers: expected a number or text",
        ColumnKind.Boolean => "booleans: expected BOOLEAN or true/false text",
        _ => "text",
    };
}
