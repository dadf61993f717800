using System.Text.Json.Nodes;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The analysis made of the summaries SQL computes (<see cref="AnalysisSummariesSql"/>, <see cref="ContactCenterAnalysis.FromSummaries"/>)
/// prints the same figures as the analysis of the rows in memory (the oracle) on the demo tables (Europe/Amsterdam, two
/// years with four DST days): every section of the analysis JSON but the customer-experience ones, which say why they
/// are unavailable; on DuckDB and on PostgreSQL, over the whole window and with an as-of date that leaves rows out.
/// </summary>
public sealed class AnalysisSummariesSqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    /// <summary>
    /// The sections that need the survey answers per contact and customer, or each contact's agent id and time (agent
    /// tenure, read by the programme's attrition line, which falls back to the assumptions), which no summary holds.
    /// </summary>
    internal static readonly string[] RowOnlySections = ["businessCaseExperience", "businessCaseExperienceInputs", "csatChurnBySegment", "recommendationByScore", "agents", "businessCaseProgramme"];

    internal static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Theory]
    [InlineData(null)]
    [InlineData("2025-03-30")]
    public void FromSummaries_DuckDb_EqualsTheAnalysisOfTheRows(string? asOf)
    {
        var (memory, window, options) = Memory(demo, asOf);
        using var duck = demo.OpenWithAllTables();
        var range = duck.EventRange();
        range.Should().NotBeNull();
        ObservationWindow.OfDays(range!.Value.First, range.Value.Last, Zone, window.End).Should().Be(window, "DuckDB's first and last events give the memory window");
        var summaries = duck.AnalysisSummaries(window, options, "the test's summaries");
        ShouldMatch(ContactCenterAnalysis.FromSummaries(summaries, window, options), memory, asOf is not null);
    }

    /// <summary>The in-memory analysis of the demo tables with rates, over the whole window or up to <paramref name="asOf"/>.</summary>
    internal static (ContactCenterAnalysis Analysis, ObservationWindow Window, AnalysisOptions Options) Memory(DemoTables demo, string? asOf)
    {
        var data = ContactCenterData.Create(demo.Customers, demo.Interactions, demo.Purchases, demo.Touchpoints, demo.Conversions);
        Instant? end = asOf is null ? null : Zone.AtStartOfDay(NodaTime.Text.LocalDatePattern.Iso.Parse(asOf).Value).ToInstant();
        var window = data.Window(Zone, end);
        var options = AnalysisOptions.Default with { Rates = CostCases.Models["two overheads"], RatesSource = "the test's model", Iterations = 2_000 };
        return (ContactCenterAnalysis.Create(data, window, options), window, options);
    }

    /// <summary>Every section equal to the memory analysis's (JSON), the row-only ones unavailable with the reason.</summary>
    internal static void ShouldMatch(ContactCenterAnalysis fromSummaries, ContactCenterAnalysis memory, bool rowsLeftOut)
    {
        var expected = (JsonObject)JsonNode.Parse(AnalysisFigures.Of(memory).ToJson())![AnalysisFigures.Group]!;
        var actual = (JsonObject)JsonNode.Parse(AnalysisFigures.Of(fromSummaries).ToJson())![AnalysisFigures.Group]!;
        if (rowsLeftOut)
        {
            expected["overview"]!["outsideWindow"]!["contacts"]!.GetValue<int>().Should().BeGreaterThan(0, "the as-of date leaves contacts out");
        }
        expected["businessCase"]!["total"].Should().NotBeNull("the memory analysis has the business case to compare");
        expected["attribution"]!["journeys"].Should().NotBeNull("the memory analysis has attribution to compare");
        foreach (var (section, value) in expected)
        {
            if (RowOnlySections.Contains(section))
            {
                continue;
            }
            JsonNode.DeepEquals(actual[section], value).Should().BeTrue($"section {section} is the memory analysis's: {actual[section]?.ToJsonString()[..Math.Min(400, actual[section]?.ToJsonString().Length ?? 0)]}");
        }
        actual["businessCaseExperience"]!["unavailable"]!.GetValue<string>().Should().Contain("no summary holds");
        actual["agents"]!["attritionUnavailable"]!.GetValue<string>().Should().Contain("agent id").And.Contain("no summary holds");
        fromSummaries.Summaries.Should().NotBeNull();
    }
}

/// <summary>The same on PostgreSQL through Npgsql.</summary>
public sealed class PostgreSqlAnalysisSummariesTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [InlineData(null)]
    [InlineData("2025-03-30")]
    public void FromSummaries_PostgreSql_EqualsTheAnalysisOfTheRows(string? asOf)
    {
        var (memory, window, options) = AnalysisSummariesSqlTests.Memory(db.Demo, asOf);
        var tables = new AnalysisTables(db.Tables.Interactions, db.Tables.Customers, db.Purchases, db.Journeys.Touchpoints, db.Journeys.Conversions);
        using var connection = db.Connection();
        var summaries = AnalysisSummariesSql.Compute(connection, SqlDialect.PostgreSql, tables, window, options, "the test's summaries");
        AnalysisSummariesSqlTests.ShouldMatch(ContactCenterAnalysis.FromSummaries(summaries, window, options), memory, asOf is not null);
    }
}
