using ContactMetrics.Attribution;
using ContactMetrics.Retention;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// DuckDB's index-date survival table and path summary equal the in-memory ones on the demo tables (the oracle), and
/// summaries of customer partitions merged equal the summary of the whole.
/// </summary>
public sealed class SurvivalAndPathsSqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    private DuckDbEngine Open()
    {
        var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        engine.AttachCustomers(demo.CustomersCsv);
        engine.AttachTouchpoints(demo.TouchpointsCsv);
        engine.AttachConversions(demo.ConversionsCsv);
        return engine;
    }

    [Theory]
    [MemberData(nameof(SummaryCases.SurvivalNames), MemberType = typeof(SummaryCases))]
    public void SurvivalTable_DuckDb_EqualsTheBuilderPerCustomer(string name)
    {
        using var engine = Open();
        var (grouping, options) = SummaryCases.Survival[name];
        SummaryCases.ShouldEqual(engine.SurvivalTable(grouping, SummaryCases.ObservationEnd, options), SummaryCases.InMemory(demo, name));
    }

    [Theory]
    [MemberData(nameof(SummaryCases.JourneyNames), MemberType = typeof(SummaryCases))]
    public void Paths_DuckDb_EqualJourneyBuilderPathByPath(string name)
    {
        using var engine = Open();
        var (options, service) = SummaryCases.Journeys[name];
        SummaryCases.ShouldEqual(engine.Paths(options, service), SummaryCases.InMemoryPaths(demo, name));
    }

    [Fact]
    public void SurvivalTable_CustomerPartitionsConcatenated_EqualTheWhole()
    {
        using var engine = Open();
        var (grouping, options) = SummaryCases.Survival["fcr-repeat"];
        var whole = engine.SurvivalTable(grouping, SummaryCases.ObservationEnd, options);
        var merged = new Dictionary<string, string>();
        int noContact = 0, churnedBefore = 0;
        foreach (int part in new[] { 0, 1, 2 })
        {
            var tables = Partition(engine, part, "interactions", "customers");
            var table = SurvivalTableSql.Compute(engine.Connection, SqlDialect.DuckDb, grouping, SummaryCases.ObservationEnd, options, new SqlTables(tables[0], tables[1]));
            table.Table.Count.Should().BePositive("each partition has customers");
            foreach (var (id, row) in SummaryCases.Rows(table))
            {
                merged.Add(id, row);
            }
            noContact += table.CustomersWithoutQualifyingContact;
            churnedBefore += table.CustomersChurnedBeforeIndex;
        }
        merged.Should().BeEquivalentTo(SummaryCases.Rows(whole));
        noContact.Should().Be(whole.CustomersWithoutQualifyingContact);
        churnedBefore.Should().Be(whole.CustomersChurnedBeforeIndex);
    }

    [Fact]
    public void Paths_CustomerPartitionsMergedByPath_EqualTheWhole()
    {
        using var engine = Open();
        var (options, _) = SummaryCases.Journeys["30d-service-collapsed"];
        var whole = engine.Paths(options, serviceContacts: true);
        var builder = new PathSummaryBuilder(whole.Currency);
        foreach (int part in new[] { 0, 1, 2 })
        {
            var tables = Partition(engine, part, "touchpoints", "conversions", "interactions");
            builder.Add(PathSummarySql.Compute(engine.Connection, SqlDialect.DuckDb, options, new JourneyTables(tables[0], tables[1], tables[2])));
        }
        var merged = builder.Build();
        merged.TotalConversions.Should().Be(whole.TotalConversions);
        merged.TotalNulls.Should().Be(whole.TotalNulls);
        SummaryCases.ByPath(merged).Should().BeEquivalentTo(SummaryCases.ByPath(whole));
    }

    /// <summary>Views over one of three customer partitions of the attached tables (by a hash of customer_id).</summary>
    private static string[] Partition(DuckDbEngine engine, int part, params string[] tables)
    {
        foreach (string table in tables)
        {
            using var command = engine.Connection.CreateCommand();
            command.CommandText = $"CREATE OR REPLACE VIEW {table}_{part} AS SELECT * FROM {table} WHERE hash(customer_id) % 3 = {part}";
            command.ExecuteNonQuery();
        }
        return [.. tables.Select(t => $"{t}_{part}")];
    }
}

/// <summary>The survival table's and path summary's SQL through Npgsql on PostgreSQL equal the in-memory ones on the demo tables.</summary>
public sealed class PostgreSqlSurvivalAndPathsTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [MemberData(nameof(SummaryCases.SurvivalNames), MemberType = typeof(SummaryCases))]
    public void SurvivalTable_PostgreSql_EqualsTheBuilderPerCustomer(string name)
    {
        var (grouping, options) = SummaryCases.Survival[name];
        using var connection = db.Connection();
        SummaryCases.ShouldEqual(SurvivalTableSql.Compute(connection, SqlDialect.PostgreSql, grouping, SummaryCases.ObservationEnd, options, db.Tables),
            SummaryCases.InMemory(db.Demo, name));
    }

    [PostgreSqlTheory]
    [MemberData(nameof(SummaryCases.JourneyNames), MemberType = typeof(SummaryCases))]
    public void Paths_PostgreSql_EqualJourneyBuilderPathByPath(string name)
    {
        var (options, service) = SummaryCases.Journeys[name];
        using var connection = db.Connection();
        var tables = service ? db.Journeys : db.Journeys with { Interactions = null };
        SummaryCases.ShouldEqual(PathSummarySql.Compute(connection, SqlDialect.PostgreSql, options, tables), SummaryCases.InMemoryPaths(db.Demo, name));
    }
}
