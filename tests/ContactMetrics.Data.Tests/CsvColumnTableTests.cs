namespace ContactMetrics.Data.Tests;

/// <summary>Any CSV table read whole, its columns taken by name (the input of <c>retention km</c> and <c>cox</c>).</summary>
public sealed class CsvColumnTableTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CsvColumnTable Read(string text) => CsvColumnTable.Read(_dir.WriteText("t.csv", text));

    [Fact]
    public void Read_HeaderAndRows_ColumnsByNameAnyCase()
    {
        // Expected values are the file's own cells.
        var table = Read("Time, Status ,group\r\n5,1,a\r\n\r\n8.5,0,\"b, c\"\r\n");

        table.Count.Should().Be(2);
        table.Names.Should().Equal("Time", "Status", "group");
        table.IndexOf("time").Should().Be(0);
        table.IndexOf("STATUS").Should().Be(1);
        table.IndexOf("age").Should().Be(-1);
        table.Numbers(0).Should().Equal(5.0, 8.5);
        table.Flags(1).Should().Equal(true, false);
        table.Labels(2).Should().Equal("a", "b, c");
    }

    [Fact]
    public void Read_Parquet_TypedColumnsAsTheCsvCellsAndErrorsNameTheRow()
    {
        // The same table as a Parquet file of typed columns (DOUBLE, BOOLEAN, text): the cells read back as the CSV's.
        string path = _dir.File("t.parquet");
        ParquetColumns.Write(path, ["Time", "Status", "group"], [new object?[] { 5.0, true, "a" }, new object?[] { 8.5, false, "b, c" }, new object?[] { 3.0, null, "x" }]);

        var table = CsvColumnTable.Read(path);

        table.Names.Should().Equal("Time", "Status", "group");
        table.Numbers(0).Should().Equal(5.0, 8.5, 3.0);
        table.Labels(2).Should().Equal("a", "b, c", "x");
        // The missing flag of the third row is an error naming row 3 (not a line) and the column.
        var act = () => table.Flags(1);
        act.Should().Throw<TableFormatException>().Where(e => e.Format == TableFormat.Parquet && e.Line == 3 && e.ColumnName == "Status")
            .Which.Message.Should().Contain("row 3");
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    public void Flags_IndicatorSpellings_Parsed(string cell, bool expected)
        => Read($"e\n{cell}\n").Flags(0).Should().Equal(expected);

    [Theory]
    [InlineData("x", "is not a number.")]
    [InlineData("", "is missing; a number is needed.")]
    [InlineData("NaN", "is not a number.")]
    public void Numbers_BadCell_ThrowsWithFileLineColumnAndValue(string cell, string reason)
    {
        var table = Read($"a,b\n1,2\n3,{cell}\n");

        var e = FluentActions.Invoking(() => table.Numbers(1)).Should().Throw<TableFormatException>().Which;

        e.File.Should().EndWith("t.csv");
        e.Line.Should().Be(3);
        e.Column.Should().Be(2);
        e.ColumnName.Should().Be("b");
        e.Value.Should().Be(cell);
        e.Reason.Should().Be(reason);
    }

    [Fact]
    public void Numbers_FailsTheCallersCheck_ThrowsWithTheRequirement()
    {
        var table = Read("d\n1\n-2\n");

        FluentActions.Invoking(() => table.Numbers(0, v => v >= 0, "is negative"))
            .Should().Throw<TableFormatException>().Which.Reason.Should().Be("is negative.");
    }

    [Fact]
    public void Labels_EmptyCell_Throws()
        => FluentActions.Invoking(() => Read("g\na\n \n").Labels(0))
            .Should().Throw<TableFormatException>().Which.Line.Should().Be(3);

    [Fact]
    public void Read_RowWithOtherCellCount_ThrowsNamingTheLine()
    {
        var e = FluentActions.Invoking(() => Read("a,b\n1,2\n1,2,3\n")).Should().Throw<TableFormatException>().Which;

        e.Line.Should().Be(3);
        e.Reason.Should().Be("3 cells, but the header has 2 columns.");
    }

    [Fact]
    public void Read_EmptyFile_Throws()
        => FluentActions.Invoking(() => Read("")).Should().Throw<TableFormatException>()
            .Which.Reason.Should().Be("the file is empty; a header row is needed.");

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
        => FluentActions.Invoking(() => CsvColumnTable.Read(_dir.File("none.csv"))).Should().Throw<FileNotFoundException>();

    [Fact]
    public void Numbers_ColumnOutOfRange_ThrowsArgumentOutOfRange()
        => FluentActions.Invoking(() => Read("a\n1\n").Numbers(1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("column");

    [Fact]
    public void ToSurvivalTable_DurationsAndEvents_OneSubjectPerRow()
    {
        var survival = Read("week,arrest\n20,1\n52,0\n3,1\n").ToSurvivalTable(0, 1);

        survival.Count.Should().Be(3);
        survival.Durations.ToArray().Should().Equal(20.0, 52.0, 3.0);
        survival.Events.ToArray().Should().Equal(true, false, true);
    }

    [Fact]
    public void ToSurvivalTable_NegativeDuration_Throws()
        => FluentActions.Invoking(() => Read("t,e\n-1,1\n").ToSurvivalTable(0, 1)).Should().Throw<TableFormatException>()
            .Which.Reason.Should().Be("is negative; a duration must be at least 0.");

    [Fact]
    public void ToSurvivalTable_NoRows_Throws()
        => FluentActions.Invoking(() => Read("t,e\n").ToSurvivalTable(0, 1)).Should().Throw<TableFormatException>()
            .Which.Reason.Should().Be("the table has no rows.");

    [Fact]
    public void ToSurvivalTable_Rossi_432SubjectsAnd114Arrests()
    {
        // Rossi, Berk and Lenihan (1980), as in R's carData::Rossi and lifelines' load_rossi(): nrow(rossi) = 432,
        // sum(rossi$arrest) = 114. The file lives in ../shared/data beside the repository.
        string? path = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "rossi.csv"));
            }
        }
        var table = CsvColumnTable.Read(path!);

        var survival = table.ToSurvivalTable(table.IndexOf("week"), table.IndexOf("arrest"));

        survival.Count.Should().Be(432);
        survival.Events.ToArray().Count(e => e).Should().Be(114);
    }
}
