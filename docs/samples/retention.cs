#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// Retention: how much better customers stay when their first contact is resolved (index-date
// Kaplan-Meier difference and adjusted Cox hazard ratio), what that is worth, and a contractual
// cohort projected with the shifted-beta-geometric model.
// Run: dotnet run docs/samples/retention.cs
using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Simulation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The demo's center (seed 42, 20,000 customers); an unresolved contact multiplies the churn hazard by a planted 1.8.
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
var uplift = RetentionUpliftBuilder.Estimate(center.Customers, center.Interactions, UpliftGrouping.FirstContactResolution, Duration.FromDays(365), center.End);
var c = uplift.Comparison;
foreach (var g in new[] { c.Reference, c.Exposed })
{
    Console.WriteLine($"{g.Group,-10} {g.Customers,6:N0} customers, 1-year retention {Pct(g.Retention)} [{Pct(g.Interval.Lower)}, {Pct(g.Interval.Upper)}]");
}
Console.WriteLine($"Difference {Pct(c.Difference.Difference)} [{Pct(c.Difference.Interval.Lower)}, {Pct(c.Difference.Interval.Upper)}]");
if (c.HazardRatio is { } hr)
{
    Console.WriteLine($"Hazard ratio unresolved vs resolved {hr.HazardRatio:0.00} [{hr.HazardRatioInterval.Lower:0.00}, {hr.HazardRatioInterval.Upper:0.00}], adjusted for {string.Join(", ", c.AdjustedFor)}{(c.Stratified ? ", stratified by segment" : "")}");
}

// Money: customers kept x a value per customer. The value is an input: here the demo's mean 3-year CLV.
var value = RetentionUpliftValue.Of(c, new Money(13.65m, Currency.Eur), "assumed: the demo's mean 3-year CLV");
Console.WriteLine($"Customers kept {value.CustomersKept:0.0} [{value.CustomersKeptInterval.Lower:0.0}, {value.CustomersKeptInterval.Upper:0.0}]");
Console.WriteLine($"Value {value.Value} [{value.Low}, {value.High}]");
Console.WriteLine($"  {value.Formula}");

// A contractual cohort: survivors at the start of each year (Fader & Hardie 2007, "regular" customers).
double[] survivors = [1000, 631, 468, 382, 326, 289, 262, 241];
var sbg = ShiftedBetaGeometricModel.Fit(survivors);
Console.WriteLine($"sBG: alpha {sbg.Parameters.Alpha:0.000}, beta {sbg.Parameters.Beta:0.000}");
Console.WriteLine($"  projected survival year 12: {sbg.Model.Survival(12):0.000}; retention rate year 12: {sbg.Model.RetentionRate(12):0.000}");
Console.WriteLine($"  discounted expected lifetime at 10%: {sbg.Model.DiscountedExpectedLifetime(0.10):0.00} years");

static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
