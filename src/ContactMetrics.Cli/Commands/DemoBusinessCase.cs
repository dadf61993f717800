using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Staffing;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The demo's business cases on the simulated contact center, in one place so that the demo headline and the report
/// show the same numbers: the inputs measured from the tables (<see cref="BusinessCaseMeasurement"/>), the stated
/// assumptions below, the FCR +5 points case and a service programme with the other levers.
/// </summary>
internal sealed record DemoBusinessCase(MeasuredInputs Inputs, BusinessCaseAnalysis Fcr, BusinessCaseAnalysis? Programme, string? ProgrammeNote)
{
    /// <summary>Monte Carlo draws: each is a few multiplications per line, so 10,000 take milliseconds.</summary>
    public const int Iterations = 10_000;

    /// <summary>The demo's example rates (the cost-to-serve section's, written to rates.json), stated as assumptions.</summary>
    public const string RatesSource = "the demo's example rates (assumed, as in the cost-to-serve section and rates.json), overheads for one year (the last 365 days of data)";

    /// <summary>Paid hours of one full-time agent a week, as in the cost-to-serve section.</summary>
    private const double PaidHoursPerWeek = 38;

    /// <summary>Measures the inputs and analyses both cases; <see langword="null"/> with the reason when the data is too small to measure them.</summary>
    public static (DemoBusinessCase? Case, string? Reason) Build(SimulatedContactCenter center)
    {
        var currency = center.Options.Currency;
        MeasuredInputs inputs;
        try
        {
            inputs = BusinessCaseMeasurement.Measure(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions,
                new MeasurementOptions(center.End, center.Options.TimeZone)
                {
                    CostModel = DemoHeadlines.ExampleCostModel(center).WithOverheadsForOneYear(center.Options.DurationDays),
                    CostRatesSource = RatesSource,
                    PaidTimePerFteWeek = Duration.FromHours(PaidHoursPerWeek),
                });
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
        if (inputs.ValuePerCustomer is null)
        {
            return (null, "The CLV models (BG/NBD, Gamma-Gamma) could not be fitted, so there is no measured value per customer.");
        }
        var gain = UncertainInput.AssumedShare("FCR gain", 0.05, 0.03, 0.07,
            "the programme's target of +5 points; 3 to 7 points judged plausible");
        var fcr = inputs.FcrImprovement(gain).Analyze(Iterations, center.Options.Seed);

        string? note = null;
        BusinessCaseAnalysis? programme = null;
        try
        {
            programme = ServiceProgramme(inputs, gain, currency).Analyze(Iterations, center.Options.Seed);
        }
        catch (ArgumentException e)
        {
            note = "The service programme could not be valued: " + e.Message;
        }
        return (new DemoBusinessCase(inputs, fcr, programme, note), null);
    }

    /// <summary>FCR +5 points with AHT -15 s, agent attrition -5 points and the service assist at a 10% incrementality.</summary>
    private static BusinessCase ServiceProgramme(MeasuredInputs inputs, UncertainInput gain, Currency currency)
    {
        var fcr = inputs.FcrImprovement(gain);
        var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20)), shrinkage: 0.3);
        var fteCost = UncertainInput.AssumedMoney("loaded cost per FTE a year", "per FTE a year",
            new Money(67_000m, currency), new Money(60_000m, currency), new Money(75_000m, currency),
            "example: 34 per paid hour x 38 hours x 52 weeks = 67,184; range for salary bands");
        var aht = inputs.AhtReduction(planner,
            UncertainInput.Assumed("AHT reduction", "seconds", 15, 5, 25, "coaching and knowledge-base programme target; 5 to 25 s plausible", minimum: 0),
            fteCost);
        double headcount = Math.Ceiling(inputs.StaffingProfile.Fte(planner));
        var attrition = ValueMechanisms.AttritionReduction(
            UncertainInput.Exact("agents", "headcount", headcount, InputSource.Measured(
                "FTE the phone demand needs at 80/20 with 30% shrinkage, rounded up", "StaffingPlanner (Erlang C) on the measured demand profile", inputs.StaffingProfile.ContactsPerInterval.Length)),
            UncertainInput.AssumedShare("attrition reduction", 0.05, 0.02, 0.08, "from 35% to 30% a year; 2 to 8 points plausible"),
            UncertainInput.FromAttritionCost("cost per leaver",
                new AgentAttritionCost(new Money(2_500m, currency), new Money(4_000m, currency), 8, 0.35, new Money(34m, currency), PaidHoursPerWeek),
                0.25, "illustrative HR figures: recruiting 2,500, training 4,000, 8 weeks ramp-up at 35% lower output"));
        var assists = inputs.AssistedConversionValue(UncertainInput.AssumedShare("incremental share of assisted conversions", 0.10, 0.0, 0.25,
            "no holdout test yet: 10% judged likely, 0 to 25% possible"));
        return new BusinessCase("Service programme", currency, [.. fcr.Lines, aht, attrition, assists]);
    }
}
