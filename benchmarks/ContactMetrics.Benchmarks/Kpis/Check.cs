using ContactMetrics.Kpis;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>`dotnet run -c Release -- check-kpis N`: runs each method once on N rows and prints what it found, so the compared methods can be seen to agree.</summary>
internal static class Check
{
    public static void Run(int n)
    {
        foreach (string shape in new[] { "agent-channel-day", "channel-day" })
        {
            var rollup = new KpiRollupBenchmarks { Rows = n, Shape = shape };
            rollup.Setup();
            Console.WriteLine($"rollup {shape}, handled contacts summed over groups: linq {rollup.Linq()}, library {rollup.Library()}, duckdb {rollup.DuckDb()}; groups {rollup.LibraryGroups()}");
            rollup.Cleanup();
        }
        var repeats = new RepeatContactBenchmarks { Rows = n };
        repeats.Setup();
        Console.WriteLine($"contacts followed by a repeat: linq {repeats.Linq()}, library {repeats.Library()}, duckdb {repeats.DuckDb()}");
        repeats.Cleanup();
    }
}
