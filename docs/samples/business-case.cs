#:project ../../src/ContactMetrics/ContactMetrics.csproj

// The business case: a KPI change valued through explicit mechanisms (repeat contacts avoided, churn
// avoided, FTE saved, assisted conversions), every input measured from data or stated as an
// assumption with its range, a seeded Monte Carlo (P10/P50/P90) and a tornado of the inputs.
// Run: dotnet run docs/samples/business-case.cs
using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Staffing;
using ContactMetrics.Valuation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The demo's center (seed 42, 20,000 customers over two years).
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
var eur = Currency.Eur;
Money M(decimal amount) => new(amount, eur);

// Measured from the tables: contacts and FCR of the last year, repeats an unresolved contact brings, the retention
// difference resolved vs not, the mean CLV, the phone demand profile, the conversions service assisted.
var measured = BusinessCaseMeasurement.Measure(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions,
    new MeasurementOptions(center.End, center.Options.TimeZone));

// The cost of an agent contact from cost-to-serve at stated rates (as in cost-to-serve.cs); the rates are uncertain, so +-20%.
var rates = new CostModel(eur,
[
    new ChannelRates(Channel.Phone, M(32m), shrinkage: 0.30, occupancy: 0.85, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.02m), platformPerContact: M(0.15m)),
    new ChannelRates(Channel.Email, M(30m), shrinkage: 0.30, occupancy: 0.90, platformPerContact: M(0.05m)),
    new ChannelRates(Channel.Chat, M(30m), shrinkage: 0.30, occupancy: 0.85, concurrency: 2.5, platformPerContact: M(0.10m)),
    new ChannelRates(Channel.Messaging, M(30m), shrinkage: 0.30, occupancy: 0.85, concurrency: 3, platformPerContact: M(0.10m)),
    new ChannelRates(Channel.SelfService, M(0m), shrinkage: 0, occupancy: 1, botPerContact: M(0.25m)),
]);
var costs = CostToServeCalculator.Compute(InteractionTable.Create(center.Interactions, center.Customers), rates);
var agent = costs.ByChannel.Where(g => g.Key != Channel.SelfService.ToSchemaName()).ToList();
decimal perContact = Math.Round(agent.Sum(g => g.Cost.Total.Amount) / agent.Sum(g => g.Contacts), 2);
var costPerContact = UncertainInput.AssumedMoney("cost per agent contact", "per contact", M(perContact), M(Math.Round(perContact * 0.8m, 2)), M(Math.Round(perContact * 1.2m, 2)),
    "cost-to-serve of the agent channels at the stated rates, +-20% for the rates");

// The scenario's assumptions: what the programme is expected to achieve, with a range.
var fcrGain = UncertainInput.AssumedShare("FCR gain", 0.05, 0.03, 0.07, "programme target +5 points (3 to 7)");
var fcrCase = measured.FcrImprovement(fcrGain, costPerContact);
var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.80, Duration.FromSeconds(20)), shrinkage: 0.30);
var aht = measured.AhtReduction(planner, UncertainInput.Assumed("AHT reduction", "seconds", 20, 10, 30, "coaching and knowledge base, 10 to 30 s", minimum: 0),
    UncertainInput.AssumedMoney("loaded cost per FTE", "a year", M(50_000m), M(45_000m), M(60_000m), "HR: salary, benefits, overhead"));
var assists = measured.AssistedConversionValue(UncertainInput.AssumedShare("incremental share of assisted conversions", 0.25, 0.05, 0.50, "no experiment yet: wide"));
var businessCase = new BusinessCase("FCR +5 points, AHT -20 s, service assists", eur, [.. fcrCase.Lines, aht, assists]);

var analysis = businessCase.Analyze(iterations: 20_000, seed: 42);
Console.WriteLine($"{businessCase.Scenario}: {Eur(analysis.Total.Point)} a year (P10 {Eur(analysis.Total.P10)} - P90 {Eur(analysis.Total.P90)})");
foreach (var line in analysis.Lines)
{
    Console.WriteLine($"  {line.Item.Name}: {Eur(line.Value.Point)} (P10 {Eur(line.Value.P10)}, P50 {Eur(line.Value.P50)}, P90 {Eur(line.Value.P90)})");
    Console.WriteLine($"    {line.Item.FormulaWithValues}");
}
Console.WriteLine("Inputs:");
foreach (var input in businessCase.Inputs)
{
    Console.WriteLine($"  {input.Name} = {input.Point:G6} {input.Unit} [{input.Low:G6}, {input.High:G6}] -- {input.Source}");
}
Console.WriteLine("Tornado (swing of the total when the input moves across its range):");
foreach (var t in analysis.Tornado.Take(5))
{
    Console.WriteLine($"  {t.Input.Name}: {Eur(t.TotalAtLow)} .. {Eur(t.TotalAtHigh)} (swing {Eur(t.Swing)})");
}
Console.WriteLine(analysis.ConvergenceNote);

// The headline for the board: the FCR scenario alone.
var fcr = fcrCase.Analyze(iterations: 20_000, seed: 42);
Console.WriteLine($"Headline: +5 points FCR: {Eur(fcr.Total.Point)} a year (P10 {Eur(fcr.Total.P10)} - P90 {Eur(fcr.Total.P90)})");

static string Eur(Money m) => $"{Math.Round(m.Amount, 0):N0} {m.Currency}";
