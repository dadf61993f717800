using Npgsql;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The demo tables loaded into a schema of their own in the PostgreSQL database of $CONTACTMETRICS_POSTGRES (COPY from the
/// demo CSV files, into DESIGN.md's columns with PostgreSQL types); the schema is dropped afterwards. Connects on first use,
/// so a skipped test never needs the server.
/// </summary>
public sealed class PostgreSqlDemo : IDisposable
{
    private const string InteractionsDdl = """
        interaction_id text NOT NULL, customer_id text, agent_id text, channel text NOT NULL, direction text, queue text, reason text,
        arrived_at timestamptz NOT NULL, answered_at timestamptz, ended_at timestamptz NOT NULL, talk_seconds numeric, hold_seconds numeric,
        acw_seconds numeric, resolved boolean, transfers integer, csat integer, nps integer, ces integer, recommended boolean
        """;

    private const string CustomersDdl = "customer_id text NOT NULL, segment text, acquired_on date, churned_on date";

    private const string PurchasesDdl = "customer_id text NOT NULL, occurred_at timestamptz NOT NULL, amount numeric NOT NULL, currency text";

    private const string TouchpointsDdl = "customer_id text NOT NULL, occurred_at timestamptz NOT NULL, channel text NOT NULL";

    private const string ConversionsDdl = "customer_id text NOT NULL, occurred_at timestamptz NOT NULL, value numeric NOT NULL, currency text";

    private readonly Lazy<NpgsqlDataSource> _source;
    private readonly string _schema = "cm_test_" + Guid.NewGuid().ToString("N");

    public PostgreSqlDemo()
    {
        Demo = new DemoTables();
        _source = new Lazy<NpgsqlDataSource>(Load);
    }

    public DemoTables Demo { get; }

    /// <summary>The relations of the loaded tables.</summary>
    public SqlTables Tables => new($"{_schema}.interactions", $"{_schema}.customers");

    /// <summary>The relation of the loaded purchases.</summary>
    public string Purchases => $"{_schema}.purchases";

    /// <summary>The relations of the loaded touchpoints and conversions, with the interactions as service contacts.</summary>
    public JourneyTables Journeys => new($"{_schema}.touchpoints", $"{_schema}.conversions", $"{_schema}.interactions");

    /// <summary>A new (closed) connection to the database.</summary>
    public NpgsqlConnection Connection() => _source.Value.CreateConnection();

    /// <summary>Loads extra rows (a CSV text with a header) into a new table with the interactions' columns; returns its relation.</summary>
    public SqlTables LoadInteractions(string name, string csv)
    {
        using var connection = _source.Value.OpenConnection();
        Create(connection, name, InteractionsDdl, csv);
        return new SqlTables($"{_schema}.{name}", null);
    }

    private NpgsqlDataSource Load()
    {
        string connectionString = PostgreSqlSetup.ConnectionString
            ?? throw new InvalidOperationException($"${PostgreSqlSetup.Variable} is not set: on CI, .ci/run must start PostgreSQL and set it.");
        var source = NpgsqlDataSource.Create(connectionString);
        using var connection = source.OpenConnection();
        Execute(connection, $"CREATE SCHEMA {_schema}");
        Create(connection, "interactions", InteractionsDdl, File.ReadAllText(Demo.InteractionsCsv));
        Create(connection, "customers", CustomersDdl, File.ReadAllText(Demo.CustomersCsv));
        Create(connection, "purchases", PurchasesDdl, File.ReadAllText(Demo.PurchasesCsv));
        Create(connection, "touchpoints", TouchpointsDdl, File.ReadAllText(Demo.TouchpointsCsv));
        Create(connection, "conversions", ConversionsDdl, File.ReadAllText(Demo.ConversionsCsv));
        return source;
    }

    private void Create(NpgsqlConnection connection, string table, string columns, string csv)
    {
        Execute(connection, $"CREATE TABLE {_schema}.{table} ({columns})");
        string header = csv[..csv.IndexOf('\n', StringComparison.Ordinal)].Trim();
        using var writer = connection.BeginTextImport($"COPY {_schema}.{table} ({header}) FROM STDIN (FORMAT csv, HEADER true)");
        writer.Write(csv);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_source.IsValueCreated)
        {
            using (var connection = _source.Value.OpenConnection())
            {
                Execute(connection, $"DROP SCHEMA {_schema} CASCADE");
            }
            _source.Value.Dispose();
        }
        Demo.Dispose();
    }
}
