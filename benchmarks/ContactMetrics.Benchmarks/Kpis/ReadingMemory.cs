using System.Diagnostics;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// <c>dotnet run -c Release -- memory-kpis FILE stream|records</c>: the bytes an interaction costs on the in-memory KPI
/// path, in a fresh process. <c>stream</c> reads the file straight into the columnar table
/// (<c>Tables.ReadInteractionTable</c>, what <c>contactmetrics kpis</c> does); <c>records</c> is the baseline, the path
/// before: the whole file as a list of <c>Interaction</c> records, then the table built from the list. Prints the live heap
/// (after a full collection) with the table and, for <c>records</c>, with the list still held, and the process's peak
/// working set, each minus the process's own before reading, per interaction; then a channel x day rollup and the peak again.
/// </summary>
internal static class ReadingMemory
{
    /// <summary>Reports on the reading thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    public static void Run(string file, string mode)
    {
        using var process = Process.GetCurrentProcess();
        long heap0 = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        long peak0 = process.PeakWorkingSet64;
        var sw = Stopwatch.StartNew();
        InteractionTable table;
        long heapRecords = 0;
        if (mode == "records")
        {
            var (rows, _) = Data.Tables.ReadAllInteractions(file);
            table = InteractionTable.Create(rows);
            heapRecords = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(rows);
        }
        else if (mode == "stream")
        {
            var trace = Environment.GetEnvironmentVariable("CM_MEMORY_TRACE") == "1";
            var progress = new Progress(rows =>
            {
                if (trace)
                {
                    process.Refresh();
                    Console.WriteLine($"  {rows:N0} rows: working set {(process.WorkingSet64 - peak0) / 1e6:F0} MB, heap {GC.GetTotalMemory(false) / 1e6:F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
                }
            });
            (table, _) = Data.Tables.ReadInteractionTable(file, new Data.TableReadOptions { Progress = progress });
        }
        else
        {
            throw new ArgumentException($"mode '{mode}': use stream or records", nameof(mode));
        }
        double seconds = sw.Elapsed.TotalSeconds;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        long peak = process.PeakWorkingSet64;
        int n = table.Count;
        Console.WriteLine($"{mode}: {n:N0} interactions read in {seconds:F2} s");
        if (mode == "records")
        {
            Console.WriteLine($"  live heap with the records and the table: {(heapRecords - heap0) / (double)n:F1} bytes an interaction");
        }
        Console.WriteLine($"  live heap with the table:                 {(heap - heap0) / (double)n:F1} bytes an interaction");
        Console.WriteLine($"  peak working set while reading:           {(peak - peak0) / (double)n:F1} bytes an interaction");
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["UTC"];
        var groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel, TimeBucket.Day, zone));
        process.Refresh();
        Console.WriteLine($"  peak working set with a channel x day rollup ({groups.Count:N0} groups): {(process.PeakWorkingSet64 - peak0) / (double)n:F1} bytes an interaction");
        GC.KeepAlive(table);
    }
}
