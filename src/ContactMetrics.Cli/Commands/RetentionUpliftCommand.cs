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
    internal static readonly Dictionary<string, UpliftGrouping> Groupings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first-contact-resolution"] = UpliftGrouping.FirstContactResolution,
        ["csat"] = UpliftGrouping.Csat,
        ["channel"] = UpliftGrouping.Channel,
        ["proactive"] = UpliftGrouping.Proactive,
    };

    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var customers = new Option<string?>("--customers") { Description = "Customers table (customer_id, segment, acquired_on, churned_on); with --engine duckdb also .csv.gz, a glob or a folder.", HelpName = "PATH" };
        var interactions = new Option<string?>("--interactions") { Description = "Interactions table (as --customers).", HelpName = "PATH" };
        var survivalTable = new Option<string?>("--survival-table") { Description = "Instead of --customers and --interactions: an index-date survival table (CSV or Parquet), e.g. from summarize; its groups give the grouping.", HelpName = "FILE" };
        var engine = Engines.Option("memory (read every row, validated) or duckdb (embedded DuckDB, out of core: the survival table in SQL).");
        var by = new Option<string?>("--by") { Description = "Grouping by the first qualifying contact: first-contact-resolution, csat, channel (person vs self-service) or proactive (outbound vs control)." };
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
            string byText = parse.GetValue(by) ?? (parse.GetValue(survivalTable) is null ? throw new CliInputException("--by: required (first-contact-resolution, csat, channel or proactive).") : "");
            UpliftGrouping? grouping = byText.Length == 0 ? null : Groupings.TryGetValue(byText, out var gr) ? gr
                : throw new CliInputException($"--by: unknown grouping '{byText}'; use {string.Join(", ", Groupings.Keys)}.");
            var h = CliParsing.ParsePositiveDuration("--horizon", parse.GetValue(horizon)!);
            var options = new RetentionUpliftOptions
            {
                Resolution = parse.GetValue(resolution)!.ToLowerInvariant() switch
                {
                    "flag" => ResolutionSource.ResolvedFlag,
                    "repeat" => ResolutionSource.RepeatContact,
                    var other => throw new CliInputException($"--resolution: unknown source '{other}'; use flag or repeat."),
                },
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
                    throw new CliInputException($"--by {byText}: {tableFile} groups by {Groupings.First(kv => kv.Value == data.Grouping).Key} ('{data.ReferenceGroup}' vs '{data.ExposedGroup}').");
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
                throw new CliInputException($"--by {Groupings.First(kv => kv.Value == data.Grouping).Key}: {notEnoughData!.Reason}");
            }
            var output = Render(result!, end, perCustomer, customersAffected, fromSummary: parse.GetValue(survivalTable) is not null);
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

    internal static FigureSheet Render(RetentionUpliftResult result, Instant? observationEnd, Money? valuePerCustomer, double? customersAffected, bool fromSummary = false)
    {
        var output = new FigureSheet();
        var c = result.Comparison;
        var data = result.Data;
        var section = output.Add("retentionUplift", "Retention uplift");
        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Index date: each customer's first qualifying contact; retention (Kaplan-Meier) {c.Horizon:0.#} days after it. Difference = {data.ReferenceGroup} - {data.ExposedGroup} (Greenwood, normal approximation). Hazard ratio = {data.ExposedGroup} vs {data.ReferenceGroup}, Cox adjusted for {Adjustment(c)}.");
        section.Fact("grouping", "Grouping", Groupings.First(kv => kv.Value == data.Grouping).Key)
            .Fact("horizonDays", "Horizon (days)", c.Horizon)
            .Fact("observationEnd", "Observation end", observationEnd)
            .Fact("customersIncluded", "Customers included", data.Table.Count)
            // A survival table holds the included customers only: who was left out is not known from it.
            .Fact("customersWithoutQualifyingContact", "Left out: no qualifying contact", fromSummary ? null : data.CustomersWithoutQualifyingContact)
            .Fact("customersChurnedBeforeIndex", "Left out: churned before index", fromSummary ? null : data.CustomersChurnedBeforeIndex)
            .Fact("difference", "Retention difference", new Fraction(c.Difference.Difference))
            .Fact("differenceLower", "Difference lower", new Fraction(c.Difference.Interval.Lower))
            .Fact("differenceUpper", "Difference upper", new Fraction(c.Difference.Interval.Upper))
            .Fact("differenceStandardError", "Difference SE", c.Difference.StandardError)
            .Fact("confidenceLevel", "Confidence level", c.Difference.Interval.Level)
            .Fact("hazardRatio", "Adjusted hazard ratio", c.HazardRatio?.HazardRatio)
            .Fact("hazardRatioLower", "Hazard ratio lower", c.HazardRatio?.HazardRatioInterval.Lower)
            .Fact("hazardRatioUpper", "Hazard ratio upper", c.HazardRatio?.HazardRatioInterval.Upper)
            .Fact("hazardRatioPValue", "Hazard ratio p", PValue.Of(c.HazardRatio?.PValue))
            .Fact("adjustedFor", "Adjusted for", Adjustment(c));
        if (c.Note is not null)
        {
            section.Fact("note", "Note", c.Note);
        }
        var groups = section.SetTable("groups",
            new FigureColumn("group", "Group"),
            new FigureColumn("customers", "Customers", true),
            new FigureColumn("churns", "Churns by horizon", true),
            new FigureColumn("retention", "Retention", true),
            new FigureColumn("standardError", "SE", true, Detail: true),
            new FigureColumn("lower", "Lower", true),
            new FigureColumn("upper", "Upper", true),
            new FigureColumn("followedUpToHorizon", "Followed to horizon"));
        foreach (var g in new[] { c.Reference, c.Exposed })
        {
            groups.Row(g.Group, g.Customers, g.Events, new Fraction(g.Retention), g.StandardError, new Fraction(g.Interval.Lower), new Fraction(g.Interval.Upper), g.FollowedUpToHorizon);
        }
        if (valuePerCustomer is Money perCustomer)
        {
            var v = RetentionUpliftValue.Of(c.Difference, customersAffected ?? c.Exposed.Customers, perCustomer, "given (--value-per-customer)");
            var money = output.Add("value", "Value of the uplift");
            money.Note = "The value per customer is an input; the interval carries only the uplift's uncertainty.";
            money.Fact("customersAffected", "Customers affected", v.CustomersAffected)
                .Fact("customersKept", "Customers kept", v.CustomersKept)
                .Fact("customersKeptLower", "Customers kept lower", v.CustomersKeptInterval.Lower)
                .Fact("customersKeptUpper", "Customers kept upper", v.CustomersKeptInterval.Upper)
                .Fact("valuePerCustomer", "Value per customer", v.ValuePerCustomer)
                .Fact("value", "Value", v.Value)
                .Fact("valueLower", "Value lower", v.Low)
                .Fact("valueUpper", "Value upper", v.High)
                .Fact("formula", "Formula", v.Formula);
        }
        return output;
    }

    private static string Adjustment(RetentionComparison c)
    {
        var parts = new List<string>(c.AdjustedFor);
        if (c.Stratified)
        {
            parts.Add("segment (strata)");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : "nothing";
    }
}
