using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// The SQL of the KPI sufficient statistic, <see cref="KpiCounts"/>, by any grouping and time bucket in a time zone, and
/// its run through a <see cref="DbConnection"/>: the same counts <see cref="KpiRollup"/> computes in memory.
/// </summary>
/// <remarks>
/// <para>One query, written once in the portable subset of <see cref="SqlDialect"/>: a first step types every row
/// (inbound, agent channel, answered, wait, handle-time components in whole milliseconds, the local time bucket); a
/// second finds repeat contacts for FCR with two window functions in one window per customer, over the in-scope rows
/// and the few columns they need (the next in-scope contact, and the latest earlier eligible one, ordered by arrival
/// then <c>interaction_id</c>); the counts are summed by group in two branches, the repeat counts from the window and
/// every other count straight from the rows, and a last step adds the two up. The typed rows are CTEs both branches
/// read; <see cref="SqlDialect.NotMaterialized"/> keeps DuckDB from building them in memory (it would hold every row).</para>
/// <para><see cref="Compute"/> runs the same typed rows and repeat flags counted by state instead: a <c>COUNT(*)</c> per
/// group and class of contacts (channel, direction, answered, the wait's place among the thresholds, transferred,
/// resolved flag; grouping sets of the same scan for the survey scores) with their summed times, and per group and repeat
/// flags; the counts are made from the classes by the core's own states (<see cref="KpiCounts.FromContacts"/>), so the
/// engine groups rows instead of evaluating 62 conditional sums on each: in DuckDB a quarter less CPU for the scan, 8 %
/// for the whole query (docs/benchmarks.md). <see cref="Build"/> stays the one-row-per-group query of the warehouse recipe; both give the
/// same counts (tested).</para>
/// <para>Time buckets follow the zone's rules as the engine knows them: days, weeks (ISO, from Monday) and months are
/// local calendar ones, so a day the clocks change has 23 or 25 hours; sub-day buckets are keyed by their start
/// instant, so the repeated hour when clocks go back gives two buckets, as in memory.</para>
/// <para>Computed fields (see <see cref="KpiCounts"/> for the populations): every field: offered, queued, answered,
/// abandoned, answered and abandoned within the service-level threshold, short abandons, contained, handled, handle /
/// talk / hold / after-call-work milliseconds, waits of answered and abandoned contacts, transferred, resolved flagged
/// and true, FCR eligible, resolved first time, repeats, and the CSAT, NPS and CES histograms.</para>
/// <para>Differences from memory: the SQL trusts its rows (validate them first: <c>contactmetrics validate</c>);
/// contacts of one customer that arrive at the same instant are ordered by <c>interaction_id</c>, where memory keeps
/// the table's row order; groups come ordered by key text (missing first), where memory orders them by first
/// appearance.</para>
/// </remarks>
public static class KpiCountsSql
{
    private static readonly (KpiDimensions Dimension, string Column)[] DimensionColumns =
    [
        (KpiDimensions.Agent, "agent"),
        (KpiDimensions.Channel, "channel"),
        (KpiDimensions.Direction, "direction"),
        (KpiDimensions.Queue, "queue"),
        (KpiDimensions.Reason, "reason"),
        (KpiDimensions.Segment, "segment"),
    ];

    /// <summary>The SQL that computes the counts of every group.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="grouping">What to group by (dimensions, time bucket and zone, arrival range).</param>
    /// <param name="options">The KPI definitions whose thresholds and repeat rule the counts depend on; the defaults when <see langword="null"/>.</param>
    /// <param name="tables">The relations to read; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The query: one row per group, the dimensions asked for (in the order agent, channel, direction, queue, reason, segment), then the bucket key, then the counts.</returns>
    /// <exception cref="ArgumentException">A bucket without a time zone, an empty arrival range, or grouping by segment without a customers relation.</exception>
    public static string Build(SqlDialect dialect, KpiGrouping grouping, KpiOptions? options = null, SqlTables? tables = null)
    {
        var (with, counts, repeats, sum) = Parts(dialect, grouping, options, tables);
        return $"{with}), partial AS ({Environment.NewLine}{counts}  UNION ALL{Environment.NewLine}{repeats}){Environment.NewLine}{sum}";
    }

    /// <summary>
    /// <see cref="Build"/>'s query in its parts (for timing each, in benchmarks/): <c>WITH</c> up to the repeat flags'
    /// CTE's body (unclosed), the two branches of the <c>partial</c> CTE (every count but the repeat ones; the repeat
    /// counts), and the last <c>SELECT</c> that adds them up. The query is
    /// <c>{With}), partial AS (\n{Counts}  UNION ALL\n{Repeats})\n{Sum}</c>.
    /// </summary>
    internal static (string With, string Counts, string Repeats, string Sum) Parts(SqlDialect dialect, KpiGrouping grouping, KpiOptions? options = null, SqlTables? tables = null)
    {
        var (with, keys, filter) = Typed(dialect, grouping, options, tables);
        options ??= KpiOptions.Default;
        string groupBy = keys.Count > 0 ? "  GROUP BY " + string.Join(", ", keys) + "\n" : "";
        string Keys(string columns) => string.Concat(keys.Select(k => k + ", ")) + columns;
        // Two partial sums per group, added up last: every count but the repeat ones from all rows (no window), the
        // repeat ones from the flagged in-scope rows; a count a branch does not compute is NULL there.
        var columns = CountColumns(options).ToList();
        string Partial(bool repeats) => string.Join(",\n    ", columns.Select(c => c.Repeats == repeats ? $"SUM({c.Expression}) AS {c.Name}" : $"CAST(NULL AS BIGINT) AS {c.Name}"));
        string countsBranch = $"  SELECT {Keys(Partial(repeats: false))}\n  FROM scoped\n{filter}{groupBy}";
        string repeatsBranch = $"  SELECT {Keys(Partial(repeats: true))}\n  FROM flagged\n{filter}{groupBy}";
        // A group's rows are all in the first branch, so its counts there are never NULL (an ungrouped query over no rows
        // gives one row of NULLs, as before); a group without in-scope rows has no repeat counts: 0.
        var sum = new StringBuilder("SELECT ");
        sum.AppendLine(Keys(string.Join(",\n  ", columns.Select(c => c.Repeats ? $"CAST(COALESCE(SUM({c.Name}), 0) AS BIGINT) AS {c.Name}" : $"CAST(SUM({c.Name}) AS BIGINT) AS {c.Name}"))));
        sum.AppendLine("FROM partial");
        if (keys.Count > 0)
        {
            sum.AppendLine("GROUP BY " + string.Join(", ", keys));
            sum.AppendLine("ORDER BY " + string.Join(", ", keys.Select(s => s + " NULLS FIRST")));
        }
        return (with, countsBranch, repeatsBranch, sum.ToString());
    }

    /// <summary>
    /// The query <see cref="Compute"/> runs: the same typed rows and repeat flags as <see cref="Build"/>'s, counted by
    /// state instead of summed into counts: one row per group and class of contacts the core's states read (channel,
    /// direction, answered, the wait's place among the thresholds and response buckets, transferred, resolved flag:
    /// <see cref="KpiCounts.FromContacts"/>), with the contacts and their summed times; one per group and survey score
    /// (CSAT, NPS, CES: three more grouping sets of the same scan); one per group and repeat flags. <c>part</c> says
    /// which: <see cref="StatePart"/>, <see cref="CsatPart"/>, <see cref="NpsPart"/>, <see cref="CesPart"/> (the
    /// grouping sets' <c>GROUPING(csat, nps, ces)</c>) or <see cref="RepeatPart"/>. Ordered by the group keys (missing first).
    /// A <c>COUNT(*)</c> per state costs DuckDB a fraction of the 62 conditional sums per group (docs/benchmarks.md).
    /// </summary>
    internal static string BuildByState(SqlDialect dialect, KpiGrouping grouping, KpiOptions? options = null, SqlTables? tables = null)
    {
        var (with, keys, filter) = Typed(dialect, grouping, options, tables);
        options ??= KpiOptions.Default;
        string Keys(string columns) => string.Concat(keys.Select(k => k + ", ")) + columns;
        var bounds = WaitBounds(options);
        var waitClass = new StringBuilder("CASE");
        for (int c = 0; c < bounds.Count; c++)
        {
            waitClass.Append(CultureInfo.InvariantCulture, $" WHEN wait_ms <= {bounds[c]} THEN {c}");
        }
        waitClass.Append(CultureInfo.InvariantCulture, $" ELSE {bounds.Count} END");
        const string States = "contact_channel, inbound, answered, wait_class, transferred, resolved_known, resolved_yes";
        const string Sums = "COUNT(*) AS contacts, CAST(SUM(wait_ms) AS BIGINT) AS wait_ms, CAST(SUM(talk_ms) AS BIGINT) AS talk_ms, CAST(SUM(hold_ms) AS BIGINT) AS hold_ms, CAST(SUM(acw_ms) AS BIGINT) AS acw_ms";
        var sql = new StringBuilder(with);
        sql.AppendLine("), states AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT {Keys("channel AS contact_channel")}, inbound, answered, {waitClass} AS wait_class,");
        sql.AppendLine("    transferred, resolved_known, resolved_yes, csat, nps, ces, wait_ms, talk_ms, hold_ms, acw_ms");
        sql.AppendLine("  FROM scoped");
        sql.Append(filter);
        sql.AppendLine(")");
        sql.AppendLine("SELECT * FROM (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT {Keys("GROUPING(csat, nps, ces) AS part")}, {States}, csat, nps, ces,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CAST(NULL AS INTEGER) AS eligible, CAST(NULL AS INTEGER) AS followed, CAST(NULL AS INTEGER) AS is_repeat, {Sums}");
        sql.AppendLine("  FROM states");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  GROUP BY GROUPING SETS (({Keys(States)}), ({Keys("csat")}), ({Keys("nps")}), ({Keys("ces")}))");
        sql.AppendLine("  UNION ALL");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT {Keys($"{RepeatPart} AS part")}, CAST(NULL AS VARCHAR(16)) AS contact_channel, CAST(NULL AS INTEGER) AS inbound, CAST(NULL AS INTEGER) AS answered,");
        sql.AppendLine("    CAST(NULL AS INTEGER) AS wait_class, CAST(NULL AS INTEGER) AS transferred, CAST(NULL AS INTEGER) AS resolved_known, CAST(NULL AS INTEGER) AS resolved_yes,");
        sql.AppendLine("    CAST(NULL AS INTEGER) AS csat, CAST(NULL AS INTEGER) AS nps, CAST(NULL AS INTEGER) AS ces, eligible, followed, is_repeat,");
        sql.AppendLine("    COUNT(*) AS contacts, CAST(NULL AS BIGINT) AS wait_ms, CAST(NULL AS BIGINT) AS talk_ms, CAST(NULL AS BIGINT) AS hold_ms, CAST(NULL AS BIGINT) AS acw_ms");
        sql.AppendLine("  FROM flagged");
        sql.Append(filter);
        sql.AppendLine(CultureInfo.InvariantCulture, $"  GROUP BY {Keys("eligible, followed, is_repeat")}");
        sql.AppendLine(") counted");
        if (keys.Count > 0)
        {
            sql.AppendLine("ORDER BY " + string.Join(", ", keys.Select(s => s + " NULLS FIRST")));
        }
        return sql.ToString();
    }

    /// <summary>Indices in the count columns (the order of <see cref="CountColumns"/> and <see cref="ToCounts"/>) of the repeat counts and the first of each survey histogram.</summary>
    private const int FcrEligibleColumn = 18, ResolvedFirstTimeColumn = 19, RepeatsColumn = 20, CsatColumn = 21, NpsColumn = 26, CesColumn = 37,
        IssuesResolvedFirstTimeColumn = 44;

    /// <summary>The <c>part</c> of <see cref="BuildByState"/>'s rows: a class of contacts (<c>GROUPING(csat, nps, ces)</c> with none of the three grouped), a CSAT, NPS or CES score, repeat flags.</summary>
    internal const int StatePart = 7, CsatPart = 3, NpsPart = 5, CesPart = 6, RepeatPart = 8;

    /// <summary>
    /// The waits, in milliseconds, that every threshold of <paramref name="options"/> compares a wait with (the short-abandon
    /// and service-level thresholds, the response target, the response buckets' bounds), distinct and ascending: a wait's
    /// class is the first bound at or above it (the count of bounds when none), and that bound (or the last plus 1) stands
    /// for every wait of the class, since it falls alike against each threshold.
    /// </summary>
    internal static List<long> WaitBounds(KpiOptions options) =>
        [.. new[] { options.ServiceLevel.ShortAbandonThreshold, options.ServiceLevel.Threshold, options.ResponseTarget }
            .Select(t => (long)t.TotalMilliseconds)
            .Concat(KpiCounts.ResponseTimeBucketBounds.Select(b => (long)b.TotalMilliseconds))
            .Distinct().Order()];

    /// <summary>
    /// The typed rows and repeat flags both queries read: <c>WITH</c> up to the repeat flags' CTE's body (unclosed), the group
    /// keys (dimensions, then the bucket) and the arrival range's <c>WHERE</c> (empty without one).
    /// </summary>
    private static (string With, List<string> Keys, string Filter) Typed(SqlDialect dialect, KpiGrouping grouping, KpiOptions? options, SqlTables? tables)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(grouping);
        options ??= KpiOptions.Default;
        tables ??= SqlTables.Default;
        Check(grouping, tables);
        var dims = DimensionColumns.Where(d => grouping.Dimensions.HasFlag(d.Dimension)).Select(d => d.Column).ToList();
        bool bucketed = grouping.Bucket != TimeBucket.None;
        bool segment = grouping.Dimensions.HasFlag(KpiDimensions.Segment);
        string agentChannels = SqlText.Channels(dialect, c => c.IsAgentHandled());
        string asynchronousChannels = SqlText.Channels(dialect, c => c.IsAsynchronous());
        string Epoch(string t) => dialect.EpochMicroseconds(t);

        var sql = new StringBuilder();
        // The rows are typed in three CTEs that both branches of the sums read, each NOT MATERIALIZED (see the remarks).
        sql.AppendLine(CultureInfo.InvariantCulture, $"WITH base AS {dialect.NotMaterialized}(");
        sql.AppendLine("  SELECT i.interaction_id AS id, i.customer_id AS customer_id, i.agent_id AS agent, i.queue AS queue, i.reason AS reason,");
        if (segment)
        {
            sql.AppendLine("    c.segment AS segment,");
        }
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Channel("i.channel")} AS channel,");
        sql.AppendLine("    CASE WHEN i.direction IS NULL OR LOWER(TRIM(i.direction)) = 'inbound' THEN 'inbound' ELSE 'outbound' END AS direction,");
        sql.AppendLine("    CASE WHEN i.answered_at IS NULL THEN 0 ELSE 1 END AS answered,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Epoch("i.arrived_at")} AS arrived_us,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Epoch("COALESCE(i.answered_at, i.ended_at)")} - {Epoch("i.arrived_at")} AS wait_us,");
        if (bucketed)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"    {dialect.LocalTimestamp("i.arrived_at", grouping.TimeZone!)} AS local_timestamp,");
        }
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Milliseconds("i.talk_seconds")} AS talk_ms,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Milliseconds("i.hold_seconds")} AS hold_ms,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Milliseconds("i.acw_seconds")} AS acw_ms,");
        sql.AppendLine("    CASE WHEN COALESCE(i.transfers, 0) > 0 THEN 1 ELSE 0 END AS transferred,");
        sql.AppendLine("    CASE WHEN i.resolved IS NULL THEN 0 ELSE 1 END AS resolved_known,");
        sql.AppendLine("    CASE WHEN i.resolved = TRUE THEN 1 ELSE 0 END AS resolved_yes,");
        sql.AppendLine("    i.csat AS csat, i.nps AS nps, i.ces AS ces");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM {tables.Interactions} i");
        if (segment)
        {
            // One segment per customer, so that a duplicated customer row cannot count an interaction twice.
            sql.AppendLine(CultureInfo.InvariantCulture, $"  LEFT JOIN (SELECT customer_id, MAX(segment) AS segment FROM {tables.Customers} GROUP BY customer_id) c ON c.customer_id = i.customer_id");
        }
        sql.AppendLine(CultureInfo.InvariantCulture, $"), typed AS {dialect.NotMaterialized}(");
        sql.AppendLine("  SELECT base.*,");
        sql.AppendLine("    CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END AS inbound,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN channel IN ({agentChannels}) THEN 1 ELSE 0 END AS agent_channel,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN channel IN ({asynchronousChannels}) THEN 1 ELSE 0 END AS async_channel,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.FloorDiv(dialect, "arrived_us", 1000)} AS arrived_ms,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.FloorDiv(dialect, "wait_us", 1000)} AS wait_ms,");
        sql.AppendLine(bucketed ? $"    {SqlText.FloorDiv(dialect, Epoch("local_timestamp"), 1000)} AS local_ms" : "    0 AS local_ms");
        sql.AppendLine("  FROM base");
        sql.AppendLine(CultureInfo.InvariantCulture, $"), scoped AS {dialect.NotMaterialized}(");
        sql.AppendLine("  SELECT typed.*,");
        sql.AppendLine("    CASE WHEN customer_id IS NOT NULL AND inbound = 1 AND agent_channel = 1 THEN 1 ELSE 0 END AS in_scope,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {BucketKey(dialect, grouping.Bucket)} AS bucket");
        sql.AppendLine("  FROM typed");
        var keys = new List<string>(dims);
        if (bucketed)
        {
            keys.Add("bucket");
        }
        sql.AppendLine("), flagged AS (");
        AppendRepeatFlags(sql, options.Repeat, keys, grouping.ArrivedFrom is not null || grouping.ArrivedBefore is not null);
        var where = new List<string>();
        if (grouping.ArrivedFrom is { } from)
        {
            where.Add($"arrived_us >= {SqlText.Micros(from)}");
        }
        if (grouping.ArrivedBefore is { } before)
        {
            where.Add($"arrived_us < {SqlText.Micros(before)}");
        }
        string filter = where.Count > 0 ? "  WHERE " + string.Join(" AND ", where) + "\n" : "";
        return (sql.ToString(), keys, filter);
    }

    /// <summary>Runs the counts' SQL through <paramref name="connection"/> and reads the groups back.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="grouping">What to group by.</param>
    /// <param name="options">The KPI definitions; the defaults when <see langword="null"/>.</param>
    /// <param name="tables">The relations to read; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>One summary per group that has rows, ordered by key (missing values first). An empty table gives no groups.</returns>
    /// <exception cref="ArgumentException">See <see cref="Build"/>.</exception>
    /// <exception cref="InvalidDataException">Grouped by channel, the engine returned a channel that is not a schema channel (or none); ungrouped by it, such a row counts as Build counts it: contained when inbound.</exception>
    /// <exception cref="DbException">The engine failed (a missing table or column, a value it cannot convert).</exception>
    public static IReadOnlyList<GroupedKpiCounts> Compute(DbConnection connection, SqlDialect dialect, KpiGrouping grouping, KpiOptions? options = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = BuildByState(dialect, grouping, options, tables);
        options ??= KpiOptions.Default;
        var dims = DimensionColumns.Where(d => grouping.Dimensions.HasFlag(d.Dimension)).Select(d => d.Dimension).ToArray();
        var buckets = grouping.Bucket == TimeBucket.None ? null : new BucketDescriber(grouping.TimeZone!, grouping.Bucket);
        int keyCount = dims.Length + (buckets is null ? 0 : 1);
        // The wait that stands for each class of BuildByState's wait_class: its bound, or above the last one.
        var bounds = WaitBounds(options);
        var classWait = bounds.Append(bounds[^1] + 1).ToArray();
        return SqlText.OnOpen(connection, () =>
        {
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            var groups = new List<GroupedKpiCounts>();
            // The group being read: its keys, its survey and repeat counts (in the order of the count columns) and its classes' counts.
            object[]? keys = null;
            var columns = new long[CountColumnCount];
            var states = KpiCounts.Empty;
            while (reader.Read())
            {
                bool same = keys is not null;
                for (int k = 0; k < keyCount && same; k++)
                {
                    same = Equals(keys![k], reader.GetValue(k));
                }
                if (!same)
                {
                    Flush();
                    keys = new object[keyCount];
                    for (int k = 0; k < keyCount; k++)
                    {
                        keys[k] = reader.GetValue(k);
                    }
                }
                int c = keyCount;
                int part = Convert.ToInt32(reader.GetValue(c), CultureInfo.InvariantCulture);
                long Int(int column) => reader.IsDBNull(c + column) ? 0 : Convert.ToInt64(reader.GetValue(c + column), CultureInfo.InvariantCulture);
                long contacts = Int(14);
                switch (part)
                {
                    case StatePart:
                        string? text = reader.IsDBNull(c + 1) ? null : Convert.ToString(reader.GetValue(c + 1), CultureInfo.InvariantCulture);
                        bool inbound = Int(2) == 1;
                        // A channel that is not a schema channel, or none, is neither an agent nor an asynchronous one to Build's
                        // sums: contained when inbound, nothing else (the memory readers reject such rows). As a group key it
                        // still stops the read (ParseChannel).
                        states += text is not null && ChannelNames.TryParseChannel(text, out var channel)
                            ? KpiCounts.FromContacts(contacts, channel, inbound ? Direction.Inbound : Direction.Outbound,
                                answered: Int(3) == 1, classWait[Int(4)], transferred: Int(5) == 1, resolved: Int(6) == 1 ? Int(7) == 1 : null,
                                Int(15), Int(16), Int(17), Int(18), options)
                            : KpiCounts.FromCounts(offeredContacts: inbound ? contacts : 0, containedContacts: inbound ? contacts : 0);
                        break;
                    case CsatPart:
                        Score(8, 1, 5, CsatColumn);
                        break;
                    case NpsPart:
                        Score(9, 0, 10, NpsColumn);
                        break;
                    case CesPart:
                        Score(10, 1, 7, CesColumn);
                        break;
                    default:
                        // The repeat flags of in-scope contacts: eligible (answered), followed by a repeat, a repeat.
                        bool eligible = Int(11) == 1, followed = Int(12) == 1, repeat = Int(13) == 1;
                        columns[FcrEligibleColumn] += eligible ? contacts : 0;
                        columns[ResolvedFirstTimeColumn] += eligible && !followed ? contacts : 0;
                        columns[RepeatsColumn] += repeat ? contacts : 0;
                        columns[IssuesResolvedFirstTimeColumn] += eligible && !followed && !repeat ? contacts : 0;
                        break;
                }

                // The contacts with a score (in column `column`) from `lowest` to `highest` go to its count column (from `first`); without
                // one, or outside the scale, nowhere.
                void Score(int column, int lowest, int highest, int first)
                {
                    long score = Int(column);
                    if (!reader.IsDBNull(c + column) && score >= lowest && score <= highest)
                    {
                        columns[first + (int)(score - lowest)] += contacts;
                    }
                }
            }
            Flush();
            return groups;

            void Flush()
            {
                if (keys is null)
                {
                    return;
                }
                string? agent = null, queue = null, reason = null, segment = null;
                Channel? channel = null;
                Direction? direction = null;
                int k = 0;
                foreach (var dim in dims)
                {
                    string? text = keys[k] is DBNull ? null : Convert.ToString(keys[k], CultureInfo.InvariantCulture);
                    k++;
                    switch (dim)
                    {
                        case KpiDimensions.Agent: agent = text; break;
                        case KpiDimensions.Channel: channel = ParseChannel(text); break;
                        case KpiDimensions.Direction: direction = text is null ? null : ChannelNames.ParseDirection(text); break;
                        case KpiDimensions.Queue: queue = text; break;
                        case KpiDimensions.Reason: reason = text; break;
                        default: segment = text; break;
                    }
                }
                ZonedDateTime? start = null;
                Duration? length = null;
                if (buckets is not null)
                {
                    if (keys[k] is DBNull)
                    {
                        throw new InvalidDataException($"{(tables ?? SqlTables.Default).Interactions}: some rows have no arrived_at, so they have no time bucket; every interaction needs arrived_at: fill it or leave those rows out (contactmetrics validate names the lines).");
                    }
                    (start, length) = buckets.Describe(Convert.ToInt64(keys[k], CultureInfo.InvariantCulture));
                }
                groups.Add(new GroupedKpiCounts(ToCounts(columns) + states, agent, channel, direction, queue, reason, segment, start, length));
                Array.Clear(columns);
                states = KpiCounts.Empty;
            }
        });
    }

    private static void Check(KpiGrouping grouping, SqlTables tables)
    {
        if (!Enum.IsDefined(grouping.Bucket))
        {
            throw new ArgumentOutOfRangeException(nameof(grouping), grouping.Bucket, "Not a defined time bucket.");
        }
        if (grouping.Bucket != TimeBucket.None && grouping.TimeZone is null)
        {
            throw new ArgumentException($"A time bucket ({grouping.Bucket}) needs a time zone to say where days begin.", nameof(grouping));
        }
        if (grouping.ArrivedFrom is { } from && grouping.ArrivedBefore is { } before && from >= before)
        {
            throw new ArgumentException($"The arrival range starts ({from}) at or after its end ({before}).", nameof(grouping));
        }
        if (grouping.Dimensions.HasFlag(KpiDimensions.Segment) && tables.Customers is null)
        {
            throw new ArgumentException("Grouping by segment needs a customers relation (SqlTables.Customers).", nameof(tables));
        }
    }

    internal static Channel? ParseChannel(string? text)
    {
        if (text is null)
        {
            throw new InvalidDataException("The engine returned a group without a channel: the interactions need a channel on every row.");
        }
        return ChannelNames.TryParseChannel(text, out var channel) ? channel
            : throw new InvalidDataException($"The engine returned the channel '{text}', which is not a schema channel; validate the interactions (contactmetrics validate).");
    }

    /// <summary>
    /// Repeat contacts, per customer (and reason, and channel, when the rule asks), among the in-scope rows only and with
    /// only the columns the window and the sums need (the group keys, the arrival when a range filters it, the answered flag, the
    /// partition and the order), so the sort behind the window carries about a tenth of each row: a contact is followed by a repeat
    /// when the next in-scope contact arrives within the window, and is a repeat when the latest earlier answered one does.
    /// </summary>
    private static void AppendRepeatFlags(StringBuilder sql, RepeatContactOptions repeat, IReadOnlyList<string> keys, bool ranged)
    {
        string window = RepeatChainSql.WindowMs(repeat);
        // An unknown reason matches nothing under the same-reason rule (whose partition brings reason in).
        string matchable = repeat.SameReason ? "answered = 1 AND reason IS NOT NULL" : "answered = 1";
        // The arrival in microseconds only for the arrival range's filter.
        string[] arrival = ranged ? ["arrived_us"] : [];
        var read = keys.Concat(arrival).Append("answered").Concat(SqlText.RepeatPartition(repeat)).Concat(["arrived_ms", "id"]).Distinct();
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT {string.Concat(keys.Concat(arrival).Select(k => k + ", "))}answered AS eligible,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN {matchable} AND next_ms - arrived_ms <= {window} THEN 1 ELSE 0 END AS followed,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    CASE WHEN {matchable} AND arrived_ms - previous_answered_ms <= {window} THEN 1 ELSE 0 END AS is_repeat");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM (SELECT {string.Join(", ", read)},");
        RepeatChainSql.AppendNeighbours(sql, RepeatChainSql.Over(null, repeat));
        sql.AppendLine("    FROM scoped");
        sql.AppendLine("    WHERE in_scope = 1) w");
    }

    /// <summary>The bucket of a row: the local date of its day, week or month as yyyyMMdd, or the start of its sub-day slot in Unix milliseconds.</summary>
    private static string BucketKey(SqlDialect dialect, TimeBucket bucket)
    {
        return bucket switch
        {
            TimeBucket.None => "0",
            TimeBucket.Day => DateKey("local_timestamp"),
            TimeBucket.Week => DateKey(dialect.Truncate("week", "local_timestamp")),
            TimeBucket.Month => DateKey(dialect.Truncate("month", "local_timestamp")),
            // The start instant of the local sub-day slot: floor(local / size) * size - offset, offset = local - UTC.
            _ => $"{SqlText.FloorDiv(dialect, "local_ms", BucketDescriber.SizeMs(bucket))} * {BucketDescriber.SizeMs(bucket)} - (local_ms - arrived_ms)",
        };
    }

    private static string DateKey(string timestamp) =>
        $"CAST(EXTRACT(YEAR FROM {timestamp}) * 10000 + EXTRACT(MONTH FROM {timestamp}) * 100 + EXTRACT(DAY FROM {timestamp}) AS BIGINT)";

    internal static readonly int CountColumnCount = 21 + 5 + 11 + 7 + 5 + KpiCounts.ResponseTimeBucketBounds.Count + 1;

    /// <summary>The count columns, in the order of <see cref="KpiCounts.FromCounts"/>'s arguments.</summary>
    /// <remarks><c>Repeats</c> marks the counts of the repeat flags, summed over the in-scope rows (<c>eligible</c>, <c>followed</c>, <c>is_repeat</c>).</remarks>
    private static IEnumerable<(string Name, string Expression, bool Repeats)> CountColumns(KpiOptions options)
    {
        string threshold = ((long)options.ServiceLevel.Threshold.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        string shortAbandon = ((long)options.ServiceLevel.ShortAbandonThreshold.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        string target = ((long)options.ResponseTarget.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // Queue KPIs cover live queued channels (ChannelTraits.IsLiveQueue): agent channels that are not asynchronous.
        const string queued = "inbound = 1 AND agent_channel = 1 AND async_channel = 0";
        const string asynchronous = "inbound = 1 AND async_channel = 1";
        var handle = new List<string>();
        if (options.HandleTime.HasFlag(HandleTimeComponents.Talk))
        {
            handle.Add("talk_ms");
        }
        if (options.HandleTime.HasFlag(HandleTimeComponents.Hold))
        {
            handle.Add("hold_ms");
        }
        if (options.HandleTime.HasFlag(HandleTimeComponents.AfterCallWork))
        {
            handle.Add("acw_ms");
        }
        static string When(string condition, string value = "1") => $"CASE WHEN {condition} THEN {value} ELSE 0 END";
        yield return ("offered", "inbound", false);
        yield return ("queued", When(queued), false);
        yield return ("answered", When($"{queued} AND answered = 1"), false);
        yield return ("abandoned", When($"{queued} AND answered = 0"), false);
        yield return ("answered_within", When($"{queued} AND answered = 1 AND wait_ms <= {threshold}"), false);
        yield return ("abandoned_within", When($"{queued} AND answered = 0 AND wait_ms <= {threshold}"), false);
        yield return ("short_abandons", When($"{queued} AND answered = 0 AND wait_ms <= {shortAbandon}"), false);
        yield return ("contained", When("inbound = 1 AND agent_channel = 0"), false);
        const string handled = "agent_channel = 1 AND answered = 1";
        yield return ("handled", When(handled), false);
        yield return ("handle_ms", When(handled, "(" + string.Join(" + ", handle) + ")"), false);
        yield return ("talk_ms", When(handled, "talk_ms"), false);
        yield return ("hold_ms", When(handled, "hold_ms"), false);
        yield return ("acw_ms", When(handled, "acw_ms"), false);
        yield return ("wait_answered_ms", When($"{queued} AND answered = 1", "wait_ms"), false);
        yield return ("wait_abandoned_ms", When($"{queued} AND answered = 0", "wait_ms"), false);
        yield return ("transferred", When($"{handled} AND transferred = 1"), false);
        yield return ("resolved_flagged", When($"{handled} AND resolved_known = 1"), false);
        yield return ("resolved_true", When($"{handled} AND resolved_yes = 1"), false);
        yield return ("fcr_eligible", "eligible", true);
        yield return ("resolved_first_time", When("eligible = 1 AND followed = 0"), true);
        yield return ("repeat_contacts", "is_repeat", true);
        for (int s = 1; s <= 5; s++)
        {
            yield return ($"csat_{s}", When($"csat = {s}"), false);
        }
        for (int s = 0; s <= 10; s++)
        {
            yield return ($"nps_{s}", When($"nps = {s}"), false);
        }
        for (int s = 1; s <= 7; s++)
        {
            yield return ($"ces_{s}", When($"ces = {s}"), false);
        }
        // Per issue: an eligible contact that repeats nothing starts an issue; resolved first time when no repeat follows it.
        yield return ("issues_resolved_first_time", When("eligible = 1 AND is_repeat = 0 AND followed = 0"), true);
        yield return ("asynchronous", When(asynchronous), false);
        yield return ("asynchronous_answered", When($"{asynchronous} AND answered = 1"), false);
        yield return ("response_ms", When($"{asynchronous} AND answered = 1", "wait_ms"), false);
        yield return ("response_within_target", When($"{asynchronous} AND answered = 1 AND wait_ms <= {target}"), false);
        // The response-time histogram's buckets: (previous bound, bound], the first from below, the last open.
        var bounds = KpiCounts.ResponseTimeBucketBounds.Select(b => ((long)b.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).ToList();
        for (int k = 0; k <= bounds.Count; k++)
        {
            string above = k == 0 ? "" : $" AND wait_ms > {bounds[k - 1]}";
            string below = k == bounds.Count ? "" : $" AND wait_ms <= {bounds[k]}";
            yield return ($"response_bucket_{k}", When($"{asynchronous} AND answered = 1{above}{below}"), false);
        }
    }

    /// <summary>The counts of one group from its count columns, in the order of the SQL and of the kpi counts file.</summary>
    internal static KpiCounts ToCounts(long[] c) => KpiCounts.FromCounts(
        offeredContacts: c[0], queuedContacts: c[1], answeredContacts: c[2], abandonedContacts: c[3], answeredWithinThreshold: c[4],
        abandonedWithinThreshold: c[5], shortAbandonedContacts: c[6], containedContacts: c[7], handledContacts: c[8], handleMilliseconds: c[9],
        talkMilliseconds: c[10], holdMilliseconds: c[11], afterCallWorkMilliseconds: c[12], waitAnsweredMilliseconds: c[13],
        waitAbandonedMilliseconds: c[14], transferredContacts: c[15], resolvedFlagged: c[16], resolvedTrue: c[17], fcrEligibleContacts: c[18],
        resolvedFirstTime: c[19], repeatContacts: c[20], csatHistogram: c.AsSpan(21, 5), npsHistogram: c.AsSpan(26, 11), cesHistogram: c.AsSpan(37, 7),
        issuesResolvedFirstTime: c[44], asynchronousContacts: c[45], asynchronousAnswered: c[46], responseMilliseconds: c[47],
        answeredWithinResponseTarget: c[48], responseTimeHistogram: c.AsSpan(49));
}
