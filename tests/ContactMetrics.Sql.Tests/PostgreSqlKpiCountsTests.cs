using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The same SQL through Npgsql on PostgreSQL gives the in-memory engine's counts (the oracle) on the demo tables:
/// every grouping and bucket, default and changed definitions, and local days and hours on the days the clocks change.
/// </summary>
public sealed class PostgreSqlKpiCountsTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    private IReadOnlyList<GroupedKpiCounts> Kpis(KpiGrouping grouping, KpiOptions? options = null, SqlTables? tables = null)
    {
        using var connection = db.Connection();
        return KpiCountsSql.Compute(connection, SqlDialect.PostgreSql, grouping, options, tables ?? db.Tables);
    }

    [PostgreSqlTheory]
    [MemberData(nameof(KpiCases.GroupingNames), MemberType = typeof(KpiCases))]
    public void Kpis_DemoTables_EqualInMemory(string grouping) =>
        KpiCases.ShouldEqual(Kpis(KpiCases.Groupings[grouping]), db.Demo.InMemory(KpiCases.Groupings[grouping]));

    [PostgreSqlTheory]
    [MemberData(nameof(KpiCases.GroupingNames), MemberType = typeof(KpiCases))]
    public void Kpis_ChangedDefinitions_EqualInMemory(string grouping) =>
        KpiCases.ShouldEqual(Kpis(KpiCases.Groupings[grouping], KpiCases.Changed), db.Demo.InMemory(KpiCases.Groupings[grouping], KpiCases.Changed));

    [PostgreSqlFact]
    public void Kpis_ContactsOnTheDaysTheClocksChange_LocalDaysAndHours()
    {
        // As in DuckDbEngineTests (Directive 2000/84/EC): 23:30Z on 30 March 2024 is 00:30 on the 31st (a 23-hour day) in
        // Amsterdam; 00:30Z and 01:30Z on 27 October are both 02:30 local, in hour buckets at +02 and +01 (a 25-hour day).
        var tables = db.LoadInteractions("dst", "interaction_id,customer_id,channel,arrived_at,ended_at\n"
            + "a,c1,phone,2024-03-30T23:30:00Z,2024-03-30T23:31:00Z\n"
            + "b,c2,phone,2024-10-27T00:30:00Z,2024-10-27T00:31:00Z\n"
            + "c,c3,phone,2024-10-27T01:30:00Z,2024-10-27T01:31:00Z\n");
        var days = Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Day, KpiCases.Amsterdam), tables: tables);
        days.Select(d => (d.BucketStart!.Value.Date, d.BucketLength!.Value.TotalHours, d.Counts.OfferedContacts))
            .Should().Equal((new LocalDate(2024, 3, 31), 23.0, 1L), (new LocalDate(2024, 10, 27), 25.0, 2L));
        var hours = Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Hour, KpiCases.Amsterdam), tables: tables);
        hours.Select(h => OffsetDateTimePattern.Rfc3339.Format(h.BucketStart!.Value.ToOffsetDateTime())).Should()
            .Equal("2024-03-31T00:00:00+01:00", "2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00");
    }
}
