using System.CommandLine;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Reporting;
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
            string reportPath = WriteReport(center, dir, console);
            var output = Summarize(center, files);
            output.Add("report", "Board report").Fact("path", "Written to", reportPath);
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
        path = Path.Combine(dir, "rates.json");
        var rates = DemoHeadlines.ExampleCostModel(center);
        CostRatesFile.Write(rates, path, DemoHeadlines.ExampleRatesNote);
        written.Add(("rates (example cost model)", path, rates.Channels.Length));
        return written;
    }

    /// <summary>
    /// The board report of the tables just written, read back from the folder exactly as <c>contactmetrics report --data</c>
    /// reads them, so the two give the same page; the calendar and the observation end are the simulation's.
    /// </summary>
    internal static string WriteReport(SimulatedContactCenter center, string dir, CliConsole console)
    {
        string path = Path.Combine(dir, "report.html");
        var inputs = console.Progress("Reading the tables back for the report", () => ReportFolder.Read(dir, console));
        var options = new ReportOptions { TimeZone = center.Options.TimeZone, ObservationEnd = center.End, Seed = center.Options.Seed };
        ReportCommand.Write(inputs, options, path, console);
        return path;
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
        DemoHeadlines.AddAll(output, center);

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

    /// <summary>
    /// The KPI headline by channel (email's response time in hours and a phone queue's 20 seconds do
    /// not belong in one average), with the default definitions (docs/kpis.md).
    /// </summary>
    internal static void AddKpiHeadline(CommandOutput output, SimulatedContactCenter center)
    {
        var table = InteractionTable.Create(center.Interactions, center.Customers);
        var byChannel = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel));
        var section = output.Add("kpisByChannel", "KPIs by channel (whole period)");
        section.Note = "Default definitions: " + KpiOptions.Default.ServiceLevel.Describe()
            + "; FCR = no repeat contact on the same reason within 7 days. Email is answered asynchronously: its ASA is the response time, and a 20 s target does not apply. Self-service is contained, so it has no queue KPIs.";
        var t = section.SetTable("channels",
            new OutputColumn("channel", "Channel"),
            new OutputColumn("handled", "Handled", true),
            new OutputColumn("serviceLevel", "SL 20 s", true),
            new OutputColumn("asaSeconds", "ASA s", true),
            new OutputColumn("ahtSeconds", "AHT s", true),
            new OutputColumn("abandonmentRate", "Abandon", true),
            new OutputColumn("fcr", "FCR", true),
            new OutputColumn("csat", "CSAT", true),
            new OutputColumn("nps", "NPS", true));
        foreach (var g in byChannel)
        {
            t.Row(g.Channel!.Value.ToSchemaName(), g.Counts.HandledContacts, Rate.Of(g.ServiceLevel.Value), g.AverageSpeedOfAnswer.Value,
                g.AverageHandleTime.Value, Rate.Of(g.AbandonmentRate.Value), Rate.Of(g.FirstContactResolution.Value), Rate.Of(g.Csat.Value), g.Nps.Value);
        }
    }
}
