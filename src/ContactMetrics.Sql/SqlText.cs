using System.Data;
using System.Data.Common;
using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>What the statistics' SQL builders share: literals of instants and channel lists, floor division, the currency check, and running a query on a connection that may be closed.</summary>
internal static class SqlText
{
    /// <summary>An instant's Unix microseconds as a SQL integer literal.</summary>
    public static string Micros(Instant instant) =>
        (instant.ToUnixTimeTicks() / (NodaConstants.TicksPerMillisecond / 1000)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration in whole microseconds as a SQL integer literal.</summary>
    public static string Micros(Duration duration) => (duration.ToInt64Nanoseconds() / 1000).ToString(CultureInfo.InvariantCulture);

    /// <summary>The instant of Unix microseconds an engine returned.</summary>
    public static Instant InstantOfMicros(long micros) => Instant.FromUnixTimeTicks(micros * (NodaConstants.TicksPerMillisecond / 1000));

    /// <summary>Floor division of an integer expression, exact while it stays within 2^53 (Unix microseconds until the year 2255).</summary>
    public static string FloorDiv(SqlDialect dialect, string expression, long divisor) =>
        $"CAST(FLOOR(CAST({expression} AS {dialect.FloatType}) / {divisor.ToString(CultureInfo.InvariantCulture)}) AS BIGINT)";

    /// <summary>
    /// Seconds (a decimal, possibly missing) as whole milliseconds, rounded down, 0 when missing. The floor is taken
    /// before the <c>COALESCE</c>: <c>COALESCE(seconds, 0)</c> would widen DuckDB's DECIMAL(18,9) to DECIMAL(19,9), which
    /// DuckDB computes in 128-bit integers, about 25 times slower (7 CPU-seconds a column on 10 million rows, docs/benchmarks.md);
    /// the value is the same, since the floor of a missing value is missing and that of 0 is 0.
    /// </summary>
    public static string Milliseconds(string seconds) => $"COALESCE(CAST(FLOOR({seconds} * 1000) AS BIGINT), 0)";

    /// <summary>The schema names of the channels a trait selects, as a list of literals for <c>IN (...)</c>.</summary>
    public static string Channels(SqlDialect dialect, Func<Channel, bool> trait) =>
        string.Join(", ", ChannelNames.All.Where(trait).Select(c => dialect.Literal(c.ToSchemaName())));

    /// <summary>The channel of an interaction row as its schema name (trimmed, lower case).</summary>
    public static string Channel(string column) => $"LOWER(TRIM({column}))";

    /// <summary>1 for an inbound interaction (a missing direction is inbound, as in memory), else 0.</summary>
    public static string Inbound(string column) => $"CASE WHEN {column} IS NULL OR LOWER(TRIM({column})) = 'inbound' THEN 1 ELSE 0 END";

    /// <summary>The columns a repeat rule compares contacts within: the customer, and the reason and channel when the rule asks.</summary>
    public static List<string> RepeatPartition(Tables.RepeatContactOptions repeat)
    {
        var partition = new List<string> { "customer_id" };
        if (repeat.SameReason)
        {
            partition.Add("reason");
        }
        if (repeat.Scope == Tables.RepeatChannelScope.SameChannel)
        {
            partition.Add("channel");
        }
        return partition;
    }

    /// <summary>Runs <paramref name="read"/> on <paramref name="connection"/>, opening it first (and closing it after) when it is closed.</summary>
    public static T OnOpen<T>(DbConnection connection, Func<T> read)
    {
        bool opened = false;
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
            opened = true;
        }
        try
        {
            return read();
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    /// <summary>A reader over the result of <paramref name="sql"/>, without a command timeout (summaries of big tables take long).</summary>
    public static DbDataReader Query(DbConnection connection, string sql, out DbCommand command)
    {
        command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command.ExecuteReader();
    }

    /// <summary>
    /// The one currency of a money column: none (<c>XXX</c>) when every cell is missing; a blank cell next to a code, or a
    /// cell that is not an ISO 4217 code, is an <see cref="InvalidDataException"/> naming the relation and the fix.
    /// </summary>
    /// <exception cref="CurrencyMismatchException">Two currencies.</exception>
    public static Currency CurrencyOf(DbConnection connection, string relation, string column = "currency")
    {
        using var reader = Query(connection, $"SELECT DISTINCT {column} FROM {relation} ORDER BY 1", out var command);
        using var owned = command;
        // Distinct texts, not distinct currencies: 'eur', 'EUR' and ' EUR' are one currency, as the in-memory readers read them.
        var currencies = new List<Currency>();
        bool blank = false;
        while (reader.Read() && currencies.Count < 2)
        {
            string code = reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!.Trim();
            if (code.Length == 0)
            {
                blank = true;
                continue;
            }
            var currency = Currency.TryParse(code, out var c) ? c
                : throw new InvalidDataException($"{relation}: the {column} '{code}' is not an ISO 4217 code such as EUR; correct it.");
            if (!currencies.Contains(currency))
            {
                currencies.Add(currency);
            }
        }
        if (currencies.Count > 1)
        {
            throw new CurrencyMismatchException(currencies[0], currencies[1]);
        }
        if (blank && currencies.Count == 1)
        {
            // A blank currency next to a code would add amounts of an unknown currency to that code's.
            throw new InvalidDataException($"{relation}: the {column} is blank in some rows and {currencies[0].Code} in others; fill the blank cells (every row in one currency).");
        }
        return currencies.Count == 0 ? default : currencies[0];
    }
}
