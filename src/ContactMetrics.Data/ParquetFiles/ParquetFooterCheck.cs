using System.Buffers.Binary;

namespace ContactMetrics.Data.ParquetFiles;

/// <summary>
/// Walks a Parquet file's footer (its Thrift compact-protocol FileMetaData) before the Parquet library parses it, and
/// names the damage the library does not bound: a list, map or string whose declared size passes the end of the footer
/// (the library then loops over billions of absent elements), nesting deeper than any Parquet schema, a varint longer
/// than 10 bytes, an unknown type. Linear in the footer's size.
/// </summary>
/// <remarks>The compact protocol as the Apache Thrift specification (doc/specs/thrift-compact-protocol.md) defines it.</remarks>
internal static class ParquetFooterCheck
{
    private const int MaxDepth = 64;

    /// <summary>Why the footer of <paramref name="stream"/> cannot be read; <see langword="null"/> when the walk finds no damage. The stream's position is restored.</summary>
    public static string? Damage(Stream stream)
    {
        long start = stream.Position;
        try
        {
            long length = stream.Length - start;
            if (length < 12)
            {
                return "it is shorter than a Parquet file's two 'PAR1' marks and footer length";
            }
            Span<byte> tail = stackalloc byte[8];
            stream.Position = start + length - 8;
            stream.ReadExactly(tail);
            if (!tail[4..].SequenceEqual("PAR1"u8))
            {
                return "it does not end in the 'PAR1' mark";
            }
            long footer = BinaryPrimitives.ReadUInt32LittleEndian(tail);
            if (footer == 0 || footer > length - 12)
            {
                return $"its footer length {footer} does not fit in the file's {length} bytes";
            }
            var bytes = new byte[footer];
            stream.Position = start + length - 8 - footer;
            stream.ReadExactly(bytes);
            var walker = new Walker(bytes);
            walker.Struct(0);
            return walker.Problem;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>A bounded skim over compact-protocol values; the first problem stops it.</summary>
    private ref struct Walker(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public string? Problem { get; private set; }

        private readonly int Left => _bytes.Length - _at;

        private bool Fail(string problem)
        {
            Problem ??= $"its footer metadata is damaged at byte {_at} of {_bytes.Length}: {problem}";
            return false;
        }

        private bool Byte(out byte value)
        {
            value = 0;
            if (Left < 1)
            {
                return Fail("it ends inside a value");
            }
            value = _bytes[_at++];
            return true;
        }

        private bool Varint(out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (!Byte(out byte b))
                {
                    return false;
                }
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return true;
                }
            }
            return Fail("a varint runs past 10 bytes");
        }

        private bool Skip(ulong count)
        {
            if (count > (ulong)Left)
            {
                return Fail($"a value of {count} bytes passes the end");
            }
            _at += (int)count;
            return true;
        }

        /// <summary>Fields up to the stop byte.</summary>
        public bool Struct(int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail($"values nest deeper than {MaxDepth} levels");
            }
            while (true)
            {
                if (!Byte(out byte header))
                {
                    return false;
                }
                if (header == 0)
                {
                    return true;
                }
                int type = header & 0x0F;
                if ((header >> 4) == 0 && !Varint(out _))
                {
                    return false;
                }
                // A boolean field's value is its type (1 true, 2 false).
                if (type is not (1 or 2) && !Value(type, depth))
                {
                    return false;
                }
            }
        }

        private bool Value(int type, int depth)
        {
            // Lists and maps nest too (a footer of repeated list headers would otherwise recurse once per byte).
            if (depth > MaxDepth)
            {
                return Fail($"values nest deeper than {MaxDepth} levels");
            }
            switch (type)
            {
                case 1 or 2 or 3:
                    return Skip(1);
                case 4 or 5 or 6:
                    return Varint(out _);
                case 7:
                    return Skip(8);
                case 8:
                    return Varint(out ulong length) && Skip(length);
                case 9 or 10:
                    return List(depth);
                case 11:
                    return Map(depth);
                case 12:
                    return Struct(depth + 1);
                default:
                    return Fail($"unknown value type {type}");
            }
        }

        private bool List(int depth)
        {
            if (!Byte(out byte header))
            {
                return false;
            }
            ulong count = (ulong)(header >> 4);
            if (count == 15 && !Varint(out count))
            {
                return false;
            }
            // Every element takes at least one byte, so a count beyond the bytes left is damage, not a long list.
            if (count > (ulong)Left)
            {
                return Fail($"a list of {count} elements passes the end");
            }
            int type = header & 0x0F;
            for (ulong i = 0; i < count; i++)
            {
                if (!Value(type, depth + 1))
                {
                    return false;
                }
            }
            return true;
        }

        private bool Map(int depth)
        {
            if (!Varint(out ulong count))
            {
                return false;
            }
            if (count == 0)
            {
                return true;
            }
            if (!Byte(out byte types))
            {
                return false;
            }
            if (count > (ulong)Left / 2)
            {
                return Fail($"a map of {count} entries passes the end");
            }
            for (ulong i = 0; i < count; i++)
            {
                if (!Value(types >> 4, depth + 1) || !Value(types & 0x0F, depth + 1))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
