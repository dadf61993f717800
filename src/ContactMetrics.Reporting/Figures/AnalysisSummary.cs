using ContactMetrics.Valuation;

namespace ContactMetrics.Reporting;

/// <summary>
/// An analysis on one screen: the FCR business case with its lines, the service programme, the customer-experience levers
/// (one sentence per line: CSAT -> churn per segment, NPS, CES, self-service) and profit after service. Amounts as the report
/// page writes them (no spaces, so a number never wraps inside a cell); every other figure is in <see cref="AnalysisFigures"/>.
/// The <c>contactmetrics demo</c> screen.
/// </summary>
public static class AnalysisSummary
{
    /// <summary>Adds the sections <c>businessCase</c>, <c>businessCaseProgramme</c>, <c>businessCaseExperience</c> and <c>customerProfitability</c> to <paramref name="sheet"/>.</summary>
    /// <param name="sheet">The sheet to add to.</param>
    /// <param name="analysis">The analysis; a figure it cannot compute is a section with the reason as its note.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Add(FigureSheet sheet, ContactCenterAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(analysis);
        Section(sheet, "businessCase", $"Business case: {analysis.FcrCaseName} (a year)", analysis.FcrBusinessCase, (section, c) =>
        {
            section.Fact("headline", "Headline", AnalysisFigures.Headline(analysis.FcrCaseName, c));
            Lines(section, c);
        });
        Section(sheet, "businessCaseProgramme", "Service programme (a year)", analysis.ServiceProgramme, (section, p) =>
        {
            section.Fact("total", "Total", AnalysisFigures.Range(p));
            Lines(section, p);
        });
        Section(sheet, "businessCaseExperience", "Customer experience: CSAT, NPS, CES, self-service (a year)", analysis.ExperienceCase, (section, x) =>
        {
            section.Fact("total", "Total", AnalysisFigures.Range(x));
            var sentences = section.SetTable("lines", new FigureColumn("line", "Line, in one sentence"), new FigureColumn("range", "P10-P90", true));
            foreach (var (line, result) in analysis.ExperienceLines.Zip(x.Lines))
            {
                sentences.Row(line.Sentence, AnalysisFigures.Between(result.Value.P10, result.Value.P90));
            }
        });
        Section(sheet, "customerProfitability", "Profit after service", analysis.Profitability, (section, pr) =>
            section.Fact("totalProfit", "Total profit after service cost", AnalysisFigures.Amount(pr.TotalProfit))
                .Fact("valueDestroyingShare", "Customers who destroy value", new Fraction(pr.WhaleCurve.ValueDestroyingShare)));
    }

    /// <summary>A section with the figure's facts, or "Unavailable: reason" as its note.</summary>
    private static void Section<T>(FigureSheet sheet, string key, string title, AnalysisFigure<T> figure, Action<FigureSection, T> add)
        where T : class
    {
        var section = sheet.Add(key, title);
        if (figure.TryGetValue(out var value))
        {
            add(section, value);
        }
        else
        {
            section.Note = "Unavailable: " + figure.Reason;
        }
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
