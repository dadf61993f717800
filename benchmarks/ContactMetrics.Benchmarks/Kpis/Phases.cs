using System.Diagnostics;
using ContactMetrics.Kpis;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>`dotnet run -c Release -- time-kpis N`: wall-clock of each phase of a rollup, for finding where time goes (not a benchmark result).</summary>
internal static class Phases
{
    public static void Run(int n)
    {
        var sw = Stopwatch.StartNew();
        var rows = KpiBenchmarkData.Contacts(n, 42);
        Console.WriteLine($"generate {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        var table = InteractionTable.Create(rows);
        Console.WriteLine($"table {sw.Elapsed.TotalSeconds:F2} s");
        rows = null!;
        GC.Collect();
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        for (int k = 0; k < 3; k++)
        {
            sw.Restart();
            RepeatContactDetector.Detect(table, KpiOptions.Default.Repeat, Environment.ProcessorCount);
            Console.WriteLine($"repeat detection {sw.Elapsed.TotalSeconds:F2} s");
            sw.Restart();
            var groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, zone));
            Console.WriteLine($"rollup agent x channel x day {sw.Elapsed.TotalSeconds:F2} s, {groups.Count} groups");
            sw.Restart();
            groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel));
            Console.WriteLine($"rollup channel {sw.Elapsed.TotalSeconds:F2} s, {groups.Count} groups");
            sw.Restart();
            groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel), maxDegreeOfParallelism: 1);
            Console.WriteLine($"rollup channel, 1 thread {sw.Elapsed.TotalSeconds:F2} s, {groups.Count} groups");
            Console.WriteLine($"gen2 collections so far {GC.CollectionCount(2)}");
            sw.Restart();
            long s = KpiRollupBenchmarks.ScanSums(table);
            Console.WriteLine($"scan {sw.Elapsed.TotalSeconds:F3} s ({s})");
        }
    }
}
