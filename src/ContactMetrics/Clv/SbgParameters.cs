using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Parameters of the shifted-beta-geometric model (Fader &amp; Hardie 2007, "How to project customer retention",
/// Journal of Interactive Marketing 21(1)): churn probabilities per period are beta(alpha, beta) across customers.
/// </summary>
public sealed record SbgParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">First shape of the beta distribution of churn probabilities; greater than 0.</param>
    /// <param name="beta">Second shape of the beta distribution of churn probabilities; greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public SbgParameters(double alpha, double beta)
    {
        Alpha = Preconditions.CheckPositive(alpha);
        Beta = Preconditions.CheckPositive(beta);
    }

    /// <summary>First shape alpha of the beta distribution of churn probabilities.</summary>
    public double Alpha { get; }

    /// <summary>Second shape beta (mean churn probability alpha / (alpha + beta)).</summary>
    public double Beta { get; }
}

/// <summary>A fitted shifted-beta-geometric model.</summary>
/// <param name="Model">The model with the fitted parameters, for projections.</param>
/// <param name="Estimates">alpha and beta with standard errors, in that order.</param>
/// <param name="LogLikelihood">The maximized log-likelihood (Fader &amp; Hardie 2007).</param>
/// <param name="Diagnostics">How the optimizer ended.</param>
public sealed record SbgFit(ShiftedBetaGeometricModel Model, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    /// <summary>The fitted parameters.</summary>
    public SbgParameters Parameters => Model.Parameters;

    /// <summary>The fit in words, e.g. <c>sBG: name = value (SE se), ...; n customers; converged after k iterations (method), log-likelihood ll</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => FitText.Describe("sBG", Estimates, Diagnostics);
}
