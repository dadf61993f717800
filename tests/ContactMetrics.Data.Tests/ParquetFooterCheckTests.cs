using System.Buffers.Binary;
using ContactMetrics.Data.ParquetFiles;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// A damaged Parquet footer is a format error, never a hang (#14 item 3): the footer is walked, bounded, before the
/// Parquet library parses it.
/// </summary>
public sealed class ParquetFooterCheckTests
{
    /// <summary>A file of the two marks around a footer of the given Thrift compact-protocol bytes.</summary>
    private static MemoryStream File(params byte[] footer)
    {
        var bytes = new List<byte>("PAR1"u8.ToArray());
        bytes.AddRange(footer);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        bytes.AddRange(length);
        bytes.AddRange("PAR1"u8.ToArray());
        return new MemoryStream([.. bytes]);
    }

    [Fact]
    public void Damage_FilesTheLibraryWrites_None()
    {
        var stream = new MemoryStream();
        Tables.WriteInteractions(stream, TableFormat.Parquet, Samples.Interactions(), null);
        stream.Position = 0;

        ParquetFooterCheck.Damage(stream).Should().BeNull();
        stream.Position.Should().Be(0, "the position is restored for the reader");
    }

    [Fact]
    public void Damage_ListLongerThanTheFooter_Named()
    {
        // By hand, per the Thrift compact protocol: 0x19 = field delta 1, type 9 (list); 0xFC = size 15 (a varint follows),
        // element type 12 (struct); FF FF FF FF 07 = 2^31 - 1. Four bytes cannot hold that many elements.
        var damage = ParquetFooterCheck.Damage(File(0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00));

        damage.Should().Be("its footer metadata is damaged at byte 7 of 9: a list of 2147483647 elements passes the end");
    }

    [Fact]
    public void Damage_NestingDeeperThanAnySchema_Named()
    {
        // 0x1C = field delta 1, type 12 (struct), 100 times: structs nested 100 deep (a recursive parse would exhaust the stack).
        // The footer is level 0; level 65, past the limit, begins after 65 such bytes.
        var damage = ParquetFooterCheck.Damage(File([.. Enumerable.Repeat((byte)0x1C, 100), .. Enumerable.Repeat((byte)0, 100)]));

        damage.Should().Be("its footer metadata is damaged at byte 65 of 200: values nest deeper than 64 levels");
    }

    [Fact]
    public void Damage_ListsNestedDeeperThanAnySchema_Named()
    {
        // 0x19 = field delta 1, type 9 (list); inside a list 0x19 is a list header: size 1, element type 9 (list). 10,000 of them
        // nest lists 10,000 deep; the nesting limit holds for lists as for structs (no recursion past 64 levels).
        var damage = ParquetFooterCheck.Damage(File([.. Enumerable.Repeat((byte)0x19, 10_000)]));

        damage.Should().EndWith("values nest deeper than 64 levels");
    }

    [Fact]
    public void Damage_BadMarksAndLength_Named()
    {
        byte[] Bytes(params byte[][] parts) => [.. parts.SelectMany(p => p)];
        byte[] marks = "PAR1"u8.ToArray();

        ParquetFooterCheck.Damage(new MemoryStream(Bytes(marks, [0, 0, 0, 0]))).Should().Be("it is shorter than a Parquet file's two 'PAR1' marks and footer length");
        ParquetFooterCheck.Damage(new MemoryStream(Bytes(marks, new byte[8], "PAR2"u8.ToArray()))).Should().Be("it does not end in the 'PAR1' mark");
        ParquetFooterCheck.Damage(new MemoryStream(Bytes(marks, new byte[4], [0xFF, 0, 0, 0], marks))).Should().Be("its footer length 255 does not fit in the file's 16 bytes");
    }

    [Fact]
    public async Task Read_FuzzCaseThatHung_IsAFormatErrorAtOnce()
    {
        // Found by the 10-minute fuzz run of 2026-12-06 (FuzzTests, seed 20261206, Parquet case 1014): a footer byte changed so
        // that the library's Thrift reader skipped a list of billions of absent elements; validate and kpis ran for hours.
        byte[] bytes = Convert.FromBase64String(
        "UEFSMRUAFSQVKCwVBBUAFQYVBhwYAmkyGAJpMRYAKAJpMhgCaTEAAAASRAIAAAAEAQIAAABpMQIAAABpMhUAFRwVICwVBBUAFQYVBhwYAmMxGA" +
        "JjMRYCKAJjMRgCYzEAAAAONAQAAAACAQIAAgAAAGMxFQAVDBUQLBUEFQAVBhUGHDYEAAAABhQCAAAABAAVABUuFTIsFQQVABUGFQYcGAVwaG9u" +
        "ZRgEY2hhdBYAKAVwaG9uZRgEY2hhdAAAABdYAgAAAAQBBQAAAHBob25lBAAAAGNoYXQVABU4FTwsFQQVABUGFQYcGAdpbmJvdW5kGAdpbmJvdW" +
        "5kFgAoB2luYm91bmQYB2luYm91bmQAAAAcbAIAAAAEAQd4AABpbmJvdW5kBwAAAGluYm91bmQVABUMFRAsFQQVABUGFQYcNgQAAAAGFAIAAAAE" +
        "ABUAFQwVECwVBBUAFQYVBhw2BAAAAAYUAgAAAAQAFQAVLBUwLBUEFQAVBhUGHBgIgBLvUJUBAAAYCIAS71CVAQAAFgAoCIAS71CVAQAAGAiAEu" +
        "9QlQEAAAAAABZUAgAAAAQBAETgJUQvBgAAROAlRC8GABUAFQwVECwVBBUAFQYVBhw2BAAAAAYUAgAAAAQAFQAVLBUwLBUEFQAVBhUGHBgIYKbz" +
        "UJUBAAAYCOD871CVAQAAFgAoCGCm81CVAQAAGAjg/O9QlQEAAAAAABZUAgAAAAQBAOfBN0QvBgAAy3MpRC8GABUAFSwVMCwVBBUAFQYVBhwYCA" +
        "AAAAAAAAAAGAgAAAAAAAAAABYAKAgAAAAAAAAAABgIAAAAAAAAAAAAAAAWVAIAAAAEAQAAAAAAAAAAAAAAAAAAAAAVABUsFTAsFQQVABUGFQYc" +
        "GAgAAAAAAAAAABgIAAAAAAAAAAAWACgIAAAAAAAAAAAYCAAAAAAAAAAAAAAAFlQCAAAABAEAAAAAAAAAAAAAAAAAAAAAFQAVLBUwLBUEFQAVBh" +
        "UGHBgIAAAAAAAAAAAYCAAAAAAAAAAAFgAoCAAAAAAAAAAAGAgAAAAAAAAAAAAAABZUAgAAAAQBAAAAAAAAAAAAAAAAAAAAABUAFQwVECwVBBUA" +
        "FQYVBhw2BAAAAAYUAgAAAAQAFQAVHBUgLBUEFQAVBhUGHBgEAAAAABgEAAAAABYAKAQAAAAAGAQAAAAAAAAADjQCAAAABAEAAAAAAAAAABUAFQ" +
        "wVECwVBBUAFQYVBhwYBAAAAAAYBAAAAAAWBCgEAAAAABgEAAAAAAAAAAYUAgAAAAQAFQAVDBUQLBUEFQAVBhUGHBgEAAAAABgEAAAAABYEKAQA" +
        "AAAAGAQAAAAAAAAABhQCAAAABAAVABUMFRAsFQQVABUGFQYcGAQAAAAAGAQAAAAAFgQoBAAAAAAYBAAAAAAAAAAGFAIAAAAEABUAFQwVECwVBB" +
        "UAFQYVBhw2BAAAAAYUAgAAAAQAFQIZ/BRIBHJvb3QVJgAVDCUCGA5pbnRlcmFjdGlvbl9pZCUATBwAAAAVDCUCGAtjdXN0b21lcl9pZCUATBwA" +
        "AAAVDCUCGAhhZ2VudF9pZCUATBwAAAAVDCUCGAdjaGFubmVsJQBMHAAAABUMJQIYCWRpcmVjdGlvbiUATBwAAAAVDCUCGAVxdWV1ZSUATBwAAA" +
        "AVDCUCGAZyZWFzb24lAEwcAAAAFQQlAhgKYXJyaXZlZF9hdGyMERwsAAAAAAAVBCUCGAthbnN3ZXJlZF9hdGyMERwsAAAAAAAVBCUCGAhlbmRl" +
        "ZF9hdGyMERwsAAAAAAAVBBUQFQIYDHRhbGtfc2Vjb25kcyUKFRIVJCxcFRIVJAAAABUEFRAVAhgMaG9sZF9zZWNvbmRzJQoVEhUkLFwVEhUkAA" +
        "AAFQQVEBUCGAthY3dfc2Vjb25kcyUKFRIVJCxcFRIVJAAAABUAJQIYCHJlc29sdmVkABUCJQIYCXRyYW5zZmVycyUiTKwTIBEAAAAVAiUCGARj" +
        "c2F0JSJMrBMgEQAAABUCJQIYA25wcyUiTKwTIBEAAAAVAiUCGANjZXMlIkysEyARAAAAFQAlAhgLcmVjb21tZW5kZWQAFgQZHBn8EyYIHBUMGS" +
        "UABhkYDmludGVyYWN0aW9uX2lkFQIWBBZuFnImCDwYAmkyGAJpMRYAKAJpMhgCaTEAAAAmehwVDBklAAYZGAtjdXN0b21lcl9pZBUCFgQWZhZq" +
        "Jno8GAJjMRgCYzEWAigCYzEYAmMxAAAAJuQBHBUMGSUABhkYCGFnZW50X2lkFQIWBBY2Fjom5AE8NgQAAAAmngIcFQwZJQAGGRgHY2hhbm5lbB" +
        "UCFgQWjAEWkAEmngI8GAVwaG9uZRgEY2hhdBYAKAVwaG9uZRgEY2hhdAAAACauAxwVDBklAAYZGAlkaXJlY3Rpb24VAhYEFqoBFq4BJq4DPBgH" +
        "aW5ib3VuZBgHaW5ib3VuZBYAKAdpbmJvdW5kGAdpbmJvdW5kAAAAJtwEHBUMGSUABhkYBXF1ZXVlFQIWBBY2Fjom3AQ8NgQAAAAmlgUcFQwZJQ" +
        "AGGRgGcmVhc29uFQIWBBY2FjomlgU8NgQAAAAm0AUcFQQZJQAGGRgKYXJyaXZlZF9hdBUCFgQWpgEWqgEm0AU8GAiAEu9QlQEAABgIgBLvUJUB" +
        "AAAWACgIgBLvUJUBAAAYCIAS71CVAQAAAAAAJvoGHBUEGSUABhkYC2Fuc3dlcmVkX2F0FQIWBBY2Fjom+gY8NgQAAAAmtAccFQQZJQAGGRgIZW" +
        "5kZWRfYXQVAhYEFqYBFqoBJrQHPBgIYKbzUJUBAAAYCOD871CVAQAAFgAoCGCm81CVAQAAGAjg/O9QlQEAAAAAACbeCBwVBBklAAYZGAx0YWxr" +
        "X3NlY29uZHMVAhYEFqYBFqoBJt4IPBgIAAAAAAAAAAAYCAAAAAAAAAAAFgAoCAAAAAAAAAAAGAgAAAAAAAAAAAAAACaIChwVBBklAAYZGAxob2" +
        "xkX3NlY29uZHMVAhYEFqYBFqoBJogKPBgIAAAAAAAAAAAYCAAAAAAAAAAAFgAoCAAAAAAAAAAAGAgAAAAAAAAAAAAAACayCxwVBBklAAYZGAth" +
        "Y3dfc2Vjb25kcxUCFgQWpgEWqgEmsgs8GAgAAAAAAAAAABgIAAAAAAAAAAAWACgIAAAAAAAAAAAYCAAAAAAAAAAAAAAAJtwMHBUAGSUABhkYCH" +
        "Jlc29sdmVkFQIWBBY2Fjom3Aw8NgQAAAAmlg0cFQIZJQAGGRgJdHJhbnNmZXJzFQIWBBZ2Fnomlg08GAQAAAAAGAQAAAAAFgAoBAAAAAAYBAAA" +
        "AAAAAAAmkA4cFQIZJQAGGRgEY3NhdBUCFgQWZhZqJpAOPBgEAAAAABgEAAAAABYEKAQAAAAAGAQAAAAAAAAAJvoOHBUCGSUABhkYA25wcxUCFg" +
        "QWZhZqJvoOPBgEAAAAABgEAAAAABYEKAQAAAAAGAQAAAAAAAAAJuQPHBUCGSUABhkYA2NlcxUCFgQWZhZqJuQPPBgEAAAAABgEAAAAABYEKAQA" +
        "AAAAGAQAAAAAAAAAJs4QHBUAGb0ABhkYC3JlY29tbWVuJ2VkFQIWBBY2FjomzhA8NgQAAAAWtBAWBDaAEQAoSlBhcnF1ZXQuTmV0IHZlcnNpb2" +
        "4gNi4xLjAgKGJ1aWxkIGMxNzlkOTdiZDI1NDliNWY0NGE5MjQxZTcyOWY4NjlkNDk0N2VlNTkpAJcGAABQQVIx");
        var read = Task.Run(() =>
        {
            using var reader = Tables.OpenInteractions(new MemoryStream(bytes), TableFormat.Parquet, "case1014.parquet", null);
            return reader.Count();
        });

        (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60)))).Should().BeSameAs(read, "the read ends at once (it used to run for hours)");
        read.Exception!.InnerException.Should().BeOfType<TableFormatException>().Which.Message.Should()
            .StartWith("case1014.parquet: is not a readable Parquet file: its footer metadata is damaged");
    }
}
