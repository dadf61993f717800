using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>The relations an analysis's summaries are computed from; null where a table is absent.</summary>
/// <param name="Interactions">The interactions (required).</param>
/// <param name="Customers">The customers.</param>
/// <param name="Purchases">The purchases.</param>
/// <param name="Touchpoints">The marketing touches (counted only).</param>
/// <param name="Conversions">The conversions (counted, and their currency).</param>
public sealed record AnalysisTables(string Interactions = "interactions", string? Customers = "customers", string? Purchases = "purchases",
    string? Touchpoints = "touchpoints", string? Conversions = "conversions");

/// <summary>
/// The <see cref="AnalysisSummaries"/> of tables in any SQL engine: the statistics' SQL (<see cref="KpiCountsSql"/> by
/// channel and the staffing interval, <see cref="SurvivalTableSql"/>, <see cref="CostToServeSql"/>,
/// <see cref="SegmentInputsSql"/>, <see cref="RfmSummarySql"/>) run on the rows inside the observation window, as
/// <see cref="ContactCenterData.Within"/> keeps them, so <see cref="ContactCenterAnalysis.FromSummaries"/> gives the
/// in-memory analysis's figures.
/// </summary>
public static class AnalysisSummariesSql
{
    /// <summary>The KPI counts' bucket: the staffing interval when it is 15, 30 or 60 minutes (the staffing profile needs it), else a day.</summary>
    /// <param name="options">The analysis's options.</param>
    /// <returns>The bucket.</returns>
    public static TimeBucket KpiBucket(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.StaffingInterval.TotalMinutes switch
        {
            15 => TimeBucket.Minutes15,
            30 => TimeBucket.Minutes30,
            60 => TimeBucket.Hour,
            _ => TimeBucket.Day,
        };
    }

    /// <summary>Computes the summaries through <paramref name="connection"/>.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="tables">The relations.</param>
    /// <param name="window">The observation window: rows outside it are left out, as in memory.</param>
    /// <param name="options">The analysis's definitions (KPI options, rates, staffing interval); <see cref="AnalysisOptions.Default"/> when null.</param>
    /// <param name="source">Where the tables are, for the reasons of figures the summaries cannot give.</param>
    /// <returns>The summaries.</returns>
    /// <exception cref="CurrencyMismatchException">The purchases or conversions are in more than one currency.</exception>
    /// <exception cref="InvalidDataException">A required value is missing (the message names the relation).</exception>
    public static AnalysisSummaries Compute(DbConnection connection, SqlDialect dialect, AnalysisTables tables, ObservationWindow window, AnalysisOptions? options, string source)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(window);
        options ??= AnalysisOptions.Default;
        return SqlText.OnOpen(connection, () =>
        {
            string lastDay = DateLiteral(window.LastDay);
            var views = new List<string>();
            // The rows inside the window, as temporary views (a subquery would need an alias some relations are used without).
            string View(string name, string select)
            {
                string view = "cm_window_" + name;
                Execute(connection, $"CREATE OR REPLACE TEMPORARY VIEW {view} AS {select}");
                views.Add(view);
                return view;
            }
            string? InWindow(string name, string? relation, string column) => relation is null ? null
                : View(name, $"SELECT * FROM {relation} WHERE {dialect.EpochMicroseconds(column)} >= {SqlText.Micros(window.Start)} AND {dialect.EpochMicroseconds(column)} < {SqlText.Micros(window.End)}");
            try
            {
                string interactions = InWindow("interactions", tables.Interactions, "arrived_at")!;
                // ContactCenterData.Within: customers acquired by the last day, a churn after it not yet known.
                string? customers = tables.Customers is null ? null
                    : View("customers", $"SELECT customer_id, segment, acquired_on, CASE WHEN churned_on > {lastDay} THEN NULL ELSE churned_on END AS churned_on FROM {tables.Customers} WHERE acquired_on <= {lastDay}");
                string? touchpoints = InWindow("touchpoints", tables.Touchpoints, "occurred_at");
                string? conversions = InWindow("conversions", tables.Conversions, "occurred_at");
                var summaries = Summaries(connection, dialect, tables, window, options, source, lastDay, interactions, customers, InWindow("purchases", tables.Purchases, "occurred_at"),
                    touchpoints, conversions);
                if (touchpoints is null || conversions is null)
                {
                    return summaries;
                }
                var journeys = new JourneyOptions { Lookback = options.JourneyLookback };
                string lastYear = View("conversions_last_year",
                    $"SELECT * FROM {conversions} WHERE {dialect.EpochMicroseconds("occurred_at")} >= {SqlText.Micros(window.LastYearStart)}");
                return summaries with
                {
                    Paths = PathSummarySql.Compute(connection, dialect, journeys, new JourneyTables(touchpoints, conversions, interactions)),
                    PathsLastYear = PathSummarySql.Compute(connection, dialect, journeys, new JourneyTables(touchpoints, lastYear, interactions)),
                };
            }
            finally
            {
                foreach (string view in views.AsEnumerable().Reverse())
                {
                    Execute(connection, $"DROP VIEW IF EXISTS {view}");
                }
            }
        });
    }

    private static AnalysisSummaries Summaries(DbConnection connection, SqlDialect dialect, AnalysisTables tables, ObservationWindow window, AnalysisOptions options, string source,
        string lastDay, string interactions, string? customers, string? purchases, string? touchpoints, string? conversions)
    {
        var sqlTables = new SqlTables(interactions, customers);
        var kpis = KpiCountsSql.Compute(connection, dialect, new KpiGrouping(KpiDimensions.Channel, KpiBucket(options), window.TimeZone), options.Kpis, sqlTables)
            .Select(g => g.ToKpis(options.Kpis)).ToList();
        var counts = Counts(connection, customers, interactions, purchases, touchpoints, conversions);
        var outside = new RecordsOutsideWindow(
            tables.Customers is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {tables.Customers} WHERE acquired_on > {lastDay}"),
            Count(connection, $"SELECT COUNT(*) FROM {tables.Interactions}") - counts.Interactions,
            tables.Purchases is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {tables.Purchases}") - counts.Purchases,
            tables.Touchpoints is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {tables.Touchpoints}") - counts.Touchpoints,
            tables.Conversions is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {tables.Conversions}") - counts.Conversions,
            tables.Customers is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {tables.Customers} WHERE acquired_on <= {lastDay} AND churned_on > {lastDay}"));
        var rfm = purchases is null || counts.Purchases == 0 ? null : RfmSummarySql.Compute(connection, dialect, AnalysisSummaries.RfmOptions(window), purchases);
        var currency = rfm?.Currency
            ?? (conversions is null || counts.Conversions == 0 ? Currency.Eur : SqlText.CurrencyOf(connection, conversions));
        var channels = kpis.Select(g => g.Channel!.Value).Distinct();
        bool priced = options.Rates is { } rates && channels.All(c => rates.RatesOf(c) is not null);
        return new AnalysisSummaries(kpis, counts, outside, currency == default ? Currency.Eur : currency)
        {
            Survival = customers is null ? null : SurvivalTableSql.Compute(connection, dialect, SummaryDefinitions.SurvivalGrouping, window.End, null, sqlTables),
            CostCells = priced ? CostToServeSql.Cells(connection, dialect, options.Rates!, options.Kpis.Repeat, sqlTables) : null,
            SegmentInputs = SegmentInputsSql.Compute(connection, dialect, options.Kpis.Repeat, window.LastYearStart, window.End, sqlTables),
            Rfm = rfm,
            ActiveCustomers = rfm is null || customers is null ? null : ActiveCustomers(connection, customers),
            Revenue = Revenue(connection, customers, purchases),
            Source = source,
        };
    }

    private static string DateLiteral(LocalDate date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Count(DbConnection connection, string sql)
    {
        using var reader = SqlText.Query(connection, sql, out var command);
        using var owned = command;
        return reader.Read() ? (int)Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
    }

    private static TableCounts Counts(DbConnection connection, string? customers, string interactions, string? purchases, string? touchpoints, string? conversions)
    {
        var segments = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        if (customers is not null)
        {
            using var reader = SqlText.Query(connection, $"SELECT segment, COUNT(*) FROM {customers} c GROUP BY segment", out var command);
            using var owned = command;
            while (reader.Read())
            {
                string segment = reader.IsDBNull(0) ? ContactCenterAnalysis.NoSegment : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
                segments[segment] = segments.GetValueOrDefault(segment) + (int)Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        int CountOf(string? relation) => relation is null ? 0 : Count(connection, $"SELECT COUNT(*) FROM {relation} t");
        return new TableCounts(segments.Values.Sum(), segments.ToImmutable(), CountOf(interactions), CountOf(purchases), CountOf(touchpoints), CountOf(conversions));
    }

    /// <summary>Each customer's purchases (in the window's relations): 0 for a customer without any, and buyers missing from the customers too.</summary>
    private static Dictionary<CustomerId, decimal> Revenue(DbConnection connection, string? customers, string? purchases)
    {
        var revenue = new Dictionary<CustomerId, decimal>();
        if (customers is not null)
        {
            using var reader = SqlText.Query(connection, $"SELECT customer_id FROM {customers} c", out var command);
            using var owned = command;
            while (reader.Read())
            {
                revenue[new CustomerId(reader.GetString(0))] = 0m;
            }
        }
        if (purchases is not null)
        {
            using var reader = SqlText.Query(connection, $"SELECT customer_id, SUM(amount) FROM {purchases} p GROUP BY customer_id", out var command);
            using var owned = command;
            while (reader.Read())
            {
                revenue[new CustomerId(reader.GetString(0))] = Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        return revenue;
    }

    /// <summary>The customers with no churn (in the window's relation): the ones the CLV values, with their segments.</summary>
    private static Dictionary<CustomerId, string> ActiveCustomers(DbConnection connection, string customers)
    {
        var active = new Dictionary<CustomerId, string>();
        using var reader = SqlText.Query(connection, $"SELECT customer_id, segment FROM {customers} c WHERE churned_on IS NULL", out var command);
        using var owned = command;
        while (reader.Read())
        {
            active[new CustomerId(reader.GetString(0))] = reader.IsDBNull(1) ? ContactCenterAnalysis.NoSegment : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!;
        }
        return active;
    }
}
