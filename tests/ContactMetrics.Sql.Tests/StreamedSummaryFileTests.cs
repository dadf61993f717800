using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The summary files of a report folder read row by row (#15): <c>revenue</c>, <c>active_customers</c>, <c>cost_cells</c>,
/// and since the second step <c>segments</c>, <c>analysis</c>, <c>kpi_counts</c> and <c>segment_inputs</c> (and the
/// <c>issues</c> file of <c>summarize</c>), written by <see cref="AnalysisSummaryFiles.Write"/> from DuckDB's summaries of
/// the demo tables, read back to the same values (CSV and Parquet); a bad cell, first or in the middle of the file, names
/// the file, line, column and value; a file with a header and no rows still has its columns checked; every row of a
/// <c>kpi_counts</c> file is in exactly one group (the rows of one key added), as the file read whole says.
/// </summary>
public sealed class StreamedSummaryFileTests(DemoTables demo) : IClassFixture<DemoTables>, IDisposable
{
    private readonly TempDir _dir = new();

    private (AnalysisSummaries Summaries, string Folder) Written(string extension)
    {
        var (_, window, options) = AnalysisSummariesSqlTests.Memory(demo, null);
        using var duck = demo.OpenWithAllTables();
        var summaries = duck.AnalysisSummaries(window, options, "the test's summaries");
        string folder = Path.Combine(_dir.Path, extension.TrimStart('.'));
        AnalysisSummaryFiles.Write(folder, summaries, window, options, extension, null);
        return (summaries, folder);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void Read_RevenueActiveCustomersAndCostCells_TheWrittenValues(string extension)
    {
        var (written, folder) = Written(extension);

        var read = AnalysisSummaryFiles.Read(folder).Summaries;

        written.Revenue.Should().NotBeEmpty("the demo has purchases");
        read.Revenue.Should().BeEquivalentTo(written.Revenue);
        written.ActiveCustomers.Should().NotBeEmpty("the demo has customers with contacts");
        read.ActiveCustomers.Should().BeEquivalentTo(written.ActiveCustomers);
        written.CostCells.Should().NotBeEmpty("the test's rates price the contacts");
        read.CostCells.Should().Equal(written.CostCells!, "cells are read in the file's order");
    }

    [Theory]
    [InlineData("revenue", 3, "revenue", "12,5", "is not an amount such as 1234.50")]
    [InlineData("active_customers", 2, "customer_id", "", "is blank; every row needs its customer")]
    [InlineData("cost_cells", 4, "channel", "pigeon", "is not a channel")]
    public void Read_BadCell_NamesFileLineColumnAndValue(string name, int line, string column, string bad, string what)
    {
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, name + ".csv");
        Spoil(file, line, column, bad.Contains(',', StringComparison.Ordinal) ? $"\"{bad}\"" : bad);

        var act = () => AnalysisSummaryFiles.Read(folder);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line {line}, column {column}: '{bad}' {what}*");
    }

    [Theory]
    [InlineData("revenue", "customer_id", "revenue")]
    [InlineData("active_customers", "segment", "customer_id")]
    [InlineData("cost_cells", "dimension", "by_chain_start")]
    [InlineData("segments", "segment", "customers")]
    [InlineData("analysis", "name", "value")]
    [InlineData("segment_inputs", "segment,customers,resolved,unresolved,repeated_after_unresolved", "repeated_after_resolved")]
    public void Read_HeaderWithoutRowsAndAColumnMissing_NamesTheColumn(string name, string header, string missing)
    {
        // Streamed, the columns are checked at the header, so a file of no rows is checked too (not an empty summary).
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, name + ".csv");
        File.WriteAllText(file, header + "\n");

        var act = () => AnalysisSummaryFiles.Read(folder);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: the column '{missing}' is missing*");
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void Read_SegmentsAnalysisKpiCountsAndSegmentInputs_TheWrittenValues(string extension)
    {
        var (written, folder) = Written(extension);

        var read = AnalysisSummaryFiles.Read(folder).Summaries;

        written.Counts.Segments.Should().HaveCountGreaterThan(1, "the demo has segments");
        read.Counts.Should().BeEquivalentTo(written.Counts);
        read.OutsideWindow.Should().Be(written.OutsideWindow);
        read.Currency.Should().Be(written.Currency);
        written.SegmentInputs.Should().HaveCountGreaterThan(1, "the demo has segments");
        read.SegmentInputs.Should().Equal(written.SegmentInputs!);
        written.Kpis.Should().HaveCountGreaterThan(100, "the demo's contacts by channel and staffing interval");
        read.Kpis.Select(Key).Should().Equal(written.Kpis.Select(Key), "groups are read in the order of their first row, as written");
    }

    private static (Channel?, NodaTime.Instant?, NodaTime.Duration?, KpiCounts) Key(KpiGroup g) => (g.Channel, g.BucketStart?.ToInstant(), g.BucketLength, g.Counts);

    /// <summary>The 1-based line of a data row in the middle of <paramref name="file"/> (or of the row named <paramref name="name"/>): neither the first nor the last.</summary>
    private static int Middle(string file, string? name = null)
    {
        var lines = File.ReadAllLines(file);
        int line = name is null ? 1 + (lines.Length / 2) : 1 + Array.FindIndex(lines, l => l.StartsWith(name + ",", StringComparison.Ordinal));
        line.Should().BeInRange(3, lines.Length - 1, "a row in the middle has a row before and after it");
        return line;
    }

    /// <summary>Writes <paramref name="bad"/> into <paramref name="column"/> of line <paramref name="line"/> (1-based, the header is line 1).</summary>
    private static void Spoil(string file, int line, string column, string bad)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var cells = lines[line - 1].Split(',');
        cells.Should().HaveCount(header.Length, "the line has no quoted comma");
        cells[Array.IndexOf(header, column)] = bad;
        lines[line - 1] = string.Join(",", cells);
        File.WriteAllLines(file, lines);
    }

    [Theory]
    [InlineData("segments", "customers", "-1", null, "is not a whole number at least 0")]
    [InlineData("analysis", "value", "many", "outside_purchases", "is not a whole number at least 0 (outside_purchases)")]
    [InlineData("kpi_counts", "offered_contacts", "x", null, "is not a count (a whole number at least 0)")]
    [InlineData("segment_inputs", "resolved", "1.5", null, "is not a whole number at least 0")]
    public void Read_BadCellInTheMiddle_NamesFileLineColumnAndValue(string name, string column, string bad, string? row, string what)
    {
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, name + ".csv");
        int line = Middle(file, row);
        Spoil(file, line, column, bad);

        var act = () => AnalysisSummaryFiles.Read(folder);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line {line}, column {column}: '{bad}' {what}.");
    }

    [Fact]
    public void Issues_BadCellInTheMiddle_NamesFileLineColumnAndValue()
    {
        string file = Path.Combine(_dir.Path, "issues.csv");
        var issues = Issue.Of(demo.Table);
        IssuesFile.Write(file, issues);
        IssuesFile.Read(file).Should().HaveCount(issues.Length, "every row is an issue (rows read = accepted)");
        int line = Middle(file);
        Spoil(file, line, "channel", "fax");

        var act = () => IssuesFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line {line}, column channel: 'fax' is not a channel (*).");
    }

    [Fact]
    public void HeaderWithoutRows_EveryColumn_ReadsAsNoRows()
    {
        // Checked at the header and then empty: no segments, no segment inputs, no issues, no KPI groups (by the header's keys).
        var (_, folder) = Written(".csv");
        foreach (string name in new[] { "segments", "segment_inputs", "kpi_counts" })
        {
            string file = Path.Combine(folder, name + ".csv");
            File.WriteAllLines(file, [File.ReadLines(file).First()]);
        }
        string issues = Path.Combine(_dir.Path, "issues-header.csv");
        File.WriteAllText(issues, "first_contact_id,customer_id,reason,channel,first_arrived_at,contacts,repeats,resolved_first_time\n");

        var read = AnalysisSummaryFiles.Read(folder).Summaries;
        var (groups, dimensions, bucketed) = KpiCountsFile.Read(Path.Combine(folder, "kpi_counts.csv"));

        read.Counts.Segments.Should().BeEmpty();
        read.SegmentInputs.Should().BeEmpty();
        read.Kpis.Should().BeEmpty();
        groups.Should().BeEmpty();
        dimensions.Should().Be(KpiDimensions.Channel, "the header has the channel column");
        bucketed.Should().BeTrue("the header has bucket_start and bucket_seconds");
        IssuesFile.Read(issues).Should().BeEmpty();
    }

    [Fact]
    public void KpiCounts_HeaderWithoutRowsAndACountMissing_NamesTheColumn()
    {
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, "kpi_counts.csv");
        File.WriteAllText(file, File.ReadLines(file).First().Replace(",talk_ms,", ",", StringComparison.Ordinal) + "\n");

        var act = () => KpiCountsFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: the count column 'talk_ms' is missing; a kpi counts table has every column of docs/data.md*");
    }

    [Theory]
    [InlineData("bucket_start", "bucket_seconds")]
    [InlineData("bucket_seconds", "bucket_start")]
    public void KpiCounts_OneOfTheBucketColumns_NamesTheMissingOne(string dropped, string kept)
    {
        // Read as unbucketed, the file's days would be added into one group each: the other column is named instead.
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, "kpi_counts.csv");
        var header = File.ReadLines(file).First().Split(',');
        header.Should().Contain([dropped, kept], "summarize writes both for a bucketed table");
        File.WriteAllText(file, string.Join(',', header.Where(c => c != dropped)) + "\n");

        var act = () => KpiCountsFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: the column '{dropped}' is missing; a bucketed kpi counts table has both bucket_start and bucket_seconds*");
    }

    [Fact]
    public void KpiCounts_PartsConcatenated_EveryRowInOneGroupAsTheWholeFileSays()
    {
        // Rows read = rows added into a group: the file read whole (CsvColumnTable, the reader before streaming) is the oracle:
        // each count column's sum over the rows is its sum over the groups, and the groups are the distinct (channel, bucket) keys.
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, "kpi_counts.csv");
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [.. lines, .. lines.Skip(1).Where((_, k) => k % 3 == 0)]);
        var whole = Data.CsvColumnTable.Read(file);

        var (groups, _, _) = KpiCountsFile.Read(file);

        whole.Count.Should().Be(lines.Length - 1 + ((lines.Length + 1) / 3), "a third of the rows twice");
        groups.Should().HaveCount(Enumerable.Range(0, whole.Count).Select(r => (whole.Text(r, whole.IndexOf("channel")), whole.Text(r, whole.IndexOf("bucket_start")))).Distinct().Count());
        long Sum(string column) => Enumerable.Range(0, whole.Count).Sum(r => long.Parse(whole.Text(r, whole.IndexOf(column)), CultureInfo.InvariantCulture));
        groups.Sum(g => g.Counts.OfferedContacts).Should().Be(Sum("offered_contacts"));
        groups.Sum(g => g.Counts.HandleMilliseconds).Should().Be(Sum("handle_ms"));
        groups.Sum(g => g.Counts.RepeatContacts).Should().Be(Sum("repeat_contacts"));
        groups.Sum(g => g.Counts.NpsHistogram[10]).Should().Be(Sum("nps_10"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_EmptyPathSeparator_RefusedBeforeAnyFileIsRead()
    {
        // The separator is checked first, whether or not the folder (here none) has path summaries.
        var act = () => AnalysisSummaryFiles.Read(Path.Combine(Path.GetTempPath(), "no-such-report-folder"), "");

        act.Should().Throw<ArgumentException>();
    }
}
