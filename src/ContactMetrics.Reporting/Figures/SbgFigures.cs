using ContactMetrics.Clv;

namespace ContactMetrics.Reporting;

/// <summary>
/// A shifted-beta-geometric fit as <c>contactmetrics retention sbg</c> prints it: the parameters, the DERL of a new
/// customer, and survival, retention and DERL projected period by period next to the observed survival.
/// </summary>
public static class SbgFigures
{
    /// <summary>The fit of <paramref name="survivors"/> projected <paramref name="periods"/> periods.</summary>
    /// <param name="fit">The fit (<see cref="ShiftedBetaGeometricModel.Fit(ReadOnlySpan{double})"/>).</param>
    /// <param name="survivors">The survivor counts it was fitted to, the cohort first.</param>
    /// <param name="periods">Periods to project.</param>
    /// <param name="discountRate">The discount rate per period of the DERL.</param>
    /// <returns>The sections <c>fit</c> and <c>projection</c> (table <c>periods</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> or <paramref name="survivors"/> is null.</exception>
    public static FigureSheet Of(SbgFit fit, IReadOnlyList<double> survivors, int periods, double discountRate)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(survivors);
        var counts = survivors;
        double d = discountRate;
        var model = fit.Model;

        var output = new FigureSheet();
        var section = output.Add("fit", "Shifted-beta-geometric fit");
        section.Fact("parameters", "Parameters", fit.Estimates.ToDictionary(e => e.Name, e => (object?)e.Value))
            .Fact("standardErrors", "Standard errors", fit.Estimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
            .Fact("logLikelihood", "Log-likelihood", fit.LogLikelihood)
            .Fact("converged", "Converged", fit.Diagnostics.Converged)
            .Fact("discountRate", "Discount rate per period", d)
            .Fact("derlNewCustomer", "DERL of a new customer (periods)", model.DiscountedExpectedResidualLifetime(0, d));
        var projection = output.Add("projection", "Projected survival and retention");
        projection.Note = "Survival = share of the cohort still active at the start of period t; retention = share of those active at t-1 who renew at t; DERL = discounted expected residual lifetime of a customer who has renewed t-1 times (Fader & Hardie 2010).";
        var table = projection.SetTable("periods",
            new FigureColumn("period", "Period", true),
            new FigureColumn("observed", "Observed", true),
            new FigureColumn("survival", "Survival", true),
            new FigureColumn("retentionRate", "Retention", true),
            new FigureColumn("derl", "DERL", true));
        for (int t = 0; t <= periods; t++)
        {
            table.Row(t, t < counts.Count ? new Fraction(counts[t] / counts[0]) : null, new Fraction(model.Survival(t)),
                t == 0 ? null : new Fraction(model.RetentionRate(t)), t == 0 ? null : model.DiscountedExpectedResidualLifetime(t - 1, d));
        }
        return output;
    }
}
