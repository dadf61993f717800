using ContactMetrics.Kpis;

namespace ContactMetrics.Tests.Kpis;

/// <summary>
/// Records the rollup's progress reports on the reporting thread, in order (Progress&lt;T&gt; would post them to the thread
/// pool, out of order), and cancels <paramref name="cancelOnFirst"/> at the first report when one is given.
/// </summary>
internal sealed class SynchronousKpiProgress(List<KpiRollupProgress> reports, CancellationTokenSource? cancelOnFirst = null) : IProgress<KpiRollupProgress>
{
    public void Report(KpiRollupProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
        cancelOnFirst?.Cancel();
    }
}
