using ContactMetrics.Data;
using ContactMetrics.Simulation;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// A small simulated contact center written as CSV tables and a rates.json, as the demo writes them, with one segment and
/// one marketing channel renamed to markup (<see cref="Hostile"/>), so every report test also sees text that must be
/// HTML-encoded; then read back into <see cref="Inputs"/> as <c>contactmetrics report --data</c> reads them. Shared by
/// the tests of a class (xunit class fixture); the folder is deleted afterwards.
/// </summary>
public sealed class ReportData : IDisposable
{
    /// <summary>A segment and touchpoint channel name that would run as script if it reached the page unencoded.</summary>
    public const string Hostile = "<script>alert(1)</script>";

    /// <summary>
    /// The demo's example rates (src/ContactMetrics.Cli/Commands/DemoHeadlines.CostToServe.cs, ExampleCostModel) for the
    /// simulation's 730 days: the overhead is 45,000 a year x 730 / 365.25 = 89,938.40.
    /// </summary>
    private const string ExampleRates = """
        {
          "notes": "the demo's example rates (assumed)",
          "currency": "EUR",
          "channels": {
            "phone": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.85, "telephonyPerMinute": 0.012, "ivrPerMinute": 0.004, "platformPerContact": 0.08 },
            "email": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.9, "platformPerContact": 0.02 },
            "chat": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.8, "concurrency": 2, "platformPerContact": 0.05 },
            "messaging": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.8, "concurrency": 2.5, "platformPerContact": 0.04 },
            "social": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.8, "concurrency": 1.5, "platformPerContact": 0.05 },
            "self_service": { "platformPerContact": 0.02 },
            "chatbot": { "botPerContact": 0.30 },
            "ivr": { "telephonyPerMinute": 0.012, "ivrPerMinute": 0.004 }
          },
          "overheads": [
            { "name": "facilities, IT and workforce management", "amount": 89938.40, "allocation": "handle_time", "channels": ["phone", "email", "chat", "messaging", "social"] }
          ]
        }
        """;

    private readonly TempDir _dir = new();

    public ReportData()
    {
        Center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 800 });
        Center.Options.DurationDays.Should().Be(730, "the overhead of ExampleRates is for 730 days");
        Tables.WriteCustomers(File("customers.csv"), Center.Customers);
        Tables.WriteInteractions(File("interactions.csv"), Center.Interactions);
        Tables.WritePurchases(File("purchases.csv"), Center.Purchases);
        Tables.WriteTouchpoints(File("touchpoints.csv"), Center.Touchpoints);
        Tables.WriteConversions(File("conversions.csv"), Center.Conversions);
        System.IO.File.WriteAllText(File("rates.json"), ExampleRates);
        Replace("customers.csv", ",enterprise,", $",{Hostile},");
        Replace("touchpoints.csv", ",display\n", $",{Hostile}\n");
        Inputs = new ReportInputs(
            Tables.ReadAllCustomers(File("customers.csv")).Rows,
            Tables.ReadAllInteractions(File("interactions.csv")).Rows,
            Tables.ReadAllPurchases(File("purchases.csv")).Rows,
            Tables.ReadAllTouchpoints(File("touchpoints.csv")).Rows,
            Tables.ReadAllConversions(File("conversions.csv")).Rows)
        {
            Rates = CostRatesFile.Read(File("rates.json")),
            RatesSource = File("rates.json"),
        };
    }

    public SimulatedContactCenter Center { get; }

    /// <summary>The tables and rates read back from the folder.</summary>
    public ReportInputs Inputs { get; }

    public string Dir => _dir.Path;

    public string File(string name) => _dir.File(name);

    private void Replace(string table, string from, string to)
    {
        string path = _dir.File(table);
        string text = System.IO.File.ReadAllText(path).ReplaceLineEndings("\n");
        text.Should().Contain(from, $"the simulated {table} has the value to rename");
        System.IO.File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
