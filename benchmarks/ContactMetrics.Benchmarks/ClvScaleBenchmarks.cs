using System.Globalization;
using BenchmarkDotNet.Attributes;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using DuckDB.NET.Data;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// A million BG/NBD customers with Gamma-Gamma spend, drawn directly with a seeded <see cref="Random"/> (not through the
/// full simulator): acquisition on a uniform day of two years, the CDNOW parameters (r 0.243, alpha 4.414, a 0.793,
/// b 2.426; p 6.25, q 3.74, gamma 15.44), purchase times in whole days, time in weeks.
/// </summary>
internal static class MillionCustomers
{
    public const int Customers = 1_000_000;
    private const int Days = 730;

    public static RfmSummary Generate(int customers = Customers, int seed = 42)
    {
        var rng = new Random(seed);
        var ids = new CustomerId[customers];
        var x = new int[customers];
        var tx = new double[customers];
        var t = new double[customers];
        var zbar = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            int ageDays = 1 + rng.Next(Days);
            double ageWeeks = ageDays / 7.0;
            double lambda = Gamma.Sample(rng, 0.243, 4.414);
            double p = Beta.Sample(rng, 0.793, 2.426);
            double time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += Exponential.Sample(rng, lambda);
                if (!(time <= ageWeeks))
                {
                    break;
                }
                count++;
                last = time;
                if (rng.NextDouble() < p)
                {
                    break;
                }
            }
            ids[i] = new CustomerId(i.ToString(CultureInfo.InvariantCulture));
            x[i] = count;
            tx[i] = count == 0 ? 0 : Math.Floor(last * 7) / 7.0;
            t[i] = ageWeeks;
            if (count > 0)
            {
                double nu = Gamma.Sample(rng, 3.74, 15.44);
                zbar[i] = Math.Round(Gamma.Sample(rng, 6.25 * count, nu) / count, 2);
            }
        }
        return RfmSummary.FromColumns(ids, x, tx, t, zbar, RfmPeriodUnit.Week, Currency.Eur);
    }
}

/// <summary>
/// Pareto/NBD with the analytic gradient on the million customers' weighted unique rows, against BG/NBD on the same rows
/// (baseline, the closed-form likelihood). Both sum the rows in fixed chunks on all cores; the <c>OneWorker</c> methods are
/// the same fits with one worker (the same result to the last bit), to show what the parallel pass over rows gains. The
/// central-difference Pareto/NBD fit takes minutes and is timed once by <c>time-clv pareto-numerical</c>.
/// </summary>
[MemoryDiagnoser]
public class MillionCustomerParetoNbdFitBenchmarks
{
    private CompressedRfmSummary _uniqueRows = null!;

    [GlobalSetup]
    public void Setup() => _uniqueRows = MillionCustomers.Generate().Compress();

    [Benchmark(Baseline = true)]
    public BgNbdFit BgNbdWeightedUniqueRows() => BetaGeometricNbdModel.Fit(_uniqueRows);

    [Benchmark]
    public BgNbdFit BgNbdWeightedUniqueRowsOneWorker()
        => BetaGeometricNbdModel.TryFit(_uniqueRows, ModelFitOptions.Default, 1, out var fit) ? fit : throw new InvalidOperationException("BG/NBD fit did not converge.");

    [Benchmark]
    public ParetoNbdFit ParetoNbdWeightedUniqueRows() => ParetoNbdModel.Fit(_uniqueRows);

    [Benchmark]
    public ParetoNbdFit ParetoNbdWeightedUniqueRowsOneWorker()
        => ParetoNbdModel.TryFit(_uniqueRows, ModelFitOptions.Default, analyticGradient: true, out var fit, maxDegreeOfParallelism: 1) ? fit : throw new InvalidOperationException("Pareto/NBD fit did not converge.");
}

/// <summary>
/// Fits on a million simulated customers: BG/NBD on every customer as its own row (baseline) against the weighted unique
/// (x, t_x, T) rows. (Pareto/NBD on the same rows is in <see cref="MillionCustomerParetoNbdFitBenchmarks"/>.)
/// </summary>
[MemoryDiagnoser]
public class MillionCustomerFitBenchmarks
{
    private CompressedRfmSummary _everyCustomer = null!;
    private CompressedRfmSummary _uniqueRows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var summary = MillionCustomers.Generate();
        _everyCustomer = CompressedRfmSummary.FromColumns(Enumerable.Repeat(1.0, summary.Count).ToArray(), summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), RfmPeriodUnit.Week);
        _uniqueRows = summary.Compress();
        Console.WriteLine($"// {summary.Count:N0} customers, {_uniqueRows.Count:N0} unique (x, t_x, T) rows");
    }

    [Benchmark(Baseline = true)]
    public BgNbdFit BgNbdEveryCustomer() => BetaGeometricNbdModel.Fit(_everyCustomer);

    [Benchmark]
    public BgNbdFit BgNbdWeightedUniqueRows() => BetaGeometricNbdModel.Fit(_uniqueRows);
}

/// <summary>
/// CLV of a million customers (BG/NBD x Gamma-Gamma at the planted parameters, 30% margin): P(alive) of every customer
/// (baseline, a closed form per customer: the floor of any per-customer pass) against every customer's discounted CLV
/// over 36 monthly cash-flow periods (10% a year). The 3-year conditional expected purchases, one call per customer,
/// take about a minute and are timed once by <c>time-clv</c>.
/// </summary>
[MemoryDiagnoser]
public class MillionCustomerValueBenchmarks
{
    private RfmSummary _summary = null!;
    private BetaGeometricNbdModel _transactions = null!;
    private BgNbdGammaGammaValueModel _value = null!;
    private ValuationHorizon _horizon = null!;

    [GlobalSetup]
    public void Setup()
    {
        _summary = MillionCustomers.Generate();
        _transactions = new BetaGeometricNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
        _value = new BgNbdGammaGammaValueModel(_transactions, new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44)), 0.3);
        double month = 365.25 / 12 / 7;
        _horizon = new ValuationHorizon(36, ValuationHorizon.RateForPeriod(0.10, 365.25 / 12)) { PeriodLength = month };
    }

    [Benchmark(Baseline = true)]
    public double ProbabilityAliveEveryCustomer()
    {
        double total = 0;
        var s = _summary;
        for (int i = 0; i < s.Count; i++)
        {
            total += _transactions.ProbabilityAlive(s.Frequency[i], s.Recency[i], s.Age[i]);
        }
        return total;
    }

    public double ExpectedPurchasesEveryCustomer()
    {
        double total = 0;
        var s = _summary;
        for (int i = 0; i < s.Count; i++)
        {
            total += _transactions.ConditionalExpectedTransactions(156.5, s.Frequency[i], s.Recency[i], s.Age[i]);
        }
        return total;
    }

    [Benchmark]
    public decimal ClvEveryCustomer() => Money.Sum(_value.CustomerValues(_summary, _horizon), Currency.Eur).Amount;
}

/// <summary>
/// The RFM summary of 10 million purchases of a million customers (two years, calibration to the last day, same-day
/// purchases merged): DuckDB doing the same GROUP BY in SQL on the same rows in an in-memory table (baseline; the result
/// is materialized as a DuckDB table) against the library's builder on columns (partitioned by id hash across cores) and
/// its single-threaded reference builder.
/// </summary>
[MemoryDiagnoser]
public class RfmSummaryTenMillionBenchmarks
{
    private const int Purchases = 10_000_000;
    private static readonly LocalDate Start = new(2024, 1, 1);
    private static readonly LocalDate End = Start.PlusDays(729);

    private CustomerId[] _customers = null!;

    /// <summary>The customer of each purchase (for the timing pass).</summary>
    internal CustomerId[] Customers => _customers;
    private LocalDate[] _dates = null!;
    private decimal[] _amounts = null!;
    private RfmSummaryOptions _options = null!;
    private DuckDBConnection _duck = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var ids = Enumerable.Range(0, MillionCustomers.Customers).Select(i => new CustomerId(i.ToString(CultureInfo.InvariantCulture))).ToArray();
        _customers = new CustomerId[Purchases];
        _dates = new LocalDate[Purchases];
        _amounts = new decimal[Purchases];
        for (int i = 0; i < Purchases; i++)
        {
            _customers[i] = ids[rng.Next(ids.Length)];
            _dates[i] = Start.PlusDays(rng.Next(730));
            _amounts[i] = rng.Next(100, 20_000) / 100m;
        }
        _options = new RfmSummaryOptions(End);
        _duck = new DuckDBConnection("DataSource=:memory:");
        _duck.Open();
        Execute("CREATE TABLE purchases (customer_id VARCHAR, d DATE, amount DECIMAL(18, 2))");
        using (var appender = _duck.CreateAppender("purchases"))
        {
            for (int i = 0; i < Purchases; i++)
            {
                appender.CreateRow().AppendValue(_customers[i].Value).AppendValue(_dates[i].ToDateOnly()).AppendValue(_amounts[i]).EndRow();
            }
        }
        long duck = DuckDbGroupBy();
        int library = LibraryBuilder().Count;
        if (duck != library)
        {
            throw new InvalidOperationException($"DuckDB gives {duck} customers, the library {library}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _duck.Dispose();

    [Benchmark(Baseline = true)]
    public long DuckDbGroupBy()
    {
        string end = End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Execute($"""
            CREATE OR REPLACE TEMP TABLE rfm AS
            WITH days AS (
              SELECT customer_id, d, SUM(amount) AS amount FROM purchases WHERE d <= DATE '{end}' GROUP BY customer_id, d)
            SELECT customer_id,
                   COUNT(*) - 1 AS frequency,
                   (MAX(d) - MIN(d)) / 7.0 AS recency,
                   (DATE '{end}' - MIN(d)) / 7.0 AS T,
                   CASE WHEN COUNT(*) > 1 THEN (SUM(amount) - arg_min(amount, d)) / (COUNT(*) - 1) ELSE 0 END AS monetary_value
            FROM days GROUP BY customer_id
            """);
        using var count = _duck.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM rfm";
        return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Benchmark]
    public RfmSummary LibraryBuilder() => RfmSummaryBuilder.Build(_customers, _dates, _amounts, _options, Currency.Eur);

    /// <summary>The single-threaded reference builder the library keeps to test its partitioned builder against.</summary>
    [Benchmark]
    public RfmSummary LibraryReferenceSingleThreaded()
    {
        var days = new int[_dates.Length];
        for (int i = 0; i < days.Length; i++)
        {
            days[i] = _dates[i].ToDateOnly().DayNumber;
        }
        return RfmSummaryBuilder.BuildReference(_customers, days, _amounts, _options, Currency.Eur);
    }

    private void Execute(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
