using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Data;

public static partial class Tables
{
    /// <summary>
    /// Reads a whole <c>interactions</c> file straight into the columnar <see cref="InteractionTable"/> (what the KPI rollup
    /// and cost-to-serve scan): each row goes into the columns as it is read, with no list of records, and a repeated
    /// interaction id is found in the table's own id column. The rows and report are those of <see cref="ReadAllInteractions"/>.
    /// </summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <param name="customers">The customers, whose segments grouping by segment uses; optional.</param>
    /// <returns>The table of the accepted rows and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    /// <exception cref="InvalidRecordException">A duration is too long for the table (over 24 days).</exception>
    public static (InteractionTable Table, ValidationReport Report) ReadInteractionTable(string path, TableReadOptions? options = null, IEnumerable<Customer>? customers = null)
    {
        using var reader = OpenInteractions(path, options);
        var table = ReadInteractionTable(reader, customers);
        return (table, reader.Report);
    }

    /// <summary>
    /// Reads an <c>interactions</c> reader's rows straight into the columnar <see cref="InteractionTable"/>, with no list
    /// of records (see <see cref="ReadInteractionTable(string, TableReadOptions?, IEnumerable{Customer}?)"/>); the reader's
    /// <see cref="TableReader{T}.Report"/> counts the rows.
    /// </summary>
    /// <param name="reader">A reader not enumerated yet, e.g. from <see cref="OpenInteractions(Stream, TableFormat, string, TableReadOptions?)"/>.</param>
    /// <param name="customers">The customers, whose segments grouping by segment uses; optional.</param>
    /// <returns>The table of the accepted rows.</returns>
    /// <exception cref="InvalidOperationException">The reader was enumerated before.</exception>
    /// <exception cref="TableFormatException">(Fail fast) a row is invalid.</exception>
    /// <exception cref="InvalidRecordException">A duration is too long for the table (over 24 days).</exception>
    public static InteractionTable ReadInteractionTable(TableReader<Interaction> reader, IEnumerable<Customer>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = new InteractionTable.Builder();
        foreach (var customer in customers ?? [])
        {
            builder.AddCustomer(customer);
        }
        if (EstimateRows(reader) is int rows)
        {
            builder.EnsureCapacity(rows);
        }
        reader.Keys = new InteractionTableKeys(builder);
        foreach (var interaction in reader)
        {
            builder.Add(interaction);
        }
        return builder.Build();
    }

    /// <summary>
    /// An estimate of a plain CSV file's rows, a little above the truth (lines of its size at the bytes a line of its first
    /// mebibyte, plus 5 %), so that the table's columns are reserved once; null when the reader is not of one such file.
    /// </summary>
    private static int? EstimateRows(TableReader<Interaction> reader)
    {
        if (reader.Format != TableFormat.Csv || IsGzip(reader.File) || !File.Exists(reader.File))
        {
            return null;
        }
        using var file = new FileStream(reader.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        if (!file.CanSeek)
        {
            // A pipe or device (/dev/fd/N): reading from it here would take rows from the reader.
            return null;
        }
        long length = file.Length;
        var sample = new byte[(int)Math.Min(length, 1 << 20)];
        file.ReadExactly(sample);
        long lines = sample.AsSpan().Count((byte)'\n');
        if (lines == 0)
        {
            return null;
        }
        // A row of an interactions file takes at least 40 bytes (id, channel and two instants).
        double estimate = sample.Length == length ? lines + 1 : (double)length / sample.Length * lines * 1.05 + 1024;
        return (int)Math.Min(Math.Min(estimate, length / 40.0 + 1), Array.MaxLength);
    }

    /// <summary>
    /// The interaction ids of a reader that streams into a table: looked up in the table being built (no string kept per
    /// row). Where each accepted row is follows from the row before it (the next line of the same file) except after a
    /// rejected row, a blank line, a quoted line break or a new file: only those jumps are kept.
    /// </summary>
    private sealed class InteractionTableKeys(InteractionTable.Builder builder) : KeyIndex
    {
        private readonly List<(int Row, long Location)> _jumps = [];
        private int _count;

        public override bool TryAdd(string key, long location, out long first)
        {
            int row = builder.RowOf(new InteractionId(key));
            if (row >= 0)
            {
                first = LocationOf(row);
                return false;
            }
            // Every row the reader accepts is added to the builder before the next is read: this is the builder's next row.
            if (_count != builder.Count)
            {
                throw new InvalidOperationException("An accepted interaction was not added to the table being built.");
            }
            if (_count == 0 || LocationOf(_count) != location)
            {
                _jumps.Add((_count, location));
            }
            _count++;
            first = 0;
            return true;
        }

        /// <summary>The location of <paramref name="row"/>: that of the last jump at or before it, plus the rows since.</summary>
        private long LocationOf(int row)
        {
            int lo = 0, hi = _jumps.Count - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (_jumps[mid].Row <= row)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return _jumps[lo].Location + (row - _jumps[lo].Row);
        }
    }
}
