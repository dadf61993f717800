using ContactMetrics.Cli.Commands;
using ContactMetrics.Data;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Report;

/// <summary>The tables a board report is built from (the demo's CSV tables, or an export in the same schemas).</summary>
internal sealed record ReportInputs(
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<Purchase> Purchases,
    IReadOnlyList<Touchpoint> Touchpoints,
    IReadOnlyList<Conversion> Conversions)
{
    /// <summary>The file names looked for in the data folder, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["customers.csv", "interactions.csv", "purchases.csv", "touchpoints.csv", "conversions.csv"];

    /// <summary>
    /// Reads the five tables from <paramref name="dir"/>. Every file is checked before any is read, so a missing one is
    /// reported at once (exit code 2, naming the file); a bad row stops the read with file, line and column.
    /// </summary>
    public static ReportInputs Read(string dir, CliConsole console)
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
        return new ReportInputs(
            TableInput.ReadAll(Path.Combine(dir, "customers.csv"), false, Tables.OpenCustomers, console),
            TableInput.ReadAll(Path.Combine(dir, "interactions.csv"), false, Tables.OpenInteractions, console),
            TableInput.ReadAll(Path.Combine(dir, "purchases.csv"), false, Tables.OpenPurchases, console),
            TableInput.ReadAll(Path.Combine(dir, "touchpoints.csv"), false, Tables.OpenTouchpoints, console),
            TableInput.ReadAll(Path.Combine(dir, "conversions.csv"), false, Tables.OpenConversions, console));
    }
}
