using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql;

/// <summary>
/// The repeat chains of <see cref="RepeatContactOptions"/> in SQL, as CTEs the cost-to-serve cells and the issue table
/// share: <c>linked</c> (whether each contact continues a chain: <c>starts</c> is 0; <c>next_ms</c>, the next linkable
/// contact's arrival in its partition), <c>chained</c> (the position of its
/// chain's first contact) and <c>rooted</c> (that contact's <c>root_id</c>, <c>root_channel</c> and <c>root_reason</c>).
/// </summary>
/// <remarks>
/// Among the linkable contacts of a partition (customer, and reason and channel when the rule asks), ordered by arrival
/// then id, a contact continues a chain when the latest earlier answered one is within the window; it starts one
/// otherwise, and so does every contact that is not linkable. Its chain's first contact is then the latest contact at or
/// before it that starts one: a contact between a chain's link and its predecessor would be within the window of the
/// same predecessor, so it links too. This is <see cref="RepeatContactDetector"/>'s chain, ties in time ordered by id.
/// </remarks>
internal static class RepeatChainSql
{
    /// <summary>
    /// 1 for a contact that may continue a chain: an identified customer's inbound contact on an agent channel (and with a
    /// reason, under the same-reason rule); reads the columns <c>customer_id</c>, <c>inbound</c>, <c>channel</c>, <c>reason</c>.
    /// </summary>
    public static string Linkable(SqlDialect dialect, RepeatContactOptions repeat) => InScope(dialect, repeat.SameReason);

    /// <summary>1 for a contact in the FCR scope (identified customer, inbound, agent channel; and with a reason when <paramref name="withReason"/>), else 0.</summary>
    public static string InScope(SqlDialect dialect, bool withReason = false) =>
        $"CASE WHEN customer_id IS NOT NULL AND inbound = 1 AND channel IN ({SqlText.Channels(dialect, c => c.IsAgentHandled())})"
        + $"{(withReason ? " AND reason IS NOT NULL" : "")} THEN 1 ELSE 0 END";

    /// <summary>
    /// Opens <c>WITH base AS (SELECT</c> with the columns every chain query reads (<c>id, customer_id, reason, segment,
    /// channel, inbound, answered, arrived_ms</c>, the segment NULL without a customers relation), then
    /// <paramref name="extra"/> columns; <see cref="AppendBaseFrom"/> closes the select.
    /// </summary>
    public static void AppendBase(StringBuilder sql, SqlDialect dialect, SqlTables tables, params string[] extra)
    {
        sql.AppendLine("WITH base AS (");
        sql.AppendLine("  SELECT i.interaction_id AS id, i.customer_id AS customer_id, i.reason AS reason,");
        sql.AppendLine(tables.Customers is null ? "    CAST(NULL AS VARCHAR(1)) AS segment," : "    c.segment AS segment,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Channel("i.channel")} AS channel,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Inbound("i.direction")} AS inbound,");
        sql.AppendLine("    CASE WHEN i.answered_at IS NULL THEN 0 ELSE 1 END AS answered,");
        sql.Append(CultureInfo.InvariantCulture, $"    {SqlText.FloorDiv(dialect, dialect.EpochMicroseconds("i.arrived_at"), 1000)} AS arrived_ms");
        foreach (string column in extra)
        {
            sql.AppendLine(",");
            sql.Append("    ").Append(column);
        }
        sql.AppendLine();
    }

    /// <summary>The <c>FROM</c> of <see cref="AppendBase"/>: the interactions, with one segment per customer when there is a customers relation.</summary>
    public static void AppendBaseFrom(StringBuilder sql, SqlTables tables)
    {
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM {tables.Interactions} i");
        if (tables.Customers is not null)
        {
            // One segment per customer, so that a duplicated customer row cannot count an interaction twice.
            sql.AppendLine(CultureInfo.InvariantCulture, $"  LEFT JOIN (SELECT customer_id, MAX(segment) AS segment FROM {tables.Customers} GROUP BY customer_id) c ON c.customer_id = i.customer_id");
        }
    }

    /// <summary>The repeat rule's window in milliseconds, as an SQL literal.</summary>
    public static string WindowMs(RepeatContactOptions repeat) => ((long)repeat.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The window clause of the repeat rule: per <paramref name="scope"/> (a 0/1 column: rows that can link; none when the
    /// rows are in scope already) and the rule's partition (the customer; the reason and channel when it asks), in arrival order.
    /// </summary>
    public static string Over(string? scope, RepeatContactOptions repeat) =>
        $"PARTITION BY {string.Join(", ", (scope is null ? [] : new[] { scope }).Concat(SqlText.RepeatPartition(repeat)))} ORDER BY arrived_ms, id";

    /// <summary>
    /// The two neighbours every repeat query reads, over <paramref name="over"/>: <c>next_ms</c>, the next contact's arrival
    /// (a contact is followed by a repeat when it comes within the window), and <c>previous_answered_ms</c>, the latest earlier
    /// answered contact's (a contact is a repeat when that one is within the window). Written once for the KPI counts, the
    /// repeat chains (issues, cost per resolution) and the segment inputs.
    /// </summary>
    public static void AppendNeighbours(StringBuilder sql, string over)
    {
        sql.AppendLine(CultureInfo.InvariantCulture, $"      LEAD(arrived_ms) OVER ({over}) AS next_ms,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"      MAX(CASE WHEN answered = 1 THEN arrived_ms END) OVER ({over} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_answered_ms");
    }

    /// <summary>
    /// Opens the CTE list with <c>base</c> (the interactions with <paramref name="baseColumns"/>), then <c>scoped</c> (base with
    /// <c>in_scope</c>, <paramref name="scopedColumns"/> and <c>linkable</c>) and the repeat chains over it (<see cref="Append"/>).
    /// The caller closes the last CTE.
    /// </summary>
    public static void AppendScopedChains(StringBuilder sql, SqlDialect dialect, SqlTables tables, RepeatContactOptions repeat,
        IReadOnlyList<string> scopedColumns, params string[] baseColumns)
    {
        AppendBase(sql, dialect, tables, baseColumns);
        AppendBaseFrom(sql, tables);
        sql.AppendLine("), scoped AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT base.*, {InScope(dialect)} AS in_scope,");
        foreach (string column in scopedColumns)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"    {column},");
        }
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Linkable(dialect, repeat)} AS linkable");
        sql.AppendLine("  FROM base");
        Append(sql, repeat, "scoped");
    }

    /// <summary>
    /// Appends <c>), linked AS (...), chained AS (...), rooted AS (...</c> after an open CTE list; <paramref name="source"/>
    /// is a CTE with the columns <c>id, customer_id, reason, channel, answered, arrived_ms, linkable</c>. The caller closes
    /// the last CTE.
    /// </summary>
    public static void Append(StringBuilder sql, RepeatContactOptions repeat, string source)
    {
        var partition = SqlText.RepeatPartition(repeat);
        string over = Over("linkable", repeat);
        sql.AppendLine("), linked AS (");
        sql.AppendLine("  SELECT w.*,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN linkable = 1 AND arrived_ms - previous_answered_ms <= {WindowMs(repeat)} THEN 0 ELSE 1 END AS starts");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM (SELECT {source}.*,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"      ROW_NUMBER() OVER ({over}) AS position,");
        AppendNeighbours(sql, over);
        sql.AppendLine(CultureInfo.InvariantCulture, $"    FROM {source}) w");
        sql.AppendLine("), chained AS (");
        sql.AppendLine("  SELECT linked.*,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    MAX(CASE WHEN starts = 1 THEN position END) OVER ({over} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS root_position");
        sql.AppendLine("  FROM linked");
        sql.AppendLine("), rooted AS (");
        sql.AppendLine("  SELECT k.*,");
        sql.AppendLine("    CASE WHEN k.starts = 1 THEN k.id ELSE r.id END AS root_id,");
        sql.AppendLine("    CASE WHEN k.starts = 1 THEN k.channel ELSE r.channel END AS root_channel,");
        sql.AppendLine("    CASE WHEN k.starts = 1 THEN k.reason ELSE r.reason END AS root_reason");
        sql.AppendLine("  FROM chained k");
        string join = string.Join(" AND ", partition.Select(p => $"r.{p} = k.{p}"));
        sql.AppendLine(CultureInfo.InvariantCulture, $"  LEFT JOIN chained r ON k.starts = 0 AND r.linkable = 1 AND {join} AND r.position = k.root_position");
    }
}
