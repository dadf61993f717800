using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way",
/// Marketing Science 24(2)): transaction rates are gamma(r, alpha) across customers, dropout probabilities
/// beta(a, b). Alpha is in the period unit of the data it was fitted on.
/// </summary>
public sealed record BgNbdParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the gamma distribution of transaction rates; greater than 0.</param>
    /// <param name="alpha">Scale (in periods) of the gamma distribution of transaction rates; greater than 0.</param>
    /// <param name="a">First shape of the beta distribution of dropout probabilities; greater than 0.</param>
    /// <param name="b">Second shape of the beta distribution of dropout probabilities; greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        R = Preconditions.CheckPositive(r);
        Alpha = Preconditions.CheckPositive(alpha);
        A = Preconditions.CheckPositive(a);
        B = Preconditions.CheckPositive(b);
    }

    /// <summary>Shape r of the gamma distribution of transaction rates.</summary>
    public double R { get; }

    /// <summary>Scale alpha of the gamma distribution of transaction rates (the rate's mean is r / alpha per period).</summary>
    public double Alpha { get; }

    /// <summary>Shape a of the beta distribution of dropout probabilities.</summary>
    public double A { get; }

    /// <summary>Shape b of the beta distribution of dropout probabilities (mean dropout probability a / (a + b)).</summary>
    public double B { get; }
}

/// <summary>A fitted BG/NBD model.</summary>
/// <param name="Model">The model with the fitted parameters, for predictions.</param>
/// <param name="Estimates">r, alpha, a, b with standard errors, in that order.</param>
/// <param name="LogLikelihood">The maximized log-likelihood (FHL 2005, eq. 6, summed over customers).</param>
/// <param name="Diagnostics">How the optimizer ended.</param>
public sealed record BgNbdFit(BetaGeometricNbdModel Model, System.Collections.Immutable.ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    /// <summary>The fitted parameters.</summary>
    public BgNbdParameters Parameters => Model.Parameters;

    /// <summary>The fit in words, e.g. <c>BG/NBD: name = value (SE se), ...; n customers; converged after k iterations (method), log-likelihood ll</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => FitText.Describe("BG/NBD", Estimates, Diagnostics);
}
