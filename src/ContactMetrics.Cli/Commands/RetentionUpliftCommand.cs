using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics retention uplift</c>: retention at a horizon of customers whose first qualifying contact went well
/// vs not (index-date design), the difference with its interval, the adjusted hazard ratio, and optionally the money.
/// </summary>
internal static class RetentionUpliftCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var customers = new Option<string?>("--customers") { Description = "Customers table (customer_id, segment, acquired_on, churned_on); with --engine duckdb also .csv.gz, a glob or a folder.", HelpName = "PATH" };
        var interactions = new Option<string?>("--interactions") { Description = "Interactions table (as --customers).", HelpName = "PATH" };
        var survivalTable = new Option<string?>("--survival-table") { Description = "Instead of --customers and --interactions: an index-date survival table (CSV or Parquet), e.g. from summarize; its groups give the grouping.", HelpName = "FILE" };
        var engine = Engines.Option("memory (read every row, validated) or duckdb (embedded DuckDB, out of core: the survival table in SQL).");
        var by = new Option<string?>("--by") { Description = "Grouping by the first qualifying contact: first-contact-resolution, csat, channel (person vs self-service), proactive (outbound vs control) or ces (CES 5-7 vs 1-4)." };
        var horizon = new Option<string>("--horizon") { Description = "How long after the index contact retention is read, e.g. 365d.", Required = true, HelpName = "P" };
        var asOf = new Option<string?>("--as-of") { Description = "End of observation (yyyy-MM-dd, start of day UTC); default: the day after the last contact.", HelpName = "DATE" };
        var resolution = new Option<string>("--resolution") { Description = "first-contact-resolution from the resolved flag, or repeat (same reason again within --repeat-window).", DefaultValueFactory = _ => "flag" };
        var repeatWindow = new Option<string>("--repeat-window") { Description = "Repeat window for --resolution repeat.", DefaultValueFactory = _ => "7d" };
        var topBox = new Option<int>("--csat-top-box") { Description = "Lowest CSAT (1-5) counted as top-box for --by csat.", DefaultValueFactory = _ => 5 };
        var value = new Option<decimal?>("--value-per-customer") { Description = "Value of one kept customer (an input, e.g. a mean CLV): prints customers kept and money." };
        var currency = new Option<string>("--currency") { Description = "Currency of --value-per-customer.", DefaultValueFactory = _ => "EUR" };
        var affected = new Option<double?>("--customers-affected") { Description = "Customers the uplift applies to; default: the customers in the worse (exposed) group." };
        var level = new Option<double>("--confidence") { Description = "Confidence level of the intervals.", DefaultValueFactory = _ => 0.95 };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Leave out invalid rows (counted on stderr) instead of stopping at the first." };
        var command = new Command("uplift", "Retention uplift between customers whose first contact went well and the rest (index-date Kaplan-Meier and adjusted Cox), optionally in money.")
        {
            customers, interactions, survivalTable, engine, by, horizon, asOf, resolution, repeatWindow, topBox, value, currency, affected, level, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string byText = parse.GetValue(by) ?? (parse.GetValue(survivalTable) is null ? throw new CliInputException("--by: required (first-contact-resolution, csat, channel, proactive or ces).") : "");
            UpliftGrouping? grouping = byText.Length == 0 ? null : CliParsing.ParseName("--by", byText, UpliftFigures.Names, "grouping");
            var h = CliParsing.ParsePositiveDuration("--horizon", parse.GetValue(horizon)!);
            var options = new RetentionUpliftOptions
            {
                Resolution = CliParsing.ParseName("--resolution", parse.GetValue(resolution)!, UpliftFigures.ResolutionNames, "source"),
                RepeatWindow = CliParsing.ParsePositiveDuration("--repeat-window", parse.GetValue(repeatWindow)!),
                CsatTopBoxMinimum = parse.GetValue(topBox) is int tb and >= SurveyResponse.CsatMin and <= SurveyResponse.CsatMax ? tb
                    : throw new CliInputException($"--csat-top-box must be 1-5; was {parse.GetValue(topBox)}."),
                Cox = new CoxOptions { ConfidenceLevel = CliParsing.ParseLevel("--confidence", parse.GetValue(level)) },
            };
            Money? perCustomer = null;
            if (parse.GetValue(value) is decimal amount)
            {
                perCustomer = new Money(amount, CliParsing.ParseCurrency("--currency", parse.GetValue(currency)));
            }
            double? customersAffected = parse.GetValue(affected);
            if (customersAffected is double ca && !(ca >= 0 && double.IsFinite(ca)))
            {
                throw new CliInputException($"--customers-affected must be at least 0; was {ca.ToString(CultureInfo.InvariantCulture)}.");
            }

            IndexDateTable data;
            Instant? end = null;
            if (parse.GetValue(survivalTable) is { } tableFile)
            {
                Option[] made = [customers, interactions, engine, asOf, resolution, repeatWindow, topBox, skipInvalid];
                if (made.FirstOrDefault(o => CliParsing.Given(parse, o)) is { } clash)
                {
                    throw new CliInputException($"{clash.Name} does not go with --survival-table: {tableFile} was made with its own tables, observation end and grouping rules.");
                }
                data = Engines.ReadSummary(() => Sql.SurvivalTableFile.Read(tableFile, options));
                if (grouping is { } asked && asked != data.Grouping)
                {
                    throw new CliInputException($"--by {byText}: {tableFile} groups by {UpliftFigures.Names.First(kv => kv.Value == data.Grouping).Key} ('{data.ReferenceGroup}' vs '{data.ExposedGroup}').");
                }
            }
            else
            {
                (data, end) = Build(parse, console, customers, interactions, engine, asOf, skipInvalid, grouping!.Value, options);
            }

            RetentionUpliftResult? result = null;
            NotEnoughRetentionData? notEnoughData = null;
            if (!console.Progress("Comparing retention", () => RetentionUpliftBuilder.TryCompare(data, h, out result, out notEnoughData, options)))
            {
                throw new CliInputException($"--by {UpliftFigures.Names.First(kv => kv.Value == data.Grouping).Key}: {notEnoughData!.Reason}");
            }
            var output = UpliftFigures.Of(result!, end, perCustomer, customersAffected, parse.GetValue(survivalTable) is not null, "given (--value-per-customer)");
            common.Write(parse, output, console);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The index-date table of the tables (in memory or by DuckDB) and the observation end: --as-of, or the day after the last arrival (UTC).</summary>
    private static (IndexDateTable Data, Instant End) Build(ParseResult parse, CliConsole console, Option<string?> customers, Option<string?> interactions,
        Option<string> engine, Option<string?> asOf, Option<bool> skipInvalid, UpliftGrouping grouping, RetentionUpliftOptions options)
    {
        if (parse.GetValue(customers) is not { } customersPath || parse.GetValue(interactions) is not { } interactionsPath)
        {
            throw new CliInputException("Give --customers and --interactions (the tables), or --survival-table FILE (an index-date survival table).");
        }
        bool skip = parse.GetValue(skipInvalid);
        Instant? given = AsOf(parse.GetValue(asOf));
        Instant EndAfter(Instant? lastArrival) => ObservationEnd(given, lastArrival, interactionsPath);
        if (Engines.IsDuckDb(parse, engine, skip))
        {
            return console.Progress("Building the survival table (DuckDB)", () => Engines.Run(duck =>
            {
                duck.AttachCustomers(customersPath);
                duck.AttachInteractions(interactionsPath);
                var end = EndAfter(given is null ? duck.LastArrival() : null);
                return (duck.SurvivalTable(grouping, end, options), end);
            }));
        }
        var customerRows = TableInput.ReadAll(customersPath, skip, Data.Tables.OpenCustomers, console);
        var interactionRows = TableInput.ReadAll(interactionsPath, skip, Data.Tables.OpenInteractions, console);
        var observationEnd = EndAfter(interactionRows.Count > 0 ? interactionRows.Max(i => i.ArrivedAt) : null);
        return (RetentionUpliftBuilder.BuildTable(customerRows, interactionRows, grouping, observationEnd, options), observationEnd);
    }

    /// <summary>The instant of <c>--as-of</c> (the start of that day, UTC); <see langword="null"/> when not given.</summary>
    internal static Instant? AsOf(string? text) => text is null ? null : CliParsing.ParseDate("--as-of", text).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>The observation end: <c>--as-of</c>, or else the start of the UTC day after the last arrival.</summary>
    internal static Instant ObservationEnd(Instant? asOf, Instant? lastArrival, string interactionsPath) =>
        asOf ?? (lastArrival is { } last ? last.InUtc().Date.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
            : throw new CliInputException($"{interactionsPath}: no interactions, so no customer has an index contact."));
}
