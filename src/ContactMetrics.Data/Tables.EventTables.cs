using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Data;

public static partial class Tables
{
    /// <summary>
    /// Reads a whole <c>purchases</c> file straight into the columnar <see cref="PurchaseTable"/> (what the CLV's RFM
    /// summary and the revenue per customer read): each row goes into the columns as it is read, with no list of records.
    /// The rows and report are those of <see cref="ReadAllPurchases"/>.
    /// </summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults (fail fast, currency required).</param>
    /// <returns>The table of the accepted rows and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    public static (PurchaseTable Table, ValidationReport Report) ReadPurchaseTable(string path, TableReadOptions? options = null)
    {
        using var reader = OpenPurchases(path, options);
        var table = ReadPurchaseTable(reader);
        return (table, reader.Report);
    }

    /// <summary>
    /// Reads a <c>purchases</c> reader's rows straight into the columnar <see cref="PurchaseTable"/>, with no list of
    /// records (see <see cref="ReadPurchaseTable(string, TableReadOptions?)"/>); the reader's <see cref="TableReader{T}.Report"/>
    /// counts the rows.
    /// </summary>
    /// <param name="reader">A reader not enumerated yet, e.g. from <see cref="OpenPurchases(Stream, TableFormat, string, TableReadOptions?)"/>.</param>
    /// <returns>The table of the accepted rows.</returns>
    /// <exception cref="InvalidOperationException">The reader was enumerated before.</exception>
    /// <exception cref="TableFormatException">(Fail fast) a row is invalid.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    public static PurchaseTable ReadPurchaseTable(TableReader<Purchase> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = new PurchaseTable.Builder();
        foreach (var purchase in reader)
        {
            builder.Add(purchase);
        }
        return builder.Build();
    }

    /// <summary>
    /// Reads a whole <c>touchpoints</c> file straight into the columnar <see cref="TouchpointTable"/> (what the journeys of
    /// attribution read): each row goes into the columns as it is read, with no list of records. The rows and report are
    /// those of <see cref="ReadAllTouchpoints"/>.
    /// </summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>The table of the accepted rows and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (TouchpointTable Table, ValidationReport Report) ReadTouchpointTable(string path, TableReadOptions? options = null)
    {
        using var reader = OpenTouchpoints(path, options);
        var table = ReadTouchpointTable(reader);
        return (table, reader.Report);
    }

    /// <summary>
    /// Reads a <c>touchpoints</c> reader's rows straight into the columnar <see cref="TouchpointTable"/>, with no list of
    /// records (see <see cref="ReadTouchpointTable(string, TableReadOptions?)"/>); the reader's <see cref="TableReader{T}.Report"/>
    /// counts the rows.
    /// </summary>
    /// <param name="reader">A reader not enumerated yet, e.g. from <see cref="OpenTouchpoints(Stream, TableFormat, string, TableReadOptions?)"/>.</param>
    /// <returns>The table of the accepted rows.</returns>
    /// <exception cref="InvalidOperationException">The reader was enumerated before.</exception>
    /// <exception cref="TableFormatException">(Fail fast) a row is invalid.</exception>
    public static TouchpointTable ReadTouchpointTable(TableReader<Touchpoint> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var builder = new TouchpointTable.Builder();
        foreach (var touchpoint in reader)
        {
            builder.Add(touchpoint);
        }
        return builder.Build();
    }
}
