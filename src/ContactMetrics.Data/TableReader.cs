using System.Collections;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using ContactMetrics.Domain;

namespace ContactMetrics.Data;

/// <summary>
/// Streams the records of one table file, a row at a time (CSV) or a row group at a time (Parquet),
/// and keeps a <see cref="ValidationReport"/> of what it read and rejected. Open one with the
/// <see cref="Tables"/> methods; enumerate it once; dispose it to close the file.
/// </summary>
/// <typeparam name="T">The record type: <see cref="Interaction"/>, <see cref="Customer"/>, <see cref="Purchase"/>, <see cref="Touchpoint"/> or <see cref="Conversion"/>.</typeparam>
/// <remarks>
/// The header has been checked when the reader is returned. Invalid rows are handled as
/// <see cref="TableReadOptions.Mode"/> says: <see cref="RowErrorMode.FailFast"/> throws a
/// <see cref="TableFormatException"/> from the enumeration; <see cref="RowErrorMode.Collect"/> skips
/// the row and records it in <see cref="Report"/>. Not thread-safe.
/// </remarks>
public sealed class TableReader<T> : IEnumerable<T>, IDisposable
{
    private readonly RowSource _source;
    private readonly Table<T> _table;
    private readonly TableReadOptions _options;
    private readonly RowContext _row;
    private readonly List<RowError> _errors = [];
    private readonly RejectionGroups _groups = new();

    /// <summary>Rows between two progress reports, minus one (65,536 rows).</summary>
    private const long ProgressMask = (1 << 16) - 1;
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, long> _firstLocation = new(StringComparer.Ordinal);
    private long _accepted;
    private long _rejected;
    private bool _complete;
    private bool _enumerated;
    private bool _disposed;

    internal TableReader(RowSource source, Table<T> table, TableReadOptions? options)
    {
        _source = source;
        _table = table;
        _options = options ?? TableReadOptions.Default;
        try
        {
            _row = new RowContext(source, HeaderBinding.Bind(source, table, _options, _notes), _options);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string File => _source.File;

    /// <summary>The table's schema name, e.g. <c>interactions</c>.</summary>
    public string Table => _table.Name;

    /// <summary>The file's format.</summary>
    public TableFormat Format => _source.Format;

    /// <summary>
    /// What has been read so far; complete (<see cref="ValidationReport.IsComplete"/>) once the
    /// enumeration has reached the end of the file. Each call returns a new snapshot.
    /// </summary>
    public ValidationReport Report
        => new(_source.File, _table.Name, _source.Format, _accepted, _rejected, _errors.ToArray(), _notes.ToArray(), _complete) { RejectionGroups = _groups.ToArray() };

    /// <summary>Returns the enumerator over the records. A reader can be enumerated once.</summary>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The reader has already been enumerated.</exception>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public IEnumerator<T> GetEnumerator()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_enumerated)
        {
            throw new InvalidOperationException($"A TableReader reads its file once; it has already been enumerated ({_source.File}). Open the file again to read it again.");
        }
        _enumerated = true;
        return Enumerate();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Closes the file. The report stays available.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _source.Dispose();
        }
    }

    private IEnumerator<T> Enumerate()
    {
        while (TryReadNext(out var record))
        {
            yield return record;
        }
    }

    private bool TryReadNext(out T record)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _options.CancellationToken.ThrowIfCancellationRequested();
            if (_options.Progress is { } progress && ((_accepted + _rejected) & ProgressMask) == 0 && _accepted + _rejected > 0)
            {
                progress.Report(_accepted + _rejected);
            }
            if (!_source.MoveNext())
            {
                _options.Progress?.Report(_accepted + _rejected);
                _complete = true;
                Dispose();
                record = default!;
                return false;
            }
            var error = ReadRow(out record);
            if (error is null)
            {
                _accepted++;
                return true;
            }
            _rejected++;
            _groups.Add(error);
            if (_errors.Count < _options.MaxErrorsKept)
            {
                _errors.Add(error);
            }
            if (_options.Mode == RowErrorMode.FailFast)
            {
                throw new TableFormatException(error);
            }
        }
    }

    /// <returns>The error of an invalid row; <see langword="null"/> when <paramref name="record"/> was read.</returns>
    private RowError? ReadRow(out T record)
    {
        record = default!;
        if (_source.RowProblem is string problem)
        {
            return _source.RowProblemColumn is int column
                ? new RowError(_source.File, _source.Format, _source.CellLocation(column), column + 1, _source.ColumnNames[column].Trim(), _source.GetText(column), problem, null)
                : new RowError(_source.File, _source.Format, _source.RowLocation, null, null, null, problem, null);
        }
        _row.RecordId = null;
        try
        {
            record = _table.Read(_row);
            return Repeated(record);
        }
        catch (RowRejectedException e)
        {
            return CellError(e.FileColumn, e.ColumnName, null, e.Reason, _row.RecordId);
        }
        catch (InvalidRecordException e)
        {
            var column = _table.Find(e.Field);
            int fileColumn = column is null ? -1 : _row.FileColumn(column);
            return CellError(fileColumn, e.Field, e.Value, e.Reason, e.RecordId);
        }
        catch (ArgumentException e)
        {
            return new RowError(_source.File, _source.Format, _source.RowLocation, null, null, null, e.Message, _row.RecordId);
        }
    }

    /// <summary>A row whose key an earlier row of the file already has would be counted twice: it is rejected, naming the first.</summary>
    private RowError? Repeated(T record)
    {
        if (_table.UniqueKey(record) is not var (key, column, what))
        {
            return null;
        }
        long location = _source.RowLocation;
        if (_firstLocation.TryAdd(key, location))
        {
            return null;
        }
        string unit = _source.Format == TableFormat.Csv ? "line" : "row";
        return CellError(_row.FileColumn(column), column.Name, null,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"repeats the {what} of {unit} {_firstLocation[key]}; each may appear once, or it would be counted twice"),
            _row.RecordId);
    }

    private RowError CellError(int fileColumn, string schemaName, string? fallbackValue, string reason, string? recordId)
    {
        if (fileColumn < 0)
        {
            return new RowError(_source.File, _source.Format, _source.RowLocation, null, schemaName, fallbackValue, reason, recordId);
        }
        string? value = _source.ValueForError(fileColumn);
        return new RowError(_source.File, _source.Format, _source.CellLocation(fileColumn), fileColumn + 1,
            _source.ColumnNames[fileColumn].Trim(), value, reason, recordId);
    }
}
