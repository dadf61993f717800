using System.Text;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// What every reader guarantees to the commands that use it (issue #14 item 3): instants and dates inside the supported
/// range, amounts and durations within their documented bounds, valid UTF-8, unique keys, and damaged Parquet as a
/// format error; every rejected row named by file, line and column, with rows read = accepted + rejected.
/// </summary>
public sealed class ReaderGuaranteeTests : IDisposable
{
    private const string InteractionHeader = "interaction_id,channel,arrived_at,ended_at,answered_at,talk_seconds";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Interaction(string id, string arrived = "2025-03-01T09:15:00Z", string ended = "2025-03-01T09:20:00Z", string talk = "60")
        => $"{id},phone,{arrived},{ended},{arrived},{talk}";

    private ValidationReport ReadInteractions(params string[] rows)
    {
        var (_, report) = Tables.ReadAllInteractions(_dir.WriteText("i.csv", InteractionHeader + "\n" + string.Join("\n", rows) + "\n"), Samples.Collect);
        report.RowsRead.Should().Be(report.RowsAccepted + report.RowsRejected);
        return report;
    }

    [Theory]
    // 9999-12-31T23:00-05:00 is 10000-01-01T04:00Z, past the calendar (it crashed every command with OverflowException).
    [InlineData("9999-12-31T23:00:00-05:00")]
    // 0001-01-01T01:00+05:00 is in year 0 in UTC.
    [InlineData("0001-01-01T01:00:00+05:00")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    public void Read_InstantOutsideTheSupportedRange_RejectsTheRowNamingTheCell(string instant)
    {
        var report = ReadInteractions(Interaction("i-1"), Interaction("i-2", instant, instant));

        report.RowsAccepted.Should().Be(1);
        var error = report.Errors.Should().ContainSingle().Which;
        error.Should().BeEquivalentTo(new { Line = 3L, Column = 3, ColumnName = "arrived_at", Value = instant, RecordId = "i-2" });
        error.Reason.Should().StartWith("is outside the supported range 1900-01-01 to 2199-12-31 (UTC)");
    }

    [Fact]
    public void Read_InstantsAtTheEndsOfTheRange_AreAccepted()
    {
        // 1900-01-01T01:00+01:00 is exactly the first supported instant 1900-01-01T00:00Z.
        var report = ReadInteractions(
            Interaction("i-1", "1900-01-01T01:00:00+01:00", "1900-01-01T01:00:00+01:00"),
            Interaction("i-2", "2199-12-31T23:59:59Z", "2199-12-31T23:59:59Z"));
        report.RowsAccepted.Should().Be(2);
    }

    [Fact]
    public void Read_DateOutsideTheSupportedRange_RejectsTheRow()
    {
        string path = _dir.WriteText("c.csv", "customer_id,acquired_on\nc-1,2024-01-01\nc-2,0001-01-01\n");
        var (rows, report) = Tables.ReadAllCustomers(path, Samples.Collect);
        rows.Should().ContainSingle();
        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 3L, Column = 2, ColumnName = "acquired_on" });
    }

    [Theory]
    // 2,073,600 s = 24 days, the documented bound (the KPI table keeps milliseconds in 32 bits, 24.8 days, and
    // rejected longer talk times only when kpis ran, without a file or line).
    [InlineData("2073600", true)]
    [InlineData("2073601", false)]
    [InlineData("10000000000", false)]
    public void Read_TalkSeconds_BoundedBy24Days(string talk, bool accepted)
    {
        var report = ReadInteractions(Interaction("i-1", "2025-03-01T09:15:00Z", "2025-04-01T09:15:00Z", talk));
        report.RowsAccepted.Should().Be(accepted ? 1 : 0);
        if (!accepted)
        {
            report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2L, Column = 6, ColumnName = "talk_seconds" });
        }
    }

    [Theory]
    [InlineData("1000000000000000", true)]
    [InlineData("1000000000000000.01", false)]
    [InlineData("79228162514264337593543950335", false)]
    public void Read_Amount_BoundedBy10To15(string amount, bool accepted)
    {
        // Amounts near decimal's limit crashed attribution, CLV and the report when summed; 10^15 leaves room for 10^13 rows.
        string path = _dir.WriteText("p.csv", $"customer_id,occurred_at,amount,currency\nc-1,2025-03-01T09:15:00Z,{amount},EUR\n");
        var (rows, report) = Tables.ReadAllPurchases(path, Samples.Collect);
        rows.Should().HaveCount(accepted ? 1 : 0);
        if (!accepted)
        {
            report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2L, Column = 3, ColumnName = "amount", Value = amount });
        }
    }

    [Fact]
    public void Read_InvalidUtf8InACell_RejectsTheRowInsteadOfReplacingTheBytes()
    {
        // 0xFF and 0xFE are never UTF-8; replaced, both ids would read as "c\uFFFD1" and merge.
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("customer_id,acquired_on\nc"));
        bytes.Add(0xFF);
        bytes.AddRange(Encoding.UTF8.GetBytes("1,2024-01-01\nc"));
        bytes.Add(0xFE);
        bytes.AddRange(Encoding.UTF8.GetBytes("1,2024-01-01\nc-3,2024-01-01\n"));
        string path = _dir.File("c.csv");
        File.WriteAllBytes(path, [.. bytes]);

        var (rows, report) = Tables.ReadAllCustomers(path, Samples.Collect);

        rows.Select(r => r.Id.Value).Should().Equal("c-3");
        report.Errors.Select(e => (e.Line, e.Column)).Should().Equal((2L, (int?)1), (3L, (int?)1));
        report.Errors[0].Reason.Should().StartWith("is not valid UTF-8 text");
    }

    [Fact]
    public void Read_InvalidUtf8InTheHeader_IsAFileError()
    {
        string path = _dir.File("c.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("customer_id,acquired_on,seg"), 0xFF, .. Encoding.UTF8.GetBytes("\nc-1,2024-01-01,x\n")]);
        var act = () => Tables.ReadAllCustomers(path, Samples.Collect);
        act.Should().Throw<TableFormatException>().Which.Should().BeEquivalentTo(new { File = path, Line = 1L, Column = 3 });
    }

    [Fact]
    public void Read_RepeatedInteractionId_RejectsTheSecondNamingTheFirst()
    {
        var report = ReadInteractions(Interaction("i-1"), Interaction("i-2"), Interaction("i-1"));
        report.RowsAccepted.Should().Be(2);
        var error = report.Errors.Should().ContainSingle().Which;
        error.Should().BeEquivalentTo(new { Line = 4L, Column = 1, ColumnName = "interaction_id", Value = "i-1" });
        error.Reason.Should().Be("repeats the interaction_id of line 2; each may appear once, or it would be counted twice");
    }

    [Fact]
    public void Read_RepeatedCustomerIdFailFast_Throws()
    {
        string path = _dir.WriteText("c.csv", "customer_id,segment,acquired_on\nc-1,a,2024-01-01\nc-1,b,2024-01-01\n");
        var act = () => Tables.ReadAllCustomers(path);
        act.Should().Throw<TableFormatException>().Which.Message.Should()
            .Be($"{path}, line 3, column 1: customer_id 'c-1' repeats the customer_id of line 2; each may appear once, or it would be counted twice [record c-1]");
    }

    [Fact]
    public void Read_IdenticalConversions_RejectsTheRepeatButKeepsIdenticalPurchases()
    {
        const string Rows = "c-1,2025-03-01T09:15:00Z,5,EUR\nc-1,2025-03-01T09:15:00Z,5,EUR\nc-1,2025-03-01T09:15:00Z,6,EUR\n";
        var (conversions, report) = Tables.ReadAllConversions(_dir.WriteText("v.csv", "customer_id,occurred_at,value,currency\n" + Rows), Samples.Collect);
        conversions.Should().HaveCount(2, "the third row differs in value");
        report.Errors.Should().ContainSingle().Which.Line.Should().Be(3);
        // Two identical purchases can be two items bought in the same second: they are kept.
        var (purchases, _) = Tables.ReadAllPurchases(_dir.WriteText("p.csv", "customer_id,occurred_at,amount,currency\n" + Rows), Samples.Collect);
        purchases.Should().HaveCount(3);
    }

    [Fact]
    public void Read_DamagedParquetMetadata_IsAFormatErrorNamingTheFile()
    {
        // A single-byte corruption at every position of the footer (metadata and its length) either still reads or is a
        // TableFormatException naming the file; before, 35 of 123 damaged files crashed with Thrift, overflow,
        // index or out-of-memory exceptions.
        var stream = new MemoryStream();
        Tables.WriteInteractions(stream, TableFormat.Parquet, Samples.Interactions(), null);
        byte[] good = stream.ToArray();
        int footer = BitConverter.ToInt32(good, good.Length - 8);
        var random = new Random(14);
        int failures = 0;
        for (int position = good.Length - 8 - footer; position < good.Length - 4; position++)
        {
            byte[] damaged = (byte[])good.Clone();
            damaged[position] = (position % 3) switch { 0 => 0, 1 => 0xFF, _ => (byte)random.Next(256) };
            try
            {
                using var reader = Tables.OpenInteractions(new MemoryStream(damaged), TableFormat.Parquet, "damaged.parquet", Samples.Collect);
                _ = reader.Count();
            }
            catch (TableFormatException e)
            {
                e.File.Should().Be("damaged.parquet");
                failures++;
            }
        }
        failures.Should().BePositive("some corruptions must break the metadata, or the test exercises nothing");
    }
}
