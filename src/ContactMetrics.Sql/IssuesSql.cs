using System.Data.Common;
using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql;

/// <summary>
/// The issue table in SQL (repeat chains by window functions, <see cref="RepeatChainSql"/>): one row per issue, its first
/// contact, customer, reason, channel and arrival, the contacts of its chain and the repeats among them; the same
/// issues <see cref="Issue.Of"/> finds in memory (ties in time ordered by <c>interaction_id</c>).
/// </summary>
public static class IssuesSql
{
    /// <summary>The SQL of the issue table.</summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="repeat">The repeat rule; the KPI default when <see langword="null"/>.</param>
    /// <param name="tables">The relations (only the interactions are read); <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The query: <c>first_contact_id, customer_id, reason, channel, arrived_ms, contacts, repeats</c>, one row per issue.</returns>
    public static string Build(SqlDialect dialect, RepeatContactOptions? repeat = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        repeat ??= new RepeatContactOptions();
        tables ??= SqlTables.Default;
        var sql = new StringBuilder();
        RepeatChainSql.AppendScopedChains(sql, dialect, tables with { Customers = null }, repeat, []);
        sql.AppendLine("), chains AS (");
        sql.AppendLine("  SELECT root_id, CAST(COUNT(*) AS BIGINT) AS contacts,");
        sql.AppendLine("    CAST(SUM(CASE WHEN starts = 0 AND answered = 1 THEN 1 ELSE 0 END) AS BIGINT) AS repeats");
        sql.AppendLine("  FROM rooted GROUP BY root_id");
        sql.AppendLine(")");
        sql.AppendLine("SELECT f.id AS first_contact_id, f.customer_id, f.reason, f.channel, f.arrived_ms, c.contacts, c.repeats");
        sql.AppendLine("FROM chains c JOIN rooted f ON f.id = c.root_id");
        sql.AppendLine("WHERE f.starts = 1 AND f.in_scope = 1 AND f.answered = 1");
        return sql.ToString();
    }

    /// <summary>Runs the issue table's SQL through <paramref name="connection"/> and reads the issues back.</summary>
    /// <param name="connection">An ADO.NET connection to the engine; opened (and closed again) here when it is closed.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="repeat">The repeat rule; the KPI default when <see langword="null"/>.</param>
    /// <param name="tables">The relations; <see cref="SqlTables.Default"/> when <see langword="null"/>.</param>
    /// <returns>The issues, ordered by first contact id (ordinal).</returns>
    /// <exception cref="InvalidDataException">The engine returned a channel that is not a schema channel.</exception>
    /// <exception cref="DbException">The engine failed.</exception>
    public static IReadOnlyList<Issue> Compute(DbConnection connection, SqlDialect dialect, RepeatContactOptions? repeat = null, SqlTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string sql = Build(dialect, repeat, tables);
        var issues = SqlText.OnOpen(connection, () =>
        {
            using var reader = SqlText.Query(connection, sql, out var command);
            using var owned = command;
            var read = new List<Issue>();
            while (reader.Read())
            {
                string Text(int k) => Convert.ToString(reader.GetValue(k), CultureInfo.InvariantCulture)!;
                long Long(int k) => Convert.ToInt64(reader.GetValue(k), CultureInfo.InvariantCulture);
                read.Add(new Issue(new InteractionId(Text(0)), new CustomerId(Text(1)), reader.IsDBNull(2) ? null : Text(2),
                    KpiCountsSql.ParseChannel(Text(3))!.Value, NodaTime.Instant.FromUnixTimeMilliseconds(Long(4)), Long(5), Long(6)));
            }
            return read;
        });
        return [.. issues.OrderBy(i => i.FirstContact.Value, StringComparer.Ordinal)];
    }
}

/// <summary>
/// The <c>issues</c> table: one row per issue (<c>first_contact_id, customer_id, reason, channel, first_arrived_at,
/// contacts, repeats, resolved_first_time</c>), as CSV or Parquet (by the extension). Tables of customer partitions merge
/// by concatenating rows.
/// </summary>
public static class IssuesFile
{
    private static readonly (string, string)[] Types =
    [
        ("first_contact_id", "VARCHAR"), ("customer_id", "VARCHAR"), ("reason", "VARCHAR"), ("channel", "VARCHAR"),
        ("first_arrived_at", "TIMESTAMPTZ"), ("contacts", "BIGINT"), ("repeats", "BIGINT"), ("resolved_first_time", "BOOLEAN"),
    ];

    /// <summary>Writes the issues (replacing the file).</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="issues">The issues.</param>
    /// <returns>The number of rows written.</returns>
    public static int Write(string path, IReadOnlyList<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        SummaryFiles.Write(path, Types, writer =>
        {
            writer.WriteLine(string.Join(",", Types.Select(t => t.Item1)));
            foreach (var issue in issues)
            {
                writer.WriteLine(string.Join(",", SummaryFiles.Quote(issue.FirstContact.Value), SummaryFiles.Quote(issue.Customer.Value),
                    issue.Reason is null ? "" : SummaryFiles.Quote(issue.Reason), issue.Channel.ToSchemaName(),
                    NodaTime.Text.InstantPattern.ExtendedIso.Format(issue.FirstArrivedAt), issue.Contacts.ToString(CultureInfo.InvariantCulture),
                    issue.Repeats.ToString(CultureInfo.InvariantCulture), issue.ResolvedFirstTime ? "true" : "false"));
            }
        });
        return issues.Count;
    }

    /// <summary>A timestamp with time zone as DuckDB writes it in CSV (a Parquet file is read through that), e.g. <c>2025-03-01 09:30:00.123+00</c>.</summary>
    private static readonly NodaTime.Text.OffsetDateTimePattern DuckDbTimestamp =
        NodaTime.Text.OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFo<+HH>");

    /// <summary>Reads an issues table row by row (as <see cref="Write"/> writes it; columns in any order, others ignored): memory holds the issues, one record each, not the file's text.</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <returns>The issues, in the file's order.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A column is missing, or a cell is not what its column holds (a count below 1 contact, repeats not below the contacts, a resolved_first_time that disagrees with the contacts); the message names the file, line, column and value.</exception>
    public static IReadOnlyList<Issue> Read(string path)
    {
        var issues = new List<Issue>();
        foreach (var row in SummaryFiles.StreamRows(path, "an issues table", [.. Types.Select(t => t.Item1)]))
        {
            string first = row.Required(0, "first contact");
            string customer = row.Required(1, "customer");
            var channel = ChannelNames.TryParseChannel(row.Cell(3), out var c) ? c
                : throw row.Bad(3, $"is not a channel ({string.Join(", ", ChannelNames.All.Select(x => x.ToSchemaName()))})");
            var arrived = NodaTime.Text.InstantPattern.ExtendedIso.Parse(row.Cell(4)) is { Success: true } parsed ? parsed.Value
                : DuckDbTimestamp.Parse(row.Cell(4)) is { Success: true } timestamp ? timestamp.Value.ToInstant()
                : throw row.Bad(4, "is not an instant such as 2025-03-01T09:30:00Z");
            long contacts = row.Count(5) is >= 1 and var n ? n : throw row.Bad(5, "is below 1; an issue has its first contact");
            long repeats = row.Count(6) is var r && r < contacts ? r : throw row.Bad(6, $"is not below the {contacts} contacts of the chain");
            if (row.Flag(7) != (contacts == 1))
            {
                throw row.Bad(7, $"disagrees with the {contacts} contacts (resolved first time = the chain is its first contact alone)");
            }
            issues.Add(new Issue(new InteractionId(first), new CustomerId(customer), row.Optional(2), channel, arrived, contacts, repeats));
        }
        return issues;
    }
}
