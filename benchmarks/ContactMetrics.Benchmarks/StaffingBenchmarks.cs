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
