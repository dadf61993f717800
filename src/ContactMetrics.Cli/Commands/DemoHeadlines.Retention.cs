using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

internal static partial class DemoHeadlines
{
    private static readonly Duration RetentionHorizon = Duration.FromDays(365);

    /// <summary>
    /// The retention headline: 1-year retention of customers whose first contact was resolved vs not (index-date
    /// Kaplan-Meier, the board-friendly view), the hazard ratio of an unresolved contact (time-varying Cox on the exact
    /// churn instants, the estimator that recovers the planted ratio), and customers kept x a value per customer.
    /// </summary>
    static partial void Retention(CommandOutput output, SimulatedContactCenter center, ClvFits? fits)
    {
        var section = output.Add("retentionUplift", "Retention: first contact resolved vs not (1 year)");
        RetentionUpliftResult uplift;
        try
        {
            uplift = RetentionUpliftBuilder.Estimate(center.Customers, center.Interactions, UpliftGrouping.FirstContactResolution, RetentionHorizon, center.End);
        }
        catch (ArgumentException e)
        {
            section.Note = "Too few customers for the retention comparison: " + e.Message;
            return;
        }
        var c = uplift.Comparison;
        var planted = center.Options.Churn.UnresolvedHazardRatio;
        var timeVarying = UnresolvedHazardRatio(center);
        var (valuePerCustomer, valueSource) = ValuePerCustomer(center, fits);
        var value = RetentionUpliftValue.Of(c, valuePerCustomer, valueSource);

        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Index date = first contact with a known outcome; retention {RetentionHorizon.TotalDays:0} days after it. The time-varying Cox (exposure from the end of the first unresolved contact, exact churn instants, strata by segment) is the estimator of the planted hazard ratio {planted:0.##}; the index-date hazard ratio is diluted by later unresolved contacts. Customers kept = difference x customers whose first contact was unresolved; value per customer: {valueSource} (an assumption, not a measurement).");
        section.Fact("resolvedRetention", "1-year retention, resolved", new Rate(c.Reference.Retention))
            .Fact("unresolvedRetention", "1-year retention, unresolved", new Rate(c.Exposed.Retention))
            .Fact("difference", "Difference", new Rate(c.Difference.Estimate))
            .Fact("differenceLower", "Difference, 95% lower", new Rate(c.Difference.Interval.Lower))
            .Fact("differenceUpper", "Difference, 95% upper", new Rate(c.Difference.Interval.Upper))
            .Fact("indexDateHazardRatio", "Index-date HR (adjusted)", c.HazardRatio?.HazardRatio)
            .Fact("indexDateHazardRatioLower", "Index-date HR, 95% lower", c.HazardRatio?.HazardRatioInterval.Lower)
            .Fact("indexDateHazardRatioUpper", "Index-date HR, 95% upper", c.HazardRatio?.HazardRatioInterval.Upper)
            .Fact("unresolvedHazardRatio", "HR of an unresolved contact (time-varying Cox)", timeVarying?.HazardRatio)
            .Fact("unresolvedHazardRatioLower", "HR, 95% lower", timeVarying?.HazardRatioInterval.Lower)
            .Fact("unresolvedHazardRatioUpper", "HR, 95% upper", timeVarying?.HazardRatioInterval.Upper)
            .Fact("plantedHazardRatio", "Planted HR", planted)
            .Fact("customersAffected", "Customers with an unresolved first contact", value.CustomersAffected)
            .Fact("customersKept", "Customers kept", value.CustomersKept)
            .Fact("customersKeptLower", "Customers kept, 95% lower", value.CustomersKeptInterval.Lower)
            .Fact("customersKeptUpper", "Customers kept, 95% upper", value.CustomersKeptInterval.Upper)
            .Fact("valuePerCustomer", "Value per customer (assumed)", value.ValuePerCustomer)
            .Fact("value", "Value of the uplift", value.Value)
            .Fact("valueLower", "Value, 95% lower", value.Low)
            .Fact("valueUpper", "Value, 95% upper", value.High);
    }

    /// <summary>
    /// Time since acquisition; the exposure switches on at the end of the first interaction with resolved = false (from
    /// the interactions table); churn at the exact instant of the customer's truth (the table has only the date).
    /// </summary>
    private static CoxCoefficient? UnresolvedHazardRatio(SimulatedContactCenter center)
    {
        var unresolved = new Dictionary<CustomerId, Instant>();
        foreach (var i in center.Interactions)
        {
            if (i.Resolved == false && i.CustomerId is CustomerId id && (!unresolved.TryGetValue(id, out var seen) || i.EndedAt < seen))
            {
                unresolved[id] = i.EndedAt;
            }
        }
        var durations = new List<double>();
        var events = new List<bool>();
        var switches = new List<double>();
        var segments = new List<string>();
        foreach (var truth in center.CustomerTruths)
        {
            bool churned = truth.ChurnedAt is Instant c && c < center.End;
            var end = churned ? truth.ChurnedAt!.Value : center.End;
            if (end <= truth.AcquiredAt)
            {
                continue;
            }
            durations.Add((end - truth.AcquiredAt).TotalDays);
            events.Add(churned);
            switches.Add(unresolved.TryGetValue(truth.CustomerId, out var u) ? (u - truth.AcquiredAt).TotalDays : double.PositiveInfinity);
            segments.Add(truth.Segment);
        }
        if (!events.Contains(true))
        {
            return null;
        }
        var table = SurvivalTable.FromColumns(durations.ToArray(), events.ToArray()).WithStrata(segments)
            .WithTimeVaryingIndicator("unresolved", switches.ToArray());
        return table.Covariates[0].Distinct().Count() > 1 && CoxProportionalHazards.TryFit(table, out var fit) ? fit["unresolved"] : null;
    }

    /// <summary>
    /// The mean 3-year CLV (BG/NBD x Gamma-Gamma on weekly RFM, 30% margin, 10% a year discount) of the simulated
    /// customers, valued with the CLV headline's fits and assumptions; a stated 250 in the center's currency when the
    /// models cannot be fitted.
    /// </summary>
    private static (Money Value, string Source) ValuePerCustomer(SimulatedContactCenter center, ClvFits? fits)
    {
        var fallback = (new Money(250m, center.Options.Currency), "a stated 250 per customer (the CLV models could not be fitted)");
        if (fits is null)
        {
            return fallback;
        }
        try
        {
            var summary = fits.Summary;
            var model = new BgNbdGammaGammaValueModel(fits.Transactions.Model, fits.Spend.Model, ClvMargin);
            // Quarterly cash-flow periods keep the 3-year valuation of every customer cheap.
            var horizon = new ValuationHorizon(ClvQuarters, ValuationHorizon.RateForPeriod(ClvAnnualDiscountRate, 7 * 13)) { PeriodLength = 13 };
            // Every k-th customer still active at the end, at most 2,000 of them, keeps the demo fast.
            var activeIds = center.Customers.Where(c => c.ChurnedOn is null).Select(c => c.Id).ToHashSet();
            var active = summary.Subset(activeIds.Contains, 2_000);
            if (active.Count == 0)
            {
                return fallback;
            }
            var values = model.CustomerValues(active, horizon);
            var mean = Money.Sum(values, summary.Currency) / values.Length;
            return (new Money(Math.Round(mean.Amount, 2), mean.Currency), string.Create(CultureInfo.InvariantCulture,
                $"the mean 3-year CLV of an every-k-th sample of {active.Count:N0} customers still active at the end (BG/NBD x Gamma-Gamma fitted on all, weekly, 30% margin, 10%/year discount)"));
        }
        catch (ArgumentException)
        {
            return fallback;
        }
    }
}
