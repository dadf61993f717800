using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;

namespace ContactMetrics.Cli.Commands;

internal static partial class DemoHeadlines
{
    private const int TornadoRows = 6;

    /// <summary>
    /// The business case headline: "+5 points FCR: X a year (P10 Y - P90 Z)", its line items with P10/P50/P90 and
    /// their main inputs with sources, the tornado, and the service programme with the other levers.
    /// </summary>
    static partial void BusinessCase(CommandOutput output, SimulatedContactCenter center)
    {
        var section = output.Add("businessCase", "Business case: FCR +5 points (a year)");
        var (built, reason) = DemoBusinessCase.Build(center);
        if (built is null)
        {
            section.Note = "Too little data for the business case: " + reason;
            return;
        }
        var a = built.Fcr;
        section.Note = $"{Headline(a)}. Each line is a mechanism with its inputs (measured from the tables, or assumed and said so); the range is a seeded Monte Carlo over the inputs. {a.ConvergenceNote} {built.Inputs.Notes}";
        section.Fact("headline", "Headline", Headline(a))
            .Fact("total", "Total a year (point)", a.Total.Point)
            .Fact("mean", "Mean", a.Total.Mean)
            .Fact("p10", "P10", a.Total.P10)
            .Fact("p50", "P50", a.Total.P50)
            .Fact("p90", "P90", a.Total.P90)
            .Fact("monteCarloStandardError", "Monte Carlo SE of the mean", a.Total.StandardErrorOfMean)
            .Fact("iterations", "Monte Carlo draws", a.Iterations)
            .Fact("seed", "Seed", a.Seed)
            .Fact("currentFcr", "Current FCR (resolved flag)", new Rate(built.Inputs.FirstContactResolution.Point));
        AddLines(section, a);

        AddTornado(output.Add("businessCaseTornado", "Business case: what moves the FCR total most (tornado)"), a);

        var programmeSection = output.Add("businessCaseProgramme", "Business case: service programme (a year)");
        if (built.Programme is not BusinessCaseAnalysis p)
        {
            programmeSection.Note = built.ProgrammeNote;
            return;
        }
        programmeSection.Note = string.Create(CultureInfo.InvariantCulture,
            $"FCR +5 points, AHT -15 s, agent attrition -5 points and the conversions service assists at an assumed 10% incrementality: {Amount(p.Total.Point)} a year (P10 {Amount(p.Total.P10)} - P90 {Amount(p.Total.P90)}). Lines share inputs (the FCR gain) and are drawn together. {p.ConvergenceNote}");
        programmeSection.Fact("total", "Total a year (point)", p.Total.Point)
            .Fact("p10", "P10", p.Total.P10)
            .Fact("p50", "P50", p.Total.P50)
            .Fact("p90", "P90", p.Total.P90);
        AddLines(programmeSection, p);
    }

    /// <summary>"+5 points FCR: €X a year (P10 €Y - P90 €Z)".</summary>
    internal static string Headline(BusinessCaseAnalysis a) =>
        $"+5 points FCR: {Amount(a.Total.Point)} a year (P10 {Amount(a.Total.P10)} - P90 {Amount(a.Total.P90)})";

    private static void AddLines(OutputSection section, BusinessCaseAnalysis a)
    {
        var table = section.SetTable("lines",
            new OutputColumn("line", "Line"),
            new OutputColumn("value", "Point", true),
            new OutputColumn("p10", "P10", true),
            new OutputColumn("p50", "P50", true),
            new OutputColumn("p90", "P90", true),
            new OutputColumn("formula", "Formula (point values)"),
            new OutputColumn("inputs", "Main inputs and sources"));
        foreach (var line in a.Lines)
        {
            table.Row(line.Item.Name, line.Value.Point, line.Value.P10, line.Value.P50, line.Value.P90, line.Item.FormulaWithValues,
                string.Join("; ", line.Item.Inputs.Select(Describe)));
        }
    }

    private static void AddTornado(OutputSection section, BusinessCaseAnalysis a)
    {
        section.Note = "Each input at the low and the high end of its own interval (see its meaning), the others at their point values; ranked by the swing of the total. Intervals mean different things (a 95% confidence interval, a min-max range), so the ranking says which stated range matters most.";
        var table = section.SetTable("inputs",
            new OutputColumn("input", "Input"),
            new OutputColumn("low", "Low", true),
            new OutputColumn("high", "High", true),
            new OutputColumn("interval", "Interval"),
            new OutputColumn("totalAtLow", "Total at low", true),
            new OutputColumn("totalAtHigh", "Total at high", true),
            new OutputColumn("swing", "Swing", true),
            new OutputColumn("source", "Source"));
        foreach (var e in a.Tornado.Take(TornadoRows))
        {
            table.Row(e.Input.Name, e.Input.Low, e.Input.High, e.Input.IntervalMeaning, e.TotalAtLow, e.TotalAtHigh, e.Swing, e.Input.Source.ToString());
        }
    }

    private static string Describe(UncertainInput i) => string.Create(CultureInfo.InvariantCulture,
        $"{i.Name} {Number(i.Point)}{(i.IsFixed ? "" : $" [{Number(i.Low)}, {Number(i.High)}]")} ({i.Source.Origin.ToString().ToLowerInvariant()})");

    private static string Number(double v) => Math.Abs(v) >= 100
        ? v.ToString("#,0", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Whole units with the currency's sign where it has a common one: €1,234,567.</summary>
    internal static string Amount(Money m)
    {
        string sign = m.Currency.Code switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => m.Currency.Code + " " };
        string digits = Math.Abs(m.Amount).ToString("#,0", CultureInfo.InvariantCulture);
        return (m.Amount < 0 ? "-" : "") + sign + digits;
    }
}
