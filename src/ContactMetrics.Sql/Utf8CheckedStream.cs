using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ContactMetrics.Sql;

/// <summary>
/// A stream's bytes passed on as they are read, checked on the way: they must be UTF-8 (an <see cref="InvalidDataException"/>
/// at the first bytes that are not, or at the end of a cut sequence), and a carriage return not followed by a line feed is
/// noted (<see cref="LoneCarriageReturn"/>). What ContactMetrics.Data's CSV reader refuses or reads its own way, which the
/// core's byte parser, reading invalid bytes as U+FFFD and a lone carriage return as a line end, would read otherwise.
/// </summary>
internal sealed class Utf8CheckedStream(Stream inner) : Stream
{
    private readonly char[] _chars = new char[1 << 14];
    private readonly byte[] _pending = new byte[8];
    private int _pendingCount;
    private bool _carriageReturn;

    /// <summary>Whether a carriage return not followed by a line feed has been read.</summary>
    public bool LoneCarriageReturn { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            // No bytes asked, none read: not the end, which a read of no bytes means to the check.
            return 0;
        }
        int read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Checks the next bytes (none: the end), a sequence cut between two reads completed from the second.</summary>
    private void Check(ReadOnlySpan<byte> bytes)
    {
        bool end = bytes.IsEmpty;
        LoneCarriageReturn |= _carriageReturn && (end || bytes[0] != (byte)'\n');
        for (int from = 0, at; (at = bytes[from..].IndexOf((byte)'\r')) >= 0; from += at + 1)
        {
            LoneCarriageReturn |= from + at + 1 < bytes.Length && bytes[from + at + 1] != (byte)'\n';
        }
        _carriageReturn = end ? _carriageReturn : bytes[^1] == (byte)'\r';
        if (_pendingCount > 0)
        {
            int take = Math.Min(4, bytes.Length);
            bytes[..take].CopyTo(_pending.AsSpan(_pendingCount));
            var status = Rune.DecodeFromUtf8(_pending.AsSpan(0, _pendingCount + take), out _, out int used);
            if (status == OperationStatus.NeedMoreData && !end && take == bytes.Length)
            {
                _pendingCount += take;
                return;
            }
            if (status != OperationStatus.Done)
            {
                throw NotUtf8();
            }
            bytes = bytes[(used - _pendingCount)..];
            _pendingCount = 0;
        }
        while (true)
        {
            switch (Utf8.ToUtf16(bytes, _chars, out int read, out _, replaceInvalidSequences: false, isFinalBlock: end))
            {
                case OperationStatus.Done:
                    return;
                case OperationStatus.DestinationTooSmall:
                    bytes = bytes[read..];
                    break;
                case OperationStatus.NeedMoreData:
                    bytes[read..].CopyTo(_pending);
                    _pendingCount = bytes.Length - read;
                    return;
                default:
                    throw NotUtf8();
            }
        }
    }

    private static InvalidDataException NotUtf8() => new("The bytes are not UTF-8.");
}
