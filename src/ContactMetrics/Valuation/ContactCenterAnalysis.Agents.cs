using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Staffing;

namespace ContactMetrics.Valuation;

public sealed partial class ContactCenterAnalysis
{
    private readonly Lazy<AgentTenure> _agentTenure;

    /// <summary>
    /// Agent attrition measured from the interactions' agent ids (<see cref="Staffing.AgentTenure"/>): leavers per
    /// agent-year with its exact Poisson interval and the mean head count; unavailable without agent ids or with too
    /// short a window. The service programme's attrition line reads it.
    /// </summary>
    public AnalysisFigure<AgentAttrition> AgentAttrition => _agentAttrition.Value;

    /// <summary>
    /// How much slower and less resolving new hires are in their first <see cref="ServiceProgrammeAssumptions.RampUpWeeks"/>
    /// weeks, measured from the agent ids (<see cref="Staffing.AgentTenure"/>), with bootstrap intervals (seed
    /// <see cref="AnalysisOptions.Seed"/>); the attrition line's productivity gap.
    /// </summary>
    public AnalysisFigure<NewHireGap> NewHireGap => _newHireGap.Value;

    private readonly Lazy<AnalysisFigure<AgentAttrition>> _agentAttrition;
    private readonly Lazy<AnalysisFigure<NewHireGap>> _newHireGap;

    private AgentTenure ComputeAgentTenure() =>
        AgentTenure.Compute(Interactions, Window, new AgentTenureOptions { RampUpWeeks = Options.Programme.RampUpWeeks, Seed = Options.Seed });

    private AnalysisFigure<AgentAttrition> AgentAttritionFigure() => _agentTenure.Value.Attrition is { } a
        ? AnalysisFigure<AgentAttrition>.Of(a)
        : AnalysisFigure<AgentAttrition>.Unavailable(_agentTenure.Value.AttritionUnavailable!);

    private AnalysisFigure<NewHireGap> NewHireGapFigure() => _agentTenure.Value.NewHires is { } g
        ? AnalysisFigure<NewHireGap>.Of(g)
        : AnalysisFigure<NewHireGap>.Unavailable(_agentTenure.Value.NewHiresUnavailable!);

    /// <summary>
    /// The attrition line of the service programme: agents (measured head count, else the staffed channel's FTE) x the
    /// assumed reduction of the attrition rate x the cost per leaver (the ramp-up loss at the measured productivity gap,
    /// else at the assumed one); null with the reason when the assumed reduction is more than the data allows.
    /// </summary>
    private (LineItem? Line, string? Reason) AttritionLine(MeasuredInputs inputs, double staffedFte, Currency currency)
    {
        var p = Options.Programme;
        var (attrPoint, attrLow, attrHigh) = p.AttritionReduction;
        var attrition = AgentAttrition.ValueOrNull;
        string now = "";
        if (attrition is not null)
        {
            var rate = attrition.AnnualRate;
            if (attrPoint > rate.Interval!.Value.Upper)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"The assumed attrition reduction ({attrPoint * 100:0.#} points) is more than the measured agent attrition allows ({rate.Point * 100:0.#}% a year, 95% up to {rate.Interval.Value.Upper * 100:0.#}%)."));
            }
            now = string.Create(CultureInfo.InvariantCulture,
                $" from the measured {rate.Point * 100:0.#}% a year (95% {rate.Interval.Value.Lower * 100:0.#}-{rate.Interval.Value.Upper * 100:0.#}%, {attrition.Leavers} leavers in {attrition.AgentYears:0.#} agent-years)");
        }
        var agents = attrition is not null
            ? UncertainInput.Exact("agents", "headcount", Math.Round(attrition.Headcount, 1), InputSource.Measured(
                "mean agents employed over the last 365 days of follow-up (agent ids: employed from the first contact to the last)",
                "agent tenure from agent ids; " + attrition.Definition, attrition.Agents))
            : UncertainInput.Exact("agents", "headcount", Math.Ceiling(staffedFte), InputSource.Modelled(
                string.Create(CultureInfo.InvariantCulture, $"FTE the {Options.StaffedChannel.ToSchemaName()} demand needs at 80/{Options.ServiceLevelThreshold.TotalSeconds:0} with {p.Shrinkage * 100:0}% shrinkage, rounded up (no measured head count: {AgentAttrition.Reason})"),
                "StaffingPlanner (Erlang C) on the measured demand profile", inputs.StaffingProfile.ContactsPerInterval.Length));
        var reduction = UncertainInput.AssumedShare("attrition reduction", attrPoint, attrLow, attrHigh,
            string.Create(CultureInfo.InvariantCulture, $"{attrPoint * 100:0.#} points less agent attrition a year{now}; {attrLow * 100:0.#} to {attrHigh * 100:0.#} points plausible (the programme's lever, assumed)"));
        var line = ValueMechanisms.AttritionReduction(agents, reduction, CostPerLeaver(currency));
        return (line, null);
    }

    /// <summary>
    /// The cost of one leaver: recruiting and training (assumed, +-25%) plus the output lost over the ramp-up, at the
    /// measured productivity gap and its interval when the data has new hires, else at the assumed gap (+-25% overall).
    /// </summary>
    private UncertainInput CostPerLeaver(Currency currency)
    {
        var p = Options.Programme;
        double paidHours = Options.PaidTimePerFteWeek.TotalHours;
        AgentAttritionCost Cost(double gap) => new(new Money(p.RecruitingCost, currency), new Money(p.TrainingCost, currency), p.RampUpWeeks,
            Math.Clamp(gap, 0, 1), new Money(p.LoadedCostPerHour, currency), paidHours);
        const double range = 0.25;
        if (!NewHireGap.TryGetValue(out var measured))
        {
            return UncertainInput.FromAttritionCost("cost per leaver", Cost(p.RampUpOutputLoss), range,
                string.Create(CultureInfo.InvariantCulture, $"illustrative HR figures: recruiting {p.RecruitingCost:#,0}, training {p.TrainingCost:#,0}, {p.RampUpWeeks:0.#} weeks ramp-up at {p.RampUpOutputLoss * 100:0}% lower output (assumed: {NewHireGap.Reason})"));
        }
        var gap = measured.ProductivityGap;
        var (point, low, high) = (Cost(gap.Point!.Value), Cost(gap.Interval!.Value.Lower), Cost(gap.Interval!.Value.Upper));
        double hiring = (double)(p.RecruitingCost + p.TrainingCost);
        var source = InputSource.Modelled(
            string.Create(CultureInfo.InvariantCulture,
                $"recruiting {point.RecruitingPerHire} + training {point.TrainingPerHire} (assumed, +-{range:P0}) + ramp-up {point.RampUpPerLeaver} = {p.RampUpWeeks:0.#} weeks x {paidHours:0.#} paid hours x {p.LoadedCostPerHour} an hour x the measured productivity gap {gap.Point:P1} (95% {gap.Interval.Value.Lower:P1} to {gap.Interval.Value.Upper:P1}; new hires' handle time {measured.HandleTimeRatio.Point:0.###}x, resolution {measured.ResolutionRatio.Point:0.###}x, {measured.NewHires} new hires)"),
            "AgentAttritionCost with the gap of NewHireGap (agent bootstrap); the ends combine the HR figures' range with the gap's interval", measured.NewHireContacts);
        // A bootstrap percentile interval need not contain its point: the ends are widened to it, never crossed.
        double perLeaver = (double)point.PerLeaver.Amount;
        return new UncertainInput("cost per leaver", $"{currency} per leaver", perLeaver,
            Math.Min(perLeaver, (hiring * (1 - range)) + (double)low.RampUpPerLeaver.Amount), Math.Max(perLeaver, (hiring * (1 + range)) + (double)high.RampUpPerLeaver.Amount), 1,
            SamplingDistribution.Pert, source, currency, 0);
    }
}
