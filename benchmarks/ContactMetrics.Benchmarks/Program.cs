using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

if (args.Length == 2 && args[0] == "check-kpis")
{
    ContactMetrics.Benchmarks.Kpis.Check.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length == 2 && args[0] == "time-kpis")
{
    ContactMetrics.Benchmarks.Kpis.Phases.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length == 3 && args[0] == "memory-kpis")
{
    ContactMetrics.Benchmarks.Kpis.ReadingMemory.Run(args[1], args[2]);
    return;
}
if (args.Length == 3 && args[0] == "write-lake")
{
    ContactMetrics.Benchmarks.Kpis.LakeGenerator.Run(args[1], long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length is 2 or 3 && args[0] == "print-kpi-sql")
{
    Console.WriteLine(ContactMetrics.Benchmarks.Kpis.KpiSqlTiming.Sql(args[1], args.Length == 3 ? args[2] : "UTC"));
    return;
}
if (args.Length == 3 && args[0] == "time-kpi-sql")
{
    ContactMetrics.Benchmarks.Kpis.KpiSqlTiming.Run(args[1], args[2]);
    return;
}
if (args.Length is 3 or 5 && args[0] == "write-purchases")
{
    // write-purchases DIR ROWS [--process uniform]: the uniform process, ROWS purchases;
    // write-purchases DIR CUSTOMERS --process bg-nbd: the BG/NBD process with dropout, CUSTOMERS customers.
    long count = long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    string process = args.Length == 5 && args[3] == "--process" ? args[4] : "uniform";
    switch (process)
    {
        case "uniform":
            ContactMetrics.Benchmarks.Kpis.LakeGenerator.RunPurchases(args[1], count);
            return;
        case "bg-nbd":
            ContactMetrics.Benchmarks.Kpis.BgNbdPurchaseGenerator.Run(args[1], count);
            return;
        default:
            Console.Error.WriteLine($"write-purchases: unknown arguments '{string.Join(' ', args[3..])}'; use --process uniform or --process bg-nbd.");
            Environment.Exit(2);
            return;
    }
}
if (args.Length == 2 && args[0] == "check-cost")
{
    ContactMetrics.Benchmarks.CostToServe.CostToServeBenchmarks.Check(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length == 2 && args[0] == "write-retention-csv")
{
    ContactMetrics.Benchmarks.RetentionBenchmarks.WriteCsv(args[1]);
    return;
}
if (args.Length == 1 && args[0] == "time-rfm")
{
    ContactMetrics.Benchmarks.ClvTiming.RunRfm();
    return;
}
if (args.Length == 3 && args[0] == "time-clv-fits")
{
    ContactMetrics.Benchmarks.ClvFitTiming.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length >= 1 && args[0] == "time-clv")
{
    ContactMetrics.Benchmarks.ClvTiming.Run(paretoOnly: args.Length == 2 && args[1] is "pareto" or "pareto-numerical", numericalGradient: args.Length == 2 && args[1] == "pareto-numerical");
    return;
}
if (args.Length >= 3 && args[0] == "time-markov")
{
    ContactMetrics.Benchmarks.MarkovTiming.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2],
        args.Length >= 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1, gaussSeidelOnly: args.Length == 5 && args[4] == "gauss-seidel");
    return;
}
if (args.Length is 3 or 4 && args[0] == "time-read-paths")
{
    ContactMetrics.Benchmarks.MarkovTiming.ReadPaths(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), text: args.Length == 4 && args[3] == "text");
    return;
}
if (args.Length == 3 && args[0] == "write-long-paths")
{
    ContactMetrics.Benchmarks.MarkovTiming.WritePaths(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
    return;
}
if (args.Length == 4 && args[0] == "time-simulate")
{
    ContactMetrics.Benchmarks.SimulationTiming.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2], args[3]);
    return;
}
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
