using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// Reads a path table in the format of ChannelAttribution and of <c>paths_1m.csv</c>: a header
/// <c>path,total_conversions,total_conversion_value,total_null</c> (case-insensitive), then one row per
/// path, the channels joined by <c>" &gt; "</c>, numbers with <c>.</c> as decimal separator. So the output
/// of a SQL engine (DuckDB locally, a warehouse at scale) can be fed to the models.
/// </summary>
/// <remarks>
/// The path may be quoted (<c>"c01 &gt; c03"</c>); quotes inside it are not supported. Rows with the same
/// path are merged. Every error names the line number (1 = the header). The format has no currency column: the
/// caller states the values' currency (<c>XXX</c>, no currency, when it does not). A path's channels follow one rule,
/// <see cref="SplitPath"/>, here and in every other reader of path summaries (ContactMetrics.Sql's
/// <c>PathSummaryFile</c>).
/// </remarks>
public static class PathSummaryReader
{
    /// <summary>
    /// The separator between channels in a path: <c>" &gt; "</c>, as <see cref="PathSummary.PathText"/>, the SQL path
    /// summaries and <c>paths_1m.csv</c> join them (so a channel name may hold <c>&gt;</c> without spaces around it).
    /// </summary>
    public const string DefaultSeparator = " > ";

    /// <summary>
    /// The channels of a path: the text between occurrences of <paramref name="separator"/>, each trimmed of white space.
    /// The rule of ChannelAttribution's <c>sep</c> (the text between separators, spaces around a channel dropped), with
    /// this format's separator <c>" &gt; "</c> by default where ChannelAttribution's is <c>"&gt;"</c>: the two read
    /// <c>c1 &gt; c2</c> alike; a path written <c>c1&gt;c2</c> needs the separator <c>"&gt;"</c>, and then no channel
    /// name may hold <c>&gt;</c>.
    /// </summary>
    /// <param name="path">The path text.</param>
    /// <param name="separator">The separator; not empty.</param>
    /// <returns>The channels in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is null or empty.</exception>
    /// <exception cref="FormatException">A channel is empty (the path is blank, or starts, ends or has two separators in a row).</exception>
    public static string[] SplitPath(string path, string separator = DefaultSeparator)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        var ranges = new List<Range>();
        return TrySplit(path, separator, ranges) ? ranges.ConvertAll(r => path[r]).ToArray()
            : throw new FormatException($"The path '{path}' has an empty channel; channels are joined by '{separator}'.");
    }

    /// <summary>The rule of <see cref="SplitPath"/>: the trimmed channels' ranges in <paramref name="path"/>; false when one is empty.</summary>
    private static bool TrySplit(ReadOnlySpan<char> path, string separator, List<Range> channels)
    {
        channels.Clear();
        foreach (var part in path.Split(separator.AsSpan()))
        {
            var (offset, length) = part.GetOffsetAndLength(path.Length);
            var name = path.Slice(offset, length);
            var trimmed = name.Trim();
            if (trimmed.IsEmpty)
            {
                return false;
            }
            int start = offset + (name.Length - name.TrimStart().Length);
            channels.Add(new Range(start, start + trimmed.Length));
        }
        return true;
    }

    private static readonly string[] Header = ["path", "total_conversions", "total_conversion_value", "total_null"];

    /// <summary>Reads a path table.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="channels">The allowed channels (a path with another one is an error), or <see langword="null"/> to learn them in order of appearance.</param>
    /// <param name="currency">The currency of <c>total_conversion_value</c>; <see langword="default"/> is <c>XXX</c>, no currency.</param>
    /// <param name="separator">The separator between channels (<see cref="SplitPath"/>); <see cref="DefaultSeparator"/> by default.</param>
    /// <returns>The summary, in <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is null or empty.</exception>
    /// <exception cref="FormatException">The header is wrong, or a row has a wrong column count, an empty path or channel,
    /// an unknown channel, or a number that is not finite and at least 0; the message names the line.</exception>
    public static PathSummary Read(TextReader reader, IEnumerable<string>? channels = null, Currency currency = default, string separator = DefaultSeparator)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        var builder = channels is null ? new PathSummaryBuilder(currency) : new PathSummaryBuilder(channels, currency);
        var lines = new LineBuffer(reader);
        string? line = lines.Next(out var first) ? first.ToString() : null;
        var header = line?.Split(',');
        if (header is null || header.Length != Header.Length
            || !header.Select(h => h.Trim().Trim('"')).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException($"line 1: expected the header '{string.Join(',', Header)}', found '{line}'.");
        }
        int lineNumber = 1;
        var names = new ChannelNames(builder);
        var row = new RowBuffers(separator);
        while (lines.Next(out var text))
        {
            lineNumber++;
            if (text.IsEmpty)
            {
                continue;
            }
            ReadRow(builder, names, text, lineNumber, row);
        }
        return builder.Build();
    }

    /// <summary>A row's channel ranges and indexes, reused from row to row, and the separator.</summary>
    private sealed record RowBuffers(string Separator)
    {
        public List<Range> Ranges { get; } = [];

        public List<int> Indexes { get; } = [];
    }

    private static void ReadRow(PathSummaryBuilder builder, ChannelNames names, ReadOnlySpan<char> text, int lineNumber, RowBuffers row)
    {
        ReadOnlySpan<char> path;
        ReadOnlySpan<char> rest;
        if (text[0] == '"')
        {
            int close = text[1..].IndexOf('"') + 1;
            if (close < 1 || close + 1 >= text.Length || text[close + 1] != ',')
            {
                throw new FormatException($"line {lineNumber}: unterminated quoted path.");
            }
            path = text[1..close];
            rest = text[(close + 2)..];
        }
        else
        {
            int comma = text.IndexOf(',');
            if (comma < 0)
            {
                throw new FormatException($"line {lineNumber}: expected 4 columns, found 1.");
            }
            path = text[..comma];
            rest = text[(comma + 1)..];
        }
        Span<Range> fields = stackalloc Range[4];
        int count = rest.Split(fields, ',');
        if (count != 3)
        {
            throw new FormatException($"line {lineNumber}: expected 4 columns, found {count + 1}.");
        }
        double conversions = Number(rest[fields[0]], "total_conversions", lineNumber);
        double value = Number(rest[fields[1]], "total_conversion_value", lineNumber);
        double nulls = Number(rest[fields[2]], "total_null", lineNumber);
        if (!TrySplit(path, row.Separator, row.Ranges))
        {
            throw new FormatException($"line {lineNumber}: the path '{path}' has an empty channel; channels are joined by '{row.Separator}'.");
        }
        row.Indexes.Clear();
        foreach (var channel in row.Ranges)
        {
            try
            {
                row.Indexes.Add(names.IndexOf(path[channel]));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"line {lineNumber}: {e.Message}", e);
            }
        }
        builder.AddIndexes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(row.Indexes), conversions, value, nulls);
    }

    private static double Number(ReadOnlySpan<char> text, string column, int lineNumber)
    {
        if (!(TryPlainDecimal(text, out double value) || double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            || !double.IsFinite(value) || value < 0)
        {
            throw new FormatException($"line {lineNumber}: {column} '{text}' is not a finite number at least 0.");
        }
        return value;
    }

    /// <summary>Exact powers of ten as doubles (10^22 is the largest a double holds exactly).</summary>
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Digits with at most one decimal point (the counts and values of a path table), at most 2^53 as an integer mantissa and
    /// at most 22 decimals: the mantissa and the power of ten are exact doubles and IEEE division rounds correctly, so the
    /// result is the double nearest the decimal, as <see cref="double.Parse(string, IFormatProvider)"/> gives (Clinger 1990,
    /// "How to read floating point numbers accurately", the fast path). Anything else goes to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out double)"/>.
    /// </summary>
    private static bool TryPlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        ulong mantissa = 0;
        int digits = 0, decimals = -1;
        foreach (char c in text)
        {
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (++digits > 16)
                {
                    return false;
                }
                mantissa = mantissa * 10 + digit;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || mantissa > 1UL << 53 || decimals > 22)
        {
            return false;
        }
        value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        return true;
    }

    /// <summary>
    /// The builder's channel indexes by name, looked up from the characters of the row: an open-addressing table hashed by
    /// FNV-1a over the name's characters (channel names are short), so a touch costs a few multiplications and one comparison
    /// instead of a randomized string hash. A name not yet seen goes to <see cref="PathSummaryBuilder.ChannelIndex(string)"/>.
    /// </summary>
    private sealed class ChannelNames(PathSummaryBuilder builder)
    {
        private string?[] _names = new string?[64];
        private int[] _indexes = new int[64];
        private int _count;

        public int IndexOf(ReadOnlySpan<char> name)
        {
            int mask = _names.Length - 1;
            for (int slot = Hash(name) & mask; ; slot = (slot + 1) & mask)
            {
                string? known = _names[slot];
                if (known is null)
                {
                    int index = builder.ChannelIndex(name);
                    Add(name.ToString(), index);
                    return index;
                }
                if (name.SequenceEqual(known))
                {
                    return _indexes[slot];
                }
            }
        }

        private void Add(string name, int index)
        {
            if (2 * (_count + 1) > _names.Length)
            {
                var (names, indexes) = (_names, _indexes);
                _names = new string?[names.Length * 2];
                _indexes = new int[names.Length * 2];
                _count = 0;
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i] is { } known)
                    {
                        Add(known, indexes[i]);
                    }
                }
            }
            int mask = _names.Length - 1;
            int slot = Hash(name) & mask;
            while (_names[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }
            _names[slot] = name;
            _indexes[slot] = index;
            _count++;
        }

        private static int Hash(ReadOnlySpan<char> name)
        {
            uint hash = 2166136261;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 16777619;
            }
            return (int)(hash ^ (hash >> 15));
        }
    }

    /// <summary>
    /// The lines of a text as spans over one reused buffer, ended by "\n", "\r\n" or "\r" as <see cref="TextReader.ReadLine"/>
    /// ends them, without a string per line.
    /// </summary>
    private sealed class LineBuffer(TextReader reader)
    {
        private char[] _buffer = new char[1 << 16];
        private int _start;
        private int _end;
        private bool _done;

        public bool Next(out ReadOnlySpan<char> line)
        {
            int searched = 0;
            while (true)
            {
                var pending = _buffer.AsSpan(_start + searched, _end - _start - searched);
                int stop = pending.IndexOfAny('\r', '\n');
                if (stop >= 0 && (pending[stop] == '\n' || stop + 1 < pending.Length || _done))
                {
                    int at = _start + searched + stop;
                    line = _buffer.AsSpan(_start, at - _start);
                    _start = at + (_buffer[at] == '\r' && at + 1 < _end && _buffer[at + 1] == '\n' ? 2 : 1);
                    return true;
                }
                if (_done)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    bool any = _end > _start;
                    _start = _end;
                    return any;
                }
                searched += stop >= 0 ? stop : pending.Length;
                Fill();
            }
        }

        /// <summary>Moves the unread characters to the front (growing the buffer when a line fills it) and reads more.</summary>
        private void Fill()
        {
            int pending = _end - _start;
            if (pending == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, pending);
            }
            _start = 0;
            _end = pending;
            int read = reader.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _done = read == 0;
        }
    }
}
