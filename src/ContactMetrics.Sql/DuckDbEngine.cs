using System.Data.Common;
using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using DuckDB.NET.Data;

namespace ContactMetrics.Sql;

/// <summary>
/// DuckDB embedded in the process: the tables are views over files, globs or folders of CSV (also gzipped) and Parquet
/// (hive partitions too), read out of core when the statistics' SQL runs, so memory follows the groups, not the rows.
/// </summary>
/// <remarks>
/// Each attached table becomes a view with DESIGN.md's column names and the types <see cref="SqlTables"/> describes;
/// optional columns a file lacks are NULL, as the in-memory readers treat them. CSV is read as text and converted in
/// the view, so a malformed value fails the query with DuckDB's message (named by <see cref="SqlSourceException"/>);
/// the SQL trusts the rows otherwise: check them with <c>contactmetrics validate</c>.
/// </remarks>
public sealed class DuckDbEngine : IDisposable
{
    private static readonly TableColumns Interactions = new("interactions",
    [
        ("interaction_id", "VARCHAR", true), ("customer_id", "VARCHAR", false), ("agent_id", "VARCHAR", false), ("channel", "VARCHAR", true),
        ("direction", "VARCHAR", false), ("queue", "VARCHAR", false), ("reason", "VARCHAR", false), ("arrived_at", "TIMESTAMPTZ", true),
        ("answered_at", "TIMESTAMPTZ", false), ("ended_at", "TIMESTAMPTZ", true), ("talk_seconds", "DECIMAL(18,9)", false),
        ("hold_seconds", "DECIMAL(18,9)", false), ("acw_seconds", "DECIMAL(18,9)", false), ("resolved", "BOOLEAN", false),
        ("transfers", "INTEGER", false), ("csat", "INTEGER", false), ("nps", "INTEGER", false), ("ces", "INTEGER", false),
    ]);

    private static readonly TableColumns Customers = new("customers",
    [
        ("customer_id", "VARCHAR", true), ("segment", "VARCHAR", false), ("acquired_on", "DATE", true), ("churned_on", "DATE", false),
    ]);

    private static readonly TableColumns Purchases = new("purchases",
    [
        ("customer_id", "VARCHAR", true), ("occurred_at", "TIMESTAMPTZ", true), ("amount", "DECIMAL(38,9)", true), ("currency", "VARCHAR", false),
    ]);

    private static readonly TableColumns Touchpoints = new("touchpoints",
    [
        ("customer_id", "VARCHAR", true), ("occurred_at", "TIMESTAMPTZ", true), ("channel", "VARCHAR", true),
    ]);

    private static readonly TableColumns Conversions = new("conversions",
    [
        ("customer_id", "VARCHAR", true), ("occurred_at", "TIMESTAMPTZ", true), ("value", "DECIMAL(38,9)", true), ("currency", "VARCHAR", false),
    ]);

    private readonly DuckDBConnection _connection;
    private readonly Dictionary<string, string> _attached = new(StringComparer.Ordinal);

    private string? _spillFolder;

    private DuckDbEngine(DuckDBConnection connection) => _connection = connection;

    /// <summary>The connection, for running other SQL over the attached views.</summary>
    public DbConnection Connection => _connection;

    /// <summary>Starts an in-memory DuckDB database (its session time zone UTC).</summary>
    /// <param name="threads">How many threads DuckDB uses; all cores when <see langword="null"/>.</param>
    /// <param name="memoryLimit">DuckDB's memory limit, e.g. <c>2GB</c>, past which it spills to disk (in a folder of its own under the system temp folder's <c>contactmetrics-duckdb</c>, removed on <see cref="Dispose"/>); DuckDB's default (80 % of RAM) when <see langword="null"/>.</param>
    /// <returns>The engine; dispose it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static DuckDbEngine Open(int? threads = null, string? memoryLimit = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "DuckDB needs at least one thread.");
        }
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var engine = new DuckDbEngine(connection);
        try
        {
            engine.Execute("SET TimeZone = 'UTC'");
            if (threads is { } t)
            {
                engine.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {t}"));
            }
            if (memoryLimit is not null)
            {
                engine.Execute($"SET memory_limit = {SqlDialect.DuckDb.Literal(memoryLimit)}");
                // Past the limit DuckDB spills; an in-memory database would spill to ./.tmp, the system temp folder is the place.
                // One folder per engine: DuckDB names its spill file alike in every process, so two runs sharing a folder
                // overwrote and deleted each other's (a 100-million-row run failed so beside a CLV run); removed on Dispose.
                engine._spillFolder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "contactmetrics-duckdb", Guid.NewGuid().ToString("N"))).FullName;
                engine.Execute($"SET temp_directory = {SqlDialect.DuckDb.Literal(engine._spillFolder)}");
            }
        }
        catch
        {
            engine.Dispose();
            throw;
        }
        return engine;
    }

    /// <summary>Makes the view <c>interactions</c> over a file, glob or folder.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file; a glob of them (<c>parts/*.csv</c>, <c>lake/**/*.parquet</c>); or a folder, read recursively.</param>
    /// <exception cref="SqlSourceException">No files, mixed formats, or a required column missing.</exception>
    public void AttachInteractions(string path) => Attach(Interactions, path);

    /// <summary>Makes the view <c>customers</c> over a file, glob or folder (needed to group by segment).</summary>
    /// <param name="path">As for <see cref="AttachInteractions"/>.</param>
    /// <exception cref="SqlSourceException">No files, mixed formats, or a required column missing.</exception>
    public void AttachCustomers(string path) => Attach(Customers, path);

    /// <summary>Makes the view <c>purchases</c> over a file, glob or folder (for the RFM summary).</summary>
    /// <param name="path">As for <see cref="AttachInteractions"/>.</param>
    /// <exception cref="SqlSourceException">No files, mixed formats, or a required column missing.</exception>
    public void AttachPurchases(string path) => Attach(Purchases, path);

    /// <summary>Makes the view <c>touchpoints</c> over a file, glob or folder (for path summaries).</summary>
    /// <param name="path">As for <see cref="AttachInteractions"/>.</param>
    /// <exception cref="SqlSourceException">No files, mixed formats, or a required column missing.</exception>
    public void AttachTouchpoints(string path) => Attach(Touchpoints, path);

    /// <summary>Makes the view <c>conversions</c> over a file, glob or folder (for path summaries).</summary>
    /// <param name="path">As for <see cref="AttachInteractions"/>.</param>
    /// <exception cref="SqlSourceException">No files, mixed formats, or a required column missing.</exception>
    public void AttachConversions(string path) => Attach(Conversions, path);

    /// <summary>The path summary of the attached touchpoints and conversions, by <see cref="PathSummarySql"/>.</summary>
    /// <param name="options">Lookback, collapsing of repeats and the direct channel; the defaults when null.</param>
    /// <param name="serviceContacts">Whether the attached interactions become <c>service:&lt;channel&gt;</c> touches.</param>
    /// <returns>The summary, paths in the order of their first journey.</returns>
    /// <exception cref="InvalidOperationException">Touchpoints or conversions (or, with service contacts, interactions) are not attached.</exception>
    /// <exception cref="CurrencyMismatchException">The conversions are in more than one currency.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files, or a value is missing.</exception>
    public Attribution.PathSummary Paths(Attribution.JourneyOptions? options = null, bool serviceContacts = false)
    {
        Require(Touchpoints, nameof(AttachTouchpoints));
        Require(Conversions, nameof(AttachConversions));
        if (serviceContacts)
        {
            Require(Interactions, nameof(AttachInteractions));
        }
        return Summarise(Conversions.Name, () => PathSummarySql.Compute(_connection, SqlDialect.DuckDb, options,
            new JourneyTables(Touchpoints.Name, Conversions.Name, serviceContacts ? Interactions.Name : null)));
    }

    /// <summary>The index-date survival table of the attached customers and interactions, by <see cref="SurvivalTableSql"/>.</summary>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="options">Options; <see cref="Retention.RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table, rows ordered by customer id.</returns>
    /// <exception cref="InvalidOperationException">Customers or interactions are not attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files, or a value is missing.</exception>
    public Retention.IndexDateTable SurvivalTable(Retention.UpliftGrouping grouping, NodaTime.Instant observationEnd, Retention.RetentionUpliftOptions? options = null)
    {
        Require(Interactions, nameof(AttachInteractions));
        Require(Customers, nameof(AttachCustomers));
        return Summarise(Customers.Name, () => SurvivalTableSql.Compute(_connection, SqlDialect.DuckDb, grouping, observationEnd, options, new SqlTables(Interactions.Name, Customers.Name)));
    }

    /// <summary>
    /// The index-date survival table at <paramref name="window"/>'s end with customers as known then
    /// (<see cref="SurvivalTableSql.ComputeAsOf"/>):
    /// what the in-memory analysis builds for the same window.
    /// </summary>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="options">Options; <see cref="Retention.RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table, rows ordered by customer id.</returns>
    /// <exception cref="InvalidOperationException">Customers or interactions are not attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files, or a value is missing.</exception>
    public Retention.IndexDateTable SurvivalTableAsOf(Retention.UpliftGrouping grouping, Domain.ObservationWindow window, Retention.RetentionUpliftOptions? options = null)
    {
        Require(Interactions, nameof(AttachInteractions));
        Require(Customers, nameof(AttachCustomers));
        return Summarise(Customers.Name, () => SurvivalTableSql.ComputeAsOf(_connection, SqlDialect.DuckDb, grouping, window, options, new SqlTables(Interactions.Name, Customers.Name)));
    }

    /// <summary>The latest arrival in the attached interactions; <see langword="null"/> when there are none.</summary>
    /// <returns>The instant.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public NodaTime.Instant? LastArrival()
    {
        Require(Interactions, nameof(AttachInteractions));
        return Summarise(Interactions.Name, () =>
        {
            using var reader = SqlText.Query(_connection, $"SELECT MAX(epoch_us(arrived_at)) FROM {Interactions.Name}", out var command);
            using var owned = command;
            return reader.Read() && !reader.IsDBNull(0) ? SqlText.InstantOfMicros(reader.GetInt64(0)) : (NodaTime.Instant?)null;
        });
    }

    /// <summary>The first and the last event of the attached interactions and purchases (the instants <see cref="Valuation.ContactCenterData.Window"/> spans); <see langword="null"/> without interactions.</summary>
    /// <returns>The first and last instants.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public (NodaTime.Instant First, NodaTime.Instant Last)? EventRange()
    {
        Require(Interactions, nameof(AttachInteractions));
        string purchases = _attached.ContainsKey(Purchases.Name) ? $" UNION ALL SELECT epoch_us(occurred_at), 1 FROM {Purchases.Name}" : "";
        return Summarise(Interactions.Name, () =>
        {
            using var reader = SqlText.Query(_connection,
                $"SELECT MIN(t), MAX(t), COUNT(*) FILTER (WHERE kind = 0) FROM (SELECT epoch_us(arrived_at) AS t, 0 AS kind FROM {Interactions.Name}{purchases}) e", out var command);
            using var owned = command;
            return reader.Read() && !reader.IsDBNull(0) && Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) > 0
                ? (SqlText.InstantOfMicros(reader.GetInt64(0)), SqlText.InstantOfMicros(reader.GetInt64(1)))
                : ((NodaTime.Instant, NodaTime.Instant)?)null;
        });
    }

    /// <summary>The summaries an analysis of the attached tables over <paramref name="window"/> is made of, by <see cref="AnalysisSummariesSql"/>.</summary>
    /// <param name="window">The observation window.</param>
    /// <param name="options">The analysis's options.</param>
    /// <param name="source">Where the tables are, for the reasons of the figures the summaries cannot give.</param>
    /// <returns>The summaries.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases or conversions are in more than one currency.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files, or a value is missing.</exception>
    public Valuation.AnalysisSummaries AnalysisSummaries(ObservationWindow window, Valuation.AnalysisOptions options, string source)
    {
        Require(Interactions, nameof(AttachInteractions));
        string? Named(TableColumns table) => _attached.ContainsKey(table.Name) ? table.Name : null;
        var tables = new AnalysisTables(Interactions.Name, Named(Customers), Named(Purchases), Named(Touchpoints), Named(Conversions));
        return Summarise(Interactions.Name, () => AnalysisSummariesSql.Compute(_connection, SqlDialect.DuckDb, tables, window, options, source));
    }

    private void Require(TableColumns table, string attach)
    {
        if (!_attached.ContainsKey(table.Name))
        {
            throw new InvalidOperationException($"Attach the {table.Name} first ({attach}).");
        }
    }

    /// <summary>Runs a summary's SQL; the engine's errors and the summary's complaints about rows become <see cref="SqlSourceException"/>s naming the table.</summary>
    private T Summarise<T>(string summarised, Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (DuckDBException e)
        {
            throw Failure(e, summarised);
        }
        catch (InvalidDataException e)
        {
            throw Named(e, summarised);
        }
    }

    /// <summary>The RFM summary of the attached purchases, by <see cref="RfmSummarySql"/>.</summary>
    /// <param name="options">Calibration end, holdout end, period and time zone (same-day purchases merged).</param>
    /// <returns>The summary, customers ordered by id.</returns>
    /// <exception cref="InvalidOperationException">No purchases are attached.</exception>
    /// <exception cref="ArgumentException">Same-day merging is off.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public RfmSummary RfmSummary(RfmSummaryOptions options)
    {
        Require(Purchases, nameof(AttachPurchases));
        return Summarise(Purchases.Name, () => RfmSummarySql.Compute(_connection, SqlDialect.DuckDb, options, Purchases.Name));
    }

    /// <summary>The KPI counts of the attached interactions (and customers, for the segment), by <see cref="KpiCountsSql"/>.</summary>
    /// <param name="grouping">What to group by.</param>
    /// <param name="options">The KPI definitions; the defaults when <see langword="null"/>.</param>
    /// <returns>One summary per group, ordered by key.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="ArgumentException">Grouping by segment without attached customers, or an invalid grouping.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public IReadOnlyList<GroupedKpiCounts> Kpis(KpiGrouping grouping, KpiOptions? options = null)
    {
        Require(Interactions, nameof(AttachInteractions));
        var tables = new SqlTables(Interactions.Name, _attached.ContainsKey(Customers.Name) ? Customers.Name : null);
        return Summarise(Interactions.Name, () => KpiCountsSql.Compute(_connection, SqlDialect.DuckDb, grouping, options, tables));
    }

    /// <summary>The issues of the attached interactions (one row per repeat chain that starts at a handled contact), by <see cref="IssuesSql"/>.</summary>
    /// <param name="repeat">The repeat rule; the KPI default when <see langword="null"/>.</param>
    /// <returns>The issues, ordered by first contact id.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public IReadOnlyList<Tables.Issue> Issues(Tables.RepeatContactOptions? repeat = null)
    {
        Require(Interactions, nameof(AttachInteractions));
        return Summarise(Interactions.Name, () => IssuesSql.Compute(_connection, SqlDialect.DuckDb, repeat, new SqlTables(Interactions.Name, null)));
    }

    /// <summary>The business case's counts per segment of the attached interactions (and customers, for the segments), by <see cref="SegmentInputsSql"/>.</summary>
    /// <param name="repeat">The repeat rule and FCR basis.</param>
    /// <param name="from">The period's start (inclusive).</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <returns>The rows, ordered by segment, no segment last.</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public IReadOnlyList<Tables.SegmentInputs> SegmentInputs(Tables.RepeatContactOptions repeat, NodaTime.Instant from, NodaTime.Instant to)
    {
        Require(Interactions, nameof(AttachInteractions));
        var tables = new SqlTables(Interactions.Name, _attached.ContainsKey(Customers.Name) ? Customers.Name : null);
        return Summarise(Interactions.Name, () => SegmentInputsSql.Compute(_connection, SqlDialect.DuckDb, repeat, from, to, tables));
    }

    /// <summary>Cost-to-serve of the attached interactions (and customers, for the segments), by <see cref="CostToServeSql"/>.</summary>
    /// <param name="model">The cost model.</param>
    /// <param name="repeat">The repeat-contact rule of the chains; the KPI default when <see langword="null"/>.</param>
    /// <returns>The result, equal to the in-memory calculator's (without per-contact costs).</returns>
    /// <exception cref="InvalidOperationException">No interactions are attached.</exception>
    /// <exception cref="ArgumentException">The model has no rates for a channel the rows use, or an overhead has nothing to spread over.</exception>
    /// <exception cref="SqlSourceException">DuckDB could not read or convert the files.</exception>
    public CostToServe.CostToServeResult Cost(CostToServe.CostModel model, Tables.RepeatContactOptions? repeat = null)
    {
        Require(Interactions, nameof(AttachInteractions));
        var tables = new SqlTables(Interactions.Name, _attached.ContainsKey(Customers.Name) ? Customers.Name : null);
        return Summarise(Interactions.Name, () => CostToServeSql.Compute(_connection, SqlDialect.DuckDb, model, repeat, tables));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        if (_spillFolder is not null && Directory.Exists(_spillFolder))
        {
            try
            {
                Directory.Delete(_spillFolder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A spill folder left behind is harmless (each engine has its own); Dispose must not replace the exception in flight.
            }
        }
    }

    /// <summary>The folder this engine spills to past its memory limit (its own), or null without a limit.</summary>
    internal string? SpillFolder => _spillFolder;

    /// <summary>A summary's complaint about the rows (<c>relation: what and the fix</c>), named by the table and its path.</summary>
    private SqlSourceException Named(InvalidDataException e, string table)
    {
        string prefix = table + ": ";
        string message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
        return new SqlSourceException(table, _attached.GetValueOrDefault(table, ""), message, e);
    }

    /// <summary>The engine's error, named by the table whose path it mentions, or else the table being summarised.</summary>
    private SqlSourceException Failure(DuckDBException e, string summarised)
    {
        if (Missing(e.Message) is var (missingTable, message))
        {
            return new SqlSourceException(missingTable, _attached.GetValueOrDefault(missingTable, ""), message, e);
        }
        var (table, path) = _attached.FirstOrDefault(a => e.Message.Contains(a.Value, StringComparison.Ordinal));
        table ??= summarised;
        path ??= _attached.GetValueOrDefault(table, "");
        return new SqlSourceException(table, path, $"DuckDB could not read the data: {FirstLine(e.Message)}; check the values (contactmetrics validate names the row).", e);
    }

    /// <summary>
    /// The text DuckDB's <c>error()</c> raises for a missing required value: a marker, the table, the column and the row's
    /// key (its first column, e.g. interaction_id), which <see cref="Failure"/> turns into a sentence.
    /// </summary>
    private static string MissingMarker(TableColumns table, string column)
    {
        string key = table.Columns[0].Name;
        string keyValue = key == column ? "''" : $"COALESCE(CAST(\"{key}\" AS VARCHAR), '')";
        return $"{SqlDialect.DuckDb.Literal($"{MissingPrefix}{table.Name}|{column}|{key}|")} || {keyValue}";
    }

    private const string MissingPrefix = "contactmetrics-missing|";

    /// <summary>The sentence of a missing required value, from the marker in DuckDB's message; <see langword="null"/> when there is none.</summary>
    private static (string Table, string Message)? Missing(string message)
    {
        int at = message.IndexOf(MissingPrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var parts = FirstLine(message[(at + MissingPrefix.Length)..]).Split('|');
        if (parts.Length < 4)
        {
            return null;
        }
        string row = parts[1] == parts[2] || parts[3].Length == 0 ? "a row" : $"the row with {parts[2]} '{parts[3]}'";
        return (parts[0], $"the required column '{parts[1]}' is blank in {row}; fill it or leave the row out ('contactmetrics validate' names its line).");
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    private void Attach(TableColumns table, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var source = DuckDbSource.Resolve(table.Name, path);
        string relation = source.Relation();
        HashSet<string> present;
        try
        {
            present = Columns(relation);
        }
        catch (DuckDBException e)
        {
            throw new SqlSourceException(table.Name, path, $"DuckDB could not read the files: {FirstLine(e.Message)}", e);
        }
        var select = new List<string>();
        foreach (var (name, type, required) in table.Columns)
        {
            if (!present.Contains(name))
            {
                if (required)
                {
                    throw new SqlSourceException(table.Name, path, $"the required column '{name}' is missing; the header has {string.Join(", ", present.Order(StringComparer.Ordinal))}.");
                }
                select.Add($"CAST(NULL AS {type}) AS {name}");
                continue;
            }
            // CSV is read as text: an empty or blank cell is missing, as for the in-memory readers.
            string value = source.IsText ? $"NULLIF(TRIM(\"{name}\"), '')" : $"\"{name}\"";
            string cast = $"CAST({value} AS {type})";
            // A required value that is missing stops the query where the row is read (no extra pass), naming the row's key.
            select.Add(required ? $"CASE WHEN {value} IS NULL THEN error({MissingMarker(table, name)}) ELSE {cast} END AS {name}" : $"{cast} AS {name}");
        }
        Execute($"CREATE OR REPLACE VIEW {table.Name} AS SELECT {string.Join(", ", select)} FROM {relation}");
        _attached[table.Name] = path;
    }

    private HashSet<string> Columns(string relation)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {relation}";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0).Trim().ToLowerInvariant());
        }
        return names;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record TableColumns(string Name, (string Name, string Type, bool Required)[] Columns);
}
