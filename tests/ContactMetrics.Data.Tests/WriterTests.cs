using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

public sealed class WriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteInteractions_Csv_WritesEverySchemaColumnInOrderWithUtcInstants()
    {
        string path = _dir.File("out.csv");
        var arrived = Instant.FromUtc(2025, 3, 1, 9, 15, 0);
        var interaction = new Interaction(new InteractionId("i-1"), null, Channel.SelfService, arrived, arrived + Duration.FromMilliseconds(1500),
            answeredAt: arrived + Duration.FromMilliseconds(500), talk: Duration.FromMilliseconds(1000), reason: "a, \"b\"");

        Tables.WriteInteractions(path, [interaction]);

        File.ReadAllText(path).Should().Be(
            "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces,recommended\r\n"
            + "i-1,,,self_service,inbound,,\"a, \"\"b\"\"\",2025-03-01T09:15:00Z,2025-03-01T09:15:00.5Z,2025-03-01T09:15:01.5Z,1,0,0,,0,,,,\r\n");
    }

    [Fact]
    public void WriteCustomers_Csv_WritesDatesAsIsoAndMissingAsEmpty()
    {
        string path = _dir.File("customers.csv");

        Tables.WriteCustomers(path, [new Customer(new CustomerId("c-1"), new LocalDate(2024, 2, 29))]);

        File.ReadAllLines(path).Should().Equal("customer_id,segment,acquired_on,churned_on", "c-1,,2024-02-29,");
    }

    [Fact]
    public void WritePurchases_Csv_WritesAmountsWithPointAndNoTrailingZeros()
    {
        string path = _dir.File("purchases.csv");

        Tables.WritePurchases(path, [new Purchase(new CustomerId("c-1"), Instant.FromUtc(2025, 1, 2, 3, 4, 5), new Money(1234.50m, Currency.Eur))]);

        File.ReadAllLines(path)[1].Should().Be("c-1,2025-01-02T03:04:05Z,1234.5,EUR");
    }

    [Fact]
    public void WritePurchases_ParquetAmountWithMoreThanNineDecimals_ThrowsAndLeavesNoFile()
    {
        string path = _dir.File("purchases.parquet");
        var purchase = new Purchase(new CustomerId("c-1"), Instant.FromUtc(2025, 1, 2, 3, 4, 5), new Money(0.0000000001m, Currency.Eur));

        var act = () => Tables.WritePurchases(path, [purchase]);

        act.Should().Throw<ArgumentException>().WithMessage("*amount*9 decimal places*");
        Directory.GetFiles(_dir.Path).Should().BeEmpty("a failed write leaves neither the target nor its temporary file");
    }

    [Fact]
    public void WriteTouchpoints_ExistingFile_IsReplaced()
    {
        string path = _dir.WriteText("touchpoints.csv", "old content that is longer than the new file will be, to see it is replaced whole\n");

        Tables.WriteTouchpoints(path, [new Touchpoint(new CustomerId("c-1"), Instant.FromUtc(2025, 1, 1, 0, 0), "seo")]);

        File.ReadAllLines(path).Should().Equal("customer_id,occurred_at,channel", "c-1,2025-01-01T00:00:00Z,seo");
        Directory.GetFiles(_dir.Path).Should().ContainSingle();
    }

    [Fact]
    public void WriteConversions_UnknownExtension_ThrowsArgumentException()
    {
        var act = () => Tables.WriteConversions(_dir.File("conversions.json"), []);

        act.Should().Throw<ArgumentException>().WithParameterName("path");
    }

    [Theory]
    [InlineData("a/b/file.csv", TableFormat.Csv)]
    [InlineData("FILE.CSV", TableFormat.Csv)]
    [InlineData("x.Parquet", TableFormat.Parquet)]
    [InlineData("export.csv.gz", TableFormat.Csv)]
    [InlineData("EXPORT.CSV.GZ", TableFormat.Csv)]
    public void FormatFromPath_KnownExtension_ReturnsFormat(string path, TableFormat expected)
        => Tables.FormatFromPath(path).Should().Be(expected);

    [Theory]
    [InlineData("file.tsv")]
    [InlineData("file")]
    [InlineData("file.parquet.gz")]
    [InlineData("file.gz")]
    public void FormatFromPath_OtherExtension_Throws(string path)
        => FluentActions.Invoking(() => Tables.FormatFromPath(path)).Should().Throw<ArgumentException>();
}
