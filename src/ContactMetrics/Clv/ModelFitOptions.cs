using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>A fitted parameter with its asymptotic standard error; <see cref="Estimate"/> is the same with a Wald interval.</summary>
/// <param name="Name">The parameter's conventional name (r, alpha, a, b; p, q, gamma).</param>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">
/// The standard error from the inverse observed information (numerical Hessian of the log-likelihood in the
/// log-parameters, central differences), carried to the parameter by the delta method; NaN when the information
/// matrix is not positive definite.
/// </param>
/// <param name="Customers">The customers the model was fitted on.</param>
public sealed record ParameterEstimate(string Name, double Value, double StandardError, long Customers)
{
    /// <summary>
    /// The parameter as an estimate: point, 95% Wald interval Value ± 1.96 SE (no interval when the standard error is
    /// NaN), method <c>wald</c> and n (the customers).
    /// </summary>
    public Estimate Estimate => Numerics.Estimate.Wald(Value, StandardError, Customers);

    /// <summary>The parameter in words, e.g. <c>r = 0.243 (SE 0.0126)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => $"{Name} = {ResultText.Number(Value)} (SE {ResultText.Number(StandardError)})";
}

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

    /// <summary>Stops the fit: checked before every log-likelihood evaluation (one pass over the data); the fit then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives the evaluations so far and the best log-likelihood, every 10 evaluations and at the end; null for none.</summary>
    public IProgress<Numerics.FitProgress>? Progress { get; init; }

    /// <summary>The monitor of a fit with these options.</summary>
    internal Numerics.FitMonitor Monitor() => new(CancellationToken, Progress);
}
