using System.Data.Common;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;

namespace ContactMetrics.Interop;

/// <summary>
/// The tables from Apache Arrow record batches (an Arrow IPC file or stream, a Flight or ADBC result, DuckDB or Polars
/// output), read through ContactMetrics.Data's validation; and per-customer summaries back to a record batch.
/// </summary>
/// <remarks>
/// Columns are matched by name as a file's header is (docs/data.md) and every row is validated as a file's row is: a
/// rejected row names its 1-based row number across the batches and its column. Timestamps with a time zone are exact;
/// timestamps without one are read as UTC, with a note in the report. Strings may be dictionary-encoded.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The stream and batch overloads differ in their first parameter's type (IArrowArrayStream, Schema), so no call can be ambiguous.")]
public static class ArrowTables
{
    /// <summary>Opens the batches of an Arrow stream as an <c>interactions</c> table; the batches are read as the rows are.</summary>
    /// <param name="stream">The batches (for example an <see cref="ArrowStreamReader"/> or <see cref="ArrowFileReader"/>).</param>
    /// <param name="name">The name errors and the report give the rows, such as the file they came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="TableFormatException">A required column is missing, or a column appears twice.</exception>
    public static TableReader<Interaction> OpenInteractions(IArrowArrayStream stream, string name, TableReadOptions? options = null)
        => Data.Tables.OpenInteractions(Reader(stream), name, options);

    /// <summary>Opens record batches of one schema as an <c>interactions</c> table.</summary>
    /// <param name="schema">The batches' schema.</param>
    /// <param name="batches">The batches, read as the rows are.</param>
    /// <param name="name">The name errors and the report give the rows.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="TableFormatException">A required column is missing, or a column appears twice.</exception>
    public static TableReader<Interaction> OpenInteractions(Schema schema, IEnumerable<RecordBatch> batches, string name, TableReadOptions? options = null)
        => Data.Tables.OpenInteractions(Reader(schema, batches), name, options);

    /// <summary>Opens the batches of an Arrow stream as a <c>customers</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(IArrowArrayStream, string, TableReadOptions?)"/>
    public static TableReader<Customer> OpenCustomers(IArrowArrayStream stream, string name, TableReadOptions? options = null)
        => Data.Tables.OpenCustomers(Reader(stream), name, options);

    /// <summary>Opens record batches of one schema as a <c>customers</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(Schema, IEnumerable{RecordBatch}, string, TableReadOptions?)"/>
    public static TableReader<Customer> OpenCustomers(Schema schema, IEnumerable<RecordBatch> batches, string name, TableReadOptions? options = null)
        => Data.Tables.OpenCustomers(Reader(schema, batches), name, options);

    /// <summary>Opens the batches of an Arrow stream as a <c>purchases</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(IArrowArrayStream, string, TableReadOptions?)"/>
    public static TableReader<Purchase> OpenPurchases(IArrowArrayStream stream, string name, TableReadOptions? options = null)
        => Data.Tables.OpenPurchases(Reader(stream), name, options);

    /// <summary>Opens record batches of one schema as a <c>purchases</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(Schema, IEnumerable{RecordBatch}, string, TableReadOptions?)"/>
    public static TableReader<Purchase> OpenPurchases(Schema schema, IEnumerable<RecordBatch> batches, string name, TableReadOptions? options = null)
        => Data.Tables.OpenPurchases(Reader(schema, batches), name, options);

    /// <summary>Opens the batches of an Arrow stream as a <c>touchpoints</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(IArrowArrayStream, string, TableReadOptions?)"/>
    public static TableReader<Touchpoint> OpenTouchpoints(IArrowArrayStream stream, string name, TableReadOptions? options = null)
        => Data.Tables.OpenTouchpoints(Reader(stream), name, options);

    /// <summary>Opens record batches of one schema as a <c>touchpoints</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(Schema, IEnumerable{RecordBatch}, string, TableReadOptions?)"/>
    public static TableReader<Touchpoint> OpenTouchpoints(Schema schema, IEnumerable<RecordBatch> batches, string name, TableReadOptions? options = null)
        => Data.Tables.OpenTouchpoints(Reader(schema, batches), name, options);

    /// <summary>Opens the batches of an Arrow stream as a <c>conversions</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(IArrowArrayStream, string, TableReadOptions?)"/>
    public static TableReader<Conversion> OpenConversions(IArrowArrayStream stream, string name, TableReadOptions? options = null)
        => Data.Tables.OpenConversions(Reader(stream), name, options);

    /// <summary>Opens record batches of one schema as a <c>conversions</c> table.</summary>
    /// <inheritdoc cref="OpenInteractions(Schema, IEnumerable{RecordBatch}, string, TableReadOptions?)"/>
    public static TableReader<Conversion> OpenConversions(Schema schema, IEnumerable<RecordBatch> batches, string name, TableReadOptions? options = null)
        => Data.Tables.OpenConversions(Reader(schema, batches), name, options);

    /// <summary>
    /// The RFM summary as one record batch, a row per customer in the summary's order: <c>customer_id</c> (string),
    /// <c>frequency</c> (int32), <c>recency</c>, <c>T</c> and <c>monetary_value</c> (double, in the summary's period
    /// unit and currency), the columns of the rfm summary table (docs/data.md); with a forecast also <c>p_alive</c>,
    /// <c>expected_purchases</c>, <c>expected_spend</c> and <c>clv</c> (double) and <c>currency</c>.
    /// </summary>
    /// <param name="summary">The customers.</param>
    /// <param name="forecast">The forecast of the same summary (<see cref="ClvForecast.Compute"/>), or <see langword="null"/>.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">The forecast has another number of customers than the summary.</exception>
    public static RecordBatch ToRecordBatch(RfmSummary summary, ClvForecast? forecast = null)
    {
        var columns = CustomerColumns.Of(summary, forecast);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        var ids = new StringArray.Builder();
        foreach (var id in summary.CustomerIds)
        {
            ids.Append(id.Value);
        }
        fields.Add(new Field("customer_id", StringType.Default, nullable: false));
        arrays.Add(ids.Build());
        fields.Add(new Field("frequency", Int32Type.Default, nullable: false));
        arrays.Add(new Int32Array.Builder().AppendRange(summary.Frequency).Build());
        foreach (var (name, values) in columns.Numbers)
        {
            fields.Add(new Field(name, DoubleType.Default, nullable: false));
            arrays.Add(new DoubleArray.Builder().AppendRange(values).Build());
        }
        if (columns.Currency is string currency)
        {
            var codes = new StringArray.Builder();
            for (int i = 0; i < summary.Count; i++)
            {
                codes.Append(currency);
            }
            fields.Add(new Field("currency", StringType.Default, nullable: false));
            arrays.Add(codes.Build());
        }
        return new RecordBatch(new Schema(fields, metadata: null), arrays, summary.Count);
    }

    private static ArrowDataReader Reader(IArrowArrayStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ArrowDataReader(stream.Schema, Batches(stream));
    }

    private static ArrowDataReader Reader(Schema schema, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        return new ArrowDataReader(schema, batches);
    }

    private static IEnumerable<RecordBatch> Batches(IArrowArrayStream stream)
    {
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is RecordBatch batch)
        {
            yield return batch;
        }
    }
}
