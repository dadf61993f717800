using System.Text;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// Seeded random files: one that <see cref="PathSummaryFile.ReadBytes"/> reads is read alike by the row reader
/// (<see cref="PathSummaryFile.ReadRows"/>: the same channels, paths and numbers to the bit, and no error).
/// </summary>
public sealed partial class PathSummaryFileBytesTests
{
    // Channels with the characters where CSV and the byte reader could part: quotes, commas, line breaks, white space
    // that is not ASCII, separators, multi-byte UTF-8, a byte order mark.
    private static readonly string[] Channels =
        ["a", "b", "é", "€", "😀", "x y", "a\"b", "c,d", "e\nf", "g\r\nh", "\u00A0i", "j\t", "k\rl", "", " ", "|", "m|n", "o>p", "\uFEFFq", "\u2028r"];

    private static readonly string[] Joins = [" > ", " > ", " > ", ">", " >  ", "  > ", "|"];

    private static readonly string[] Numbers =
        ["1", "0", "2.5", " 3 ", "\"1\"", "-0", "1e2", "", "x", "0.1", "00012", "\u00A05", "1.", ".5", "+1", "NaN", "Infinity", "-1", "12345678901234567", "0.30000000000000004"];

    private static readonly string[] Headers =
    [
        "path,total_conversions,total_conversion_value,total_null",
        "path,total_conversions,total_conversion_value,total_null",
        "path,total_conversions,total_conversion_value,total_null",
        "\uFEFFpath,total_conversions,total_conversion_value,total_null",
        "\"path\",total_conversions,total_conversion_value,\"total_null\"",
        " PATH ,total_conversions,total_conversion_value,total_null",
        "\" path \",total_conversions,total_conversion_value,total_null",
        "path,total_conversions,total_conversion_value,\"total_null\n\"",
        "path,total_conversions,total_conversion_value,total_null,",
        "\npath,total_conversions,total_conversion_value,total_null",
    ];

    [Fact]
    public void RandomFiles_TheByteReadersSummaryIsTheRowReaders()
    {
        var random = new Random(20261207);
        string file = Path.Combine(_dir.Path, "fuzz.csv");
        int read = 0;
        for (int n = 0; n < 4000; n++)
        {
            byte[] bytes = RandomFile(random);
            File.WriteAllBytes(file, bytes);
            string? separator = random.Next(6) == 0 ? ">" : null;
            var summary = PathSummaryFile.ReadBytes(file, Currency.Eur, separator);
            if (summary is null)
            {
                continue;
            }
            read++;
            string what = $"file {n}: {Convert.ToHexString(bytes)} ({Encoding.UTF8.GetString(bytes)}), separator {separator ?? "none"}";
            PathSummary rows;
            try
            {
                rows = PathSummaryFile.ReadRows(file, Currency.Eur, PathSeparatorGuard.For(separator));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidOperationException($"The byte reader read {what}; the row reader refuses it: {e.Message}", e);
            }
            summary.Channels.Should().Equal(rows.Channels, what);
            Bits(summary).Should().Equal(Bits(rows), what);
        }
        // The fast path is taken often enough for the comparison to mean something.
        read.Should().BeGreaterThan(1000);
    }

    private static byte[] RandomFile(Random random)
    {
        // A file as a writer writes it (plain channels and numbers, some paths quoted, LF or CRLF, a blank line), each
        // element of it made an odd one of the lists above at a rate of none (a third of the files), 1 in 20 or 1 in 5.
        int rate = random.Next(3) switch { 0 => 0, 1 => 20, _ => 5 };
        bool Odd() => rate > 0 && random.Next(rate) == 0;
        string[] ends = ["\n", "\r\n", "\r"];
        string end = ends[Odd() ? 2 : random.Next(2)];
        var text = new StringBuilder(Headers[Odd() ? random.Next(Headers.Length) : 0]);
        int rows = random.Next(1, 6);
        for (int r = 0; r < rows; r++)
        {
            text.Append(Odd() ? ends[random.Next(3)] : end);
            if (random.Next(15) == 0)
            {
                text.Append(end);
            }
            text.Append(RandomPath(random, Odd)).Append(',').Append(Number(random, Odd)).Append(',').Append(Number(random, Odd)).Append(',').Append(Number(random, Odd));
            if (Odd() && random.Next(4) == 0)
            {
                text.Append(",1");
            }
        }
        if (random.Next(2) == 0)
        {
            text.Append(end);
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (Odd() && random.Next(4) == 0)
        {
            // A byte that is not UTF-8 somewhere.
            bytes[random.Next(bytes.Length)] = 0xFF;
        }
        return bytes;
    }

    private static string RandomPath(Random random, Func<bool> odd)
    {
        string Channel() => Channels[odd() ? random.Next(Channels.Length) : random.Next(5)];
        string join = Joins[odd() ? random.Next(Joins.Length) : random.Next(4)];
        string path = string.Join(join, Enumerable.Range(0, random.Next(1, 4)).Select(_ => Channel()));
        return (odd() ? random.Next(8, 10) : random.Next(8)) switch
        {
            < 5 => path,
            < 8 => "\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            8 => "\"" + path + "\"",
            _ => " \"" + path + "\"",
        };
    }

    private static string Number(Random random, Func<bool> odd) => Numbers[odd() ? random.Next(Numbers.Length) : random.Next(4)];
}
