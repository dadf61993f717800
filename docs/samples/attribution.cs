#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// Attribution: journeys of marketing touches and service contacts, credit per channel under
// last-touch, linear, Markov (removal effects) and Shapley, and how often service assists a sale.
// Credits describe paths, not what a channel caused (docs/models/attribution.md).
// Run: dotnet run docs/samples/attribution.cs
using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The demo's center (seed 42, 20,000 customers); a resolved service contact lifts conversion x1.5 for 14 days.
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42, Customers = 20_000 });
var journeys = JourneyBuilder.Build(center.Touchpoints, center.Conversions, center.Interactions, new JourneyOptions { Lookback = Duration.FromDays(14) });
var paths = JourneyBuilder.Summarize(journeys);
Console.WriteLine($"{paths.TotalConversions:N0} conversions worth {paths.TotalValue.Amount:N2} {paths.Currency}, {paths.TotalNulls:N0} journeys without one, {paths.Count:N0} unique paths");

IAttributionModel[] models = [new LastTouchAttribution(), new LinearAttribution(), new MarkovAttribution(), new ShapleyAttribution()];
var results = models.Select(m => m.Attribute(paths)).ToArray();
Console.WriteLine($"{"channel",-22}" + string.Concat(results.Select(r => $"{r.Model.Split(' ')[0],12}")));
foreach (string channel in paths.Channels.Append(new JourneyOptions().DirectChannel).Distinct().OrderBy(c => c, StringComparer.Ordinal))
{
    Console.WriteLine($"{channel,-22}" + string.Concat(results.Select(r => $"{r.ConversionsOf(channel),12:0.00}")));
}
// Every model hands out exactly the conversions there are.
Console.WriteLine($"{"total",-22}" + string.Concat(results.Select(r => $"{r.TotalConversions,12:0.00}")));

// Assists: a service contact in a converting path other than as its last touch.
var assists = AssistMetrics.Compute(paths);
var service = assists.Channels.Where(a => a.Channel.StartsWith("service:", StringComparison.Ordinal)).ToList();
var serviceAssisted = Money.Sum(service.Select(a => a.AssistedValue), paths.Currency);
Console.WriteLine($"Assists by service channels, summed over channels: {service.Sum(a => a.AssistedConversions):N0} ({serviceAssisted.Amount:N2} {serviceAssisted.Currency}); rule: {assists.Rule}");
var markov = results[2];
var serviceCredit = Money.Sum(service.Select(a => markov.ValueOf(a.Channel)), markov.Currency);
Console.WriteLine($"Markov credit of service:* {service.Sum(a => markov.ConversionsOf(a.Channel)):N2} conversions, {serviceCredit.Amount:N2} {serviceCredit.Currency}");
