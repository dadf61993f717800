using ContactMetrics.Clv;

namespace ContactMetrics.Reporting;

/// <summary>
/// A shifted-beta-geometric fit as <c>contactmetrics retention sbg</c> prints it: the parameters, the DERL of a new
/// customer, and survival, retention and DERL projected period by period next to the observed survival.
/// </summary>
public static class SbgFigures
{
    /// <summary>Checks the inputs of an sBG fit as <c>retention sbg</c> takes them: at least three counts that never grow from a cohort above 0, 1-1000 periods, a positive discount rate.</summary>
    /// <param name="counts">Customers active at the start of each period, the cohort first.</param>
    /// <param name="source">What to call the counts in a message (an option, or a file and column).</param>
    /// <param name="periods">Periods to project.</param>
    /// <param name="discountRate">Discount rate per period.</param>
    /// <exception cref="OptionValueException">An input is out of range; the message names it and the fix.</exception>
    public static void CheckInputs(IReadOnlyList<double> counts, string source, int periods, double discountRate)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count < 3)
        {
            throw new OptionValueException($"{source} needs at least three counts (the cohort and two later periods).");
        }
        if (!(counts[0] > 0))
        {
            throw new OptionValueException($"{source}: the cohort (period 0) must be more than 0 customers; was {counts[0]}.");
        }
        for (int i = 1; i < counts.Count; i++)
        {
            if (counts[i] > counts[i - 1])
            {
                throw new OptionValueException($"{source}: a cohort cannot grow; period {i} has {counts[i]} after {counts[i - 1]}.");
            }
        }
        if (periods is < 1 or > 1000)
        {
            throw new OptionValueException($"--horizon must be in 1-1000; was {periods}.");
        }
        if (!(discountRate > 0) || double.IsInfinity(discountRate))
        {
            throw new OptionValueException($"--discount-rate must be greater than 0; was {discountRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

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
