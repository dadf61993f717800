using ContactMetrics.Clv;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>The RFM summary's SQL through Npgsql on PostgreSQL equals <see cref="RfmSummaryBuilder"/>'s on the demo purchases (the oracle).</summary>
public sealed class PostgreSqlRfmSummaryTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [MemberData(nameof(RfmSummarySqlTests.Cases), MemberType = typeof(RfmSummarySqlTests))]
    public void RfmSummary_PostgreSql_EqualsTheBuilderPerCustomer(RfmPeriodUnit period, bool holdout)
    {
        var options = new RfmSummaryOptions(new LocalDate(2025, 3, 31))
        {
            Period = period,
            TimeZone = KpiCases.Amsterdam,
            HoldoutEnd = holdout ? new LocalDate(2025, 12, 31) : null,
        };
        using var connection = db.Connection();
        RfmSummarySqlTests.ShouldEqual(RfmSummarySql.Compute(connection, SqlDialect.PostgreSql, options, db.Purchases),
            RfmSummaryBuilder.Build(db.Demo.Purchases, options));
    }
}
