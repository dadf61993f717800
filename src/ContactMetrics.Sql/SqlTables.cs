namespace ContactMetrics.Sql;

/// <summary>
/// The relations the statistics' SQL reads: table or view names (or parenthesised subqueries) with the columns of
/// DESIGN.md's schemas. Column types: instants (<c>arrived_at</c>, <c>answered_at</c>, <c>ended_at</c>) a timestamp
/// with time zone; <c>talk_seconds</c>, <c>hold_seconds</c>, <c>acw_seconds</c> numeric; <c>resolved</c> boolean;
/// <c>transfers</c>, <c>csat</c>, <c>nps</c>, <c>ces</c> integer; the others text; missing values NULL.
/// </summary>
/// <param name="Interactions">The interactions relation.</param>
/// <param name="Customers">The customers relation (customer_id, segment), read only when grouping by segment; <see langword="null"/> when there is none.</param>
public sealed record SqlTables(string Interactions = "interactions", string? Customers = "customers")
{
    /// <summary>The relations named <c>interactions</c> and <c>customers</c>.</summary>
    public static SqlTables Default { get; } = new();
}
