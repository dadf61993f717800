using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Parameters of the Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987, "Counting your customers: who are they
/// and what will they do next?", Management Science 33(1)): transaction rates are gamma(r, alpha) across customers,
/// dropout rates gamma(s, beta). Alpha and beta are in the period unit of the data they were fitted on.
/// </summary>
public sealed record ParetoNbdParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the gamma distribution of transaction rates; greater than 0.</param>
    /// <param name="alpha">Scale (in periods) of the gamma distribution of transaction rates; greater than 0.</param>
    /// <param name="s">Shape of the gamma distribution of dropout rates; greater than 0.</param>
    /// <param name="beta">Scale (in periods) of the gamma distribution of dropout rates; greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public ParetoNbdParameters(double r, double alpha, double s, double beta)
    {
        R = Preconditions.CheckPositive(r);
        Alpha = Preconditions.CheckPositive(alpha);
        S = Preconditions.CheckPositive(s);
        Beta = Preconditions.CheckPositive(beta);
    }

    /// <summary>Shape r of the gamma distribution of transaction rates.</summary>
    public double R { get; }

    /// <summary>Scale alpha of the gamma distribution of transaction rates (mean rate r / alpha per period).</summary>
    public double Alpha { get; }

    /// <summary>Shape s of the gamma distribution of dropout rates.</summary>
    public double S { get; }

    /// <summary>Scale beta of the gamma distribution of dropout rates (mean dropout rate s / beta per period).</summary>
    public double Beta { get; }
}

/// <summary>A fitted Pareto/NBD model.</summary>
/// <param name="Model">The model with the fitted parameters, for predictions.</param>
/// <param name="Estimates">r, alpha, s, beta with standard errors, in that order.</param>
/// <param name="LogLikelihood">The maximized log-likelihood (Fader, Hardie &amp; Lee 2005, "A note on deriving the Pareto/NBD model and related expressions", summed over customers).</param>
/// <param name="Diagnostics">How the optimizer ended.</param>
public sealed record ParetoNbdFit(ParetoNbdModel Model, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    /// <summary>The fitted parameters.</summary>
    public ParetoNbdParameters Parameters => Model.Parameters;

    /// <summary>The fit in words, e.g. <c>Pareto/NBD: name = value (SE se), ...; n customers; converged after k iterations (method), log-likelihood ll</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => FitText.Describe("Pareto/NBD", Estimates, Diagnostics);
}
