using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Interop.Tests;

/// <summary>
/// Tables from Arrow record batches, as DuckDB, Polars or an Arrow IPC file give them: typed columns (timestamps with a
/// time zone, durations, dictionary-encoded strings, decimals) read into the same records a CSV file gives, over several
/// batches, with the row numbers of rejected rows counted across batches.
/// </summary>
public sealed class ArrowTablesTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 9, 15, 0);

    private static readonly TimestampType Utc = new(TimeUnit.Microsecond, "UTC");

    /// <summary>Two interactions per batch: a phone call answered in 20 s and an unanswered chat.</summary>
    /// <param name="first">The number of the first interaction id.</param>
    /// <param name="csat">The CSAT cells as text.</param>
    /// <param name="dictionary">Whether the channel is dictionary-encoded (as pandas categoricals and Polars enums are).</param>
    private static RecordBatch Batch(int first, string?[]? csat = null, bool dictionary = true)
    {
        IArrowArray channels = dictionary
            ? new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false),
                new Int32Array.Builder().Append(0).Append(1).Build(), new StringArray.Builder().Append("phone").Append("chat").Build())
            : new StringArray.Builder().Append("phone").Append("chat").Build();
        var fields = new List<Field>
        {
            new("interaction_id", StringType.Default, false),
            new("customer_id", StringType.Default, true),
            new("channel", channels.Data.DataType, false),
            new("arrived_at", Utc, false),
            new("answered_at", Utc, true),
            new("ended_at", Utc, false),
            new("talk_seconds", DurationType.Microsecond, true),
            new("hold_seconds", new Decimal128Type(18, 3), true),
            new("resolved", BooleanType.Default, true),
            new("csat", StringType.Default, true),
        };
        var arrays = new IArrowArray[]
        {
            new StringArray.Builder().Append($"i-{first}").Append($"i-{first + 1}").Build(),
            new StringArray.Builder().Append("c-1").AppendNull().Build(),
            channels,
            new TimestampArray.Builder(Utc).Append(T0.ToDateTimeOffset()).Append(T0.ToDateTimeOffset()).Build(),
            new TimestampArray.Builder(Utc).Append((T0 + Duration.FromSeconds(20)).ToDateTimeOffset()).AppendNull().Build(),
            new TimestampArray.Builder(Utc).Append((T0 + Duration.FromMinutes(5)).ToDateTimeOffset()).Append((T0 + Duration.FromMinutes(1)).ToDateTimeOffset()).Build(),
            new DurationArray.Builder(DurationType.Microsecond).Append(TimeSpan.FromSeconds(240.5)).AppendNull().Build(),
            new Decimal128Array.Builder(new Decimal128Type(18, 3)).Append(12.250m).AppendNull().Build(),
            new BooleanArray.Builder().Append(true).AppendNull().Build(),
            Strings(csat ?? ["5", null]),
        };
        return new RecordBatch(new Schema(fields, null), arrays, 2);
    }

    private static StringArray Strings(IEnumerable<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (string? v in values)
        {
            if (v is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(v);
            }
        }
        return builder.Build();
    }

    private static IReadOnlyList<Interaction> Expected(int first) =>
    [
        new Interaction(new InteractionId($"i-{first}"), new CustomerId("c-1"), Channel.Phone, T0, T0 + Duration.FromMinutes(5),
            answeredAt: T0 + Duration.FromSeconds(20), talk: Duration.FromMilliseconds(240_500), hold: Duration.FromMilliseconds(12_250),
            resolved: true, survey: new SurveyResponse(csat: 5, recordId: $"i-{first}")),
        new Interaction(new InteractionId($"i-{first + 1}"), null, Channel.Chat, T0, T0 + Duration.FromMinutes(1)),
    ];

    [Fact]
    public void Interactions_FromBatches_AreTheRecordsOfEachRow()
    {
        var batches = new[] { Batch(1), Batch(3) };

        using var reader = ArrowTables.OpenInteractions(batches[0].Schema, batches, "batches");
        var read = reader.ToList();

        read.Should().BeEquivalentTo([.. Expected(1), .. Expected(3)], o => o.WithStrictOrdering());
        reader.Report.RowsAccepted.Should().Be(4);
        reader.Report.Notes.Should().BeEmpty("timestamps with a time zone are exact");
    }

    [Fact]
    public void Interactions_FromAnArrowIpcStream_AreTheSameRecords()
    {
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, Batch(1, dictionary: false).Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(Batch(1, dictionary: false));
            writer.WriteRecordBatch(Batch(3, dictionary: false));
            writer.WriteEnd();
        }
        buffer.Position = 0;
        using var stream = new ArrowStreamReader(buffer);

        using var reader = ArrowTables.OpenInteractions(stream, "interactions.arrows");

        reader.ToList().Should().BeEquivalentTo([.. Expected(1), .. Expected(3)], o => o.WithStrictOrdering());
    }

    [Fact]
    public void BadCell_InTheSecondBatch_IsARejectedRowNumberedAcrossBatches()
    {
        // The second batch's first row (row 3 overall) has a CSAT of 9 on a 1-5 scale.
        var batches = new[] { Batch(1), Batch(3, csat: ["9", null]) };

        using var reader = ArrowTables.OpenInteractions(batches[0].Schema, batches, "batches", new TableReadOptions { Mode = RowErrorMode.Collect });
        var read = reader.ToList();

        read.Select(i => i.Id.Value).Should().Equal("i-1", "i-2", "i-4");
        var error = reader.Report.Errors.Should().ContainSingle().Which;
        (error.Line, error.ColumnName).Should().Be((3L, "csat"));
        reader.Report.RowsRead.Should().Be(4);
    }

    [Fact]
    public void TimestampWithoutTimeZone_IsReadAsUtcWithANote()
    {
        var naive = new TimestampType(TimeUnit.Millisecond, (string?)null);
        var schema = new Schema(
        [
            new Field("customer_id", StringType.Default, false),
            new Field("occurred_at", naive, false),
            new Field("channel", StringType.Default, false),
        ], null);
        var batch = new RecordBatch(schema,
        [
            new StringArray.Builder().Append("c-1").Build(),
            new TimestampArray.Builder(naive).Append(new DateTimeOffset(2025, 3, 1, 9, 15, 0, TimeSpan.Zero)).Build(),
            new StringArray.Builder().Append("email").Build(),
        ], 1);

        using var reader = ArrowTables.OpenTouchpoints(schema, [batch], "touchpoints");
        var read = reader.ToList();

        // 09:15 without a zone is taken as 09:15 UTC, and the report says so.
        read.Should().ContainSingle().Which.OccurredAt.Should().Be(T0);
        reader.Report.Notes.Should().ContainSingle().Which.Should().Contain("'occurred_at'").And.Contain("read as UTC");
    }

    [Fact]
    public void UnsupportedArrowType_IsARejectedRowThatSaysWhatToCastTo()
    {
        var schema = new Schema(
        [
            new Field("customer_id", StringType.Default, false),
            new Field("acquired_on", new Time64Type(TimeUnit.Microsecond), false),
        ], null);
        var batch = new RecordBatch(schema,
        [
            new StringArray.Builder().Append("c-1").Build(),
            new Time64Array.Builder(TimeUnit.Microsecond).Append(1_000_000L).Build(),
        ], 1);

        using var reader = ArrowTables.OpenCustomers(schema, [batch], "customers", new TableReadOptions { Mode = RowErrorMode.Collect });
        reader.ToList().Should().BeEmpty();

        reader.Report.Errors.Should().ContainSingle().Which.Reason.Should().Contain("time64").And.Contain("cast the column");
    }
}
