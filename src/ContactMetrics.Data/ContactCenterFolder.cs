using System.Collections.Immutable;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;

namespace ContactMetrics.Data;

/// <summary>
/// A folder of a contact center's tables as CSV (customers.csv, interactions.csv, purchases.csv, touchpoints.csv,
/// conversions.csv) and an optional rates.json: what <c>contactmetrics demo</c> writes and <c>contactmetrics report</c>
/// reads, read into one <see cref="ContactCenterData"/> for a <see cref="ContactCenterAnalysis"/>. Immutable.
/// </summary>
/// <example>
/// <code>
/// var folder = ContactCenterFolder.Read("contactmetrics-demo");
/// var analysis = ContactCenterAnalysis.Create(folder.Data, folder.Data.Window(zone), new AnalysisOptions { Rates = folder.Rates });
/// </code>
/// </example>
public sealed class ContactCenterFolder
{
    /// <summary>The optional rates file looked for in the folder.</summary>
    public const string RatesFileName = "rates.json";

    private ContactCenterFolder(string path, ContactCenterData data, CostModel? rates, string? ratesPath, ImmutableDictionary<string, ValidationReport> reports)
    {
        Path = path;
        Data = data;
        Rates = rates;
        RatesPath = ratesPath;
        Reports = reports;
    }

    /// <summary>The table files of a folder, in the order they are read.</summary>
    public static IReadOnlyList<string> TableFileNames { get; } = ["customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv"];

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The five tables.</summary>
    public ContactCenterData Data { get; }

    /// <summary>The cost model of the rates file; null when the folder has none and none was given.</summary>
    public CostModel? Rates { get; }

    /// <summary>The rates file read; null when there was none.</summary>
    public string? RatesPath { get; }

    /// <summary>The validation report of each table file (by file path): rows read = accepted + rejected.</summary>
    public ImmutableDictionary<string, ValidationReport> Reports { get; }

    /// <summary>
    /// Reads the folder. Every table file is checked before any is read, so a missing one is named at once; a bad row stops
    /// the read with file, line and column (or, with <see cref="RowErrorMode.Collect"/>, is left out and counted in
    /// <see cref="Reports"/>).
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="ratesPath">The rates file; by default <see cref="RatesFileName"/> in the folder when it exists. A path given here must exist.</param>
    /// <param name="options">How rows are read; fail-fast by default.</param>
    /// <returns>The folder's tables.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A table file or the given rates file is missing (the message names every missing file).</exception>
    /// <exception cref="TableFormatException">A row is invalid (fail-fast).</exception>
    /// <exception cref="CostRatesFormatException">The rates file is invalid.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases, conversions or rates are in more than one currency.</exception>
    public static ContactCenterFolder Read(string path, string? ratesPath = null, TableReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"The folder '{path}' does not exist.");
        }
        var missing = TableFileNames.Select(name => System.IO.Path.Combine(path, name)).Where(file => !File.Exists(file)).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"Missing {string.Join(", ", missing)} (a contact-center folder has {string.Join(", ", TableFileNames)}).", missing[0]);
        }
        // The rates file is small: read it first, so a mistake in it shows before the tables are read.
        string? rates = RatesFileOf(path, ratesPath);
        var model = rates is null ? null : CostRatesFile.Read(rates);
        var reports = ImmutableDictionary.CreateBuilder<string, ValidationReport>();
        T Rows<T>(string name, Func<string, TableReadOptions?, (T Rows, ValidationReport Report)> read)
        {
            string file = System.IO.Path.Combine(path, name);
            var (rows, report) = read(file, options);
            reports[file] = report;
            return rows;
        }
        var customers = Rows("customers.csv", Tables.ReadAllCustomers);
        // The contacts, purchases and touches go straight into the columnar tables the analysis reads: no list of records.
        var data = ContactCenterData.Create(
            customers,
            Rows("interactions.csv", (file, o) => Tables.ReadInteractionTable(file, o, customers)),
            Rows("purchases.csv", Tables.ReadPurchaseTable),
            Rows("touchpoints.csv", Tables.ReadTouchpointTable),
            Rows("conversions.csv", Tables.ReadAllConversions));
        if (model is not null)
        {
            data.EnsureSameCurrency(model.Currency);
        }
        return new ContactCenterFolder(path, data, model, rates, reports.ToImmutable());
    }

    /// <summary>
    /// The cost-rates file of a folder of tables: <paramref name="ratesPath"/> when given, else <see cref="RatesFileName"/> in
    /// the folder when it exists, else none. The one rule of every reader of a folder (memory and DuckDB).
    /// </summary>
    /// <param name="folder">The folder of tables.</param>
    /// <param name="ratesPath">The rates file given by the caller; null for the folder's own.</param>
    /// <returns>The rates file to read, or null when there is none.</returns>
    public static string? RatesFileOf(string folder, string? ratesPath)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string own = System.IO.Path.Combine(folder, RatesFileName);
        return ratesPath ?? (File.Exists(own) ? own : null);
    }

    /// <summary>Writes the tables as CSV (and the rates, when given, as <see cref="RatesFileName"/>) into <paramref name="path"/>, created if missing.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="data">The tables.</param>
    /// <param name="rates">The cost model to write; null for none.</param>
    /// <param name="ratesNotes">What the rates are (written into the rates file).</param>
    /// <returns>Each file written with its rows (for the rates file, its channels).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static IReadOnlyList<(string Table, string Path, int Rows)> Write(string path, ContactCenterData data, CostModel? rates = null, string? ratesNotes = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return WriteRows(path, data.Customers, data.Interactions.ToInteractions(), data.Purchases.ToPurchases(), data.Touchpoints.ToTouchpoints(), data.Conversions, rates, ratesNotes);
    }

    /// <summary>
    /// Writes tables given as row sequences (e.g. a simulation's streamed rows) as CSV, each row as it comes, in the layout
    /// of <see cref="Write"/>; and the rates, when given, as <see cref="RatesFileName"/>.
    /// </summary>
    /// <param name="path">The folder, created if missing.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">The contacts.</param>
    /// <param name="purchases">The purchases.</param>
    /// <param name="touchpoints">The marketing touchpoints.</param>
    /// <param name="conversions">The conversions.</param>
    /// <param name="rates">The cost model to write; null for none.</param>
    /// <param name="ratesNotes">What the rates are (written into the rates file).</param>
    /// <returns>Each file written with its rows (for the rates file, its channels).</returns>
    /// <exception cref="ArgumentNullException">A table is null.</exception>
    public static IReadOnlyList<(string Table, string Path, int Rows)> WriteRows(string path, IEnumerable<Customer> customers, IEnumerable<Interaction> interactions,
        IEnumerable<Purchase> purchases, IEnumerable<Touchpoint> touchpoints, IEnumerable<Conversion> conversions, CostModel? rates = null, string? ratesNotes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(path);
        string File(string name) => System.IO.Path.Combine(path, name);
        var written = new List<(string, string, int)>
        {
            ("customers", File("customers.csv"), (int)Tables.WriteCustomers(File("customers.csv"), customers)),
            ("interactions", File("interactions.csv"), (int)Tables.WriteInteractions(File("interactions.csv"), interactions)),
            ("purchases", File("purchases.csv"), (int)Tables.WritePurchases(File("purchases.csv"), purchases)),
            ("touchpoints", File("touchpoints.csv"), (int)Tables.WriteTouchpoints(File("touchpoints.csv"), touchpoints)),
            ("conversions", File("conversions.csv"), (int)Tables.WriteConversions(File("conversions.csv"), conversions)),
        };
        if (rates is not null)
        {
            CostRatesFile.Write(rates, File(RatesFileName), ratesNotes);
            written.Add(("rates", File(RatesFileName), rates.Channels.Length));
        }
        return written;
    }
}
