#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// Cost-to-serve: an activity-based cost model (loaded agent cost, shrinkage, occupancy, concurrency,
// telephony, platform and bot fees) turned into cost per contact, per resolution and per customer,
// customer profitability (the whale curve), and what agent attrition costs a year.
// Run: dotnet run docs/samples/cost-to-serve.cs
using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Tables;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The demo's center (seed 42, 20,000 customers over two years).
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
var eur = Currency.Eur;
Money M(decimal amount) => new(amount, eur);

// The rates are inputs (your finance team's numbers). These are the demo's example rates (the demo writes them to
// rates.json for `contactmetrics cost`): assumptions, not industry benchmarks.
decimal years = center.Options.DurationDays / 365.25m;
var model = new CostModel(eur,
[
    new ChannelRates(Channel.Phone, M(34m), shrinkage: 0.30, occupancy: 0.85, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m), platformPerContact: M(0.08m)),
    new ChannelRates(Channel.Email, M(34m), shrinkage: 0.30, occupancy: 0.90, platformPerContact: M(0.02m)),
    new ChannelRates(Channel.Chat, M(34m), shrinkage: 0.30, occupancy: 0.80, concurrency: 2.0, platformPerContact: M(0.05m)),
    new ChannelRates(Channel.Messaging, M(34m), shrinkage: 0.30, occupancy: 0.80, concurrency: 2.5, platformPerContact: M(0.04m)),
    new ChannelRates(Channel.SelfService, M(0m), shrinkage: 0, occupancy: 1, platformPerContact: M(0.02m)),
],
[
    new OverheadPool("facilities, IT and workforce management", M(decimal.Round(45_000m * years, 2)), OverheadBasis.HandleTime,
        [Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging]),
]);

var costs = CostToServeCalculator.Compute(InteractionTable.Create(center.Interactions, center.Customers), model);
Console.WriteLine($"{costs.Contacts:N0} contacts cost {Eur(costs.Total.Total)}: {Eur(costs.CostPerContact)} per contact, {Eur(costs.CostPerResolution!.Value)} per resolution (a contact and its repeats within 7 days)");
Console.WriteLine($"{"channel",-13} {"contacts",9} {"cost",14} {"per contact",12} {"per resolution",15}");
foreach (var g in costs.ByChannel)
{
    Console.WriteLine($"{g.Key,-13} {g.Contacts,9:N0} {g.Cost.Total.Amount,14:N2} {g.CostPerContact.Amount,12:N2} {g.CostPerResolution?.Amount,15:N2}");
}
// The channels add up to the total, to the cent.
var sum = Money.Sum(costs.ByChannel.Select(g => g.Cost.Total), eur);
Console.WriteLine($"Sum of the channels {sum.Amount} EUR, total {costs.Total.Total.Amount} EUR (to the micro-unit)");

// Customer profitability: value = purchases in the period x 30% margin (a stated assumption), minus cost to serve.
var values = center.Purchases.GroupBy(p => p.CustomerId)
    .ToDictionary(g => g.Key, g => new Money(Math.Round(g.Sum(p => p.Amount.Amount) * 0.30m, 2), eur));
var profit = CustomerProfitability.Compute(costs, values, "purchases in the period x 30% margin");
var whale = profit.WhaleCurve;
Console.WriteLine($"Profit {Eur(profit.TotalProfit)} = value {Eur(profit.TotalValue)} - cost {Eur(profit.TotalCost)}");
Console.WriteLine($"Whale curve: the most profitable {Pct(whale.Peak.CustomerShare)} of customers earn {Eur(whale.Peak.CumulativeProfit)}; "
    + $"the other {whale.ValueDestroyingCustomers:N0} ({Pct(whale.ValueDestroyingShare)}) cost more to serve than they bring, ending at {Eur(whale.TotalProfit)}");

// Agent attrition: recruiting + training + the output lost while a new agent ramps up, per leaver and a year.
var attrition = new AgentAttritionCost(M(2_500m), M(4_000m), rampWeeks: 8, productivityGap: 0.4, loadedCostPerPaidHour: M(32m), paidHoursPerWeek: 38);
var year = attrition.PerYear(annualAttritionRate: 0.35, headcount: 120);
Console.WriteLine($"Attrition: {Eur(attrition.PerLeaver)} per leaver (ramp-up {Eur(attrition.RampUpPerLeaver)}); 35% of 120 agents = {year.Leavers:0} leavers = {Eur(year.Total)} a year");

static string Eur(Money m) => $"{Math.Round(m.Amount, 2):N2} {m.Currency}";
static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
