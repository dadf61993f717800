using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Per-customer predictions for 235,700 customers: the CDNOW sample's 2,357 calibration histories (39 weeks, FHL 2005)
/// replicated 100 times, the set of issue #18. In each category the scalar form called once per customer (what
/// <c>clv predict</c> and the holdout check did) is the baseline, against the batch form over spans (tested to give the same
/// values). The models are at the published CDNOW estimates: BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426 (FHL 2005);
/// Pareto/NBD r 0.5534, alpha 10.5802, s 0.6061, beta 11.6562 (BTYD); Gamma-Gamma p 6.25, q 3.74, gamma 15.44.
/// <c>BgNbdFit</c> fits BG/NBD to the same customers (weighted unique rows), so predictions can be read against a fit.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClvPredictionBenchmarks
{
    public const int Copies = 100;
    private const double Horizon = 39;
    private static readonly BetaGeometricNbdModel BgNbd = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    private static readonly ParetoNbdModel ParetoNbd = new(new ParetoNbdParameters(0.5533971, 10.5801985, 0.6060625, 11.6562237));
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));
    private int[] _x = null!;
    private double[] _tx = null!;
    private double[] _t = null!;
    private double[] _zbar = null!;
    private double[] _destination = null!;
    private CompressedRfmSummary _rows = null!;
    private RfmSummary _summary = null!;
    private static readonly ValuationHorizon Weeks39 = new(39, ValuationHorizon.RateForPeriod(0.1, 7));

    [GlobalSetup]
    public void Setup()
    {
        var summary = CdnowReplicated(Copies);
        _x = summary.Frequency.ToArray();
        _tx = summary.Recency.ToArray();
        _t = summary.Age.ToArray();
        _zbar = summary.MonetaryValue.ToArray();
        _destination = new double[_x.Length];
        _rows = summary.Compress();
        _summary = summary;
    }

    /// <summary>The CDNOW sample's calibration summary (39 weeks to 1997-09-30), every customer <paramref name="copies"/> times.</summary>
    internal static RfmSummary CdnowReplicated(int copies)
    {
        var log = CdnowFiles.ReadLog("CDNOW_sample.txt", idColumn: 1, hasHeader: false);
        var sample = RfmSummaryBuilder.Build(log.Customers, log.Dates, log.Amounts, new RfmSummaryOptions(new LocalDate(1997, 9, 30)), Currency.Usd);
        int n = sample.Count * copies;
        var ids = new CustomerId[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = new CustomerId($"{sample.CustomerIds[i % sample.Count].Value}-{i / sample.Count}");
        }
        T[] Repeat<T>(IReadOnlyList<T> column) => [.. Enumerable.Range(0, n).Select(i => column[i % sample.Count])];
        return RfmSummary.FromColumns(ids, Repeat(sample.Frequency), Repeat(sample.Recency), Repeat(sample.Age), Repeat(sample.MonetaryValue), RfmPeriodUnit.Week, Currency.Usd);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("BG/NBD E[Y(39)]")]
    public double BgNbdScalarLoop()
    {
        double total = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            total += BgNbd.ConditionalExpectedTransactions(Horizon, _x[i], _tx[i], _t[i]);
        }
        return total;
    }

    [Benchmark, BenchmarkCategory("BG/NBD E[Y(39)]")]
    public double BgNbdBatch()
    {
        BgNbd.ConditionalExpectedTransactions(Horizon, _x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark, BenchmarkCategory("BG/NBD E[Y(39)]")]
    public double BgNbdBatchProbabilityAlive()
    {
        BgNbd.ProbabilityAlive(_x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark, BenchmarkCategory("BG/NBD E[Y(39)]")]
    public BgNbdFit BgNbdFit() => BetaGeometricNbdModel.Fit(_rows);

    [Benchmark(Baseline = true), BenchmarkCategory("Pareto/NBD E[Y(39)]")]
    public double ParetoNbdScalarLoop()
    {
        double total = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            total += ParetoNbd.ConditionalExpectedTransactions(Horizon, _x[i], _tx[i], _t[i]);
        }
        return total;
    }

    [Benchmark, BenchmarkCategory("Pareto/NBD E[Y(39)]")]
    public double ParetoNbdBatch()
    {
        ParetoNbd.ConditionalExpectedTransactions(Horizon, _x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark, BenchmarkCategory("Pareto/NBD E[Y(39)]")]
    public double ParetoNbdBatchProbabilityAlive()
    {
        ParetoNbd.ProbabilityAlive(_x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Gamma-Gamma E[Z]")]
    public double SpendScalarLoop()
    {
        double total = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            total += Spend.ConditionalExpectedSpend(_x[i], _zbar[i]);
        }
        return total;
    }

    /// <summary>
    /// The floor of any per-customer formula of (x, zbar): read both columns and write one, x + zbar four at a time (the memory
    /// traffic of the Gamma-Gamma spend without its arithmetic).
    /// </summary>
    [Benchmark, BenchmarkCategory("Gamma-Gamma E[Z]")]
    public double SpendMemoryFloor()
    {
        int i = 0;
        // The vector loop where AVX is there (x86); elsewhere the scalar loop does every customer.
        for (; System.Runtime.Intrinsics.X86.Avx.IsSupported && i <= _x.Length - 4; i += 4)
        {
            var x = System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(System.Runtime.Intrinsics.Vector128.Create(_x[i], _x[i + 1], _x[i + 2], _x[i + 3]));
            System.Runtime.Intrinsics.Vector256.StoreUnsafe(x + System.Runtime.Intrinsics.Vector256.Create(_zbar[i], _zbar[i + 1], _zbar[i + 2], _zbar[i + 3]), ref _destination[0], (nuint)i);
        }
        for (; i < _x.Length; i++)
        {
            _destination[i] = _x[i] + _zbar[i];
        }
        return _destination[^1];
    }

    [Benchmark, BenchmarkCategory("Gamma-Gamma E[Z]")]
    public double SpendBatch()
    {
        Spend.ConditionalExpectedSpend(_x, _zbar, _destination);
        return _destination[^1];
    }

    /// <summary>
    /// What <c>clv predict</c> computed before issue #18's last step: both fits, then each public batch call on its own
    /// (P(alive), E[Y], E[Z], and the value model's CLV, which computes P(alive), E[Z] and the (x, T) pairs again).
    /// </summary>
    [Benchmark(Baseline = true), BenchmarkCategory("clv predict: fits + forecast")]
    public decimal ForecastSeparateCalls()
    {
        var spend = GammaGammaModel.Fit(_summary);
        var fit = BetaGeometricNbdModel.Fit(_summary.Compress());
        int n = _summary.Count;
        double[] alive = new double[n], purchases = new double[n], perPurchase = new double[n];
        fit.Model.ProbabilityAlive(_x, _tx, _t, alive);
        fit.Model.ConditionalExpectedTransactions(Weeks39.Periods * Weeks39.PeriodLength, _x, _tx, _t, purchases);
        spend.Model.ConditionalExpectedSpend(_x, _zbar, perPurchase);
        var values = new BgNbdGammaGammaValueModel(fit.Model, spend.Model, 0.3).CustomerValues(_summary, Weeks39);
        return values[^1].Amount;
    }

    /// <summary><see cref="ClvForecast.Compute"/>: the same figures, P(alive), E[Z] and the (x, T) factors computed once.</summary>
    [Benchmark, BenchmarkCategory("clv predict: fits + forecast")]
    public decimal Forecast() => ClvForecast.Compute(ClvTransactionModel.BgNbd, _summary, Weeks39, 0.3).Values[^1].Amount;

    /// <summary>What <c>clv fit</c> computes after reading: the weighted rows and the BG/NBD fit.</summary>
    [Benchmark, BenchmarkCategory("clv predict: fits + forecast")]
    public BgNbdFit FitWithWeightedRows() => BetaGeometricNbdModel.Fit(_summary.Compress());

    /// <summary>The Gamma-Gamma fit of the 235,700 customers (94,600 repeat buyers).</summary>
    [Benchmark, BenchmarkCategory("clv predict: fits + forecast")]
    public GammaGammaFit GammaGammaFit() => GammaGammaModel.Fit(_summary);
}
