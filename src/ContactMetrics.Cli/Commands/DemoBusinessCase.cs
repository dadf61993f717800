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

    /// <summary>Illustrative rates, stated as assumptions: a loaded 32 EUR per paid hour, 30% shrinkage, 80-85% occupancy.</summary>
    public const string RatesSource = "illustrative demo rates (assumed): 32 per paid hour loaded, 30% shrinkage, occupancy 0.8 (phone, chat, messaging, social) and 0.85 (email), concurrency 2 on chat and messaging, telephony 0.012 per minute";

    /// <summary>Measures the inputs and analyses both cases; <see langword="null"/> with the reason when the data is too small to measure them.</summary>
    public static (DemoBusinessCase? Case, string? Reason) Build(SimulatedContactCenter center)
    {
        var currency = center.Options.Currency;
        MeasuredInputs inputs;
        try
        {
            inputs = BusinessCaseMeasurement.Measure(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions,
                new MeasurementOptions(center.End, center.Options.TimeZone) { CostModel = Rates(currency), CostRatesSource = RatesSource });
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
            new Money(52_000m, currency), new Money(46_000m, currency), new Money(60_000m, currency),
            "illustrative: 32 per paid hour x 1,625 paid hours a year; range for salary bands");
        var aht = inputs.AhtReduction(planner,
            UncertainInput.Assumed("AHT reduction", "seconds", 15, 5, 25, "coaching and knowledge-base programme target; 5 to 25 s plausible", minimum: 0),
            fteCost);
        double headcount = Math.Ceiling(inputs.StaffingProfile.Fte(planner));
        var attrition = ValueMechanisms.AttritionReduction(
            UncertainInput.Exact("agents", "headcount", headcount, InputSource.Measured(
                "FTE the phone demand needs at 80/20 with 30% shrinkage, rounded up", "StaffingPlanner (Erlang C) on the measured demand profile", inputs.StaffingProfile.ContactsPerInterval.Length)),
            UncertainInput.AssumedShare("attrition reduction", 0.05, 0.02, 0.08, "from 35% to 30% a year; 2 to 8 points plausible"),
            UncertainInput.FromAttritionCost("cost per leaver",
                new AgentAttritionCost(new Money(2_500m, currency), new Money(4_000m, currency), 8, 0.35, new Money(32m, currency), 37.5),
                0.25, "illustrative HR figures: recruiting 2,500, training 4,000, 8 weeks ramp-up at 35% lower output"));
        var assists = inputs.AssistedConversionValue(UncertainInput.AssumedShare("incremental share of assisted conversions", 0.10, 0.0, 0.25,
            "no holdout test yet: 10% judged likely, 0 to 25% possible"));
        return new BusinessCase("Service programme", currency, [.. fcr.Lines, aht, attrition, assists]);
    }

    private static CostModel Rates(Currency currency)
    {
        var hour = new Money(32m, currency);
        var telephony = new Money(0.012m, currency);
        return new CostModel(currency,
        [
            new ChannelRates(Channel.Phone, hour, 0.3, 0.8, telephonyPerMinute: telephony),
            new ChannelRates(Channel.Email, hour, 0.3, 0.85),
            new ChannelRates(Channel.Chat, hour, 0.3, 0.8, concurrency: 2),
            new ChannelRates(Channel.Messaging, hour, 0.3, 0.8, concurrency: 2),
            new ChannelRates(Channel.Social, hour, 0.3, 0.8),
        ]);
    }
}
