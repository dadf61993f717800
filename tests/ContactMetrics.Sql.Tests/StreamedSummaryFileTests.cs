using ContactMetrics.Valuation;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The per-customer summary files of a report folder read row by row (#15): <c>revenue</c>, <c>active_customers</c> and
/// <c>cost_cells</c>, written by <see cref="AnalysisSummaryFiles.Write"/> from DuckDB's summaries of the demo tables, read
/// back to the same values (CSV and Parquet); a bad cell names the file, line, column and value; a file with a header and
/// no rows still has its columns checked.
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
        var lines = File.ReadAllLines(file);
        var cells = lines[line - 1].Split(',');
        cells[Array.IndexOf(lines[0].Split(','), column)] = bad.Contains(',', StringComparison.Ordinal) ? $"\"{bad}\"" : bad;
        lines[line - 1] = string.Join(",", cells);
        File.WriteAllLines(file, lines);

        var act = () => AnalysisSummaryFiles.Read(folder);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line {line}, column {column}: '{bad}' {what}*");
    }

    [Theory]
    [InlineData("revenue", "customer_id", "revenue")]
    [InlineData("active_customers", "segment", "customer_id")]
    [InlineData("cost_cells", "dimension", "by_chain_start")]
    public void Read_HeaderWithoutRowsAndAColumnMissing_NamesTheColumn(string name, string header, string missing)
    {
        // Streamed, the columns are checked at the header, so a file of no rows is checked too (not an empty summary).
        var (_, folder) = Written(".csv");
        string file = Path.Combine(folder, name + ".csv");
        File.WriteAllText(file, header + "\n");

        var act = () => AnalysisSummaryFiles.Read(folder);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: the column '{missing}' is missing*");
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
