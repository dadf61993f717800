using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Retention;

/// <summary>How tied event times enter the Cox partial likelihood (R's <c>coxph(ties = ...)</c>).</summary>
public enum CoxTies
{
    /// <summary>Efron (1977): the d tied events at a time remove 0, 1/d, ..., (d-1)/d of their own risk from the risk set. R's default.</summary>
    Efron,

    /// <summary>Breslow (1974): every tied event sees the full risk set. Simpler, biased towards 0 with many ties.</summary>
    Breslow,
}

/// <summary>Settings of a Cox model fit.</summary>
public sealed record CoxOptions
{
    /// <summary>The default settings (Efron ties, 20 iterations, tolerance 1e-9, 95% intervals), those of R's <c>coxph</c>.</summary>
    public static CoxOptions Default { get; } = new();

    /// <summary>How tied event times are handled; <see cref="CoxTies.Efron"/> by default.</summary>
    public CoxTies Ties { get; init; } = CoxTies.Efron;

    /// <summary>The Newton-Raphson iteration budget; 20 by default (R's <c>iter.max</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxIterations { get; init => field = Preconditions.CheckPositive(value, nameof(MaxIterations)); } = 20;

    /// <summary>Convergence: the relative change of the log partial likelihood |1 - l_old / l_new| is at most this; 1e-9 by default (R's <c>eps</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite positive number.</exception>
    public double Tolerance { get; init => field = Preconditions.CheckPositive(value, nameof(Tolerance)); } = 1e-9;

    /// <summary>The level of the hazard ratio intervals; 0.95 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double ConfidenceLevel
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), value, $"A confidence level must be in (0, 1); was {value}.");
    } = 0.95;

    /// <summary>Stops the fit: checked before every evaluation of the partial likelihood (one pass over the rows); the fit then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>A fitted coefficient of a Cox model; <see cref="Estimate"/> is its hazard ratio in the library's one estimate shape.</summary>
/// <param name="Name">The covariate's name.</param>
/// <param name="Coefficient">The log hazard ratio beta.</param>
/// <param name="StandardError">Its standard error, from the inverse of the observed information at the estimate.</param>
/// <param name="Z">beta / SE.</param>
/// <param name="PValue">The two-sided Wald p-value 2 (1 - Phi(|z|)).</param>
/// <param name="HazardRatio">exp(beta).</param>
/// <param name="HazardRatioInterval">exp(beta +- z SE).</param>
/// <param name="Observations">The rows (observations) the model was fitted on.</param>
public sealed record CoxCoefficient(string Name, double Coefficient, double StandardError, double Z, double PValue, double HazardRatio, ConfidenceInterval HazardRatioInterval, int Observations)
{
    /// <summary>
    /// The hazard ratio as an estimate: point exp(beta), Wald interval exp(beta ± z SE), level, method and n (the observations);
    /// undefined when the ratio or its interval is not finite (a fit that did not converge).
    /// </summary>
    public Estimate Estimate => double.IsFinite(HazardRatio) && double.IsFinite(HazardRatioInterval.Lower) && double.IsFinite(HazardRatioInterval.Upper)
        ? new(HazardRatio, HazardRatioInterval, Observations)
        : Estimate.Undefined(Observations, "wald");

    /// <summary>The coefficient in words, e.g. <c>fin: hazard ratio 0.684 [0.504, 0.928], coefficient -0.379 (SE 0.191), z -1.98, p 0.0474</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"{Name}: hazard ratio {ResultText.Number(HazardRatio)} {ResultText.Interval(HazardRatioInterval, ResultText.Number)}, "
            + $"coefficient {ResultText.Number(Coefficient)} (SE {ResultText.Number(StandardError)}), z {ResultText.Number(Z)}, p {ResultText.PValue(PValue)}";
}

/// <summary>A fitted Cox proportional hazards model.</summary>
public sealed class CoxFit
{
    private readonly double[,] _covariance;

    internal CoxFit(
        ImmutableArray<CoxCoefficient> coefficients,
        double[,] covariance,
        double nullLogLikelihood,
        double logLikelihood,
        ChiSquareTest likelihoodRatioTest,
        ChiSquareTest waldTest,
        ChiSquareTest scoreTest,
        int observations,
        int events,
        CoxTies ties,
        FitDiagnostics diagnostics)
    {
        Coefficients = coefficients;
        _covariance = covariance;
        NullLogLikelihood = nullLogLikelihood;
        LogLikelihood = logLikelihood;
        LikelihoodRatioTest = likelihoodRatioTest;
        WaldTest = waldTest;
        ScoreTest = scoreTest;
        Observations = observations;
        Events = events;
        Ties = ties;
        Diagnostics = diagnostics;
    }

    /// <summary>The coefficients, in the order of the table's covariates.</summary>
    public ImmutableArray<CoxCoefficient> Coefficients { get; }

    /// <summary>The log partial likelihood at beta = 0 (R's <c>fit$loglik[1]</c>).</summary>
    public double NullLogLikelihood { get; }

    /// <summary>The log partial likelihood at the estimate (R's <c>fit$loglik[2]</c>).</summary>
    public double LogLikelihood { get; }

    /// <summary>The likelihood-ratio test of beta = 0: 2 (l(beta) - l(0)) on p degrees of freedom.</summary>
    public ChiSquareTest LikelihoodRatioTest { get; }

    /// <summary>The Wald test of beta = 0: beta' I(beta) beta on p degrees of freedom (R's <c>fit$wald.test</c>).</summary>
    public ChiSquareTest WaldTest { get; }

    /// <summary>The score (log-rank) test of beta = 0: U(0)' I(0)^-1 U(0) on p degrees of freedom (R's <c>fit$score</c>).</summary>
    public ChiSquareTest ScoreTest { get; }

    /// <summary>The rows used (R's <c>n</c>; for counting-process data, intervals).</summary>
    public int Observations { get; }

    /// <summary>The events.</summary>
    public int Events { get; }

    /// <summary>The tie handling used.</summary>
    public CoxTies Ties { get; }

    /// <summary>
    /// How the iteration ended: <see cref="FitDiagnostics.Converged"/> when the relative change of the log partial likelihood
    /// fell to the tolerance within the budget; iterations as R's <c>fit$iter</c> (a halved step counts as one); the gradient
    /// norm is that of the score; <see cref="FitDiagnostics.MaxAbsoluteStep"/> and <see cref="FitDiagnostics.StepHalvings"/> are set.
    /// </summary>
    public FitDiagnostics Diagnostics { get; }

    /// <summary>An element of the estimated covariance matrix of the coefficients (inverse observed information; R's <c>vcov(fit)</c>).</summary>
    /// <param name="i">The first coefficient's index.</param>
    /// <param name="j">The second coefficient's index.</param>
    /// <returns>Cov(beta_i, beta_j).</returns>
    /// <exception cref="IndexOutOfRangeException">An index is outside the coefficients.</exception>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The coefficient of a covariate by name.</summary>
    /// <param name="name">The covariate's name.</param>
    /// <returns>The coefficient.</returns>
    /// <exception cref="KeyNotFoundException">No covariate has that name.</exception>
    public CoxCoefficient this[string name] =>
        Coefficients.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The model has no covariate named '{name}'.");

    /// <summary>
    /// The fit in words, one line per coefficient as <see cref="CoxCoefficient.ToString"/>, after a line with the ties
    /// method, n and events and before one with the likelihood ratio test and how the fit ended.
    /// </summary>
    /// <returns>The text, in the invariant culture, lines separated by '\n'.</returns>
    public override string ToString()
    {
        var lines = new List<string> { $"Cox proportional hazards ({Ties} ties): n={ResultText.Count(Observations)}, events {ResultText.Count(Events)}" };
        lines.AddRange(Coefficients.Select(c => "  " + c));
        lines.Add($"likelihood ratio test {LikelihoodRatioTest}; {Diagnostics}");
        return string.Join('\n', lines);
    }
}
