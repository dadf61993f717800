using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Valuation;
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
            Description = "Number of customers to simulate (default: a mid-size center).",
            DefaultValueFactory = _ => new SimulationOptions().Customers,
        };
        var preset = new Option<SimulationPreset>("--preset")
        {
            // No default value factory: Telecom is the enum's zero, and help then shows no "[default: Telecom]" (a .NET member name).
            Description = "The business to simulate: telecom (monthly subscriptions; the default), insurer (annual premiums) or retail (purchases).",
            HelpName = "telecom|insurer|retail",
        };
        var allFigures = new Option<bool>("--all-figures")
        {
            Description = "Print every figure (planted vs measured, KPIs, trends, cost, CLV, retention, attribution, the business case's inputs) instead of the one-screen summary.",
        };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "Output format of the summary: table (the default) or json (json holds every figure).",
            HelpName = "table|json",
        };
        var command = new Command("demo", "Generate a sample contact center (customers, contacts, surveys, purchases, marketing), write its tables as CSV and summarise it.")
        {
            outDir, seed, customers, preset, allFigures, format,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(customers);
            if (n is < 1 or > 10_000_000)
            {
                throw new CliInputException($"--customers must be from 1 to 10,000,000; was {n}.");
            }
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Csv)
            {
                throw new CliInputException("--format csv is not available for demo; its tables are written as CSV to --out.");
            }
            string dir = parse.GetValue(outDir)!;
            var options = SimulationPresets.For(parse.GetValue(preset)) with { Seed = parse.GetValue(seed), Customers = n };
            bool summaryOnly = fmt == OutputFormat.Table && !parse.GetValue(allFigures);
            if (summaryOnly)
            {
                // The one-screen demo holds no table: the world is streamed to the CSV files, then read back by the analysis.
                int contacts, agents;
                using (var world = console.Progress("Simulating the contact center", () => ContactCenterSimulator.Stream(options, dir)))
                {
                    console.Progress("Writing tables", () => WriteTables(world, dir));
                    (contacts, agents) = (world.InteractionCount, world.AgentTruths.Count);
                }
                var summarized = AnalyzeAndReport(dir, options, console, out string summaryReport);
                OutputWriter.Write(Summary(options, parse.GetValue(preset), contacts, agents, summarized, summaryReport), fmt, null, console);
                return CliApp.Success;
            }
            // Every figure: the planted-effect checks read the whole world (customers' truths, the control run), so it is held.
            var center = console.Progress("Simulating the contact center", () => ContactCenterSimulator.Generate(options));
            var files = console.Progress("Writing tables", () => WriteTables(center, dir));
            var analysis = AnalyzeAndReport(dir, options, console, out string reportPath);
            var output = new FigureSheet();
            DemoTruth.Add(output, center, analysis);
            AnalysisFigures.Add(output, analysis);
            var written = output.Add("tables", "Tables written");
            var t = written.SetTable("files",
                new FigureColumn("table", "Table"),
                new FigureColumn("path", "Path"),
                new FigureColumn("rows", "Rows", true));
            foreach (var (name, path, rows) in files)
            {
                t.Row(name, path, rows);
            }
            output.Add("report", "Board report")
                .Fact("path", "Written to", reportPath)
                .Fact("sameNumbers", "Same numbers from the tables", $"contactmetrics report --data {dir} --time-zone {options.TimeZone.Id} --seed {options.Seed}");
            OutputWriter.Write(output, fmt, null, console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// The demo's one screen (issue #13 item 7): the world in one line, the analysis's summary (<see cref="AnalysisSummary"/>) and
    /// where the report is; every other figure behind <c>--all-figures</c>, in <c>--format json</c> and in the report.
    /// </summary>
    private static FigureSheet Summary(SimulationOptions o, SimulationPreset preset, int contacts, int agents, ContactCenterAnalysis analysis, string reportPath)
    {
        var sheet = new FigureSheet();
        sheet.Add("sampleContactCenter", "Sample contact center (synthetic, planted effects: docs/simulation.md)")
            .Fact("preset", "Business", preset.ToString().ToLowerInvariant())
            .Fact("customers", "Customers", o.Customers)
            .Fact("contacts", "Contacts (two years)", contacts)
            .Fact("agents", "Agent ids", agents);

        AnalysisSummary.Add(sheet, analysis);
        sheet.Add("report", "Board report")
            .Fact("path", "Written to", reportPath)
            .Fact("detail", "Every figure", "contactmetrics demo --all-figures (or --format json)");
        return sheet;
    }

    /// <summary>
    /// The analysis of the tables in <paramref name="dir"/>, read back exactly as <c>report --data DIR --time-zone ZONE</c>
    /// reads them (so both give one set of numbers), and its board report written there.
    /// </summary>
    private static ContactCenterAnalysis AnalyzeAndReport(string dir, SimulationOptions options, CliConsole console, out string reportPath)
    {
        var analysis = ReportCommand.Analyze(dir, null, options.TimeZone, null, new AnalysisOptions { Seed = options.Seed }, console);
        string path = reportPath = Path.Combine(dir, "report.html");
        console.Progress("Writing the board report", () => ReportCommand.Write(analysis, path));
        return analysis;
    }

    /// <summary>The simulated tables as CSV and the example rates as rates.json, into <paramref name="dir"/>.</summary>
    internal static IReadOnlyList<(string Table, string Path, int Rows)> WriteTables(SimulatedContactCenter center, string dir) =>
        ContactCenterFolder.WriteRows(dir, center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions, ExampleRates.For(center), ExampleRates.Note);

    /// <summary>The streamed tables as CSV, row by row, and the example rates as rates.json, into <paramref name="dir"/>.</summary>
    internal static IReadOnlyList<(string Table, string Path, int Rows)> WriteTables(StreamedContactCenter world, string dir) =>
        ContactCenterFolder.WriteRows(dir, world.Customers, world.Interactions, world.Purchases, world.Touchpoints, world.Conversions, ExampleRates.For(world), ExampleRates.Note);
}
