using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// <see cref="LakeSummaries"/> (what <c>contactmetrics summarize</c> runs): DuckDB and the in-memory builders give the same
/// summaries, written as the same files, and the observation end follows the window's rule in the grouping's zone.
/// </summary>
public sealed class LakeSummariesTests(DemoTables demo) : IClassFixture<DemoTables>
{
    private LakeSummaryRequest Request(Instant? end = null) => new(demo.InteractionsCsv, demo.CustomersCsv, demo.PurchasesCsv, demo.TouchpointsCsv, demo.ConversionsCsv,
        new KpiGrouping(KpiDimensions.Channel, TimeBucket.Month, KpiCases.Amsterdam), UpliftGrouping.FirstContactResolution, end,
        new JourneyOptions { Lookback = Duration.FromDays(30) }, new RfmSummaryOptions(new LocalDate(2025, 6, 30)) { TimeZone = KpiCases.Amsterdam });

    [Fact]
    public void ByDuckDbAndInMemory_WriteTheSameRows()
    {
        using var duckDir = new TempDir();
        using var memoryDir = new TempDir();
        var request = Request();

        LakeSummaries duck;
        using (var engine = DuckDbEngine.Open(threads: 2))
        {
            duck = LakeSummaries.ByDuckDb(engine, request);
        }
        var memory = LakeSummaries.InMemory(request, demo.Interactions, demo.Customers, demo.Touchpoints, demo.Conversions, demo.Purchases);
        var duckFiles = duck.Write(duckDir.Path, ".csv", request.Grouping);
        var memoryFiles = memory.Write(memoryDir.Path, ".csv", request.Grouping);

        duckFiles.Select(f => f.Summary).Should().Equal("kpi counts", "issues", "segment inputs", "survival table", "path summary", "rfm summary");
        memoryFiles.Select(f => (f.Summary, f.Rows)).Should().Equal(duckFiles.Select(f => (f.Summary, f.Rows)));
        foreach (var ((_, duckFile, _), (_, memoryFile, _)) in duckFiles.Zip(memoryFiles))
        {
            // The same rows (DuckDB orders the KPI groups its own way).
            File.ReadAllLines(memoryFile).Order(StringComparer.Ordinal).Should().Equal(File.ReadAllLines(duckFile).Order(StringComparer.Ordinal), Path.GetFileName(duckFile));
        }
    }

    [Fact]
    public void ObservationEnd_NotGiven_IsTheStartOfTheLocalDayAfterTheLastContact()
    {
        // The window's rule (ObservationWindow.OfDays) in Europe/Amsterdam: the day after the last arrival's local date, at local midnight.
        var last = demo.Interactions.Max(i => i.ArrivedAt);
        var end = KpiCases.Amsterdam.AtStartOfDay(last.InZone(KpiCases.Amsterdam).Date.PlusDays(1)).ToInstant();
        var expected = RetentionUpliftBuilder.BuildTable(demo.Customers, demo.Interactions, UpliftGrouping.FirstContactResolution, end);

        var memory = LakeSummaries.InMemory(Request(), demo.Interactions, demo.Customers, null, null, null);

        SummaryCases.ShouldEqual(memory.Survival!, expected);
        memory.Paths.Should().BeNull("no touchpoints were given");
        memory.Rfm.Should().BeNull();
        FluentActions.Invoking(() => LakeSummaries.InMemory(Request(), [], demo.Customers, null, null, null)).Should().Throw<InvalidDataException>()
            .WithMessage($"{demo.InteractionsCsv}: no interactions, so no customer has an index contact.");
    }
}
