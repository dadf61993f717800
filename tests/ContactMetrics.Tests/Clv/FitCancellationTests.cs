using ContactMetrics.Clv;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Clv;

/// <summary>Long fits can be watched and stopped (ModelFitOptions.Progress and CancellationToken).</summary>
public class FitCancellationTests
{
    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Collect : IProgress<FitProgress>
    {
        public List<FitProgress> Reports { get; } = [];

        public void Report(FitProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Fit_WithProgress_ReportsEvaluationsAndEndsAtTheFittedLogLikelihood()
    {
        var progress = new Collect();
        var fit = BetaGeometricNbdModel.Fit(CdnowData.Summary.Compress(), new ModelFitOptions { Progress = progress });

        // Expected: FHL 2005's CDNOW fit (LL -9582.4) as without a monitor; reports every 10 evaluations and a last one,
        // counting up, the last one's best log-likelihood the fit's (the optimizer returns the best point it evaluated).
        fit.LogLikelihood.Should().BeApproximately(-9582.4, 0.05);
        progress.Reports.Should().HaveCountGreaterThan(1);
        progress.Reports.Select(r => r.Evaluations).Should().BeInAscendingOrder();
        progress.Reports.Take(progress.Reports.Count - 1).Should().OnlyContain(r => r.Evaluations % FitMonitor.ReportEvery == 0);
        progress.Reports[^1].BestLogLikelihood.Should().BeApproximately(fit.LogLikelihood, 1e-9 * Math.Abs(fit.LogLikelihood));
    }

    [Fact]
    public void Fit_CancelledToken_ThrowsOperationCanceledNotAFailedFit()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = new ModelFitOptions { CancellationToken = cancel.Token };
        var summary = CdnowData.Summary;

        FluentActions.Invoking(() => BetaGeometricNbdModel.TryFit(summary.Compress(), options, out _)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => ParetoNbdModel.Fit(summary.Compress(), options)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => GammaGammaModel.Fit(summary, options)).Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Fit_CancelledWhileRunning_StopsWithinAnEvaluation()
    {
        // Cancel from the progress callback after the first report: the next evaluation throws.
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterFirst(cancel);
        var options = new ModelFitOptions { CancellationToken = cancel.Token, Progress = progress };

        FluentActions.Invoking(() => BetaGeometricNbdModel.Fit(CdnowData.Summary.Compress(), options)).Should().Throw<OperationCanceledException>();
        progress.Seen.Should().Be(1);
    }

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : IProgress<FitProgress>
    {
        public int Seen { get; private set; }

        public void Report(FitProgress value)
        {
            Seen++;
            cancel.Cancel();
        }
    }
}
