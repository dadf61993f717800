using System.CommandLine;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Kpis;
using ContactMetrics.Reporting;
using ContactMetrics.Sql;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics summarize</c>: the sufficient statistics of a folder of tables, written as files (KPI counts; the
/// RFM summary when purchases and a calibration end are given), by DuckDB out of core or in memory.
/// </summary>
internal static class SummarizeCommand
{
    public static Command Create(CliConsole console)
    {
        var engine = Engines.Option("duckdb (embedded DuckDB, out of core) or memory.", "duckdb");
        var data = new Option<string>("--data")
        {
            Description = "The folder of tables: interactions (required), customers, purchases, each a .csv, .csv.gz or .parquet file or a folder of them (duckdb).",
            HelpName = "LAKE",
            Required = true,
        };
        var outDir = new Option<string>("--out") { Description = "The folder the summaries are written to (created if missing).", HelpName = "DIR", Required = true };
        var by = new Option<string?>("--by") { Description = "KPI counts by any of agent,channel,direction,queue,reason,segment.", HelpName = "DIMS" };
        var bucket = new Option<string?>("--bucket") { Description = "KPI counts per 15m, 30m, 1h, day, week or month (local time of --time-zone).", HelpName = "SIZE" };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of buckets and purchase dates.", HelpName = "TZ", DefaultValueFactory = _ => "UTC" };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Also write the RFM summary of the purchases at this date (yyyy-MM-dd).", HelpName = "DATE" };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "With --calibration-end: last day of a holdout period.", HelpName = "DATE" };
        var period = new Option<string>("--period") { Description = "Unit of recency and age in the RFM summary: day, week or month.", DefaultValueFactory = _ => "week" };
        var format = new Option<OutputFormat>("--format") { Description = "How the list of written files is printed: table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table, HelpName = "table|json|csv" };
        var command = new Command("summarize", "Write the sufficient statistics of a folder of tables (KPI counts, RFM summary) as files, for warehouses and later runs.")
        {
            engine, data, outDir, by, bucket, zone, calibrationEnd, holdoutEnd, period, format,
        };
        command.SetAction(parse =>
        {
            string lake = parse.GetValue(data)!;
            if (!Directory.Exists(lake))
            {
                throw new CliInputException($"--data: no folder '{lake}'; give the folder that holds interactions (and customers, purchases).");
            }
            var dims = KpisCommand.ParseDimensions(parse.GetValue(by));
            var timeBucket = KpisCommand.ParseBucket(parse.GetValue(bucket));
            var timeZone = CliParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
            RfmSummaryOptions? rfm = parse.GetValue(calibrationEnd) is { } endText
                ? ClvInput.RfmOptions(endText, parse.GetValue(holdoutEnd), parse.GetValue(period)!, timeZone)
                : parse.GetValue(holdoutEnd) is null ? null
                : throw new CliInputException("--holdout-end goes with --calibration-end: give the calibration end of the RFM summary too.");
            string interactions = LakeTables.Find(lake, "interactions")
                ?? throw new CliInputException($"--data: {lake} has no interactions (interactions.csv, .csv.gz, .parquet or an interactions/ folder).");
            string? customers = LakeTables.Find(lake, "customers");
            string? purchases = LakeTables.Find(lake, "purchases");
            if (dims.HasFlag(KpiDimensions.Segment) && customers is null)
            {
                throw new CliInputException($"--by segment: {lake} has no customers table (the customers have the segments).");
            }
            if (rfm is not null && purchases is null)
            {
                throw new CliInputException($"--calibration-end: {lake} has no purchases table to summarise.");
            }
            var grouping = new KpiGrouping(dims, timeBucket, timeZone);
            var (groups, summary) = Engines.IsDuckDb(parse, engine)
                ? DuckDb(interactions, customers, purchases, grouping, rfm)
                : Memory(interactions, customers, purchases, grouping, rfm, console);
            string dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            var sheet = new FigureSheet();
            var table = sheet.Add("summaries", "Summaries written").SetTable("files",
                new FigureColumn("summary", "Summary"), new FigureColumn("file", "File"), new FigureColumn("rows", "Rows", true));
            string kpiFile = Path.Combine(dir, "kpi_counts.csv");
            table.Row("kpi counts", kpiFile, KpiCountsFile.Write(kpiFile, groups, dims, timeBucket != Tables.TimeBucket.None));
            if (summary is not null)
            {
                string rfmFile = Path.Combine(dir, "rfm_summary.csv");
                table.Row("rfm summary", rfmFile, Data.Tables.WriteRfmSummary(rfmFile, summary.Rows()));
            }
            OutputWriter.Write(sheet, parse.GetValue(format), null, console);
            return CliApp.Success;
        });
        return command;
    }

    private static (IReadOnlyList<GroupedKpiCounts>, RfmSummary?) DuckDb(string interactions, string? customers, string? purchases, KpiGrouping grouping, RfmSummaryOptions? rfm) =>
        Engines.Run(duck =>
        {
            duck.AttachInteractions(interactions);
            if (customers is not null)
            {
                duck.AttachCustomers(customers);
            }
            var groups = duck.Kpis(grouping);
            if (rfm is null)
            {
                return (groups, (RfmSummary?)null);
            }
            duck.AttachPurchases(purchases!);
            return (groups, duck.RfmSummary(rfm));
        });

    private static (IReadOnlyList<GroupedKpiCounts>, RfmSummary?) Memory(string interactions, string? customers, string? purchases, KpiGrouping grouping,
        RfmSummaryOptions? rfm, CliConsole console)
    {
        var table = TableInput.ReadInteractionTable(interactions, customers, skipInvalid: false, console);
        var groups = KpiRollup.Compute(table, grouping).Select(GroupedKpiCounts.From).ToList();
        return (groups, rfm is null ? null : RfmSummaryBuilder.Build(TableInput.ReadAll(purchases!, false, Data.Tables.OpenPurchases, console), rfm));
    }
}
