using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

/// <summary>The <c>rfm summary</c> table (customer_id, frequency, recency, T, monetary_value) in CSV and Parquet.</summary>
public sealed class RfmSummaryTableTests : IDisposable
{
    private const string Header = "customer_id,frequency,recency,T,monetary_value";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Extensions => new() { ".csv", ".parquet" };

    private static RfmSummary Sample() => RfmSummary.FromColumns(
        [new CustomerId("c-1"), new CustomerId("c-2"), new CustomerId("c-3")],
        [2, 0, 7],
        [30.428571428571427, 0, 1.0 / 3.0],
        [38.857142857142854, 12.5, 0.5],
        [22.35, 0, 1e-7],
        RfmPeriodUnit.Week,
        Currency.Usd);

    [Theory]
    [MemberData(nameof(Extensions))]
    public void WriteRfmSummary_ThenRead_GivesTheSameValuesBitForBit(string extension)
    {
        string path = _dir.File("summary" + extension);
        var summary = Sample();

        long written = Tables.WriteRfmSummary(path, summary.Rows());
        var (read, report) = Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Usd);

        written.Should().Be(3);
        report.IsValid.Should().BeTrue(report.ToString());
        report.RowsAccepted.Should().Be(3);
        read.CustomerIds.Select(c => c.Value).Should().Equal("c-1", "c-2", "c-3");
        read.Frequency.Should().Equal(summary.Frequency);
        read.Recency.Should().Equal(summary.Recency);
        read.Age.Should().Equal(summary.Age);
        read.MonetaryValue.Should().Equal(summary.MonetaryValue);
        read.Period.Should().Be(RfmPeriodUnit.Week);
        read.Currency.Should().Be(Currency.Usd);
    }

    [Fact]
    public void WriteRfmSummary_Csv_WritesTheSchemaHeaderAndRoundTripNumbers()
    {
        string path = _dir.File("summary.csv");

        Tables.WriteRfmSummary(path, Sample().Rows());

        File.ReadAllLines(path).Should().Equal(
            Header,
            "c-1,2,30.428571428571427,38.857142857142854,22.35",
            "c-2,0,0,12.5,0",
            "c-3,7,0.3333333333333333,0.5,1E-07");
    }

    [Theory]
    [InlineData("c-1,-1,0,10,0", 2, "frequency", "is negative")]
    [InlineData("c-1,2.5,1,10,0", 2, "frequency", "is not a whole number")]
    [InlineData("c-1,2,11,10,5", 3, "recency", "must be in [0, T = 10]")]
    [InlineData("c-1,0,3,10,0", 3, "recency", "must be 0 when the frequency is 0")]
    [InlineData("c-1,2,3,-1,5", 4, "T", "must be a finite number of at least 0")]
    [InlineData("c-1,2,3,10,-5", 5, "monetary_value", "must be a finite number of at least 0")]
    [InlineData("c-1,2,3,10,abc", 5, "monetary_value", "is not a number")]
    [InlineData("c-1,2,3,10,", 5, "monetary_value", "is required")]
    [InlineData("c-1,2,3,NaN,5", 4, "T", "is not a finite number")]
    public void ReadRfmSummary_BadCell_RejectsTheRowNamingLineColumnAndReason(string badRow, int column, string columnName, string reason)
    {
        string path = _dir.WriteText("s.csv", $"{Header}\nok-1,1,2,10,3\n{badRow}\nok-2,0,0,4,0\n");

        var (summary, report) = Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Eur, Samples.Collect);

        summary.CustomerIds.Select(c => c.Value).Should().Equal("ok-1", "ok-2");
        report.RowsRead.Should().Be(3);
        report.RowsAccepted.Should().Be(2);
        report.RowsRejected.Should().Be(1);
        var error = report.Errors.Should().ContainSingle().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(3);
        error.Column.Should().Be(column);
        error.ColumnName.Should().Be(columnName);
        error.Reason.Should().Contain(reason);
        error.RecordId.Should().Be("c-1");
    }

    [Fact]
    public void ReadRfmSummary_FailFast_ThrowsAtTheFirstBadRow()
    {
        string path = _dir.WriteText("s.csv", $"{Header}\nok-1,1,2,10,3\nc-9,1,12,10,3\n");

        var act = () => Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Eur);

        act.Should().Throw<TableFormatException>().WithMessage("*s.csv, line 3, column 3: recency*");
    }

    [Fact]
    public void ReadRfmSummary_MissingColumn_NamesIt()
    {
        string path = _dir.WriteText("s.csv", "customer_id,frequency,recency,monetary_value\nc,1,2,3\n");

        var act = () => Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Eur);

        act.Should().Throw<TableFormatException>().WithMessage("*lacks the required rfm summary column T*");
    }

    [Fact]
    public void ReadRfmSummary_CustomerTwice_SaysWhich()
    {
        string path = _dir.WriteText("s.csv", $"{Header}\nc-1,1,2,10,3\nc-1,0,0,4,0\n");

        var act = () => Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Eur);

        act.Should().Throw<ArgumentException>().WithMessage("*'c-1' appears twice*");
    }

    [Fact]
    public void ReadRfmSummary_ParquetWithIntegerAndDoubleColumns_ReadsTypedValues()
    {
        string path = RawParquet.Write(_dir.File("s.parquet"),
            RawParquet.Text("customer_id", "a", "b"),
            RawParquet.Int64("frequency", 3, 0),
            RawParquet.Double("recency", 1.25, 0),
            RawParquet.Double("T", 2.5, 9),
            RawParquet.Double("monetary_value", 10.5, null));

        var (summary, report) = Tables.ReadRfmSummary(path, RfmPeriodUnit.Day, Currency.Eur, Samples.Collect);

        summary.Frequency.Should().Equal(3);
        summary.Recency.Should().Equal(1.25);
        summary.Age.Should().Equal(2.5);
        summary.MonetaryValue.Should().Equal(10.5);
        var error = report.Errors.Should().ContainSingle().Which;
        error.Line.Should().Be(2);
        error.ColumnName.Should().Be("monetary_value");
        error.Reason.Should().Be("is required");
    }
}
