using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// The figures of a <see cref="RetentionUpliftResult"/> as <c>contactmetrics retention uplift</c> prints them, and the
/// names of the groupings (<c>--by</c>).
/// </summary>
public static class UpliftFigures
{
    /// <summary>The grouping of each name (case-insensitive): first-contact-resolution, csat, channel, proactive, ces.</summary>
    public static IReadOnlyDictionary<string, UpliftGrouping> Names { get; } = new Dictionary<string, UpliftGrouping>(StringComparer.OrdinalIgnoreCase)
    {
        ["first-contact-resolution"] = UpliftGrouping.FirstContactResolution,
        ["csat"] = UpliftGrouping.Csat,
        ["channel"] = UpliftGrouping.Channel,
        ["proactive"] = UpliftGrouping.Proactive,
        ["ces"] = UpliftGrouping.Effort,
    };

    /// <summary>Where a first contact's resolution comes from, by name (case-insensitive): flag (the resolved column), repeat (no repeat contact in the window).</summary>
    public static IReadOnlyDictionary<string, ResolutionSource> ResolutionNames { get; } = new Dictionary<string, ResolutionSource>(StringComparer.OrdinalIgnoreCase)
    {
        ["flag"] = ResolutionSource.ResolvedFlag,
        ["repeat"] = ResolutionSource.RepeatContact,
    };

    /// <summary>The retention uplift of <paramref name="result"/>: the groups' retention at the horizon, the difference, the adjusted hazard ratio and, given a value per customer, its money.</summary>
    /// <param name="result">The uplift.</param>
    /// <param name="observationEnd">The end of observation, when known.</param>
    /// <param name="valuePerCustomer">The value of a kept customer; no <c>value</c> section when <see langword="null"/>.</param>
    /// <param name="customersAffected">The customers the uplift applies to; the exposed group's when <see langword="null"/>.</param>
    /// <param name="fromSummary">The result was read from a survival table, which does not know who was left out (those facts are null).</param>
    /// <param name="valueSource">Where the value per customer comes from, shown with the value's formula.</param>
    /// <returns>The sections <c>retentionUplift</c> (table <c>groups</c>) and, with a value, <c>value</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static FigureSheet Of(RetentionUpliftResult result, Instant? observationEnd, Money? valuePerCustomer, double? customersAffected,
        bool fromSummary = false, string valueSource = "given")
    {
        ArgumentNullException.ThrowIfNull(result);
        var output = new FigureSheet();
        var c = result.Comparison;
        var data = result.Data;
        var section = output.Add("retentionUplift", "Retention uplift");
        section.Note = string.Create(CultureInfo.InvariantCulture,
            $"Index date: each customer's first qualifying contact; retention (Kaplan-Meier) {c.Horizon:0.#} days after it. Difference = {data.ReferenceGroup} - {data.ExposedGroup} (Greenwood, normal approximation). Hazard ratio = {data.ExposedGroup} vs {data.ReferenceGroup}, Cox adjusted for {Adjustment(c)}.");
        section.Fact("grouping", "Grouping", Names.First(kv => kv.Value == data.Grouping).Key)
            .Fact("horizonDays", "Horizon (days)", c.Horizon)
            .Fact("observationEnd", "Observation end", observationEnd)
            .Fact("customersIncluded", "Customers included", data.Table.Count)
            // A survival table holds the included customers only: who was left out is not known from it.
            .Fact("customersWithoutQualifyingContact", "Left out: no qualifying contact", fromSummary ? null : data.CustomersWithoutQualifyingContact)
            .Fact("customersChurnedBeforeIndex", "Left out: churned before index", fromSummary ? null : data.CustomersChurnedBeforeIndex)
            .Fact("difference", "Retention difference", new Fraction(c.Difference.Difference))
            .Fact("differenceLower", "Difference lower", new Fraction(c.Difference.Interval.Lower))
            .Fact("differenceUpper", "Difference upper", new Fraction(c.Difference.Interval.Upper))
            .Fact("differenceStandardError", "Difference SE", c.Difference.StandardError)
            .Fact("confidenceLevel", "Confidence level", c.Difference.Interval.Level)
            .Fact("hazardRatio", "Adjusted hazard ratio", c.HazardRatio?.HazardRatio)
            .Fact("hazardRatioLower", "Hazard ratio lower", c.HazardRatio?.HazardRatioInterval.Lower)
            .Fact("hazardRatioUpper", "Hazard ratio upper", c.HazardRatio?.HazardRatioInterval.Upper)
            .Fact("hazardRatioPValue", "Hazard ratio p", PValue.Of(c.HazardRatio?.PValue))
            .Fact("adjustedFor", "Adjusted for", Adjustment(c));
        if (c.Note is not null)
        {
            section.Fact("note", "Note", c.Note);
        }
        var groups = section.SetTable("groups",
            new FigureColumn("group", "Group"),
            new FigureColumn("customers", "Customers", true),
            new FigureColumn("churns", "Churns by horizon", true),
            new FigureColumn("retention", "Retention", true),
            new FigureColumn("standardError", "SE", true, Detail: true),
            new FigureColumn("lower", "Lower", true),
            new FigureColumn("upper", "Upper", true),
            new FigureColumn("followedUpToHorizon", "Followed to horizon"));
        foreach (var g in new[] { c.Reference, c.Exposed })
        {
            groups.Row(g.Group, g.Customers, g.Events, new Fraction(g.Retention), g.StandardError, new Fraction(g.Interval.Lower), new Fraction(g.Interval.Upper), g.FollowedUpToHorizon);
        }
        if (valuePerCustomer is Money perCustomer)
        {
            var v = RetentionUpliftValue.Of(c.Difference, customersAffected ?? c.Exposed.Customers, perCustomer, valueSource);
            var money = output.Add("value", "Value of the uplift");
            money.Note = "The value per customer is an input; the interval carries only the uplift's uncertainty.";
            AddValue(money, v, "Customers affected");
        }
        return output;
    }

    /// <summary>
    /// The value facts of a retention uplift, one layout for <c>retention uplift</c> and the analysis's retention section:
    /// customers affected, customers kept with its interval, the value per customer, the value with its interval, the formula.
    /// </summary>
    /// <param name="section">The section to add the facts to.</param>
    /// <param name="value">The value.</param>
    /// <param name="customersAffectedLabel">What the customers affected are, e.g. <c>Customers with an unresolved first contact</c>.</param>
    /// <returns><paramref name="section"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static FigureSection AddValue(FigureSection section, RetentionUpliftValue value, string customersAffectedLabel)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(value);
        string level = value.CustomersKeptInterval.Level.ToString("0.#%", CultureInfo.InvariantCulture);
        return section.Fact("customersAffected", customersAffectedLabel, value.CustomersAffected)
            .Fact("customersKept", "Customers kept", new People(value.CustomersKept))
            .Fact("customersKeptLower", $"Customers kept, {level} lower", new People(value.CustomersKeptInterval.Lower))
            .Fact("customersKeptUpper", $"Customers kept, {level} upper", new People(value.CustomersKeptInterval.Upper))
            .Fact("valuePerCustomer", "Value per customer", value.ValuePerCustomer)
            .Fact("value", "Value of the uplift", value.Value)
            .Fact("valueLower", $"Value, {level} lower", value.Low)
            .Fact("valueUpper", $"Value, {level} upper", value.High)
            .Fact("formula", "Formula", value.Formula);
    }

    private static string Adjustment(RetentionComparison c)
    {
        // The covariate columns in words ("tenureYears" is the survival table's column name).
        var parts = c.AdjustedFor.Select(name => name == RetentionUpliftBuilder.TenureCovariate ? "tenure (years)" : name).ToList();
        if (c.Stratified)
        {
            parts.Add("segment (strata)");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : "nothing";
    }
}
