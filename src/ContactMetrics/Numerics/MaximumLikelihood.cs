using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ContactMetrics.Numerics;

/// <summary>A log-likelihood and its gradient at one point.</summary>
internal delegate double LogLikelihoodWithGradient(ReadOnlySpan<double> point, Span<double> gradient);

/// <summary>The outcome of a maximization.</summary>
internal sealed record MaximizationResult(double[] Point, double LogLikelihood, bool Converged, int Iterations, double GradientNorm, string Method, string Message);

/// <summary>
/// Maximizes a log-likelihood over unconstrained parameters (models pass log-parameters) with MathNet's BFGS (or first
/// <see cref="ScaledBfgs"/>, when asked) and an analytic gradient, falling back to Nelder-Mead followed by BFGS when the line
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
    /// Maximizes from <paramref name="start"/>; with <paramref name="scaledBfgs"/>, first by <see cref="ScaledBfgs"/> (fewer
    /// evaluations, the same stopping criterion), falling back to MathNet's BFGS from the start when it fails.
    /// </summary>
    internal static MaximizationResult Maximize(LogLikelihoodWithGradient logLikelihood, double[] start, double scale, int maxIterations, double gradientTolerance,
        FitMonitor? monitor = null, bool scaledBfgs = false)
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
        var result = (scaledBfgs ? TryScaledBfgs(logLikelihood, start, scale, maxIterations, gradientTolerance) : null)
            ?? MaximizeWatched(logLikelihood, start, scale, maxIterations, gradientTolerance);
        watch.Finished();
        return result;
    }

    /// <summary>
    /// <see cref="ScaledBfgs"/> on minus the log-likelihood over <paramref name="scale"/> (as MathNet's BFGS minimizes it);
    /// null when it fails. Its last evaluation is at the point it returns, so the log-likelihood and gradient reported are
    /// that evaluation's, unscaled.
    /// </summary>
    private static MaximizationResult? TryScaledBfgs(LogLikelihoodWithGradient logLikelihood, double[] start, double scale, int maxIterations, double gradientTolerance)
    {
        int n = start.Length;
        double lastValue = double.NaN;
        var lastGradient = new double[n];
        double Minus(double[] point, double[] gradient)
        {
            lastValue = logLikelihood(point, lastGradient);
            for (int i = 0; i < n; i++)
            {
                gradient[i] = -lastGradient[i] / scale;
            }
            return -lastValue / scale;
        }
        var minimum = ScaledBfgs.TryMinimize(Minus, start, gradientTolerance, maxIterations);
        if (minimum is null)
        {
            return null;
        }
        double norm = Math.Sqrt(lastGradient.Sum(g => g * g));
        bool converged = double.IsFinite(lastValue) && norm / scale < 1e-4 && minimum.Iterations < maxIterations;
        return new MaximizationResult((double[])minimum.Point.Clone(), lastValue, converged, minimum.Iterations, norm, "BFGS", minimum.Reason);
    }

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
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var gradient = new double[n];
            var at = v.ToArray();
            double value = logLikelihood(at, gradient);
            if (double.IsFinite(value))
            {
                Remember(at, value);
            }
            if (!double.IsFinite(value))
            {
                // Steers the line search back: MathNet treats a non-finite value as a failed step.
                return (double.MaxValue, Vector<double>.Build.Dense(n));
            }
            var g = Vector<double>.Build.Dense(n);
            for (int i = 0; i < n; i++)
            {
                g[i] = -gradient[i] / scale;
            }
            return (-value / scale, g);
        });

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
