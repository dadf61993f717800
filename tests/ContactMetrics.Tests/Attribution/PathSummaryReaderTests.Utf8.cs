using System.Globalization;
using System.Text;
using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

/// <summary>The reader over UTF-8 bytes (<see cref="PathSummaryReader.ReadUtf8"/>) and the text reader it serves: the same summary as the rule of <see cref="PathSummaryReader.SplitPath"/> and <see cref="double.Parse(string, IFormatProvider)"/>.</summary>
public partial class PathSummaryReaderTests
{
    /// <summary>Reads <paramref name="text"/> as characters and as UTF-8 bytes, checks the two summaries are the same, and returns one.</summary>
    private static PathSummary ReadBoth(string text, IEnumerable<string>? channels = null, string? separator = null)
    {
        var chars = PathSummaryReader.Read(new StringReader(text), channels, separator: separator);
        var bytes = PathSummaryReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), channels, separator: separator);
        Rows(bytes).Should().Equal(Rows(chars));
        bytes.Channels.Should().Equal(chars.Channels);
        return bytes;
    }

    /// <summary>Every row of a summary: its channel names, and the bits of its three numbers (so -0, rounding and merging show).</summary>
    private static List<(string Path, long Conversions, long Value, long Nulls)> Rows(PathSummary paths) =>
        Enumerable.Range(0, paths.Count).Select(p => (string.Join('\u0001', paths.Path(p).ToArray().Select(c => paths.Channels[c])),
            BitConverter.DoubleToInt64Bits(paths.Conversions[p]), BitConverter.DoubleToInt64Bits(paths.Values[p]), BitConverter.DoubleToInt64Bits(paths.Nulls[p]))).ToList();

    /// <summary>The plain reference: each line split at commas, the path by <see cref="PathSummaryReader.SplitPath"/>, the numbers by double.Parse, rows added by name.</summary>
    private static PathSummary Reference(IEnumerable<string> rows)
    {
        var builder = new PathSummaryBuilder();
        foreach (string row in rows)
        {
            string[] cells = row.Split(',');
            builder.Add(PathSummaryReader.SplitPath(cells[0]), double.Parse(cells[1], CultureInfo.InvariantCulture),
                double.Parse(cells[2], CultureInfo.InvariantCulture), double.Parse(cells[3], CultureInfo.InvariantCulture));
        }
        return builder.Build();
    }

    [Fact]
    public void ReadUtf8_Paths1M_TheSummaryOfThePlainReference()
    {
        // The whole file, bit for bit: the bytes reader, the text reader and the reference built from SplitPath and double.Parse.
        var reference = Reference(File.ReadLines(PathsData.Paths1MFile).Skip(1).Where(line => line.Length > 0));
        using var stream = File.OpenRead(PathsData.Paths1MFile);
        var bytes = PathSummaryReader.ReadUtf8(stream);

        bytes.Channels.Should().Equal(reference.Channels);
        Rows(bytes).Should().Equal(Rows(reference));
        Rows(PathsData.Paths1M).Should().Equal(Rows(reference));
    }

    [Fact]
    public void ReadUtf8_RandomRowsWithRepeats_TheSummaryOfThePlainReference()
    {
        // 3,000 rows drawn from 400 paths of 1-12 touches over 30 channels (names of 1 to 20 characters, several sharing their
        // first or last 8 bytes), so most paths repeat and are merged; row order, channel order and sums as the reference's.
        var rng = new Random(9);
        string[] names = [.. Enumerable.Range(0, 30).Select(i => (i % 3) switch
        {
            0 => $"c{i}",
            1 => $"Paid Search {i:00}",
            _ => $"{i:00} Paid Social",
        })];
        var pool = Enumerable.Range(0, 400).Select(_ => string.Join(" > ", Enumerable.Range(0, rng.Next(1, 13)).Select(_ => names[rng.Next(names.Length)]))).ToArray();
        var rows = Enumerable.Range(0, 3_000).Select(_ => string.Create(CultureInfo.InvariantCulture,
            $"{pool[rng.Next(pool.Length)]},{rng.Next(5)},{rng.Next(100_000) / 100.0},{rng.Next(50)}")).ToList();

        var paths = ReadBoth(Header + string.Join("\n", rows));

        paths.Channels.Should().Equal(Reference(rows).Channels);
        Rows(paths).Should().Equal(Rows(Reference(rows)));
        paths.Count.Should().BeLessThan(400 + 1).And.BeGreaterThan(300);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ReadUtf8_ByteOrderMarkAndAnyLineEnding_AsFileOpenTextReadsThem(string ending)
    {
        // File.OpenText skips a UTF-8 byte order mark and decodes UTF-16 and UTF-32 files by theirs: the bytes reader does the same.
        string text = string.Join(ending, Header.TrimEnd('\n'), "café > c01,2,20.5,3", "", "\"c01 > c03\",1,10,0", "c02,1,1,0") + ending;
        var expected = PathSummaryReader.Read(new StringReader(text));
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(true, true) })
        {
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
            using var file = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

            var read = PathSummaryReader.ReadUtf8(new MemoryStream(bytes));

            Rows(read).Should().Equal(Rows(expected), encoding.EncodingName);
            Rows(PathSummaryReader.Read(file)).Should().Equal(Rows(expected), encoding.EncodingName);
            read.Channels.Should().Equal("café", "c01", "c03", "c02");
        }
        var act = () => PathSummaryReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text + "c01,x,1,0" + ending)));
        act.Should().Throw<FormatException>().WithMessage("line 6: total_conversions 'x' is not a finite number at least 0.");
    }

    [Fact]
    public void Read_NonAsciiNames_SplitAndTrimmedAsSplitPath()
    {
        // Names of 2-, 3- and 4-byte characters, and every character char.IsWhiteSpace calls white space (NBSP, the ideographic
        // space, NEL, ...) around a name: trimmed as SplitPath trims; inside a name it is kept. The separator may be non-ASCII.
        string[] spaces = [.. Enumerable.Range(0, 0x3001).Where(c => char.IsWhiteSpace((char)c) && c is not ('\n' or '\r')).Select(c => ((char)c).ToString())];
        spaces.Should().Contain(["\u00A0", "\u0085", "\u3000", " ", "\t"]);
        var lines = spaces.Select((s, i) => $"{s}café{s} > naïve{s}x > 東京{s}{s} > 😀{s},{i},1,0").ToList();
        string text = Header + string.Join("\n", lines) + "\n";

        var paths = ReadBoth(text);

        for (int i = 0; i < lines.Count; i++)
        {
            string path = lines[i][..lines[i].IndexOf(',', StringComparison.Ordinal)];
            paths.PathText(i).Should().Be(string.Join(" > ", PathSummaryReader.SplitPath(path)));
        }
        paths.Channels.Take(3).Should().Equal("café", $"naïve{spaces[0]}x", "東京");
        ReadBoth(Header + "é→東京 → 😀,1,1,0\n", separator: "→").Channels.Should().Equal("é", "東京", "😀");
    }

    [Fact]
    public void Read_LoneSurrogate_ReadAsTheReplacementCharacter_AndArgumentsCheckedFirst()
    {
        // A lone surrogate is not text: encoded to UTF-8 it becomes U+FFFD, as a file's invalid bytes do (the documented remark).
        PathSummaryReader.Read(new StringReader(Header + "a\uD800b > c,1,1,0\n")).Channels.Should().Equal("a\uFFFDb", "c");
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header));

        FluentActions.Invoking(() => PathSummaryReader.ReadUtf8(stream, separator: "")).Should().Throw<ArgumentException>().WithParameterName("separator");
        FluentActions.Invoking(() => PathSummaryReader.ReadUtf8(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        stream.Position.Should().Be(0, "nothing is read before the arguments are checked");
    }

    [Fact]
    public void ReadUtf8_RepeatedChannels_RefusedBeforeAnyByteIsRead()
    {
        // The channels are arguments as the separator is: a repeated name is refused before the stream is touched, for a
        // UTF-8 file and for a UTF-16 one (which is otherwise first copied whole to be decoded).
        byte[][] files = [Encoding.UTF8.GetBytes(Header + "c01,1,1,0\n"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Header + "c01,1,1,0\n")]];
        foreach (byte[] bytes in files)
        {
            var stream = new MemoryStream(bytes);

            FluentActions.Invoking(() => PathSummaryReader.ReadUtf8(stream, ["c01", "c01"])).Should().Throw<ArgumentException>().WithParameterName("channels");
            stream.Position.Should().Be(0, "nothing is read before the arguments are checked");
            PathSummaryReader.ReadUtf8(stream, ["c01"]).Count.Should().Be(1, "the stream is still whole");
        }
    }

    [Fact]
    public void ReadUtf8_InvalidBytes_ReadAsTheReplacementCharacterAsFileOpenText()
    {
        // 0xFF and a lone lead byte are not UTF-8: StreamReader reads each as U+FFFD, so the two names are one channel there and here.
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "a"), 0xFF, .. " > a"u8, 0xE2, .. ",1,1,0\n"u8];
        using var file = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);

        var read = PathSummaryReader.ReadUtf8(new MemoryStream(bytes));

        read.Channels.Should().Equal("a\uFFFD");
        read.Path(0).ToArray().Should().Equal(0, 0);
        Rows(read).Should().Equal(Rows(PathSummaryReader.Read(file)));
    }

    [Theory]
    [InlineData(" > ")]
    [InlineData(">")]
    [InlineData("->")]
    [InlineData(">>")]
    [InlineData("  ")]
    [InlineData("é>")]
    public void Read_RandomPathsAnySeparator_TheChannelsOfSplitPath(string separator)
    {
        // The bytes reader finds a separator by one of its bytes and compares the rest around it; over random paths of
        // characters that build partial and overlapping separators, its channels must be SplitPath's (the reference).
        var rng = new Random(separator.Length * 31 + separator[0]);
        const string alphabet = "ab>- é\u00A0";
        var paths = Enumerable.Range(0, 2_000).Select(_ => new string([.. Enumerable.Range(0, rng.Next(1, 16)).Select(_ => alphabet[rng.Next(alphabet.Length)])]))
            .Where(path => !path.Contains(',', StringComparison.Ordinal) && path.Trim().Length > 0 && Splits(path, separator))
            .Distinct(StringComparer.Ordinal).ToList();
        paths.Should().HaveCountGreaterThan(100);

        var read = ReadBoth(Header + string.Join("\n", paths.Select(path => $"\"{path}\",1,1,0")) + "\n", separator: separator);

        var expected = paths.Select(path => string.Join('\u0001', PathSummaryReader.SplitPath(path, separator))).ToList();
        Rows(read).Select(row => row.Path).Should().Equal(expected.Distinct(StringComparer.Ordinal));
    }

    private static bool Splits(string path, string separator)
    {
        try
        {
            PathSummaryReader.SplitPath(path, separator);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [Fact]
    public void Read_QuotedPathWithCommasAndSeparators_OneField()
    {
        // A quoted path ends at the next quote: commas and separators inside it belong to the path.
        var paths = ReadBoth(Header + "\"a,b > c, d\",1,2.5,0\n\"c, d\",1,1,1\n");

        paths.Channels.Should().Equal("a,b", "c, d");
        paths.Path(1).ToArray().Should().Equal(1);
        paths.Values[0].Should().Be(2.5);
    }

    [Fact]
    public void Read_NamesThatDifferAfterTheirFirstOrLastEightBytes_AreDifferentChannels()
    {
        // The name table compares the length and the first and last 8 bytes, then the whole name: "a" and "a\0" (same word,
        // other length), 8 and 9 bytes, and long names that share both ends must stay apart.
        string[] names = ["a", "a\0", "abcdefgh", "abcdefghi", "Paid Search 1 Brand Campaign", "Paid Search 2 Brand Campaign", "Paid Search 12 Brand Campaign", "x"];
        string path = string.Join(" > ", names);

        var paths = ReadBoth(Header + path + ",1,1,0\n" + path + ",1,1,0\n");

        paths.Channels.Should().Equal(names);
        paths.Count.Should().Be(1);
        paths.Conversions[0].Should().Be(2);
    }

    [Fact]
    public void Read_UnknownChannelBeforeAnEmptyOne_TheEmptyChannelIsNamed()
    {
        // The path is split before its channels are looked up: an empty channel anywhere is the row's error.
        var act = () => PathSummaryReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(Header + "c99 > c01 >  > c01,1,1,0\n")), ["c01"]);
        var unknown = () => PathSummaryReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(Header + "c01 > c99 > c01,1,1,0\n")), ["c01"]);

        act.Should().Throw<FormatException>().WithMessage("line 2: the path 'c99 > c01 >  > c01' has an empty channel; channels are joined by ' > '.");
        unknown.Should().Throw<FormatException>().WithMessage("line 2: The channel 'c99' is not one of the 1 channels of this summary.*");
    }

    [Fact]
    public void ReadUtf8_NumbersAndLongRows_AsTheTextReader()
    {
        // The exact decimal fast path and its fallbacks (17 digits, exponents, white space including NBSP) over bytes, and a
        // row of 120,000 bytes past the 65,536-byte buffer.
        string[] numbers = ["0", "7", "0.1", "366981.4", "80516.04", "9007199254740992", "9007199254740993", "12345678901234567", "1e3", " 12.5 ", "\u00A012.5", "0.30000000000000004", "1.", ".5"];
        string longPath = string.Join(" > ", Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? "c01" : "c02"));
        string text = Header + string.Join("\n", numbers.Select((n, i) => $"c{i},1,{n},0")) + "\n" + longPath + ",2,3.25,1";

        var paths = ReadBoth(text);

        for (int i = 0; i < numbers.Length; i++)
        {
            paths.Values[i].Should().Be(double.Parse(numbers[i].Trim(), CultureInfo.InvariantCulture), numbers[i]);
        }
        paths.Path(numbers.Length).Length.Should().Be(20_000);
    }

    [Fact]
    public void Read_SurrogatePairsAndLongTextSplitAcrossReads_EncodedWhole()
    {
        // The text reader's characters are encoded block by block: a pair split between two reads (one character at a time),
        // and 2- and 4-byte characters across the 16,384-character blocks, must come out as the same names.
        string path = string.Join(" > ", Enumerable.Range(0, 6_000).Select(i => (i % 3) switch { 0 => "😀", 1 => "é", _ => "東京" }));
        string text = Header + "😀 > é,1,1,0\n" + path + ",1,1,0\n";

        var oneAtATime = PathSummaryReader.Read(new OneAtATime(text));
        var paths = ReadBoth(text);

        Rows(oneAtATime).Should().Equal(Rows(paths));
        paths.Channels.Should().Equal("😀", "é", "東京");
        paths.Path(1).Length.Should().Be(6_000);
    }
}
