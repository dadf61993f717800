namespace ContactMetrics.Numerics;

/// <summary>
/// How a fit ended; one type for every <c>Fit</c>/<c>TryFit</c> of the library (the CLV models' maximum likelihood, the
/// Cox model's Newton-Raphson).
/// </summary>
/// <param name="Converged">Whether the fit met its convergence criterion (the model's documentation states which).</param>
/// <param name="Iterations">The optimizer's iterations.</param>
/// <param name="LogLikelihood">The log-likelihood (the Cox model: log partial likelihood) at the returned parameters.</param>
/// <param name="GradientNorm">The Euclidean norm of the log-likelihood's gradient (the Cox model: the score) there, in the parameters the optimizer works in.</param>
/// <param name="Method">The optimizer used, e.g. <c>BFGS</c> or <c>Newton-Raphson</c>.</param>
/// <param name="Message">Why the optimizer stopped.</param>
public sealed record FitDiagnostics(bool Converged, int Iterations, double LogLikelihood, double GradientNorm, string Method, string Message)
{
    /// <summary>The largest absolute change of a parameter in the last iteration; NaN when the optimizer does not report it.</summary>
    public double MaxAbsoluteStep { get; init; } = double.NaN;

    /// <summary>How many times a step was halved because the objective got worse; 0 for optimizers that do not halve steps.</summary>
    public int StepHalvings { get; init; }

    /// <summary>
    /// How the fit ended in words, e.g. <c>converged after 23 iterations (BFGS), log-likelihood -9582.43</c>, or
    /// <c>did not converge after 200 iterations (BFGS: the reason), gradient norm 0.0123</c>.
    /// </summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => Converged
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"converged after {Iterations} iterations ({Method}), log-likelihood {LogLikelihood:F2}")
        : $"did not converge after {Iterations} iterations ({Method}: {Message}), gradient norm {ResultText.Number(GradientNorm)}";
}

/// <summary>A fit did not converge; the one exception every <c>Fit</c> throws for it. <see cref="Diagnostics"/> says how it ended.</summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="model">The model's name, e.g. <c>BG/NBD</c> or <c>Cox</c>.</param>
    /// <param name="diagnostics">How the fit ended.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ModelFitException(string model, FitDiagnostics diagnostics)
        : base($"The {model} fit did not converge after {diagnostics?.Iterations} iterations ({diagnostics?.Method}: {diagnostics?.Message}; gradient norm {diagnostics?.GradientNorm:G3}).")
    {
        Model = Preconditions.CheckNotNull(model);
        Diagnostics = Preconditions.CheckNotNull(diagnostics);
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>How the fit ended.</summary>
    public FitDiagnostics Diagnostics { get; }
}
