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
    private readonly IReadOnlyList<Func<RowSource>> _parts;
    private readonly string _name;
    private readonly TableFormat _format;
    private readonly Table<T> _table;
    private readonly TableReadOptions _options;
    private readonly TextParsing _parsing;
    private RowSource _source;
    private RowContext _row;
    private int _part;
    private readonly List<RowError> _errors = [];
    private readonly RejectionGroups _groups = new();

    /// <summary>Rows between two progress reports, minus one (65,536 rows).</summary>
    private const long ProgressMask = (1 << 16) - 1;
    private readonly List<string> _notes = [];
    private readonly List<(string File, TableFormat Format)> _partFiles = [];
    private long _accepted;
    private long _rejected;
    private bool _complete;
    private bool _enumerated;
    private bool _disposed;

    internal TableReader(RowSource source, Table<T> table, TableReadOptions? options)
        : this([() => source], source.File, table, options)
    {
    }

    /// <param name="parts">Opens each file of the table in turn (a folder or glob of files is one table); at least one.</param>
    /// <param name="name">The name of the whole (the file, folder or glob).</param>
    /// <param name="table">The schema.</param>
    /// <param name="options">The read options.</param>
    internal TableReader(IReadOnlyList<Func<RowSource>> parts, string name, Table<T> table, TableReadOptions? options)
    {
        _parts = parts;
        _name = name;
        _table = table;
        _options = options ?? TableReadOptions.Default;
        _parsing = new TextParsing(_options);
        (_source, _row) = OpenPart(0);
        _format = _source.Format;
    }

    /// <summary>Opens part <paramref name="index"/> and matches its header; the source is disposed when that fails.</summary>
    private (RowSource, RowContext) OpenPart(int index)
    {
        var source = _parts[index]();
        try
        {
            source.Parsing = _parsing;
            var notes = new List<string>();
            var row = new RowContext(source, HeaderBinding.Bind(source, _table, _options, notes), _options);
            AddNotes(source, notes);
            _partFiles.Add((source.File, source.Format));
            return (source, row);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a part's notes, each once; with several parts, each names its file.</summary>
    private void AddNotes(RowSource source, IEnumerable<string> notes)
    {
        foreach (string note in notes)
        {
            string text = _parts.Count > 1 ? $"{source.File}: {note}" : note;
            if (!_notes.Contains(text))
            {
                _notes.Add(text);
            }
        }
    }

    /// <summary>
    /// Where the keys of the rows read so far are kept, to reject a row whose key an earlier row has; by default a hash map
    /// of the keys. Set before the enumeration starts (a reader that streams into a table looks keys up in the table).
    /// </summary>
    internal KeyIndex Keys { get; set; } = new DictionaryKeyIndex();

    /// <summary>The file (or stream name) being read.</summary>
    public string File => _name;

    /// <summary>The table's schema name, e.g. <c>interactions</c>.</summary>
    public string Table => _table.Name;

    /// <summary>The file's format.</summary>
    public TableFormat Format => _format;

    /// <summary>
    /// What has been read so far; complete (<see cref="ValidationReport.IsComplete"/>) once the
    /// enumeration has reached the end of the file. Each call returns a new snapshot.
    /// </summary>
    public ValidationReport Report
        => new(_name, _table.Name, _format, _accepted, _rejected, _errors.ToArray(), Notes(), _complete) { RejectionGroups = _groups.ToArray() };

    /// <summary>The notes so far, with the coerced values of the file being read.</summary>
    private string[] Notes()
    {
        var notes = new List<string>(_notes);
        if (!_complete)
        {
            notes.AddRange(_source.CoercionNotes().Select(n => _parts.Count > 1 ? $"{_source.File}: {n}" : n));
        }
        return notes.ToArray();
    }

    /// <summary>Returns the enumerator over the records. A reader can be enumerated once.</summary>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The reader has already been enumerated.</exception>
    /// <exception cref="ObjectDisposedException">The reader has been disposed.</exception>
    public IEnumerator<T> GetEnumerator()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_enumerated)
        {
            throw new InvalidOperationException($"A TableReader reads its file once; it has already been enumerated ({_name}). Open the file again to read it again.");
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
                AddNotes(_source, _source.CoercionNotes());
                if (_part + 1 < _parts.Count)
                {
                    _source.Dispose();
                    (_source, _row) = OpenPart(++_part);
                    continue;
                }
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
        if (Keys.TryAdd(key, KeyIndex.Location(_part, _source.RowLocation), out long firstLocation))
        {
            return null;
        }
        var (part, row) = KeyIndex.PartAndRow(firstLocation);
        string first = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(_partFiles[part].Format == TableFormat.Csv ? "line" : "row")} {row}");
        string where = part == _part ? first : $"{first} of {_partFiles[part].File}";
        return CellError(_row.FileColumn(column), column.Name, null,
            $"repeats the {what} of {where}; each may appear once, or it would be counted twice",
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
