namespace ContactMetrics.Staffing;

/// <summary>The queueing model behind a set of <see cref="QueueMetrics"/>.</summary>
public enum QueueModel
{
    /// <summary>Erlang C (M/M/N): every contact waits as long as it takes; nobody abandons. See <see cref="Staffing.ErlangC"/>.</summary>
    ErlangC = 0,

    /// <summary>Erlang A (M/M/N+M): contacts abandon after an exponential patience. See <see cref="Staffing.ErlangA"/>.</summary>
    ErlangA = 1,
}
