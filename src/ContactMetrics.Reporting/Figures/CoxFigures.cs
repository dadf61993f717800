using System.Globalization;
using ContactMetrics.Retention;

namespace ContactMetrics.Reporting;

/// <summary>
/// A Cox proportional-hazards fit as <c>contactmetrics retention cox</c> prints them: the fit's tests and diagnostics and
/// one row per coefficient with its hazard ratio (R's <c>summary(coxph(...))</c>).
/// </summary>
public static class CoxFigures
{
    /// <summary>The handling of tied event times of each name (case-insensitive): efron (R's default), breslow.</summary>
    public static IReadOnlyDictionary<string, CoxTies> TiesNames { get; } = new Dictionary<string, CoxTies>(StringComparer.OrdinalIgnoreCase)
    {
        ["efron"] = CoxTies.Efron,
        ["breslow"] = CoxTies.Breslow,
    };

    /// <summary>The figures of <paramref name="fit"/>.</summary>
    /// <param name="table">The name of the table (its path), shown as a fact.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="options">The options it was fitted with (the interval's level).</param>
    /// <param name="strata">The strata column, if any.</param>
    /// <param name="start">The entry-time column of (start, stop] rows, if any.</param>
    /// <param name="aliased">Covariates dropped as aliased (<see cref="CoxProportionalHazards.AliasedCovariates"/>).</param>
    /// <param name="infinite">Covariates whose coefficient may be infinite (<see cref="CoxProportionalHazards.PossiblyInfiniteCoefficients"/>).</param>
    /// <returns>The sections <c>cox</c> and <c>parameters</c> (table <c>coefficients</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/>, <paramref name="options"/>, <paramref name="aliased"/> or <paramref name="infinite"/> is null.</exception>
    public static FigureSheet Of(string? table, CoxFit fit, CoxOptions options, string? strata, string? start, IReadOnlyList<string> aliased, IReadOnlyList<string> infinite)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(aliased);
        ArgumentNullException.ThrowIfNull(infinite);
        var output = new FigureSheet();
        var model = output.Add("cox", "Cox proportional hazards");
        model.Fact("table", "Table", table)
            .Fact("observations", "Observations", fit.Observations)
            .Fact("events", "Events", fit.Events)
            .Fact("ties", "Ties", fit.Ties.ToString().ToLowerInvariant())
            .Fact("strata", "Strata", strata)
            .Fact("start", "Entry time (start, stop]", start)
            .Fact("logLikelihood", "Log-likelihood", fit.LogLikelihood)
            .Fact("nullLogLikelihood", "Null log-likelihood", fit.NullLogLikelihood)
            .Fact("likelihoodRatioChiSquare", "Likelihood ratio chi-square", fit.LikelihoodRatioTest.Statistic)
            .Fact("likelihoodRatioPValue", "Likelihood ratio p", new PValue(fit.LikelihoodRatioTest.PValue))
            .Fact("waldChiSquare", "Wald chi-square", fit.WaldTest.Statistic)
            .Fact("scoreChiSquare", "Score chi-square", fit.ScoreTest.Statistic)
            .Fact("degreesOfFreedom", "df", fit.LikelihoodRatioTest.DegreesOfFreedom)
            .Fact("converged", "Converged", fit.Diagnostics.Converged)
            .Fact("iterations", "Iterations", fit.Diagnostics.Iterations)
            .Fact("aliased", "Dropped (aliased)", aliased.Count == 0 ? null : string.Join(",", aliased))
            .Fact("possiblyInfinite", "May be infinite", infinite.Count == 0 ? null : string.Join(",", infinite));
        var coefficients = output.Add("parameters", "Coefficients");
        coefficients.Note = string.Create(CultureInfo.InvariantCulture, $"Hazard-ratio intervals at {options.ConfidenceLevel:P0} (Wald, exp(coef +- z se)).");
        var t = coefficients.SetTable("coefficients",
            new FigureColumn("name", "Covariate"),
            new FigureColumn("coefficient", "coef", true),
            new FigureColumn("hazardRatio", "exp(coef)", true),
            new FigureColumn("standardError", "se(coef)", true),
            new FigureColumn("z", "z", true),
            new FigureColumn("pValue", "p", true),
            new FigureColumn("hazardRatioLower", "HR lower", true),
            new FigureColumn("hazardRatioUpper", "HR upper", true));
        foreach (var c in fit.Coefficients)
        {
            t.Row(c.Name, c.Coefficient, c.HazardRatio, c.StandardError, c.Z, new PValue(c.PValue), c.HazardRatioInterval.Lower, c.HazardRatioInterval.Upper);
        }
        return output;
    }
}
