using System.Globalization;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// What differs between SQL engines in the statistics' SQL: the two time functions (an instant's Unix microseconds, and
/// its wall-clock time in a time zone) and how a literal is quoted. Everything else the statistics use is the portable
/// subset every engine here shares: CTEs, <c>CASE</c>, <c>COALESCE</c>, <c>FLOOR</c>, <c>EXTRACT</c>,
/// <c>date_trunc</c>, <c>LEAD</c> and <c>MAX</c> over a window with a <c>ROWS</c> frame, <c>GROUP BY</c>.
/// </summary>
/// <remarks>
/// DuckDB and PostgreSQL are built in and tested; docs/scale.md gives the expressions of Spark SQL, BigQuery and
/// Snowflake, which a subclass returns the same way.
/// </remarks>
public abstract class SqlDialect
{
    /// <summary>DuckDB (1.x, with its ICU time zones, which the embedded engine loads).</summary>
    public static SqlDialect DuckDb { get; } = new DuckDbDialect();

    /// <summary>PostgreSQL (12 or later).</summary>
    public static SqlDialect PostgreSql { get; } = new PostgreSqlDialect();

    /// <summary>The engine's name, e.g. <c>duckdb</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// An expression for the Unix microseconds (a <c>BIGINT</c>) of <paramref name="timestamp"/>: of the instant for a
    /// timestamp with time zone, of the wall-clock time read as UTC for one without.
    /// </summary>
    /// <param name="timestamp">A SQL expression of a timestamp.</param>
    /// <returns>The SQL expression.</returns>
    public abstract string EpochMicroseconds(string timestamp);

    /// <summary>
    /// An expression for the wall-clock time (a timestamp without time zone) of the instant <paramref name="instant"/>
    /// (a timestamp with time zone) in <paramref name="zone"/>, following its daylight-saving rules.
    /// </summary>
    /// <param name="instant">A SQL expression of a timestamp with time zone.</param>
    /// <param name="zone">The time zone, by its IANA id.</param>
    /// <returns>The SQL expression.</returns>
    public abstract string LocalTimestamp(string instant, DateTimeZone zone);

    /// <summary>The name of the 8-byte floating-point type, for exact floor division of integers below 2^53.</summary>
    public virtual string FloatType => "DOUBLE PRECISION";

    /// <summary>An expression for <paramref name="localTimestamp"/> (without time zone) truncated to the start of its ISO week (Monday) or month.</summary>
    /// <param name="unit"><c>week</c> or <c>month</c>.</param>
    /// <param name="localTimestamp">A SQL expression of a timestamp without time zone.</param>
    /// <returns>The SQL expression, <c>date_trunc('week', ...)</c> by default.</returns>
    public virtual string Truncate(string unit, string localTimestamp) => $"date_trunc({Literal(unit)}, {localTimestamp})";

    /// <summary>An expression that orders text by its code points (ordinal), as .NET's <see cref="StringComparer.Ordinal"/> does for ids; the text itself by default (DuckDB compares bytes).</summary>
    /// <param name="text">A SQL expression of text.</param>
    /// <returns>The SQL expression.</returns>
    public virtual string Ordinal(string text) => text;

    /// <summary>
    /// The keyword that makes a CTE named more than once a part of each query that reads it instead of a table built
    /// first (<c>NOT MATERIALIZED</c>, with a space after it), for DuckDB and PostgreSQL; empty for other engines. DuckDB
    /// builds such a CTE in memory by default, every row and column of it, where reading the files twice costs less.
    /// </summary>
    internal virtual string NotMaterialized => "";

    /// <summary>A string literal: single quotes, with quotes inside doubled.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The literal.</returns>
    public virtual string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class DuckDbDialect : SqlDialect
    {
        public override string Name => "duckdb";

        public override string EpochMicroseconds(string timestamp) => $"epoch_us({timestamp})";

        // A zone whose offset never changes (UTC, the CLI's default) is a sum: ICU's timezone() costs about 0.25 CPU-microseconds
        // a row, six times the rest of the bucket (docs/benchmarks.md); make_timestamp reads Unix microseconds as a timestamp.
        public override string LocalTimestamp(string instant, DateTimeZone zone) => zone.MinOffset == zone.MaxOffset
            ? string.Create(CultureInfo.InvariantCulture, $"make_timestamp({EpochMicroseconds(instant)}{(zone.MaxOffset == Offset.Zero ? "" : $" + {zone.MaxOffset.Milliseconds * 1000L}")})")
            : $"timezone({Literal(zone.Id)}, {instant})";

        internal override string NotMaterialized => "NOT MATERIALIZED ";
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        public override string Name => "postgresql";

        // EXTRACT(EPOCH ...) is numeric (exact) since PostgreSQL 14 and double before; microseconds are integers either way.
        public override string EpochMicroseconds(string timestamp) =>
            string.Create(CultureInfo.InvariantCulture, $"CAST(ROUND(EXTRACT(EPOCH FROM {timestamp}) * 1000000) AS BIGINT)");

        public override string LocalTimestamp(string instant, DateTimeZone zone) => $"({instant} AT TIME ZONE {Literal(zone.Id)})";

        internal override string NotMaterialized => "NOT MATERIALIZED ";

        // The database's collation may be a locale's; "C" compares bytes.
        public override string Ordinal(string text) => $"{text} COLLATE \"C\"";
    }
}
