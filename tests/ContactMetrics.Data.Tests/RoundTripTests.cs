using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Extensions => new() { ".csv", ".parquet" };

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteInteractions_ThenRead_GivesTheSameRecords(string extension)
    {
        string path = _dir.File("interactions" + extension);
        var rows = Samples.Interactions();

        long written = Tables.WriteInteractions(path, rows);
        var (read, report) = Tables.ReadAllInteractions(path);

        written.Should().Be(rows.Count);
        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        report.IsValid.Should().BeTrue(report.ToString());
        report.RowsAccepted.Should().Be(rows.Count);
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteCustomers_ThenRead_GivesTheSameRecords(string extension)
    {
        string path = _dir.File("customers" + extension);
        var rows = Samples.Customers();

        Tables.WriteCustomers(path, rows);
        var (read, report) = Tables.ReadAllCustomers(path);

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        report.IsValid.Should().BeTrue(report.ToString());
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WritePurchases_ThenRead_GivesTheSameRecords(string extension)
    {
        string path = _dir.File("purchases" + extension);
        var rows = Samples.Purchases();

        Tables.WritePurchases(path, rows);
        var (read, report) = Tables.ReadAllPurchases(path);

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        read.Select(p => p.Amount.Currency.Code).Should().Equal("EUR", "USD", "JPY");
        report.IsValid.Should().BeTrue(report.ToString());
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteTouchpoints_ThenRead_GivesTheSameRecords(string extension)
    {
        string path = _dir.File("touchpoints" + extension);
        var rows = Samples.Touchpoints();

        Tables.WriteTouchpoints(path, rows);
        var (read, report) = Tables.ReadAllTouchpoints(path);

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        report.IsValid.Should().BeTrue(report.ToString());
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteConversions_ThenRead_GivesTheSameRecords(string extension)
    {
        string path = _dir.File("conversions" + extension);
        var rows = Samples.Conversions();

        Tables.WriteConversions(path, rows);
        var (read, report) = Tables.ReadAllConversions(path);

        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        report.IsValid.Should().BeTrue(report.ToString());
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteInteractions_NoRows_ReadsBackAsHeaderOnly(string extension)
    {
        string path = _dir.File("empty" + extension);

        Tables.WriteInteractions(path, []);
        var (read, report) = Tables.ReadAllInteractions(path);

        read.Should().BeEmpty();
        report.IsComplete.Should().BeTrue();
        report.RowsRead.Should().Be(0);
    }

    [Fact]
    public void WriteInteractions_ParquetWithSmallRowGroups_ReadsEveryRowInOrder()
    {
        string path = _dir.File("many.parquet");
        var rows = Enumerable.Range(0, 25)
            .Select(i => new Interaction(new InteractionId($"i-{i}"), null, Channel.Ivr, Samples.T0, Samples.T0 + NodaTime.Duration.FromSeconds(i)))
            .ToList();

        Tables.WriteInteractions(path, rows, new TableWriteOptions { RowGroupSize = 10 });
        var (read, _) = Tables.ReadAllInteractions(path);

        read.Select(r => r.Id.Value).Should().Equal(rows.Select(r => r.Id.Value));
        read[^1].EndedAt.Should().Be(Samples.T0 + NodaTime.Duration.FromSeconds(24));
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteInteractions_Stream_ThenOpenStream_GivesTheSameRecords(string extension)
    {
        var format = Tables.FormatFromPath(extension);
        using var stream = new MemoryStream();

        Tables.WriteInteractions(stream, format, Samples.Interactions(), null);
        stream.Position = 0;
        using var reader = Tables.OpenInteractions(stream, format, "memory", null);
        var read = reader.ToList();

        read.Should().BeEquivalentTo(Samples.Interactions(), o => o.WithStrictOrdering());
        reader.Report.File.Should().Be("memory");
        stream.CanRead.Should().BeTrue("the caller's stream stays open");
    }
}
