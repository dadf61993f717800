using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ContactMetrics.Numerics;

/// <summary>A log-likelihood and its gradient at one point.</summary>
internal delegate double LogLikelihoodWithGradient(ReadOnlySpan<double> point, Span<double> gradient);

/// <summary>The outcome of a maximization.</summary>
internal sealed record MaximizationResult(double[] Point, double LogLikelihood, bool Converged, int Iterations, double GradientNorm, string Method, string Message);

/// <summary>
/// Maximizes a log-likelihood over unconstrained parameters (models pass log-parameters) with MathNet's BFGS (or first its
/// L-BFGS in two passes, when asked) and an analytic gradient, falling back to Nelder-Mead followed by BFGS when the line
/// search fails.
/// </summary>
/// <remarks>
/// The objective handed to the minimizer is the negative log-likelihood divided by <c>scale</c> (the number of
/// observations), so the gradient tolerance means the same for a thousand customers as for a million. The
/// reported gradient norm is the Euclidean norm of the gradient of the unscaled log-likelihood with respect to
/// the optimizer's parameters; convergence means BFGS stopped on its gradient or progress criterion and that
/// norm divided by <c>scale</c> is below 1e-4.
/// </remarks>
internal static class MaximumLikelihood
{
    /// <summary>
    /// Pairs a log-likelihood without an analytic gradient with a central-difference one, step 1e-5 max(1, |x_i|):
    /// truncation error O(h^2) and rounding of order eps |f| / h, about 7 correct digits for a log-likelihood of 1e4
    /// (Nocedal &amp; Wright, "Numerical optimization", 2nd ed., section 8.1). Costs 2n + 1 evaluations.
    /// </summary>
    internal static LogLikelihoodWithGradient WithCentralDifferences(Func<double[], double> logLikelihood) => (point, gradient) =>
    {
        var x = point.ToArray();
        double value = logLikelihood(x);
        for (int i = 0; i < x.Length; i++)
        {
            double step = 1e-5 * Math.Max(1.0, Math.Abs(point[i]));
            x[i] = point[i] + step;
            double plus = logLikelihood(x);
            x[i] = point[i] - step;
            double minus = logLikelihood(x);
            x[i] = point[i];
            gradient[i] = (plus - minus) / (2 * step);
        }
        return value;
    };

    /// <summary>
    /// Maximizes from <paramref name="start"/>; with <paramref name="twoPassLbfgs"/>, first by MathNet's L-BFGS in two passes
    /// (see <see cref="TryTwoPassLbfgs"/>: fewer evaluations, the same stopping criterion), falling back to MathNet's BFGS from
    /// the start when it fails.
    /// </summary>
    internal static MaximizationResult Maximize(LogLikelihoodWithGradient logLikelihood, double[] start, double scale, int maxIterations, double gradientTolerance,
        FitMonitor? monitor = null, bool twoPassLbfgs = false)
    {
        var watch = monitor ?? FitMonitor.None;
        var watched = logLikelihood;
        logLikelihood = (point, gradient) =>
        {
            watch.BeforeEvaluation();
            double value = watched(point, gradient);
            watch.AfterEvaluation(value);
            return value;
        };
        var result = (twoPassLbfgs ? TryTwoPassLbfgs(logLikelihood, start, scale, maxIterations, gradientTolerance) : null)
            ?? MaximizeWatched(logLikelihood, start, scale, maxIterations, gradientTolerance);
        watch.Finished();
        return result;
    }

    /// <summary>The tolerance of <see cref="TryTwoPassLbfgs"/>'s first pass.</summary>
    private const double FirstPassTolerance = 5e-4;

    /// <summary>
    /// The (s, y) pairs MathNet's L-BFGS keeps: more than a pass's iterations in the Pareto/NBD and BG/NBD fits measured, so
    /// that it is BFGS with the initial inverse Hessian rescaled by s'y / y'y at every iteration.
    /// </summary>
    private const int LbfgsMemory = 30;

    /// <summary>
    /// MathNet's <see cref="LimitedMemoryBfgsMinimizer"/> on minus the log-likelihood over <paramref name="scale"/> (as
    /// <see cref="MaximizeWatched"/> minimizes it), first to a relative gradient of <see cref="FirstPassTolerance"/>, then from
    /// there to <paramref name="gradientTolerance"/>; null when it fails (line search, iterations, no descent direction).
    /// </summary>
    /// <remarks>
    /// MathNet starts every minimization with a line search whose first step is 100 times the tolerance over the squared
    /// gradient: about 3e-6 at the Pareto/NBD's start for the fits' 1e-9, and 18 evaluations of doubling before the first
    /// iterate. The first pass's looser tolerance makes that step 5e5 times longer; the second pass starts where the gradient
    /// is small, so its first step is sensible again, and its stopping criterion is the fits' own (MathNet's relative
    /// gradient, max_i |g_i| max(|x_i|, 1) / max(|f|, 1), or L-BFGS's |g| below the tolerance). L-BFGS rather than BFGS for
    /// its s'y / y'y scaling (Nocedal &amp; Wright, "Numerical optimization", 2nd ed., equation 7.20): MathNet's BFGS keeps the
    /// identity as its initial inverse Hessian. On CDNOW and on it replicated 100 times: 29 evaluations against BFGS's 56 for the
    /// Pareto/NBD, 30 and 28 against 45 for the BG/NBD.
    /// The pass boundary and the result re-evaluate the last point, so the last evaluation is remembered and reused.
    /// </remarks>
    private static MaximizationResult? TryTwoPassLbfgs(LogLikelihoodWithGradient logLikelihood, double[] start, double scale, int maxIterations, double gradientTolerance)
    {
        int n = start.Length;
        double[]? lastPoint = null;
        double lastValue = double.NaN;
        var lastGradient = new double[n];
        LogLikelihoodWithGradient remembered = (point, gradient) =>
        {
            if (lastPoint is null || !point.SequenceEqual(lastPoint))
            {
                lastPoint = point.ToArray();
                lastValue = logLikelihood(point, lastGradient);
            }
            lastGradient.CopyTo(gradient);
            return lastValue;
        };
        var objective = Minimized(remembered, n, scale, (_, _) => { });
        var point = Vector<double>.Build.DenseOfArray(start);
        int iterations = 0;
        string message;
        try
        {
            if (gradientTolerance < FirstPassTolerance)
            {
                var first = new LimitedMemoryBfgsMinimizer(FirstPassTolerance, 1e-12, 1e-15, LbfgsMemory, maxIterations).FindMinimum(objective, point);
                point = first.MinimizingPoint;
                iterations = first.Iterations;
            }
            var second = new LimitedMemoryBfgsMinimizer(gradientTolerance, 1e-12, 1e-15, LbfgsMemory, maxIterations).FindMinimum(objective, point);
            point = second.MinimizingPoint;
            iterations += second.Iterations;
            message = second.ReasonForExit.ToString();
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or ArgumentException)
        {
            return null;
        }
        return Result(remembered, point.ToArray(), scale, iterations, maxIterations, "L-BFGS", message);
    }

    /// <summary>
    /// Minus <paramref name="logLikelihood"/> over <paramref name="scale"/> with its gradient, as MathNet minimizes it; a
    /// non-finite value becomes double.MaxValue (MathNet's line search then treats the step as failed). Each finite
    /// evaluation is passed to <paramref name="evaluated"/>.
    /// </summary>
    private static IObjectiveFunction Minimized(LogLikelihoodWithGradient logLikelihood, int n, double scale, Action<double[], double> evaluated)
        => ObjectiveFunction.Gradient(v =>
        {
            var gradient = new double[n];
            var at = v.ToArray();
            double value = logLikelihood(at, gradient);
            if (!double.IsFinite(value))
            {
                // Steers the line search back: MathNet treats a non-finite value as a failed step.
                return (double.MaxValue, Vector<double>.Build.Dense(n));
            }
            evaluated(at, value);
            var g = Vector<double>.Build.Dense(n);
            for (int i = 0; i < n; i++)
            {
                g[i] = -gradient[i] / scale;
            }
            return (-value / scale, g);
        });

    private static MaximizationResult MaximizeWatched(LogLikelihoodWithGradient logLikelihood, double[] start, double scale, int maxIterations, double gradientTolerance)
    {
        int n = start.Length;
        // The best point evaluated so far: what is returned when both optimizers run out of iterations (they throw).
        var bestSeen = (double[])start.Clone();
        double bestSeenValue = double.NegativeInfinity;
        void Remember(double[] at, double value)
        {
            if (value > bestSeenValue)
            {
                bestSeenValue = value;
                Array.Copy(at, bestSeen, n);
            }
        }
        var objective = Minimized(logLikelihood, n, scale, Remember);

        string method = "BFGS";
        string message;
        Vector<double> point;
        int iterations = 0;
        try
        {
            var result = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-15, maxIterations).FindMinimum(objective, Vector<double>.Build.DenseOfArray(start));
            point = result.MinimizingPoint;
            iterations = result.Iterations;
            message = result.ReasonForExit.ToString();
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or ArgumentException)
        {
            method = "Nelder-Mead + BFGS";
            var values = ObjectiveFunction.Value(v =>
            {
                var at = v.ToArray();
                double value = logLikelihood(at, new double[n]);
                if (double.IsFinite(value))
                {
                    Remember(at, value);
                }
                return double.IsFinite(value) ? -value / scale : double.MaxValue;
            });
            MinimizationResult simplex;
            try
            {
                simplex = NelderMeadSimplex.Minimum(values, Vector<double>.Build.DenseOfArray(start), 1e-10, maxIterations);
            }
            catch (MaximumIterationsException simplexError)
            {
                message = $"BFGS failed from the start ({e.Message}); Nelder-Mead failed ({simplexError.Message}); returning the best point evaluated";
                return Result(logLikelihood, bestSeen, scale, maxIterations, maxIterations, method, message);
            }
            point = simplex.MinimizingPoint;
            iterations = simplex.Iterations;
            message = $"BFGS failed from the start ({e.Message}); Nelder-Mead: {simplex.ReasonForExit}";
            try
            {
                var polish = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-15, maxIterations).FindMinimum(objective, point);
                point = polish.MinimizingPoint;
                iterations += polish.Iterations;
                message += $"; BFGS polish: {polish.ReasonForExit}";
            }
            catch (Exception polishError) when (polishError is MaximumIterationsException or InnerOptimizationException or ArgumentException)
            {
                message += $"; BFGS polish failed ({polishError.Message})";
            }
        }

        return Result(logLikelihood, point.ToArray(), scale, iterations, maxIterations, method, message);
    }

    /// <summary>The outcome at <paramref name="best"/>: log-likelihood, gradient norm and the convergence verdict.</summary>
    private static MaximizationResult Result(LogLikelihoodWithGradient logLikelihood, double[] best, double scale, int iterations, int maxIterations, string method, string message)
    {
        var grad = new double[best.Length];
        double ll = logLikelihood(best, grad);
        double norm = 0;
        foreach (double g in grad)
        {
            norm += g * g;
        }
        norm = Math.Sqrt(norm);
        bool converged = double.IsFinite(ll) && norm / scale < 1e-4 && iterations < maxIterations;
        return new MaximizationResult(best, ll, converged, iterations, norm, method, message);
    }
}
