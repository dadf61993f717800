using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// A small simulated contact center with one segment and one marketing channel renamed to markup (<see cref="Hostile"/>),
/// so every report test also sees text that must be HTML-encoded, written as CSV tables and a rates.json, as the demo
/// writes them, and read back into <see cref="Inputs"/> as <c>contactmetrics report --data</c> reads them. Shared by the
/// tests of a class (xunit class fixture); the folder (also for the tests' own files) is deleted afterwards.
/// </summary>
public sealed class ReportData : IDisposable
{
    /// <summary>A segment and touchpoint channel name that would run as script if it reached the page unencoded.</summary>
    public const string Hostile = "<script>alert(1)</script>";

    /// <summary>
    /// Rates like the demo's example rates (ContactMetrics.Simulation.ExampleRates.For), with a fixed overhead for the
    /// simulation's 730 days: 45,000 a year x 730 / 365.25 = 89,938.40.
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

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cm-reporting-");

    public ReportData()
    {
        Center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 800 });
        Center.Options.DurationDays.Should().Be(730, "the overhead of ExampleRates is for 730 days");
        var customers = Center.Customers.Select(c => c.Segment == "enterprise" ? new Customer(c.Id, c.AcquiredOn, c.ChurnedOn, Hostile) : c).ToList();
        var touchpoints = Center.Touchpoints.Select(t => t.Channel == "display" ? new Touchpoint(t.CustomerId, t.OccurredAt, Hostile) : t).ToList();
        customers.Should().Contain(c => c.Segment == Hostile, "the simulation has enterprise customers to rename");
        touchpoints.Should().Contain(t => t.Channel == Hostile, "the simulation has display touches to rename");
        Data.Tables.WriteCustomers(File("customers.csv"), customers);
        Data.Tables.WriteInteractions(File("interactions.csv"), Center.Interactions);
        Data.Tables.WritePurchases(File("purchases.csv"), Center.Purchases);
        Data.Tables.WriteTouchpoints(File("touchpoints.csv"), touchpoints);
        Data.Tables.WriteConversions(File("conversions.csv"), Center.Conversions);
        System.IO.File.WriteAllText(File("rates.json"), ExampleRates);
        Inputs = new ReportInputs(
            Data.Tables.ReadAllCustomers(File("customers.csv")).Rows,
            Data.Tables.ReadAllInteractions(File("interactions.csv")).Rows,
            Data.Tables.ReadAllPurchases(File("purchases.csv")).Rows,
            Data.Tables.ReadAllTouchpoints(File("touchpoints.csv")).Rows,
            Data.Tables.ReadAllConversions(File("conversions.csv")).Rows)
        {
            Rates = CostRatesFile.Read(File("rates.json")),
            RatesSource = File("rates.json"),
        };
    }

    public SimulatedContactCenter Center { get; }

    /// <summary>The tables and rates read back from the folder.</summary>
    public ReportInputs Inputs { get; }

    /// <summary>A path in the fixture's folder; a test writing there uses a name of its own.</summary>
    public string File(string name) => Path.Combine(_dir.FullName, name);

    public void Dispose()
    {
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
