using BenchmarkDotNet.Attributes;
using ContactMetrics.Retention;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Kaplan-Meier and Cox proportional hazards (5 covariates, Efron and Breslow ties) on 1 million
/// simulated customers. Durations are whole days (so there are many ties, as in churn data) drawn
/// from an exponential hazard exp(x'β) with known β, censored at a random follow-up of up to two
/// years. Baselines in the same run: sorting the durations once (the floor: every estimator here
/// sorts once) and a LINQ Kaplan-Meier (group by time, then walk the risk set).
/// </summary>
[MemoryDiagnoser]
public class RetentionBenchmarks
{
    private static readonly double[] Beta = [0.6, -0.4, 0.3, 0.02, -0.25];
    private SurvivalTable _table = null!;
    private double[] _durations = null!;
    private bool[] _events = null!;
    private double[][] _x = null!;

    /// <summary>Customers.</summary>
    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        int n = Customers;
        _durations = new double[n];
        _events = new bool[n];
        var x = new double[Beta.Length][];
        for (int j = 0; j < Beta.Length; j++)
        {
            x[j] = new double[n];
        }
        for (int i = 0; i < n; i++)
        {
            x[0][i] = rng.NextDouble() < 0.3 ? 1 : 0;          // had an unresolved contact
            x[1][i] = rng.NextDouble() < 0.5 ? 1 : 0;          // CSAT top-box
            x[2][i] = rng.NextDouble() < 0.2 ? 1 : 0;          // enterprise segment
            x[3][i] = rng.Next(0, 60);                         // tenure in months at the contact
            x[4][i] = rng.NextDouble() * 4 - 2;                // standardised spend
            double eta = 0;
            for (int j = 0; j < Beta.Length; j++)
            {
                eta += Beta[j] * x[j][i];
            }
            double churnDay = -Math.Log(1 - rng.NextDouble()) / (0.002 * Math.Exp(eta));
            double followUp = 30 + rng.NextDouble() * 700;
            _events[i] = churnDay <= followUp;
            _durations[i] = Math.Ceiling(Math.Min(churnDay, followUp));
        }
        _x = x;
        var table = SurvivalTable.FromColumns(_durations, _events);
        string[] names = ["unresolved", "csat_top_box", "enterprise", "tenure_months", "spend"];
        for (int j = 0; j < Beta.Length; j++)
        {
            table = table.WithCovariate(names[j], x[j]);
        }
        _table = table.WithGroups(x[0].Select(v => v > 0 ? "unresolved" : "resolved").ToArray());
    }

    /// <summary>
    /// Writes the generated customers as CSV (duration, event 0/1, the five covariates, group) for a peer to read the same
    /// rows (<c>dotnet run -c Release -- write-retention-csv FILE</c>; R's coxph and survfit in docs/benchmarks.md).
    /// </summary>
    internal static void WriteCsv(string path)
    {
        var bench = new RetentionBenchmarks { Customers = 1_000_000 };
        bench.Setup();
        using var writer = new StreamWriter(path);
        writer.WriteLine("duration,event,unresolved,csat_top_box,enterprise,tenure_months,spend,grp");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < bench._durations.Length; i++)
        {
            writer.Write(bench._durations[i].ToString("R", invariant));
            writer.Write(bench._events[i] ? ",1" : ",0");
            foreach (var column in bench._x)
            {
                writer.Write(',');
                writer.Write(column[i].ToString("R", invariant));
            }
            writer.WriteLine(bench._x[0][i] > 0 ? ",unresolved" : ",resolved");
        }
    }

    [Benchmark(Baseline = true)]
    public double SortDurations()
    {
        var copy = (double[])_durations.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }

    [Benchmark]
    public double KaplanMeierLinq()
    {
        // Group by time, then walk the risk set: the textbook product-limit estimate, one group.
        int atRisk = _durations.Length;
        double survival = 1;
        foreach (var t in _durations.Select((d, i) => (d, e: _events[i])).GroupBy(p => p.d).OrderBy(g => g.Key))
        {
            int deaths = t.Count(p => p.e);
            survival *= 1 - (double)deaths / atRisk;
            atRisk -= t.Count();
        }
        return survival;
    }

    [Benchmark]
    public int KaplanMeierByGroup() => KaplanMeier.Estimate(_table).Sum(c => c.Rows.Length);

    [Benchmark]
    public double CoxEfron() => CoxProportionalHazards.Fit(_table).LogLikelihood;

    [Benchmark]
    public double CoxBreslow() => CoxProportionalHazards.Fit(_table, CoxOptions.Default with { Ties = CoxTies.Breslow }).LogLikelihood;
}
