using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using Microsoft.Data.Analysis;

namespace ContactMetrics.Interop;

/// <summary>
/// The tables from a Microsoft.Data.Analysis <see cref="DataFrame"/>, read through ContactMetrics.Data's validation; and
/// per-customer summaries back to a DataFrame.
/// </summary>
/// <remarks>
/// Columns are matched by name as a file's header is (docs/data.md) and every row is validated as a file's row is: a
/// rejected row names its 1-based row number and column. Values are taken as the column's element type: a
/// <see cref="DateTime"/> column (DataFrame's timestamps carry no offset) is read as UTC, with a note in the report.
/// </remarks>
public static class DataFrameTables
{
    /// <summary>Opens the rows of a DataFrame as an <c>interactions</c> table.</summary>
    /// <param name="frame">The rows.</param>
    /// <param name="name">The name errors and the report give the rows.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="TableFormatException">A required column is missing, or a column appears twice.</exception>
    public static TableReader<Interaction> OpenInteractions(DataFrame frame, string name, TableReadOptions? options = null)
        => Data.Tables.OpenInteractions(Reader(frame), name, options);

    /// <summary>Opens the rows of a DataFrame as a <c>customers</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DataFrame, string, TableReadOptions?)"/>
    public static TableReader<Customer> OpenCustomers(DataFrame frame, string name, TableReadOptions? options = null)
        => Data.Tables.OpenCustomers(Reader(frame), name, options);

    /// <summary>Opens the rows of a DataFrame as a <c>purchases</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DataFrame, string, TableReadOptions?)"/>
    public static TableReader<Purchase> OpenPurchases(DataFrame frame, string name, TableReadOptions? options = null)
        => Data.Tables.OpenPurchases(Reader(frame), name, options);

    /// <summary>Opens the rows of a DataFrame as a <c>touchpoints</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DataFrame, string, TableReadOptions?)"/>
    public static TableReader<Touchpoint> OpenTouchpoints(DataFrame frame, string name, TableReadOptions? options = null)
        => Data.Tables.OpenTouchpoints(Reader(frame), name, options);

    /// <summary>Opens the rows of a DataFrame as a <c>conversions</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(DataFrame, string, TableReadOptions?)"/>
    public static TableReader<Conversion> OpenConversions(DataFrame frame, string name, TableReadOptions? options = null)
        => Data.Tables.OpenConversions(Reader(frame), name, options);

    /// <summary>The RFM summary, and its forecast when given, as a DataFrame with the columns of <see cref="ArrowTables.ToRecordBatch"/>.</summary>
    /// <param name="summary">The customers.</param>
    /// <param name="forecast">The forecast of the same summary, or <see langword="null"/>.</param>
    /// <returns>A row per customer in the summary's order.</returns>
    /// <exception cref="ArgumentException">The forecast has another number of customers than the summary.</exception>
    public static DataFrame ToDataFrame(RfmSummary summary, ClvForecast? forecast = null)
    {
        var columns = CustomerColumns.Of(summary, forecast);
        var frame = new DataFrame(
            new StringDataFrameColumn("customer_id", summary.CustomerIds.Select(id => id.Value)),
            new Int32DataFrameColumn("frequency", summary.Frequency));
        foreach (var (name, values) in columns.Numbers)
        {
            frame.Columns.Add(new DoubleDataFrameColumn(name, values));
        }
        if (columns.Currency is string currency)
        {
            frame.Columns.Add(new StringDataFrameColumn("currency", Enumerable.Repeat(currency, summary.Count)));
        }
        return frame;
    }

    private static DataFrameDataReader Reader(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new DataFrameDataReader(frame);
    }
}
