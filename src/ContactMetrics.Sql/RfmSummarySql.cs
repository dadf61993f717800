using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// The SQL of the RFM summary, the sufficient statistic of the CLV models, from a <c>purchases</c> relation (customer_id,
/// occurred_at, amount, currency): per customer the repeat transactions x, recency t_x and age T at the calibration end,
/// the mean repeat spend, and the holdout transactions and spend; the same summary <see cref="RfmSummaryBuilder"/>
/// builds in memory.
/// </summary>
/// <remarks>
/// Definitions of Fader, Hardie &amp; Lee (2005), as in <see cref="RfmSummaryBuilder"/>: a purchase's date is its local
/// date in <see cref="RfmSummaryOptions.TimeZone"/>; purchases of a customer on one date are one transaction (same-day
/// merge: the only mode in SQL); customers whose first purchase is after the calibration end are left out. The SQL
/// returns day counts and exact sums; recency, age and the mean repeat spend are divided in .NET exactly as the
/// builder divides them, so both give the same numbers. Customers come ordered by id (memory keeps first appearance).
/// </remarks>
public static class RfmSummarySql
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    /// <summary>The SQL: one row per customer (customer_id, frequency, recency_days, age_days, calibration_spend, first_spend, holdout_frequency, holdout_spend).</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="options">Calibration end, holdout end, period and time zone; same-day purchases must be merged.</param>
    /// <param name="purchases">The purchases relation; <c>purchases</c> when <see langword="null"/>.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException"><see cref="RfmSummaryOptions.MergeSameDayPurchases"/> is off.</exception>
    public static string Build(SqlDialect dialect, RfmSummaryOptions options, string? purchases = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.MergeSameDayPurchases)
        {
            throw new ArgumentException("The SQL RFM summary merges same-day purchases (the CDNOW convention); build unmerged summaries in memory.", nameof(options));
        }
        string end = DayNumber(options.CalibrationEnd);
        string holdoutEnd = options.HoldoutEnd is { } h ? DayNumber(h) : end;
        string local = dialect.EpochMicroseconds(dialect.LocalTimestamp("occurred_at", options.TimeZone));
        string day = $"CAST(FLOOR(CAST({local} AS {dialect.FloatType}) / 86400000000) AS BIGINT)";
        string calibration = $"day <= {end}";
        string holdout = $"day > {end} AND day <= {holdoutEnd}";
        var sql = new StringBuilder();
        sql.AppendLine("WITH days AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT customer_id, {day} AS day, SUM(amount) AS spend");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM {purchases ?? "purchases"}");
        sql.AppendLine("  GROUP BY 1, 2");
        sql.AppendLine("), customer_days AS (");
        sql.AppendLine("  SELECT days.*, MIN(day) OVER (PARTITION BY customer_id) AS first_day FROM days");
        sql.AppendLine(")");
        sql.AppendLine("SELECT customer_id,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  CAST(SUM(CASE WHEN {calibration} THEN 1 ELSE 0 END) - 1 AS BIGINT) AS frequency,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  CAST(MAX(CASE WHEN {calibration} THEN day END) - MIN(first_day) AS BIGINT) AS recency_days,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  CAST({end} - MIN(first_day) AS BIGINT) AS age_days,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SUM(CASE WHEN {calibration} THEN spend ELSE 0 END) AS calibration_spend,");
        sql.AppendLine("  SUM(CASE WHEN day = first_day THEN spend ELSE 0 END) AS first_spend,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  CAST(SUM(CASE WHEN {holdout} THEN 1 ELSE 0 END) AS BIGINT) AS holdout_frequency,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SUM(CASE WHEN {holdout} THEN spend ELSE 0 END) AS holdout_spend");
        sql.AppendLine("FROM customer_days");
        sql.AppendLine(CultureInfo.InvariantCulture, $"WHERE first_day <= {end}");
        sql.AppendLine("GROUP BY customer_id");
        sql.AppendLine("ORDER BY customer_id");
        return sql.ToString();
    }

    /// <summary>Runs the summary's SQL through <paramref name="connection"/> and reads it back as an <see cref="RfmSummary"/>.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the purchases; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="options">Calibration end, holdout end, period and time zone.</param>
    /// <param name="purchases">The purchases relation; <c>purchases</c> when <see langword="null"/>.</param>
    /// <returns>The summary, customers ordered by id, in the purchases' currency (none when there are no purchases).</returns>
    /// <exception cref="ArgumentException">Same-day merging is off.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static RfmSummary Compute(DbConnection connection, SqlDialect dialect, RfmSummaryOptions options, string? purchases = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = Build(dialect, options, purchases);
        return SqlText.OnOpen(connection, () =>
        {
            var currency = SqlText.CurrencyOf(connection, purchases ?? "purchases");
            double periodDays = options.Period.Days();
            var ids = new List<CustomerId>();
            var x = new List<int>();
            var tx = new List<double>();
            var t = new List<double>();
            var zbar = new List<double>();
            var hx = new List<int>();
            var hs = new List<double>();
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(2) || reader.IsDBNull(4) || reader.IsDBNull(5))
                {
                    throw new InvalidDataException(
                        $"{purchases ?? "purchases"}: some rows have no {(reader.IsDBNull(0) ? "customer_id" : "occurred_at or amount")}; every purchase needs customer_id, occurred_at and amount: fill them or leave those rows out (contactmetrics validate names the lines).");
                }
                int repeat = (int)Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                decimal calibrationSpend = Convert.ToDecimal(reader.GetValue(4), CultureInfo.InvariantCulture);
                decimal firstSpend = Convert.ToDecimal(reader.GetValue(5), CultureInfo.InvariantCulture);
                ids.Add(new CustomerId(reader.GetString(0)));
                x.Add(repeat);
                // The builder's arithmetic: day differences over the period's days; the mean repeat spend in decimal.
                tx.Add(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) / periodDays);
                t.Add(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) / periodDays);
                zbar.Add(repeat == 0 ? 0.0 : (double)((calibrationSpend - firstSpend) / repeat));
                hx.Add((int)Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture));
                hs.Add((double)Convert.ToDecimal(reader.GetValue(7), CultureInfo.InvariantCulture));
            }
            bool holdout = options.HoldoutEnd is not null;
            return RfmSummary.FromColumns([.. ids], [.. x], [.. tx], [.. t], [.. zbar], options.Period, currency,
                holdout ? [.. hx] : default, holdout ? [.. hs] : default,
                holdout ? Period.DaysBetween(options.CalibrationEnd, options.HoldoutEnd!.Value) / periodDays : 0);
        });
    }

    private static string DayNumber(LocalDate date) => Period.DaysBetween(Epoch, date).ToString(CultureInfo.InvariantCulture);
}
