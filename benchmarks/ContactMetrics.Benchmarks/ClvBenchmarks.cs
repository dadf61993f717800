using System.Globalization;
using BenchmarkDotNet.Attributes;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// BG/NBD fit on the CDNOW sample (2,357 customers, Fader, Hardie &amp; Lee 2005): every customer as its own
/// row (baseline) against the weighted unique (x, t_x, T) rows the library fits on.
/// </summary>
[MemoryDiagnoser]
public class BgNbdFitBenchmarks
{
    private CompressedRfmSummary _everyCustomer = null!;
    private CompressedRfmSummary _uniqueRows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var log = CdnowFiles.ReadLog("CDNOW_sample.txt", idColumn: 1, hasHeader: false);
        var summary = RfmSummaryBuilder.Build(log.Customers, log.Dates, log.Amounts, new RfmSummaryOptions(new LocalDate(1997, 9, 30)), Currency.Usd);
        _everyCustomer = CompressedRfmSummary.FromColumns(Enumerable.Repeat(1.0, summary.Count).ToArray(), summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), RfmPeriodUnit.Week);
        _uniqueRows = summary.Compress();
    }

    [Benchmark(Baseline = true)]
    public BgNbdFit EveryCustomer() => BetaGeometricNbdModel.Fit(_everyCustomer);

    [Benchmark]
    public BgNbdFit WeightedUniqueRows() => BetaGeometricNbdModel.Fit(_uniqueRows);
}

/// <summary>
/// Pareto/NBD fit on the weighted unique rows of the CDNOW sample: the central-difference gradient with a four-point
/// Hessian of the values for the standard errors (baseline, the fit before the analytic gradient) against the analytic
/// gradient with a Hessian from its differences (the library's fit).
/// </summary>
[MemoryDiagnoser]
public class ParetoNbdFitBenchmarks
{
    private CompressedRfmSummary _uniqueRows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var log = CdnowFiles.ReadLog("CDNOW_sample.txt", idColumn: 1, hasHeader: false);
        _uniqueRows = RfmSummaryBuilder.Build(log.Customers, log.Dates, log.Amounts, new RfmSummaryOptions(new LocalDate(1997, 9, 30)), Currency.Usd).Compress();
    }

    [Benchmark(Baseline = true)]
    public bool NumericalGradient() => ParetoNbdModel.TryFit(_uniqueRows, ModelFitOptions.Default, analyticGradient: false, out _);

    [Benchmark]
    public bool AnalyticGradient() => ParetoNbdModel.TryFit(_uniqueRows, ModelFitOptions.Default, analyticGradient: true, out _);
}

/// <summary>RFM summary of the CDNOW master log (69,659 purchases of 23,570 customers).</summary>
[MemoryDiagnoser]
public class RfmSummaryBenchmarks
{
    private CdnowFiles.Log _log = null!;
    private RfmSummaryOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _log = CdnowFiles.ReadLog("CDNOW_master.txt", idColumn: 0, hasHeader: true);
        _options = new RfmSummaryOptions(new LocalDate(1997, 9, 30)) { HoldoutEnd = new LocalDate(1998, 6, 30) };
    }

    [Benchmark]
    public RfmSummary BuildMaster() => RfmSummaryBuilder.Build(_log.Customers, _log.Dates, _log.Amounts, _options, Currency.Usd);
}

/// <summary>Reads the CDNOW logs from ../shared/data next to the repository root (never copied into it).</summary>
internal static class CdnowFiles
{
    internal sealed record Log(CustomerId[] Customers, LocalDate[] Dates, decimal[] Amounts);

    internal static Log ReadLog(string file, int idColumn, bool hasHeader)
    {
        var customers = new List<CustomerId>();
        var dates = new List<LocalDate>();
        var amounts = new List<decimal>();
        var ids = new Dictionary<string, CustomerId>(StringComparer.Ordinal);
        var pattern = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");
        foreach (var line in File.ReadLines(Path.Combine(DataDirectory(), file)).Skip(hasHeader ? 1 : 0))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            if (!ids.TryGetValue(fields[idColumn], out var id))
            {
                id = new CustomerId(fields[idColumn]);
                ids.Add(fields[idColumn], id);
            }
            customers.Add(id);
            dates.Add(pattern.Parse(fields[idColumn + 1]).Value);
            amounts.Add(decimal.Parse(fields[idColumn + 3], CultureInfo.InvariantCulture));
        }
        return new Log(customers.ToArray(), dates.ToArray(), amounts.ToArray());
    }

    internal static string DataDirectory()
    {
        // BenchmarkDotNet runs a generated copy of this project under bin/, so walk up from both places.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                }
            }
        }
        throw new InvalidOperationException("ContactMetrics.sln not found above the benchmark's directory.");
    }
}

/// <summary>
/// The three fits as <c>clv fit</c> and <c>clv predict</c> run them, from the customers' summary (the weighted unique rows
/// built inside the timing), on the CDNOW sample (2,357 customers) and on it replicated 100 times (235,700 customers), to
/// set beside lifetimes' fits of the same customers (docs/benchmarks.md, issue #18; lifetimes runs outside this repository).
/// </summary>
[MemoryDiagnoser]
public class ClvFitBesideLifetimesBenchmarks
{
    private RfmSummary _summary = null!;
    private CompressedRfmSummary _rows = null!;

    [Params(1, 100)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _summary = ClvPredictionBenchmarks.CdnowReplicated(Copies);
        _rows = _summary.Compress();
    }

    [Benchmark(Baseline = true)]
    public BgNbdFit BgNbd() => BetaGeometricNbdModel.Fit(_summary.Compress());

    [Benchmark]
    public ParetoNbdFit ParetoNbd() => ParetoNbdModel.Fit(_summary.Compress());

    /// <summary>The BG/NBD fit of weighted rows built before the timing, as lifetimes' weighted fit is timed (its grouping outside).</summary>
    [Benchmark]
    public BgNbdFit BgNbdRowsGiven() => BetaGeometricNbdModel.Fit(_rows);

    /// <summary>The Pareto/NBD fit of weighted rows built before the timing, as lifetimes' weighted fit is timed.</summary>
    [Benchmark]
    public ParetoNbdFit ParetoNbdRowsGiven() => ParetoNbdModel.Fit(_rows);

    [Benchmark]
    public GammaGammaFit GammaGamma() => GammaGammaModel.Fit(_summary);
}
