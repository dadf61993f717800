using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The business case's per-segment counts in SQL equal <see cref="SegmentInputs.Of"/> (the scan the analysis reads) on the
/// demo tables, segment by segment, for several repeat rules and both FCR bases, over a year of the demo.
/// </summary>
public sealed class SegmentInputsSqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    public static readonly Instant From = Instant.FromUtc(2024, 7, 1, 0, 0);

    public static readonly Instant To = Instant.FromUtc(2025, 7, 1, 0, 0);

    public static TheoryData<string, FcrBasis> Cases()
    {
        var data = new TheoryData<string, FcrBasis>();
        foreach (string rule in CostCases.Rules.Keys)
        {
            data.Add(rule, FcrBasis.Issue);
        }
        data.Add("default 7d same reason", FcrBasis.Contact);
        data.Add("any reason same channel 30d", FcrBasis.Contact);
        return data;
    }

    /// <summary>The rule with the basis.</summary>
    public static RepeatContactOptions Rule(string name, FcrBasis basis)
    {
        var r = CostCases.Rules[name];
        return new RepeatContactOptions(r.Window, r.SameReason, r.Scope, basis);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SegmentInputs_DuckDb_EqualTheInMemoryScan(string rule, FcrBasis basis)
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        engine.AttachCustomers(demo.CustomersCsv);
        var repeat = Rule(rule, basis);
        ShouldEqual(SegmentInputsSql.Compute(engine.Connection, SqlDialect.DuckDb, repeat, From, To), SegmentInputs.Of(demo.Table, repeat, From, To));
    }

    internal static void ShouldEqual(IReadOnlyList<SegmentInputs> actual, IReadOnlyList<SegmentInputs> expected)
    {
        expected.Count.Should().BeGreaterThan(1, "the demo has segments");
        expected.Sum(r => r.RepeatedAfterUnresolved).Should().BePositive("unresolved units are followed by repeats in the demo");
        expected.Sum(r => r.Customers).Should().BePositive();
        actual.Should().Equal(expected);
    }
}

/// <summary>The per-segment counts' SQL through Npgsql on PostgreSQL equals the in-memory scan on the demo tables.</summary>
public sealed class PostgreSqlSegmentInputsTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [MemberData(nameof(SegmentInputsSqlTests.Cases), MemberType = typeof(SegmentInputsSqlTests))]
    public void SegmentInputs_PostgreSql_EqualTheInMemoryScan(string rule, FcrBasis basis)
    {
        var repeat = SegmentInputsSqlTests.Rule(rule, basis);
        using var connection = db.Connection();
        SegmentInputsSqlTests.ShouldEqual(SegmentInputsSql.Compute(connection, SqlDialect.PostgreSql, repeat, SegmentInputsSqlTests.From, SegmentInputsSqlTests.To, db.Tables),
            SegmentInputs.Of(db.Demo.Table, repeat, SegmentInputsSqlTests.From, SegmentInputsSqlTests.To));
    }
}
