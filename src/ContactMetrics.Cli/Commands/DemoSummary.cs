using ContactMetrics.Cli.Output;
using ContactMetrics.Reporting;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The demo's one screen (issue #13 item 7): the world in one line, the analysis's summary (<see cref="AnalysisSummary"/>) and
/// where the report is; every other figure behind <c>--all-figures</c>, in <c>--format json</c> and in the report.
/// </summary>
internal static class DemoSummary
{
    public static FigureSheet Of(SimulatedContactCenter center, SimulationPreset preset, ContactCenterAnalysis analysis, string reportPath)
    {
        var o = center.Options;
        var sheet = new FigureSheet();
        sheet.Add("sampleContactCenter", "Sample contact center (synthetic, planted effects: docs/simulation.md)")
            .Fact("preset", "Business", preset.ToString().ToLowerInvariant())
            .Fact("customers", "Customers", o.Customers)
            .Fact("contacts", "Contacts (two years)", center.Interactions.Count)
            .Fact("agents", "Agent ids", center.AgentTruths.Count);

        AnalysisSummary.Add(sheet, analysis);
        sheet.Add("report", "Board report")
            .Fact("path", "Written to", reportPath)
            .Fact("detail", "Every figure", "contactmetrics demo --all-figures (or --format json)");
        return sheet;
    }
}
