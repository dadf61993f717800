#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Data/ContactMetrics.Data.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// Operational KPIs by channel (AHT, ASA, service level, abandonment, FCR, CSAT, NPS) with the
// default definitions, each result stating the definition that produced it.
// Run: dotnet run docs/samples/kpis.cs                      (the demo's simulated contact center)
//      dotnet run docs/samples/kpis.cs -- interactions.csv  (your export; rejected rows are listed)
using System.Globalization;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Tables;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

InteractionTable table;
if (args.Length > 0)
{
    // Collect mode: bad rows are left out and reported (file, line, column, reason) instead of stopping the run.
    using var reader = Tables.OpenInteractions(args[0], new TableReadOptions { Mode = RowErrorMode.Collect });
    table = InteractionTable.Create(reader.ToList());
    Console.WriteLine(reader.Report);
}
else
{
    // The same center as `contactmetrics demo`: seed 42, 20,000 customers over two years.
    var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
    table = InteractionTable.Create(center.Interactions, center.Customers);
    Console.WriteLine($"Simulated: {center.Interactions.Count:N0} contacts from {center.Customers.Count:N0} customers");
}

var byChannel = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel));
Console.WriteLine($"{"channel",-13} {"offered",8} {"AHT s",7} {"ASA s",8} {"SL",6} {"abandon",7} {"FCR",6} {"CSAT",6} {"NPS",7}");
foreach (var g in byChannel)
{
    Console.WriteLine($"{g.Channel!.Value.ToSchemaName(),-13} {g.Counts.OfferedContacts,8:N0} {Num(g.AverageHandleTime.Value),7} {Num(g.AverageSpeedOfAnswer.Value),8} "
        + $"{Pct(g.ServiceLevel.Value),6} {Pct(g.AbandonmentRate.Value),7} {Pct(g.FirstContactResolution.Value),6} {Pct(g.Csat.Value),6} {Num(g.Nps.Value),7}");
}

// Every estimate carries its definition and, for rates, a Wilson interval.
var phone = byChannel.Single(g => g.Channel == Channel.Phone);
var fcr = phone.FirstContactResolution;
Console.WriteLine($"Phone FCR {Pct(fcr.Value)} [{Pct(fcr.Interval!.Value.Lower)}, {Pct(fcr.Interval.Value.Upper)}] = {fcr.Numerator:N0}/{fcr.Denominator:N0}");
Console.WriteLine($"  definition: {fcr.Definition}");
Console.WriteLine($"Service level definition: {phone.ServiceLevel.Definition}");

static string Num(double? v) => v is double d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "-";
static string Pct(double? v) => v is double d ? (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
