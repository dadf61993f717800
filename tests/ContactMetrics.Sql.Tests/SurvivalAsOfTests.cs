using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The survival table at an as-of window (<see cref="SurvivalTableSql.ComputeAsOf"/>): customers as the in-memory analysis
/// knows them at the window's end (acquired by its last local day; a churn after that day not yet known), so DuckDB,
/// PostgreSQL and the memory engine count the same customers at an --as-of inside the data.
/// </summary>
public static class SurvivalAsOfCase
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>2025-06-01 local (22:00 UTC the day before, summer time): inside the demo's two years.</summary>
    public static ObservationWindow Window(DemoTables demo) => ObservationWindow.OfDays(
        demo.Interactions.Min(i => i.ArrivedAt), demo.Interactions.Max(i => i.ArrivedAt), Amsterdam,
        Amsterdam.AtStartOfDay(new LocalDate(2025, 6, 1)).ToInstant());

    /// <summary>The oracle, by hand: the builder on customers acquired by 2025-05-31 with later churns cleared, and contacts before the end.</summary>
    public static IndexDateTable Expected(DemoTables demo, UpliftGrouping grouping)
    {
        var lastDay = new LocalDate(2025, 5, 31);
        var window = Window(demo);
        window.LastDay.Should().Be(lastDay);
        var customers = demo.Customers.Where(c => c.AcquiredOn <= lastDay)
            .Select(c => c.ChurnedOn > lastDay ? new Customer(c.Id, c.AcquiredOn, null, c.Segment) : c).ToList();
        customers.Count.Should().BeLessThan(demo.Customers.Count, "the demo acquires customers after the as-of date, so the rule matters");
        return RetentionUpliftBuilder.BuildTable(customers, demo.Interactions.Where(i => i.ArrivedAt < window.End), grouping, window.End);
    }
}

public sealed class SurvivalAsOfDuckDbTests(DemoTables demo) : IClassFixture<DemoTables>
{
    [Theory]
    [InlineData(UpliftGrouping.FirstContactResolution)]
    [InlineData(UpliftGrouping.Csat)]
    public void SurvivalTableAsOf_DuckDb_EqualsTheBuilderOnTheCustomersKnownThen(UpliftGrouping grouping)
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        engine.AttachCustomers(demo.CustomersCsv);
        SummaryCases.ShouldEqual(engine.SurvivalTableAsOf(grouping, SurvivalAsOfCase.Window(demo)), SurvivalAsOfCase.Expected(demo, grouping));
    }
}

public sealed class SurvivalAsOfPostgreSqlTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [InlineData(UpliftGrouping.FirstContactResolution)]
    [InlineData(UpliftGrouping.Csat)]
    public void SurvivalTableAsOf_PostgreSql_EqualsTheBuilderOnTheCustomersKnownThen(UpliftGrouping grouping)
    {
        using var connection = db.Connection();
        SummaryCases.ShouldEqual(SurvivalTableSql.ComputeAsOf(connection, SqlDialect.PostgreSql, grouping, SurvivalAsOfCase.Window(db.Demo), null, db.Tables),
            SurvivalAsOfCase.Expected(db.Demo, grouping));
    }
}
