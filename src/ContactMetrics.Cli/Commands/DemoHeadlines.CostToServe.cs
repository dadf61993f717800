using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Staffing;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

internal static partial class DemoHeadlines
{
    /// <summary>Paid hours of one full-time agent per week in the demo (an assumption).</summary>
    private const double DemoPaidHoursPerWeek = 38;

    /// <summary>The share of purchase revenue that is margin in the demo's profitability line (an assumption).</summary>
    private const decimal DemoGrossMargin = 0.30m;

    private static readonly (string Name, double ServiceLevel)[] ServiceLevelTargets = [("70/20", 0.70), ("80/20", 0.80), ("90/20", 0.90)];

    /// <summary>
    /// Example rates for the simulated center. They are assumptions for the demo, not benchmarks: the demo says so
    /// and writes them to rates.json, where a user replaces them with their own.
    /// </summary>
    internal static CostModel ExampleCostModel(SimulatedContactCenter center)
    {
        var currency = center.Options.Currency;
        Money M(decimal amount) => new(amount, currency);
        decimal years = center.Options.DurationDays / 365.25m;
        return new CostModel(currency,
        [
            new ChannelRates(Channel.Phone, M(34m), 0.30, 0.85, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m), platformPerContact: M(0.08m)),
            new ChannelRates(Channel.Email, M(34m), 0.30, 0.90, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chat, M(34m), 0.30, 0.80, concurrency: 2.0, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.Messaging, M(34m), 0.30, 0.80, concurrency: 2.5, platformPerContact: M(0.04m)),
            new ChannelRates(Channel.Social, M(34m), 0.30, 0.80, concurrency: 1.5, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.SelfService, M(0m), 0, 1, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chatbot, M(0m), 0, 1, botPerContact: M(0.30m)),
            new ChannelRates(Channel.Ivr, M(0m), 0, 1, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m)),
        ],
        [
            new OverheadPool("facilities, IT and workforce management", M(decimal.Round(45_000m * years, 2)), OverheadBasis.HandleTime,
                [.. ChannelNames.All.Where(c => c.IsAgentHandled())]),
        ]);
    }

    internal const string ExampleRatesNote =
        "Example rates of the ContactMetrics demo: assumptions, not industry benchmarks. Replace every number with your own " +
        "(loaded cost per paid hour, shrinkage, occupancy, concurrency, per-minute and per-contact fees, overheads for the period of your data).";

    /// <summary>
    /// The cost headlines: cost-to-serve by channel (per contact and per resolution) under the example rates, what the
    /// customers are worth against what serving them costs (the whale curve), and the cost of the phone service level
    /// (Erlang C staffing of the simulated phone demand for 70/20, 80/20 and 90/20).
    /// </summary>
    static partial void CostToServe(CommandOutput output, SimulatedContactCenter center)
    {
        var model = ExampleCostModel(center);
        var table = InteractionTable.Create(center.Interactions, center.Customers);
        var result = CostToServeCalculator.Compute(table, model);
        var phone = model.RatesOf(Channel.Phone)!;

        var section = output.Add("costToServe", "Cost-to-serve by channel (example rates)");
        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Assumed rates (written to rates.json): agents {phone.LoadedCostPerPaidHour} per paid hour, shrinkage {phone.Shrinkage:0%}, occupancy 85% phone / 90% email / 80% chat and messaging, concurrency 2 chat / 2.5 messaging; ")
            + string.Create(CultureInfo.InvariantCulture,
            $"telephony {phone.TelephonyPerMinute}/min, IVR {phone.IvrPerMinute}/min, platform fees per contact; overheads {model.Overheads[0].Amount} for the period, by handle time. ")
            + "Per resolution = the cost of the repeat chains (same customer and reason within 7 days, the FCR definition) started on the channel / those chains.";
        var rows = section.SetTable("channels",
            new OutputColumn("channel", "Channel"),
            new OutputColumn("contacts", "Contacts", true),
            new OutputColumn("cost", "Cost", true),
            new OutputColumn("costPerContact", "Per contact", true),
            new OutputColumn("chains", "Issues started", true),
            new OutputColumn("costPerResolution", "Per resolution", true));
        foreach (var g in result.ByChannel)
        {
            rows.Row(g.Key, g.Contacts, g.Cost.Total, g.CostPerContact, g.Chains, g.CostPerResolution);
        }
        section.Fact("totalCost", "Total cost", result.Total.Total)
            .Fact("costPerContact", "Cost per contact", result.CostPerContact)
            .Fact("costPerResolution", "Cost per resolution", result.CostPerResolution);

        AddProfitability(output, center, result);
        AddServiceLevelCost(output, center, phone);
    }

    private static void AddProfitability(CommandOutput output, SimulatedContactCenter center, CostToServeResult costs)
    {
        var currency = costs.Currency;
        var revenue = center.Customers.ToDictionary(c => c.Id, _ => 0m);
        foreach (var p in center.Purchases)
        {
            revenue[p.CustomerId] = revenue.GetValueOrDefault(p.CustomerId) + p.Amount.Amount;
        }
        var values = revenue.ToDictionary(kv => kv.Key, kv => new Money(decimal.Round(kv.Value * DemoGrossMargin, 2), currency));
        var profitability = CustomerProfitability.Compute(costs, values, string.Create(CultureInfo.InvariantCulture, $"purchases x {DemoGrossMargin:0%} margin (assumed)"));
        var curve = profitability.WhaleCurve;
        var section = output.Add("customerProfitability", "Customer profitability (whale curve)");
        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Value = purchases over the period x {DemoGrossMargin:0%} gross margin (an assumption); profit = value - cost-to-serve. Customers ranked by profit; the peak is the profit of the profitable customers alone.")
            + (profitability.TotalProfit.Amount > 0 ? "" : " Here the service cost exceeds the assumed margin in total, so the peak has no share of the total profit.");
        section.Fact("customers", "Customers", profitability.Customers.Length)
            .Fact("totalProfit", "Total profit after service cost", profitability.TotalProfit)
            .Fact("peakProfit", "Peak of the whale curve", curve.Peak.CumulativeProfit)
            .Fact("peakShareOfTotalProfit", "Peak as a share of total profit", curve.Peak.ShareOfTotalProfit is double s ? new Rate(s) : null)
            .Fact("peakCustomerShare", "Customers up to the peak", new Rate(curve.Peak.CustomerShare))
            .Fact("valueDestroyingShare", "Customers who destroy value", new Rate(curve.ValueDestroyingShare));
    }

    /// <summary>
    /// Phone demand by hour of the week (mean arrivals over the simulated weeks, local time of the center), the mean
    /// handle time of answered calls, Erlang C per hour for each target, scheduled after the phone shrinkage, priced at
    /// the loaded cost per paid hour and scaled to a year.
    /// </summary>
    private static void AddServiceLevelCost(CommandOutput output, SimulatedContactCenter center, ChannelRates phone)
    {
        var zone = center.Options.TimeZone;
        var arrivals = new double[7 * 24];
        double handleSeconds = 0;
        int answered = 0;
        foreach (var i in center.Interactions)
        {
            if (i.Channel != Channel.Phone || i.Direction != Direction.Inbound)
            {
                continue;
            }
            var local = i.ArrivedAt.InZone(zone).LocalDateTime;
            arrivals[((int)local.DayOfWeek - 1) * 24 + local.Hour]++;
            if (i.IsAnswered)
            {
                handleSeconds += (i.Talk + i.Hold + i.AfterCallWork).TotalSeconds;
                answered++;
            }
        }
        var section = output.Add("serviceLevelCost", "Cost of the phone service level (Erlang C)");
        if (answered == 0)
        {
            section.Note = "No answered phone calls in the simulated center to size the service level on.";
            return;
        }
        double weeks = center.Options.DurationDays / 7.0;
        var aht = Duration.FromSeconds(Math.Round(handleSeconds / answered));
        var loads = arrivals.Select(a => new QueueLoad(a / weeks, Duration.FromHours(1), aht)).ToArray();
        var paidWeek = Duration.FromHours(DemoPaidHoursPerWeek);
        double traffic = loads.Sum(l => l.TrafficErlangs);
        const decimal WeeksPerYear = 365.25m / 7m;
        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Simulated phone demand by hour of the week ({center.Options.TimeZone.Id}, mean over {weeks:0.#} weeks), AHT {aht.TotalSeconds:0} s, Erlang C each hour, shrinkage {phone.Shrinkage:0%}, {phone.LoadedCostPerPaidHour} per paid hour, {DemoPaidHoursPerWeek:0} paid hours per FTE-week (assumptions). Each hour is staffed on its own. ")
            + "Occupancy = handled hours / hours on the phones: where it falls below the occupancy the cost model assumed, a handled minute costs more than cost-to-serve says.";
        var table = section.SetTable("targets",
            new OutputColumn("target", "Target"),
            new OutputColumn("peakAgents", "Peak agents", true),
            new OutputColumn("scheduledHoursPerWeek", "Paid hours/week", true),
            new OutputColumn("fte", "FTE", true),
            new OutputColumn("occupancy", "Occupancy", true),
            new OutputColumn("costPerYear", "Cost per year", true),
            new OutputColumn("extraCostPerYear", "vs 80/20", true));
        var plans = ServiceLevelTargets
            .Select(t => (t.Name, Plan: new Staffing.StaffingPlanner(new StaffingTarget(t.ServiceLevel, Duration.FromSeconds(20)), phone.Shrinkage).Plan(loads)))
            .ToArray();
        var reference = plans.Single(p => p.Name == "80/20").Plan.Cost(phone.LoadedCostPerPaidHour) * WeeksPerYear;
        foreach (var (name, plan) in plans)
        {
            var yearly = Round(plan.Cost(phone.LoadedCostPerPaidHour) * WeeksPerYear);
            table.Row(name, plan.Requirements.Max(r => r.Agents), plan.TotalScheduledAgentHours, Math.Round(plan.Fte(paidWeek), 1),
                new Rate(traffic / plan.TotalAgentHours), yearly, Round(yearly - reference));
        }
    }

    private static Money Round(Money m) => new(decimal.Round(m.Amount, 2), m.Currency);
}
