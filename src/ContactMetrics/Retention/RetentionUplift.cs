using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using ContactMetrics.Numerics;

namespace ContactMetrics.Retention;

/// <summary>
/// Compares retention between two groups of a survival table: Kaplan-Meier retention at a horizon per group with
/// Greenwood intervals, their difference with a normal-approximation interval, and a Cox hazard ratio adjusted for the
/// table's covariates and strata. <see cref="RetentionUpliftBuilder"/> makes the table from customers and interactions
/// with an index-date design.
/// </summary>
/// <remarks>
/// The difference S_reference(h) - S_exposed(h) has variance Var_reference + Var_exposed (independent groups), each the
/// Greenwood variance S(h)^2 sum d/(n(n-d)) (Klein &amp; Moeschberger, Survival Analysis, 2nd ed., section 7.8, test of
/// survival at a fixed point in time); the interval is the estimate +- z SE. The hazard ratio is exp(beta) of a 0/1
/// indicator of the exposed group in a Cox model (<see cref="CoxProportionalHazards"/>) with the table's own covariates
/// and strata as adjustment.
/// </remarks>
public static class RetentionUplift
{
    /// <summary>The name of the exposed-group indicator in the Cox model.</summary>
    public const string ExposedCovariate = "exposed";

    /// <summary>Compares the two groups of <paramref name="table"/> at <paramref name="horizon"/>.</summary>
    /// <param name="table">Right-censored survival data (not counting-process rows) with <see cref="SurvivalTable.Groups"/> set; its covariates and strata adjust the hazard ratio.</param>
    /// <param name="reference">The group with the favourable experience (e.g. resolved at first contact).</param>
    /// <param name="exposed">The group with the adverse experience (e.g. not resolved).</param>
    /// <param name="horizon">The time at which retention is read, in the table's time unit; finite and at least 0.</param>
    /// <param name="options">Interval level and Cox options; <see cref="CoxOptions.Default"/> when null.</param>
    /// <returns>The comparison. The difference is always a number: a group without events has retention 1 with standard error 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The table has no groups or counting-process rows, the two labels are equal, or a group has no rows (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative or not finite.</exception>
    public static RetentionComparison Compare(SurvivalTable table, string reference, string exposed, double horizon, CoxOptions? options = null)
    {
        Preconditions.CheckNotNull(table);
        options ??= CoxOptions.Default;
        Preconditions.CheckArgument(!table.Groups.IsEmpty, nameof(table), "The table needs groups (SurvivalTable.WithGroups) to compare.");
        Preconditions.CheckArgument(!table.IsCountingProcess, nameof(table), "Retention at a horizon needs right-censored rows from the index date, not (start, stop] rows.");
        Preconditions.CheckArgument(reference != exposed, nameof(exposed), $"The reference and exposed groups are both '{reference}'.");
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be a finite time of at least 0.");
        }
        double level = options.ConfidenceLevel;
        var curves = KaplanMeier.Estimate(table, level);
        var referenceRetention = At(curves, reference, horizon, level, nameof(reference));
        var exposedRetention = At(curves, exposed, horizon, level, nameof(exposed));

        double z = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        double difference = referenceRetention.Retention - exposedRetention.Retention;
        double se = Math.Sqrt((referenceRetention.StandardError * referenceRetention.StandardError) + (exposedRetention.StandardError * exposedRetention.StandardError));
        var differenceInterval = new ConfidenceInterval(difference - (z * se), difference + (z * se), level, "greenwood-normal");

        var (hazardRatio, note) = AdjustedHazardRatio(table, exposed, reference, options);
        return new RetentionComparison(horizon, referenceRetention, exposedRetention,
            new RetentionDifference(difference, se, differenceInterval, referenceRetention.Customers + exposedRetention.Customers), hazardRatio, [.. table.CovariateNames], !table.Strata.IsEmpty, note);
    }

    private static GroupRetention At(ImmutableArray<KaplanMeierCurve> curves, string group, double horizon, double level, string paramName)
    {
        var curve = curves.FirstOrDefault(c => c.Group == group)
            ?? throw new ArgumentException($"Group '{group}' has no customers (rows) in the table; groups present: {string.Join(", ", curves.Select(c => c.Group))}.", paramName);
        KaplanMeierRow? last = null;
        foreach (var row in curve.Rows)
        {
            if (row.Time > horizon)
            {
                break;
            }
            last = row;
        }
        double survival = last?.Survival ?? 1;
        double se = last?.StandardError ?? 0;
        if (!double.IsFinite(se))
        {
            se = 0;
        }
        var interval = last is null ? new ConfidenceInterval(1, 1, level, "log") : last.Log;
        int events = curve.Rows.Where(r => r.Time <= horizon).Sum(r => r.Events);
        return new GroupRetention(group, curve.Count, events, survival, se, interval, curve.LastTime >= horizon);
    }

    private static (CoxCoefficient? HazardRatio, string? Note) AdjustedHazardRatio(SurvivalTable table, string exposed, string reference, CoxOptions options)
    {
        var keep = new List<int>();
        for (int i = 0; i < table.Count; i++)
        {
            if (table.Groups[i] == exposed || table.Groups[i] == reference)
            {
                keep.Add(i);
            }
        }
        var durations = keep.Select(i => table.Durations[i]).ToArray();
        var events = keep.Select(i => table.Events[i]).ToArray();
        int exposedEvents = keep.Count(i => table.Events[i] && table.Groups[i] == exposed);
        int referenceEvents = keep.Count(i => table.Events[i] && table.Groups[i] == reference);
        if (exposedEvents == 0 || referenceEvents == 0)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"No hazard ratio: group '{(exposedEvents == 0 ? exposed : reference)}' has no events, so the ratio is 0 or infinite (the Cox estimate does not exist)."));
        }
        var model = SurvivalTable.FromColumns(durations, events)
            .WithCovariate(ExposedCovariate, keep.Select(i => table.Groups[i] == exposed ? 1.0 : 0.0).ToArray());
        if (!table.Strata.IsEmpty)
        {
            model = model.WithStrata(keep.Select(i => table.Strata[i]).ToArray());
        }
        var skipped = new List<string>();
        for (int j = 0; j < table.CovariateNames.Length; j++)
        {
            var values = keep.Select(i => table.Covariates[j][i]).ToArray();
            if (values.Distinct().Count() < 2)
            {
                skipped.Add(table.CovariateNames[j]);
                continue;
            }
            model = model.WithCovariate(table.CovariateNames[j], values);
        }
        string? note = skipped.Count > 0 ? $"Constant in these groups, left out of the Cox model: {string.Join(", ", skipped)}." : null;
        if (!CoxProportionalHazards.TryFit(model, options, out var fit))
        {
            return (null, $"No hazard ratio: the Cox fit did not converge ({fit.Diagnostics.Message}).");
        }
        return (fit[ExposedCovariate], note);
    }
}

/// <summary>Kaplan-Meier retention of one group at the horizon.</summary>
/// <param name="Group">The group's label.</param>
/// <param name="Customers">The customers (rows) in the group.</param>
/// <param name="Events">Churns (events) at or before the horizon.</param>
/// <param name="Retention">S(horizon); 1 when there is no event by then.</param>
/// <param name="StandardError">Greenwood standard error of S(horizon); 0 when there is no event by then.</param>
/// <param name="Interval">The pointwise interval (log type, R's default); [1, 1] when there is no event by then.</param>
/// <param name="FollowedUpToHorizon">Whether some customer of the group was followed to the horizon; when not, the value is the last one observed (the curve is not identified beyond it).</param>
public sealed record GroupRetention(string Group, int Customers, int Events, double Retention, double StandardError, ConfidenceInterval Interval, bool FollowedUpToHorizon)
{
    /// <summary>The retention as an estimate: point S(horizon), its log-type interval, level, method and n (the customers).</summary>
    public Estimate Estimate => new(Retention, Interval, Customers);

    /// <summary>The group's retention in words, e.g. <c>resolved: retention 85.2% [83.0%, 87.4%] of 1,234 customers, 56 events</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"{Group}: retention {ResultText.Percent(Retention)} {ResultText.Interval(Interval, ResultText.Percent)} of {ResultText.Count(Customers)} customers, {ResultText.Count(Events)} events"
            + (FollowedUpToHorizon ? "" : " (nobody followed to the horizon: the last value observed)");
}

/// <summary>
/// The retention uplift S_reference(h) - S_exposed(h) with its normal-approximation interval; <see cref="Estimate"/>
/// is the same in the library's one estimate shape.
/// </summary>
/// <param name="Difference">The difference in retention (a fraction, e.g. 0.05 for 5 points).</param>
/// <param name="StandardError">sqrt(Var_reference + Var_exposed), Greenwood variances.</param>
/// <param name="Interval">Difference +- z SE.</param>
/// <param name="Customers">The customers of both groups.</param>
public sealed record RetentionDifference(double Difference, double StandardError, ConfidenceInterval Interval, int Customers)
{
    /// <summary>The difference as an estimate: point, interval, level, method and n (the customers of both groups).</summary>
    public Estimate Estimate => new(Difference, Interval, Customers);

    /// <summary>The difference in percentage points, e.g. <c>+5.0 points [2.1, 7.9] (95%), 2,345 customers</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{100 * Difference:+0.0;-0.0;0.0} points [{100 * Interval.Lower:0.0}, {100 * Interval.Upper:0.0}] ({Interval.Level * 100:0.##}%), {ResultText.Count(Customers)} customers");
}

/// <summary>The comparison of retention between a reference and an exposed group.</summary>
/// <param name="Horizon">The horizon, in the table's time unit.</param>
/// <param name="Reference">Retention of the favourable group.</param>
/// <param name="Exposed">Retention of the adverse group.</param>
/// <param name="Difference">Reference minus exposed.</param>
/// <param name="HazardRatio">The Cox coefficient of the exposed indicator (its <see cref="CoxCoefficient.HazardRatio"/> is the hazard of the exposed relative to the reference group), or <see langword="null"/> when it does not exist (a group without events, no convergence: see <paramref name="Note"/>).</param>
/// <param name="AdjustedFor">The covariates the table offered for adjustment.</param>
/// <param name="Stratified">Whether the Cox model was stratified (e.g. by segment).</param>
/// <param name="Note">Why the hazard ratio is missing, or which covariates were left out; <see langword="null"/> when nothing to say.</param>
public sealed record RetentionComparison(
    double Horizon,
    GroupRetention Reference,
    GroupRetention Exposed,
    RetentionDifference Difference,
    CoxCoefficient? HazardRatio,
    ImmutableArray<string> AdjustedFor,
    bool Stratified,
    string? Note)
{
    /// <summary>The comparison in words: the horizon, both groups, the uplift, the hazard ratio and the note, one per line.</summary>
    /// <returns>The text, in the invariant culture, lines separated by '\n'.</returns>
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"retention at {ResultText.Number(Horizon)}: uplift {Difference}",
            "  " + Reference,
            "  " + Exposed,
        };
        if (HazardRatio is not null)
        {
            string adjusted = AdjustedFor.IsDefaultOrEmpty ? "unadjusted" : "adjusted for " + string.Join(", ", AdjustedFor);
            lines.Add($"  {HazardRatio} ({adjusted}{(Stratified ? ", stratified" : "")})");
        }
        if (Note is not null)
        {
            lines.Add("  note: " + Note);
        }
        return string.Join('\n', lines);
    }
}
