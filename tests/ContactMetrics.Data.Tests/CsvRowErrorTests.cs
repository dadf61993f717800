using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>Invalid rows of CSV files: where the error points, and what fail-fast and collect do with it.</summary>
public sealed class CsvRowErrorTests : IDisposable
{
    private const string Header = "interaction_id,channel,arrived_at,ended_at,talk_seconds,answered_at,csat,reason";
    private const string Good = ",phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,60,2025-03-01T09:16:00Z,4,billing";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (IReadOnlyList<Interaction> Rows, ValidationReport Report) Read(string text, bool bom = false)
        => Tables.ReadAllInteractions(_dir.WriteText("i.csv", text, bom), Samples.Collect);

    private static string Row(string id, string? column = null, string? value = null)
    {
        var cells = (id + Good).Split(',');
        if (column is not null)
        {
            cells[Array.IndexOf(Header.Split(','), column)] = value!;
        }
        return string.Join(",", cells);
    }

    [Fact]
    public void Read_BadInstant_RejectsRowWithLineColumnValueAndId()
    {
        var (rows, report) = Read($"{Header}\n{Row("i-1")}\n{Row("i-2", "arrived_at", "2025-13-01T09:15:00Z")}\n{Row("i-3")}\n");

        rows.Select(r => r.Id.Value).Should().Equal("i-1", "i-3");
        var error = report.Errors.Should().ContainSingle().Which;
        error.Line.Should().Be(3);
        error.Column.Should().Be(3);
        error.ColumnName.Should().Be("arrived_at");
        error.Value.Should().Be("2025-13-01T09:15:00Z");
        error.Reason.Should().Contain("ISO-8601");
        error.RecordId.Should().Be("i-2");
    }

    [Fact]
    public void Read_InstantWithoutOffset_SaysTheOffsetIsMissing()
    {
        var (_, report) = Read($"{Header}\n{Row("i-1", "ended_at", "2025-03-01T09:20:00")}\n");

        report.Errors.Should().ContainSingle().Which.Reason.Should().StartWith("has no UTC offset");
    }

    [Theory]
    [InlineData("2025-03-01T10:20:00+01:00")]
    [InlineData("2025-03-01T10:20:00+01")]
    [InlineData("2025-03-01 09:20:00Z")]
    [InlineData("2025-03-01T04:20:00.000-05:00")]
    public void Read_InstantWithOffset_ConvertsToUtc(string endedAt)
    {
        var (rows, _) = Read($"{Header}\n{Row("i-1", "ended_at", endedAt)}\n");

        rows.Should().ContainSingle().Which.EndedAt.Should().Be(Instant.FromUtc(2025, 3, 1, 9, 20));
    }

    [Fact]
    public void Read_CommaAsDecimalSeparator_RejectsWithHint()
    {
        var (rows, report) = Read($"{Header}\n{Row("i-1", "talk_seconds", "\"60,5\"")}\n");

        rows.Should().BeEmpty();
        var error = report.Errors.Should().ContainSingle().Which;
        error.Column.Should().Be(5);
        error.Value.Should().Be("60,5");
        error.Reason.Should().Contain("'.'");
    }

    [Fact]
    public void Read_FractionalSeconds_AreKeptToTheNanosecond()
    {
        var (rows, _) = Read($"{Header}\n{Row("i-1", "talk_seconds", "60.000000001")}\n");

        rows.Should().ContainSingle().Which.Talk.Should().Be(Duration.FromSeconds(60) + Duration.FromNanoseconds(1));
    }

    [Fact]
    public void Read_MissingRequiredValue_RejectsAsMissing()
    {
        var (_, report) = Read($"{Header}\n{Row("i-1", "ended_at", "  ")}\n");

        var error = report.Errors.Should().ContainSingle().Which;
        error.ColumnName.Should().Be("ended_at");
        error.Value.Should().BeNull();
        error.ToString().Should().EndWith("line 2, column 4: ended_at (missing) is required [record i-1]");
    }

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    public void Read_CsatOutOfRange_RejectsAtTheCsatColumn(string csat)
    {
        var (_, report) = Read($"{Header}\n{Row("i-1", "csat", csat)}\n");

        var error = report.Errors.Should().ContainSingle().Which;
        error.Column.Should().Be(7);
        error.Value.Should().Be(csat);
        error.Reason.Should().Contain("1-5");
        error.RecordId.Should().Be("i-1");
    }

    [Fact]
    public void Read_UnknownChannel_RejectsListingTheChannels()
    {
        var (_, report) = Read($"{Header}\n{Row("i-1", "channel", "fax")}\n");

        var error = report.Errors.Should().ContainSingle().Which;
        error.Column.Should().Be(2);
        error.Reason.Should().Contain("self_service");
    }

    [Fact]
    public void Read_EndedBeforeArrived_RejectsAtEndedAtWithTheFileValue()
    {
        var (_, report) = Read($"{Header}\n{Row("i-1", "ended_at", "2025-03-01T10:14:00+01:00")}\n");

        var error = report.Errors.Should().ContainSingle().Which;
        error.Column.Should().Be(4);
        error.Value.Should().Be("2025-03-01T10:14:00+01:00", "the value is shown as the file has it");
        error.Reason.Should().Contain("before");
    }

    [Fact]
    public void Read_WholeNumberWithZeroFraction_IsAcceptedButAFractionIsNot()
    {
        var (rows, report) = Read($"{Header}\n{Row("i-1", "csat", "4.0")}\n{Row("i-2", "csat", "4.5")}\n");

        rows.Should().ContainSingle().Which.Survey!.Csat.Should().Be(4);
        report.Errors.Should().ContainSingle().Which.Reason.Should().Be("is not a whole number");
    }

    [Fact]
    public void Read_IdWithSurroundingSpace_Rejects()
    {
        var (_, report) = Read($"{Header}\n{Row(" i-1")}\n");

        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Column = 1, Value = " i-1", Reason = "must not start or end with white space" });
    }

    [Fact]
    public void Read_ExtraColumns_AreNotedAndIgnored()
    {
        var (rows, report) = Read($"{Header},wait_ms,\n{Row("i-1")},17,x\n");

        rows.Should().ContainSingle();
        report.IsValid.Should().BeTrue();
        report.Notes.Should().ContainSingle().Which.Should().Contain("9 'wait_ms'").And.Contain("10 (no name)");
    }

    [Fact]
    public void Read_CrlfLineEnds_LinesCountedOnce()
    {
        var (_, report) = Read($"{Header}\r\n{Row("i-1")}\r\n{Row("i-2")}\r\n{Row("i-3", "channel", "fax")}\r\n");

        report.Errors.Should().ContainSingle().Which.Line.Should().Be(4);
    }

    [Fact]
    public void Read_QuotedComma_StaysInTheValue()
    {
        var (rows, _) = Read($"{Header}\n{Row("i-1", "reason", "\"billing, refund\"")}\n");

        rows.Should().ContainSingle().Which.Reason.Should().Be("billing, refund");
    }

    [Fact]
    public void Read_QuotedLineBreaks_LaterLinesStayRight()
    {
        string multiLine = "\"first\r\nsecond\nthird\"";
        var (rows, report) = Read($"{Header}\n{Row("i-1", "reason", multiLine)}\n{Row("i-2", "channel", "fax")}\n");

        rows.Should().ContainSingle().Which.Reason.Should().Be("first\r\nsecond\nthird");
        report.Errors.Should().ContainSingle().Which.Line.Should().Be(5, "the reason of line 2 spans lines 2 to 4");
    }

    [Fact]
    public void Read_ErrorAfterAQuotedLineBreakInTheSameRow_PointsAtTheCellsLine()
    {
        string header = "interaction_id,reason,channel,arrived_at,ended_at";
        string text = $"{header}\ni-1,\"a\nb\",fax,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z\n";

        var (_, report) = Read(text);

        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 3L, Column = 3 });
    }

    [Fact]
    public void Read_EmptyLines_CountAsLinesButNotRows()
    {
        var (rows, report) = Read($"{Header}\n\n{Row("i-1")}\n\n\n{Row("i-2", "channel", "fax")}\n");

        rows.Should().ContainSingle();
        report.RowsRead.Should().Be(2);
        report.Errors.Should().ContainSingle().Which.Line.Should().Be(6);
    }

    [Fact]
    public void Read_ByteOrderMarkAndCrlf_LinesStartAtTheHeader()
    {
        var (_, report) = Read($"{Header}\r\n{Row("i-1", "channel", "fax")}\r\n", bom: true);

        report.Errors.Should().ContainSingle().Which.Line.Should().Be(2);
    }

    [Fact]
    public void Read_WrongFieldCount_RejectsTheWholeRow()
    {
        var (rows, report) = Read($"{Header}\ni-1,phone\n{Row("i-2")}\n");

        rows.Should().ContainSingle();
        var error = report.Errors.Should().ContainSingle().Which;
        error.Column.Should().BeNull();
        error.Line.Should().Be(2);
        error.Reason.Should().Be("has 2 fields but the header has 8");
    }

    [Fact]
    public void Read_StrayQuote_RejectsTheRowAsMalformed()
    {
        var (rows, report) = Read($"{Header}\n{Row("i-1", "reason", "say \"hi\"")}\n{Row("i-2")}\n");

        rows.Select(r => r.Id.Value).Should().Equal("i-2");
        report.Errors.Should().ContainSingle().Which.Reason.Should().Contain("malformed");
    }

    [Fact]
    public void Read_UnclosedQuote_IsAFileErrorNotAShortRead()
    {
        // Issue #14: the quote swallowed the rest of the file and the read ended short with no error; even in collect
        // mode an unclosed quote now stops the read, naming the line where the quote opens.
        string path = _dir.WriteText("i.csv", $"{Header}\n{Row("i-1")}\n{Row("i-2", "reason", "\"never closed")}\n{Row("i-3")}\n{new string('x', 500)}\n");

        var act = () => Tables.ReadAllInteractions(path, Samples.Collect);

        var e = act.Should().Throw<TableFormatException>().Which;
        e.Line.Should().Be(3);
        e.Message.Should().StartWith($"{path}, line 3: has a quoted field that is never closed");
    }

    [Fact]
    public void Read_FailFast_ThrowsAtTheFirstBadRowWithItsLocation()
    {
        string path = _dir.WriteText("i.csv", $"{Header}\n{Row("i-1")}\n{Row("i-2", "talk_seconds", "abc")}\n{Row("i-3", "channel", "fax")}\n");
        using var reader = Tables.OpenInteractions(path);
        var read = new List<Interaction>();

        var act = () => read.AddRange(reader);

        var e = act.Should().Throw<TableFormatException>().Which;
        e.Should().BeEquivalentTo(new { File = path, Line = 3L, Column = 5, ColumnName = "talk_seconds", Value = "abc", Reason = "is not a number", RecordId = "i-2" });
        e.Message.Should().Be($"{path}, line 3, column 5: talk_seconds 'abc' is not a number [record i-2]");
        read.Should().ContainSingle();
        reader.Report.Should().BeEquivalentTo(new { RowsRead = 2L, RowsAccepted = 1L, RowsRejected = 1L, IsComplete = false });
    }

    [Fact]
    public void Read_Collect_ReportsEveryBadRowAndAcceptedPlusRejectedIsRead()
    {
        var (rows, report) = Read($"{Header}\n{Row("i-1", "channel", "fax")}\n{Row("i-2")}\n{Row("i-3", "csat", "9")}\n{Row("i-4", "arrived_at", "")}\n{Row("i-5")}\n");

        rows.Select(r => r.Id.Value).Should().Equal("i-2", "i-5");
        report.Errors.Select(e => (e.Line, e.ColumnName)).Should().Equal((2L, "channel"), (4L, "csat"), (5L, "arrived_at"));
        report.RowsRead.Should().Be(5).And.Be(report.RowsAccepted + report.RowsRejected);
        report.IsComplete.Should().BeTrue();
        report.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Read_MoreErrorsThanKept_CountsThemAll()
    {
        string text = Header + "\n" + string.Join("\n", Enumerable.Range(0, 7).Select(i => Row($"i-{i}", "channel", "fax"))) + "\n";
        string path = _dir.WriteText("i.csv", text);

        var (_, report) = Tables.ReadAllInteractions(path, new TableReadOptions { Mode = RowErrorMode.Collect, MaxErrorsKept = 3 });

        report.RowsRejected.Should().Be(7);
        report.Errors.Should().HaveCount(3);
        report.ErrorsNotKept.Should().Be(4);
        report.ToString().Should().Contain("... and 4 more rejected rows");
    }

    [Fact]
    public void RejectionGroups_CountEveryRejectedRowByColumnAndReason_BeyondTheErrorsKept()
    {
        // Hand: 7 rows with channel 'fax' (lines 2-8), then i-x three times (line 9 accepted; lines 10, 11 each "repeat the
        // interaction_id of line 9"), then csat 9 (line 12): three groups of 7, 2 and 1 = the 10 rejected rows, though only 3 errors are kept.
        string text = Header + "\n" + string.Join("\n", Enumerable.Range(0, 7).Select(i => Row($"i-{i}", "channel", "fax")))
            + "\n" + Row("i-x") + "\n" + Row("i-x") + "\n" + Row("i-x") + "\n" + Row("i-y", "csat", "9") + "\n";
        string path = _dir.WriteText("i.csv", text);

        var (_, report) = Tables.ReadAllInteractions(path, new TableReadOptions { Mode = RowErrorMode.Collect, MaxErrorsKept = 3 });

        report.RowsRejected.Should().Be(10);
        report.Errors.Should().HaveCount(3);
        var groups = report.RejectionGroups;
        groups.Select(g => (g.ColumnName, g.Rows)).Should().Equal(("channel", 7L), ("interaction_id", 2L), ("csat", 1L));
        groups.Sum(g => g.Rows).Should().Be(report.RowsRejected);
        groups[0].FirstLines.Should().Equal(2L, 3L, 4L);
        groups[0].ExampleValue.Should().Be("fax");
        groups[1].FirstLines.Should().Equal(new long[] { 10, 11 }, "the two repeats of line 9 differ only in their line number");
        groups[2].FirstLines.Should().Equal(12L);
        // One line per group for people (what `validate` prints on stderr): count, column, reason, the first lines, an example.
        report.Describe(groups[0]).Should().StartWith($"{path}: 7 rows rejected: column 'channel': ").And.EndWith("(lines 2, 3, 4, ...; e.g. 'fax')");
        report.Describe(groups[2]).Should().StartWith($"{path}: 1 row rejected: column 'csat': ").And.EndWith("(lines 12; e.g. '9')");
    }

    [Fact]
    public void Read_MinimalColumns_DefaultsDirectionDurationsTransfersAndSurvey()
    {
        var (rows, _) = Read("interaction_id,channel,arrived_at,ended_at\ni-1,ivr,2025-03-01T09:15:00Z,2025-03-01T09:16:00Z\n");

        rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Direction = Direction.Inbound,
            Talk = Duration.Zero,
            Hold = Duration.Zero,
            AfterCallWork = Duration.Zero,
            Transfers = 0,
            Survey = (SurveyResponse?)null,
            AnsweredAt = (Instant?)null,
            CustomerId = (CustomerId?)null,
            Resolved = (bool?)null,
        });
    }

    [Fact]
    public void Read_ChurnedBeforeAcquired_RejectsAtChurnedOn()
    {
        string path = _dir.WriteText("c.csv", "customer_id,acquired_on,churned_on\nc-1,2025-01-02,2025-01-01\nc-2,2025-01-02,\n");

        var (rows, report) = Tables.ReadAllCustomers(path, Samples.Collect);

        rows.Should().ContainSingle().Which.Id.Value.Should().Be("c-2");
        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2L, Column = 3, ColumnName = "churned_on", Value = "2025-01-01", RecordId = "c-1" });
    }

    [Fact]
    public void Read_BadDate_RejectsWithTheExpectedForm()
    {
        string path = _dir.WriteText("c.csv", "customer_id,acquired_on\nc-1,01/02/2025\n");

        var (_, report) = Tables.ReadAllCustomers(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.Reason.Should().Contain("yyyy-MM-dd");
    }

    [Fact]
    public void Read_NegativeAmount_RejectsAtTheAmountColumn()
    {
        string path = _dir.WriteText("p.csv", "customer_id,occurred_at,amount,currency\nc-1,2025-01-01T00:00:00Z,-5,EUR\n");

        var (_, report) = Tables.ReadAllPurchases(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Column = 3, Value = "-5" });
    }
}

/// <summary>The optional <c>recommended</c> column of interactions (docs/data.md): the survey's "did you recommend us?".</summary>
public sealed class RecommendedColumnTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_Recommended_ReadsTheFlagAloneOrWithScoresAndRejectsOtherText()
    {
        string path = _dir.WriteText("i.csv", """
            interaction_id,channel,arrived_at,ended_at,nps,recommended
            i-1,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,10,true
            i-2,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,7,false
            i-3,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,,true
            i-4,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,8,
            i-5,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,9,maybe
            i-6,phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,,

            """);

        var (rows, report) = Tables.ReadAllInteractions(path, Samples.Collect);

        rows.Select(r => r.Survey?.Recommended).Should().Equal(true, false, true, null, null);
        rows[2].Survey!.Nps.Should().BeNull("a response may hold only the recommended answer");
        rows[4].Survey.Should().BeNull("no answer at all is no survey");
        var error = report.Errors.Should().ContainSingle().Which;
        (error.ColumnName, error.Value, error.RecordId).Should().Be(("recommended", "maybe", "i-5"));
        report.RowsRead.Should().Be(6);
    }
}
