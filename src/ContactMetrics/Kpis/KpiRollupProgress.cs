namespace ContactMetrics.Kpis;

/// <summary>How far a <see cref="KpiRollup"/> scan has come, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="RowsCounted">Rows of the table counted so far (with many groups every worker reads every row for its own
/// groups; a row then counts once all workers have read it, in proportion).</param>
/// <param name="Rows">Rows of the table.</param>
/// <remarks>Reports come every 65,536 rows or so and once at the end with <c>RowsCounted == Rows</c>; they are
/// increasing, and may come from the scan's worker threads.</remarks>
public readonly record struct KpiRollupProgress(long RowsCounted, long Rows);
