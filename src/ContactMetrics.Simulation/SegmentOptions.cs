namespace ContactMetrics.Simulation;

/// <summary>
/// A customer segment of the simulated base: its share of customers, how often its customers
/// contact the service, and its baseline churn hazard.
/// </summary>
/// <remarks>
/// Planted parameters. A customer's own contact rate is <see cref="ContactsPerYear"/> times a
/// gamma multiplier with mean 1 (see <see cref="ContactOptions.RateShape"/>). The churn hazard is
/// constant in time (exponential lifetimes) until the customer's first unresolved contact, after
/// which it is multiplied by <see cref="ChurnOptions.UnresolvedHazardRatio"/>.
/// </remarks>
public sealed record SegmentOptions
{
    /// <summary>Creates a segment.</summary>
    /// <param name="name">The name written to <see cref="Domain.Customer.Segment"/>, e.g. <c>consumer</c>.</param>
    /// <param name="share">The share of customers in the segment, in [0, 1]; the shares of all segments sum to 1.</param>
    /// <param name="contactsPerYear">Mean first contacts (not counting repeats) per customer per year while a customer; at least 0.</param>
    /// <param name="annualChurnHazard">Baseline churn hazard per year (365.25 days) before any unresolved contact; at least 0.</param>
    /// <exception cref="ArgumentException">A value is out of range; the exception names it.</exception>
    public SegmentOptions(string name, double share, double contactsPerYear, double annualChurnHazard)
    {
        Name = name;
        Share = share;
        ContactsPerYear = contactsPerYear;
        AnnualChurnHazard = annualChurnHazard;
    }

    /// <summary>The segment's name, e.g. <c>consumer</c>; not blank, no surrounding white space.</summary>
    /// <exception cref="ArgumentException">The value is blank or has surrounding white space.</exception>
    public string Name { get; init => field = OptionChecks.Name(value, nameof(Name)); }

    /// <summary>The share of customers in the segment, in [0, 1]. Unit: fraction of <see cref="SimulationOptions.Customers"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Share { get; init => field = OptionChecks.Probability(value, nameof(Share)); }

    /// <summary>
    /// Mean number of first contacts (repeats come on top) per customer per year (365.25 days) while
    /// the customer is active, averaged over the week (see <see cref="ContactOptions.WeekdayWeights"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double ContactsPerYear { get; init => field = Preconditions.CheckNonNegative(value, nameof(ContactsPerYear)); }

    /// <summary>
    /// Baseline churn hazard h0 per year (365.25 days): without unresolved contacts, lifetimes are
    /// exponential with mean 1 / h0 years, so the one-year survival is exp(-h0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double AnnualChurnHazard { get; init => field = Preconditions.CheckNonNegative(value, nameof(AnnualChurnHazard)); }

    /// <summary>
    /// The planted CSAT -> churn relation of the segment: while a customer's most recent CSAT answer is top-box (5), their
    /// churn hazard is multiplied by this ratio (below 1: satisfied customers churn less); greater than 0. Default 1 (no
    /// effect); the presets plant a segment-specific ratio (docs/simulation.md).
    /// </summary>
    /// <remarks>
    /// The hazard stays piecewise constant: it changes when the customer answers a survey with a top-box CSAT after a
    /// lower one or without one before, or the reverse, and at the first unresolved contact
    /// (<see cref="ChurnOptions.UnresolvedHazardRatio"/>); the two ratios multiply. A Cox model with both time-varying
    /// covariates on the exact churn instants (<see cref="PlantedEffectChecks.TopBoxHazardRatio"/>) estimates this ratio.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double TopBoxHazardRatio { get; init => field = Preconditions.CheckPositive(value, nameof(TopBoxHazardRatio)); } = 1.0;

    /// <summary>
    /// Multiplies the subscription fee of the segment's customers (<see cref="SubscriptionOptions"/>): business plans
    /// cost more than consumer plans; greater than 0. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public double ValueFactor { get; init => field = Preconditions.CheckPositive(value, nameof(ValueFactor)); } = 1.0;
}
