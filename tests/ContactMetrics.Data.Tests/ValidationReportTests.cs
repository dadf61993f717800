namespace ContactMetrics.Data.Tests;

public sealed class ValidationReportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ToString_CollectedErrorsAndNotes_ListsSummaryErrorsAndNotes()
    {
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel,utm\nc-1,2025-01-01T00:00:00Z,seo,x\nc-2,2025-01-01,seo,x\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, Samples.Collect);

        report.ToString().Should().Be(
            $"{path}: touchpoints (csv), 2 rows read, 1 accepted, 1 rejected\n"
            + "  line 3, column 2: occurred_at '2025-01-01' is not an ISO-8601 instant with a UTC offset (e.g. 2025-03-01T09:15:00Z or 2025-03-01T10:15:00+01:00) [record c-2]\n"
            + "  note: column 4 'utm' not part of the touchpoints schema; ignored");
    }

    [Fact]
    public void RejectionLines_GroupsOrEveryRow_AsValidatePrintsThem()
    {
        // Rows 3 and 4 have a date without a time (one group: column occurred_at, one reason); row 5 has no channel.
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel\nc-1,2025-01-01T00:00:00Z,seo\nc-2,2025-01-01,seo\nc-3,2025-01-02,seo\nc-4,2025-01-01T00:00:00Z,\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, Samples.Collect);
        var (_, twoKept) = Tables.ReadAllTouchpoints(path, Samples.Collect with { MaxErrorsKept = 2 });

        report.RowsRejected.Should().Be(3);
        report.RejectionLines(everyRow: false).Should().Equal(report.RejectionGroups.Select(report.Describe));
        report.RejectionLines(everyRow: false).Should().HaveCount(2).And.Contain(l => l.StartsWith($"{path}: 2 rows rejected: column 'occurred_at': ", StringComparison.Ordinal) && l.Contains("(lines 3, 4; e.g. '2025-01-01')", StringComparison.Ordinal));
        report.RejectionLines(everyRow: true).Should().Equal(report.Errors.Select(e => e.ToString()));
        report.RejectionLines(everyRow: true).Should().HaveCount(3, "every row is kept, so no line of rows not listed");
        // Two errors kept of three: the two, then the one not listed.
        twoKept.RejectionLines(everyRow: true).Should().HaveCount(3).And.EndWith($"{path}: 1 more rejected rows not listed.");
        twoKept.RejectionLines(everyRow: true).Take(2).Should().Equal(twoKept.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Report_ReaderDisposedBeforeTheEnd_IsIncomplete()
    {
        string path = _dir.WriteText("t.csv", "customer_id,occurred_at,channel\nc-1,2025-01-01T00:00:00Z,seo\nc-2,2025-01-01T00:00:00Z,seo\n");
        var reader = Tables.OpenTouchpoints(path);
        using (var records = reader.GetEnumerator())
        {
            records.MoveNext();
        }
        reader.Dispose();

        var report = reader.Report;

        report.IsComplete.Should().BeFalse();
        report.RowsRead.Should().Be(1);
        report.ToString().Should().Contain("incomplete");
    }

    [Fact]
    public void Value_VeryLongCell_IsCutInTheError()
    {
        string longId = new('x', 5000);
        string path = _dir.WriteText("t.csv", $"customer_id,occurred_at,channel\nc-1,{longId},seo\n");

        var (_, report) = Tables.ReadAllTouchpoints(path, Samples.Collect);

        report.Errors.Should().ContainSingle().Which.Value!.Length.Should().Be(201);
    }

    [Fact]
    public void MaxErrorsKept_Negative_Throws()
        => FluentActions.Invoking(() => new TableReadOptions { MaxErrorsKept = -1 }).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void RowGroupSize_Zero_Throws()
        => FluentActions.Invoking(() => new TableWriteOptions { RowGroupSize = 0 }).Should().Throw<ArgumentOutOfRangeException>();
}
