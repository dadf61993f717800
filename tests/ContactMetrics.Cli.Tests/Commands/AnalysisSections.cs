using System.Text.Json.Nodes;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>The <c>analysis</c> member of <c>report --format json</c>, compared section by section between two runs.</summary>
internal static class AnalysisSections
{
    /// <summary>
    /// The sections that need the rows: the customer-experience ones (survey answers per contact) and the agents' tenure
    /// (each contact's agent id and time): unavailable from summaries, with a reason naming where the summaries came from.
    /// </summary>
    public static readonly string[] RowOnly = ["businessCaseExperience", "businessCaseExperienceInputs", "csatChurnBySegment", "recommendationByScore", "agents"];

    public static JsonObject Of(CliRun run) => (JsonObject)JsonNode.Parse(run.Out)!["analysis"]!;

    /// <summary>
    /// Asserts every section of <paramref name="expected"/> but the row-only ones (and <paramref name="alsoSkipped"/>) equals
    /// <paramref name="actual"/>'s; returns how many were compared.
    /// </summary>
    public static int ShouldEqualExceptRowOnly(JsonObject actual, JsonObject expected, string expectedRun, params string[] alsoSkipped)
    {
        int compared = 0;
        foreach (var (section, value) in expected)
        {
            if (!RowOnly.Contains(section) && !alsoSkipped.Contains(section))
            {
                JsonNode.DeepEquals(actual[section], value).Should().BeTrue($"section {section} is the {expectedRun}'s");
                compared++;
            }
        }
        return compared;
    }
}
