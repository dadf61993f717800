using System.Diagnostics.CodeAnalysis;
using ContactMetrics.Data.Schemas;
using NodaTime;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// A file of a hive-partitioned folder (<c>channel=phone/part-0.parquet</c>) with its partition values as columns, as
/// DuckDB's <c>hive_partitioning</c> reads them: a key the file does not have as a column becomes a column whose every
/// cell is the folder's value (the file's own column wins when it has one).
/// </summary>
internal sealed class HivePartitionSource : RowSource
{
    private readonly RowSource _inner;
    private readonly int _fileColumns;
    private readonly string[] _names;
    private readonly string[] _values;

    private HivePartitionSource(RowSource inner, IReadOnlyList<(string Key, string Value)> partitions)
        : base(inner.File, inner.Format)
    {
        _inner = inner;
        _fileColumns = inner.ColumnNames.Count;
        _names = [.. inner.ColumnNames, .. partitions.Select(p => p.Key)];
        _values = [.. partitions.Select(p => p.Value)];
    }

    /// <summary><paramref name="source"/> with the partitions it lacks as columns; the source itself when it lacks none.</summary>
    public static RowSource Wrap(RowSource source, IReadOnlyList<(string Key, string Value)> partitions)
    {
        var missing = partitions.Where(p => !source.ColumnNames.Any(n => string.Equals(n.Trim(), p.Key, StringComparison.OrdinalIgnoreCase))).ToList();
        return missing.Count == 0 ? source : new HivePartitionSource(source, missing);
    }

    private bool IsPartition(int column) => column >= _fileColumns;

    public override IReadOnlyList<string> ColumnNames => _names;

    public override long? HeaderLine => _inner.HeaderLine;

    public override long RowLocation => _inner.RowLocation;

    public override string? RowProblem => _inner.RowProblem;

    public override int? RowProblemColumn => _inner.RowProblemColumn;

    public override TextParsing Parsing
    {
        get => _inner.Parsing;
        set => _inner.Parsing = value;
    }

    public override void Prepare(IReadOnlyList<(int FileColumn, ColumnKind Kind, string SchemaName)> columns, ICollection<string> notes)
        => _inner.Prepare([.. columns.Where(c => !IsPartition(c.FileColumn))], notes);

    public override bool MoveNext() => _inner.MoveNext();

    public override long CellLocation(int column) => IsPartition(column) ? _inner.RowLocation : _inner.CellLocation(column);

    public override string? GetText(int column) => IsPartition(column) ? _values[column - _fileColumns] : _inner.GetText(column);

    public override string? ValueForError(int column) => IsPartition(column) ? base.ValueForError(column) : _inner.ValueForError(column);

    public override bool IsMissing(int column) => IsPartition(column) ? base.IsMissing(column) : _inner.IsMissing(column);

    public override bool TryGetInstant(int column, out Instant value, [NotNullWhen(false)] out string? reason)
        => IsPartition(column) ? base.TryGetInstant(column, out value, out reason) : _inner.TryGetInstant(column, out value, out reason);

    public override bool TryGetDate(int column, out LocalDate value, [NotNullWhen(false)] out string? reason)
        => IsPartition(column) ? base.TryGetDate(column, out value, out reason) : _inner.TryGetDate(column, out value, out reason);

    public override bool TryGetDecimal(int column, out decimal value, [NotNullWhen(false)] out string? reason)
        => IsPartition(column) ? base.TryGetDecimal(column, out value, out reason) : _inner.TryGetDecimal(column, out value, out reason);

    public override bool TryGetDouble(int column, out double value, [NotNullWhen(false)] out string? reason)
        => IsPartition(column) ? base.TryGetDouble(column, out value, out reason) : _inner.TryGetDouble(column, out value, out reason);

    public override bool TryGetBoolean(int column, out bool value, [NotNullWhen(false)] out string? reason)
        => IsPartition(column) ? base.TryGetBoolean(column, out value, out reason) : _inner.TryGetBoolean(column, out value, out reason);

    public override IEnumerable<string> CoercionNotes() => _inner.CoercionNotes().Concat(base.CoercionNotes());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
    }
}
