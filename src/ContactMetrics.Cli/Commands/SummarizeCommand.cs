using System.CommandLine;
using ContactMetrics.Attribution;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Reporting;
using ContactMetrics.Retention;
using ContactMetrics.Sql;
using ContactMetrics.Tables;
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
    /// <summary>The summaries of one run.</summary>
    private sealed record Summaries(IReadOnlyList<GroupedKpiCounts> Kpis, IReadOnlyList<Issue> Issues, IReadOnlyList<SegmentInputs> Segments,
        IndexDateTable? Survival, PathSummary? Paths, RfmSummary? Rfm);

    /// <summary>Where the tables of the lake are (null: absent) and what to summarise.</summary>
    private sealed record Lake(string Interactions, string? Customers, string? Purchases, string? Touchpoints, string? Conversions,
        KpiGrouping Grouping, UpliftGrouping Uplift, Instant? AsOf, JourneyOptions Journeys, RfmSummaryOptions? Rfm);

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
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of buckets and purchase dates.", HelpName = "TZ", DefaultValueFactory = _ => "UTC" };
        var upliftBy = new Option<string>("--uplift-by") { Description = "The survival table's grouping: first-contact-resolution, csat, channel or proactive (as retention uplift --by).", DefaultValueFactory = _ => "first-contact-resolution" };
        var asOf = new Option<string?>("--as-of") { Description = "The survival table's observation end (yyyy-MM-dd, start of day UTC); default: the day after the last contact.", HelpName = "DATE" };
        var lookback = new Option<string>("--lookback") { Description = "The path summary's lookback: touches up to this long before a conversion count (service contacts are touches).", DefaultValueFactory = _ => "30d" };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Also write the RFM summary of the purchases at this date (yyyy-MM-dd).", HelpName = "DATE" };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "With --calibration-end: last day of a holdout period.", HelpName = "DATE" };
        var period = new Option<string>("--period") { Description = "Unit of recency and age in the RFM summary: day, week or month.", DefaultValueFactory = _ => "week" };
        var format = new Option<OutputFormat>("--format") { Description = "How the list of written files is printed: table, json or csv.", DefaultValueFactory = _ => OutputFormat.Table, HelpName = "table|json|csv" };
        var command = new Command("summarize", "Write the sufficient statistics of a folder of tables (KPI counts, issues, survival table, path summary, RFM summary) as files, for warehouses and later runs.")
        {
            engine, data, outDir, fileFormat, by, bucket, zone, upliftBy, asOf, lookback, calibrationEnd, holdoutEnd, period, format,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(data)!;
            if (!Directory.Exists(folder))
            {
                throw new CliInputException($"--data: no folder '{folder}'; give the folder that holds interactions (and customers, purchases, touchpoints, conversions).");
            }
            string extension = parse.GetValue(fileFormat)!.ToLowerInvariant() switch
            {
                "csv" => ".csv",
                "parquet" => ".parquet",
                var other => throw new CliInputException($"--summary-format: use csv or parquet; was '{other}'."),
            };
            var dims = KpisCommand.ParseDimensions(parse.GetValue(by));
            var timeZone = CliParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
            RfmSummaryOptions? rfm = parse.GetValue(calibrationEnd) is { } endText
                ? ClvInput.RfmOptions(endText, parse.GetValue(holdoutEnd), parse.GetValue(period)!, timeZone)
                : parse.GetValue(holdoutEnd) is null ? null
                : throw new CliInputException("--holdout-end goes with --calibration-end: give the calibration end of the RFM summary too.");
            var uplift = CliParsing.ParseName("--uplift-by", parse.GetValue(upliftBy)!, UpliftFigures.Names, "grouping");
            Instant? end = RetentionUpliftCommand.AsOf(parse.GetValue(asOf));
            var journeys = new JourneyOptions { Lookback = CliParsing.ParsePositiveDuration("--lookback", parse.GetValue(lookback)!) };
            var lake = new Lake(
                LakeTables.Find(folder, "interactions") ?? throw new CliInputException($"--data: {folder} has no interactions (interactions.csv, .csv.gz, .parquet or an interactions/ folder)."),
                LakeTables.Find(folder, "customers"), LakeTables.Find(folder, "purchases"), LakeTables.Find(folder, "touchpoints"), LakeTables.Find(folder, "conversions"),
                new KpiGrouping(dims, KpisCommand.ParseBucket(parse.GetValue(bucket)), timeZone), uplift, end, journeys, rfm);
            if (dims.HasFlag(KpiDimensions.Segment) && lake.Customers is null)
            {
                throw new CliInputException($"--by segment: {folder} has no customers table (the customers have the segments).");
            }
            if (rfm is not null && lake.Purchases is null)
            {
                throw new CliInputException($"--calibration-end: {folder} has no purchases table to summarise.");
            }
            var summaries = Engines.IsDuckDb(parse, engine) ? DuckDb(lake) : Memory(lake, console);
            string dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            var sheet = new FigureSheet();
            var table = sheet.Add("summaries", "Summaries written").SetTable("files",
                new FigureColumn("summary", "Summary"), new FigureColumn("file", "File"), new FigureColumn("rows", "Rows", true));
            void Written(string summary, string name, Func<string, int> write)
            {
                string file = Path.Combine(dir, name + extension);
                table.Row(summary, file, write(file));
            }
            Written("kpi counts", "kpi_counts", f => KpiCountsFile.Write(f, summaries.Kpis, dims, lake.Grouping.Bucket != TimeBucket.None));
            Written("issues", "issues", f => IssuesFile.Write(f, summaries.Issues));
            Written("segment inputs", "segment_inputs", f => SegmentInputsFile.Write(f, summaries.Segments));
            if (summaries.Survival is { } survival)
            {
                Written("survival table", "survival_table", f => SurvivalTableFile.Write(f, survival));
            }
            if (summaries.Paths is { } paths)
            {
                Written("path summary", "paths", f => PathSummaryFile.Write(f, paths));
            }
            if (summaries.Rfm is { } summary)
            {
                Written("rfm summary", "rfm_summary", f => (int)Data.Tables.WriteRfmSummary(f, summary.Rows()));
            }
            OutputWriter.Write(sheet, parse.GetValue(format), null, console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The observation end: --as-of, or the start of the UTC day after the last arrival.</summary>
    private static Instant EndAfter(Lake lake, Instant? lastArrival) => RetentionUpliftCommand.ObservationEnd(lake.AsOf, lastArrival, lake.Interactions);

    private static Summaries DuckDb(Lake lake) =>
        Engines.Run(duck =>
        {
            duck.AttachInteractions(lake.Interactions);
            if (lake.Customers is not null)
            {
                duck.AttachCustomers(lake.Customers);
            }
            var groups = duck.Kpis(lake.Grouping);
            var issues = duck.Issues();
            var end = EndAfter(lake, lake.AsOf is null ? duck.LastArrival() : null);
            var segments = duck.SegmentInputs(new RepeatContactOptions(), end - Duration.FromDays(365), end);
            var survival = lake.Customers is null ? null : duck.SurvivalTable(lake.Uplift, end);
            PathSummary? paths = null;
            if (lake.Touchpoints is not null && lake.Conversions is not null)
            {
                duck.AttachTouchpoints(lake.Touchpoints);
                duck.AttachConversions(lake.Conversions);
                paths = duck.Paths(lake.Journeys, serviceContacts: true);
            }
            if (lake.Rfm is null)
            {
                return new Summaries(groups, issues, segments, survival, paths, null);
            }
            duck.AttachPurchases(lake.Purchases!);
            return new Summaries(groups, issues, segments, survival, paths, duck.RfmSummary(lake.Rfm));
        });

    private static Summaries Memory(Lake lake, CliConsole console)
    {
        var customers = lake.Customers is null ? null : TableInput.ReadAll(lake.Customers, false, Data.Tables.OpenCustomers, console);
        var interactions = TableInput.ReadAll(lake.Interactions, false, Data.Tables.OpenInteractions, console);
        var table = InteractionTable.Create(interactions, customers ?? []);
        var groups = KpiRollup.Compute(table, lake.Grouping).Select(GroupedKpiCounts.From).ToList();
        var end = EndAfter(lake, interactions.Count > 0 ? interactions.Max(i => i.ArrivedAt) : null);
        var survival = customers is null ? null : RetentionUpliftBuilder.BuildTable(customers, interactions, lake.Uplift, end);
        PathSummary? paths = null;
        if (lake.Touchpoints is not null && lake.Conversions is not null)
        {
            var touchpoints = TableInput.ReadAll(lake.Touchpoints, false, Data.Tables.OpenTouchpoints, console);
            var conversions = TableInput.ReadAll(lake.Conversions, false, Data.Tables.OpenConversions, console);
            paths = JourneyBuilder.Summarize(JourneyBuilder.Build(touchpoints, conversions, interactions, lake.Journeys));
        }
        var rfm = lake.Rfm is null ? null : RfmSummaryBuilder.Build(TableInput.ReadAll(lake.Purchases!, false, Data.Tables.OpenPurchases, console), lake.Rfm);
        var segments = SegmentInputs.Of(table, new RepeatContactOptions(), end - Duration.FromDays(365), end);
        return new Summaries(groups, Issue.Of(table), segments, survival, paths, rfm);
    }
}
