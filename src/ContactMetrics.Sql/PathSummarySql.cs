using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Attribution;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>The relations path summaries read: <c>touchpoints</c> (customer_id, occurred_at, channel), <c>conversions</c> (customer_id, occurred_at, value, currency) and, for service contacts as touches, <c>interactions</c>.</summary>
/// <param name="Touchpoints">The touchpoints relation.</param>
/// <param name="Conversions">The conversions relation.</param>
/// <param name="Interactions">The interactions relation whose contacts become <c>service:&lt;channel&gt;</c> touches at their end; <see langword="null"/> for none.</param>
public sealed record JourneyTables(string Touchpoints = "touchpoints", string Conversions = "conversions", string? Interactions = null);

/// <summary>
/// The SQL of the path summary of attribution (ChannelAttribution's <c>path, total_conversions, total_conversion_value,
/// total_null</c>): journeys cut as <see cref="JourneyBuilder.Build(IEnumerable{Domain.Touchpoint}, IEnumerable{Domain.Conversion}, Tables.InteractionTable, JourneyOptions?)"/> cuts them, compressed by path as
/// <see cref="JourneyBuilder.Summarize"/> does, and read back into the same <see cref="PathSummary"/>.
/// </summary>
/// <remarks>
/// <para>Per customer, touches and conversions are one stream in time order (a touch at the instant of a conversion
/// before it); a window function gives each touch the next conversion, whose journey it joins when it is within the
/// lookback; the touches after the last conversion are one non-converting journey (those within the lookback before its
/// last touch); a conversion without touches is the path <see cref="JourneyOptions.DirectChannel"/>. Consecutive repeats
/// collapse with <c>LAG</c> when asked. Paths are joined with <c>string_agg(channel, ' &gt; ' ORDER BY ...)</c>.</para>
/// <para>Paths come in the order of their first journey (customers by id, ordinal; a customer's journeys in time
/// order), so the summary, its channel order included, is the one memory builds. Differences from memory: touches of
/// a customer at the same instant are ordered marketing first, then service, then by channel name (memory: marketing
/// first, then the tables' row order); conversions at the same instant by value (memory: row order). A path's value is
/// the double sum of its conversions' values in journey order (<c>SUM(value ORDER BY ...)</c>), as memory adds them.
/// Summaries of customer partitions, merged by path (<see cref="PathSummaryBuilder.Add(PathSummary)"/>), are the
/// summary of the whole.</para>
/// </remarks>
public static class PathSummarySql
{
    /// <summary>The SQL: one row per path (path, total_conversions, total_conversion_value, total_null) in the order of first appearance.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="options">Lookback, collapsing of repeats and the direct channel; the defaults when null.</param>
    /// <param name="tables">The relations; <see cref="JourneyTables"/>' defaults (no service contacts) when null.</param>
    /// <returns>The query.</returns>
    public static string Build(SqlDialect dialect, JourneyOptions? options = null, JourneyTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        options ??= new JourneyOptions();
        tables ??= new JourneyTables();
        string Epoch(string t) => dialect.EpochMicroseconds(t);
        string lookback = SqlText.Micros(options.Lookback);
        const string order = "t_us, kind, source, channel, value";
        var sql = new StringBuilder();
        // kind 0: a touch (before a conversion at the same instant), 1: a conversion; source: 0 marketing, 1 service.
        sql.AppendLine("WITH events AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT customer_id, {Epoch("occurred_at")} AS t_us, 0 AS kind, 0 AS source, channel, CAST(NULL AS DECIMAL(38, 9)) AS value FROM {tables.Touchpoints}");
        if (tables.Interactions is { } interactions)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"  UNION ALL SELECT customer_id, {Epoch("ended_at")}, 0, 1, {dialect.Literal(JourneyOptions.DefaultServicePrefix)} || {SqlText.Channel("channel")}, NULL FROM {interactions} WHERE customer_id IS NOT NULL");
        }
        sql.AppendLine(CultureInfo.InvariantCulture, $"  UNION ALL SELECT customer_id, {Epoch("occurred_at")}, 1, 0, NULL, CAST(value AS DECIMAL(38, 9)) FROM {tables.Conversions}");
        sql.AppendLine("), numbered AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT events.*, CASE WHEN kind = 1 THEN ROW_NUMBER() OVER (PARTITION BY customer_id, kind ORDER BY {order}) END AS conversion_n");
        sql.AppendLine("  FROM events");
        sql.AppendLine("), streamed AS (");
        // The next conversion of each event (its own for a conversion): numbers and times grow along the stream.
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT numbered.*, MIN(conversion_n) OVER (PARTITION BY customer_id ORDER BY {order}, conversion_n ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS journey,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    MIN(CASE WHEN kind = 1 THEN t_us END) OVER (PARTITION BY customer_id ORDER BY {order}, conversion_n ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS conversion_us");
        sql.AppendLine("  FROM numbered");
        sql.AppendLine("), tails AS (");
        sql.AppendLine("  SELECT streamed.*, MAX(CASE WHEN journey IS NULL THEN t_us END) OVER (PARTITION BY customer_id) AS last_us FROM streamed");
        sql.AppendLine("), touches AS (");
        // Touches within the lookback of their conversion, or of the last touch for the journey after the last conversion.
        sql.AppendLine("  SELECT customer_id, COALESCE(journey, 2147483647) AS journey, t_us, kind, source, channel, value FROM tails");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  WHERE kind = 0 AND t_us >= COALESCE(conversion_us, last_us) - {lookback}");
        sql.AppendLine("), kept AS (");
        if (options.CollapseRepeats)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT * FROM (SELECT touches.*, LAG(channel) OVER (PARTITION BY customer_id, journey ORDER BY {order}) AS previous FROM touches) r");
            sql.AppendLine("  WHERE previous IS NULL OR previous <> channel");
        }
        else
        {
            sql.AppendLine("  SELECT * FROM touches");
        }
        sql.AppendLine("), paths AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT customer_id, journey, string_agg(channel, {dialect.Literal(PathSummaryReader.DefaultSeparator)} ORDER BY {order}) AS path FROM kept GROUP BY customer_id, journey");
        sql.AppendLine("), journeys AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT c.customer_id, c.conversion_n AS journey, COALESCE(p.path, {dialect.Literal(options.DirectChannel)}) AS path, 1 AS converted, CAST(c.value AS {dialect.FloatType}) AS value");
        sql.AppendLine("  FROM numbered c LEFT JOIN paths p ON p.customer_id = c.customer_id AND p.journey = c.conversion_n WHERE c.kind = 1");
        sql.AppendLine("  UNION ALL SELECT customer_id, journey, path, 0, 0 FROM paths WHERE journey = 2147483647");
        sql.AppendLine("), ordered AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT journeys.*, ROW_NUMBER() OVER (ORDER BY {dialect.Ordinal("customer_id")}, journey) AS seq FROM journeys");
        sql.AppendLine(")");
        // Values added as doubles in journey order, as memory adds them, so both give the same bits.
        sql.AppendLine("SELECT path, CAST(SUM(converted) AS BIGINT) AS total_conversions, SUM(value ORDER BY seq) AS total_conversion_value, CAST(SUM(1 - converted) AS BIGINT) AS total_null");
        sql.AppendLine("FROM ordered GROUP BY path ORDER BY MIN(seq)");
        return sql.ToString();
    }

    /// <summary>Runs the path summary's SQL through <paramref name="connection"/> and reads it back.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="options">Lookback, collapsing of repeats and the direct channel; the defaults when null.</param>
    /// <param name="tables">The relations; <see cref="JourneyTables"/>' defaults when null.</param>
    /// <returns>The summary in the conversions' currency (none when there are no conversions).</returns>
    /// <exception cref="InvalidDataException">A conversion without a value or customer, a blank currency next to a code, or a code that is not ISO 4217.</exception>
    /// <exception cref="ContactMetrics.Domain.CurrencyMismatchException">The conversions are in more than one currency.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static PathSummary Compute(DbConnection connection, SqlDialect dialect, JourneyOptions? options = null, JourneyTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        tables ??= new JourneyTables();
        string sql = Build(dialect, options, tables);
        return SqlText.OnOpen(connection, () =>
        {
            var builder = new PathSummaryBuilder(SqlText.CurrencyOf(connection, tables.Conversions));
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(2))
                {
                    throw new InvalidDataException($"{tables.Conversions}: some journeys have no {(reader.IsDBNull(0) ? "channel or customer_id" : "value")}; every touchpoint needs customer_id and channel, every conversion customer_id and value: fill them or leave those rows out (contactmetrics validate names the lines).");
                }
                string path = Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
                builder.Add(path.Split(PathSummaryReader.DefaultSeparator), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture),
                    Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture));
            }
            return builder.Build();
        });
    }
}
