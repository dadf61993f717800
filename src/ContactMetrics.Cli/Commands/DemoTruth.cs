using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// What only a simulation can show: the planted parameters next to what the analysis measured from the tables. These
/// sections sit under <c>simulation</c> in JSON; the measured figures themselves are the analysis's, printed once.
/// </summary>
internal static class DemoTruth
{
    private const string Group = "simulation";

    public static void Add(FigureSheet output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var o = center.Options;
        output.Add("sampleContactCenter", "Sample contact center", Group)
            .Fact("seed", "Seed", o.Seed)
            .Fact("customers", "Customers simulated", o.Customers)
            .Fact("agents", "Agent ids (hired in the period included)", center.AgentTruths.Count)
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

        var hr = PlantedEffectChecks.UnresolvedHazardRatio(center);
        output.Add("plantedRetention", "Retention: planted hazard ratio of an unresolved contact", Group)
            .Fact("plantedHazardRatio", "Planted HR", o.Churn.UnresolvedHazardRatio)
            .Fact("unresolvedHazardRatio", "HR, time-varying Cox on the exact churn instants", hr?.HazardRatio)
            .Fact("unresolvedHazardRatioLower", "HR, 95% lower", hr?.HazardRatioInterval.Lower)
            .Fact("unresolvedHazardRatioUpper", "HR, 95% upper", hr?.HazardRatioInterval.Upper)
            .Note = "The time-varying Cox (exposure from the end of the first unresolved contact, strata by segment) estimates the planted ratio; the analysis's index-date ratio is diluted by later unresolved contacts.";

        AddServiceLift(output, center, analysis);
        AddSurveyRelations(output, center);
        AddContainment(output, center, analysis);
        AddAgents(output, center, analysis);
    }

    /// <summary>The planted agent attrition and new hires' gap next to what the analysis measured from the agent ids (#13 item 3).</summary>
    private static void AddAgents(FigureSheet output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var o = center.Options.Agents;
        var planted = PlantedEffectChecks.NewHireGap(center, analysis.Options.Programme.RampUpWeeks);
        var section = output.Add("plantedAgents", "Agents: planted attrition and new hires' gap vs measured", Group);
        section.Note = "Agents leave after an exponential time at the planted rate and are replaced the same day; a new hire's talk and after-contact work take the day-0 factor times as long and resolve the day-0 factor times as often, both moving linearly to 1 at the end of the planted ramp-up. Averaged over the analysis's ramp-up weeks they give the ratios the analysis measures (hold is not slowed). The analysis reads only the agent ids and times of the interactions table (section agents).";
        section.Fact("plantedAnnualAttrition", "Planted attrition a year (rate)", o.AnnualAttrition)
            .Fact("plantedRampUpDays", "Planted ramp-up, days", o.RampUpDays)
            .Fact("plantedNewHireHandleTimeFactor", "Planted day-0 talk and after-work factor", o.NewHireHandleTimeFactor)
            .Fact("plantedNewHireResolutionFactor", "Planted day-0 resolution factor", o.NewHireResolutionFactor)
            .Fact("plantedHandleTimeRatio", "Planted handle-time ratio over the ramp-up", planted is null ? null : Math.Round(planted.HandleTimeRatio, 4))
            .Fact("plantedResolutionRatio", "Planted resolution ratio over the ramp-up", planted is null ? null : Math.Round(planted.ResolutionRatio, 4))
            .Fact("plantedProductivityGap", "Planted productivity gap", planted is null ? null : new Fraction(planted.ProductivityGap))
            .Fact("leaversInTruth", "Leavers in the period (truth)", center.AgentTruths.Count(a => a.LeftOn is not null));
        var attrition = analysis.AgentAttrition.ValueOrNull;
        var gap = analysis.NewHireGap.ValueOrNull;
        section.Fact("annualAttrition", "Measured attrition", attrition?.AnnualRate.Point)
            .Fact("annualAttritionLower", "95% lower", attrition?.AnnualRate.Interval?.Lower)
            .Fact("annualAttritionUpper", "95% upper", attrition?.AnnualRate.Interval?.Upper)
            .Fact("handleTimeRatio", "Measured handle-time ratio", gap?.HandleTimeRatio.Point)
            .Fact("resolutionRatio", "Measured resolution ratio", gap?.ResolutionRatio.Point)
            .Fact("productivityGap", "Measured productivity gap", gap?.ProductivityGap.Point);
    }

    /// <summary>The planted IVR and chatbot containment failures next to the analysis's measured, pooled rate.</summary>
    private static void AddContainment(FigureSheet output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var planted = center.Options.Contacts.Channels.Where(c => c.ContainmentFailure is not null).ToList();
        if (planted.Count == 0)
        {
            return;
        }
        var section = output.Add("plantedContainment", "Self-service: planted containment failure vs measured", Group);
        section.Note = "A failed IVR or chatbot session is written unresolved and goes on to its agent channel on the same reason. The analysis measures one rate over the last year's self-service sessions (not marked resolved and followed by an inbound agent contact on the reason within the FCR window); the planted rate pooled over the same sessions is what it estimates.";
        var measured = analysis.SelfServiceShift.ValueOrNull?.Item.Inputs.SingleOrDefault(i => i.Name == "containment failure");
        section.Fact("plantedPooledFailure", "Planted, pooled over the last year's sessions", PlantedEffectChecks.PlantedContainmentFailure(center, analysis.Window.LastYearStart))
            .Fact("containmentFailure", "Measured by the analysis", measured?.Point)
            .Fact("containmentFailureLower", "95% lower", measured?.Low)
            .Fact("containmentFailureUpper", "95% upper", measured?.High);
        var t = section.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("plantedFailure", "Planted failure", true),
            new FigureColumn("escalatesTo", "Goes on to"));
        foreach (var c in planted)
        {
            t.Row(c.Channel.ToSchemaName(), c.ContainmentFailure, c.EscalatesTo?.ToSchemaName());
        }
    }

    /// <summary>The planted survey relations (#13 item 4): CSAT -> churn per segment, NPS -> recommended, CES -> repeats.</summary>
    private static void AddSurveyRelations(FigureSheet output, SimulatedContactCenter center)
    {
        var s = center.Options.Surveys;
        var section = output.Add("plantedSurveyRelations", "Surveys: planted relations", Group);
        section.Note = "CSAT -> churn: the hazard ratio while the latest CSAT is 5, per segment, against a counting-process Cox (unresolved and top-box time-varying, exact churn instants); the analysis's CSAT lines measure the index-date retention difference, an association. NPS -> recommended: the planted probability at 10 and 7. CES -> repeats: the planted repeat probability of a resolved contact with CES 1-3.";
        section.Fact("recommendAtTen", "Planted P(recommended | NPS 10)", s.AsksRecommended ? s.RecommendationProbability(10) : null)
            .Fact("recommendAtSeven", "Planted P(recommended | NPS 7)", s.AsksRecommended ? s.RecommendationProbability(7) : null)
            .Fact("highEffortRepeatProbability", "Planted repeat probability, resolved CES 1-3", s.HighEffortRepeatProbability);
        var t = section.SetTable("segments",
            new FigureColumn("segment", "Segment"),
            new FigureColumn("plantedTopBoxHazardRatio", "Planted HR", true),
            new FigureColumn("topBoxHazardRatio", "Cox HR", true),
            new FigureColumn("topBoxHazardRatioLower", "95% lower", true),
            new FigureColumn("topBoxHazardRatioUpper", "95% upper", true));
        foreach (var segment in center.Options.Segments)
        {
            var hr = PlantedEffectChecks.TopBoxHazardRatio(center, segment.Name);
            t.Row(segment.Name, segment.TopBoxHazardRatio, hr?.HazardRatio, hr?.HazardRatioInterval.Lower, hr?.HazardRatioInterval.Upper);
        }
    }

    /// <summary>The planted service lift against the simulation's control (the same draws with the lift off), on journeys of the analysis's lookback.</summary>
    private static void AddServiceLift(FigureSheet output, SimulatedContactCenter center, ContactCenterAnalysis analysis)
    {
        var m = center.Options.Marketing;
        var section = output.Add("plantedServiceLift", "Attribution: planted service lift vs the control run", Group);
        var check = PlantedEffectChecks.ServiceLift(center, new JourneyOptions { Lookback = analysis.Options.JourneyLookback });
        section.Note = "Assists and Markov credit describe paths; only the control run shows the planted effect. The journey-level ratio is below the planted lift because a journey's service contact may be unresolved or outside the planted window.";
        section.Fact("plantedServiceLift", "Planted lift", m.ServiceLift)
            .Fact("serviceWindowSeconds", "Planted window", m.ServiceWindow)
            .Fact("conversions", "Conversions", check.Run.Conversions)
            .Fact("controlConversions", "Conversions, control run", check.Control.Conversions)
            .Fact("incrementalConversions", "Added by the lift (run - control)", check.IncrementalConversions)
            .Fact("conversionRateWithService", "Conversion rate, journeys with service", Fraction.Of(check.Run.ConversionRateWithService))
            .Fact("controlConversionRateWithService", "Same, control run", Fraction.Of(check.Control.ConversionRateWithService))
            .Fact("rateRatioWithServiceVsControl", "Ratio, run / control", check.RateRatioWithService);
        if (analysis.Attribution.TryGetValue(out var at))
        {
            // The analysis's Markov credit (one value, as the attribution section prints it) beside the measured effect.
            var credit = BoardReportBuilder.AttributionOf(at, analysis.Currency);
            section.Fact("markovServiceConversions", "Markov credit of service (paths, not an effect)", credit.MarkovServiceConversions)
                .Fact("markovServiceValue", "Its conversion value (not an effect)", credit.MarkovServiceValue)
                .Fact("incrementalityCaveat", "Why they differ", at.IncrementalityCaveat);
        }
    }
}
