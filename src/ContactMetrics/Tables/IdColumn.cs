using System.Text;

namespace ContactMetrics.Tables;

/// <summary>
/// Text ids of a table's rows stored compactly: the UTF-8 bytes of every id one after another and where each starts,
/// about 4 bytes a row plus the id's bytes (a <see cref="string"/> per row costs 8 + 22 + 2 bytes per character).
/// Immutable; built by <see cref="Builder"/>.
/// </summary>
internal sealed class IdColumn
{
    private readonly byte[] _bytes;
    private readonly int[] _start;

    private IdColumn(byte[] bytes, int[] start)
    {
        _bytes = bytes;
        _start = start;
    }

    /// <summary>The id of row <paramref name="row"/>, decoded.</summary>
    public string this[int row] => Encoding.UTF8.GetString(_bytes.AsSpan(_start[row], _start[row + 1] - _start[row]));

    /// <summary>
    /// Collects ids one row at a time and, on request, finds the first row that has an id: an open-addressing table of
    /// row numbers hashed from the stored bytes (no string kept). Not thread-safe.
    /// </summary>
    internal sealed class Builder
    {
        /// <summary>The longest id kept, in UTF-8 bytes.</summary>
        public const int MaxIdBytes = BlobChunkSize;

        private const int ChunkBits = 13;
        private const int ChunkSize = 1 << ChunkBits;
        private const int BlobChunkBits = 16;
        private const int BlobChunkSize = 1 << BlobChunkBits;

        // The bytes in chunks of 64 KiB that an id never straddles; a row's start is (chunk << 16) + offset. Small chunks
        // live on the small-object heap and growing copies nothing.
        private readonly List<byte[]> _blob = [];
        private readonly List<int> _blobLength = [];
        private readonly List<int[]> _start = [];
        private int[]? _slots;
        private int _count;

        /// <summary>The number of ids added.</summary>
        public int Count => _count;

        /// <summary>Adds the id of the next row.</summary>
        /// <exception cref="ArgumentException">The id is longer than <see cref="MaxIdBytes"/> bytes.</exception>
        /// <exception cref="InvalidOperationException">The ids together exceed the largest array .NET allows (about 2 GB).</exception>
        public void Add(string id)
        {
            int needed = Encoding.UTF8.GetByteCount(id);
            if (needed > MaxIdBytes)
            {
                throw new ArgumentException($"An id of {needed:N0} bytes is longer than the {MaxIdBytes:N0} a table keeps.", nameof(id));
            }
            if (_blob.Count == 0 || _blobLength[^1] + needed > BlobChunkSize)
            {
                if (_blob.Count == Array.MaxLength >> BlobChunkBits)
                {
                    throw new InvalidOperationException($"The ids of {_count:N0} rows take more than {Array.MaxLength:N0} bytes, more than one table can hold; split the input.");
                }
                _blob.Add(new byte[BlobChunkSize]);
                _blobLength.Add(0);
            }
            if ((_count & (ChunkSize - 1)) == 0)
            {
                _start.Add(new int[ChunkSize]);
            }
            int chunk = _blob.Count - 1;
            _start[_count >> ChunkBits][_count & (ChunkSize - 1)] = (chunk << BlobChunkBits) + _blobLength[chunk];
            _blobLength[chunk] += Encoding.UTF8.GetBytes(id, _blob[chunk].AsSpan(_blobLength[chunk]));
            _count++;
            if (_slots is not null)
            {
                Index(_count - 1);
            }
        }

        /// <summary>
        /// The first row whose id is <paramref name="id"/>, or -1. The first call builds the look-up table; later
        /// <see cref="Add"/> calls keep it up to date.
        /// </summary>
        public int RowOf(string id)
        {
            if (_slots is null)
            {
                _slots = new int[SlotsFor(_count)];
                for (int row = 0; row < _count; row++)
                {
                    Index(row);
                }
            }
            int bytes = Encoding.UTF8.GetByteCount(id);
            Span<byte> utf8 = bytes <= 256 ? stackalloc byte[256] : new byte[bytes];
            utf8 = utf8[..Encoding.UTF8.GetBytes(id, utf8)];
            int mask = _slots.Length - 1;
            for (int s = (int)Hash(utf8) & mask; ; s = (s + 1) & mask)
            {
                int slot = _slots[s];
                if (slot == 0)
                {
                    return -1;
                }
                if (Bytes(slot - 1).SequenceEqual(utf8))
                {
                    return slot - 1;
                }
            }
        }

        /// <summary>The ids as an immutable column; the builder is empty afterwards.</summary>
        public IdColumn Build()
        {
            _slots = null;
            var chunkStart = new int[_blob.Count];
            int length = 0;
            for (int c = 0; c < _blob.Count; c++)
            {
                chunkStart[c] = length;
                length += _blobLength[c];
            }
            var bytes = new byte[length];
            for (int c = 0; c < _blob.Count; c++)
            {
                _blob[c].AsSpan(0, _blobLength[c]).CopyTo(bytes.AsSpan(chunkStart[c]));
                _blob[c] = [];
            }
            var start = new int[_count + 1];
            for (int row = 0; row < _count; row++)
            {
                int at = Start(row);
                start[row] = chunkStart[at >> BlobChunkBits] + (at & (BlobChunkSize - 1));
            }
            start[_count] = length;
            _blob.Clear();
            _blobLength.Clear();
            _start.Clear();
            _count = 0;
            return new IdColumn(bytes, start);
        }

        private int Start(int row) => _start[row >> ChunkBits][row & (ChunkSize - 1)];

        private ReadOnlySpan<byte> Bytes(int row)
        {
            int from = Start(row);
            int chunk = from >> BlobChunkBits;
            int next = row + 1 < _count ? Start(row + 1) : -1;
            int to = next >> BlobChunkBits == chunk ? next & (BlobChunkSize - 1) : _blobLength[chunk];
            return _blob[chunk].AsSpan(from & (BlobChunkSize - 1), to - (from & (BlobChunkSize - 1)));
        }

        /// <summary>Enters row <paramref name="row"/> unless an earlier row has its id (the first row keeps the id).</summary>
        private void Index(int row)
        {
            if (_count > _slots!.Length / 4 * 3)
            {
                var old = _slots;
                _slots = new int[SlotsFor(_count)];
                foreach (int slot in old)
                {
                    if (slot != 0)
                    {
                        Insert(slot - 1);
                    }
                }
            }
            Insert(row);
        }

        private void Insert(int row)
        {
            var id = Bytes(row);
            int mask = _slots!.Length - 1;
            for (int s = (int)Hash(id) & mask; ; s = (s + 1) & mask)
            {
                int slot = _slots[s];
                if (slot == 0)
                {
                    _slots[s] = row + 1;
                    return;
                }
                if (Bytes(slot - 1).SequenceEqual(id))
                {
                    return;
                }
            }
        }

        /// <summary>A power of two with room for <paramref name="rows"/> at a load of at most one half.</summary>
        private static int SlotsFor(int rows) => (int)Math.Min(1 << 30, Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)rows * 2)));

        /// <summary>A well-mixed 64-bit hash of the bytes (8 at a time, each word multiplied and folded), the same in every call.</summary>
        private static ulong Hash(ReadOnlySpan<byte> bytes)
        {
            const ulong Multiplier = 0x9E3779B97F4A7C15;
            ulong h = (ulong)bytes.Length * Multiplier;
            while (bytes.Length >= 8)
            {
                h = Mix(h ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes));
                bytes = bytes[8..];
            }
            ulong tail = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                tail |= (ulong)bytes[i] << (8 * i);
            }
            return Mix(h ^ tail);

            static ulong Mix(ulong x)
            {
                x *= Multiplier;
                x ^= x >> 29;
                x *= 0xBF58476D1CE4E5B9;
                return x ^ (x >> 32);
            }
        }
    }
}
