namespace ContactMetrics.Numerics;

/// <summary>How far a maximum-likelihood fit has come: what an <see cref="IProgress{T}"/> given to a fit receives.</summary>
/// <param name="Evaluations">Log-likelihood evaluations so far (each costs one pass over the data).</param>
/// <param name="BestLogLikelihood">The highest log-likelihood evaluated so far.</param>
public sealed record FitProgress(int Evaluations, double BestLogLikelihood);

/// <summary>
/// Watches a running fit: checks its <see cref="CancellationToken"/> before every log-likelihood evaluation (one pass
/// over the data) and reports <see cref="FitProgress"/> every <see cref="ReportEvery"/> evaluations.
/// </summary>
internal sealed class FitMonitor(CancellationToken cancellationToken, IProgress<FitProgress>? progress)
{
    /// <summary>Evaluations between two reports.</summary>
    internal const int ReportEvery = 10;

    private int _evaluations;
    private double _best = double.NegativeInfinity;

    /// <summary>A monitor that neither cancels nor reports.</summary>
    internal static FitMonitor None => new(CancellationToken.None, null);

    /// <summary>Before an evaluation: throws <see cref="OperationCanceledException"/> once cancellation is requested.</summary>
    internal void BeforeEvaluation() => cancellationToken.ThrowIfCancellationRequested();

    /// <summary>After an evaluation with its value.</summary>
    internal void AfterEvaluation(double logLikelihood)
    {
        _evaluations++;
        if (double.IsFinite(logLikelihood) && logLikelihood > _best)
        {
            _best = logLikelihood;
        }
        if (progress is not null && _evaluations % ReportEvery == 0)
        {
            progress.Report(new FitProgress(_evaluations, _best));
        }
    }

    /// <summary>At the end: the last report.</summary>
    internal void Finished() => progress?.Report(new FitProgress(_evaluations, _best));
}
