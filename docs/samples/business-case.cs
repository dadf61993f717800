#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// The business case: a KPI change valued through explicit mechanisms (repeat contacts avoided, churn
// avoided, FTE saved, attrition, assisted conversions), every input measured from data or stated as an
// assumption with its range, a seeded Monte Carlo (P10/P50/P90) and a tornado of the inputs.
// `contactmetrics demo` prints a case like this one, priced with its own example rates.
// Run: dotnet run docs/samples/business-case.cs
using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Staffing;
using ContactMetrics.Valuation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The demo's center (seed 42, 20,000 customers over two years).
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
var eur = Currency.Eur;
Money M(decimal amount) => new(amount, eur);

// Rates for the cost of a contact: assumptions (your finance team's numbers), priced on the measured handle times.
var rates = new CostModel(eur,
[
    new ChannelRates(Channel.Phone, M(32m), shrinkage: 0.3, occupancy: 0.8, telephonyPerMinute: M(0.012m)),
    new ChannelRates(Channel.Email, M(32m), shrinkage: 0.3, occupancy: 0.85),
    new ChannelRates(Channel.Chat, M(32m), shrinkage: 0.3, occupancy: 0.8, concurrency: 2),
    new ChannelRates(Channel.Messaging, M(32m), shrinkage: 0.3, occupancy: 0.8, concurrency: 2),
    new ChannelRates(Channel.SelfService, M(0m), shrinkage: 0, occupancy: 1, platformPerContact: M(0.02m)),
]);

// One analysis of the tables over the simulated period: every figure (KPIs, CLV, retention, cost-to-serve, journeys) is
// computed once and the business case reads them. Its inputs (last year): contacts and FCR, the repeats an unresolved contact
// brings, the retention difference resolved vs not, the mean CLV, the cost per agent contact, the phone demand profile and
// the conversions service assisted.
var data = ContactCenterData.Create(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions);
var contactCenter = ContactCenterAnalysis.Create(data, new ObservationWindow(center.Start, center.End, center.Options.TimeZone),
    new AnalysisOptions { Rates = rates, RatesSource = "the sample's illustrative rates (assumed)" });
var measured = contactCenter.BusinessCaseInputs.Value;

// FCR +5 points: the programme's target, 3 to 7 points plausible.
var gain = UncertainInput.AssumedShare("FCR gain", 0.05, 0.03, 0.07, "the programme's target of +5 points; 3 to 7 points judged plausible");
var fcr = measured.FcrImprovement(gain).Analyze(iterations: 10_000, seed: 42);
Console.WriteLine($"Headline: +5 points FCR: {Eur(fcr.Total.Point)} a year (P10 {Eur(fcr.Total.P10)} to P90 {Eur(fcr.Total.P90)})");
Print(fcr);

// A service programme: FCR +5 points with AHT -15 s, agent attrition -5 points and the service assist at 10% incrementality.
var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20)), shrinkage: 0.3);
var aht = measured.AhtReduction(planner,
    UncertainInput.Assumed("AHT reduction", "seconds", 15, 5, 25, "coaching and knowledge-base programme target; 5 to 25 s plausible", minimum: 0),
    UncertainInput.AssumedMoney("loaded cost per FTE a year", "per FTE a year", M(52_000m), M(46_000m), M(60_000m), "32 per paid hour x 1,625 paid hours; range for salary bands"));
double headcount = Math.Ceiling(measured.StaffingProfile.Fte(planner));
var attrition = ValueMechanisms.AttritionReduction(
    UncertainInput.Exact("agents", "headcount", headcount, InputSource.Measured("FTE the phone demand needs at 80/20 with 30% shrinkage, rounded up", "StaffingPlanner (Erlang C) on the measured demand profile")),
    UncertainInput.AssumedShare("attrition reduction", 0.05, 0.02, 0.08, "from 35% to 30% a year; 2 to 8 points plausible"),
    UncertainInput.FromAttritionCost("cost per leaver", new AgentAttritionCost(M(2_500m), M(4_000m), 8, 0.35, M(32m), 37.5), 0.25,
        "HR figures: recruiting 2,500, training 4,000, 8 weeks ramp-up at 35% lower output"));
var assists = measured.AssistedConversionValue(UncertainInput.AssumedShare("incremental share of assisted conversions", 0.10, 0.0, 0.25,
    "no holdout test yet: 10% judged likely, 0 to 25% possible"));
var programme = new BusinessCase("Service programme", eur, [.. measured.FcrImprovement(gain).Lines, aht, attrition, assists]).Analyze(iterations: 10_000, seed: 42);
Console.WriteLine();
Print(programme);

static void Print(BusinessCaseAnalysis a)
{
    Console.WriteLine($"{a.Case.Scenario}: {Eur(a.Total.Point)} a year (P10 {Eur(a.Total.P10)}, P50 {Eur(a.Total.P50)}, P90 {Eur(a.Total.P90)})");
    foreach (var line in a.Lines)
    {
        Console.WriteLine($"  {line.Item.Name}: {Eur(line.Value.Point)} (P10 {Eur(line.Value.P10)}, P50 {Eur(line.Value.P50)}, P90 {Eur(line.Value.P90)})");
        Console.WriteLine($"    = {line.Item.FormulaWithValues}");
        foreach (var input in line.Item.Inputs)
        {
            Console.WriteLine($"    {input.Name} = {input.Point:#,0.####} {input.Unit}{(input.IsFixed ? "" : $" [{input.Low:#,0.####}, {input.High:#,0.####}]")}: {input.Source}");
        }
    }
    Console.WriteLine("  Tornado (the total with one input at the low and the high end of its range):");
    foreach (var t in a.Tornado.Take(5))
    {
        Console.WriteLine($"    {t.Input.Name}: {Eur(t.TotalAtLow)} .. {Eur(t.TotalAtHigh)}, swing {Eur(t.Swing)}");
    }
    Console.WriteLine($"  {a.ConvergenceNote}");
}

static string Eur(Money m) => $"{Math.Round(m.Amount, 0):N0} {m.Currency}";
