#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Data/ContactMetrics.Data.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj
#:project ../../src/ContactMetrics.Reporting/ContactMetrics.Reporting.csproj

// One analysis of a contact center's tables, a few of its figures, and the board report: report.html and one SVG per
// chart. The figures are the ones `contactmetrics report` prints and the report shows, computed once.
// Run: dotnet run docs/samples/report.cs [-- OUT-DIR [DATA-DIR]]
//   without DATA-DIR it simulates the demo's center (seed 42); DATA-DIR is a folder of customers.csv, interactions.csv,
//   purchases.csv, touchpoints.csv, conversions.csv and an optional rates.json, as `contactmetrics demo --out DIR` writes.
//   OUT-DIR defaults to <temp>/contactmetrics-report-sample.
using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
ContactCenterData data;
CostModel? rates = null;
string output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "contactmetrics-report-sample");
if (args.Length > 1)
{
    string dir = args[1];
    var customers = Tables.ReadAllCustomers(Path.Combine(dir, "customers.csv")).Rows;
    // The contacts, purchases and touches straight into the columnar tables the analysis reads (no list of records).
    data = ContactCenterData.Create(
        customers,
        Tables.ReadInteractionTable(Path.Combine(dir, "interactions.csv"), customers: customers).Table,
        Tables.ReadPurchaseTable(Path.Combine(dir, "purchases.csv")).Table,
        Tables.ReadTouchpointTable(Path.Combine(dir, "touchpoints.csv")).Table,
        Tables.ReadAllConversions(Path.Combine(dir, "conversions.csv")).Rows);
    string ratesPath = Path.Combine(dir, "rates.json");
    rates = File.Exists(ratesPath) ? CostRatesFile.Read(ratesPath) : null;
}
else
{
    var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000, TimeZone = zone });
    data = ContactCenterData.Create(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions);
    Money M(decimal amount) => new(amount, Currency.Eur);
    // Rates for the cost of a contact: assumptions (your finance team's numbers), priced on the measured handle times.
    rates = new CostModel(Currency.Eur,
    [
        new ChannelRates(Channel.Phone, M(34m), shrinkage: 0.3, occupancy: 0.85, telephonyPerMinute: M(0.012m)),
        new ChannelRates(Channel.Email, M(34m), shrinkage: 0.3, occupancy: 0.9),
        new ChannelRates(Channel.Chat, M(34m), shrinkage: 0.3, occupancy: 0.8, concurrency: 2),
        new ChannelRates(Channel.Messaging, M(34m), shrinkage: 0.3, occupancy: 0.8, concurrency: 2),
        new ChannelRates(Channel.SelfService, M(0m), shrinkage: 0, occupancy: 1, platformPerContact: M(0.02m)),
    ]);
}

// Whole local days from the first to the last record; "a year" is the 365 days before the window's end.
var window = data.Window(zone);
var analysis = ContactCenterAnalysis.Create(data, window, AnalysisOptions.Default with { Rates = rates, RatesSource = "the sample's rates (assumed)" });

Console.WriteLine($"Window {window.FirstDay:yyyy-MM-dd} to {window.LastDay:yyyy-MM-dd} ({zone.Id}): {data.Customers.Length:N0} customers, {data.Interactions.Count:N0} contacts");
// Two FCR definitions, both stated: no repeat contact within 7 days, and the agent's resolved flag.
var all = analysis.Overall;
Console.WriteLine($"FCR by repeats {100 * all.FirstContactResolution.Value:0.0}%; by resolved flag {100 * all.FirstContactResolutionFlag.Value:0.0}%");
// A figure the data may not support is a result with its reason, not an exception.
if (analysis.Clv.TryGetValue(out var clv))
{
    Console.WriteLine($"Value per customer (mean {analysis.Options.ClvYears}-year CLV): {clv.ValuePerCustomer.Amount:N2} {clv.ValuePerCustomer.Currency}");
}
else
{
    Console.WriteLine($"CLV: {analysis.Clv.Reason}");
}
if (analysis.Retention.TryGetValue(out var retention) && retention.Value is { } kept)
{
    Console.WriteLine($"Retention: {kept.CustomersKept:N1} customers kept x {kept.ValuePerCustomer.Amount:N2} {kept.ValuePerCustomer.Currency} = {kept.Value.Amount:N2} {kept.Value.Currency}");
}
if (analysis.FcrBusinessCase.TryGetValue(out var fcrCase))
{
    Console.WriteLine($"Headline: {fcrCase.Case.Scenario}: {fcrCase.Total.Point.Amount:N0} {fcrCase.Total.Point.Currency} a year (P10 {fcrCase.Total.P10.Amount:N0}, P90 {fcrCase.Total.P90.Amount:N0})");
}
else
{
    Console.WriteLine($"Business case: {analysis.FcrBusinessCase.Reason}");
}

// The board report: three lines.
var report = BoardReportBuilder.Build(analysis);
HtmlReport.Write(report, Path.Combine(output, "report.html"));
foreach (var chart in report.Charts()) File.WriteAllText(Path.Combine(output, chart.Id + ".svg"), chart.ToSvg());

Console.WriteLine($"Wrote {Path.Combine(output, "report.html")} and {report.Charts().Length} charts: {string.Join(", ", report.Charts().Select(c => c.Id + ".svg"))}");
foreach (string gap in report.Gaps)
{
    Console.WriteLine($"Not in the report: {gap}");
}
