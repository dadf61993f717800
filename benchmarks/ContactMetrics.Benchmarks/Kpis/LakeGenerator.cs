using System.Globalization;
using DuckDB.NET.Data;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// Writes a Parquet lake of generated interactions (<c>write-lake DIR ROWS</c>) for the out-of-core scale run of
/// docs/benchmarks.md: <c>DIR/interactions/part-NNN.parquet</c>, 10 million rows a file, DESIGN.md's columns, arrivals
/// spread evenly over 2024-2025, 2 million customers, values from hashes of the row number (deterministic). DuckDB
/// writes it (vectorised), so generating 100 million rows takes minutes, not hours. <c>write-purchases DIR ROWS</c>
/// writes <c>DIR/purchases/part-NNN.parquet</c> for the CLV scale run the same way (with <c>--process bg-nbd</c>,
/// <see cref="BgNbdPurchaseGenerator"/> instead: ROWS is then a number of customers).
/// </summary>
internal static class LakeGenerator
{
    private const long RowsPerFile = 10_000_000;

    public static void Run(string dir, long rows)
    {
        // Two years of arrivals, evenly spaced: 63,158,400 seconds (2024 is a leap year) over the rows.
        double spacingUs = 63_158_400d * 1_000_000 / rows;
        WriteParts(dir, "interactions", rows, (start, end) => string.Create(CultureInfo.InvariantCulture, $"""
                  WITH r AS (
                    SELECT range AS n, hash(range) AS h, hash(range + 7919) AS g,
                      TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(CAST(range * {spacingUs:R} AS BIGINT)) AS arrived
                    FROM range({start}, {end})
                  ), v AS (
                    SELECT n, h, g, arrived,
                      CASE WHEN h % 100 < 50 THEN 'phone' WHEN h % 100 < 60 THEN 'email' WHEN h % 100 < 75 THEN 'chat' WHEN h % 100 < 80 THEN 'messaging'
                           WHEN h % 100 < 82 THEN 'social' WHEN h % 100 < 90 THEN 'self_service' WHEN h % 100 < 95 THEN 'chatbot' ELSE 'ivr' END AS channel,
                      g % 100 < 8 AS abandoned,
                      CAST(g % 120 AS INTEGER) AS wait_s, CAST(60 + h % 600 AS INTEGER) AS talk_s, CAST(g % 60 AS INTEGER) AS hold_s, CAST(h % 120 AS INTEGER) AS acw_s
                    FROM r
                  )
                  SELECT 'I' || n AS interaction_id, 'C' || (g % 2000000) AS customer_id, 'A' || (h % 900) AS agent_id, channel,
                    CASE WHEN g % 100 >= 95 THEN 'outbound' ELSE 'inbound' END AS direction,
                    'q' || (h % 12) AS queue, 'r' || (g % 8) AS reason, arrived AS arrived_at,
                    CASE WHEN abandoned THEN NULL ELSE arrived + to_seconds(wait_s) END AS answered_at,
                    arrived + to_seconds(wait_s + CASE WHEN abandoned THEN 0 ELSE talk_s + hold_s END) AS ended_at,
                    CAST(CASE WHEN abandoned THEN 0 ELSE talk_s END AS DOUBLE) AS talk_seconds,
                    CAST(CASE WHEN abandoned THEN 0 ELSE hold_s END AS DOUBLE) AS hold_seconds,
                    CAST(CASE WHEN abandoned THEN 0 ELSE acw_s END AS DOUBLE) AS acw_seconds,
                    CASE WHEN abandoned THEN NULL ELSE h % 10 < 7 END AS resolved, CAST(h % 7 = 0 AS INTEGER) AS transfers,
                    CASE WHEN g % 5 = 0 THEN CAST(1 + h % 5 AS INTEGER) END AS csat,
                    CASE WHEN g % 7 = 0 THEN CAST(h % 11 AS INTEGER) END AS nps,
                    CASE WHEN g % 9 = 0 THEN CAST(1 + h % 7 AS INTEGER) END AS ces
                  FROM v
                """));
    }

    /// <summary>
    /// Purchases for the CLV scale run: 5 million customers with skewed activity (customer floor(5e6 u^2), u uniform: the
    /// low ids buy often, most rarely, as in CDNOW), times uniform over the 94,694,400 seconds of 2023-2025 (every second
    /// reachable, 2025-12-31 too), amounts 2.00 to 202.00 EUR skewed to the low end (2 + 200 w x, a product of two uniforms,
    /// mean 52), in EUR. The customer, the time and the two amount factors come from four hashes of the row number, so the
    /// amounts are stationary: they do not depend on the time (they once shared a uniform with it and grew with it).
    /// </summary>
    public static void RunPurchases(string dir, long rows) => WriteParts(dir, "purchases", rows, PurchasesSql);

    /// <summary>The seconds of 2023-01-01 to 2025-12-31 (1,096 days: 2024 is a leap year).</summary>
    internal const long PurchaseSeconds = 1096L * 86_400;

    /// <summary>The purchases of rows <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    internal static string PurchasesSql(long start, long end) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH r AS (
          SELECT range AS n, CAST(hash(range) % 1000000 AS DOUBLE) / 1000000 AS u, CAST(hash(range + 7919) % {PurchaseSeconds} AS BIGINT) AS s,
            CAST(hash(range + 104729) % 1000000 AS DOUBLE) / 1000000 AS w, CAST(hash(range + 15485863) % 1000000 AS DOUBLE) / 1000000 AS x
          FROM range({start}, {end})
        )
        SELECT 'C' || CAST(FLOOR(5000000 * u * u) AS BIGINT) AS customer_id,
          TIMESTAMPTZ '2023-01-01 00:00:00+00' + to_seconds(s) AS occurred_at,
          CAST(ROUND(2 + 200 * w * x, 2) AS DOUBLE) AS amount, 'EUR' AS currency
        FROM r
        """);

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="select"/> (given the row range) as Parquet files of 10 million rows under <c>dir/table/</c>.</summary>
    private static void WriteParts(string dir, string table, long rows, Func<long, long, string> select)
    {
        string folder = Path.Combine(dir, table);
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "SET TimeZone = 'UTC'");
        for (long start = 0, part = 0; start < rows; start += RowsPerFile, part++)
        {
            long end = Math.Min(rows, start + RowsPerFile);
            string file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"part-{part:000}.parquet"));
            Execute(connection, $"COPY ({select(start, end)}) TO '{file.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
            Console.WriteLine($"{file}: rows {start:N0} to {end:N0}");
        }
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
