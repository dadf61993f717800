using ContactMetrics.Domain;
using NodaTime;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data.Tests;

/// <summary>Any table of named columns written as Parquet, each column's type chosen from its values.</summary>
public sealed class ParquetColumnsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<Dictionary<string, (Type Type, Array Values)>> ReadBack(string path)
    {
        await using var stream = File.OpenRead(path);
        // As the library reads Parquet: DATE as DateOnly.
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true });
        using var group = reader.OpenRowGroupReader(0);
        int rows = checked((int)group.RowCount);
        var columns = new Dictionary<string, (Type, Array)>();
        foreach (DataField field in reader.Schema.GetDataFields())
        {
            columns[field.Name] = (field.ClrType, field.ClrType == typeof(double) ? await Values<double>(group, field, rows)
                : field.ClrType == typeof(long) ? await Values<long>(group, field, rows)
                : field.ClrType == typeof(DateTime) ? await Values<DateTime>(group, field, rows)
                : field.ClrType == typeof(DateOnly) ? await Values<DateOnly>(group, field, rows)
                : field.ClrType == typeof(bool) ? await Values<bool>(group, field, rows)
                : await Text(group, field, rows));
        }
        return columns;
    }

    private static async Task<Array> Values<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct
    {
        var values = new T?[rows];
        await group.ReadAsync<T>(field, values.AsMemory(), null, CancellationToken.None);
        return values;
    }

    private static async Task<Array> Text(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory()!, null, CancellationToken.None);
        return values;
    }

    [Fact]
    public async Task Write_MixedValues_NumbersFlagsAndText()
    {
        string path = _dir.File("out.parquet");
        var eur = Currency.Eur;
        object?[][] rows =
        [
            ["phone", 3, 1.5, new Money(12.25m, eur), Duration.FromMinutes(2), true, 7L],
            ["chat", null, 2.5, new Money(0.5m, eur), Duration.FromSeconds(30), null, 8L],
        ];

        ParquetColumns.Write(path, ["channel", "count", "rate", "cost", "aht_seconds", "resolved", "id"], rows);

        // Expected: the values above; money as its amount, durations as seconds (2 min = 120 s).
        var back = await ReadBack(path);
        back["channel"].Values.Should().BeEquivalentTo(new[] { "phone", "chat" }, o => o.WithStrictOrdering());
        back["count"].Type.Should().Be(typeof(long), "a column of whole counts is INT64");
        back["count"].Values.Should().BeEquivalentTo(new long?[] { 3, null }, o => o.WithStrictOrdering());
        back["rate"].Values.Should().BeEquivalentTo(new double?[] { 1.5, 2.5 }, o => o.WithStrictOrdering());
        back["cost"].Values.Should().BeEquivalentTo(new double?[] { 12.25, 0.5 }, o => o.WithStrictOrdering());
        back["aht_seconds"].Values.Should().BeEquivalentTo(new double?[] { 120, 30 }, o => o.WithStrictOrdering());
        back["resolved"].Type.Should().Be(typeof(bool));
        back["resolved"].Values.Should().BeEquivalentTo(new bool?[] { true, null }, o => o.WithStrictOrdering());
        back["id"].Values.Should().BeEquivalentTo(new long?[] { 7, 8 }, o => o.WithStrictOrdering());
        back["rate"].Type.Should().Be(typeof(double));
    }

    [Fact]
    public async Task Write_MixedKindsInAColumn_TextWithTheCallersFormat()
    {
        string path = _dir.File("mixed.parquet");
        object?[][] rows = [[1.5], ["n/a"], [null]];

        ParquetColumns.Write(path, ["value"], rows, v => $"<{v}>");

        var back = await ReadBack(path);
        back["value"].Values.Should().BeOfType<string[]>("a column of mixed kinds is text");
        back["value"].Values.Should().BeEquivalentTo(new[] { "<1.5>", "<n/a>", null }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Write_InstantsAndDates_TimestampAndDate()
    {
        string path = _dir.File("times.parquet");
        object?[][] rows = [[Instant.FromUtc(2025, 3, 1, 9, 15, 30) + Duration.FromTicks(1234560), new LocalDate(2025, 3, 1)], [null, null]];

        ParquetColumns.Write(path, ["at", "on"], rows);

        // TIMESTAMP(MICROS, UTC) keeps the instant to the microsecond (123.456 ms); DATE the local date.
        var back = await ReadBack(path);
        back["at"].Type.Should().Be(typeof(DateTime));
        back["at"].Values.Should().BeEquivalentTo(new DateTime?[] { new DateTime(2025, 3, 1, 9, 15, 30, 123, 456, DateTimeKind.Utc), null }, o => o.WithStrictOrdering());
        back["on"].Type.Should().Be(typeof(DateOnly));
        back["on"].Values.Should().BeEquivalentTo(new DateOnly?[] { new DateOnly(2025, 3, 1), null }, o => o.WithStrictOrdering());
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        reader.Schema.GetDataFields()[0].Should().BeOfType<DateTimeDataField>().Which.IsAdjustedToUTC.Should().BeTrue();
    }

    [Fact]
    public void Write_RowOfWrongLength_ThrowsArgumentException()
        => FluentActions.Invoking(() => ParquetColumns.Write(_dir.File("x.parquet"), ["a", "b"], [new object?[] { 1 }]))
            .Should().Throw<ArgumentException>().WithParameterName("rows");
}
