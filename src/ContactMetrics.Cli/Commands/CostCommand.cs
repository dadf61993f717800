using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;
using ContactMetrics.CostToServe;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics cost</c>: cost-to-serve from an interactions table and a rates file — per contact, per
/// resolution (repeat chain) and per channel, segment, reason or customer — with the totals by activity.
/// </summary>
internal static class CostCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var interactions = new Option<string>("--interactions") { Description = "The interactions table (CSV or Parquet).", HelpName = "FILE", Required = true };
        var rates = new Option<string>("--rates") { Description = "The rates file (JSON: currency, channel rates, overheads; see docs/models/cost-to-serve.md).", HelpName = "FILE", Required = true };
        var customers = new Option<string?>("--customers") { Description = "The customers table; needed for --by segment.", HelpName = "FILE" };
        var by = new Option<string>("--by") { Description = "Break down by channel, segment, reason or customer.", DefaultValueFactory = _ => "channel" };
        var fcrWindow = new Option<string>("--fcr-window") { Description = "A contact within this window of an earlier one on the same reason joins its repeat chain (the FCR definition).", DefaultValueFactory = _ => "7d" };
        var fcrAnyReason = new Option<bool>("--fcr-any-reason") { Description = "Chain repeats on any reason (default: same reason only)." };
        var fcrSameChannel = new Option<bool>("--fcr-same-channel") { Description = "Chain repeats on the same channel only (default: any agent channel)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Leave out invalid rows (counted on stderr) instead of stopping at the first." };
        var command = new Command("cost", "Cost-to-serve: cost per contact, per resolution (repeat chain) and per channel, segment, reason or customer, from a rates file.")
        {
            interactions, rates, customers, by, fcrWindow, fcrAnyReason, fcrSameChannel, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string byText = parse.GetValue(by)!;
            var dimension = byText.ToLowerInvariant() switch
            {
                "channel" => CostDimension.Channel,
                "segment" => CostDimension.Segment,
                "reason" => CostDimension.Reason,
                "customer" => CostDimension.Customer,
                _ => throw new CliInputException($"--by: use channel, segment, reason or customer; was '{byText}'."),
            };
            string? customersPath = parse.GetValue(customers);
            if (dimension == CostDimension.Segment && customersPath is null)
            {
                throw new CliInputException("--by segment needs --customers FILE (the customers table has the segments).");
            }
            var window = CliParsing.ParsePositiveDuration("--fcr-window", parse.GetValue(fcrWindow)!);
            var repeat = new RepeatContactOptions(window, !parse.GetValue(fcrAnyReason),
                parse.GetValue(fcrSameChannel) ? RepeatChannelScope.SameChannel : RepeatChannelScope.AnyChannel);
            string ratesPath = parse.GetValue(rates)!;
            var model = CostRatesFile.Read(ratesPath);

            var table = TableInput.ReadInteractionTable(parse.GetValue(interactions)!, customersPath, parse.GetValue(skipInvalid), console);
            CostToServeResult result;
            try
            {
                result = console.Progress("Computing cost-to-serve", () => CostToServeCalculator.Compute(table, model, repeat));
            }
            catch (ArgumentException e) when (e.ParamName == "model")
            {
                throw new CliInputException($"{ratesPath}: {CliApp.WithoutParameter(e)}");
            }
            common.Write(parse, Render(result, dimension), console);
            return CliApp.Success;
        });
        return command;
    }

    internal static FigureSheet Render(CostToServeResult result, CostDimension dimension)
    {
        var output = new FigureSheet();
        var names = new Dictionary<CostDimension, (string Json, string Heading)>
        {
            [CostDimension.Channel] = ("channel", "Channel"),
            [CostDimension.Segment] = ("segment", "Segment"),
            [CostDimension.Reason] = ("reason", "Reason"),
            [CostDimension.Customer] = ("customerId", "Customer"),
        };
        var (json, heading) = names[dimension];
        var section = output.Add("cost", $"Cost-to-serve by {heading.ToLowerInvariant()}");
        if (dimension == CostDimension.Customer)
        {
            var table = section.SetTable("groups",
                new FigureColumn(json, heading),
                new FigureColumn("contacts", "Contacts", true),
                new FigureColumn("chains", "Chains", true),
                new FigureColumn("cost", "Cost", true),
                new FigureColumn("costPerResolution", "Per resolution", true));
            foreach (var c in result.ByCustomer)
            {
                table.Row(c.Key, c.Contacts, c.Chains, c.Cost, c.CostPerResolution);
            }
            section.Note = $"Contacts without a customer id are the {CostToServeResult.UnidentifiedKey} row; the rows add up to the total.";
        }
        else
        {
            var table = section.SetTable("groups",
                new FigureColumn(json, heading),
                new FigureColumn("contacts", "Contacts", true),
                new FigureColumn("handleSeconds", "Handle s", true, true),
                new FigureColumn("agent", "Agent", true, true),
                new FigureColumn("telephony", "Telephony", true, true),
                new FigureColumn("ivr", "IVR", true, true),
                new FigureColumn("platform", "Platform", true, true),
                new FigureColumn("bot", "Bot", true, true),
                new FigureColumn("overhead", "Overhead", true, true),
                new FigureColumn("cost", "Cost", true),
                new FigureColumn("costPerContact", "Per contact", true),
                new FigureColumn("chains", "Chains started", true),
                new FigureColumn("chainCost", "Chain cost", true, true),
                new FigureColumn("costPerResolution", "Per resolution", true));
            foreach (var g in result.Groups(dimension))
            {
                var c = g.Cost;
                table.Row(g.Key, g.Contacts, g.HandleTime, c.Agent, c.Telephony, c.Ivr, c.Platform, c.Bot, c.Overhead, c.Total, g.CostPerContact,
                    g.Chains, g.ChainCost, g.CostPerResolution);
            }
            section.Note = "Per resolution: the cost of every contact of the repeat chains that started in the group (repeats elsewhere included) / those chains. "
                + "The cost by activity is in --format json or csv.";
        }

        var total = result.Total;
        var repeat = result.Repeat;
        output.Add("total", "Total")
            .Fact("currency", "Currency", result.Currency.Code)
            .Fact("contacts", "Contacts", result.Contacts)
            .Fact("chains", "Repeat chains (issues)", result.Chains)
            .Fact("cost", "Cost", total.Total)
            .Fact("costPerContact", "Cost per contact", result.CostPerContact)
            .Fact("costPerResolution", "Cost per resolution", result.CostPerResolution)
            .Fact("agent", "Agent time", total.Agent)
            .Fact("telephony", "Telephony", total.Telephony)
            .Fact("ivr", "IVR", total.Ivr)
            .Fact("platform", "Platform", total.Platform)
            .Fact("bot", "Bot", total.Bot)
            .Fact("overhead", "Overheads", total.Overhead)
            .Fact("repeatDefinition", "Repeat chain", repeat.Describe());
        if (!result.Overheads.IsEmpty)
        {
            var overheads = output.Add("overheads", "Overheads").SetTable("pools",
                new FigureColumn("name", "Overhead"),
                new FigureColumn("allocation", "Spread by"),
                new FigureColumn("channels", "Channels"),
                new FigureColumn("contacts", "Contacts", true),
                new FigureColumn("allocated", "Allocated", true));
            foreach (var o in result.Overheads)
            {
                overheads.Row(o.Pool.Name, o.Pool.Basis == OverheadBasis.HandleTime ? "handle_time" : "contacts",
                    o.Pool.Channels.IsEmpty ? "all" : string.Join(",", o.Pool.Channels.Select(c => c.ToSchemaName())), o.Contacts, o.Allocated);
            }
        }
        return output;
    }
}
