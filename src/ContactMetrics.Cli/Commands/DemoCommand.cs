using System.CommandLine;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics demo</c>: generates the synthetic contact center, writes its tables as CSV and
/// prints a summary. Each headline is a library call on the generated data; later calculators add
/// theirs here.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Folder to write the tables to (created if missing).",
            HelpName = "DIR",
            DefaultValueFactory = _ => "contactmetrics-demo",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed; the same seed gives the same tables.",
            DefaultValueFactory = _ => 42,
        };
        var customers = new Option<int>("--customers")
        {
            Description = "Number of customers to simulate.",
            DefaultValueFactory = _ => 20_000,
        };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "Output format of the summary: table or json.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        var command = new Command("demo", "Generate a sample contact center (customers, contacts, surveys, purchases, marketing), write its tables as CSV and summarise it.")
        {
            outDir, seed, customers, format,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(customers);
            if (n <= 0)
            {
                throw new CliInputException($"--customers must be at least 1; was {n}.");
            }
            string dir = parse.GetValue(outDir)!;
            var options = new SimulationOptions { Seed = parse.GetValue(seed), Customers = n };
            var center = console.Progress("Simulating the contact center", () => ContactCenterSimulator.Generate(options));
            var files = console.Progress("Writing tables", () => WriteTables(center, dir));
            var output = Summarize(center, files);
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Csv)
            {
                throw new CliInputException("--format csv is not available for demo; its tables are written as CSV to --out.");
            }
            OutputWriter.Write(output, fmt, null, console);
            return CliApp.Success;
        });
        return command;
    }

    internal static IReadOnlyList<(string Table, string Path, int Rows)> WriteTables(SimulatedContactCenter center, string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<(string, string, int)>();
        string path = Path.Combine(dir, "customers.csv");
        Tables.WriteCustomers(path, center.Customers);
        written.Add(("customers", path, center.Customers.Count));
        path = Path.Combine(dir, "interactions.csv");
        Tables.WriteInteractions(path, center.Interactions);
        written.Add(("interactions", path, center.Interactions.Count));
        path = Path.Combine(dir, "purchases.csv");
        Tables.WritePurchases(path, center.Purchases);
        written.Add(("purchases", path, center.Purchases.Count));
        path = Path.Combine(dir, "touchpoints.csv");
        Tables.WriteTouchpoints(path, center.Touchpoints);
        written.Add(("touchpoints", path, center.Touchpoints.Count));
        path = Path.Combine(dir, "conversions.csv");
        Tables.WriteConversions(path, center.Conversions);
        written.Add(("conversions", path, center.Conversions.Count));
        return written;
    }

    internal static CommandOutput Summarize(SimulatedContactCenter center, IReadOnlyList<(string Table, string Path, int Rows)> files)
    {
        var output = new CommandOutput();
        var interactions = center.Interactions;
        var overview = output.Add("sampleContactCenter", "Sample contact center");
        overview.Note = "Synthetic data with planted, known effects (see docs/simulation.md).";
        overview.Fact("seed", "Seed", center.Options.Seed)
            .Fact("customers", "Customers", center.Customers.Count)
            .Fact("segments", "Segments", center.Customers.GroupBy(c => c.Segment ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (object?)g.Count()))
            .Fact("contacts", "Contacts", interactions.Count)
            .Fact("firstContactAt", "First contact", interactions.Count > 0 ? interactions.Min(i => i.ArrivedAt) : null)
            .Fact("lastContactAt", "Last contact", interactions.Count > 0 ? interactions.Max(i => i.ArrivedAt) : null)
            .Fact("purchases", "Purchases", center.Purchases.Count)
            .Fact("touchpoints", "Marketing touchpoints", center.Touchpoints.Count)
            .Fact("conversions", "Conversions", center.Conversions.Count);

        var byChannel = output.Add("contactsByChannel", "Contacts by channel");
        var table = byChannel.SetTable("channels",
            new OutputColumn("channel", "Channel"),
            new OutputColumn("contacts", "Contacts", true),
            new OutputColumn("answered", "Answered", true),
            new OutputColumn("share", "Share", true));
        foreach (var group in interactions.GroupBy(i => i.Channel).OrderBy(g => g.Key))
        {
            int count = group.Count();
            table.Row(group.Key.ToSchemaName(), count, group.Count(i => i.IsAnswered), new Rate((double)count / interactions.Count));
        }

        AddKpiHeadline(output, center);

        var written = output.Add("tables", "Tables written");
        var t = written.SetTable("files",
            new OutputColumn("table", "Table"),
            new OutputColumn("path", "Path"),
            new OutputColumn("rows", "Rows", true));
        foreach (var (name, path, rows) in files)
        {
            t.Row(name, path, rows);
        }
        return output;
    }

    /// <summary>The KPI headline: the whole period, with the default definitions (docs/kpis.md).</summary>
    internal static void AddKpiHeadline(CommandOutput output, SimulatedContactCenter center)
    {
        var table = InteractionTable.Create(center.Interactions, center.Customers);
        var all = KpiRollup.Compute(table).Single();
        var section = output.Add("kpiHeadline", "KPI headline (whole period)");
        section.Note = "Default definitions: " + all.ServiceLevel.Definition + "; " + all.FirstContactResolution.Definition + ".";
        section.Fact("serviceLevel", "Service level", Rate.Of(all.ServiceLevel.Value))
            .Fact("averageHandleTimeSeconds", "AHT (s)", all.AverageHandleTime.Value)
            .Fact("averageSpeedOfAnswerSeconds", "ASA, answered (s)", all.AverageSpeedOfAnswer.Value)
            .Fact("abandonmentRate", "Abandonment rate", Rate.Of(all.AbandonmentRate.Value))
            .Fact("firstContactResolution", "FCR (no repeat in 7 days)", Rate.Of(all.FirstContactResolution.Value))
            .Fact("csat", "CSAT (top-2-box)", Rate.Of(all.Csat.Value))
            .Fact("nps", "NPS", all.Nps.Value);
    }
}
