using System.Data.Common;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using ContactMetrics.Domain;

namespace ContactMetrics.Data;

/// <summary>The tables from an ADO.NET <see cref="DbDataReader"/>: the result of a query on any database, or a <c>DataTable</c>.</summary>
/// <remarks>
/// <para>The reader's columns are matched to the schema by name, as a file's header is (docs/data.md), and every row is
/// validated as a file's row is: a bad row stops the read with its 1-based row number and column, or, with
/// <see cref="RowErrorMode.Collect"/>, is left out and counted. Typed values are taken as they are:
/// <see cref="DateTimeOffset"/> for instants (a <see cref="DateTime"/> of kind Utc too; one of another kind is read as
/// UTC, with a note in the report), <see cref="DateOnly"/> or a <see cref="DateTime"/> at midnight for dates, any numeric
/// type for numbers, <see cref="TimeSpan"/> for durations in seconds, <see cref="bool"/> (or 0/1) for flags; text is
/// parsed as in a CSV file.</para>
/// <para>The reader belongs to the caller: it is read forward from its current row and left open.</para>
/// </remarks>
public static partial class Tables
{
    /// <summary>Opens the rows of a data reader as an <c>interactions</c> table.</summary>
    /// <param name="reader">The rows; read forward and left open.</param>
    /// <param name="name">The name errors and the report give the rows, such as the query or table they came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="TableFormatException">A required column is missing, or a column appears twice.</exception>
    public static TableReader<Interaction> OpenInteractions(DbDataReader reader, string name, TableReadOptions? options = null)
        => Open(reader, name, InteractionsTable.Instance, options);

    /// <summary>Opens the rows of a data reader as a <c>customers</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DbDataReader, string, TableReadOptions?)"/>
    public static TableReader<Customer> OpenCustomers(DbDataReader reader, string name, TableReadOptions? options = null)
        => Open(reader, name, CustomersTable.Instance, options);

    /// <summary>Opens the rows of a data reader as a <c>purchases</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DbDataReader, string, TableReadOptions?)"/>
    public static TableReader<Purchase> OpenPurchases(DbDataReader reader, string name, TableReadOptions? options = null)
        => Open(reader, name, MoneyEventTables.Purchases, options);

    /// <summary>Opens the rows of a data reader as a <c>touchpoints</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DbDataReader, string, TableReadOptions?)"/>
    public static TableReader<Touchpoint> OpenTouchpoints(DbDataReader reader, string name, TableReadOptions? options = null)
        => Open(reader, name, TouchpointsTable.Instance, options);

    /// <summary>Opens the rows of a data reader as a <c>conversions</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DbDataReader, string, TableReadOptions?)"/>
    public static TableReader<Conversion> OpenConversions(DbDataReader reader, string name, TableReadOptions? options = null)
        => Open(reader, name, MoneyEventTables.Conversions, options);

    private static TableReader<T> Open<T>(DbDataReader reader, string name, Table<T> table, TableReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TableReader<T>(new DataReaderRowSource(reader, name), table, options);
    }
}
