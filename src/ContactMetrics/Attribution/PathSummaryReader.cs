using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
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
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty, or a name in <paramref name="channels"/> is
    /// blank or repeated (checked before anything is read).</exception>
    /// <exception cref="FormatException">The header is wrong, or a row has a wrong column count, an empty path or channel,
    /// an unknown channel, or a number that is not finite and at least 0, or (no separator given) the paths look written with
    /// another separator; the message names the line.</exception>
    /// <remarks>The characters are parsed as their UTF-8 bytes, as <see cref="ReadUtf8"/>
    /// parses a file's; a lone surrogate (not text) is read as U+FFFD, as a file's invalid bytes are. <see cref="ReadUtf8"/>,
    /// over a stream, is the faster: it skips the decoding.</remarks>
    public static PathSummary Read(TextReader reader, IEnumerable<string>? channels = null, Currency currency = default, string? separator = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(Rows(channels, currency, separator), new Utf8Lines(reader));
    }

    /// <summary>
    /// Reads a path table from UTF-8 bytes (a file: <c>File.OpenRead</c>), as <see cref="Read(TextReader, IEnumerable{string}?, Currency, string?)"/>
    /// reads the text that <c>File.OpenText</c> makes of them, without decoding it: a UTF-8 byte order mark is skipped,
    /// invalid bytes read as U+FFFD, and a UTF-16 or UTF-32 byte order mark switches to decoding the text (as
    /// <see cref="StreamReader"/> would).
    /// </summary>
    /// <param name="stream">The bytes, header first; read to the end, not closed.</param>
    /// <param name="channels">The allowed channels (a path with another one is an error), or <see langword="null"/> to learn them in order of appearance.</param>
    /// <param name="currency">The currency of <c>total_conversion_value</c>; <see langword="default"/> is <c>XXX</c>, no currency.</param>
    /// <param name="separator">The separator between channels (<see cref="SplitPath"/>); <see langword="null"/>:
    /// <see cref="DefaultSeparator"/>, guarded against a file written with another (<see cref="PathSeparatorGuard"/>).</param>
    /// <returns>The summary, in <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is empty, or a name in <paramref name="channels"/> is
    /// blank or repeated (checked before any byte is read).</exception>
    /// <exception cref="FormatException">As the text reader's overload; the message names the line.</exception>
    public static PathSummary ReadUtf8(Stream stream, IEnumerable<string>? channels = null, Currency currency = default, string? separator = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // The separator and the channels are checked before any byte is read.
        var row = Rows(channels, currency, separator);
        Span<byte> mark = stackalloc byte[4];
        int marked = stream.ReadAtLeast(mark, mark.Length, throwOnEndOfStream: false);
        mark = mark[..marked];
        if (marked >= 2 && (mark.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || mark.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || mark.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])))
        {
            // A UTF-16 or UTF-32 file (rare): decoded by StreamReader's detection, from a copy that starts with the mark.
            var copy = new MemoryStream();
            copy.Write(mark);
            stream.CopyTo(copy);
            copy.Position = 0;
            using var text = new StreamReader(copy, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Read(row, new Utf8Lines(text));
        }
        return Read(row, new Utf8Lines(stream, mark.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? mark[3..] : mark));
    }

    /// <summary>The row reader for the arguments (the separator's guard, then the builder), which checks them.</summary>
    private static RowReader Rows(IEnumerable<string>? channels, Currency currency, string? separator) =>
        new(PathSeparatorGuard.For(separator), channels is null ? new PathSummaryBuilder(currency) : new PathSummaryBuilder(channels, currency));

    private static PathSummary Read(RowReader row, Utf8Lines lines)
    {
        string? line = lines.Next(out var first) ? Encoding.UTF8.GetString(first) : null;
        var header = line?.Split(',');
        if (header is null || header.Length != Header.Length
            || !header.Select(h => h.Trim().Trim('"')).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException($"line 1: expected the header '{string.Join(',', Header)}', found '{line}'.");
        }
        int lineNumber = 1;
        while (lines.Next(out var text))
        {
            lineNumber++;
            if (!text.IsEmpty)
            {
                row.Read(text, lineNumber);
            }
        }
        if (row.Guard.Problem is { } problem)
        {
            throw new FormatException($"line {row.Guard.SuspectLine}, column path: '{row.Guard.SuspectPath}' {problem}.");
        }
        var summary = row.Builder.Build();
        row.Builder.Release();
        return summary;
    }

    /// <summary>
    /// Reads the rows of a path table from their UTF-8 bytes into a builder: the fields found by their commas, the path split
    /// at the separator's bytes (which, UTF-8 being self-synchronizing, match where its characters match) and each channel
    /// looked up by its bytes (<see cref="ChannelNames"/>); only an error, a new channel or a number that is not a plain
    /// decimal decodes characters. Reuses its buffers from row to row.
    /// </summary>
    private sealed class RowReader(PathSeparatorGuard guard, PathSummaryBuilder builder)
    {
        private readonly string _separatorText = guard.Separator;
        private readonly byte[] _separator = Encoding.UTF8.GetBytes(guard.Separator);
        private readonly int _anchor = Anchor(guard.Separator);
        private readonly ChannelNames _names = new(builder);
        private int[] _indexes = new int[64];

        public PathSeparatorGuard Guard { get; private set; } = guard;

        public PathSummaryBuilder Builder { get; } = builder;

        public void Read(ReadOnlySpan<byte> text, int lineNumber)
        {
            ReadOnlySpan<byte> path;
            ReadOnlySpan<byte> rest;
            if (text[0] == (byte)'"')
            {
                int close = text[1..].IndexOf((byte)'"') + 1;
                if (close < 1 || close + 1 >= text.Length || text[close + 1] != (byte)',')
                {
                    throw new FormatException($"line {lineNumber}: unterminated quoted path.");
                }
                path = text[1..close];
                rest = text[(close + 2)..];
            }
            else
            {
                int comma = text.IndexOf((byte)',');
                if (comma < 0)
                {
                    throw new FormatException($"line {lineNumber}: expected 4 columns, found 1.");
                }
                path = text[..comma];
                rest = text[(comma + 1)..];
            }
            int first = rest.IndexOf((byte)',');
            int second = first < 0 ? -1 : rest[(first + 1)..].IndexOf((byte)',');
            int third = second < 0 ? -1 : rest[(first + second + 2)..].IndexOf((byte)',');
            if (second < 0 || third >= 0)
            {
                // The count as ReadOnlySpan<char>.Split into 4 ranges gives it: 5 for any longer row.
                throw new FormatException($"line {lineNumber}: expected 4 columns, found {(first < 0 ? 2 : second < 0 ? 3 : 5)}.");
            }
            second += first + 1;
            double conversions = Number(rest[..first], "total_conversions", lineNumber);
            double value = Number(rest[(first + 1)..second], "total_conversion_value", lineNumber);
            double nulls = Number(rest[(second + 1)..], "total_null", lineNumber);
            int count = Split(path, lineNumber);
            Guard = Guard.Add(count == 1 && path.ContainsAny((byte)'>', (byte)'|') ? Encoding.UTF8.GetString(path) : default, count, lineNumber);
            Builder.AddIndexes(_indexes.AsSpan(0, count), conversions, value, nulls);
        }

        /// <summary>The rule of <see cref="SplitPath"/> over bytes: the path's channel indexes into <see cref="_indexes"/>, and their count.</summary>
        private int Split(ReadOnlySpan<byte> path, int lineNumber)
        {
            try
            {
                return LookUp(path, lineNumber);
            }
            catch (ArgumentException e)
            {
                // An empty channel anywhere in the path is named first, as when the path was split before any look-up.
                throw !TrySplit(Encoding.UTF8.GetString(path), _separatorText, []) ? EmptyChannel(path, lineNumber) : new FormatException($"line {lineNumber}: {e.Message}", e);
            }
        }

        /// <summary>The channels' indexes into <see cref="_indexes"/>, and their count; outside the try of <see cref="Split"/> so the loop's variables stay in registers.</summary>
        private int LookUp(ReadOnlySpan<byte> path, int lineNumber)
        {
            int count = 0;
            var rest = path;
            while (true)
            {
                int at = Find(rest);
                var name = Trim(at < 0 ? rest : rest[..at]);
                if (name.IsEmpty)
                {
                    throw EmptyChannel(path, lineNumber);
                }
                if (count == _indexes.Length)
                {
                    Array.Resize(ref _indexes, 2 * count);
                }
                _indexes[count++] = _names.IndexOf(name);
                if (at < 0)
                {
                    return count;
                }
                rest = rest[(at + _separator.Length)..];
            }
        }

        /// <summary>Where in the separator the byte <see cref="Find"/> searches for sits: its last byte that is not a space or tab (0 when all are).</summary>
        private static int Anchor(string separator)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(separator);
            int last = bytes.AsSpan().LastIndexOfAnyExcept((byte)' ', (byte)'\t');
            return Math.Max(last, 0);
        }

        /// <summary>
        /// Where the separator first occurs in <paramref name="text"/>, or -1: its anchor byte (the last that is not white
        /// space, the '&gt;' of " &gt; ") found by a vectorized search, then the whole separator compared around it. Matches are
        /// tried in order of their start, so the first one is the one <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> finds.
        /// </summary>
        private int Find(ReadOnlySpan<byte> text)
        {
            for (int from = _anchor; from < text.Length;)
            {
                int at = text[from..].IndexOf(_separator[_anchor]);
                if (at < 0)
                {
                    return -1;
                }
                int start = from + at - _anchor;
                if (text[start..].StartsWith(_separator))
                {
                    return start;
                }
                from += at + 1;
            }
            return -1;
        }

        private FormatException EmptyChannel(ReadOnlySpan<byte> path, int lineNumber) =>
            new($"line {lineNumber}: the path '{Encoding.UTF8.GetString(path)}' has an empty channel; channels are joined by '{_separatorText}'.");
    }

    /// <summary>A name's bytes without the white space around it, by <see cref="char.IsWhiteSpace(char)"/> as <see cref="SplitPath"/> trims (non-ASCII edges decoded).</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> name)
    {
        while (!name.IsEmpty)
        {
            int width = 1;
            if (name[0] < 0x80 ? !char.IsWhiteSpace((char)name[0]) : Rune.DecodeFromUtf8(name, out var rune, out width) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                break;
            }
            name = name[width..];
        }
        while (!name.IsEmpty)
        {
            int width = 1;
            if (name[^1] < 0x80 ? !char.IsWhiteSpace((char)name[^1]) : Rune.DecodeLastFromUtf8(name, out var rune, out width) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                break;
            }
            name = name[..^width];
        }
        return name;
    }

    private static double Number(ReadOnlySpan<byte> text, string column, int lineNumber)
    {
        if (TryPlainDecimal(text, out double value))
        {
            return value;
        }
        string chars = Encoding.UTF8.GetString(text);
        if (!double.TryParse(chars.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value) || value < 0)
        {
            throw new FormatException($"line {lineNumber}: {column} '{chars}' is not a finite number at least 0.");
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
    private static bool TryPlainDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        ulong mantissa = 0;
        int digits = 0, decimals = -1;
        foreach (byte c in text)
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
    /// The builder's channel indexes by a name's UTF-8 bytes: an open-addressing table keyed by a 64-bit word of the name and
    /// its length (a whole name of at most 8 bytes, as path files' channels mostly are, compares as that word), so a touch
    /// costs a multiplication and two comparisons. A name not yet seen is decoded once and goes to
    /// <see cref="PathSummaryBuilder.ChannelIndex(string)"/>, which decides the index (names whose bytes differ but decode
    /// alike, invalid bytes read as U+FFFD, share it).
    /// </summary>
    private sealed class ChannelNames(PathSummaryBuilder builder)
    {
        private ulong[] _keys = new ulong[64];
        private int[] _lengths = new int[64];
        private int[] _indexes = new int[64];
        private byte[][] _names = new byte[64][];
        private int _count;

        /// <summary>The index of a channel; inlined into the row's loop for the common case, a short name found at its first slot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int IndexOf(ReadOnlySpan<byte> name)
        {
            ulong key = Key(name);
            int slot = Hash(key) & (_keys.Length - 1);
            return _keys[slot] == key && _lengths[slot] == name.Length && name.Length <= 8 ? _indexes[slot] : Probe(name, key, slot);
        }

        /// <summary>The linear probe from <paramref name="slot"/> on: the name's index, or a new channel added where the probe ends.</summary>
        private int Probe(ReadOnlySpan<byte> name, ulong key, int slot)
        {
            int mask = _keys.Length - 1;
            for (; ; slot = (slot + 1) & mask)
            {
                if (_lengths[slot] == 0)
                {
                    int index = builder.ChannelIndex(Encoding.UTF8.GetString(name));
                    Add(name.ToArray(), key, index);
                    return index;
                }
                if (_keys[slot] == key && _lengths[slot] == name.Length && (name.Length <= 8 || name.SequenceEqual(_names[slot])))
                {
                    return _indexes[slot];
                }
            }
        }

        private void Add(byte[] name, ulong key, int index)
        {
            if (2 * (_count + 1) > _keys.Length)
            {
                var (keys, indexes, names) = (_keys, _indexes, _names);
                _keys = new ulong[keys.Length * 2];
                _lengths = new int[keys.Length * 2];
                _indexes = new int[keys.Length * 2];
                _names = new byte[keys.Length * 2][];
                _count = 0;
                for (int i = 0; i < keys.Length; i++)
                {
                    if (names[i] is { } known)
                    {
                        Add(known, keys[i], indexes[i]);
                    }
                }
            }
            int mask = _keys.Length - 1;
            int slot = Hash(key) & mask;
            while (_lengths[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            (_keys[slot], _lengths[slot], _indexes[slot], _names[slot]) = (key, name.Length, index, name);
            _count++;
        }

        /// <summary>
        /// A 64-bit word that, with the length, is the whole name when it has at most 8 bytes: its first and last 4 bytes
        /// (which overlap below 8), or for 1-3 bytes the first, middle and last; longer names mix their first and last 8 bytes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Key(ReadOnlySpan<byte> name) => name.Length switch
        {
            > 8 => BinaryPrimitives.ReadUInt64LittleEndian(name) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]), 31),
            >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(name) | (ulong)BinaryPrimitives.ReadUInt32LittleEndian(name[^4..]) << 32,
            _ => name[0] | (ulong)name[name.Length / 2] << 8 | (ulong)name[^1] << 16,
        };

        private static int Hash(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40);
    }

    /// <summary>
    /// The lines of UTF-8 text as byte spans over one reused buffer, ended by "\n", "\r\n" or "\r" as <see cref="TextReader.ReadLine"/>
    /// ends them, without a string per line: the bytes of a stream, or a text reader's characters encoded block by block.
    /// </summary>
    private sealed class Utf8Lines
    {
        private readonly Stream? _stream;
        private readonly TextReader? _reader;
        private readonly Encoder? _encoder;
        private readonly char[] _chars = [];
        private int _charStart;
        private int _charEnd;
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private bool _done;

        /// <summary>The bytes of <paramref name="stream"/>, after <paramref name="first"/> (already read from it).</summary>
        public Utf8Lines(Stream stream, ReadOnlySpan<byte> first)
        {
            _stream = stream;
            first.CopyTo(_buffer);
            _end = first.Length;
        }

        /// <summary>The characters of <paramref name="reader"/> as UTF-8.</summary>
        public Utf8Lines(TextReader reader)
        {
            _reader = reader;
            _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
            _chars = new char[1 << 14];
        }

        public bool Next(out ReadOnlySpan<byte> line)
        {
            int searched = 0;
            while (true)
            {
                var pending = _buffer.AsSpan(_start + searched, _end - _start - searched);
                int stop = pending.IndexOfAny((byte)'\r', (byte)'\n');
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

        /// <summary>Moves the unread bytes to the front (growing the buffer when they fill more than half of it) and reads more.</summary>
        private void Fill()
        {
            int pending = _end - _start;
            if (2 * pending > _buffer.Length)
            {
                var grown = new byte[_buffer.Length * 2];
                _buffer.AsSpan(_start, pending).CopyTo(grown);
                _buffer = grown;
            }
            else if (_start > 0)
            {
                _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            }
            _start = 0;
            _end = pending;
            int read = _stream is not null ? _stream.Read(_buffer, _end, _buffer.Length - _end) : Encode(_buffer.AsSpan(_end));
            _end += read;
            _done = read == 0;
        }

        /// <summary>Encodes the reader's next characters into <paramref name="bytes"/> (at least 4 long); 0 at the end.</summary>
        private int Encode(Span<byte> bytes)
        {
            while (true)
            {
                bool end = false;
                if (_charStart == _charEnd)
                {
                    _charStart = 0;
                    _charEnd = _reader!.Read(_chars, 0, _chars.Length);
                    end = _charEnd == 0;
                }
                // A surrogate pair split between two reads waits in the encoder for its second half.
                _encoder!.Convert(_chars.AsSpan(_charStart, _charEnd - _charStart), bytes, flush: end, out int used, out int written, out _);
                _charStart += used;
                if (written > 0 || end)
                {
                    return written;
                }
            }
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
    /// What is wrong with <see cref="SuspectPath"/> (to follow its quoted value), with the fix: give <see cref="LikelySeparator"/>,
    /// the separator that more of the file's paths hold; <see langword="null"/> when the file reads as it should. The text names
    /// no option of any program: a command-line tool adds its own (<see cref="LikelySeparator"/>).
    /// </summary>
    public string? Problem
    {
        get
        {
            if (LikelySeparator is not { } likely)
            {
                return null;
            }
            var (paths, other, others) = _bar > _greaterThan ? (_bar, ">", _greaterThan) : (_greaterThan, "|", _bar);
            return $"has no '{Separator}' between channels, nor has any path of the file, but {Paths(paths)} '{likely}'"
                + (others > 0 ? $" and {Paths(others)} '{other}'" : "") + " (this is the first), so each would be read as one channel: "
                + $"the paths look written with '{likely}' between channels (ChannelAttribution's default is '>'); give that separator ('{likely}'), "
                + $"or '{Separator}' explicitly if each is one channel whose name holds '{likely}'";
        }
    }

    /// <summary>
    /// The separator the paths look written with when the file is refused (<see cref="Problem"/>): <c>|</c> when more paths
    /// hold it than <c>&gt;</c>, else <c>-&gt;</c> when the first suspect path holds that, else <c>&gt;</c>; <see langword="null"/>
    /// when the file reads as it should.
    /// </summary>
    public string? LikelySeparator
    {
        get
        {
            if (SuspectPath is null)
            {
                return null;
            }
            // 'a->b' split at '>' would give the channel 'a-'.
            return _bar > _greaterThan ? "|" : SuspectPath.Contains("->", StringComparison.Ordinal) ? "->" : ">";
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
