using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Parameters of the MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation and comparison of
/// models for customer base analysis", International Journal of Research in Marketing 24(3)): transaction rates are
/// gamma(r, alpha) across customers, dropout probabilities beta(a, b). Alpha is in the period unit of the data.
/// </summary>
/// <param name="R">Shape r of the gamma distribution of transaction rates; greater than 0.</param>
/// <param name="Alpha">Scale alpha of the gamma distribution of transaction rates; greater than 0.</param>
/// <param name="A">First shape a of the beta distribution of dropout probabilities; greater than 0.</param>
/// <param name="B">Second shape b of the beta distribution of dropout probabilities; greater than 0.</param>
public sealed record MbgNbdParameters(double R, double Alpha, double A, double B)
{
    /// <summary>Shape r of the gamma distribution of transaction rates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double R { get; } = Preconditions.CheckPositive(R);

    /// <summary>Scale alpha of the gamma distribution of transaction rates (mean rate r / alpha per period).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double Alpha { get; } = Preconditions.CheckPositive(Alpha);

    /// <summary>First shape a of the beta distribution of dropout probabilities.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double A { get; } = Preconditions.CheckPositive(A);

    /// <summary>Second shape b of the beta distribution of dropout probabilities (mean dropout probability a / (a + b)).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double B { get; } = Preconditions.CheckPositive(B);
}

/// <summary>A fitted MBG/NBD model.</summary>
/// <param name="Model">The model with the fitted parameters, for predictions.</param>
/// <param name="Estimates">r, alpha, a, b with standard errors, in that order.</param>
/// <param name="LogLikelihood">The maximized log-likelihood (Batislam et al. 2007, summed over customers).</param>
/// <param name="Diagnostics">How the optimizer ended.</param>
public sealed record MbgNbdFit(ModifiedBetaGeometricNbdModel Model, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    /// <summary>The fitted parameters.</summary>
    public MbgNbdParameters Parameters => Model.Parameters;

    /// <summary>The fit in words, e.g. <c>MBG/NBD: name = value (SE se), ...; n customers; converged after k iterations (method), log-likelihood ll</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => FitText.Describe("MBG/NBD", Estimates, Diagnostics);
}
