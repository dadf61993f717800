using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Reporting;

/// <summary>
/// The tables a board report is built from (in the schemas of docs/data.md: the demo's CSV tables, an export, or records
/// made in code), and the optional cost model.
/// </summary>
/// <param name="Customers">The customers (segment, acquired, churned).</param>
/// <param name="Interactions">The contacts; at least one.</param>
/// <param name="Purchases">The purchases, for customer value; may be empty (the CLV section is then left out).</param>
/// <param name="Touchpoints">The marketing touches, for attribution; may be empty.</param>
/// <param name="Conversions">The conversions, for attribution; may be empty.</param>
public sealed record ReportInputs(
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<Purchase> Purchases,
    IReadOnlyList<Touchpoint> Touchpoints,
    IReadOnlyList<Conversion> Conversions)
{
    /// <summary>The cost model (e.g. a rates.json read by <c>ContactMetrics.Data.CostRatesFile</c>), or null: the business case and the cost sections are then left out and the report says so.</summary>
    public CostModel? Rates { get; init; }

    /// <summary>Where <see cref="Rates"/> came from (a file name, "assumed example rates"), as the report cites it; <see cref="RatesFileName"/> when not given.</summary>
    public string? RatesSource { get; init; }

    /// <summary>The conventional name of the cost-rates file, cited when <see cref="RatesSource"/> is not given.</summary>
    public const string RatesFileName = "rates.json";
}
