using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Valuation;
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
        var asOf = new Option<string?>("--as-of") { Description = "End of observation (yyyy-MM-dd: the start of that day in --time-zone); default: the start of the day after the last contact.", HelpName = "DATE" };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone whose days --as-of and the default observation end follow (as in report), e.g. Europe/Amsterdam.", HelpName = "TZ", DefaultValueFactory = _ => "UTC" };
        var resolution = new Option<string>("--resolution") { Description = "first-contact-resolution from the resolved flag, or repeat (same reason again within --repeat-window).", DefaultValueFactory = _ => "flag" };
        var repeatWindow = new Option<string>("--repeat-window") { Description = "Repeat window for --resolution repeat.", DefaultValueFactory = _ => "7d" };
        var topBox = new Option<int>("--csat-top-box") { Description = "Lowest CSAT (1-5) counted as top-box for --by csat.", DefaultValueFactory = _ => 5 };
        var value = new Option<decimal?>("--value-per-customer") { Description = "Value of one kept customer (an input, e.g. a mean CLV): prints customers kept and money." };
        var currency = new Option<string>("--currency") { Description = "Currency of --value-per-customer.", DefaultValueFactory = _ => "EUR" };
        var affected = new Option<double?>("--customers-affected") { Description = "Customers the uplift applies to; default: the customers in the worse (exposed) group." };
        var level = CommonOptions.Confidence();
        var skipInvalid = CommonOptions.SkipInvalid();
        var command = new Command("uplift", "Retention uplift between customers whose first contact went well and the rest (index-date Kaplan-Meier and adjusted Cox), optionally in money.")
        {
            customers, interactions, survivalTable, engine, by, horizon, asOf, zone, resolution, repeatWindow, topBox, value, currency, affected, level, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string byText = parse.GetValue(by) ?? (parse.GetValue(survivalTable) is null ? throw new CliInputException("--by: required (first-contact-resolution, csat, channel, proactive or ces).") : "");
            UpliftGrouping? grouping = byText.Length == 0 ? null : OptionParsing.ParseName("--by", byText, UpliftFigures.Names, "grouping");
            var h = OptionParsing.ParsePositiveDuration("--horizon", parse.GetValue(horizon)!);
            var options = new RetentionUpliftOptions
            {
                Resolution = OptionParsing.ParseName("--resolution", parse.GetValue(resolution)!, UpliftFigures.ResolutionNames, "source"),
                RepeatWindow = OptionParsing.ParsePositiveDuration("--repeat-window", parse.GetValue(repeatWindow)!),
                CsatTopBoxMinimum = parse.GetValue(topBox) is int tb and >= SurveyResponse.CsatMin and <= SurveyResponse.CsatMax ? tb
                    : throw new CliInputException($"--csat-top-box must be 1-5; was {parse.GetValue(topBox)}."),
                Cox = new CoxOptions { ConfidenceLevel = CommonOptions.Level(parse, level) },
            };
            Money? perCustomer = null;
            if (parse.GetValue(value) is decimal amount)
            {
                perCustomer = new Money(amount, OptionParsing.ParseCurrency("--currency", parse.GetValue(currency)));
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
                CommonOptions.Refuse(parse, name => $"{name} does not go with --survival-table: {tableFile} was made with its own tables, observation end and grouping rules.",
                    customers, interactions, engine, asOf, zone, resolution, repeatWindow, topBox, skipInvalid);
                data = Engines.ReadSummary(() => Sql.SurvivalTableFile.Read(tableFile, options));
                if (grouping is { } asked && asked != data.Grouping)
                {
                    throw new CliInputException($"--by {byText}: {tableFile} groups by {UpliftFigures.Names.First(kv => kv.Value == data.Grouping).Key} ('{data.ReferenceGroup}' vs '{data.ExposedGroup}').");
                }
            }
            else
            {
                var timeZone = OptionParsing.ParseTimeZone("--time-zone", parse.GetValue(zone)!);
                (data, end) = Build(parse, console, customers, interactions, engine, skipInvalid, grouping!.Value, options, AsOf(parse.GetValue(asOf), timeZone), timeZone);
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

    /// <summary>
    /// The index-date table of the tables (in memory or by DuckDB) and the observation end by the observation window's one rule
    /// (<see cref="ContactCenterData.Window"/>, as in report): --as-of, or the start of the local day after the last contact; in
    /// memory the tables are then taken as known at that end (<see cref="ContactCenterData.Within"/>), as the analysis takes them.
    /// </summary>
    private static (IndexDateTable Data, Instant End) Build(ParseResult parse, CliConsole console, Option<string?> customers, Option<string?> interactions,
        Option<string> engine, Option<bool> skipInvalid, UpliftGrouping grouping, RetentionUpliftOptions options, Instant? asOf, DateTimeZone zone)
    {
        if (parse.GetValue(customers) is not { } customersPath || parse.GetValue(interactions) is not { } interactionsPath)
        {
            throw new CliInputException("Give --customers and --interactions (the tables), or --survival-table FILE (an index-date survival table).");
        }
        bool skip = parse.GetValue(skipInvalid);
        string noContacts = $"{interactionsPath}: no interactions, so no customer has an index contact.";
        if (Engines.IsDuckDb(parse, engine, skip))
        {
            return console.Progress("Building the survival table (DuckDB)", () => Engines.Run(duck =>
            {
                duck.AttachCustomers(customersPath);
                duck.AttachInteractions(interactionsPath);
                var (first, last) = duck.EventRange() ?? throw new CliInputException(noContacts);
                var window = ReportCommand.Window(() => ObservationWindow.OfDays(first, last, zone, asOf));
                return (duck.SurvivalTableAsOf(grouping, window, options), window.End);
            }));
        }
        var tables = ContactCenterData.Create(TableInput.ReadAll(customersPath, skip, Data.Tables.OpenCustomers, console),
            TableInput.ReadAll(interactionsPath, skip, Data.Tables.OpenInteractions, console), [], [], []);
        var window = tables.Interactions.Count == 0 ? throw new CliInputException(noContacts) : ReportCommand.Window(() => tables.Window(zone, asOf));
        var known = tables.Within(window);
        return (RetentionUpliftBuilder.BuildTable(known.Customers, known.Interactions, grouping, window.End, options), window.End);
    }

    /// <summary>The instant of <c>--as-of</c> (the start of that day in <paramref name="zone"/>); <see langword="null"/> when not given.</summary>
    internal static Instant? AsOf(string? text, DateTimeZone zone) => text is null ? null : zone.AtStartOfDay(OptionParsing.ParseDate("--as-of", text)).ToInstant();
}
