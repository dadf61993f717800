using ContactMetrics.Cli.Output;
using ContactMetrics.Reporting;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The demo's one screen (issue #13 item 7): the world in one line, the FCR business case with its lines, the service
/// programme, the customer-experience levers (one sentence per line: CSAT -> churn per segment, NPS, CES, self-service),
/// profit after service, and where the report is. Amounts as the report page writes them (no spaces, so a number never
/// wraps inside a cell); every other figure behind <c>--verbose</c>, in <c>--format json</c> and in the report.
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

        var fcr = sheet.Add("businessCase", $"Business case: {analysis.FcrCaseName} (a year)");
        if (analysis.FcrBusinessCase.TryGetValue(out var fcrCase))
        {
            fcr.Fact("headline", "Headline", AnalysisFigures.Headline(analysis.FcrCaseName, fcrCase));
            Lines(fcr, fcrCase);
        }
        else
        {
            fcr.Note = "Unavailable: " + analysis.FcrBusinessCase.Reason;
        }

        var programme = sheet.Add("businessCaseProgramme", "Service programme (a year)");
        if (analysis.ServiceProgramme.TryGetValue(out var p))
        {
            programme.Fact("total", "Total", AnalysisFigures.Range(p));
            Lines(programme, p);
        }
        else
        {
            programme.Note = "Unavailable: " + analysis.ServiceProgramme.Reason;
        }

        var experience = sheet.Add("businessCaseExperience", "Customer experience: CSAT, NPS, CES, self-service (a year)");
        if (analysis.ExperienceCase.TryGetValue(out var x))
        {
            experience.Fact("total", "Total", AnalysisFigures.Range(x));
            var sentences = experience.SetTable("lines", new FigureColumn("line", "Line, in one sentence"), new FigureColumn("range", "P10-P90", true));
            foreach (var (line, result) in analysis.ExperienceLines.Zip(x.Lines))
            {
                sentences.Row(line.Sentence, AnalysisFigures.Between(result.Value.P10, result.Value.P90));
            }
        }
        else
        {
            experience.Note = "Unavailable: " + analysis.ExperienceCase.Reason;
        }

        var profit = sheet.Add("customerProfitability", "Profit after service");
        if (analysis.Profitability.TryGetValue(out var pr))
        {
            profit.Fact("totalProfit", "Total profit after service cost", AnalysisFigures.Amount(pr.TotalProfit))
                .Fact("valueDestroyingShare", "Customers who destroy value", new Fraction(pr.WhaleCurve.ValueDestroyingShare));
        }
        else
        {
            profit.Note = "Unavailable: " + analysis.Profitability.Reason;
        }

        sheet.Add("report", "Board report")
            .Fact("path", "Written to", reportPath)
            .Fact("detail", "Every figure", "contactmetrics demo --verbose (or --format json)");
        return sheet;
    }

    private static void Lines(FigureSection section, BusinessCaseAnalysis a)
    {
        var table = section.SetTable("lines",
            new FigureColumn("line", "Line"),
            new FigureColumn("value", "A year", true),
            new FigureColumn("range", "P10-P90", true));
        foreach (var line in a.Lines)
        {
            table.Row(line.Item.Name, AnalysisFigures.Amount(line.Value.Point), AnalysisFigures.Between(line.Value.P10, line.Value.P90));
        }
    }

}
