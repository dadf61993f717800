using System.CommandLine;
using ContactMetrics.Attribution;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Kpis;
using ContactMetrics.Reporting;
using ContactMetrics.Sql;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics summarize</c>: the sufficient statistics of a folder of tables, written as files (KPI counts; the issues; the
/// business case's counts per segment over the 365 days before the observation end; the
/// index-date survival table when there are customers; the path summary when there are touchpoints and conversions;
/// the RFM summary when purchases and a calibration end are given), by DuckDB out of core or in memory.
/// </summary>
internal static class SummarizeCommand
{
    private static readonly Dictionary<string, string> SummaryFormats = new(StringComparer.OrdinalIgnoreCase) { ["csv"] = ".csv", ["parquet"] = ".parquet" };

    public static Command Create(CliConsole console)
    {
        var engine = Engines.Option("duckdb (embedded DuckDB, out of core) or memory.", "duckdb");
        var data = new Option<string>("--data")
        {
            Description = "The folder of tables: interactions (required), customers, purchases, touchpoints, conversions, each a .csv, .csv.gz or .parquet file or a folder of them (duckdb).",
            HelpName = "LAKE",
            Required = true,
        };
        var outDir = new Option<string>("--out") { Description = "The folder the summaries are written to (created if missing).", HelpName = "DIR", Required = true };
        var fileFormat = new Option<string>("--summary-format") { Description = "The summaries' file format: csv or parquet.", DefaultValueFactory = _ => "csv", HelpName = "csv|parquet" };
        var by = new Option<string?>("--by") { Description = "KPI counts by any of agent,channel,direction,queue,reason,segment.", HelpName = "DIMS" };
        var bucket = new Option<string?>("--bucket") { Description = "KPI counts per 15m, 30m, 1h, day, week or month (local time of --time-zone).", HelpName = "SIZE" };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of buckets, purchase dates and the survival table's observation end.", HelpName = "TZ", DefaultValueFactory = _ => "UTC" };
        var upliftBy = new Option<string>("--uplift-by") { Description = "The survival table's grouping: first-contact-resolution, csat, channel, proactive or ces (as retention uplift --by).", DefaultValueFactory = _ => "first-contact-resolution" };
        var asOf = new Option<string?>("--as-of") { Description = "The survival table's observation end (yyyy-MM-dd, start of that day in --time-zone); default: the start of the day after the last contact there.", HelpName = "DATE" };
        var lookback = new Option<string>("--lookback") { Description = "The path summary's lookback: touches up to this long before a conversion count (service contacts are touches).", DefaultValueFactory = _ => "30d" };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Also write the RFM summary of the purchases at this date (yyyy-MM-dd).", HelpName = "DATE" };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "With --calibration-end: last day of a holdout period.", HelpName = "DATE" };
        var period = new Option<string>("--period") { Description = "Unit of recency and age in the RFM summary: day, week or month.", DefaultValueFactory = _ => "week" };
        var forReport = new Option<bool>("--for-report") { Description = "Also write, into DIR/report/, every summary report --summaries builds the board report from (the analysis window: the first to the last event, or --as-of; duckdb only)." };
        var rates = new Option<string?>("--rates") { Description = "With --for-report: the cost rates (JSON) cost-to-serve is priced with; default: rates.json in --data when it exists. Copied to DIR/report/.", HelpName = "FILE" };
        var format = new Option<OutputFormat>("--format") { Description = "How the list of written files is printed: table (the default), json or csv.", HelpName = "table|json|csv" };
        var command = new Command("summarize", "Write the sufficient statistics of a folder of tables (KPI counts, issues, segment inputs, survival table, path summary, RFM summary) as files, for warehouses and later runs.")
        {
            engine, data, outDir, fileFormat, by, bucket, zone, upliftBy, asOf, lookback, calibrationEnd, holdoutEnd, period, forReport, rates, format,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(data)!;
            if (!Directory.Exists(folder))
            {
                throw new CliInputException($"--data: no folder '{folder}'; give the folder that holds interactions (and customers, purchases, touchpoints, conversions).");
            }
            string extension = OptionParsing.ParseName("--summary-format", parse.GetValue(fileFormat)!, SummaryFormats, "format");
            var dims = KpiFigures.ParseDimensions(parse.GetValue(by));
            var timeZone = OptionParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
            if (parse.GetValue(holdoutEnd) is not null && parse.GetValue(calibrationEnd) is null)
            {
                throw new CliInputException("--holdout-end goes with --calibration-end: give the calibration end of the RFM summary too.");
            }
            RfmSummaryOptions? rfm = parse.GetValue(calibrationEnd) is { } endText ? ClvFigures.ParseRfmOptions(endText, parse.GetValue(holdoutEnd), parse.GetValue(period)!, timeZone) : null;
            var uplift = OptionParsing.ParseName("--uplift-by", parse.GetValue(upliftBy)!, UpliftFigures.Names, "grouping");
            Instant? end = RetentionUpliftCommand.AsOf(parse.GetValue(asOf), timeZone);
            var journeys = new JourneyOptions { Lookback = OptionParsing.ParsePositiveDuration("--lookback", parse.GetValue(lookback)!) };
            var lake = new LakeSummaryRequest(
                LakeTables.Find(folder, "interactions") ?? throw new CliInputException($"--data: {folder} has no interactions (interactions.csv, .csv.gz, .parquet or an interactions/ folder)."),
                LakeTables.Find(folder, "customers"), LakeTables.Find(folder, "purchases"), LakeTables.Find(folder, "touchpoints"), LakeTables.Find(folder, "conversions"),
                new KpiGrouping(dims, KpiFigures.ParseBucket(parse.GetValue(bucket)), timeZone), uplift, end, journeys, rfm);
            if (dims.HasFlag(KpiDimensions.Segment) && lake.Customers is null)
            {
                throw new CliInputException($"--by segment: {folder} has no customers table (the customers have the segments).");
            }
            if (rfm is not null && lake.Purchases is null)
            {
                throw new CliInputException($"--calibration-end: {folder} has no purchases table to summarise.");
            }
            bool duckDb = Engines.IsDuckDb(parse, engine);
            if (parse.GetValue(forReport) && !duckDb)
            {
                throw new CliInputException("--for-report: the report's summaries are computed by DuckDB; use --engine duckdb (the default).");
            }
            if (!parse.GetValue(forReport) && parse.GetValue(rates) is not null)
            {
                throw new CliInputException("--rates goes with --for-report: the rates price the report's cost-to-serve.");
            }
            string outPath = parse.GetValue(outDir)!;
            // --for-report: one DuckDB session, one window (the analysis's decides the survival table's and the segment inputs' "as of" too).
            var written = parse.GetValue(forReport)
                ? console.Progress("Computing the summaries (DuckDB)", () => ReportCommand.Window(() => Engines.Run(duck => AnalysisSummaryFiles.WriteFromLake(duck, folder, lake,
                    new Valuation.AnalysisOptions { JourneyLookback = journeys.Lookback }, parse.GetValue(rates), outPath, extension))))
                : (duckDb ? Engines.Run(duck => LakeSummaries.ByDuckDb(duck, lake)) : Memory(lake, console)).Write(outPath, extension, lake.Grouping);
            var sheet = new FigureSheet();
            var table = sheet.Add("summaries", "Summaries written").SetTable("files",
                new FigureColumn("summary", "Summary"), new FigureColumn("file", "File"), new FigureColumn("rows", "Rows", true));
            foreach (var (summary, file, rows) in written)
            {
                table.Row(summary, file, rows);
            }
            OutputWriter.Write(sheet, parse.GetValue(format), null, console);
            return CliApp.Success;
        });
        return command;
    }

    private static LakeSummaries Memory(LakeSummaryRequest lake, CliConsole console)
    {
        List<T>? Read<T>(string? path, Func<string, TableReadOptions, TableReader<T>> open) => path is null ? null : TableInput.ReadAll(path, false, open, console);
        var customers = Read(lake.Customers, Data.Tables.OpenCustomers);
        var interactions = Read(lake.Interactions, Data.Tables.OpenInteractions)!;
        bool paths = lake.Touchpoints is not null && lake.Conversions is not null;
        var touchpoints = paths ? Read(lake.Touchpoints, Data.Tables.OpenTouchpoints) : null;
        var conversions = paths ? Read(lake.Conversions, Data.Tables.OpenConversions) : null;
        var purchases = lake.Rfm is null ? null : Read(lake.Purchases, Data.Tables.OpenPurchases);
        return Engines.ReadSummary(() => LakeSummaries.InMemory(lake, interactions, customers, touchpoints, conversions, purchases));
    }
}
