using System.CommandLine;
using ContactMetrics.Kpis;
using ContactMetrics.Reporting;
using NodaTime;
using NodaTime.Text;

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
        var data = new Option<string>("--data") { Description = "Folder with customers.csv, interactions.csv, purchases.csv, touchpoints.csv and conversions.csv.", HelpName = "DIR", Required = true };
        var outFile = new Option<string>("--out") { Description = "The HTML file to write.", HelpName = "FILE", DefaultValueFactory = _ => "report.html" };
        var zone = new Option<string>("--time-zone") { Description = "Time zone whose calendar the KPI months follow, e.g. Europe/Amsterdam.", DefaultValueFactory = _ => "UTC" };
        var bucket = new Option<string>("--bucket") { Description = "KPI trend bucket: month or week.", DefaultValueFactory = _ => "month" };
        var rates = new Option<string?>("--rates") { Description = "Cost rates (JSON, as the cost command reads); default: rates.json in --data when it exists, else the cost sections are left out.", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "Seed of the business case's Monte Carlo; the same seed gives the same ranges.", DefaultValueFactory = _ => 42 };
        var asOf = new Option<string?>("--as-of") { Description = "End of observation (yyyy-MM-dd, start of day UTC); default: the day after the last contact or purchase.", HelpName = "DATE" };
        var command = new Command("report", "Write a self-contained HTML board report (the FCR business case with its waterfall and inputs, cost-to-serve and the whale curve, KPI trends, retention by first-contact resolution, attribution with the service assist, customer value) from a folder of tables.")
        {
            data, outFile, zone, bucket, asOf, rates, seed,
        };
        command.SetAction(parse =>
        {
            var options = new ReportOptions
            {
                TimeZone = CliParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!),
                Seed = parse.GetValue(seed),
                Bucket = parse.GetValue(bucket)!.ToLowerInvariant() switch
                {
                    "month" => TimeBucket.Month,
                    "week" => TimeBucket.Week,
                    var other => throw new CliInputException($"--bucket: use month or week; was '{other}'."),
                },
                ObservationEnd = parse.GetValue(asOf) is { } text
                    ? LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
                        : throw new CliInputException($"--as-of: '{text}' is not a date (yyyy-MM-dd).")
                    : null,
            };
            string path = parse.GetValue(outFile)!;
            var inputs = console.Progress("Reading tables", () => ReportFolder.Read(parse.GetValue(data)!, console, parse.GetValue(rates)));
            Write(inputs, options, path, console);
            console.Out.WriteLine($"Report written to {path}");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Builds the report and writes it to <paramref name="path"/> (UTF-8, folders created).</summary>
    internal static BoardReport Write(ReportInputs inputs, ReportOptions options, string path, CliConsole console)
    {
        var report = console.Progress("Computing the report", () => BoardReportBuilder.Build(inputs, options));
        HtmlReport.Write(report, path);
        return report;
    }
}
