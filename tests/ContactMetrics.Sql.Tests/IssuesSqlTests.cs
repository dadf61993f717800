using ContactMetrics.Kpis;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The issue table's SQL on DuckDB equals <see cref="Issue.Of"/> (the in-memory repeat detector's chains) on the demo
/// tables, issue by issue, for several repeat rules; its counts are the KPI rollup's issues and issues resolved first time.
/// </summary>
public sealed class IssuesSqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    public static TheoryData<string> RuleNames => [.. CostCases.Rules.Keys];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Issues_DuckDb_EqualTheRepeatDetectorsIssueByIssue(string rule)
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        var repeat = CostCases.Rules[rule];
        ShouldEqual(IssuesSql.Compute(engine.Connection, SqlDialect.DuckDb, repeat), demo.Table, repeat);
    }

    [Fact]
    public void Issues_DuckDbOverCsvParts_EqualTheWholeFile()
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.PartsFolder);
        ShouldEqual(engine.Issues(), demo.Table, new RepeatContactOptions());
    }

    /// <summary>Equal issue by issue, with repeats and unresolved ones among them, and counted as the KPI rollup counts issues.</summary>
    internal static void ShouldEqual(IReadOnlyList<Issue> actual, InteractionTable table, RepeatContactOptions repeat)
    {
        var expected = Issue.Of(table, repeat);
        expected.Should().Contain(i => i.Repeats > 0, "the demo has repeat contacts");
        expected.Should().Contain(i => !i.ResolvedFirstTime && i.Contacts > i.Repeats + 1, "some chains hold an abandoned repeat");
        actual.Should().Equal(expected);
        var counts = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.None), new KpiOptions(repeat: repeat)).Single().Counts;
        actual.Count.Should().Be((int)counts.Issues);
        actual.Count(i => i.ResolvedFirstTime).Should().Be((int)counts.IssuesResolvedFirstTime);
        actual.Sum(i => i.Repeats).Should().Be(counts.RepeatContacts);
    }
}

/// <summary>The issue table's SQL through Npgsql on PostgreSQL equals the in-memory issues on the demo tables.</summary>
public sealed class PostgreSqlIssuesTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [MemberData(nameof(IssuesSqlTests.RuleNames), MemberType = typeof(IssuesSqlTests))]
    public void Issues_PostgreSql_EqualTheRepeatDetectorsIssueByIssue(string rule)
    {
        var repeat = CostCases.Rules[rule];
        using var connection = db.Connection();
        IssuesSqlTests.ShouldEqual(IssuesSql.Compute(connection, SqlDialect.PostgreSql, repeat, db.Tables), db.Demo.Table, repeat);
    }
}
