using System.Diagnostics;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>`dotnet run -c Release -- time-kpis N`: wall-clock of rollups of different shapes, for finding where time goes (not a benchmark result).</summary>
internal static class Phases
{
    public static void Run(int n)
    {
        var sw = Stopwatch.StartNew();
        var table = InteractionTable.Create(KpiBenchmarkData.Contacts(n, 42));
        GC.Collect();
        Console.WriteLine($"generate + table {sw.Elapsed.TotalSeconds:F2} s");
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        (string Name, KpiGrouping Grouping)[] shapes =
        [
            ("channel", new KpiGrouping(KpiDimensions.Channel)),
            ("channel x day", new KpiGrouping(KpiDimensions.Channel, TimeBucket.Day, zone)),
            ("agent x channel x reason x queue", new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel | KpiDimensions.Reason | KpiDimensions.Queue)),
            ("agent x channel x day", new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, zone)),
        ];
        KpiRollup.Compute(table);
        for (int round = 0; round < 2; round++)
        {
            foreach (var (name, grouping) in shapes)
            {
                foreach (int degree in new[] { 1, Environment.ProcessorCount })
                {
                    long gen2 = GC.CollectionCount(2);
                    sw.Restart();
                    var groups = KpiRollup.Compute(table, grouping, maxDegreeOfParallelism: degree);
                    Console.WriteLine($"{name}, {degree} thread(s): {sw.Elapsed.TotalSeconds:F3} s, {groups.Count} groups, {GC.CollectionCount(2) - gen2} gen2 GCs");
                }
            }
            sw.Restart();
            long s = KpiRollupBenchmarks.ScanSums(table);
            Console.WriteLine($"scan {sw.Elapsed.TotalSeconds:F3} s ({s})");
        }
    }
}
