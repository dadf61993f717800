namespace ContactMetrics.Simulation;

/// <summary>
/// One row of a per-customer event table (purchases, touchpoints, conversions): its time, customer, its place among the
/// customer's rows, and its value (an amount, or a touch channel's index). Ordered by time, then customer, then place:
/// the order of the written tables.
/// </summary>
internal readonly record struct TimedRow(long Time, int Customer, int Place, decimal Value) : IComparable<TimedRow>
{
    public int CompareTo(TimedRow other)
    {
        int c = Time.CompareTo(other.Time);
        if (c == 0)
        {
            c = Customer.CompareTo(other.Customer);
        }
        return c != 0 ? c : Place.CompareTo(other.Place);
    }
}

/// <summary>
/// A table's rows collected in customer batches, each batch sorted into a run (kept in memory, or written to a file of
/// its own when a folder is given), and read back as one sorted sequence by a k-way merge: an external sort whose memory
/// is one batch plus one buffered reader per run.
/// </summary>
internal sealed class TimedRowRuns : IDisposable
{
    private const int RowBytes = 32;
    private readonly string? _folder;
    private readonly string _name;
    private readonly List<TimedRow> _batch = [];
    private readonly List<TimedRow[]> _memoryRuns = [];
    private readonly List<string> _files = [];

    /// <param name="folder">Where the runs go; <see langword="null"/> to keep them in memory.</param>
    /// <param name="name">The table's name, the start of its run files' names.</param>
    internal TimedRowRuns(string? folder, string name)
    {
        _folder = folder;
        _name = name;
    }

    /// <summary>Rows added so far.</summary>
    internal long Count { get; private set; }

    internal void Add(TimedRow row)
    {
        _batch.Add(row);
        Count++;
    }

    /// <summary>Sorts the rows added since the last call into a run.</summary>
    internal void EndBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var run = _batch.ToArray();
        _batch.Clear();
        Array.Sort(run);
        if (_folder is null)
        {
            _memoryRuns.Add(run);
            return;
        }
        string path = Path.Combine(_folder, $"{_name}-{_files.Count:D5}.bin");
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(path), 1 << 16)))
        {
            foreach (var row in run)
            {
                writer.Write(row.Time);
                writer.Write(row.Customer);
                writer.Write(row.Place);
                writer.Write(row.Value);
            }
        }
        _files.Add(path);
    }

    /// <summary>Every row in order (time, customer, place); each call reads the runs again.</summary>
    internal IEnumerable<TimedRow> Sorted()
    {
        var runs = new List<IEnumerator<TimedRow>>();
        try
        {
            runs.AddRange(_memoryRuns.Select(run => ((IEnumerable<TimedRow>)run).GetEnumerator()));
            runs.AddRange(_files.Select(file => Read(file).GetEnumerator()));
            var heads = new PriorityQueue<IEnumerator<TimedRow>, TimedRow>(runs.Count);
            foreach (var run in runs)
            {
                if (run.MoveNext())
                {
                    heads.Enqueue(run, run.Current);
                }
            }
            while (heads.TryDequeue(out var run, out var row))
            {
                yield return row;
                if (run.MoveNext())
                {
                    heads.Enqueue(run, run.Current);
                }
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (string file in _files)
        {
            File.Delete(file);
        }
        _files.Clear();
        _memoryRuns.Clear();
    }

    private static IEnumerable<TimedRow> Read(string path)
    {
        using var reader = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        long rows = reader.BaseStream.Length / RowBytes;
        for (long r = 0; r < rows; r++)
        {
            yield return new TimedRow(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDecimal());
        }
    }
}
