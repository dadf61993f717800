using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// The analysis of a folder of tables (a lake: each table a .csv, .csv.gz or .parquet file or a folder of them, found by
/// <see cref="LakeTables.Find"/>) made of the summaries DuckDB computes out of core
/// (<see cref="ContactCenterAnalysis.FromSummaries"/>): the same window and figures as reading every row
/// (<see cref="ContactCenterFolder.Read"/>, <see cref="ContactCenterAnalysis.Create"/>) where summaries suffice, the reason
/// where a figure needs rows.
/// </summary>
/// <example>
/// <code>
/// using var duck = DuckDbEngine.Open(memoryLimit: "1GB");
/// var analysis = LakeAnalysis.ByDuckDb(duck, "lake", DateTimeZoneProviders.Tzdb["Europe/Amsterdam"], null, new AnalysisOptions());
/// </code>
/// </example>
public static class LakeAnalysis
{
    /// <summary>The tables besides the interactions that the analysis reads when the folder has them.</summary>
    private static readonly (string Table, Action<DuckDbEngine, string> Attach)[] OptionalTables =
    [
        ("customers", (duck, path) => duck.AttachCustomers(path)), ("purchases", (duck, path) => duck.AttachPurchases(path)),
        ("touchpoints", (duck, path) => duck.AttachTouchpoints(path)), ("conversions", (duck, path) => duck.AttachConversions(path)),
    ];

    /// <summary>
    /// Attaches the tables of <paramref name="folder"/> to <paramref name="duck"/> (interactions required; customers,
    /// purchases, touchpoints and conversions when present), takes the window of whole local days from the first to the
    /// last contact or purchase (<see cref="ObservationWindow.OfDays"/>, the rule of <see cref="ContactCenterData.Window"/>)
    /// and makes the analysis of the summaries DuckDB computes.
    /// </summary>
    /// <param name="duck">An open engine with no tables attached.</param>
    /// <param name="folder">The folder of tables.</param>
    /// <param name="timeZone">The zone of the contact center (the window's days).</param>
    /// <param name="end">The end of observation; null: the start of the local day after the last event.</param>
    /// <param name="options">The analysis's options; its rates are replaced by the rates file's when there is one.</param>
    /// <param name="ratesPath">The cost rates (JSON, <see cref="CostRatesFile"/>); null: <see cref="ContactCenterFolder.RatesFileName"/> in the folder when it exists, else <paramref name="options"/>' rates.</param>
    /// <returns>The analysis, its rates source naming the rates file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="duck"/>, <paramref name="timeZone"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no interactions table, or it has no rows.</exception>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after the first event (parameter <c>end</c>).</exception>
    /// <exception cref="CostRatesFormatException">The rates file is invalid.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases, conversions or rates are in more than one currency.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert a table.</exception>
    public static ContactCenterAnalysis ByDuckDb(DuckDbEngine duck, string folder, DateTimeZone timeZone, Instant? end, AnalysisOptions options, string? ratesPath = null)
    {
        ArgumentNullException.ThrowIfNull(duck);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' does not exist; give the folder that holds the interactions (and customers, purchases, touchpoints, conversions).");
        }
        string? ratesFile = ContactCenterFolder.RatesFileOf(folder, ratesPath);
        var withRates = ratesFile is null ? options : options with { Rates = CostRatesFile.Read(ratesFile), RatesSource = $"{ratesFile} (assumed rates)" };
        string interactions = LakeTables.Find(folder, "interactions")
            ?? throw new InvalidDataException($"{folder} has no interactions (interactions.csv, .csv.gz, .parquet or an interactions/ folder).");
        duck.AttachInteractions(interactions);
        foreach (var (table, attach) in OptionalTables)
        {
            if (LakeTables.Find(folder, table) is { } path)
            {
                attach(duck, path);
            }
        }
        var (first, last) = duck.EventRange() ?? throw new InvalidDataException($"{interactions}: no interactions, so there is nothing to analyse.");
        var window = ObservationWindow.OfDays(first, last, timeZone, end);
        var summaries = duck.AnalysisSummaries(window, withRates, $"the summaries DuckDB computed from {folder}");
        return ContactCenterAnalysis.FromSummaries(summaries, window, withRates);
    }

    /// <summary>
    /// The analysis of <paramref name="folder"/> (<see cref="ByDuckDb"/>) and the lake's summaries of <paramref name="lake"/>
    /// in one DuckDB session over one set of views, with one window: the analysis's (the first to the last contact or
    /// purchase, or the request's observation end) decides every "as of" of the summaries too (the survival table at its
    /// end with the customers as known then, the segment inputs over its last year), so a survival table grouped as the
    /// analysis's (first-contact resolution) is the analysis's own. The KPI counts, issues and segment inputs use the
    /// analysis's KPI definitions. What <c>summarize --for-report</c> writes.
    /// </summary>
    /// <param name="duck">An open engine with no tables attached.</param>
    /// <param name="folder">The folder of tables.</param>
    /// <param name="lake">The summaries' options; its tables are the folder's (<see cref="LakeTables.Find"/>), its zone the window's (UTC when it has none), its observation end the window's end, its journeys' lookback the analysis's.</param>
    /// <param name="options">The analysis's options (<see cref="ByDuckDb"/>).</param>
    /// <param name="ratesPath">The cost rates, as for <see cref="ByDuckDb"/>.</param>
    /// <returns>The lake's summaries and the analysis.</returns>
    /// <exception cref="ArgumentException">The request's tables are not the folder's, or its journeys are not the analysis's (<see cref="AnalysisOptions.JourneyLookback"/>, the other journey options their defaults).</exception>
    /// <exception cref="DirectoryNotFoundException">See <see cref="ByDuckDb"/>; the other exceptions of <see cref="ByDuckDb"/> too.</exception>
    public static (LakeSummaries Summaries, ContactCenterAnalysis Analysis) ByDuckDbWithSummaries(DuckDbEngine duck, string folder, LakeSummaryRequest lake,
        AnalysisOptions options, string? ratesPath = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (table, path) in new[] { ("interactions", lake.Interactions), ("customers", lake.Customers), ("purchases", lake.Purchases),
            ("touchpoints", lake.Touchpoints), ("conversions", lake.Conversions) })
        {
            if (Directory.Exists(folder) && LakeTables.Find(folder, table) is var found && !string.Equals(found, path, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The request's {table} ({path ?? "none"}) are not the folder's ({found ?? "none"}); make the request of the folder's tables (LakeTables.Find).", nameof(lake));
            }
        }
        var journeys = new Attribution.JourneyOptions { Lookback = options.JourneyLookback };
        if (lake.Journeys != journeys)
        {
            throw new ArgumentException($"The request's journeys ({lake.Journeys}) are not the analysis's ({journeys}); give the analysis options the request's lookback (AnalysisOptions.JourneyLookback).", nameof(lake));
        }
        var analysis = ByDuckDb(duck, folder, lake.Grouping.TimeZone ?? DateTimeZone.Utc, lake.ObservationEnd, options, ratesPath);
        return (LakeSummaries.OfAttached(duck, lake, analysis.Window, analysis.Options.Kpis, analysis.Summaries!.Survival), analysis);
    }
}
