using ContactMetrics.Clv;
using ContactMetrics.Data.Csv;
using ContactMetrics.Data.ParquetFiles;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;
using ContactMetrics.Domain;

namespace ContactMetrics.Data;

/// <summary>
/// Reads and writes the tables of the design (interactions, customers, purchases, touchpoints,
/// conversions, rfm summary) as CSV or Parquet, streaming. See <c>docs/data.md</c> for the columns, formats and
/// validation rules.
/// </summary>
/// <remarks>
/// <para>Path overloads pick the format from the extension (<c>.csv</c>, <c>.csv.gz</c> for gzipped CSV, <c>.parquet</c>,
/// any case); a folder or a glob (<c>exports/part-*.csv</c>) is read as one table, its files in name order, each with its
/// own header, errors naming the file and line (<see cref="FilesOf"/>);
/// stream overloads take it explicitly, leave the stream open, and need a seekable stream for Parquet.</para>
/// <para>Opening checks the header (or Parquet schema) at once and throws <see cref="TableFormatException"/>
/// for an empty file, a missing required column, a schema column that appears twice, or a Parquet
/// column of an unusable type. Rows are read as the returned <see cref="TableReader{T}"/> is enumerated.</para>
/// <para>Writers write every schema column, in schema order, empty (null) for missing values: CSV as
/// UTF-8 RFC 4180 with CRLF line ends, instants as UTC ISO-8601 (<c>2025-03-01T09:15:00Z</c>, fractional
/// seconds only when present), seconds and amounts as invariant decimal numbers; Parquet with
/// TIMESTAMP(MICROS, UTC), DATE, DECIMAL(18,9) for seconds, DECIMAL(28,9) for amounts, INT32 and BOOLEAN
/// columns, in row groups of <see cref="TableWriteOptions.RowGroupSize"/> rows. A path is written to a
/// temporary file in the same folder first and then moved over the target, so a failed write leaves no half file.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The path and stream overloads differ in their first parameter's type (string, Stream), so no call can be ambiguous; only the path overloads, the common case, have optional options.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
    Justification = "As above: the stream overloads take the format and a name, which a path provides by itself.")]
public static partial class Tables
{
    /// <summary>The format of a table file, from its extension.</summary>
    /// <param name="path">A file path ending in <c>.csv</c>, <c>.csv.gz</c> (gzipped CSV) or <c>.parquet</c> (any case).</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The extension is none of these.</exception>
    public static TableFormat FormatFromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(IsGzip(path) ? path[..^3] : path);
        return extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || (extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase) && !IsGzip(path))
            ? FormatOrCsv(path)
            : throw new ArgumentException($"Cannot tell the table format of '{path}': the file name must end in .csv, .csv.gz or .parquet.", nameof(path));
    }

    /// <summary>The format of a file by the one rule every reader follows: Parquet when the name ends in <c>.parquet</c>, else CSV (the columnar reader takes any other name as CSV).</summary>
    internal static TableFormat FormatOrCsv(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? TableFormat.Parquet : TableFormat.Csv;

    private static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a path names a set of files read as one table: a folder, or a glob (a path with <c>*</c>, <c>?</c> or
    /// <c>[</c> that is not itself a file).
    /// </summary>
    /// <param name="path">A path.</param>
    /// <returns><see langword="true"/> for a folder or a glob.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static bool IsFileSet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Exists(path) || (Glob.HasWildcard(path) && !File.Exists(path));
    }

    /// <summary>
    /// The files a folder or glob names, sorted by path: the <c>.csv</c>, <c>.csv.gz</c> and <c>.parquet</c> files of a
    /// folder and its subfolders, or those a glob matches, as DuckDB expands globs: <c>*</c>, <c>?</c> and <c>[a-z]</c> in
    /// any segment (<c>exports/2025-*/part-?.csv</c>), and <c>**</c> for any number of folders (<c>lake/**/*.parquet</c>).
    /// </summary>
    /// <param name="path">A folder or a glob.</param>
    /// <returns>The files; at least one.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder (of a glob: its part before the first wildcard) does not exist.</exception>
    /// <exception cref="FileNotFoundException">No table file matches.</exception>
    public static IReadOnlyList<string> FilesOf(string path) => TableFiles(path).Files;

    private static (string Root, IReadOnlyList<string> Files) TableFiles(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (root, matches) = Glob.Expand(path);
        var files = matches
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0 ? (root, files)
            : throw new FileNotFoundException($"{path}: no .csv, .csv.gz or .parquet file {(Directory.Exists(path) ? "in the folder or its subfolders" : "matches")}.", path);
    }

    /// <summary>
    /// Opens each file of a folder or glob in turn, with the values of its hive partition folders below the folder or the
    /// glob's literal part (<c>channel=phone/</c>) as columns the file lacks (<see cref="HivePartitionSource"/>).
    /// </summary>
    internal static Func<RowSource>[] OpenParts(string path, TableReadOptions? options)
    {
        var (root, files) = TableFiles(path);
        return [.. files.Select(f => (Func<RowSource>)(() => HivePartitionSource.Wrap(OpenFile(f, options), Glob.Partitions(root, f))))];
    }

    /// <summary>Opens an <c>interactions</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for <see cref="TableReadOptions.Default"/> (fail fast).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>
    /// Required columns: interaction_id, channel, arrived_at, ended_at. Optional: customer_id, agent_id,
    /// direction (absent or empty: inbound), queue, reason, answered_at (empty: not answered), talk_seconds,
    /// hold_seconds, acw_seconds (absent or empty: 0), resolved (empty: unknown), transfers (absent or
    /// empty: 0), csat (1-5), nps (0-10), ces (1-7), recommended (true/false: did the customer actually recommend) (all four empty: no survey).
    /// </remarks>
    public static TableReader<Interaction> OpenInteractions(string path, TableReadOptions? options = null)
        => Open(path, InteractionsTable.Instance, options);

    /// <summary>Opens an <c>interactions</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<Interaction> OpenInteractions(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, InteractionsTable.Instance, options, name);

    /// <summary>Reads a whole <c>interactions</c> file into memory.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>The accepted records and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (IReadOnlyList<Interaction> Rows, ValidationReport Report) ReadAllInteractions(string path, TableReadOptions? options = null)
        => ReadAll(OpenInteractions(path, options));

    /// <summary>Writes an <c>interactions</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, or a record is null.</exception>
    public static long WriteInteractions(string path, IEnumerable<Interaction> rows, TableWriteOptions? options = null)
        => Write(path, InteractionsTable.Instance, rows, options);

    /// <summary>Writes an <c>interactions</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A record is null.</exception>
    public static long WriteInteractions(Stream stream, TableFormat format, IEnumerable<Interaction> rows, TableWriteOptions? options)
        => Write(stream, format, InteractionsTable.Instance, rows, options);

    /// <summary>Opens a <c>customers</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>Required columns: customer_id, acquired_on. Optional: segment, churned_on (empty: still a customer).</remarks>
    public static TableReader<Customer> OpenCustomers(string path, TableReadOptions? options = null)
        => Open(path, CustomersTable.Instance, options);

    /// <summary>Opens a <c>customers</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<Customer> OpenCustomers(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, CustomersTable.Instance, options, name);

    /// <summary>Reads a whole <c>customers</c> file into memory.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>The accepted records and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (IReadOnlyList<Customer> Rows, ValidationReport Report) ReadAllCustomers(string path, TableReadOptions? options = null)
        => ReadAll(OpenCustomers(path, options));

    /// <summary>Writes a <c>customers</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, or a record is null.</exception>
    public static long WriteCustomers(string path, IEnumerable<Customer> rows, TableWriteOptions? options = null)
        => Write(path, CustomersTable.Instance, rows, options);

    /// <summary>Writes a <c>customers</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A record is null.</exception>
    public static long WriteCustomers(Stream stream, TableFormat format, IEnumerable<Customer> rows, TableWriteOptions? options)
        => Write(stream, format, CustomersTable.Instance, rows, options);

    /// <summary>Opens a <c>purchases</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults (fail fast, currency required).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>Required columns: customer_id, occurred_at, amount, and currency unless <see cref="TableReadOptions.DefaultCurrency"/> is set.</remarks>
    public static TableReader<Purchase> OpenPurchases(string path, TableReadOptions? options = null)
        => Open(path, MoneyEventTables.Purchases, options);

    /// <summary>Opens a <c>purchases</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults.</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<Purchase> OpenPurchases(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, MoneyEventTables.Purchases, options, name);

    /// <summary>Reads a whole <c>purchases</c> file into memory.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults.</param>
    /// <returns>The accepted records and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (IReadOnlyList<Purchase> Rows, ValidationReport Report) ReadAllPurchases(string path, TableReadOptions? options = null)
        => ReadAll(OpenPurchases(path, options));

    /// <summary>Writes a <c>purchases</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, a record is null, or (Parquet) an amount has more than 9 decimal places.</exception>
    public static long WritePurchases(string path, IEnumerable<Purchase> rows, TableWriteOptions? options = null)
        => Write(path, MoneyEventTables.Purchases, rows, options);

    /// <summary>Writes a <c>purchases</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A record is null, or (Parquet) an amount has more than 9 decimal places.</exception>
    public static long WritePurchases(Stream stream, TableFormat format, IEnumerable<Purchase> rows, TableWriteOptions? options)
        => Write(stream, format, MoneyEventTables.Purchases, rows, options);

    /// <summary>Opens a <c>touchpoints</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>Required columns: customer_id, occurred_at, channel (free text).</remarks>
    public static TableReader<Touchpoint> OpenTouchpoints(string path, TableReadOptions? options = null)
        => Open(path, TouchpointsTable.Instance, options);

    /// <summary>Opens a <c>touchpoints</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<Touchpoint> OpenTouchpoints(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, TouchpointsTable.Instance, options, name);

    /// <summary>Reads a whole <c>touchpoints</c> file into memory.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>The accepted records and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (IReadOnlyList<Touchpoint> Rows, ValidationReport Report) ReadAllTouchpoints(string path, TableReadOptions? options = null)
        => ReadAll(OpenTouchpoints(path, options));

    /// <summary>Writes a <c>touchpoints</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, or a record is null.</exception>
    public static long WriteTouchpoints(string path, IEnumerable<Touchpoint> rows, TableWriteOptions? options = null)
        => Write(path, TouchpointsTable.Instance, rows, options);

    /// <summary>Writes a <c>touchpoints</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A record is null.</exception>
    public static long WriteTouchpoints(Stream stream, TableFormat format, IEnumerable<Touchpoint> rows, TableWriteOptions? options)
        => Write(stream, format, TouchpointsTable.Instance, rows, options);

    /// <summary>Opens a <c>conversions</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults (fail fast, currency required).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>Required columns: customer_id, occurred_at, value, and currency unless <see cref="TableReadOptions.DefaultCurrency"/> is set.</remarks>
    public static TableReader<Conversion> OpenConversions(string path, TableReadOptions? options = null)
        => Open(path, MoneyEventTables.Conversions, options);

    /// <summary>Opens a <c>conversions</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults.</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<Conversion> OpenConversions(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, MoneyEventTables.Conversions, options, name);

    /// <summary>Reads a whole <c>conversions</c> file into memory.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows and the default currency; <see langword="null"/> for the defaults.</param>
    /// <returns>The accepted records and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    public static (IReadOnlyList<Conversion> Rows, ValidationReport Report) ReadAllConversions(string path, TableReadOptions? options = null)
        => ReadAll(OpenConversions(path, options));

    /// <summary>Writes a <c>conversions</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, a record is null, or (Parquet) a value has more than 9 decimal places.</exception>
    public static long WriteConversions(string path, IEnumerable<Conversion> rows, TableWriteOptions? options = null)
        => Write(path, MoneyEventTables.Conversions, rows, options);

    /// <summary>Writes a <c>conversions</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The records, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A record is null, or (Parquet) a value has more than 9 decimal places.</exception>
    public static long WriteConversions(Stream stream, TableFormat format, IEnumerable<Conversion> rows, TableWriteOptions? options)
        => Write(stream, format, MoneyEventTables.Conversions, rows, options);

    /// <summary>Opens an <c>rfm summary</c> file for streaming.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row; dispose it.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>.</exception>
    /// <exception cref="TableFormatException">The file has no usable header or is not a readable file of its format.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>
    /// Required columns: customer_id, frequency (a whole number of at least 0), recency, T and monetary_value
    /// (finite numbers; 0 &lt;= recency &lt;= T, recency 0 when the frequency is 0, monetary_value at least 0).
    /// The file holds no time unit or currency: the caller states them when it builds an
    /// <see cref="RfmSummary"/> (<see cref="ReadRfmSummary"/>).
    /// </remarks>
    public static TableReader<RfmSummaryRow> OpenRfmSummary(string path, TableReadOptions? options = null)
        => Open(path, RfmSummaryTable.Instance, options);

    /// <summary>Opens an <c>rfm summary</c> table in a stream for streaming; the stream stays open.</summary>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream, such as the file or URL it came from.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException">Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<RfmSummaryRow> OpenRfmSummary(Stream stream, TableFormat format, string name, TableReadOptions? options)
        => Open(stream, format, RfmSummaryTable.Instance, options, name);

    /// <summary>
    /// Opens a stream as the table whose rows are <typeparamref name="T"/> (<see cref="Interaction"/>, <see cref="Customer"/>,
    /// <see cref="Purchase"/>, <see cref="Touchpoint"/>, <see cref="Conversion"/> or <see cref="RfmSummaryRow"/>), as that
    /// table's <c>Open...</c> method does: for code that reads any table alike (e.g. a tool's standard input).
    /// </summary>
    /// <typeparam name="T">The row type of the table.</typeparam>
    /// <param name="stream">The data; seekable for Parquet.</param>
    /// <param name="format">The stream's format.</param>
    /// <param name="name">The name errors and the report give the stream.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>A reader positioned before the first row.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the row of a table, or Parquet from a stream that cannot seek.</exception>
    /// <exception cref="TableFormatException">The data has no usable header or is not readable in its format.</exception>
    public static TableReader<T> Open<T>(Stream stream, TableFormat format, string name, TableReadOptions? options) => (TableReader<T>)(typeof(T) switch
    {
        var t when t == typeof(Interaction) => (object)OpenInteractions(stream, format, name, options),
        var t when t == typeof(Customer) => OpenCustomers(stream, format, name, options),
        var t when t == typeof(Purchase) => OpenPurchases(stream, format, name, options),
        var t when t == typeof(Touchpoint) => OpenTouchpoints(stream, format, name, options),
        var t when t == typeof(Conversion) => OpenConversions(stream, format, name, options),
        var t when t == typeof(RfmSummaryRow) => OpenRfmSummary(stream, format, name, options),
        _ => throw new ArgumentException($"{typeof(T).Name} is not the row of a table; use Interaction, Customer, Purchase, Touchpoint, Conversion or RfmSummaryRow.", nameof(T)),
    });

    /// <summary>Reads a whole <c>rfm summary</c> file into an <see cref="RfmSummary"/>.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.csv.gz</c> or <c>.parquet</c> file, or a folder or glob of such files (read as one table, in name order).</param>
    /// <param name="period">The time unit of the file's recency and T.</param>
    /// <param name="currency">The currency of its monetary values.</param>
    /// <param name="options">How to treat invalid rows; <see langword="null"/> for the defaults (fail fast).</param>
    /// <returns>The summary of the accepted rows, in file order, and the complete report.</returns>
    /// <exception cref="TableFormatException">The header is unusable, or (fail fast) a row is invalid.</exception>
    /// <exception cref="ArgumentException">A customer appears on two rows.</exception>
    public static (RfmSummary Summary, ValidationReport Report) ReadRfmSummary(string path, RfmPeriodUnit period, Currency currency, TableReadOptions? options = null)
    {
        using var reader = OpenRfmSummary(path, options);
        var summary = RfmSummary.FromRows(reader, period, currency);
        return (summary, reader.Report);
    }

    /// <summary>Writes an <c>rfm summary</c> file; the format follows the extension.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="rows">The rows, enumerated once (for example <see cref="RfmSummary.Rows"/>).</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.csv</c> nor <c>.parquet</c>, or a row is null.</exception>
    /// <remarks>Recency, T and monetary_value are written as doubles (shortest round-trip text in CSV, DOUBLE in Parquet), so reading the file back gives the same values.</remarks>
    public static long WriteRfmSummary(string path, IEnumerable<RfmSummaryRow> rows, TableWriteOptions? options = null)
        => Write(path, RfmSummaryTable.Instance, rows, options);

    /// <summary>Writes an <c>rfm summary</c> table to a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentException">A row is null.</exception>
    public static long WriteRfmSummary(Stream stream, TableFormat format, IEnumerable<RfmSummaryRow> rows, TableWriteOptions? options)
        => Write(stream, format, RfmSummaryTable.Instance, rows, options);

    private static TableReader<T> Open<T>(string path, Table<T> table, TableReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsFileSet(path))
        {
            return new TableReader<T>(OpenParts(path, options), path, table, options);
        }
        return new TableReader<T>(OpenFile(path, options), table, options);
    }

    /// <summary>Opens one file as a row source: CSV (gunzipped when the name ends in .gz) or Parquet.</summary>
    private static RowSource OpenFile(string path, TableReadOptions? options) => OpenFile(path, FormatFromPath(path), options);

    /// <summary>Opens one file of a known format as a row source (CSV gunzipped when the name ends in .gz).</summary>
    internal static RowSource OpenFile(string path, TableFormat format, TableReadOptions? options)
    {
        // CSV is read front to back; Parquet jumps to the footer and then to each row group.
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            format == TableFormat.Csv ? FileOptions.SequentialScan : FileOptions.RandomAccess);
        if (IsGzip(path))
        {
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        }
        return CreateSource(stream, format, leaveOpen: false, path, options);
    }

    private static TableReader<T> Open<T>(Stream stream, TableFormat format, Table<T> table, TableReadOptions? options, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return new TableReader<T>(CreateSource(stream, format, leaveOpen: true, name, options), table, options);
    }

    internal static RowSource CreateSource(Stream stream, TableFormat format, bool leaveOpen, string file, TableReadOptions? options)
    {
        try
        {
            return format switch
            {
                TableFormat.Csv => new CsvRowSource(stream, leaveOpen, file, (options ?? TableReadOptions.Default).Delimiter),
                TableFormat.Parquet => new ParquetRowSource(stream, leaveOpen, file),
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined table format."),
            };
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }

    private static (IReadOnlyList<T> Rows, ValidationReport Report) ReadAll<T>(TableReader<T> reader)
    {
        using (reader)
        {
            var rows = reader.ToList();
            return (rows, reader.Report);
        }
    }

    private static long Write<T>(string path, Table<T> table, IEnumerable<T> rows, TableWriteOptions? options)
    {
        var format = FormatFromPath(path);
        ArgumentNullException.ThrowIfNull(rows);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long count;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                count = Write(stream, format, table, rows, options);
            }
            File.Move(temporary, full, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static long Write<T>(Stream stream, TableFormat format, Table<T> table, IEnumerable<T> rows, TableWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        return format switch
        {
            TableFormat.Csv => CsvTableWriter.Write(stream, table, rows),
            TableFormat.Parquet => ParquetTableWriter.Write(stream, table, rows, options ?? TableWriteOptions.Default),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined table format."),
        };
    }
}
