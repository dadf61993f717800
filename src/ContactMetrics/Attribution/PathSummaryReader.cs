using System.Buffers;
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
/// <para>
/// A file read with the default separator is guarded (<see cref="PathSeparatorGuard"/>): when no path holds <c>" &gt; "</c>
/// but some path holds <c>&gt;</c> or <c>|</c> (<c>c1&gt;c2&gt;c3</c>, ChannelAttribution's default), every path would be
/// read as one channel, so the file is refused, naming the first such path; give the separator to read it as told.
/// </para>
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
    /// <param name="separator">The separator between channels (<see cref="SplitPath"/>); <see langword="null"/>:
    /// <see cref="DefaultSeparator"/>, guarded against a file written with another (<see cref="PathSeparatorGuard"/>).</param>
    /// <returns>The summary, in <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty.</exception>
    /// <exception cref="FormatException">The header is wrong, or a row has a wrong column count, an empty path or channel,
    /// an unknown channel, or a number that is not finite and at least 0, or (no separator given) the paths look written with
    /// another separator; the message names the line.</exception>
    public static PathSummary Read(TextReader reader, IEnumerable<string>? channels = null, Currency currency = default, string? separator = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = new RowBuffers { Guard = PathSeparatorGuard.For(separator) };
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
        while (lines.Next(out var text))
        {
            lineNumber++;
            if (text.IsEmpty)
            {
                continue;
            }
            ReadRow(builder, names, text, lineNumber, row);
        }
        if (row.Guard.Problem is { } problem)
        {
            throw new FormatException($"line {row.Guard.SuspectLine}, column path: '{row.Guard.SuspectPath}' {problem}.");
        }
        return builder.Build();
    }

    /// <summary>A row's channel ranges and indexes, reused from row to row, and the separator's guard over the rows so far.</summary>
    private sealed class RowBuffers
    {
        public List<Range> Ranges { get; } = [];

        public List<int> Indexes { get; } = [];

        public PathSeparatorGuard Guard { get; set; }
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
        string separator = row.Guard.Separator;
        if (!TrySplit(path, separator, row.Ranges))
        {
            throw new FormatException($"line {lineNumber}: the path '{path}' has an empty channel; channels are joined by '{separator}'.");
        }
        row.Guard = row.Guard.Add(path, row.Ranges.Count, lineNumber);
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

/// <summary>
/// The guard of a path file read with the default separator <see cref="PathSummaryReader.DefaultSeparator"/> (<c>" &gt; "</c>)
/// because none was given: a file whose paths are written <c>c1&gt;c2&gt;c3</c> (ChannelAttribution's default separator) or
/// <c>c1|c2</c> would be read as one channel per path, silently. The rule, over the whole file: when no path holds the
/// separator (every path is one channel) and some path holds <c>&gt;</c> or <c>|</c>, the file is refused, naming the first
/// such path and suggesting the one of the two that more paths hold. A file where any path holds <c>" &gt; "</c> is read as it
/// is (so a channel name may hold <c>&gt;</c>), and so is a file of single-channel paths without those characters. A separator
/// given explicitly is not guarded: <c>"&gt;"</c> reads <c>c1&gt;c2</c>, <c>" &gt; "</c> reads single channels whose names
/// hold <c>&gt;</c>. Each reader of path files (<see cref="PathSummaryReader"/>, ContactMetrics.Sql's <c>PathSummaryFile</c>)
/// adds its rows and reports <see cref="Problem"/> at the end.
/// </summary>
/// <remarks>An immutable value: <see cref="Add"/> returns the guard with one more path. <see langword="default"/> is the
/// explicit default separator (no guard).</remarks>
public readonly struct PathSeparatorGuard
{
    /// <summary>The separators of other tools' path files: ChannelAttribution's <c>&gt;</c> (also in <c>-&gt;</c>), and <c>|</c>.</summary>
    private static readonly SearchValues<char> OtherSeparators = SearchValues.Create(">|");

    private readonly string? _separator;
    private readonly bool _watching;
    private readonly int _greaterThan;
    private readonly int _bar;

    private PathSeparatorGuard(string separator, bool watching, long line, string? path, int greaterThan, int bar)
    {
        _separator = separator;
        _watching = watching;
        SuspectLine = line;
        SuspectPath = path;
        _greaterThan = greaterThan;
        _bar = bar;
    }

    /// <summary>The guard for a file read with <paramref name="separator"/>.</summary>
    /// <param name="separator">The separator given, or <see langword="null"/> for <see cref="PathSummaryReader.DefaultSeparator"/>, guarded.</param>
    /// <returns>The guard before any path.</returns>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty.</exception>
    public static PathSeparatorGuard For(string? separator)
    {
        if (separator is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(separator);
        }
        return new PathSeparatorGuard(separator ?? PathSummaryReader.DefaultSeparator, separator is null, 0, null, 0, 0);
    }

    /// <summary>The separator to split paths with.</summary>
    public string Separator => _separator ?? PathSummaryReader.DefaultSeparator;

    /// <summary>The line (or row) of the first path that looks written with another separator, as given to <see cref="Add"/>; 0 when none.</summary>
    public long SuspectLine { get; }

    /// <summary>The first path that looks written with another separator while no path held <see cref="Separator"/>; <see langword="null"/> when none (or the file is read as it is).</summary>
    public string? SuspectPath { get; }

    /// <summary>
    /// What is wrong with <see cref="SuspectPath"/> (to follow its quoted value), with the fix: the separator that more of
    /// the file's paths hold; <see langword="null"/> when the file reads as it should.
    /// </summary>
    public string? Problem
    {
        get
        {
            if (SuspectPath is null)
            {
                return null;
            }
            var (likely, paths, other, others) = _bar > _greaterThan ? ("|", _bar, ">", _greaterThan) : (">", _greaterThan, "|", _bar);
            if (likely == ">" && SuspectPath.Contains("->", StringComparison.Ordinal))
            {
                // 'a->b' split at '>' would give the channel 'a-'.
                likely = "->";
            }
            return $"has no '{Separator}' between channels, nor has any path of the file, but {Paths(paths)} '{likely}'"
                + (others > 0 ? $" and {Paths(others)} '{other}'" : "") + " (this is the first), so each would be read as one channel: "
                + $"the paths look written with '{likely}' between channels (ChannelAttribution's default is '>'); give that separator (--separator '{likely}'), "
                + $"or '{Separator}' explicitly (--separator '{Separator}') if each is one channel whose name holds '{likely}'";
        }
    }

    private static string Paths(int count) => count == 1 ? "1 path holds" : string.Create(CultureInfo.InvariantCulture, $"{count} paths hold");

    /// <summary>The guard after one more path of the file.</summary>
    /// <param name="path">The path's text.</param>
    /// <param name="channels">How many channels <see cref="Separator"/> split it into.</param>
    /// <param name="line">Where the path is (its line), for <see cref="SuspectLine"/>.</param>
    /// <returns>The guard.</returns>
    public PathSeparatorGuard Add(ReadOnlySpan<char> path, int channels, long line)
    {
        if (!_watching)
        {
            return this;
        }
        if (channels > 1)
        {
            return new PathSeparatorGuard(Separator, false, 0, null, 0, 0);
        }
        if (!path.ContainsAny(OtherSeparators))
        {
            return this;
        }
        bool first = SuspectPath is null;
        return new PathSeparatorGuard(Separator, true, first ? line : SuspectLine, first ? path.ToString() : SuspectPath,
            _greaterThan + (path.Contains('>') ? 1 : 0), _bar + (path.Contains('|') ? 1 : 0));
    }
}
