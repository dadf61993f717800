using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Reporting;

/// <summary>
/// The figures of a <see cref="CostToServeResult"/> as <c>contactmetrics cost</c> prints them: one row per group with the
/// cost by activity, per contact and per resolution, the totals and the overhead pools.
/// </summary>
public static class CostFigures
{
    /// <summary>The breakdown of each name (case-insensitive): channel, segment, reason, customer.</summary>
    public static IReadOnlyDictionary<string, CostDimension> DimensionNames { get; } = new Dictionary<string, CostDimension>(StringComparer.OrdinalIgnoreCase)
    {
        ["channel"] = CostDimension.Channel,
        ["segment"] = CostDimension.Segment,
        ["reason"] = CostDimension.Reason,
        ["customer"] = CostDimension.Customer,
    };

    /// <summary>The cost-to-serve of <paramref name="result"/> broken down by <paramref name="dimension"/>, the totals by activity and the overhead pools.</summary>
    /// <param name="result">The cost-to-serve.</param>
    /// <param name="dimension">The breakdown: channel, segment, reason or customer.</param>
    /// <returns>The sections <c>cost</c> (table <c>groups</c>), <c>total</c> and, with overheads, <c>overheads</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static FigureSheet Of(CostToServeResult result, CostDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(result);
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
