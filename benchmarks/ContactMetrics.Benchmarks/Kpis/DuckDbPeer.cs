using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using DuckDB.NET.Data;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>The same contacts in an in-memory DuckDB table, and the same rollups in SQL.</summary>
internal static class DuckDbPeer
{
    public static DuckDBConnection Load(IReadOnlyList<Interaction> rows)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE interactions (
              customer VARCHAR, agent VARCHAR, queue VARCHAR, channel TINYINT, agent_channel BOOLEAN, inbound BOOLEAN, answered BOOLEAN,
              reason VARCHAR, arrived TIMESTAMPTZ, queue_ms BIGINT, talk_ms INTEGER, hold_ms INTEGER, acw_ms INTEGER,
              transfers INTEGER, resolved TINYINT, csat TINYINT, nps TINYINT, ces TINYINT)
            """);
        using (var appender = connection.CreateAppender("interactions"))
        {
            foreach (var i in rows)
            {
                var row = appender.CreateRow();
                row.AppendValue(i.CustomerId?.Value)
                    .AppendValue(i.AgentId?.Value)
                    .AppendValue(i.Queue)
                    .AppendValue((sbyte)i.Channel)
                    .AppendValue(i.Channel.IsAgentHandled())
                    .AppendValue(i.Direction == Direction.Inbound)
                    .AppendValue(i.IsAnswered)
                    .AppendValue(i.Reason)
                    .AppendValue(i.ArrivedAt.ToDateTimeOffset())
                    .AppendValue((long)((i.AnsweredAt ?? i.EndedAt) - i.ArrivedAt).TotalMilliseconds)
                    .AppendValue((int)i.Talk.TotalMilliseconds)
                    .AppendValue((int)i.Hold.TotalMilliseconds)
                    .AppendValue((int)i.AfterCallWork.TotalMilliseconds)
                    .AppendValue(i.Transfers)
                    .AppendValue(i.Resolved is null ? (sbyte?)null : i.Resolved.Value ? (sbyte)1 : (sbyte)0)
                    .AppendValue((sbyte?)i.Survey?.Csat)
                    .AppendValue((sbyte?)i.Survey?.Nps)
                    .AppendValue((sbyte?)i.Survey?.Ces)
                    .EndRow();
            }
        }
        Execute(connection, "SET TimeZone = 'Europe/Amsterdam'");
        return connection;
    }

    /// <summary>The rollup by agent, channel and local day (or channel and local day), with the aggregates the library computes (without repeat detection).</summary>
    public static long Rollup(DuckDBConnection connection, bool byAgentDay)
    {
        using var command = connection.CreateCommand();
        string keys = byAgentDay ? "agent, channel, CAST(arrived AS DATE) AS day" : "channel, CAST(arrived AS DATE) AS day";
        command.CommandText = $"""
            SELECT {keys},
              count(*) FILTER (WHERE inbound) AS offered,
              count(*) FILTER (WHERE inbound AND agent_channel) AS queued,
              count(*) FILTER (WHERE inbound AND agent_channel AND answered) AS answered,
              count(*) FILTER (WHERE inbound AND agent_channel AND answered AND queue_ms <= 20000) AS answered_within,
              count(*) FILTER (WHERE inbound AND agent_channel AND NOT answered AND queue_ms <= 20000) AS abandoned_within,
              count(*) FILTER (WHERE inbound AND agent_channel AND NOT answered AND queue_ms <= 5000) AS short_abandons,
              sum(queue_ms) FILTER (WHERE inbound AND agent_channel AND answered) AS wait_answered,
              sum(queue_ms) FILTER (WHERE inbound AND agent_channel AND NOT answered) AS wait_abandoned,
              count(*) FILTER (WHERE agent_channel AND answered) AS handled,
              sum(talk_ms + hold_ms + acw_ms) FILTER (WHERE agent_channel AND answered) AS handle_ms,
              count(*) FILTER (WHERE agent_channel AND answered AND transfers > 0) AS transferred,
              count(resolved) FILTER (WHERE agent_channel AND answered) AS resolved_known,
              sum(resolved) FILTER (WHERE agent_channel AND answered) AS resolved_true,
              count(*) FILTER (WHERE csat >= 4) AS csat_top2, count(csat) AS csat_n,
              count(*) FILTER (WHERE nps >= 9) AS promoters, count(*) FILTER (WHERE nps <= 6) AS detractors, count(nps) AS nps_n,
              count(*) FILTER (WHERE ces >= 5) AS ces_easy, count(ces) AS ces_n, sum(ces) AS ces_sum
            FROM interactions
            GROUP BY ALL
            """;
        using var reader = command.ExecuteReader();
        int handledOrdinal = reader.GetOrdinal("handled");
        long handled = 0;
        while (reader.Read())
        {
            handled += reader.GetInt64(handledOrdinal);
        }
        return handled;
    }

    /// <summary>Repeat-contact detection in SQL: the next in-scope contact of the same customer and reason, by a window function.</summary>
    public static long RepeatFollowed(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM (
              SELECT answered, epoch_ms(lead(arrived) OVER (PARTITION BY customer, reason ORDER BY arrived)) - epoch_ms(arrived) AS gap_ms
              FROM interactions WHERE inbound AND agent_channel AND customer IS NOT NULL AND reason IS NOT NULL)
            WHERE answered AND gap_ms <= 7 * 86400000
            """;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
