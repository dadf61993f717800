namespace ContactMetrics.Tests.Architecture;

/// <summary>
/// The core's public-type budget: how many types each namespace may export. A change that adds a public type raises
/// the budget here, on purpose and in review (docs/api.md says what is public and why); one that removes some lowers it.
/// </summary>
internal static class PublicApiRules
{
    /// <summary>
    /// The budget per namespace: the counts after the type-by-type review of 2026-12-06 (issue #12 item 6, docs/api.md).
    /// The review started at 212 exported types; each of these has a user outside the core (an outer package, a sample,
    /// a notebook or a documented calculator). Raised the same day for types the outer packages read: Retention +1
    /// (CoxFitResult), Staffing +4 (AgentTenure, its options, AgentAttrition, NewHireGap), Tables +4 (PurchaseTable,
    /// TouchpointTable and their builders); later Attribution +1 (PathSeparatorGuard: the separator rule of path files,
    /// which ContactMetrics.Sql's PathSummaryFile applies too).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> CoreBudget = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ContactMetrics.Attribution"] = 27,
        ["ContactMetrics.Clv"] = 39,
        ["ContactMetrics.CostToServe"] = 18,
        ["ContactMetrics.Domain"] = 18,
        ["ContactMetrics.Kpis"] = 17,
        ["ContactMetrics.Numerics"] = 7,
        ["ContactMetrics.Retention"] = 30,
        ["ContactMetrics.Staffing"] = 18,
        ["ContactMetrics.Tables"] = 13,
        ["ContactMetrics.Valuation"] = 34,
    };

    /// <summary>The number of types per namespace (nested types count under their outermost type's namespace).</summary>
    /// <param name="types">The types, e.g. an assembly's <see cref="System.Reflection.Assembly.GetExportedTypes"/>.</param>
    /// <returns>Namespace to count, in ordinal order of the namespace.</returns>
    public static SortedDictionary<string, int> CountByNamespace(IEnumerable<Type> types)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var outer = type;
            while (outer.DeclaringType is { } declaring)
            {
                outer = declaring;
            }
            string ns = outer.Namespace ?? "(global)";
            counts[ns] = counts.GetValueOrDefault(ns) + 1;
        }
        return counts;
    }

    /// <summary>One line per namespace whose count is above its budget (a namespace without a budget has budget 0).</summary>
    /// <param name="counts">The counts per namespace.</param>
    /// <param name="budget">The budget per namespace.</param>
    /// <returns>The lines, in namespace order; empty when every namespace is within its budget.</returns>
    public static IReadOnlyList<string> OverBudget(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, int> budget)
        => [.. counts
            .Where(c => c.Value > budget.GetValueOrDefault(c.Key))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => budget.TryGetValue(c.Key, out int b)
                ? $"{c.Key}: {c.Value} public types, budget {b}"
                : $"{c.Key}: {c.Value} public types, a namespace without a budget")];

    /// <summary>Every namespace's count and budget, one per line, and the totals: the failure message.</summary>
    /// <param name="counts">The counts per namespace.</param>
    /// <param name="budget">The budget per namespace.</param>
    /// <returns>The table as text.</returns>
    public static string Table(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, int> budget)
    {
        var names = counts.Keys.Union(budget.Keys).OrderBy(n => n, StringComparer.Ordinal);
        var lines = names.Select(n => $"  {n}: {counts.GetValueOrDefault(n)} (budget {budget.GetValueOrDefault(n)})");
        return string.Join(Environment.NewLine, lines)
            + $"{Environment.NewLine}  total: {counts.Values.Sum()} (budget {budget.Values.Sum()})";
    }
}
