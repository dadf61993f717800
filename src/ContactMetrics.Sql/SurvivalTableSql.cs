using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// The SQL of the index-date survival table of retention uplift: per customer, the first qualifying contact of an
/// <see cref="UpliftGrouping"/> (its index time and whether it was favourable), and the customer's acquisition, churn and
/// segment; read back into the same <see cref="IndexDateTable"/> <see cref="RetentionUpliftBuilder.BuildTable(IEnumerable{Domain.Customer}, Tables.InteractionTable, UpliftGrouping, NodaTime.Instant, RetentionUpliftOptions?)"/> builds in memory.
/// </summary>
/// <remarks>
/// <para>The SQL finds the index contact with one window function per customer (the first qualifying contact by arrival,
/// then <c>interaction_id</c>) and, for repeat detection, one join for a same-reason contact after it within the repeat
/// window. Which customers are left out, follow-up in days and tenure in years are computed from the returned instants by
/// <see cref="RetentionUpliftBuilder.FromIndexContacts"/>, as in memory, so both give the same table.</para>
/// <para>Differences from memory: contacts of one customer at the same instant are ordered by <c>interaction_id</c>
/// (memory: unspecified); rows come ordered by customer id (memory: the customers' order). The rows are a customer
/// partition's own: tables of customer partitions, concatenated, are the table of the whole.</para>
/// </remarks>
public static class SurvivalTableSql
{
    /// <summary>The SQL: one row per customer (customer_id, segment, acquired_us, churned_us, index_us, favourable), index_us NULL when no contact qualifies.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="observationEnd">The end of observation: contacts arriving at or after it are ignored.</param>
    /// <param name="options">Resolution source, repeat window, CSAT top box, CES easy minimum; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <param name="tables">The interactions and customers relations; <see cref="SqlTables.Default"/> when null.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">The tables have no customers relation.</exception>
    public static string Build(SqlDialect dialect, UpliftGrouping grouping, Instant observationEnd, RetentionUpliftOptions? options = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        options ??= RetentionUpliftOptions.Default;
        tables ??= SqlTables.Default;
        if (tables.Customers is null)
        {
            throw new ArgumentException("The survival table needs a customers relation (SqlTables.Customers).", nameof(tables));
        }
        string Epoch(string t) => dialect.EpochMicroseconds(t);
        bool repeat = grouping == UpliftGrouping.FirstContactResolution && options.Resolution == ResolutionSource.RepeatContact;
        // What qualifies a contact as the index contact, whether it is favourable, and when follow-up starts.
        var (qualifies, favourable) = grouping switch
        {
            UpliftGrouping.FirstContactResolution when !repeat => ("resolved IS NOT NULL", "CASE WHEN resolved = TRUE THEN 1 ELSE 0 END"),
            UpliftGrouping.FirstContactResolution => ("answered = 1 AND reason IS NOT NULL AND inbound = 1", "1"),
            UpliftGrouping.Csat => ("csat IS NOT NULL", $"CASE WHEN csat >= {options.CsatTopBoxMinimum.ToString(CultureInfo.InvariantCulture)} THEN 1 ELSE 0 END"),
            UpliftGrouping.Channel => ("inbound = 1", $"CASE WHEN channel IN ({SqlText.Channels(dialect, c => c.IsAgentHandled())}) THEN 1 ELSE 0 END"),
            UpliftGrouping.Proactive => ("1 = 1", "1 - inbound"),
            UpliftGrouping.Effort => ("ces IS NOT NULL", $"CASE WHEN ces >= {options.CesEasyMinimum.ToString(CultureInfo.InvariantCulture)} THEN 1 ELSE 0 END"),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping."),
        };
        string index = repeat ? $"ended_us + {SqlText.Micros(options.RepeatWindow)}" : "ended_us";

        var sql = new StringBuilder();
        sql.AppendLine("WITH contacts AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT i.customer_id AS customer_id, i.interaction_id AS id, {Epoch("i.arrived_at")} AS arrived_us, {Epoch("i.ended_at")} AS ended_us,");
        sql.AppendLine("    CASE WHEN i.answered_at IS NULL THEN 0 ELSE 1 END AS answered, i.reason AS reason, i.resolved AS resolved, i.csat AS csat, i.ces AS ces,");
        sql.AppendLine(CultureInfo.InvariantCulture, $"    {SqlText.Inbound("i.direction")} AS inbound, {SqlText.Channel("i.channel")} AS channel");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM {tables.Interactions} i");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  WHERE i.customer_id IS NOT NULL AND {Epoch("i.arrived_at")} < {SqlText.Micros(observationEnd)}");
        sql.AppendLine("), qualifying AS (");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  SELECT customer_id, reason, arrived_us, {index} AS index_us, {favourable} AS favourable,");
        sql.AppendLine("    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY arrived_us, id) AS n");
        sql.AppendLine(CultureInfo.InvariantCulture, $"  FROM contacts WHERE {qualifies}");
        sql.AppendLine("), firsts AS (");
        if (repeat)
        {
            // Unresolved when the customer contacts again on the same reason after it, up to the end of the repeat window.
            sql.AppendLine("  SELECT f.customer_id, f.index_us, CASE WHEN COUNT(r.arrived_us) = 0 THEN 1 ELSE 0 END AS favourable");
            sql.AppendLine("  FROM qualifying f LEFT JOIN contacts r ON r.customer_id = f.customer_id AND r.reason = f.reason AND r.inbound = 1 AND r.arrived_us > f.arrived_us AND r.arrived_us <= f.index_us");
            sql.AppendLine("  WHERE f.n = 1 GROUP BY f.customer_id, f.index_us");
        }
        else
        {
            sql.AppendLine("  SELECT customer_id, index_us, favourable FROM qualifying WHERE n = 1");
        }
        sql.AppendLine(")");
        sql.AppendLine(CultureInfo.InvariantCulture, $"SELECT c.customer_id, c.segment, {Epoch("CAST(c.acquired_on AS TIMESTAMP)")} AS acquired_us, {Epoch("CAST(c.churned_on AS TIMESTAMP)")} AS churned_us, f.index_us, f.favourable");
        sql.AppendLine(CultureInfo.InvariantCulture, $"FROM {tables.Customers} c LEFT JOIN firsts f ON f.customer_id = c.customer_id");
        sql.AppendLine("ORDER BY c.customer_id");
        return sql.ToString();
    }

    /// <summary>Runs the survival table's SQL through <paramref name="connection"/> and builds the index-date table from its rows.</summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="observationEnd">The end of observation: customers still active are censored here.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when null.</param>
    /// <returns>The table, rows ordered by customer id, with the counts of customers left out.</returns>
    /// <exception cref="ArgumentException">See <see cref="Build"/>.</exception>
    /// <exception cref="InvalidDataException">A customer without customer_id or acquired_on, or churned before acquired.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static IndexDateTable Compute(DbConnection connection, SqlDialect dialect, UpliftGrouping grouping, Instant observationEnd,
        RetentionUpliftOptions? options = null, SqlTables? tables = null) =>
        RetentionUpliftBuilder.FromIndexContacts(grouping, Rows(connection, dialect, grouping, observationEnd, options, tables), observationEnd, options);

    /// <summary>
    /// The survival table as the in-memory analysis builds it at <paramref name="window"/>'s end: contacts before the end, and
    /// customers as known then (<see cref="ObservationWindow.Known"/>: acquired by the last day, a later churn not yet known).
    /// </summary>
    /// <param name="connection">An ADO.NET connection to the engine that holds the tables; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="window">The observation window: customers still active are censored at its end.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when null.</param>
    /// <returns>The table, rows ordered by customer id, with the counts of customers left out.</returns>
    /// <exception cref="ArgumentException">See <see cref="Build"/>.</exception>
    /// <exception cref="InvalidDataException">A customer without customer_id or acquired_on, or churned before acquired.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static IndexDateTable ComputeAsOf(DbConnection connection, SqlDialect dialect, UpliftGrouping grouping, ObservationWindow window,
        RetentionUpliftOptions? options = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        var known = Rows(connection, dialect, grouping, window.End, options, tables)
            .Select(row => (Customer: window.Known(row.Customer), row.Index))
            .Where(row => row.Customer is not null)
            .Select(row => (row.Customer!, row.Index))
            .ToList();
        return RetentionUpliftBuilder.FromIndexContacts(grouping, known, window.End, options);
    }

    private static List<(Customer Customer, IndexContact? Index)> Rows(DbConnection connection, SqlDialect dialect, UpliftGrouping grouping, Instant observationEnd,
        RetentionUpliftOptions? options, SqlTables? tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = Build(dialect, grouping, observationEnd, options, tables);
        string customers = (tables ?? SqlTables.Default).Customers!;
        return SqlText.OnOpen(connection, () =>
        {
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            var read = new List<(Customer, IndexContact?)>();
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(2))
                {
                    throw new InvalidDataException($"{customers}: some rows have no {(reader.IsDBNull(0) ? "customer_id" : "acquired_on")}; every customer needs customer_id and acquired_on: fill them or leave those rows out (contactmetrics validate names the lines).");
                }
                string id = Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
                string? segment = reader.IsDBNull(1) ? null : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture);
                var acquired = Date(reader.GetValue(2));
                LocalDate? churned = reader.IsDBNull(3) ? null : Date(reader.GetValue(3));
                IndexContact? index = reader.IsDBNull(4) ? null
                    : new IndexContact(SqlText.InstantOfMicros(Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture)), Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture) == 1);
                Customer customer;
                try
                {
                    customer = new Customer(new CustomerId(id), acquired, churned, segment);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"{customers}: customer '{id}': {e.Message}", e);
                }
                read.Add((customer, index));
            }
            return read;
        });
    }

    private static LocalDate Date(object micros) =>
        SqlText.InstantOfMicros(Convert.ToInt64(micros, CultureInfo.InvariantCulture)).InUtc().Date;
}
