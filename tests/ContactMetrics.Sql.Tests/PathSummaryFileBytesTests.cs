using System.IO.Compression;
using System.Text;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// <see cref="PathSummaryFile.Read"/> parses a CSV path summary with the core's byte reader
/// (<see cref="PathSummaryFile.ReadBytes"/>) when the file is plain, and leaves any other file to the row reader
/// (<see cref="PathSummaryFile.ReadRows"/>): either way the summary (channels, paths, numbers to the bit) and every error
/// message (file, line, column, value) are the row reader's.
/// </summary>
public sealed partial class PathSummaryFileBytesTests : IDisposable
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The rows of the small files below, added by hand: "a &gt; b" 1 + 2 conversions, 2.5 + 1 value, 3 + 0 nulls; "b" 0, 0, 4.</summary>
    private static readonly (string, double, double, double)[] Added = [("a > b", 3, 3.5, 3), ("b", 0, 0, 4)];

    [Theory]
    [InlineData(true, "plain", Header + "\na > b,1,2.5,3\nb,0,0,4\na > b,2,1,0\n")]
    [InlineData(true, "a byte order mark, CRLF and a blank line", "\uFEFF" + Header + "\r\na > b,1,2.5,3\r\n\r\nb,0,0,4\r\na > b,2,1,0\r\n")]
    [InlineData(true, "the header and a path quoted", "\"path\",\"total_conversions\",\"total_conversion_value\",\"total_null\"\n\"a > b\",1,2.5,3\n\"b\",0,0,4\na > b,2,1,0")]
    [InlineData(true, "the header with spaces around names", " path , total_conversions,total_conversion_value ,total_null\na > b,1,2.5,3\nb,0,0,4\na > b,2,1,0\n")]
    [InlineData(true, "the header in capitals, spaces around channels", "PATH,Total_Conversions,TOTAL_CONVERSION_VALUE,total_null\n  a  >  b ,1,2.5,3\nb,0,0,4\na > b,2,1.0,0\n")]
    [InlineData(false, "columns in another order and one more", "total_null,path,source,total_conversions,total_conversion_value\n3,a > b,x,1,2.5\n4,b,y,0,0\n0,a > b,z,2,1\n")]
    [InlineData(false, "a number quoted", Header + "\na > b,\"1\",2.5,3\nb,0,0,4\na > b,2,1,0\n")]
    public void Layouts_ReadAsBytesWhenPlain_TheRowReadersSummary(bool plain, string what, string text)
    {
        // Plain: the four columns in order (names trimmed, any case, quoted or not), the paths unquoted or simply quoted.
        string file = _dir.Write("layout.csv", text);
        (PathSummaryFile.ReadBytes(file, Currency.Eur, null) is not null).Should().Be(plain, what);
        ShouldReadAsTheRowReader(file);
        Rows(PathSummaryFile.Read(file, Currency.Eur)).Should().Equal(Added, what);
    }

    [Theory]
    [InlineData("a quoted path with a doubled quote and a comma", Header + "\n\"mail \"\"spring\"\", 2026 > b\",1,2,3\nb,0,0,4\n", "mail \"spring\", 2026")]
    [InlineData("a quoted path with a line break", Header + "\n\"mail\nspring > b\",1,2,3\nb,0,0,4\n", "mail\nspring")]
    [InlineData("a quoted path with a CRLF line break", Header + "\r\n\"mail\r\nspring > b\",1,2,3\r\nb,0,0,4\r\n", "mail\r\nspring")]
    public void QuotedPathsTheBytesDoNotRead_ReadByRfc4180(string what, string text, string channel)
    {
        string file = _dir.Write("quoted.csv", text);
        PathSummaryFile.ReadBytes(file, Currency.Eur, null).Should().BeNull(what);
        ShouldReadAsTheRowReader(file);
        PathSummaryFile.Read(file, Currency.Eur).Channels.Should().Equal([channel, "b"], what);
    }

    [Fact]
    public void NullPath_ArgumentNullException()
    {
        // As the row reader threw before the byte reader's checks of the name (which threw NullReferenceException).
        var act = () => PathSummaryFile.Read(null!);
        act.Should().Throw<ArgumentNullException>().WithParameterName("path");
    }

    [Fact]
    public void GzippedCsv_ReadAsBytes()
    {
        string file = Path.Combine(_dir.Path, "paths.csv.gz");
        using (var gz = new GZipStream(File.Create(file), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(Header + "\na > b,1,2.5,3\nb,0,0,4\na > b,2,1,0\n"));
        }
        PathSummaryFile.ReadBytes(file, Currency.Eur, null).Should().NotBeNull();
        Rows(PathSummaryFile.Read(file, Currency.Eur)).Should().Equal(Added);
        ShouldReadAsTheRowReader(file);
    }

    [Fact]
    public void LoneCarriageReturns_LeftToTheRowReader()
    {
        // The byte reader ends a line at a lone CR as TextReader does; the row reader's CSV parser decides for itself.
        string file = _dir.Write("cr.csv", Header + "\ra > b,1,2.5,3\rb,0,0,4\ra > b,2,1,0\r");
        PathSummaryFile.ReadBytes(file, Currency.Eur, null).Should().BeNull();
        ShouldReadAsTheRowReader(file);
    }

    [Theory]
    [InlineData("\uFEFF" + Header + "\r\na > b,1,2,3\r\nb,1,2,x\r\n", "line 3, column total_null: 'x' is not a finite number at least 0.")]
    [InlineData(Header + "\na > b,1,2,3\n\nb,1,-2,0\n", "line 4, column total_conversion_value: '-2' is not a finite number at least 0.")]
    [InlineData(Header + "\na > b,1,2,3\na >  > b,1,2,3\n", "line 3, column path: 'a >  > b' has an empty channel; channels are joined by ' > '.")]
    public void BadCell_NamesFileLineColumnAndValue(string text, string message)
    {
        string file = _dir.Write("bad.csv", text);
        var act = () => PathSummaryFile.Read(file);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().Be($"{file}: {message}");
        ShouldReadAsTheRowReader(file);
    }

    [Theory]
    [InlineData("a quote inside an unquoted path", Header + "\na > b,1,2,3\nmail \"spring\" > b,1,2,3\n", ", line 3: is malformed CSV: a quote inside an unquoted field*")]
    [InlineData("a row of five fields", Header + "\na > b,1,2,3\nb,1,2,3,4\n", ", line 3: has 5 fields but the header has 4.")]
    [InlineData("a quote never closed", Header + "\na > b,1,2,3\n\"b,1,2,3\n", ", line 3: has a quoted field that is never closed*")]
    public void MalformedCsv_RefusedAsTheRowReaderRefusesIt(string what, string text, string message)
    {
        string file = _dir.Write("malformed.csv", text);
        var act = () => PathSummaryFile.Read(file);
        act.Should().Throw<InvalidDataException>(what).WithMessage(file + message);
        ShouldReadAsTheRowReader(file);
    }

    [Fact]
    public void BytesNotUtf8_RefusedAsTheRowReaderRefusesThem()
    {
        // 0xFF is never UTF-8: the byte reader would read it as U+FFFD, the row reader refuses the file at that line.
        string file = Path.Combine(_dir.Path, "latin1.csv");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetBytes(Header + "\na > b,1,2,3\nm"), 0xFF, .. "il > b,1,2,3\n"u8]);
        var act = () => PathSummaryFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}, line 3, column 1: *is not valid UTF-8 text*");
        ShouldReadAsTheRowReader(file);
    }

    [Fact]
    public void PathsWrittenWithAnotherSeparator_RefusedWithTheSeparatorToGive_ReadWhenGiven()
    {
        // The guard on a plain CRLF file: no path holds " > ", two hold '>'; the first is on line 3.
        string file = _dir.Write("bare.csv", Header + "\r\nc1,1,1,0\r\nc1>c2>c3,2,3,1\r\nc3>c1,0,0,4\r\n");
        var act = () => PathSummaryFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 3, column path: 'c1>c2>c3' has no ' > ' between channels, nor has any path of the file, but 2 paths hold '>'*")
            .Which.Data[PathSummaryFile.LikelySeparatorKey].Should().Be(">");
        ShouldReadAsTheRowReader(file);
        PathSummaryFile.ReadBytes(file, Currency.Eur, ">")!.Channels.Should().Equal("c1", "c2", "c3");
        ShouldReadAsTheRowReader(file, ">");
    }

    [Fact]
    public void Paths1m_ReadAsBytes_TheRowReadersSummaryToTheBit()
    {
        string file = SharedPaths1m();
        var bytes = PathSummaryFile.ReadBytes(file, default, null);
        bytes.Should().NotBeNull();
        // 142,669 unique paths over 20 channels (docs/benchmarks.md, AttributionBenchmarks).
        bytes!.Count.Should().Be(142_669);
        bytes.Channels.Should().HaveCount(20);
        var rows = PathSummaryFile.ReadRows(file, default, PathSeparatorGuard.For(null));
        bytes.Channels.Should().Equal(rows.Channels);
        Bits(bytes).Should().Equal(Bits(rows));
    }

    /// <summary>The row reader's summary, or its error, is <see cref="PathSummaryFile.Read"/>'s.</summary>
    private static void ShouldReadAsTheRowReader(string file, string? separator = null)
    {
        PathSummary? rows = null;
        InvalidDataException? refused = null;
        try
        {
            rows = PathSummaryFile.ReadRows(file, Currency.Eur, PathSeparatorGuard.For(separator));
        }
        catch (InvalidDataException e)
        {
            refused = e;
        }
        var read = () => PathSummaryFile.Read(file, Currency.Eur, separator);
        if (refused is not null)
        {
            var thrown = read.Should().Throw<InvalidDataException>().Which;
            thrown.Message.Should().Be(refused.Message);
            thrown.Data[PathSummaryFile.LikelySeparatorKey].Should().Be(refused.Data[PathSummaryFile.LikelySeparatorKey]);
            return;
        }
        var summary = read();
        summary.Currency.Should().Be(rows!.Currency);
        summary.Channels.Should().Equal(rows.Channels);
        Bits(summary).Should().Equal(Bits(rows));
    }

    private static IEnumerable<(string, double, double, double)> Rows(PathSummary s) =>
        Enumerable.Range(0, s.Count).Select(p => (s.PathText(p), s.Conversions[p], s.Values[p], s.Nulls[p]));

    /// <summary>The rows with their numbers' bits (double equality takes 0 and -0 for one).</summary>
    private static IEnumerable<(string, long, long, long)> Bits(PathSummary s) =>
        Enumerable.Range(0, s.Count).Select(p => (s.PathText(p), BitConverter.DoubleToInt64Bits(s.Conversions[p]),
            BitConverter.DoubleToInt64Bits(s.Values[p]), BitConverter.DoubleToInt64Bits(s.Nulls[p])));

    /// <summary>../shared/data/paths_1m.csv beside the repository.</summary>
    private static string SharedPaths1m()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "paths_1m.csv"));
            }
        }
        throw new DirectoryNotFoundException($"ContactMetrics.sln not found above {AppContext.BaseDirectory}.");
    }
}
