using System.Diagnostics;
using ContactMetrics.Clv;

namespace ContactMetrics.Benchmarks;

/// <summary>One timed pass of the million-customer CLV work (<c>dotnet run -c Release -- time-clv</c>), to size the benchmarks and check the fits.</summary>
internal static class ClvTiming
{
    public static void Run(bool paretoOnly = false, bool numericalGradient = false)
    {
        var sw = Stopwatch.StartNew();
        var summary = MillionCustomers.Generate();
        Console.WriteLine($"generate: {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        var rows = summary.Compress();
        Console.WriteLine($"compress: {sw.Elapsed.TotalSeconds:F2} s, {rows.Count:N0} unique rows of {summary.Count:N0}");
        sw.Restart();
        ParetoNbdModel.TryFit(rows, ModelFitOptions.Default, analyticGradient: !numericalGradient, out var pn);
        Console.WriteLine($"Pareto/NBD unique rows ({(numericalGradient ? "numerical" : "analytic")} gradient, converged {pn.Diagnostics.Converged}): {sw.Elapsed.TotalSeconds:F2} s, {string.Join(", ", pn.Estimates.Select(e => $"{e.Name} {e.Value:F4} ({e.StandardError:F4})"))}, LL {pn.LogLikelihood:F1}, {pn.Diagnostics.Iterations} iterations");
        if (paretoOnly)
        {
            return;
        }
        sw.Restart();
        var bg = BetaGeometricNbdModel.Fit(rows);
        Console.WriteLine($"BG/NBD unique rows: {sw.Elapsed.TotalSeconds:F2} s, {string.Join(", ", bg.Estimates.Select(e => $"{e.Name} {e.Value:F4} ({e.StandardError:F4})"))}");
        var value = new MillionCustomerValueBenchmarks();
        value.Setup();
        sw.Restart();
        decimal clv = value.ClvEveryCustomer();
        Console.WriteLine($"CLV 1M (36 months): {sw.Elapsed.TotalSeconds:F2} s, total {clv:N0}");
        sw.Restart();
        double purchases = value.ExpectedPurchasesEveryCustomer();
        Console.WriteLine($"E[Y(3y)] 1M: {sw.Elapsed.TotalSeconds:F2} s, total {purchases:N0}");
    }

    /// <summary>The RFM builder on the 10-million-purchase log, with the time of its customer-id look-ups alone.</summary>
    public static void RunRfm()
    {
        var bench = new RfmSummaryTenMillionBenchmarks();
        bench.Setup();
        var sw = Stopwatch.StartNew();
        var summary = bench.LibraryBuilder();
        Console.WriteLine($"builder: {sw.Elapsed.TotalSeconds:F2} s, {summary.Count:N0} customers");
        sw.Restart();
        summary = bench.LibraryBuilder();
        Console.WriteLine($"builder again: {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        var reference = bench.LibraryReferenceSingleThreaded();
        Console.WriteLine($"single-threaded reference builder: {sw.Elapsed.TotalSeconds:F2} s, {reference.Count:N0} customers");
        sw.Restart();
        long duck = bench.DuckDbGroupBy();
        Console.WriteLine($"duckdb: {sw.Elapsed.TotalSeconds:F2} s, {duck:N0} customers");
        sw.Restart();
        var index = new Dictionary<ContactMetrics.Domain.CustomerId, int>();
        foreach (var id in bench.Customers)
        {
            ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(index, id, out bool exists);
            if (!exists)
            {
                slot = index.Count;
            }
        }
        Console.WriteLine($"id look-ups alone: {sw.Elapsed.TotalSeconds:F2} s");
        bench.Cleanup();
    }
}
