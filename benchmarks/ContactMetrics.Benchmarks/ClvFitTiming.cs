using System.Diagnostics;
using ContactMetrics.Clv;
using ContactMetrics.Numerics;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// Where the fits beside lifetimes spend their time (<c>dotnet run -c Release -- time-clv-fits COPIES REPEATS</c>, issue #18):
/// on the CDNOW sample replicated COPIES times, the median of REPEATS warm runs of each step alone (building the weighted rows,
/// each fit on them, one log-likelihood evaluation with its gradient) and the evaluations and iterations each fit takes.
/// </summary>
internal static class ClvFitTiming
{
    public static void Run(int copies, int repeats)
    {
        var summary = ClvPredictionBenchmarks.CdnowReplicated(copies);
        var rows = summary.Compress();
        Console.WriteLine($"customers {summary.Count:N0}, weighted rows {rows.Count:N0}");
        Time("compress (x, t_x, T)", repeats, () => summary.Compress());
        var grid = GridHistoryCounts.Grid(summary.Period);
        Time("  of which counting on the grid", repeats, () => new GridHistoryCounts().AddGroups(summary.Frequency.AsSpan(), summary.Recency.AsSpan(), summary.Age.AsSpan(), summary.Period.Days(), grid, 0));
        var bgCount = new EvaluationCount();
        var bg = BetaGeometricNbdModel.Fit(rows, new ModelFitOptions { Progress = bgCount });
        Console.WriteLine($"BG/NBD: {bgCount.Evaluations} evaluations, {bg.Diagnostics.Iterations} iterations; {string.Join(", ", bg.Estimates.Select(e => $"{e.Value:R} ({e.StandardError:R})"))}; LL {bg.LogLikelihood:R}");
        Time("BG/NBD fit on the rows", repeats, () => BetaGeometricNbdModel.Fit(rows));
        Time("BG/NBD compress + fit", repeats, () => BetaGeometricNbdModel.Fit(summary.Compress()));
        var theta = bg.Estimates.Select(e => Math.Log(e.Value)).ToArray();
        var gradient = new double[4];
        Time("BG/NBD one evaluation", repeats, () => BetaGeometricNbdModel.LogLikelihood(rows, theta, gradient));
        LogLikelihoodWithGradient objective = (t, g) => BetaGeometricNbdModel.LogLikelihood(rows, t, g);
        double[] start = [0.0, Math.Log(4), 0.0, 0.0];
        Time("BG/NBD Maximize alone", repeats, () => MaximumLikelihood.Maximize(objective, start, rows.TotalWeight, 1000, 1e-9, twoPassLbfgs: true));
        Time("BG/NBD Hessian from gradients", repeats, () => NumericalHessian.FromGradient(objective, theta));
        Time("BG/NBD Hessian, analytic (not the fit's: see docs/models/clv.md)", repeats, () => BetaGeometricNbdModel.LogLikelihoodHessian(rows, theta));
        var hessian = NumericalHessian.FromGradient(objective, theta);
        Time("BG/NBD standard errors from the Hessian", repeats, () => NumericalHessian.LogScaleStandardErrors(hessian, theta));
        var pnCount = new EvaluationCount();
        var pn = ParetoNbdModel.Fit(rows, new ModelFitOptions { Progress = pnCount });
        Console.WriteLine($"Pareto/NBD: {pnCount.Evaluations} evaluations, {pn.Diagnostics.Iterations} iterations; {string.Join(", ", pn.Estimates.Select(e => $"{e.Value:R} ({e.StandardError:R})"))}; LL {pn.LogLikelihood:R}");
        Time("Pareto/NBD fit on the rows", repeats, () => ParetoNbdModel.Fit(rows));
        var pnTheta = pn.Estimates.Select(e => Math.Log(e.Value)).ToArray();
        Time("Pareto/NBD one evaluation with gradient", repeats, () => ParetoNbdModel.LogLikelihood(rows, pnTheta, gradient));
        Time("Pareto/NBD one evaluation with gradient, one worker", repeats, () => ParetoNbdModel.LogLikelihood(rows, pnTheta, gradient, 1));
        Time($"Pareto/NBD {pnCount.Evaluations} evaluations with gradient (as many as its fit)", repeats, () =>
        {
            for (int k = 0; k < pnCount.Evaluations; k++)
            {
                ParetoNbdModel.LogLikelihood(rows, pnTheta, gradient, 1);
            }
        });
        var gcBefore = GC.CollectionCount(0);
        ParetoNbdModel.Fit(rows);
        Console.WriteLine($"  gen0 collections in one Pareto/NBD fit: {GC.CollectionCount(0) - gcBefore}");
        Time("Pareto/NBD fit, one worker", repeats, () => ParetoNbdModel.TryFit(rows, ModelFitOptions.Default, true, out _, 1));

        var ggCount = new EvaluationCount();
        var gg = GammaGammaModel.Fit(summary, new ModelFitOptions { Progress = ggCount });
        Console.WriteLine($"Gamma-Gamma: {ggCount.Evaluations} evaluations, {gg.Diagnostics.Iterations} iterations; {string.Join(", ", gg.Estimates)}; LL {gg.LogLikelihood:R}");
        Time("Gamma-Gamma fit (rows inside)", repeats, () => GammaGammaModel.Fit(summary));
        int[] x = [.. summary.Frequency];
        double[] tx = [.. summary.Recency], t = [.. summary.Age], destination = new double[x.Length];
        var model = new BetaGeometricNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
        Time("BG/NBD P(alive) batch", repeats, () => model.ProbabilityAlive(x, tx, t, destination));
        Time("  of which the checks", repeats, () => PredictionBatch.CheckHistories(x, tx, t, destination.Length));
        Time("  of which the formula", repeats, () => BetaGeometricNbdModel.AliveBatch(0.243, 4.414, 0.793, 2.426, -1, true, x, tx, t, destination));
    }

    /// <summary>
    /// The median and fastest of <paramref name="repeats"/> timed runs of <paramref name="step"/>, after a warm-up as long as
    /// BenchmarkDotNet's: at least <see cref="WarmupCalls"/> calls and <see cref="WarmupTime"/>. One call before the timing is
    /// not a warm-up under tiered compilation: the step's methods run as quick unoptimized (tier-0) code until they have been
    /// called 30 times and a 100 ms quiet period has passed, and are then compiled again on a background thread, whose CPU
    /// time the process clock counts. With one call, the BG/NBD fit on 235,700 customers' rows measured 3.3 ms here against
    /// 1.15 ms with tiered compilation off (<c>DOTNET_TieredCompilation=0</c>) and 1.18 ms in BenchmarkDotNet (issue #18).
    /// </summary>
    private static void Time(string label, int repeats, Action step)
    {
        var warmup = Stopwatch.StartNew();
        for (int calls = 0; calls < WarmupCalls || warmup.Elapsed < WarmupTime; calls++)
        {
            step();
        }
        var times = new double[repeats];
        var cpu = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            double cpuStart = ProcessCpuMilliseconds();
            long start = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ProcessCpuMilliseconds() - cpuStart;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine($"  {label}: median {times[repeats / 2]:F3} ms, fastest {times[0]:F3} ms; process CPU median {cpu[repeats / 2]:F3} ms");
    }

    /// <summary>The fewest warm-up calls of a step: more than the 30 after which tiered compilation optimizes a method.</summary>
    private const int WarmupCalls = 100;

    /// <summary>The shortest warm-up of a step: several times the tiering delay (100 ms) and its background compilation.</summary>
    private static readonly TimeSpan WarmupTime = TimeSpan.FromMilliseconds(500);

    /// <summary>The CPU time of every thread of the process (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), Linux).</summary>
    private static double ProcessCpuMilliseconds()
    {
        _ = ClockGetTime(2, out var now);
        return now.Seconds * 1e3 + now.Nanoseconds / 1e6;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Keeps the last evaluation count a fit reports (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class EvaluationCount : IProgress<FitProgress>
    {
        public int Evaluations { get; private set; }

        public void Report(FitProgress value) => Evaluations = value.Evaluations;
    }
}
