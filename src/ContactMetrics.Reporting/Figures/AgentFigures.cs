using System.Globalization;
using ContactMetrics.Numerics;
using ContactMetrics.Staffing;

namespace ContactMetrics.Reporting;

/// <summary>
/// The agent figures measured from agent ids (<see cref="AgentSummary"/>): attrition, head count and the new hires' gap
/// that the service programme's attrition line reads. One place for the section of the figure sheet (console and JSON,
/// <c>analysis.agents</c>) and for the report page's section, so both show the same numbers and definitions.
/// </summary>
internal static class AgentFigures
{
    internal const string Title = "Agents: attrition and new hires (measured from agent ids)";

    /// <summary>Adds the section <c>agents</c>: each measured figure with its interval, or why it is not measured, and the definitions in the note.</summary>
    internal static void Add(FigureSection section, AgentSummary? s, string? attritionReason, string? newHiresReason)
    {
        var notes = new List<string>();
        if (s?.Attrition is { } a)
        {
            var rate = a.AnnualRate;
            section.Fact("agents", "Agent ids", a.Agents)
                .Fact("presentAtStart", "Employed before the window (left-censored)", a.PresentAtStart)
                .Fact("starters", "Hired in the window", a.Starters)
                .Fact("leavers", "Leavers", a.Leavers)
                .Fact("agentYears", "Agent-years observed", Math.Round(a.AgentYears, 2))
                .Fact("annualAttrition", "Annual attrition (leavers per agent-year)", new Fraction(rate.Point!.Value))
                .Fact("annualAttritionLower", "Attrition, 95% lower", new Fraction(rate.Interval!.Value.Lower))
                .Fact("annualAttritionUpper", "Attrition, 95% upper", new Fraction(rate.Interval!.Value.Upper))
                .Fact("headcount", "Head count (mean agents employed, last year)", Math.Round(a.Headcount, 1))
                .Fact("followedUntil", "Follow-up ends", a.FollowedUntil);
            notes.Add("Attrition: " + a.Definition);
        }
        else
        {
            section.Fact("attritionUnavailable", "Attrition: unavailable", attritionReason);
        }
        if (s?.NewHires is { } g)
        {
            section.Fact("rampUpWeeks", "Ramp-up (weeks from the first contact)", g.RampUpWeeks)
                .Fact("newHires", "New hires with a whole ramp-up", g.NewHires)
                .Fact("newHireContacts", "Their handled contacts in the ramp-up", g.NewHireContacts)
                .Fact("tenuredContacts", "Tenured agents' handled contacts", g.TenuredContacts);
            Ratio(section, "handleTimeRatio", "New hires' handle time, x tenured", g.HandleTimeRatio);
            Ratio(section, "resolutionRatio", "New hires' resolution, x tenured", g.ResolutionRatio);
            section.Fact("productivityGap", "Productivity gap over the ramp-up", new Fraction(g.ProductivityGap.Point!.Value))
                .Fact("productivityGapLower", "Gap, 95% lower", new Fraction(g.ProductivityGap.Interval!.Value.Lower))
                .Fact("productivityGapUpper", "Gap, 95% upper", new Fraction(g.ProductivityGap.Interval!.Value.Upper));
            notes.Add("New hires: " + g.Definition + " " + g.ProductivityGap.Interval!.Value.Method + ".");
        }
        else
        {
            section.Fact("newHiresUnavailable", "New hires' gap: unavailable", newHiresReason);
        }
        if (s?.AttritionLine is { } line)
        {
            section.Fact("attritionLine", "Programme's attrition line", line.Item.FormulaWithValues)
                .Fact("attritionLineValue", "Its value a year (point)", line.Value.Point);
        }
        notes.Add("The business case's attrition line reads the measured head count and gap (the assumptions when they are unavailable); the reduction in points is an assumed lever.");
        section.Note = string.Join(" ", notes);
    }

    /// <summary>The page's sentence: who left at what rate, how new hires compare, and what the attrition line makes of it.</summary>
    internal static string Sentence(AgentSummary s)
    {
        var parts = new List<string>();
        if (s.Attrition is { } a)
        {
            var i = a.AnnualRate.Interval!.Value;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{a.Leavers} of {a.Agents} agents left in {a.AgentYears:0.#} agent-years observed: attrition of {HtmlReport.Percent(a.AnnualRate.Point!.Value)} a year (95% {HtmlReport.Percent(i.Lower)} to {HtmlReport.Percent(i.Upper)}), with {a.Headcount:0.#} agents employed on average over the last year."));
        }
        else
        {
            parts.Add("Attrition not measured: " + s.AttritionUnavailable);
        }
        if (s.NewHires is { } g)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"In their first {g.RampUpWeeks:0.#} weeks, {g.NewHires} new hires took {Times(g.HandleTimeRatio)} the handle time of tenured agents on the same kind of contact and resolved {Times(g.ResolutionRatio)} as often: {HtmlReport.Percent(g.ProductivityGap.Point!.Value)} fewer resolved contacts per hour (95% {HtmlReport.Percent(g.ProductivityGap.Interval!.Value.Lower)} to {HtmlReport.Percent(g.ProductivityGap.Interval!.Value.Upper)})."));
        }
        else
        {
            parts.Add("New hires' gap not measured: " + s.NewHiresUnavailable);
        }
        if (s.AttritionLine is { } line)
        {
            parts.Add($"The service programme's attrition line: {line.Item.FormulaWithValues}.");
        }
        return string.Join(" ", parts);
    }

    /// <summary>"1.20x (95% 1.19x to 1.21x)".</summary>
    private static string Times(Estimate e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Point:0.00}x (95% {e.Interval!.Value.Lower:0.00}x to {e.Interval!.Value.Upper:0.00}x)");

    private static void Ratio(FigureSection section, string key, string label, Estimate e) =>
        section.Fact(key, label, Math.Round(e.Point!.Value, 4))
            .Fact(key + "Lower", "95% lower", Math.Round(e.Interval!.Value.Lower, 4))
            .Fact(key + "Upper", "95% upper", Math.Round(e.Interval!.Value.Upper, 4));
}
