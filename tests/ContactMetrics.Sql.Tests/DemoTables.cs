using System.IO.Compression;
using DataTables = ContactMetrics.Data.Tables;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The demo tables of a small simulated contact center (two years from 2024-01-01 in Europe/Amsterdam, so four days on
/// which the clocks change), written as CSV, as CSV parts (one gzipped), as Parquet and as a hive-partitioned Parquet
/// lake; and the in-memory table read back from the CSV, the oracle every engine is compared with. Shared by the tests
/// of a class; the folder is deleted afterwards.
/// </summary>
public sealed class DemoTables : IDisposable
{
    public DemoTables()
    {
        Dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cm-sql-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 7, Customers = 400 });
        InteractionsCsv = File("interactions.csv");
        CustomersCsv = File("customers.csv");
        PurchasesCsv = File("purchases.csv");
        DataTables.WritePurchases(PurchasesCsv, center.Purchases);
        Purchases = DataTables.ReadAllPurchases(PurchasesCsv).Rows;
        DataTables.WriteInteractions(InteractionsCsv, center.Interactions);
        DataTables.WriteCustomers(CustomersCsv, center.Customers);
        Interactions = DataTables.ReadAllInteractions(InteractionsCsv).Rows;
        Customers = DataTables.ReadAllCustomers(CustomersCsv).Rows;
        Table = InteractionTable.Create(Interactions, Customers);
        TouchpointsCsv = File("touchpoints.csv");
        ConversionsCsv = File("conversions.csv");
        DataTables.WriteTouchpoints(TouchpointsCsv, center.Touchpoints);
        DataTables.WriteConversions(ConversionsCsv, center.Conversions);
        Touchpoints = DataTables.ReadAllTouchpoints(TouchpointsCsv).Rows;
        Conversions = DataTables.ReadAllConversions(ConversionsCsv).Rows;

        // Three parts: the header repeated in each, the last one gzipped.
        PartsFolder = File("parts");
        Directory.CreateDirectory(PartsFolder);
        var lines = System.IO.File.ReadAllLines(InteractionsCsv);
        int third = (lines.Length - 1) / 3;
        System.IO.File.WriteAllLines(System.IO.Path.Combine(PartsFolder, "part-1.csv"), [lines[0], .. lines[1..(1 + third)]]);
        System.IO.File.WriteAllLines(System.IO.Path.Combine(PartsFolder, "part-2.csv"), [lines[0], .. lines[(1 + third)..(1 + 2 * third)]]);
        using (var gz = new GZipStream(System.IO.File.Create(System.IO.Path.Combine(PartsFolder, "part-3.csv.gz")), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gz))
        {
            foreach (string line in (string[])[lines[0], .. lines[(1 + 2 * third)..]])
            {
                writer.WriteLine(line);
            }
        }

        InteractionsParquet = File("interactions.parquet");
        DataTables.WriteInteractions(InteractionsParquet, Interactions);
        LakeFolder = File("lake");
        foreach (var year in Interactions.GroupBy(i => i.ArrivedAt.InUtc().Year))
        {
            string partition = System.IO.Path.Combine(LakeFolder, "interactions", $"year={year.Key}");
            Directory.CreateDirectory(partition);
            DataTables.WriteInteractions(System.IO.Path.Combine(partition, "part-0.parquet"), year);
        }
    }

    public string Dir { get; }

    public string InteractionsCsv { get; }

    public string CustomersCsv { get; }

    public string PurchasesCsv { get; }

    public IReadOnlyList<Purchase> Purchases { get; }

    public string TouchpointsCsv { get; }

    public string ConversionsCsv { get; }

    public IReadOnlyList<Touchpoint> Touchpoints { get; }

    public IReadOnlyList<Conversion> Conversions { get; }

    public string PartsFolder { get; }

    public string InteractionsParquet { get; }

    public string LakeFolder { get; }

    public IReadOnlyList<Interaction> Interactions { get; }

    public IReadOnlyList<Customer> Customers { get; }

    /// <summary>The in-memory table: the oracle.</summary>
    public InteractionTable Table { get; }

    public string File(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>An embedded DuckDB with the five demo tables attached (the caller disposes it).</summary>
    public DuckDbEngine OpenWithAllTables()
    {
        var duck = DuckDbEngine.Open(threads: 2);
        duck.AttachInteractions(InteractionsCsv);
        duck.AttachCustomers(CustomersCsv);
        duck.AttachPurchases(PurchasesCsv);
        duck.AttachTouchpoints(TouchpointsCsv);
        duck.AttachConversions(ConversionsCsv);
        return duck;
    }

    /// <summary>The in-memory engine's groups, as summaries.</summary>
    public IReadOnlyList<GroupedKpiCounts> InMemory(KpiGrouping grouping, KpiOptions? options = null) =>
        [.. KpiRollup.Compute(Table, grouping, options).Select(GroupedKpiCounts.From)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
