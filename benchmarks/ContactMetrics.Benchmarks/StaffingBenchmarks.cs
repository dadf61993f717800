using BenchmarkDotNet.Attributes;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Staffing 100 queues x 96 fifteen-minute intervals to 80% in 20 s. The baseline is the textbook
/// Erlang C (powers and factorials summed in double) with a linear search from one agent; the
/// library's Erlang C steps from the stability bound with the Erlang B recursion; its Erlang A
/// (mean patience 180 s) evaluates the exact chain in a gallop-and-bisect search.
/// </summary>
public class StaffingBenchmarks
{
    private const int Queues = 100;
    private const int Intervals = 96;
    private static readonly Duration Interval = Duration.FromMinutes(15);
    private static readonly Duration Threshold = Duration.FromSeconds(20);

    private QueueLoad[] _loads = [];
    private StaffingPlanner _erlangC = null!;
    private StaffingPlanner _erlangA = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Peak traffic 2..80 Erlangs per queue (the textbook formula overflows past about 150 agents),
        // AHT 120..480 s, an intraday profile with a morning and an afternoon peak over a 5% night floor.
        var random = new Random(20_250_301);
        _loads = new QueueLoad[Queues * Intervals];
        for (int q = 0; q < Queues; q++)
        {
            double peakTraffic = 2 + 78 * random.NextDouble();
            var aht = Duration.FromSeconds(120 + random.Next(361));
            for (int i = 0; i < Intervals; i++)
            {
                double hour = i / 4.0;
                double profile = 0.05 + 0.95 * Math.Max(Bump(hour, 10.5, 2.0), 0.8 * Bump(hour, 15.0, 2.5));
                double contacts = peakTraffic * profile * Interval.TotalSeconds / aht.TotalSeconds;
                _loads[q * Intervals + i] = new QueueLoad(Math.Round(contacts, 1), Interval, aht);
            }
        }
        var target = StaffingTarget.ForServiceLevel(0.8, Threshold);
        _erlangC = new StaffingPlanner(target);
        _erlangA = new StaffingPlanner(target, averagePatience: Duration.FromSeconds(180));

        if (TextbookErlangC() != ErlangC())
        {
            throw new InvalidOperationException("The baseline and the library disagree on the Erlang C staffing.");
        }
    }

    private static double Bump(double hour, double centre, double width) => Math.Exp(-0.5 * Math.Pow((hour - centre) / width, 2));

    [Benchmark(Baseline = true)]
    public long TextbookErlangC()
    {
        long total = 0;
        foreach (var load in _loads)
        {
            total += NaiveAgents(load.TrafficErlangs, load.AverageHandleTime.TotalSeconds, Threshold.TotalSeconds, 0.8);
        }
        return total;
    }

    [Benchmark]
    public long ErlangC() => Sum(_erlangC.Plan(_loads));

    [Benchmark]
    public long ErlangA() => Sum(_erlangA.Plan(_loads));

    private static long Sum(StaffingPlan plan)
    {
        long total = 0;
        foreach (var requirement in plan.Requirements)
        {
            total += requirement.Agents;
        }
        return total;
    }

    /// <summary>The spreadsheet way: C(N, A) from A^k / k! sums, for N = 1, 2, ... until the target is met.</summary>
    private static int NaiveAgents(double a, double aht, double threshold, double target)
    {
        if (a == 0)
        {
            return 0;
        }
        for (int n = 1; ; n++)
        {
            if (n <= a)
            {
                continue;
            }
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                sum += Math.Pow(a, k) / Factorial(k);
            }
            double top = Math.Pow(a, n) / Factorial(n) * n / (n - a);
            double c = top / (sum + top);
            if (1 - c * Math.Exp(-(n - a) * threshold / aht) >= target)
            {
                return n;
            }
        }
    }

    private static double Factorial(int k)
    {
        double f = 1;
        for (int i = 2; i <= k; i++)
        {
            f *= i;
        }
        return f;
    }
}

/// <summary>
/// Erlang C staffing of 10,000 intervals, the shape run beside pyworkforce 0.5.4 (docs/benchmarks.md, Staffing): traffic of
/// interval i is low + (high - low) frac(i x 0.6180339887498949) Erlangs (5-50 or 100-1,000), AHT 180 s, 30-minute
/// intervals, 80% answered within 20 s, no occupancy cap or shrinkage. Baseline: the same search as pyworkforce's
/// <c>required_positions</c> written in C#: from round(A + 1) agents up, each candidate's Erlang B recomputed from one agent.
/// </summary>
public class ErlangPeerBenchmarks
{
    private const int Intervals = 10_000;
    private static readonly Duration Interval = Duration.FromMinutes(30);
    private static readonly Duration Aht = Duration.FromSeconds(180);
    private static readonly Duration Threshold = Duration.FromSeconds(20);
    private double[] _contacts = [];
    private StaffingPlanner _planner = null!;

    [Params("5-50", "100-1000")]
    public string Erlangs { get; set; } = "5-50";

    [GlobalSetup]
    public void Setup()
    {
        var (low, high) = Erlangs == "5-50" ? (5.0, 50.0) : (100.0, 1000.0);
        _contacts = new double[Intervals];
        for (int i = 0; i < Intervals; i++)
        {
            double a = low + (high - low) * (i * 0.6180339887498949 % 1.0);
            _contacts[i] = a * Interval.TotalSeconds / Aht.TotalSeconds;
        }
        _planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Threshold));
        long library = Library(), columns = LibraryColumns(), baseline = RecomputePerCandidate();
        // pyworkforce 0.5.4 on the same intervals: 321,990 and 5,597,439 agents in all (docs/benchmarks.md).
        long peer = Erlangs == "5-50" ? 321_990 : 5_597_439;
        if (library != baseline || library != peer || columns != library)
        {
            throw new InvalidOperationException($"Agents: library {library} (columns {columns}), baseline {baseline}, pyworkforce {peer}.");
        }
    }

    [Benchmark(Baseline = true)]
    public long RecomputePerCandidate()
    {
        long total = 0;
        double aht = Aht.TotalSeconds, t = Threshold.TotalSeconds;
        foreach (double contacts in _contacts)
        {
            double a = contacts / Interval.TotalSeconds * aht;
            for (int n = (int)Math.Round(a + 1); ; n++)
            {
                double inverse = 1;
                for (int k = 1; k <= n; k++)
                {
                    inverse = 1 + inverse * k / a;
                }
                double b = 1 / inverse;
                double c = n * b / (n - a * (1 - b));
                if (1 - c * Math.Exp(-(n - a) * t / aht) >= 0.8)
                {
                    total += n;
                    break;
                }
            }
        }
        return total;
    }

    /// <summary>The plan with its requirements built: a <see cref="StaffingRequirement"/> with its load and KPIs per interval.</summary>
    [Benchmark]
    public long Library()
    {
        long total = 0;
        foreach (var requirement in _planner.Plan(_contacts, Interval, Aht).Requirements)
        {
            total += requirement.Agents;
        }
        return total;
    }

    /// <summary>The same plan read through its agent column (<see cref="StaffingPlan.Agents"/>): no object per interval.</summary>
    [Benchmark]
    public long LibraryColumns()
    {
        long total = 0;
        foreach (int agents in _planner.Plan(_contacts, Interval, Aht).Agents)
        {
            total += agents;
        }
        return total;
    }
}
