using ContactMetrics.Attribution;
using ContactMetrics.Cli.Output;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Retention;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// What only a simulation can show: the planted parameters next to what the analysis measured from the tables. These
/// sections sit under <c>simulation</c> in JSON; the measured figures themselves are the analysis's, printed once.
/// </summary>
internal static class DemoTruth
{
    private const string Group = "simulation";

    public static void Add(CommandOutput output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var o = center.Options;
        output.Add("sampleContactCenter", "Sample contact center", Group)
            .Fact("seed", "Seed", o.Seed)
            .Fact("customers", "Customers simulated", o.Customers)
            .Fact("days", "Days", o.DurationDays)
            .Fact("timeZone", "Time zone", o.TimeZone.Id)
            .Note = "Synthetic data with planted, known effects (docs/simulation.md). The analysis below reads only the tables written to --out.";

        var clv = output.Add("plantedClv", "CLV: planted vs fitted", Group);
        clv.Fact("plantedParameters", "BG/NBD planted", new Dictionary<string, object?> { ["r"] = o.Purchases.R, ["alpha"] = o.Purchases.Alpha, ["a"] = o.Purchases.A, ["b"] = o.Purchases.B })
            .Fact("plantedSpendParameters", "Gamma-Gamma planted", new Dictionary<string, object?> { ["p"] = o.Spend.P, ["q"] = o.Spend.Q, ["gamma"] = o.Spend.Gamma });
        if (analysis.Clv.TryGetValue(out var fits))
        {
            clv.Fact("parameters", "BG/NBD fitted", fits.Transactions.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 4)))
                .Fact("spendParameters", "Gamma-Gamma fitted", fits.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)Math.Round(e.Value, 4)));
        }
        clv.Note = o.Churn.Enabled
            ? "The simulation also stops purchases at churn, which BG/NBD does not model, so the fitted parameters differ from the planted ones by more than sampling error."
            : "Purchases are pure BG/NBD (no churn), so the fit estimates the planted parameters.";

        var hr = UnresolvedHazardRatio(center);
        output.Add("plantedRetention", "Retention: planted hazard ratio of an unresolved contact", Group)
            .Fact("plantedHazardRatio", "Planted HR", o.Churn.UnresolvedHazardRatio)
            .Fact("unresolvedHazardRatio", "HR, time-varying Cox on the exact churn instants", hr?.HazardRatio)
            .Fact("unresolvedHazardRatioLower", "HR, 95% lower", hr?.HazardRatioInterval.Lower)
            .Fact("unresolvedHazardRatioUpper", "HR, 95% upper", hr?.HazardRatioInterval.Upper)
            .Note = "The time-varying Cox (exposure from the end of the first unresolved contact, strata by segment) estimates the planted ratio; the analysis's index-date ratio is diluted by later unresolved contacts.";

        AddServiceLift(output, center, analysis);
    }

    /// <summary>The planted service lift against the simulation's control (the same draws with the lift off), on journeys of the analysis's lookback.</summary>
    private static void AddServiceLift(CommandOutput output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var m = center.Options.Marketing;
        var section = output.Add("plantedServiceLift", "Attribution: planted service lift vs the control run", Group);
        var options = new JourneyOptions { Lookback = analysis.Options.JourneyLookback };
        var run = Rates(JourneyBuilder.Build(center.Touchpoints, center.Conversions, center.Interactions, options));
        var control = Rates(JourneyBuilder.Build(center.Touchpoints, center.ControlConversions, center.Interactions, options));
        section.Note = "Assists and Markov credit describe paths; only the control run shows the planted effect. The journey-level ratio is below the planted lift because a journey's service contact may be unresolved or outside the planted window.";
        section.Fact("plantedServiceLift", "Planted lift", m.ServiceLift)
            .Fact("serviceWindowSeconds", "Planted window", m.ServiceWindow)
            .Fact("conversions", "Conversions", run.Conversions)
            .Fact("controlConversions", "Conversions, control run", control.Conversions)
            .Fact("incrementalConversions", "Added by the lift (run - control)", run.Conversions - control.Conversions)
            .Fact("conversionRateWithService", "Conversion rate, journeys with service", Rate.Of(run.WithService))
            .Fact("controlConversionRateWithService", "Same, control run", Rate.Of(control.WithService))
            .Fact("rateRatioWithServiceVsControl", "Ratio, run / control", run.WithService / control.WithService);
    }

    /// <summary>Conversions and the conversion rate of journeys with and without a service touch.</summary>
    private static (double Conversions, double? WithService) Rates(IReadOnlyList<Journey> journeys)
    {
        double converted = 0, with = 0, withConverted = 0;
        foreach (var j in journeys)
        {
            bool service = j.Touches.Any(t => AttributionAnalysis.IsService(t.Channel));
            converted += j.IsConverted ? 1 : 0;
            if (service)
            {
                with++;
                withConverted += j.IsConverted ? 1 : 0;
            }
        }
        return (converted, with > 0 ? withConverted / with : null);
    }

    /// <summary>
    /// Time since acquisition; the exposure switches on at the end of the first interaction with resolved = false;
    /// churn at the exact instant of the customer's truth (the table has only the date).
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
}
