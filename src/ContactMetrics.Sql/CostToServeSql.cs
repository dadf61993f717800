using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql;

/// <summary>
/// The SQL of cost-to-serve's sufficient statistics (<see cref="CostCell"/>s: per group of each breakdown and channel,
/// the contacts, their handle time and their activity costs) and its run through a <see cref="DbConnection"/>: the
/// same result <see cref="CostToServeCalculator"/> computes in memory, because the calculator's overheads depend only
/// on those sums (<see cref="CostToServeCalculator.FromCells"/>).
/// </summary>
/// <remarks>
/// <para>One query in the portable subset of <see cref="SqlDialect"/>: a first step prices every contact as the
/// calculator does (handle, connected and queue milliseconds, each activity the milliseconds times the model's rate as
/// an 8-byte float, rounded half to even to a micro-unit); a second forms the repeat chains with window functions
/// (per customer, and reason and channel when the rule asks, ordered by arrival then <c>interaction_id</c>: a contact
/// whose latest earlier eligible contact is within the window continues its chain, and a contact's chain starts at the
/// latest contact before it, itself included, that does not); a self-join gives each contact its chain's first contact;
/// a last step adds everything up by <c>GROUPING SETS</c> (channel; chain's channel; reason; chain's reason; segment;
/// customer; each with the channel).</para>
/// <para>A chain's contacts are one customer's, so the segments by chain start are the segments' own cells.</para>
/// <para>Differences from memory: the SQL trusts its rows (validate them first); contacts of a customer at one instant
/// are ordered by <c>interaction_id</c> (memory: the table's row order); the result has no rows, so no cost per contact
/// (<see cref="CostToServeResult.CostOfContact"/>).</para>
/// </remarks>
public static class CostToServeSql
{
    // GROUPING(root_channel, reason, root_reason, segment, customer_id): the bit of the set's own key is 0.
    private const int ChannelSet = 31, ChainChannelSet = 15, ReasonSet = 23, ChainReasonSet = 27, SegmentSet = 29, CustomerSet = 30;

    /// <summary>The SQL that computes the cells.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">The cost model whose rates price the contacts (per-contact fees and overheads are applied in .NET).</param>
    /// <param name="repeat">The repeat-contact rule of the chains; the KPI default when <see langword="null"/>.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when <see langword="null"/> (customers, when given, for the segments).</param>
    /// <returns>The query: one row per cell: the grouping bits, channel, chain's channel, reason, chain's reason, segment, whether identified, customer id, then the sums.</returns>
    public static string Build(SqlDialect dialect, CostModel model, RepeatContactOptions? repeat = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(model);
        repeat ??= new RepeatContactOptions();
        tables ??= SqlTables.Default;
        string Epoch(string t) => dialect.EpochMicroseconds(t);

        var sql = new StringBuilder();
        RepeatChainSql.AppendBase(sql, dialect, tables,
            $"{SqlText.FloorDiv(dialect, $"{Epoch("COALESCE(i.answered_at, i.ended_at)")} - {Epoch("i.arrived_at")}", 1000)} AS queue_ms",
            $"{SqlText.Milliseconds("i.talk_seconds")} AS talk_ms",
            $"{SqlText.Milliseconds("i.hold_seconds")} AS hold_ms",
            $"{SqlText.Milliseconds("i.acw_seconds")} AS acw_ms");
        RepeatChainSql.AppendBaseFrom(sql, tables);
        sql.AppendLine("), products AS (");
        sql.AppendLine("  SELECT base.*, talk_ms + hold_ms + acw_ms AS handle_ms,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Product(dialect, model, "talk_ms + hold_ms + acw_ms", r => r.AgentMicrosPerMillisecond)} AS agent_x,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Product(dialect, model, "queue_ms + talk_ms + hold_ms", r => r.TelephonyMicrosPerMillisecond)} AS telephony_x,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {Product(dialect, model, "queue_ms", r => r.IvrMicrosPerMillisecond)} AS ivr_x,");
        // A contact may continue a chain when it is in the FCR scope (and, under the same-reason rule, has a reason).
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {RepeatChainSql.Linkable(dialect, repeat)} AS linkable,");
        sql.AppendLine("    CASE WHEN customer_id IS NULL THEN 0 ELSE 1 END AS identified");
        sql.AppendLine("  FROM base");
        sql.AppendLine("), priced AS (");
        sql.AppendLine("  SELECT products.*,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {RoundHalfEven("agent_x")} AS agent_micros,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {RoundHalfEven("telephony_x")} AS telephony_micros,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {RoundHalfEven("ivr_x")} AS ivr_micros");
        sql.AppendLine("  FROM products");
        RepeatChainSql.Append(sql, repeat, "priced");
        sql.AppendLine(")");
        sql.AppendLine("SELECT GROUPING(root_channel, reason, root_reason, segment, customer_id) AS set_bits,");
        sql.AppendLine("  channel, root_channel, reason, root_reason, segment, identified, customer_id,");
        sql.AppendLine("  CAST(COUNT(*) AS BIGINT) AS contacts,");
        sql.AppendLine("  CAST(SUM(CASE WHEN handle_ms > 0 THEN 1 ELSE 0 END) AS BIGINT) AS with_handle,");
        sql.AppendLine("  CAST(SUM(handle_ms) AS BIGINT) AS handle_ms,");
        sql.AppendLine("  CAST(SUM(agent_micros) AS BIGINT) AS agent_micros,");
        sql.AppendLine("  CAST(SUM(telephony_micros) AS BIGINT) AS telephony_micros,");
        sql.AppendLine("  CAST(SUM(ivr_micros) AS BIGINT) AS ivr_micros,");
        sql.AppendLine("  CAST(SUM(starts) AS BIGINT) AS chain_starts");
        sql.AppendLine("FROM rooted");
        sql.AppendLine("GROUP BY GROUPING SETS ((channel), (root_channel, channel), (reason, channel), (root_reason, channel), (segment, identified, channel), (customer_id, channel))");
        return sql.ToString();
    }

    /// <summary>Runs the cells' SQL through <paramref name="connection"/> and reads the cells back.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">The cost model.</param>
    /// <param name="repeat">The repeat-contact rule; the KPI default when <see langword="null"/>.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The cells of every breakdown (the segments' twice: own and by chain start).</returns>
    /// <exception cref="InvalidDataException">The engine returned a channel that is not a schema channel, or a row without a channel.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static IReadOnlyList<CostCell> Cells(DbConnection connection, SqlDialect dialect, CostModel model, RepeatContactOptions? repeat = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = Build(dialect, model, repeat, tables);
        return SqlText.OnOpen(connection, () =>
        {
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            var cells = new List<CostCell>();
            while (reader.Read())
            {
                int set = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                string? Text(int k) => reader.IsDBNull(k) ? null : Convert.ToString(reader.GetValue(k), CultureInfo.InvariantCulture);
                long Long(int k) => Convert.ToInt64(reader.GetValue(k), CultureInfo.InvariantCulture);
                var channel = KpiCountsSql.ParseChannel(Text(1))!.Value;
                CostCell Cell(CostDimension dimension, bool byChain, string? key, bool identified = true) =>
                    new(dimension, byChain, key, identified, channel, Long(8), Long(9), Long(10), Long(11), Long(12), Long(13), Long(14));
                switch (set)
                {
                    case ChannelSet: cells.Add(Cell(CostDimension.Channel, false, channel.ToSchemaName())); break;
                    case ChainChannelSet: cells.Add(Cell(CostDimension.Channel, true, KpiCountsSql.ParseChannel(Text(2))!.Value.ToSchemaName())); break;
                    case ReasonSet: cells.Add(Cell(CostDimension.Reason, false, Text(3))); break;
                    case ChainReasonSet: cells.Add(Cell(CostDimension.Reason, true, Text(4))); break;
                    case SegmentSet:
                        bool identified = Long(6) == 1;
                        cells.Add(Cell(CostDimension.Segment, false, identified ? Text(5) : null, identified));
                        cells.Add(Cell(CostDimension.Segment, true, identified ? Text(5) : null, identified));
                        break;
                    case CustomerSet: cells.Add(Cell(CostDimension.Customer, false, Text(7), Text(7) is not null)); break;
                    default: throw new InvalidDataException($"The engine returned the grouping set {set}, which the cost-to-serve SQL does not make.");
                }
            }
            return cells;
        });
    }

    /// <summary>Cost-to-serve of the relations: <see cref="Cells"/> through <see cref="CostToServeCalculator.FromCells"/>.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="model">The cost model.</param>
    /// <param name="repeat">The repeat-contact rule; the KPI default when <see langword="null"/>.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The result, equal to the in-memory calculator's on the same rows (without per-contact costs).</returns>
    /// <exception cref="ArgumentException">The model has no rates for a channel the rows use, or an overhead has nothing to spread over.</exception>
    /// <exception cref="InvalidDataException">See <see cref="Cells"/>.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static CostToServeResult Compute(DbConnection connection, SqlDialect dialect, CostModel model, RepeatContactOptions? repeat = null, SqlTables? tables = null) =>
        CostToServeCalculator.FromCells(model, Cells(connection, dialect, model, repeat, tables), repeat);

    /// <summary>Milliseconds times a channel's rate as an 8-byte float (the double the calculator multiplies by); 0 for a channel the model has no rates for.</summary>
    private static string Product(SqlDialect dialect, CostModel model, string milliseconds, Func<ChannelRates, double> rate)
    {
        var cases = model.Channels.Select(r =>
            $"WHEN {dialect.Literal(r.Channel.ToSchemaName())} THEN CAST({dialect.Literal(rate(r).ToString("R", CultureInfo.InvariantCulture))} AS {dialect.FloatType})");
        return $"CAST({milliseconds} AS {dialect.FloatType}) * CASE channel {string.Join(" ", cases)} ELSE CAST(0 AS {dialect.FloatType}) END";
    }

    /// <summary>Rounds a non-negative float column half to even, as <see cref="Math.Round(double, MidpointRounding)"/> with <see cref="MidpointRounding.ToEven"/> (the fraction of a double below 2^52 is exact).</summary>
    private static string RoundHalfEven(string x) =>
        $"CAST(FLOOR({x}) AS BIGINT) + CASE WHEN {x} - FLOOR({x}) > 0.5 THEN 1 WHEN {x} - FLOOR({x}) < 0.5 THEN 0 ELSE MOD(CAST(FLOOR({x}) AS BIGINT), 2) END";
}
