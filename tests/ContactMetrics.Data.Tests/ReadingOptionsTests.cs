using System.IO.Compression;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// Options for real exports (issue #14 item 5): delimiter, decimal comma, date format, input time zone, column map,
/// gzip, folders and globs; and the notes on values the reader coerced.
/// </summary>
public sealed class ReadingOptionsTests : IDisposable
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    // The same three interactions as a standard file (ISO-8601 with offsets, decimal points, true/false) ...
    private const string Standard =
        "interaction_id,channel,arrived_at,answered_at,ended_at,talk_seconds,resolved\n" +
        "i-1,phone,2025-03-05T09:15:00+01:00,2025-03-05T09:16:00+01:00,2025-03-05T09:21:00+01:00,185.5,true\n" +
        "i-2,chat,2025-07-01T14:00:00+02:00,2025-07-01T14:01:00+02:00,2025-07-01T14:03:00+02:00,12.25,false\n" +
        "i-3,email,2025-12-24T23:59:00+01:00,,2025-12-25T00:10:00+01:00,,\n";

    // ... and as a European Excel export: semicolons, decimal commas, day/month/year local times, yes/no.
    private const string European =
        "interaction_id;channel;arrived_at;answered_at;ended_at;talk_seconds;resolved\n" +
        "i-1;phone;05/03/2025 09:15;05/03/2025 09:16;05/03/2025 09:21;185,5;yes\n" +
        "i-2;chat;01/07/2025 14:00;01/07/2025 14:01;01/07/2025 14:03;12,25;no\n" +
        "i-3;email;24/12/2025 23:59;;25/12/2025 00:10;;\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TableReadOptions EuropeanOptions(string format = "dd/MM/yyyy HH:mm") => new()
    {
        Delimiter = ';',
        DecimalComma = true,
        DateFormat = format,
        InputTimeZone = Amsterdam,
    };

    [Fact]
    public void EuropeanExport_ReadsEqualToTheStandardFile()
    {
        string standard = _dir.WriteText("standard.csv", Standard);
        string european = _dir.WriteText("european.csv", European);

        var (expected, _) = Tables.ReadAllInteractions(standard);
        var (rows, report) = Tables.ReadAllInteractions(european, EuropeanOptions());

        rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        rows[0].ArrivedAt.Should().Be(Instant.FromUtc(2025, 3, 5, 8, 15), "09:15 in Amsterdam in winter is UTC+1");
        rows[1].ArrivedAt.Should().Be(Instant.FromUtc(2025, 7, 1, 12, 0), "14:00 in summer is UTC+2");
        rows[0].Talk.Should().Be(Duration.FromMilliseconds(185_500));
        report.RowsRead.Should().Be(3);
        report.RowsAccepted.Should().Be(3);
        // One note per column and kind of coerced value, naming how many and the first line.
        report.Notes.Should().Equal(
            "column 3 'arrived_at': 3 local times without a UTC offset, read as Europe/Amsterdam time (first on line 2)",
            "column 4 'answered_at': 2 local times without a UTC offset, read as Europe/Amsterdam time (first on line 2)",
            "column 5 'ended_at': 3 local times without a UTC offset, read as Europe/Amsterdam time (first on line 2)",
            "column 6 'talk_seconds': 2 numbers with a decimal comma (first on line 2)",
            "column 7 'resolved': 2 values spelled yes or no, read as true or false (first on line 2)");
    }

    [Fact]
    public void Customers_DatesReadWithTheDatePartOfTheFormat()
    {
        string path = _dir.WriteText("c.csv", "customer_id;acquired_on;churned_on\nc-1;05/03/2025;\nc-2;31/12/2024;01/02/2025\n");

        var (rows, _) = Tables.ReadAllCustomers(path, EuropeanOptions());

        rows.Select(c => c.AcquiredOn).Should().Equal(new LocalDate(2025, 3, 5), new LocalDate(2024, 12, 31));
        rows[1].ChurnedOn.Should().Be(new LocalDate(2025, 2, 1));
    }

    [Fact]
    public void NaiveLocalTimes_AcrossBothDstChangesInAmsterdam_GiveHandComputedInstants()
    {
        // Europe/Amsterdam 2025: clocks go forward on 30 March at 02:00 CET (UTC+1) to 03:00 CEST (UTC+2), so 02:00-02:59
        // does not exist; they go back on 26 October at 03:00 CEST to 02:00 CET, so 02:00-02:59 happens twice.
        string path = _dir.WriteText("t.csv",
            "customer_id,occurred_at,channel\n" +
            "c,2025-01-15T10:00:00,seo\n" +   // line 2: winter, UTC+1 -> 09:00Z
            "c,2025-07-01 10:00:00,seo\n" +   // line 3: summer, UTC+2 -> 08:00Z (space form too)
            "c,2025-03-30T01:30:00,seo\n" +   // line 4: before the gap, UTC+1 -> 00:30Z
            "c,2025-03-30T02:30:00,seo\n" +   // line 5: in the gap: rejected
            "c,2025-03-30T03:30:00,seo\n" +   // line 6: after the gap, UTC+2 -> 01:30Z
            "c,2025-10-26T01:30:00,seo\n" +   // line 7: before the overlap, UTC+2 -> 25 Oct 23:30Z
            "c,2025-10-26T02:30:00,seo\n" +   // line 8: in the overlap: the earlier instant, UTC+2 -> 00:30Z
            "c,2025-10-26T03:30:00,seo\n");   // line 9: after the overlap, UTC+1 -> 02:30Z

        var (rows, report) = Tables.ReadAllTouchpoints(path, new TableReadOptions { Mode = RowErrorMode.Collect, InputTimeZone = Amsterdam });

        rows.Select(t => t.OccurredAt).Should().Equal(
            Instant.FromUtc(2025, 1, 15, 9, 0),
            Instant.FromUtc(2025, 7, 1, 8, 0),
            Instant.FromUtc(2025, 3, 30, 0, 30),
            Instant.FromUtc(2025, 3, 30, 1, 30),
            Instant.FromUtc(2025, 10, 25, 23, 30),
            Instant.FromUtc(2025, 10, 26, 0, 30),
            Instant.FromUtc(2025, 10, 26, 2, 30));
        report.RowsRead.Should().Be(8);
        report.RowsRead.Should().Be(report.RowsAccepted + report.RowsRejected);
        var error = report.Errors.Should().ContainSingle().Which;
        error.Line.Should().Be(5);
        error.ColumnName.Should().Be("occurred_at");
        error.Reason.Should().Be("is a local time that does not exist in Europe/Amsterdam: the clocks skip it when they go forward (2025-03-30T02:30:00); correct the time, or write it with its UTC offset");
        report.Notes.Should().Equal(
            "column 2 'occurred_at': 6 local times without a UTC offset, read as Europe/Amsterdam time (first on line 2)",
            "column 2 'occurred_at': 1 local time that the clocks repeat when they go back in Europe/Amsterdam, read as the earlier of the two instants (first on line 8)");
    }

    [Fact]
    public void ParquetTimestampsWithoutTimeZone_AreReadInTheInputTimeZone()
    {
        // Wall-clock 2025-01-15 10:00 (CET, UTC+1 -> 09:00Z) and 2025-10-26 02:30, the repeated hour: the earlier instant,
        // CEST (UTC+2) -> 00:30Z. The DateTime kind written is irrelevant: the column is marked not adjusted to UTC.
        string path = RawParquet.Write(_dir.File("t.parquet"),
            RawParquet.Text("customer_id", "c", "c"),
            RawParquet.Timestamp("occurred_at", utc: false, new DateTime(2025, 1, 15, 10, 0, 0, DateTimeKind.Utc), new DateTime(2025, 10, 26, 2, 30, 0, DateTimeKind.Utc)),
            RawParquet.Text("channel", "seo", "seo"));

        var (rows, report) = Tables.ReadAllTouchpoints(path, new TableReadOptions { InputTimeZone = Amsterdam });

        rows.Select(t => t.OccurredAt).Should().Equal(Instant.FromUtc(2025, 1, 15, 9, 0), Instant.FromUtc(2025, 10, 26, 0, 30));
        report.Notes.Should().Equal(
            "column 2 'occurred_at' is a timestamp without time zone; its values were read as Europe/Amsterdam local times (the input time zone)",
            "column 2 'occurred_at': 1 local time that the clocks repeat when they go back in Europe/Amsterdam, read as the earlier of the two instants (first on row 2)");
    }

    [Fact]
    public void ParquetTextColumns_AreParsedWithTheReadOptions()
    {
        // Text cells in Parquet are parsed as CSV cells are: 05/03/2025 09:15 in Amsterdam (CET, UTC+1) is 08:15Z.
        string path = RawParquet.Write(_dir.File("p.parquet"),
            RawParquet.Text("customer_id", "c"),
            RawParquet.Text("occurred_at", "05/03/2025 09:15"),
            RawParquet.Text("amount", "12,5"),
            RawParquet.Text("currency", "EUR"));

        var (rows, report) = Tables.ReadAllPurchases(path, EuropeanOptions());

        rows.Single().OccurredAt.Should().Be(Instant.FromUtc(2025, 3, 5, 8, 15));
        rows.Single().Amount.Should().Be(new Money(12.5m, Currency.Eur));
        report.Notes.Should().Contain("column 3 'amount': 1 number with a decimal comma (first on row 1)");
    }

    [Fact]
    public void NaiveLocalTime_WithoutAZone_IsRejectedNamingTheOption()
    {
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel\nc,2025-01-15T10:00:00,seo\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.Reason.Should().Contain("has no UTC offset").And.Contain("--input-time-zone");
    }

    [Fact]
    public void DecimalComma_APointIsRejected()
    {
        string path = _dir.WriteText("p.csv", "customer_id;occurred_at;amount;currency\nc;2025-01-01T00:00:00Z;1.234;EUR\n");

        var (_, report) = Tables.ReadAllPurchases(path, new TableReadOptions { Mode = RowErrorMode.Collect, Delimiter = ';', DecimalComma = true });

        var error = report.Errors.Should().ContainSingle().Which;
        error.ColumnName.Should().Be("amount");
        error.Value.Should().Be("1.234");
        error.Reason.Should().Contain("a point is not allowed");
    }

    [Fact]
    public void DateFormat_ATimeThatMatchesNeitherIsRejectedNamingTheFormat()
    {
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel\nc,2025/01/15 10:00,seo\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, new TableReadOptions { Mode = RowErrorMode.Collect, DateFormat = "dd/MM/yyyy HH:mm", InputTimeZone = Amsterdam });

        report.Errors.Should().ContainSingle().Which.Reason.Should().Be("matches neither the date format 'dd/MM/yyyy HH:mm' nor ISO-8601 with a UTC offset (e.g. 2025-03-01T09:15:00Z)");
    }

    [Fact]
    public void DateFormat_LocalTimesWithoutAnInputTimeZone_AreRejectedRowsNotACrash()
    {
        // A pattern without an offset gives local times; with no zone to place them, each row is rejected saying so
        // (rows read 2 = accepted 0 + rejected 2), as an ISO local time without an offset is.
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel\nc,15/01/2025 10:00,seo\nc,16/01/2025 11:00,seo\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, new TableReadOptions { Mode = RowErrorMode.Collect, DateFormat = "dd/MM/yyyy HH:mm" });

        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((2, 0, 2));
        report.Errors.Should().OnlyContain(e => e.Reason.StartsWith("has no UTC offset", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dd/MM/yyyy HH:mm:ss o<+HH:mm>", "05/03/2025 09:15:00 +01:00")]
    [InlineData("yyyyMMdd", "20250305")]
    public void DateFormat_WithAnOffsetOrDateOnly_ReadsTheInstant(string pattern, string cell)
    {
        string path = _dir.WriteText("t.csv", $"customer_id,occurred_at,channel\nc,{cell},seo\n");

        var (rows, _) = Tables.ReadAllTouchpoints(path, new TableReadOptions { DateFormat = pattern, InputTimeZone = DateTimeZone.Utc });

        // 09:15 at +01:00 is 08:15Z; a date-only pattern gives midnight in the input zone (UTC here).
        rows.Single().OccurredAt.Should().Be(pattern.Contains('H') ? Instant.FromUtc(2025, 3, 5, 8, 15) : Instant.FromUtc(2025, 3, 5, 0, 0));
    }

    [Theory]
    [InlineData("dd/MM/yyyy HH:mm:qq")]
    [InlineData("HH:mm")]
    public void DateFormat_Invalid_Throws(string pattern)
        => FluentActions.Invoking(() => new TableReadOptions { DateFormat = pattern }).Should().Throw<ArgumentException>().WithMessage($"*'{pattern}'*");

    [Fact]
    public void Delimiter_OtherThanTheFour_Throws()
        => FluentActions.Invoking(() => new TableReadOptions { Delimiter = ':' }).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData('\t')]
    [InlineData('|')]
    public void Delimiter_TabAndBar_ReadTheStandardRows(char delimiter)
    {
        string standard = _dir.WriteText("standard.csv", Standard);
        string other = _dir.WriteText("other.csv", Standard.Replace(',', delimiter));

        var (expected, _) = Tables.ReadAllInteractions(standard);
        var (rows, _) = Tables.ReadAllInteractions(other, new TableReadOptions { Delimiter = delimiter });

        rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Fact]
    public void TrimmedCells_AreNotedOncePerColumn()
    {
        string path = _dir.WriteText("i.csv", "interaction_id,channel,arrived_at,ended_at\ni-1, phone ,2025-03-01T09:00:00Z ,2025-03-01T09:05:00Z\ni-2,chat , 2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");

        var (rows, report) = Tables.ReadAllInteractions(path);

        rows.Should().HaveCount(2);
        report.Notes.Should().Equal(
            "column 2 'channel': 2 values with blanks around them, read without the blanks (first on line 2)",
            "column 3 'arrived_at': 2 values with blanks around them, read without the blanks (first on line 2)");
    }

    [Fact]
    public void ColumnMap_ReadsRenamedColumnsEqualToTheStandardFile()
    {
        string standard = _dir.WriteText("standard.csv", Standard);
        string mapped = _dir.WriteText("mapped.csv", Standard.Replace("interaction_id,channel,arrived_at,answered_at,ended_at", "ID,Media,Start,answered_at,End"));

        var (expected, _) = Tables.ReadAllInteractions(standard);
        var (rows, report) = Tables.ReadAllInteractions(mapped, new TableReadOptions { ColumnMap = ColumnMap.Parse("interaction_id=ID, channel = Media,arrived_at=Start,ended_at=End") });

        rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        report.Notes.Should().BeEmpty();
    }

    [Fact]
    public void ColumnMap_MissingSource_SaysTheMapLooksForIt()
    {
        // A file that has the schema name itself is read by name; here it has neither.
        string path = _dir.WriteText("t.csv", "customer_id,time,channel\nc,2025-01-01T00:00:00Z,seo\n");

        var act = () => Tables.OpenTouchpoints(path, new TableReadOptions { ColumnMap = ColumnMap.Parse("occurred_at=When") });

        act.Should().Throw<TableFormatException>().Which.Reason.Should().Contain("lacks the required touchpoints column occurred_at (the column map reads occurred_at from 'When', which the file does not have)");
    }

    [Theory]
    [InlineData("custmer_id=ID", "'custmer_id' is not a column of any table (did you mean customer_id?)")]
    [InlineData("customer_id=ID,customer_id=Id2", "maps customer_id a second time")]
    [InlineData("customer_id=ID,segment=ID", "file column 'ID' is mapped to customer_id and segment")]
    [InlineData("genesys", "'genesys' is neither schema_column=FileColumn nor a preset (cdnow)")]
    [InlineData("customer_id=", "names no file column")]
    public void ColumnMap_Invalid_ThrowsNamingTheEntry(string text, string message)
        => FluentActions.Invoking(() => ColumnMap.Parse(text)).Should().Throw<ArgumentException>().Which.Message.Should().Contain(message);

    [Fact]
    public void ColumnMap_CdnowPreset_ReadsThePublishedSummaryFile()
    {
        // cdnow_customers_summary_with_transactions.csv (../shared/data, as lifetimes ships it) has the header ID,x,t_x,T,zbar;
        // its first row is customer 1 with x = 2, t_x = 30.43, T = 38.86, zbar = 22.35, and it has 2,357 customers (FHL 2005).
        var (summary, report) = Tables.ReadRfmSummary(SharedData("cdnow_customers_summary_with_transactions.csv"), RfmPeriodUnit.Week, Currency.Usd,
            new TableReadOptions { ColumnMap = ColumnMap.Parse("cdnow") });

        summary.Count.Should().Be(2357);
        report.RowsAccepted.Should().Be(2357);
        var first = summary.Rows().First();
        (first.CustomerId.Value, first.Frequency, first.Recency, first.Age, first.MonetaryValue).Should().Be(("1", 2, 30.43, 38.86, 22.35));
    }

    [Fact]
    public void Gzip_ReadsEqualToThePlainFile()
    {
        string plain = _dir.WriteText("i.csv", Standard);
        string gz = _dir.File("i.csv.gz");
        using (var output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Optimal))
        {
            zip.Write(File.ReadAllBytes(plain));
        }

        var (expected, _) = Tables.ReadAllInteractions(plain);
        var (rows, report) = Tables.ReadAllInteractions(gz);

        rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        report.Format.Should().Be(TableFormat.Csv);
        report.File.Should().Be(gz);
    }

    [Fact]
    public void GlobAndFolder_OfTwoParts_ReadEqualToTheConcatenatedFile()
    {
        string whole = _dir.WriteText("whole.csv", Standard);
        var lines = Standard.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Directory.CreateDirectory(_dir.File("parts"));
        _dir.WriteText("parts/part-1.csv", $"{lines[0]}\n{lines[1]}\n{lines[2]}\n");
        // The second part has its columns in another order: each part's header is matched on its own.
        _dir.WriteText("parts/part-2.csv", "ended_at,interaction_id,channel,arrived_at,answered_at,talk_seconds,resolved\n2025-12-25T00:10:00+01:00,i-3,email,2025-12-24T23:59:00+01:00,,,\n");

        var (expected, _) = Tables.ReadAllInteractions(whole);
        var (globbed, globReport) = Tables.ReadAllInteractions(_dir.File("parts/part-*.csv"));
        var (folder, folderReport) = Tables.ReadAllInteractions(_dir.File("parts"));

        globbed.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        folder.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        globReport.File.Should().Be(_dir.File("parts/part-*.csv"));
        (globReport.RowsRead, folderReport.RowsRead).Should().Be((3, 3));
    }

    [Fact]
    public void Glob_ErrorsNameThePartAndItsLine_AndRepeatsAcrossParts()
    {
        _dir.WriteText("a-1.csv", "interaction_id,channel,arrived_at,ended_at\ni-1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");
        string second = _dir.WriteText("a-2.csv", "interaction_id,channel,arrived_at,ended_at\ni-2,fax,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\ni-1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");

        var (rows, report) = Tables.ReadAllInteractions(_dir.File("a-*.csv"), Samples.Collect);

        rows.Should().ContainSingle();
        (report.RowsRead, report.RowsAccepted, report.RowsRejected).Should().Be((3, 1, 2));
        report.Errors[0].File.Should().Be(second);
        report.Errors[0].Line.Should().Be(2);
        report.Errors[0].ColumnName.Should().Be("channel");
        report.Errors[1].Line.Should().Be(3);
        report.Errors[1].Reason.Should().Be($"repeats the interaction_id of line 2 of {_dir.File("a-1.csv")}; each may appear once, or it would be counted twice");
    }

    [Fact]
    public void Glob_MatchingNothing_ThrowsFileNotFound()
        => FluentActions.Invoking(() => Tables.OpenInteractions(_dir.File("none-*.csv"))).Should().Throw<FileNotFoundException>()
            .WithMessage("*no .csv, .csv.gz or .parquet file matches*");

    private static string SharedData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", name));
            }
        }
        throw new InvalidOperationException("The repository root was not found.");
    }
}
