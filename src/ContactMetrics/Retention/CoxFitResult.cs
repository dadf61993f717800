using System.Collections.Immutable;

namespace ContactMetrics.Retention;

/// <summary>
/// A Cox model fitted as R's <c>coxph</c> treats what the data cannot identify
/// (<see cref="CoxProportionalHazards.FitDroppingAliased(SurvivalTable, CoxOptions)"/>): the aliased covariates dropped,
/// the coefficients that may be infinite named, a fit that did not converge kept as the last iterate, and no fit (with
/// the reason) when every covariate is aliased. <see cref="Notes"/> and <see cref="Warnings"/> state these facts in
/// words for a caller to show.
/// </summary>
public sealed class CoxFitResult
{
    internal CoxFitResult(CoxFit? fit, ImmutableArray<string> aliased, ImmutableArray<string> possiblyInfinite)
    {
        Fit = fit;
        Aliased = aliased;
        PossiblyInfinite = possiblyInfinite;
    }

    /// <summary>The fit without the aliased covariates (the last iterate when <see cref="Converged"/> is false); null when every covariate is aliased (<see cref="Reason"/>).</summary>
    public CoxFit? Fit { get; }

    /// <summary>Whether there is a fit and its iteration converged.</summary>
    public bool Converged => Fit?.Diagnostics.Converged == true;

    /// <summary>
    /// The covariates dropped as aliased (<see cref="CoxProportionalHazards.AliasedCovariates"/>: constant, or a linear
    /// combination of the covariates before them), in table order; R prints NA for their coefficients.
    /// </summary>
    public ImmutableArray<string> Aliased { get; }

    /// <summary>The covariates whose coefficient may be infinite (<see cref="CoxProportionalHazards.PossiblyInfiniteCoefficients"/>); R warns "coefficient may be infinite".</summary>
    public ImmutableArray<string> PossiblyInfinite { get; }

    /// <summary>Why there is no fit (every covariate is constant); null when there is one.</summary>
    public string? Reason => Fit is null ? $"{string.Join(", ", Aliased)} {(Aliased.Length == 1 ? "is" : "are")} constant; a Cox model needs a covariate that varies." : null;

    /// <summary>The dropped covariates in words (one sentence, R's "not defined because of singularities"); empty when none were dropped or there is no fit.</summary>
    public ImmutableArray<string> Notes => Fit is null || Aliased.IsEmpty ? []
        : [$"{string.Join(", ", Aliased)} not defined because of singularities (constant, or a linear combination of the covariates before; R prints NA): dropped from the model."];

    /// <summary>What makes estimates unreliable, in words: the iteration did not converge; a coefficient may be infinite (one sentence each).</summary>
    public ImmutableArray<string> Warnings => Fit is null ? []
        : [.. Converged ? [] : new[] { $"the Cox fit did not converge ({Fit.Diagnostics.Message}); the estimates are the last iterate." },
            .. PossiblyInfinite.Select(name => $"the coefficient of {name} may be infinite (the covariate nearly separates events from non-events); its estimate, standard error and test are not meaningful.")];
}
