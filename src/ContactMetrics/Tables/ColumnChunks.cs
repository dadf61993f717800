namespace ContactMetrics.Tables;

/// <summary>
/// A column being filled one row at a time: into one array reserved up front (<see cref="Reserve"/>, when the number of
/// rows can be estimated), then in chunks of 8,192 rows. Growing never copies what is there (a doubling array holds up to
/// twice the rows, and three times while it grows); <see cref="ToArray"/> hands the reserved array over as it is when the
/// rows fit in it, and otherwise copies everything once. Not thread-safe.
/// </summary>
/// <typeparam name="T">The cell type.</typeparam>
internal sealed class ColumnChunks<T> : IReservable
{
    private const int ChunkBits = 13;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<T[]> _chunks = [];
    private T[] _head = [];

    /// <summary>Reserves one array of <paramref name="rows"/> rows for the rows from 0; only before any row is set.</summary>
    public void Reserve(int rows)
    {
        if (_chunks.Count > 0 || _head.Length > 0)
        {
            throw new InvalidOperationException("Rows are reserved before the first is set.");
        }
        _head = new T[rows];
    }

    /// <summary>Sets row <paramref name="row"/>, which must be the row after the last one set.</summary>
    public void Append(int row, T value)
    {
        if (row < _head.Length)
        {
            _head[row] = value;
            return;
        }
        row -= _head.Length;
        int offset = row & (ChunkSize - 1);
        if (offset == 0 && (row >> ChunkBits) == _chunks.Count)
        {
            _chunks.Add(new T[ChunkSize]);
        }
        _chunks[row >> ChunkBits][offset] = value;
    }

    /// <summary>
    /// The first <paramref name="count"/> rows as one array, which may be longer than <paramref name="count"/> (the reserved
    /// array, when they fit in it); the chunks are let go.
    /// </summary>
    public T[] ToArray(int count)
    {
        if (_chunks.Count == 0 && count <= _head.Length)
        {
            var head = _head;
            _head = [];
            return head;
        }
        var all = new T[count];
        _head.AsSpan(0, Math.Min(count, _head.Length)).CopyTo(all);
        for (int c = 0; c < _chunks.Count; c++)
        {
            int from = _head.Length + (c << ChunkBits);
            _chunks[c].AsSpan(0, Math.Min(ChunkSize, count - from)).CopyTo(all.AsSpan(from));
            _chunks[c] = [];
        }
        _chunks.Clear();
        _head = [];
        return all;
    }
}

/// <summary>A column that can reserve room for its rows up front.</summary>
internal interface IReservable
{
    /// <summary>Reserves one array of <paramref name="rows"/> rows; only before any row is set.</summary>
    void Reserve(int rows);
}

/// <summary>The smallest and largest value of a column.</summary>
internal static class ColumnRange
{
    /// <summary>The smallest and largest of <paramref name="values"/>; (0, 0) when there are none.</summary>
    public static (long Min, long Max) Of(ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }
        long min = values[0], max = values[0];
        foreach (long v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
