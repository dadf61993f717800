using System.CommandLine;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;
using ContactMetrics.Sql;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics report --data DIR --out report.html</c>: one self-contained HTML page for a board, built from the
/// tables in DIR (the demo's CSV tables or an export in the same schemas).
/// </summary>
internal static class ReportCommand
{
    /// <summary>The <c>report</c> command, writing its messages to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var data = new Option<string?>("--data") { Description = "Folder with customers.csv, interactions.csv, purchases.csv, touchpoints.csv and conversions.csv (duckdb: each table a .csv, .csv.gz or .parquet file or a folder of them; only interactions required).", HelpName = "DIR" };
        var summaries = new Option<string?>("--summaries") { Description = "Instead of --data: the folder of summaries that summarize --for-report wrote (its report/ folder); the report is built from them alone, in their window and rates.", HelpName = "DIR" };
        var engine = Engines.Option("memory (every row read) or duckdb (embedded DuckDB computes the summaries out of core; the figures that need rows say so).");
        var outFile = new Option<string>("--out") { Description = "The HTML file to write.", HelpName = "FILE", DefaultValueFactory = _ => "report.html" };
        var zone = new Option<string>("--time-zone") { Description = "Time zone whose calendar the KPI months follow, e.g. Europe/Amsterdam.", DefaultValueFactory = _ => "UTC" };
        var bucket = new Option<string>("--bucket") { Description = "KPI trend bucket: month or week.", DefaultValueFactory = _ => "month" };
        var rates = new Option<string?>("--rates") { Description = "Cost rates (JSON, as the cost command reads); default: rates.json in --data when it exists, else the cost sections are left out.", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "Seed of the business case's Monte Carlo; the same seed gives the same ranges.", DefaultValueFactory = _ => 42 };
        var asOf = new Option<string?>("--as-of") { Description = "End of observation (yyyy-MM-dd: the start of that day in --time-zone); records from then on are left out. Default: the day after the last contact or purchase.", HelpName = "DATE" };
        var separator = new Option<string?>("--separator") { Description = "With --summaries: the text between channels in their path summaries, e.g. '>' (default ' > ', and paths that hold '>' or '|' but never ' > ' are refused).", HelpName = "TEXT" };
        var format = new Option<OutputFormat>("--format") { Description = "What to print besides writing the HTML: table (the figures) or json (one document whose analysis member holds every figure of the report); table by default.", HelpName = "table|json" };
        var command = new Command("report", "Write a self-contained HTML board report (the FCR business case with its waterfall and inputs, cost-to-serve and the whale curve, KPI trends, retention by first-contact resolution, attribution with the service assist, customer value) from a folder of tables.")
        {
            data, summaries, engine, outFile, zone, bucket, asOf, rates, seed, separator, format,
        };
        command.SetAction(parse =>
        {
            var timeZone = OptionParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
            var options = new AnalysisOptions
            {
                Seed = parse.GetValue(seed),
                TrendBucket = OptionParsing.ParseName("--bucket", parse.GetValue(bucket)!, KpiFigures.TrendBucketNames, "bucket"),
            };
            Instant? end = RetentionUpliftCommand.AsOf(parse.GetValue(asOf), timeZone);
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Csv)
            {
                throw new CliInputException("--format csv is not available for report; use table or json.");
            }
            string path = parse.GetValue(outFile)!;
            var (dir, summaryDir) = (parse.GetValue(data), parse.GetValue(summaries));
            if (summaryDir is null && dir is null)
            {
                throw new CliInputException("--data: give the folder of tables (or --summaries with the folder summarize --for-report wrote).");
            }
            if (summaryDir is null)
            {
                CommonOptions.Refuse(parse, name => $"{name} goes with --summaries: it is the text between channels of their path summaries.", separator);
            }
            bool byDuckDb = summaryDir is null && Engines.IsDuckDb(parse, engine);
            ContactCenterAnalysis analysis;
            try
            {
                analysis = summaryDir is not null
                    ? FromSummaries(parse, summaryDir, CommonOptions.Given(parse, zone) ? timeZone : null, parse.GetValue(asOf), parse.GetValue(separator), options, data, rates, engine)
                    : byDuckDb
                    ? console.Progress("Computing the summaries (DuckDB)", () => Window(() => Engines.Run(duck => LakeAnalysis.ByDuckDb(duck, dir!, timeZone, end, options, parse.GetValue(rates)))))
                    : Analyze(dir!, parse.GetValue(rates), timeZone, end, options, console);
            }
            catch (CurrencyMismatchException e) when (byDuckDb)
            {
                throw new CliInputException($"{dir}: {e.Message} The analysis sums money in one currency.");
            }
            console.Progress("Writing the report", () => Write(analysis, path));
            var output = new FigureSheet();
            AnalysisFigures.Add(output, analysis);
            output.Add("report", "Board report").Fact("path", "Written to", path);
            OutputWriter.Write(output, fmt, null, console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads the tables of <paramref name="dir"/> (and the rates: <paramref name="ratesPath"/>, else rates.json in the folder when
    /// it exists) into one analysis over the whole local days from the first to the last event in <paramref name="timeZone"/>.
    /// </summary>
    internal static ContactCenterAnalysis Analyze(string dir, string? ratesPath, DateTimeZone timeZone, Instant? end, AnalysisOptions options, CliConsole console)
    {
        ContactCenterFolder folder;
        try
        {
            folder = console.Progress("Reading tables", () => ContactCenterFolder.Read(dir, ratesPath, TableInput.ReadOptions(false, console)));
        }
        catch (CurrencyMismatchException e)
        {
            throw new CliInputException($"{Path.Combine(dir, "purchases.csv")}, {Path.Combine(dir, "conversions.csv")}, {ratesPath ?? Path.Combine(dir, ContactCenterFolder.RatesFileName)}: {e.Message} The analysis sums money in one currency.");
        }
        foreach (var (file, report) in folder.Reports.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            TableInput.Report(file, report, console);
        }
        if (folder.Data.Interactions.Count == 0)
        {
            throw new CliInputException($"{Path.Combine(dir, "interactions.csv")}: no interactions, so there is nothing to analyse.");
        }
        return ContactCenterAnalysis.Create(folder.Data, Window(() => folder.Data.Window(timeZone, end)), options with
        {
            Rates = folder.Rates,
            RatesSource = folder.RatesPath is { } source ? $"{source} (assumed rates)" : options.RatesSource,
        });
    }

    /// <summary>
    /// The analysis of the summaries in <paramref name="dir"/> with what they were computed with: an option they fixed (the tables, the rates,
    /// the engine) is an input error, and so is a <c>--time-zone</c> (<paramref name="zone"/>, null when not given) or <c>--as-of</c> other than theirs (naming both).
    /// </summary>
    private static ContactCenterAnalysis FromSummaries(ParseResult parse, string dir, DateTimeZone? zone, string? asOf, string? separator, AnalysisOptions options,
        params Option[] fixedBySummaries)
    {
        CommonOptions.Refuse(parse, name => $"{name} does not go with --summaries: the summaries were computed for their tables, window, time zone and rates; give {name} to summarize --for-report.",
            fixedBySummaries);
        var folder = Engines.ReadSummary(() => AnalysisSummaryFiles.Read(dir, OptionParsing.ParsePathSeparator("--separator", separator)));
        var theirs = folder.Window;
        if (zone is not null && zone.Id != theirs.TimeZone.Id)
        {
            throw Contradicts(dir, "--time-zone", zone.Id, "in " + theirs.TimeZone.Id);
        }
        if (asOf is not null && RetentionUpliftCommand.AsOf(asOf, theirs.TimeZone) != theirs.End)
        {
            throw Contradicts(dir, "--as-of", asOf, $"as of {theirs.End.InZone(theirs.TimeZone).Date:yyyy-MM-dd}");
        }
        return Engines.ReadSummary(() => folder.Analyze(options));
    }

    private static CliInputException Contradicts(string dir, string option, string value, string theirs) =>
        new($"{option} {value} contradicts the summaries in {dir}, computed {theirs}: leave {option} out (the summaries' is used) or write them again with summarize --for-report {option} {value}.");

    /// <summary>
    /// What <paramref name="window"/> makes with the observation window (<see cref="ContactCenterData.Window"/> or, from an
    /// engine's first and last arrival, <see cref="ObservationWindow.OfDays"/>): one rule for every command; an end not
    /// after the first event (parameter <c>end</c>) is an --as-of error.
    /// </summary>
    internal static T Window<T>(Func<T> window)
    {
        try
        {
            return window();
        }
        catch (ArgumentException e) when (e.ParamName == "end")
        {
            throw new CliInputException($"--as-of: {e.Message}");
        }
    }

    /// <summary>Builds the board report of <paramref name="analysis"/> and writes it to <paramref name="path"/> (UTF-8, folders created).</summary>
    internal static BoardReport Write(ContactCenterAnalysis analysis, string path)
    {
        var report = BoardReportBuilder.Build(analysis);
        HtmlReport.Write(report, path);
        return report;
    }
}
