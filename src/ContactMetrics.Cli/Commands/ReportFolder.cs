using ContactMetrics.Data;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Commands;

/// <summary>The tables of a data folder and its optional cost rates.</summary>
internal sealed record FolderTables(
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<Purchase> Purchases,
    IReadOnlyList<Touchpoint> Touchpoints,
    IReadOnlyList<Conversion> Conversions)
{
    /// <summary>The cost model (rates.json), or null when there is none.</summary>
    public CostModel? Rates { get; init; }

    /// <summary>Where <see cref="Rates"/> came from.</summary>
    public string? RatesSource { get; init; }
}

/// <summary>The data folder of <c>contactmetrics report --data DIR</c>: the five tables as CSV and an optional rates.json.</summary>
internal static class ReportFolder
{
    /// <summary>The optional rates file looked for in the data folder.</summary>
    public const string RatesFileName = "rates.json";

    /// <summary>The file names looked for in the data folder, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv"];

    /// <summary>
    /// Reads the five tables from <paramref name="dir"/>. Every file is checked before any is read, so a missing one is
    /// reported at once (exit code 2, naming the file); a bad row stops the read with file, line and column.
    /// </summary>
    /// <param name="dir">The data folder.</param>
    /// <param name="console">Where rejected-row counts go.</param>
    /// <param name="ratesPath">The rates file; default <c>rates.json</c> in <paramref name="dir"/> when it exists. A path given here must exist.</param>
    public static FolderTables Read(string dir, CliConsole console, string? ratesPath = null)
    {
        if (!Directory.Exists(dir))
        {
            throw new CliInputException($"--data: the folder '{dir}' does not exist.");
        }
        var missing = FileNames.Select(name => Path.Combine(dir, name)).Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            throw new CliInputException($"--data: missing {string.Join(", ", missing)} (the report needs {string.Join(", ", FileNames)}).");
        }
        string defaultRates = Path.Combine(dir, RatesFileName);
        return new FolderTables(
            TableInput.ReadAll(Path.Combine(dir, "customers.csv"), false, Data.Tables.OpenCustomers, console),
            TableInput.ReadAll(Path.Combine(dir, "interactions.csv"), false, Data.Tables.OpenInteractions, console),
            TableInput.ReadAll(Path.Combine(dir, "purchases.csv"), false, Data.Tables.OpenPurchases, console),
            TableInput.ReadAll(Path.Combine(dir, "touchpoints.csv"), false, Data.Tables.OpenTouchpoints, console),
            TableInput.ReadAll(Path.Combine(dir, "conversions.csv"), false, Data.Tables.OpenConversions, console))
        {
            Rates = ratesPath is not null ? CostRatesFile.Read(ratesPath) : File.Exists(defaultRates) ? CostRatesFile.Read(defaultRates) : null,
            RatesSource = ratesPath ?? (File.Exists(defaultRates) ? defaultRates : null),
        };
    }
}
