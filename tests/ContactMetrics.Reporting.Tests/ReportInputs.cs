using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>The tables and rates of a test, and their analysis as <c>contactmetrics report</c> makes it.</summary>
public sealed record ReportInputs(
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<Purchase> Purchases,
    IReadOnlyList<Touchpoint> Touchpoints,
    IReadOnlyList<Conversion> Conversions)
{
    public CostModel? Rates { get; init; }

    public string? RatesSource { get; init; }

    /// <summary>The analysis over the whole local days of the tables in <paramref name="zone"/> (UTC by default), or up to <paramref name="end"/>.</summary>
    public ContactCenterAnalysis Analysis(DateTimeZone? zone = null, Instant? end = null)
    {
        var data = ContactCenterData.Create(Customers, Interactions, Purchases, Touchpoints, Conversions);
        return ContactCenterAnalysis.Create(data, data.Window(zone ?? DateTimeZone.Utc, end),
            new AnalysisOptions { Rates = Rates, RatesSource = RatesSource ?? "rates.json" });
    }
}
