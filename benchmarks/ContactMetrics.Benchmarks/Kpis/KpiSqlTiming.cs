using System.Diagnostics;
using System.Globalization;
using ContactMetrics.Kpis;
using ContactMetrics.Sql;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// <c>time-kpi-sql LAKE PART</c>: one part of <c>kpis --engine duckdb --by channel --bucket day</c>'s SQL over a lake, timed
/// in its own process (run it under <c>/usr/bin/time -v</c> for the peak), for the floors of docs/benchmarks.md:
/// <c>kpis</c> is <see cref="KpiCountsSql.Build"/>'s query as the CLI runs it; <c>scan</c> its branch of every count but
/// the repeat ones (no window: DuckDB's scan and group-by floor); <c>repeat</c> its branch of the repeat counts alone (the
/// window over the in-scope rows). (Before the query had two branches, <c>scan</c> set the repeat flags to 0 and <c>repeat</c>
/// summed them from its one window.) <c>states</c> is <see cref="KpiCountsSql.BuildByState"/>'s query alone, <c>compute</c>
/// <see cref="KpiCountsSql.Compute"/> as the CLI runs it (that query and the counts read back from its classes), <c>check</c>
/// compares <c>kpis</c>'s counts with <c>compute</c>'s group by group. Prints the part, the rows it returned, a checksum of
/// its numbers and the CPU seconds of the query.
/// </summary>
internal static class KpiSqlTiming
{
    public static void Run(string lake, string part)
    {
        // A part "file:PATH" runs the SQL in PATH (for trying a variant); EXPLAIN_ANALYZE=1 prints DuckDB's profile instead.
        string sql = part is "compute" or "check" ? "" : part.StartsWith("file:", StringComparison.Ordinal) ? File.ReadAllText(part[5..]) : Sql(part);
        if (Environment.GetEnvironmentVariable("EXPLAIN_ANALYZE") == "1")
        {
            sql = "EXPLAIN ANALYZE " + sql;
        }
        using var engine = DuckDbSettings.FromEnvironment().Open();
        engine.AttachInteractions(lake);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long rows = 0;
        decimal checksum = 0;
        if (part == "check")
        {
            // Build's counts (summed in SQL, one row per group) against Compute's (by state), group by group.
            var computed = KpiCountsSql.Compute(engine.Connection, SqlDialect.DuckDb, Grouping("UTC"));
            using var command = engine.Connection.CreateCommand();
            command.CommandText = Sql("kpis");
            using var reader = command.ExecuteReader();
            var values = new long[KpiCountsSql.CountColumnCount];
            int differ = 0;
            for (; reader.Read(); rows++)
            {
                for (int c = 0; c < values.Length; c++)
                {
                    values[c] = Convert.ToInt64(reader.GetValue(2 + c), CultureInfo.InvariantCulture);
                }
                differ += rows < computed.Count && KpiCountsSql.ToCounts(values).Equals(computed[(int)rows].Counts) ? 0 : 1;
            }
            Console.WriteLine($"check: {rows} groups summed in SQL, {computed.Count} by state, {differ} differ");
        }
        else if (part == "compute")
        {
            // KpiCountsSql.Compute as the CLI runs it: the by-state query and the counts read back from it.
            foreach (var group in KpiCountsSql.Compute(engine.Connection, SqlDialect.DuckDb, Grouping("UTC")))
            {
                rows++;
                checksum += group.Counts.OfferedContacts + group.Counts.HandleMilliseconds + group.Counts.RepeatContacts + group.Counts.ResolvedFirstTime;
            }
        }
        else
        {
            using var command = engine.Connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                if (sql.StartsWith("EXPLAIN", StringComparison.Ordinal))
                {
                    Console.WriteLine(reader.GetValue(1));
                }
                for (int c = 0; c < reader.FieldCount; c++)
                {
                    checksum += reader.IsDBNull(c) ? 0 : reader.GetValue(c) switch
                    {
                        System.Numerics.BigInteger big => (decimal)big,
                        long or int or decimal or short or sbyte => Convert.ToDecimal(reader.GetValue(c), CultureInfo.InvariantCulture),
                        _ => 0,
                    };
                }
            }
        }
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{part}: {rows} rows, checksum {checksum}, query CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, wall {wall.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>The SQL of <paramref name="part"/>: the query, or one of the two branches of its <c>partial</c> CTE.</summary>
    internal static string Sql(string part, string zone = "UTC")
    {
        var grouping = Grouping(zone);
        // WITH ... ), partial AS ( SELECT <every count but the repeat ones> FROM scoped ... UNION ALL SELECT <the repeat counts> FROM flagged ... ) SELECT <their sum>
        var (with, counts, repeats, _) = KpiCountsSql.Parts(SqlDialect.DuckDb, grouping);
        const string Partial = "), partial AS (\n", Rows = ")\nSELECT * FROM partial";
        return part switch
        {
            "kpis" => KpiCountsSql.Build(SqlDialect.DuckDb, grouping),
            "states" => KpiCountsSql.BuildByState(SqlDialect.DuckDb, grouping),
            "scan" => with + Partial + counts + Rows,
            "repeat" => with + Partial + repeats + Rows,
            _ => throw new ArgumentException($"Unknown part '{part}': kpis, states, compute, scan or repeat.", nameof(part)),
        };
    }

    private static KpiGrouping Grouping(string zone) => new(KpiDimensions.Channel, ContactMetrics.Tables.TimeBucket.Day, DateTimeZoneProviders.Tzdb[zone]);
}
