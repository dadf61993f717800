namespace ContactMetrics.Clv;

/// <summary>How a maximum-likelihood fit ended.</summary>
/// <param name="Converged">Whether the optimizer met its convergence criterion and the gradient norm per observation is below 1e-4.</param>
/// <param name="Iterations">The optimizer's iterations.</param>
/// <param name="LogLikelihood">The log-likelihood at the returned parameters.</param>
/// <param name="GradientNorm">The Euclidean norm of the log-likelihood's gradient with respect to the log-parameters there.</param>
/// <param name="Method">The optimizer used, e.g. <c>BFGS</c>.</param>
/// <param name="Message">Why the optimizer stopped.</param>
public sealed record FitDiagnostics(bool Converged, int Iterations, double LogLikelihood, double GradientNorm, string Method, string Message);

/// <summary>A fitted parameter with its asymptotic standard error.</summary>
/// <param name="Name">The parameter's conventional name (r, alpha, a, b; p, q, gamma).</param>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">
/// The standard error from the inverse observed information (numerical Hessian of the log-likelihood in the
/// log-parameters, central differences), carried to the parameter by the delta method; NaN when the information
/// matrix is not positive definite.
/// </param>
public sealed record ParameterEstimate(string Name, double Value, double StandardError);

/// <summary>Settings of a maximum-likelihood fit.</summary>
public sealed record ModelFitOptions
{
    /// <summary>The default settings.</summary>
    public static ModelFitOptions Default { get; } = new();

    /// <summary>The optimizer's iteration budget; 1,000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxIterations
    {
        get;
        init => field = Preconditions.CheckPositive(value, nameof(MaxIterations));
    } = 1000;

    /// <summary>BFGS stops when the gradient of the mean log-likelihood per customer is below this; 1e-9 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double GradientTolerance
    {
        get;
        init => field = Preconditions.CheckPositive(value, nameof(GradientTolerance));
    } = 1e-9;
}

/// <summary>A model fit did not converge. <see cref="Diagnostics"/> says how it ended.</summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="model">The model's name, e.g. <c>BG/NBD</c>.</param>
    /// <param name="diagnostics">How the fit ended.</param>
    public ModelFitException(string model, FitDiagnostics diagnostics)
        : base($"The {model} fit did not converge after {diagnostics?.Iterations} iterations ({diagnostics?.Method}: {diagnostics?.Message}; gradient norm {diagnostics?.GradientNorm:G3}).")
        => Diagnostics = Preconditions.CheckNotNull(diagnostics);

    /// <summary>How the fit ended.</summary>
    public FitDiagnostics Diagnostics { get; }
}
