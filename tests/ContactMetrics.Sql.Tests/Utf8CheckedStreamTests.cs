using System.Text.Unicode;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// <see cref="Utf8CheckedStream"/> refuses exactly the bytes that are not UTF-8 (<see cref="Utf8.IsValid"/> of the whole)
/// and notes exactly a carriage return not followed by a line feed, however the reads cut the bytes.
/// </summary>
public sealed class Utf8CheckedStreamTests
{
    [Fact]
    public void ReadOfNoBytes_IsNotTheEnd()
    {
        // A CR whose LF comes in a later read, and "€" (E2 82 AC) cut after its first byte, each with a read of no bytes
        // between: Stream.Read returns 0 for an empty buffer without being at the end, so neither is lone or cut.
        using var stream = new Utf8CheckedStream(new MemoryStream([(byte)'a', (byte)'\r', (byte)'\n', 0xE2, 0x82, 0xAC, (byte)'b']));
        var buffer = new byte[8];
        var read = new List<byte>();
        foreach (int count in (int[])[2, 0, 2, 0, 3])
        {
            int got = stream.Read(buffer, 0, count);
            read.AddRange(buffer.AsSpan(0, got));
        }
        stream.Read(buffer, 0, 8).Should().Be(0);
        read.Should().Equal("a\r\n€b"u8.ToArray());
        stream.LoneCarriageReturn.Should().BeFalse();
    }

    [Fact]
    public void RandomBytes_RefusedExactlyWhenNotUtf8_LoneCarriageReturnsNoted_HoweverTheReadsCutThem()
    {
        var random = new Random(7);
        byte[][] pieces =
        [
            "a"u8.ToArray(), ","u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "é"u8.ToArray(), "€"u8.ToArray(), "😀"u8.ToArray(),
            "\uFEFF"u8.ToArray(), "\uFFFD"u8.ToArray(), [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],
            // Not UTF-8: overlong forms, surrogates, beyond U+10FFFF, a lone continuation byte, cut sequences, bytes never used.
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0x80], [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE],
        ];
        int refused = 0, lone = 0;
        for (int n = 0; n < 20000; n++)
        {
            // Mostly valid pieces, so a file reaches its one bad piece after several reads.
            var bytes = new List<byte>();
            int count = random.Next(0, 12);
            for (int k = 0; k < count; k++)
            {
                bytes.AddRange(pieces[random.Next(random.Next(8) == 0 ? pieces.Length : 13)]);
            }
            byte[] all = [.. bytes];
            bool valid = Utf8.IsValid(all);
            bool expectedLone = Enumerable.Range(0, all.Length).Any(i => all[i] == '\r' && (i + 1 == all.Length || all[i + 1] != '\n'));
            using var stream = new Utf8CheckedStream(new ChunkedStream(all, random));
            var buffer = new byte[random.Next(1, 9)];
            var copy = new List<byte>();
            bool threw = false;
            try
            {
                int got;
                while ((got = stream.Read(buffer, 0, random.Next(1, buffer.Length + 1))) > 0)
                {
                    copy.AddRange(buffer.AsSpan(0, got));
                }
            }
            catch (InvalidDataException)
            {
                threw = true;
            }
            string what = Convert.ToHexString(all);
            threw.Should().Be(!valid, what);
            if (valid)
            {
                copy.Should().Equal(all, what);
                stream.LoneCarriageReturn.Should().Be(expectedLone, what);
            }
            refused += threw ? 1 : 0;
            lone += valid && expectedLone ? 1 : 0;
        }
        refused.Should().BeGreaterThan(1000);
        lone.Should().BeGreaterThan(1000);
    }

    /// <summary>A stream over bytes whose reads return 1 to 7 bytes at random, so sequences are cut anywhere.</summary>
    private sealed class ChunkedStream(byte[] bytes, Random random) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _at; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int take = Math.Min(Math.Min(buffer.Length, random.Next(1, 8)), bytes.Length - _at);
            bytes.AsSpan(_at, take).CopyTo(buffer);
            _at += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
