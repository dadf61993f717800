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
        e.Reason.Should().Be("has 3 fields but the header has 2.");
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

    // The reading options of the typed tables (#14 item 5), for retention km, cox and sbg.

    [Fact]
    public void Read_EuropeanGzip_GivesTheStandardFilesColumns()
    {
        // The same three rows written by a European spreadsheet (';' between cells, decimal commas) and gzipped; the
        // expected values are the standard file's cells.
        string path = _dir.File("t.csv.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes("time;status;group\n5;1;a\n8,5;0;\"b; c\"\n0,25;yes;a\n"));
        }
        var standard = Read("time,status,group\n5,1,a\n8.5,0,\"b; c\"\n0.25,yes,a\n");

        var european = CsvColumnTable.Read(path, new TableReadOptions { Delimiter = ';', DecimalComma = true });

        european.Names.Should().Equal(standard.Names);
        european.Numbers(0).Should().Equal(standard.Numbers(0)).And.Equal(5.0, 8.5, 0.25);
        european.Flags(1).Should().Equal(standard.Flags(1));
        european.Labels(2).Should().Equal(standard.Labels(2));
    }

    [Fact]
    public void Numbers_DecimalCommaAndAPoint_ThrowsNamingTheCell()
    {
        // Under a decimal comma a point may be a thousands separator (1.234 = 1234 in German), so it is refused, not guessed.
        var table = CsvColumnTable.Read(_dir.WriteText("t.csv", "d;e\n1,5;0\n1.234;0\n"), new TableReadOptions { Delimiter = ';', DecimalComma = true });

        var e = FluentActions.Invoking(() => table.Numbers(0)).Should().Throw<TableFormatException>().Which;

        e.Line.Should().Be(3);
        e.Value.Should().Be("1.234");
        e.Reason.Should().StartWith("is not a number with a decimal comma");
    }

    [Fact]
    public void Read_ParquetWithDecimalComma_TypedNumbersUnchanged()
    {
        // A Parquet DOUBLE has no decimal separator: the option is for CSV text, so 8.5 stays 8.5.
        string path = _dir.File("t.parquet");
        ParquetColumns.Write(path, ["time"], [new object?[] { 8.5 }, new object?[] { 2.0 }]);

        CsvColumnTable.Read(path, new TableReadOptions { DecimalComma = true }).Numbers(0).Should().Equal(8.5, 2.0);
    }

    [Fact]
    public void Read_GlobAndFolder_OneTableAndErrorsNameThePartsFileLineAndColumn()
    {
        // Two parts, the second with its columns in another order (matched by name, as the typed tables' parts are); files
        // that are not tables are left out. Expected: the parts' cells in name order.
        _dir.WriteText("part-1.csv", "time,status\n5,1\n6,0\n");
        string second = _dir.WriteText("part-2.csv", "Status,Time\n1,7\n0,x\n");
        _dir.WriteText("notes.txt", "not a table");

        var glob = CsvColumnTable.Read(_dir.File("part-*.csv"));
        var folder = CsvColumnTable.Read(_dir.Path);

        glob.Path.Should().Be(_dir.File("part-*.csv"));
        glob.Count.Should().Be(4);
        glob.Flags(1).Should().Equal(true, false, true, false);
        folder.Flags(1).Should().Equal(glob.Flags(1));
        // The bad cell is in the second file, line 3, its column 2 ('Time'), though 'time' is the table's column 1.
        var e = FluentActions.Invoking(() => glob.Numbers(0)).Should().Throw<TableFormatException>().Which;
        (e.File, e.Line, e.Column, e.Value).Should().Be((second, 3L, 2, "x"));
    }

    [Fact]
    public void ReadRows_GlobOfParts_TheRowsOfReadOneAtATimeWithTheirFilesAndLines()
    {
        // The streamed rows (each a table of one row) are Read's rows, in order, with the same cells and locations: the
        // second part's columns in another order, a blank line skipped.
        string first = _dir.WriteText("part-1.csv", "time,status\n5,1\n\n6,0\n");
        string second = _dir.WriteText("part-2.csv", "Status,Time\n1,7\n");
        var whole = CsvColumnTable.Read(_dir.File("part-*.csv"));

        var rows = CsvColumnTable.ReadRows(_dir.File("part-*.csv")).ToList();

        rows.Should().HaveCount(whole.Count);
        rows.Select(r => (r.Count, r.Text(0, 0), r.Text(0, 1), r.LocationOf(0))).Should().Equal(
            Enumerable.Range(0, whole.Count).Select(i => (1, whole.Text(i, 0), whole.Text(i, 1), whole.LocationOf(i))));
        rows.Select(r => r.LocationOf(0)).Should().Equal((first, TableFormat.Csv, 2L), (first, TableFormat.Csv, 4L), (second, TableFormat.Csv, 2L));
        rows[2].Text(0, rows[2].IndexOf("time")).Should().Be("7");
    }

    [Fact]
    public void ReadRows_HeaderWithoutRows_OneTableOfNoRowsWithTheColumns()
    {
        // So a streamed reader checks the columns of an empty file as Read's caller does.
        string file = _dir.WriteText("empty.csv", "time,status\n");

        var rows = CsvColumnTable.ReadRows(file).ToList();

        rows.Should().ContainSingle().Which.Count.Should().Be(0);
        rows[0].Names.Should().Equal("time", "status");
        FluentActions.Invoking(() => CsvColumnTable.ReadRows(_dir.File("missing.csv"))).Should().Throw<FileNotFoundException>("the file is looked for at the call");
    }

    [Fact]
    public void Read_PartWithOtherColumns_ThrowsNamingBothFiles()
    {
        string first = _dir.WriteText("a.csv", "time,status\n5,1\n");
        string second = _dir.WriteText("b.csv", "time,event\n5,1\n");

        var e = FluentActions.Invoking(() => CsvColumnTable.Read(_dir.Path)).Should().Throw<TableFormatException>().Which;

        e.File.Should().Be(second);
        e.Reason.Should().Be($"has the columns time, event, but {first} has time, status; the files of a folder or glob are one table and need the same columns.");
    }

    [Fact]
    public void Read_ColumnMap_MappedColumnKnownByItsSchemaName()
    {
        // A CRM export whose channel column is 'Kanal': the map the typed tables read it with names it here too.
        var options = new TableReadOptions { ColumnMap = ColumnMap.Parse("channel=Kanal") };
        var table = CsvColumnTable.Read(_dir.WriteText("t.csv", "days,Kanal\n5,phone\n8,\n"), options);

        table.Names.Should().Equal("days", "channel");
        table.IndexOf("channel").Should().Be(1);
        table.IndexOf("Kanal").Should().Be(-1);
        // Errors name the column as the file has it.
        var e = FluentActions.Invoking(() => table.Labels(1)).Should().Throw<TableFormatException>().Which;
        (e.Line, e.Column, e.ColumnName).Should().Be((3L, 2, "Kanal"));
    }

    [Fact]
    public void Read_ColumnMapOntoAColumnTheFileHas_Throws()
    {
        var options = new TableReadOptions { ColumnMap = ColumnMap.Parse("channel=Kanal") };

        var e = FluentActions.Invoking(() => CsvColumnTable.Read(_dir.WriteText("t.csv", "channel,Kanal\nphone,chat\n"), options))
            .Should().Throw<TableFormatException>().Which;

        (e.Line, e.Column, e.ColumnName).Should().Be((1L, 2, "Kanal"));
        e.Reason.Should().StartWith("is read as 'channel', and so is column 1 'channel'");
    }

    [Fact]
    public void Read_Stream_NamedInErrors()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("t|e\n3|1\n-1|0\n"));

        var table = CsvColumnTable.Read(stream, TableFormat.Csv, "stdin", new TableReadOptions { Delimiter = '|' });

        stream.CanRead.Should().BeTrue("the stream is left open");
        table.Flags(1).Should().Equal(true, false);
        FluentActions.Invoking(() => table.ToSurvivalTable(0, 1)).Should().Throw<TableFormatException>()
            .Which.Message.Should().StartWith("stdin, line 3, column 1:");
    }

    [Fact]
    public void Read_LabelNotUtf8_ThrowsInsteadOfMergingLabels()
    {
        // 0xE9 is 'é' in Latin-1 but no UTF-8: replaced by U+FFFD, 'caf\xE9' and 'caf\xE8' would be one group.
        string path = _dir.File("t.csv");
        File.WriteAllBytes(path, [.. "g,t\ncaf"u8, 0xE9, .. ",1\n"u8]);

        var e = FluentActions.Invoking(() => CsvColumnTable.Read(path)).Should().Throw<TableFormatException>().Which;

        (e.Line, e.Column).Should().Be((2L, 1));
        e.Reason.Should().StartWith("is not valid UTF-8 text");
    }
}
