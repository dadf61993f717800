using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>The steps every maximum-likelihood model here shares: maximize over log-parameters, standard errors, diagnostics.</summary>
internal static class LogParameterFit
{
    /// <summary>
    /// Maximizes <paramref name="objective"/> over the log-parameters from <paramref name="start"/>. Standard errors come
    /// from the Hessian of the analytic gradient, or, when <paramref name="valueOnly"/> is given (the gradient being itself
    /// numerical), from a four-point Hessian of the values.
    /// </summary>
    internal static LogParameterFitResult Run(LogLikelihoodWithGradient objective, Func<double[], double>? valueOnly, double[] start, double scale, ModelFitOptions options, ReadOnlySpan<string> names)
    {
        var result = MaximumLikelihood.Maximize(objective, start, scale, options.MaxIterations, options.GradientTolerance);
        var hessian = valueOnly is null ? NumericalHessian.FromGradient(objective, result.Point) : NumericalHessian.FromValues(valueOnly, result.Point);
        var se = NumericalHessian.LogScaleStandardErrors(hessian, result.Point);
        var values = result.Point.Select(Math.Exp).ToArray();
        var estimates = new ParameterEstimate[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            estimates[i] = new ParameterEstimate(names[i], values[i], se[i]);
        }
        var diagnostics = new FitDiagnostics(result.Converged, result.Iterations, result.LogLikelihood, result.GradientNorm, result.Method, result.Message);
        return new LogParameterFitResult(values, [.. estimates], result.LogLikelihood, diagnostics);
    }
}

/// <summary>The natural parameters, their estimates, the maximized log-likelihood and how the fit ended.</summary>
internal sealed record LogParameterFitResult(double[] Values, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    internal bool Converged => Diagnostics.Converged;
}
