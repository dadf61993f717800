using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// The business case's counts per segment (<see cref="SegmentInputs"/>) in SQL: customers with a handled contact with a
/// resolved flag, and the FCR units with a resolved flag, resolved and not, and those a repeat followed (repeat
/// contacts by the window functions of <see cref="RepeatChainSql"/>); the same rows <see cref="SegmentInputs.Of"/> counts in memory.
/// </summary>
public static class SegmentInputsSql
{
    /// <summary>The SQL of the segment inputs.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="repeat">The repeat rule and FCR basis.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <param name="tables">The relations (customers for the segments, when given); <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The query: <c>segment, customers, resolved, repeated_after_resolved, unresolved, repeated_after_unresolved</c>.</returns>
    public static string Build(SqlDialect dialect, RepeatContactOptions repeat, Instant from, Instant to, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(repeat);
        tables ??= SqlTables.Default;
        string window = RepeatChainSql.WindowMs(repeat);
        string Ms(Instant t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder();
        RepeatChainSql.AppendScopedChains(sql, dialect, tables, repeat,
            [$"CASE WHEN channel IN ({SqlText.Channels(dialect, c => Domain.ChannelTraits.IsAgentHandled(c))}) THEN 1 ELSE 0 END AS agent_channel"],
            "CASE WHEN i.resolved IS NULL THEN 0 ELSE 1 END AS resolved_known",
            "CASE WHEN i.resolved = TRUE THEN 1 ELSE 0 END AS resolved_yes");
        sql.AppendLine("), units AS (");
        sql.AppendLine("  SELECT linked.*,");
        string basis = repeat.Basis == FcrBasis.Contact ? "" : " AND starts = 1";
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN in_scope = 1 AND answered = 1{basis} THEN 1 ELSE 0 END AS unit,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN linkable = 1 AND answered = 1 AND next_ms - arrived_ms <= {window} THEN 1 ELSE 0 END AS followed");
        sql.AppendLine("  FROM linked");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  WHERE customer_id IS NOT NULL AND resolved_known = 1 AND arrived_ms >= {Ms(from)} AND arrived_ms < {Ms(to)}");
        sql.AppendLine(")");
        sql.AppendLine("SELECT segment,");
        sql.AppendLine("  CAST(COUNT(DISTINCT CASE WHEN answered = 1 AND agent_channel = 1 THEN customer_id END) AS BIGINT) AS customers,");
        sql.AppendLine("  CAST(SUM(CASE WHEN unit = 1 AND resolved_yes = 1 THEN 1 ELSE 0 END) AS BIGINT) AS resolved,");
        sql.AppendLine("  CAST(SUM(CASE WHEN unit = 1 AND resolved_yes = 1 THEN followed ELSE 0 END) AS BIGINT) AS repeated_after_resolved,");
        sql.AppendLine("  CAST(SUM(CASE WHEN unit = 1 AND resolved_yes = 0 THEN 1 ELSE 0 END) AS BIGINT) AS unresolved,");
        sql.AppendLine("  CAST(SUM(CASE WHEN unit = 1 AND resolved_yes = 0 THEN followed ELSE 0 END) AS BIGINT) AS repeated_after_unresolved");
        sql.AppendLine("FROM units");
        sql.AppendLine("GROUP BY segment");
        return sql.ToString();
    }

    /// <summary>Runs the segment inputs' SQL through <paramref name="connection"/> and reads the rows back.</summary>
    /// <param name="connection">An ADO.NET connection to the engine; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="repeat">The repeat rule and FCR basis.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The rows of segments with a counted customer or unit, ordered by segment (ordinal), no segment last.</returns>
    /// <exception cref="DbException">The engine failed.</exception>
    public static IReadOnlyList<SegmentInputs> Compute(DbConnection connection, SqlDialect dialect, RepeatContactOptions repeat, Instant from, Instant to, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = Build(dialect, repeat, from, to, tables);
        var rows = SqlText.OnOpen(connection, () =>
        {
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            var read = new List<SegmentInputs>();
            while (reader.Read())
            {
                long Long(int k) => Convert.ToInt64(reader.GetValue(k), CultureInfo.InvariantCulture);
                var row = new SegmentInputs(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture), Long(1), Long(2), Long(3), Long(4), Long(5));
                if (row.Customers + row.Flagged > 0)
                {
                    read.Add(row);
                }
            }
            return read;
        });
        return [.. rows.OrderBy(r => r.Segment is null).ThenBy(r => r.Segment, StringComparer.Ordinal)];
    }
}

/// <summary>
/// The <c>segment inputs</c> table: one row per segment (<c>segment, customers, resolved, repeated_after_resolved,
/// unresolved, repeated_after_unresolved</c>), as CSV or Parquet (by the extension). Rows of a segment from disjoint
/// customer partitions merge by adding them.
/// </summary>
public static class SegmentInputsFile
{
    private static readonly (string, string)[] Types =
    [
        ("segment", "VARCHAR"), ("customers", "BIGINT"), ("resolved", "BIGINT"), ("repeated_after_resolved", "BIGINT"),
        ("unresolved", "BIGINT"), ("repeated_after_unresolved", "BIGINT"),
    ];

    /// <summary>Writes the rows (replacing the file).</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="rows">The rows.</param>
    /// <returns>The number of rows written.</returns>
    public static int Write(string path, IReadOnlyList<SegmentInputs> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        SummaryFiles.Write(path, Types, writer =>
        {
            writer.WriteLine(string.Join(",", Types.Select(t => t.Item1)));
            foreach (var r in rows)
            {
                writer.WriteLine(string.Join(",", r.Segment is null ? "" : SummaryFiles.Quote(r.Segment),
                    string.Join(",", new[] { r.Customers, r.Resolved, r.RepeatedAfterResolved, r.Unresolved, r.RepeatedAfterUnresolved }.Select(v => v.ToString(CultureInfo.InvariantCulture)))));
            }
        });
        return rows.Count;
    }

    /// <summary>Reads a segment inputs table row by row (as <see cref="Write"/> writes it; columns in any order, others ignored); a blank segment is customers without one.</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <returns>The rows, in the file's order.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A column is missing, a count is not a whole number at least 0, or more units were repeated than flagged; the message names the file, line, column and value.</exception>
    public static IReadOnlyList<SegmentInputs> Read(string path)
    {
        var rows = new List<SegmentInputs>();
        foreach (var row in SummaryFiles.StreamRows(path, "a segment inputs table", [.. Types.Select(t => t.Item1)]))
        {
            long resolved = row.Count(2);
            long unresolved = row.Count(4);
            long RepeatedOf(int column, long of) => row.Count(column) is var k && k <= of ? k : throw row.Bad(column, $"is more than the {of} units it is a share of");
            rows.Add(new SegmentInputs(row.Optional(0), row.Count(1), resolved, RepeatedOf(3, resolved), unresolved, RepeatedOf(5, unresolved)));
        }
        return rows;
    }
}
