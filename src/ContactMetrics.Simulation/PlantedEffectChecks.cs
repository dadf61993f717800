using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// What only a simulation can show: estimates of the planted effects made with what the simulation knows and a real
/// data set does not (each customer's exact churn instant, the control run without the service lift), to set next to
/// the planted parameters and to what an analysis measures from the tables.
/// </summary>
public static class PlantedEffectChecks
{
    /// <summary>
    /// The hazard ratio of churn after an unresolved contact, from a Cox model with a time-varying exposure, to set
    /// next to <see cref="ChurnOptions.UnresolvedHazardRatio"/>.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <returns>The <c>unresolved</c> coefficient (hazard ratio with its 95% interval), or <see langword="null"/> when no
    /// customer churned, no customer or every customer had an unresolved contact, or the fit did not converge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Time is days since acquisition; the exposure switches on at the end of the customer's first interaction with
    /// resolved = false; churn is at the exact instant of the customer's truth (the customers table has only the date),
    /// censored at the end of the simulation; strata by segment (Efron ties). This is the model the simulation plants
    /// (docs/simulation.md), so the ratio estimates the planted one; an index-date comparison of the tables is diluted by
    /// later unresolved contacts.
    /// </remarks>
    public static CoxCoefficient? UnresolvedHazardRatio(SimulatedContactCenter center)
    {
        ArgumentNullException.ThrowIfNull(center);
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
    /// The hazard ratio of churn while a customer's most recent CSAT answer is top-box, in one segment, from a Cox model
    /// with two time-varying covariates, to set next to that segment's <see cref="SegmentOptions.TopBoxHazardRatio"/>.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <param name="segment">The segment's name.</param>
    /// <returns>The <c>topBox</c> coefficient (hazard ratio with its 95% interval), or <see langword="null"/> when the segment
    /// has no churn, no top-box time or only top-box time, or the fit did not converge.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>
    /// Counting-process data, days since acquisition: each customer's follow-up is cut wherever a covariate changes:
    /// <c>unresolved</c> (0 until the end of the first interaction with resolved = false, 1 after) and <c>topBox</c> (1 from
    /// the end of a surveyed interaction with CSAT 5 until the end of one with a lower CSAT). Churn at the exact instant of
    /// the customer's truth, censored at the end of the simulation; Efron ties. Both covariates come from the
    /// interactions table; only the churn instant is the simulation's. Adjusting for <c>unresolved</c> matters: top-box
    /// answers follow resolved contacts, so without it the ratio would also carry the unresolved contact's effect.
    /// </remarks>
    public static CoxCoefficient? TopBoxHazardRatio(SimulatedContactCenter center, string segment)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(segment);
        var changes = new Dictionary<CustomerId, List<(Instant At, bool? TopBox, bool Unresolved)>>();
        foreach (var i in center.Interactions)
        {
            if (i.CustomerId is not CustomerId id || (i.Resolved != false && i.Survey?.Csat is null))
            {
                continue;
            }
            if (!changes.TryGetValue(id, out var list))
            {
                changes[id] = list = [];
            }
            list.Add((i.EndedAt, i.Survey?.Csat is int csat ? csat == SurveyResponse.CsatMax : null, i.Resolved == false));
        }
        var starts = new List<double>();
        var stops = new List<double>();
        var events = new List<bool>();
        var unresolvedColumn = new List<double>();
        var topBoxColumn = new List<double>();
        foreach (var truth in center.CustomerTruths)
        {
            if (truth.Segment != segment)
            {
                continue;
            }
            bool churned = truth.ChurnedAt is Instant c && c < center.End;
            var end = churned ? truth.ChurnedAt!.Value : center.End;
            if (end <= truth.AcquiredAt)
            {
                continue;
            }
            double Days(Instant at) => (at - truth.AcquiredAt).TotalDays;
            double from = 0;
            bool unresolved = false, topBox = false;
            if (changes.TryGetValue(truth.CustomerId, out var list))
            {
                list.Sort((a, b) => a.At.CompareTo(b.At));
                foreach (var (at, answer, isUnresolved) in list)
                {
                    if (at >= end)
                    {
                        break;
                    }
                    double t = Math.Max(0, Days(at));
                    bool nextUnresolved = unresolved || isUnresolved;
                    bool nextTopBox = answer ?? topBox;
                    if ((nextUnresolved != unresolved || nextTopBox != topBox) && t > from)
                    {
                        starts.Add(from);
                        stops.Add(t);
                        events.Add(false);
                        unresolvedColumn.Add(unresolved ? 1 : 0);
                        topBoxColumn.Add(topBox ? 1 : 0);
                        from = t;
                    }
                    (unresolved, topBox) = (nextUnresolved, nextTopBox);
                }
            }
            starts.Add(from);
            stops.Add(Days(end));
            events.Add(churned);
            unresolvedColumn.Add(unresolved ? 1 : 0);
            topBoxColumn.Add(topBox ? 1 : 0);
        }
        if (!events.Contains(true) || topBoxColumn.Distinct().Count() < 2)
        {
            return null;
        }
        var table = SurvivalTable.FromIntervals(starts.ToArray(), stops.ToArray(), events.ToArray());
        // A segment whose contacts were all resolved (or none) has a constant 'unresolved': a Cox model cannot hold it.
        if (unresolvedColumn.Distinct().Count() > 1)
        {
            table = table.WithCovariate("unresolved", unresolvedColumn.ToArray());
        }
        table = table.WithCovariate("topBox", topBoxColumn.ToArray());
        return CoxProportionalHazards.TryFit(table, out var fit) ? fit["topBox"] : null;
    }

    /// <summary>
    /// The planted containment failure of the self-service sessions (IVR, chatbot) that arrived at or after
    /// <paramref name="from"/>: each session's channel's <see cref="ChannelOptions.ContainmentFailure"/>, averaged over the
    /// sessions, the pooled rate that a measure over all of them (the analysis's self-service shift) estimates.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <param name="from">The first instant counted, e.g. a year before the end.</param>
    /// <returns>The mean planted failure, or <see langword="null"/> when no session of a channel with a planted failure arrived.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    public static double? PlantedContainmentFailure(SimulatedContactCenter center, Instant from)
    {
        ArgumentNullException.ThrowIfNull(center);
        var planted = center.Options.Contacts.Channels.Where(c => c.ContainmentFailure is not null).ToDictionary(c => c.Channel, c => c.ContainmentFailure!.Value);
        double sum = 0;
        long sessions = 0;
        foreach (var i in center.Interactions)
        {
            if (i.ArrivedAt >= from && planted.TryGetValue(i.Channel, out double failure))
            {
                sum += failure;
                sessions++;
            }
        }
        return sessions > 0 ? sum / sessions : null;
    }

    /// <summary>
    /// The new hires' gap the simulation plants, as the analysis's <c>NewHireGap</c> measures it over the first
    /// <paramref name="rampUpWeeks"/> weeks: the planted factors (<see cref="AgentOptions.HandleTimeFactor"/>,
    /// <see cref="AgentOptions.ResolutionFactor"/>) averaged over the days of tenure 0 to 7 x weeks - 1; the handle-time
    /// factor applies to talk and after-contact work, not to hold, so the handle-time ratio is
    /// 1 + (mean factor - 1) x the share of talk and after-contact work in the handle time of agents past the ramp-up.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <param name="rampUpWeeks">The weeks of tenure that count as new, 1/7 to 104 (the analysis's range).</param>
    /// <returns>The planted ratios, or <see langword="null"/> when no agent past the ramp-up handled a contact.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rampUpWeeks"/> is outside 1/7 to 104 weeks, or NaN.</exception>
    public static PlantedNewHireGap? NewHireGap(SimulatedContactCenter center, double rampUpWeeks)
    {
        ArgumentNullException.ThrowIfNull(center);
        int days = (int)Math.Round(Preconditions.CheckInRange(rampUpWeeks, 1.0 / 7, 104.0, nameof(rampUpWeeks)) * 7);
        var o = center.Options.Agents;
        double handle = Enumerable.Range(0, days).Average(t => o.HandleTimeFactor(t));
        double resolution = Enumerable.Range(0, days).Average(t => o.ResolutionFactor(t));
        var agents = center.AgentTruths.ToDictionary(a => a.AgentId);
        var zone = center.Options.TimeZone;
        double scaled = 0, total = 0;
        foreach (var i in center.Interactions)
        {
            if (i.AnsweredAt is Instant answered && i.AgentId is AgentId id && agents.TryGetValue(id, out var agent)
                && agent.TenureDays(answered.InZone(zone).Date) >= o.RampUpDays)
            {
                scaled += (i.Talk + i.AfterCallWork).TotalSeconds;
                total += (i.Talk + i.Hold + i.AfterCallWork).TotalSeconds;
            }
        }
        if (total == 0)
        {
            return null;
        }
        double handleRatio = 1 + ((handle - 1) * scaled / total);
        return new PlantedNewHireGap(handle, resolution, scaled / total, handleRatio, 1 - (resolution / handleRatio));
    }

    /// <summary>
    /// The conversions and the conversion rate of journeys with a service touch, in the run and in the control run
    /// (<see cref="SimulatedContactCenter.ControlConversions"/>: the same draws with the service lift off), to set next
    /// to <see cref="MarketingOptions.ServiceLift"/>.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <param name="options">How journeys are built (lookback, service prefix); <see langword="null"/> for the defaults.</param>
    /// <returns>The run, the control and their comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Assists and Markov credit describe paths; only the control shows the planted effect. The journey-level ratio is
    /// below the planted lift because a journey's service contact may be unresolved or outside the planted window.
    /// </remarks>
    public static ServiceLiftCheck ServiceLift(SimulatedContactCenter center, JourneyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(center);
        options ??= new JourneyOptions();
        return new ServiceLiftCheck(
            Count(JourneyBuilder.Build(center.Touchpoints, center.Conversions, center.Interactions, options)),
            Count(JourneyBuilder.Build(center.Touchpoints, center.ControlConversions, center.Interactions, options)));
    }

    private static JourneyConversions Count(IReadOnlyList<Journey> journeys)
    {
        int converted = 0, with = 0, withConverted = 0;
        foreach (var j in journeys)
        {
            converted += j.IsConverted ? 1 : 0;
            if (j.Touches.Any(t => AttributionAnalysis.IsService(t.Channel)))
            {
                with++;
                withConverted += j.IsConverted ? 1 : 0;
            }
        }
        return new JourneyConversions(journeys.Count, converted, with, withConverted);
    }
}

/// <summary>Converted journeys, in all and among the journeys with a service touch.</summary>
/// <param name="Journeys">Journeys.</param>
/// <param name="Conversions">Journeys that converted.</param>
/// <param name="JourneysWithService">Journeys with a service touch.</param>
/// <param name="ConversionsWithService">Journeys with a service touch that converted.</param>
public sealed record JourneyConversions(int Journeys, int Conversions, int JourneysWithService, int ConversionsWithService)
{
    /// <summary>The conversion rate of the journeys with a service touch, or <see langword="null"/> when there are none.</summary>
    public double? ConversionRateWithService => JourneysWithService > 0 ? (double)ConversionsWithService / JourneysWithService : null;
}

/// <summary>The planted service lift seen against the control run (see <see cref="PlantedEffectChecks.ServiceLift"/>).</summary>
/// <param name="Run">The simulated run.</param>
/// <param name="Control">The control run: the same draws with the service lift off.</param>
public sealed record ServiceLiftCheck(JourneyConversions Run, JourneyConversions Control)
{
    /// <summary>The conversions the lift added: run minus control.</summary>
    public int IncrementalConversions => Run.Conversions - Control.Conversions;

    /// <summary>The conversion rate of journeys with service in the run over that in the control, or <see langword="null"/>
    /// when either has no such journeys or the control's rate is 0 (no ratio to state).</summary>
    public double? RateRatioWithService => Control.ConversionRateWithService is > 0 and double control ? Run.ConversionRateWithService / control : null;
}

/// <summary>The new hires' gap the simulation plants over a ramp-up (<see cref="PlantedEffectChecks.NewHireGap"/>).</summary>
/// <param name="HandleTimeFactor">The planted talk and after-contact work factor, averaged over the ramp-up's days.</param>
/// <param name="ResolutionRatio">The planted resolution factor, averaged over the ramp-up's days: the resolution ratio.</param>
/// <param name="TalkAndAfterWorkShare">Talk and after-contact work as a share of the handle time of agents past the ramp-up.</param>
/// <param name="HandleTimeRatio">1 + (<paramref name="HandleTimeFactor"/> - 1) x <paramref name="TalkAndAfterWorkShare"/>: the handle-time ratio.</param>
/// <param name="ProductivityGap">1 - resolution ratio / handle-time ratio.</param>
public sealed record PlantedNewHireGap(double HandleTimeFactor, double ResolutionRatio, double TalkAndAfterWorkShare, double HandleTimeRatio, double ProductivityGap);
