using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Data.Tests.RawParquet;

namespace ContactMetrics.Data.Tests;

/// <summary>Parquet files from other writers: typed and text columns, row numbers, file-level problems.</summary>
public sealed class ParquetReadingTests : IDisposable
{
    private static readonly DateTime Arrived = new(2025, 3, 1, 9, 15, 0, DateTimeKind.Utc);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_TextColumnWithBadInstant_ReportsRowNumberAndColumn()
    {
        string path = Write(_dir.File("i.parquet"),
            Text("interaction_id", "i-1", "i-2", "i-3"),
            Text("channel", "phone", "chat", "email"),
            Text("arrived_at", "2025-03-01T09:15:00Z", "yesterday", "2025-03-01T09:15:00+01:00"),
            Text("ended_at", "2025-03-01T09:20:00Z", "2025-03-01T09:20:00Z", "2025-03-01T09:20:00Z"));

        var (rows, report) = Tables.ReadAllInteractions(path, Samples.Collect);

        rows.Select(r => r.Id.Value).Should().Equal("i-1", "i-3");
        rows[1].ArrivedAt.Should().Be(Instant.FromUtc(2025, 3, 1, 8, 15));
        var error = report.Errors.Should().ContainSingle().Which;
        error.Should().BeEquivalentTo(new { Line = 2L, Column = 3, ColumnName = "arrived_at", Value = "yesterday", RecordId = "i-2", Format = TableFormat.Parquet });
        error.Location.Should().Be("row 2");
        report.ToString().Should().Contain("\n  row 2, column 3: arrived_at 'yesterday' is not an ISO-8601 instant");
    }

    [Fact]
    public void Read_SeveralRowGroups_RowNumbersCountAcrossGroups()
    {
        var groups = new[]
        {
            new[] { Text("customer_id", "c-1", "c-2", "c-3"), Text("occurred_at", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), Text("channel", "seo", "seo", "seo") },
            new[] { Text("customer_id", "c-4", "c-5"), Text("occurred_at", "2025-01-01T00:00:00Z", "2025-01-01"), Text("channel", "seo", "seo") },
        };
        string path = WriteGroups(_dir.File("t.parquet"), groups);

        var (rows, report) = Tables.ReadAllTouchpoints(path, Samples.Collect);

        rows.Should().HaveCount(4);
        report.Errors.Should().ContainSingle().Which.Line.Should().Be(5);
    }

    [Fact]
    public void Read_TypedColumnsAsOtherEnginesWriteThem_AreConverted()
    {
        string path = Write(_dir.File("i.parquet"),
            Text("interaction_id", "i-1"),
            Int64("customer_id", 4711),
            Text("channel", "messaging"),
            Timestamp("arrived_at", utc: false, Arrived),
            Timestamp("answered_at", utc: true, Arrived.AddSeconds(10)),
            Timestamp("ended_at", utc: true, Arrived.AddMinutes(3)),
            Double("talk_seconds", 95.25),
            Int64("csat", 5),
            Boolean("resolved", true));

        var (rows, report) = Tables.ReadAllInteractions(path, Samples.Collect);

        report.IsValid.Should().BeTrue(report.ToString());
        rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            CustomerId = new CustomerId("4711"),
            Channel = Channel.Messaging,
            ArrivedAt = Instant.FromUtc(2025, 3, 1, 9, 15),
            Talk = Duration.FromMilliseconds(95_250),
            Survey = new SurveyResponse(csat: 5),
            Resolved = (bool?)true,
        });
        report.Notes.Should().ContainSingle().Which.Should().Contain("'arrived_at' is a timestamp without time zone");
    }

    [Fact]
    public void Read_NullInRequiredTypedColumn_RejectsAsMissing()
    {
        string path = Write(_dir.File("i.parquet"),
            Text("interaction_id", "i-1", "i-2"),
            Text("channel", "phone", "phone"),
            Timestamp("arrived_at", utc: true, Arrived, Arrived),
            Timestamp("ended_at", utc: true, Arrived, null));

        var (_, report) = Tables.ReadAllInteractions(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.ToString().Should().EndWith("row 2, column 4: ended_at (missing) is required [record i-2]");
    }

    [Fact]
    public void Read_NotFiniteSeconds_Rejects()
    {
        string path = Write(_dir.File("i.parquet"),
            Text("interaction_id", "i-1"),
            Text("channel", "phone"),
            Timestamp("arrived_at", utc: true, Arrived),
            Timestamp("ended_at", utc: true, Arrived),
            Double("acw_seconds", double.NaN));

        var (_, report) = Tables.ReadAllInteractions(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Column = 5, Value = "NaN", Reason = "is not a finite number" });
    }

    [Fact]
    public void Read_DatesFromTimestamps_MidnightIsADateOtherTimesAreRejected()
    {
        string path = Write(_dir.File("c.parquet"),
            Text("customer_id", "c-1", "c-2"),
            Timestamp("acquired_on", utc: true, new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc)));

        var (rows, report) = Tables.ReadAllCustomers(path, Samples.Collect);

        rows.Should().ContainSingle().Which.AcquiredOn.Should().Be(new LocalDate(2024, 2, 29));
        report.Errors.Should().ContainSingle().Which.Reason.Should().Contain("time of day");
    }

    [Fact]
    public void Open_ColumnOfAnUnusableType_ThrowsNamingTheColumn()
    {
        string path = Write(_dir.File("i.parquet"),
            Text("interaction_id", "i-1"),
            Text("channel", "phone"),
            Boolean("arrived_at", true),
            Timestamp("ended_at", utc: true, Arrived));

        var act = () => Tables.OpenInteractions(path, Samples.Collect);

        var e = act.Should().Throw<TableFormatException>().Which;
        e.Should().BeEquivalentTo(new { Column = 3, ColumnName = "arrived_at", Line = (long?)null });
        e.Reason.Should().Contain("Boolean").And.Contain("timestamp");
    }

    [Fact]
    public void Open_MissingRequiredColumn_Throws()
    {
        string path = Write(_dir.File("p.parquet"), Text("customer_id", "c-1"), Double("amount", 3));

        var act = () => Tables.OpenPurchases(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().Contain("occurred_at");
    }

    [Fact]
    public void Open_ExtraColumn_IsNotedAndNotRead()
    {
        string path = Write(_dir.File("t.parquet"),
            Text("customer_id", "c-1"), Text("occurred_at", "2025-01-01T00:00:00Z"), Text("channel", "seo"), Boolean("campaign_flag", true));

        var (rows, report) = Tables.ReadAllTouchpoints(path);

        rows.Should().ContainSingle();
        report.Notes.Should().ContainSingle().Which.Should().Contain("4 'campaign_flag'");
    }

    [Fact]
    public void Open_NotAParquetFile_Throws()
    {
        string path = _dir.WriteText("t.parquet", "customer_id,occurred_at,channel\n");

        var act = () => Tables.OpenTouchpoints(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().StartWith("is not a readable Parquet file");
    }

    [Fact]
    public void Open_StreamThatCannotSeek_ThrowsArgumentException()
    {
        using var stream = new ForwardOnlyStream();

        var act = () => Tables.OpenTouchpoints(stream, TableFormat.Parquet, "pipe", null);

        act.Should().Throw<ArgumentException>().WithParameterName("stream");
    }

    [Fact]
    public void Read_FailFast_MessageSaysRow()
    {
        string path = Write(_dir.File("t.parquet"),
            Text("customer_id", "c-1", "c-2"), Text("occurred_at", "2025-01-01T00:00:00Z", "soon"), Text("channel", "seo", "seo"));
        using var reader = Tables.OpenTouchpoints(path);

        var act = () => reader.ToList();

        act.Should().Throw<TableFormatException>().WithMessage($"{path}, row 2, column 2: occurred_at 'soon' is not an ISO-8601*[record c-2]");
    }

    private sealed class ForwardOnlyStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
