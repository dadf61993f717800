using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Staffing;

namespace ContactMetrics.Valuation;

/// <summary>
/// The inputs of a contact-center business case measured from data by <see cref="ContactCenterAnalysis.BusinessCaseInputs"/>, each with
/// its interval and source, plus the demand profile for the staffing lines. The scenarios combine them with the
/// user's assumptions (the KPI change, costs). Immutable.
/// </summary>
/// <param name="Currency">The currency of purchases and conversions.</param>
/// <param name="Contacts">Handled contacts with a known outcome (resolved flag) in the last year: the base of the FCR lines.</param>
/// <param name="FirstContactResolution">The current FCR by the resolved flag, with its Wilson interval (for the headline; not a factor of a line).</param>
/// <param name="RepeatsPerUnresolvedContact">Extra repeat contacts an unresolved contact brings: the share followed by a same-reason contact within the repeat window, unresolved minus resolved.</param>
/// <param name="CustomersAffected">Customers with a contact with a known outcome in the last year.</param>
/// <param name="RetentionUplift">Retention at the horizon, first contact resolved minus not (index-date Kaplan-Meier).</param>
/// <param name="ValuePerCustomer">The mean CLV of active customers (BG/NBD x Gamma-Gamma), with the interval of the mean; <see langword="null"/> when the models could not be fitted.</param>
/// <param name="StaffingProfile">The average week of the staffed channel's arrivals, in intervals, at its measured handle time.</param>
/// <param name="AssistedConversions">Conversions in the last year with a service contact before the last touch of their journey.</param>
/// <param name="ValuePerConversion">The mean value of those conversions x the margin.</param>
/// <param name="CostPerContact">The cost per contact of the agent channels' contacts of the last year from cost-to-serve, when the options had a cost model.</param>
/// <param name="Notes">What the measurement assumed (margin, windows), in words.</param>
public sealed record MeasuredInputs(
    Currency Currency,
    UncertainInput Contacts,
    UncertainInput FirstContactResolution,
    UncertainInput RepeatsPerUnresolvedContact,
    UncertainInput CustomersAffected,
    UncertainInput RetentionUplift,
    UncertainInput? ValuePerCustomer,
    StaffingProfile StaffingProfile,
    UncertainInput AssistedConversions,
    UncertainInput? ValuePerConversion,
    UncertainInput? CostPerContact,
    string Notes)
{
    /// <summary>
    /// The FCR scenario: FCR up by <paramref name="fcrGain"/>, valued through repeat contacts avoided x
    /// <paramref name="costPerContact"/> and churn avoided x <paramref name="valuePerCustomer"/> (the measured
    /// <see cref="ValuePerCustomer"/> when null).
    /// </summary>
    /// <param name="fcrGain">The FCR improvement as a share (an assumption: what the programme is expected to achieve).</param>
    /// <param name="costPerContact">The cost of one contact; <see langword="null"/> for the measured <see cref="CostPerContact"/>.</param>
    /// <param name="valuePerCustomer">The value of a customer kept; <see langword="null"/> for the measured mean CLV.</param>
    /// <returns>The business case <c>FCR +x points</c> with its two lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fcrGain"/> is null.</exception>
    /// <exception cref="ArgumentException">No value per customer or cost per contact is given and none was measured.</exception>
    /// <exception cref="CurrencyMismatchException">A money input is not in <see cref="Currency"/>.</exception>
    public BusinessCase FcrImprovement(UncertainInput fcrGain, UncertainInput? costPerContact = null, UncertainInput? valuePerCustomer = null)
    {
        Preconditions.CheckNotNull(fcrGain);
        costPerContact ??= CostPerContact ?? throw new ArgumentException(
            "No cost per contact was measured (the measurement had no cost model); give one.", nameof(costPerContact));
        valuePerCustomer ??= ValuePerCustomer ?? throw new ArgumentException(
            "The value per customer could not be measured (the CLV models did not fit); give one.", nameof(valuePerCustomer));
        var repeats = ValueMechanisms.RepeatContactsAvoided(Contacts, fcrGain, RepeatsPerUnresolvedContact, costPerContact);
        var churn = ValueMechanisms.ChurnAvoidedByFcr(CustomersAffected, RetentionUplift, fcrGain, valuePerCustomer);
        return new BusinessCase(string.Create(CultureInfo.InvariantCulture, $"FCR +{fcrGain.Point * 100:0.##} points"), Currency, [repeats, churn]);
    }

    /// <summary>
    /// The AHT scenario: handle time of the staffed channel shorter by <paramref name="reductionSeconds"/>, valued through
    /// the FTE saved by <paramref name="planner"/> on <see cref="StaffingProfile"/> x <paramref name="loadedCostPerFteYear"/>.
    /// </summary>
    /// <param name="planner">The staffing planner (target, shrinkage).</param>
    /// <param name="reductionSeconds">The reduction in seconds (an assumption).</param>
    /// <param name="loadedCostPerFteYear">The loaded cost of one FTE a year.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction's high end is not shorter than the measured handle time.</exception>
    public LineItem AhtReduction(StaffingPlanner planner, UncertainInput reductionSeconds, UncertainInput loadedCostPerFteYear) =>
        ValueMechanisms.AhtReduction(StaffingProfile, planner, reductionSeconds, loadedCostPerFteYear);

    /// <summary>The assisted-conversions line: measured assisted conversions x measured value per conversion x <paramref name="incrementalShare"/>.</summary>
    /// <param name="incrementalShare">The share of assisted conversions the service contact caused (an assumption unless an experiment measured it).</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="incrementalShare"/> is null.</exception>
    /// <exception cref="ArgumentException">No conversion was assisted, so there is no value per conversion.</exception>
    public LineItem AssistedConversionValue(UncertainInput incrementalShare) =>
        ValueMechanisms.AssistedConversions(AssistedConversions,
            ValuePerConversion ?? throw new ArgumentException("No conversion in the last year was assisted by service, so there is no value per conversion.", nameof(incrementalShare)),
            incrementalShare);
}
