using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Staffing;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Valuation;

public sealed partial class ContactCenterAnalysis
{
    private readonly Lazy<AnalysisFigure<UncertainInput>> _repeats;
    private readonly Lazy<AnalysisFigure<MeasuredInputs>> _inputs;
    private readonly Lazy<AnalysisFigure<BusinessCaseAnalysis>> _fcrCase;
    private readonly Lazy<AnalysisFigure<BusinessCaseAnalysis>> _programme;

    /// <summary>
    /// Extra repeat contacts an unresolved contact brings: of the last year's handled inbound contacts with a resolved
    /// flag, the share followed by a repeat (<see cref="KpiOptions.Repeat"/>, the FCR definition) when unresolved minus
    /// when resolved, with the normal 95% interval of a difference of proportions.
    /// </summary>
    public AnalysisFigure<UncertainInput> RepeatsPerUnresolvedContact => _repeats.Value;

    /// <summary>The business case's inputs measured from the analysis's figures, each with its interval and source; unavailable when a figure it needs is.</summary>
    public AnalysisFigure<MeasuredInputs> BusinessCaseInputs => _inputs.Value;

    /// <summary>The FCR business case (<see cref="AnalysisOptions.FcrGain"/>) analysed by the seeded Monte Carlo, with its tornado.</summary>
    public AnalysisFigure<BusinessCaseAnalysis> FcrBusinessCase => _fcrCase.Value;

    /// <summary>The service programme: the FCR gain plus the AHT, attrition and assist levers of <see cref="AnalysisOptions.Programme"/>.</summary>
    public AnalysisFigure<BusinessCaseAnalysis> ServiceProgramme => _programme.Value;

    /// <summary>The FCR gain of the business cases as an assumed input (<see cref="AnalysisOptions.FcrGain"/>), one object for every case.</summary>
    public UncertainInput FcrGain => _fcrGain.Value;

    /// <summary>"FCR +5 points" for the analysis's FCR gain: the name of the FCR business case (<see cref="BusinessCase.Scenario"/>).</summary>
    public string FcrCaseName => string.Create(CultureInfo.InvariantCulture, $"FCR +{Options.FcrGain.Point * 100:0.##} points");

    /// <summary>Whether the business case counts the row under the FCR basis: every eligible contact (per contact), or the first contact of each issue (per issue).</summary>
    private bool IsFcrUnit(byte flags) => SegmentInputs.IsFcrUnit(flags, Options.Kpis.Repeat.Basis);

    /// <summary>"issues" or "handled contacts": what FCR and the business case count.</summary>
    private string FcrUnits => Options.Kpis.Repeat.Basis == FcrBasis.Issue ? "issues (their first handled contact)" : "handled contacts";

    /// <summary>The last year's FCR units with a resolved flag: how many were flagged resolved and not, and how many of each a repeat followed.</summary>
    private readonly record struct FlaggedUnits(long Resolved, long RepeatedAfterResolved, long Unresolved, long RepeatedAfterUnresolved)
    {
        public long Flagged => Resolved + Unresolved;
    }

    private readonly Lazy<FlaggedUnits> _flaggedLastYear;

    /// <summary>The business case's counts per segment over the last year (<see cref="SegmentInputs"/>): the one scan of the FCR units with a resolved flag and of the customers with a flagged contact.</summary>
    public IReadOnlyList<SegmentInputs> SegmentInputsLastYear => _segmentInputs.Value;

    private readonly Lazy<IReadOnlyList<SegmentInputs>> _segmentInputs;

    /// <summary>The last year's FCR units (<see cref="IsFcrUnit"/>) with a resolved flag, for the repeats per unresolved contact and the current FCR: the segments' counts added up.</summary>
    private FlaggedUnits ScanFlaggedUnitsLastYear()
    {
        var rows = SegmentInputsLastYear;
        return new FlaggedUnits(rows.Sum(r => r.Resolved), rows.Sum(r => r.RepeatedAfterResolved), rows.Sum(r => r.Unresolved), rows.Sum(r => r.RepeatedAfterUnresolved));
    }

    private AnalysisFigure<UncertainInput> ComputeRepeatsPerUnresolved()
    {
        var (nResolved, kResolved, nUnresolved, kUnresolved) = _flaggedLastYear.Value;
        if (nUnresolved == 0 || nResolved == 0)
        {
            return AnalysisFigure<UncertainInput>.Unavailable("The last year needs both resolved and unresolved handled contacts of identified customers to measure the repeats an unresolved contact brings.");
        }
        double pu = (double)kUnresolved / nUnresolved, pr = (double)kResolved / nResolved;
        var (d, interval) = ProportionInterval.Difference(kUnresolved, nUnresolved, kResolved, nResolved);
        var source = InputSource.Measured(
            string.Create(CultureInfo.InvariantCulture, $"share of {FcrUnits} followed by a repeat ({Options.Kpis.Repeat.Describe()}) in the last 365 days: unresolved {pu * 100:0.0}% minus resolved {pr * 100:0.0}%"),
            "difference of proportions, normal 95% interval; repeats as in FCR", nUnresolved + nResolved);
        return AnalysisFigure<UncertainInput>.Of(UncertainInput.FromInterval("extra repeats per unresolved contact", "contacts", d, interval, source, null, -1, 1));
    }

    private AnalysisFigure<MeasuredInputs> ComputeBusinessCaseInputs()
    {
        var (flagged, resolved) = Options.Kpis.Repeat.Basis == FcrBasis.Issue
            ? (_flaggedLastYear.Value.Flagged, _flaggedLastYear.Value.Resolved)
            : (LastYearByChannel.Sum(g => g.Counts.ResolvedFlagged), LastYearByChannel.Sum(g => g.Counts.ResolvedTrue));
        if (flagged == 0)
        {
            return AnalysisFigure<MeasuredInputs>.Unavailable("No handled contact of the last year has a resolved flag: FCR and its lines cannot be measured.");
        }
        foreach (var (name, reason) in new[]
        {
            ("repeats", RepeatsPerUnresolvedContact.Reason), ("retention", Retention.Reason), ("customer value", Clv.Reason),
            ("staffing profile", StaffingProfile.Reason), ("attribution", Attribution.Reason), ("cost-to-serve", CostToServe.Reason),
        })
        {
            if (reason is not null)
            {
                return AnalysisFigure<MeasuredInputs>.Unavailable($"The business case needs the {name}: {reason}");
            }
        }
        var fcrRate = new RateEstimate(resolved, flagged, $"FCR (resolved flag): flagged resolved / {FcrUnits} with a flag, last 365 days; {Options.Kpis.Repeat.Describe()}");
        var contacts = UncertainInput.Exact("contacts a year", "contacts a year", flagged,
            InputSource.Measured($"{FcrUnits} with a resolved flag in the last 365 days ({Options.Kpis.Repeat.Describe()})", "count; next year's volume taken as last year's", flagged));
        var fcr = UncertainInput.FromRate("current FCR", fcrRate, $"share of {FcrUnits} flagged resolved, last 365 days");
        var customersAffected = CustomersWithContactInput;
        var c = Retention.Value.Uplift.Comparison;
        var retention = UncertainInput.FromRetentionDifference("retention uplift (resolved vs not)", c.Difference,
            string.Create(CultureInfo.InvariantCulture, $"{Options.RetentionHorizon.TotalDays:0}-day retention after the first contact with a known outcome, resolved ({c.Reference.Retention * 100:0.0}%) minus not ({c.Exposed.Retention * 100:0.0}%); index-date design"),
            c.Reference.Customers + c.Exposed.Customers);
        var valuePerCustomer = ValuePerCustomerInput!;
        var attribution = Attribution.Value;
        var assisted = attribution.ServiceAssistedLastYear;
        var assistedInput = UncertainInput.Exact("service-assisted conversions a year", "conversions a year", assisted.Conversions,
            InputSource.Measured(
                string.Create(CultureInfo.InvariantCulture, $"conversions in the last 365 days with a service contact before the last touch of their journey ({Options.JourneyLookback.TotalDays:0}-day lookback), of {assisted.OfConversions:N0}"),
                "journeys (JourneyBuilder); assist = service touch not last", (long)assisted.OfConversions));
        UncertainInput? valuePerConversion = assisted.Conversions > 0
            ? UncertainInput.Exact("margin per assisted conversion", $"{Currency} per conversion", (double)assisted.Value.Amount / assisted.Conversions * Options.Margin,
                InputSource.Modelled(string.Create(CultureInfo.InvariantCulture, $"mean value of the assisted conversions (measured) x {Options.Margin * 100:0}% margin (assumed)"), "mean x margin", (long)assisted.Conversions), Currency)
            : null;
        var costPerContact = CostPerContactInput!;
        string notes = string.Create(CultureInfo.InvariantCulture,
            $"A year = the 365 days before {Window.End}. Repeats: {Options.Kpis.Repeat.Describe()}; retention horizon {Options.RetentionHorizon.TotalDays:0} days; margin {Options.Margin * 100:0}% on purchases and conversion values (assumed); CLV over {Options.ClvYears} years at {Options.AnnualDiscountRate * 100:0}% a year; staffing on an average week of {Options.StaffedChannel.ToSchemaName()} arrivals in {Options.StaffingInterval.TotalMinutes:0}-minute intervals, {Options.PaidTimePerFteWeek.TotalHours:0.#} paid hours per FTE a week.");
        return AnalysisFigure<MeasuredInputs>.Of(new MeasuredInputs(Currency, contacts, fcr, RepeatsPerUnresolvedContact.Value, customersAffected, retention,
            valuePerCustomer, StaffingProfile.Value, assistedInput, valuePerConversion, costPerContact, notes));
    }

    /// <summary>The value of a customer kept as a business-case input (modelled: the CLV models' mean), shared by every case; null when the CLV is unavailable.</summary>
    private UncertainInput? ValuePerCustomerInput => _valuePerCustomerInput.Value;

    /// <summary>The cost of an avoided contact as a business-case input (modelled), shared by every case; null when cost-to-serve is unavailable.</summary>
    private UncertainInput? CostPerContactInput => _costPerContactInput.Value;

    /// <summary>Customers with a handled contact with a known outcome in the last year (measured), shared by every case.</summary>
    private UncertainInput CustomersWithContactInput => _customersWithContact.Value;

    private readonly Lazy<UncertainInput?> _valuePerCustomerInput;
    private readonly Lazy<UncertainInput?> _costPerContactInput;
    private readonly Lazy<UncertainInput> _customersWithContact;

    private UncertainInput? ComputeValuePerCustomerInput()
    {
        if (!Clv.TryGetValue(out var clv))
        {
            return null;
        }
        return UncertainInput.FromInterval("value per customer", $"{Currency} per customer", (double)clv.ValuePerCustomer.Amount,
            clv.ValuePerCustomerInterval, InputSource.Modelled(clv.Definition, "mean over customers, normal 95% interval of the mean (the models' parameter uncertainty is not included)", clv.Values.Length),
            Currency, 0);
    }

    private UncertainInput ComputeCustomersWithContact()
    {
        long customerCount = CustomersWithFlaggedContactLastYear();
        return UncertainInput.Exact("customers with a contact a year", "customers a year", customerCount,
            InputSource.Measured("customers with a handled contact with a known outcome in the last 365 days", "distinct count", customerCount));
    }

    /// <summary>Cost per contact of the agent channels over the window: their cost / their contacts; without the overheads allocated to them unless <see cref="AnalysisOptions.AvoidedContactCost"/> is fully loaded.</summary>
    private UncertainInput AgentCostPerContact(CostToServeResult costs)
    {
        bool marginal = Options.AvoidedContactCost == AvoidedContactCost.Marginal;
        var (total, contacts) = CostOfChannels(costs, c => c.IsAgentHandled());
        decimal point = contacts > 0 ? decimal.Round(total / contacts, 6) : 0m;
        double range = Options.CostRange;
        string basis = marginal
            ? "marginal: agent time, per-minute telephony and IVR, per-contact platform and bot fees; overheads left out, an avoided contact does not save them"
            : "fully loaded: the marginal cost plus the overheads allocated per contact";
        var source = InputSource.Modelled(
            string.Create(CultureInfo.InvariantCulture, $"cost per contact ({basis}) of the {contacts:N0} agent-handled contacts of the window: measured handle times x assumed rates from {Options.RatesSource}"),
            string.Create(CultureInfo.InvariantCulture, $"activity-based cost-to-serve, agent channels' cost / their contacts; range +-{range * 100:0}% for the rates (assumed)"), contacts);
        return new UncertainInput(marginal ? "marginal cost per contact" : "fully loaded cost per contact", $"{costs.Currency} per contact", (double)point, (double)point * (1 - range), (double)point * (1 + range), 1,
            SamplingDistribution.Pert, source, costs.Currency, 0);
    }

    /// <summary>
    /// The cost and the contacts of the channels <paramref name="which"/> selects, over the window: without the overheads
    /// allocated to them unless <see cref="AnalysisOptions.AvoidedContactCost"/> is fully loaded.
    /// </summary>
    private (decimal Cost, long Contacts) CostOfChannels(CostToServeResult costs, Func<Channel, bool> which)
    {
        bool marginal = Options.AvoidedContactCost == AvoidedContactCost.Marginal;
        decimal total = 0m;
        long contacts = 0;
        foreach (var g in costs.ByChannel)
        {
            if (ChannelNames.TryParseChannel(g.Key, out var channel) && which(channel))
            {
                total += g.Cost.Total.Amount - (marginal ? g.Cost.Overhead.Amount : 0m);
                contacts += g.Contacts;
            }
        }
        return (total, contacts);
    }

    private long CustomersWithFlaggedContactLastYear() => SegmentInputsLastYear.Sum(r => r.Customers);

    private readonly Lazy<UncertainInput> _fcrGain;

    private UncertainInput FcrGainInput()
    {
        var (point, low, high) = Options.FcrGain;
        return UncertainInput.AssumedShare("FCR gain", point, low, high,
            string.Create(CultureInfo.InvariantCulture, $"the programme's target of +{point * 100:0.#} points; {low * 100:0.#} to {high * 100:0.#} points judged plausible"));
    }

    private AnalysisFigure<BusinessCaseAnalysis> ComputeFcrCase() => !BusinessCaseInputs.TryGetValue(out var inputs)
        ? AnalysisFigure<BusinessCaseAnalysis>.Unavailable(BusinessCaseInputs.Reason!)
        : Try(() => AnalysisFigure<BusinessCaseAnalysis>.Of(inputs.FcrImprovement(FcrGain).Analyze(Options.Iterations, Options.Seed)));

    private AnalysisFigure<BusinessCaseAnalysis> ComputeProgramme()
    {
        if (!BusinessCaseInputs.TryGetValue(out var inputs))
        {
            return AnalysisFigure<BusinessCaseAnalysis>.Unavailable(BusinessCaseInputs.Reason!);
        }
        if (inputs.ValuePerConversion is null)
        {
            return AnalysisFigure<BusinessCaseAnalysis>.Unavailable("No conversion of the last year was assisted by service, so the programme's assist line has no value per conversion.");
        }
        if (Options.Programme.AhtReductionSeconds.High >= inputs.StaffingProfile.AverageHandleTime.TotalSeconds)
        {
            return AnalysisFigure<BusinessCaseAnalysis>.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"The assumed AHT reduction (up to {Options.Programme.AhtReductionSeconds.High:0} s) is not shorter than the measured AHT ({inputs.StaffingProfile.AverageHandleTime.TotalSeconds:0} s)."));
        }
        return Try(() =>
        {
            var p = Options.Programme;
            var currency = Currency;
            var fcr = inputs.FcrImprovement(FcrGain);
            var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Options.ServiceLevelThreshold), shrinkage: p.Shrinkage);
            double paidHours = Options.PaidTimePerFteWeek.TotalHours;
            var fteCost = UncertainInput.AssumedMoney("loaded cost per FTE a year", "per FTE a year",
                new Money(p.LoadedCostPerFteYear.Point, currency), new Money(p.LoadedCostPerFteYear.Low, currency), new Money(p.LoadedCostPerFteYear.High, currency),
                string.Create(CultureInfo.InvariantCulture, $"example: {p.LoadedCostPerHour} per paid hour x {paidHours:0.#} hours x 52 weeks = {p.LoadedCostPerHour * (decimal)paidHours * 52:#,0}; range for salary bands"));
            var (ahtPoint, ahtLow, ahtHigh) = p.AhtReductionSeconds;
            var aht = inputs.AhtReduction(planner,
                UncertainInput.Assumed("AHT reduction", "seconds", ahtPoint, ahtLow, ahtHigh,
                    string.Create(CultureInfo.InvariantCulture, $"coaching and knowledge-base programme target; {ahtLow:0} to {ahtHigh:0} s plausible"), minimum: 0),
                fteCost);
            var (attrition, attritionReason) = AttritionLine(inputs, inputs.StaffingProfile.Fte(planner), currency);
            if (attrition is null)
            {
                return AnalysisFigure<BusinessCaseAnalysis>.Unavailable(attritionReason!);
            }
            var (incPoint, incLow, incHigh) = p.AssistIncrementality;
            var assists = inputs.AssistedConversionValue(UncertainInput.AssumedShare("incremental share of assisted conversions", incPoint, incLow, incHigh,
                string.Create(CultureInfo.InvariantCulture, $"no holdout test yet: {incPoint * 100:0}% judged likely, {incLow * 100:0}% to {incHigh * 100:0}% possible")));
            var programme = new BusinessCase("Service programme", currency, [.. fcr.Lines, aht, attrition, assists]);
            return AnalysisFigure<BusinessCaseAnalysis>.Of(programme.Analyze(Options.Iterations, Options.Seed));
        });
    }
}
