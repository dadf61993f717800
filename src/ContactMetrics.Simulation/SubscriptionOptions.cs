namespace ContactMetrics.Simulation;

/// <summary>
/// A contractual business (telecom, insurance): every customer pays a recurring fee from acquisition until churn,
/// written as purchases, on top of the BG/NBD purchases (upsells). See <see cref="SimulationPresets"/>.
/// </summary>
/// <remarks>
/// A customer's fee per month is drawn once, Gamma with mean <see cref="MonthlyFeeMean"/> and shape
/// <see cref="FeeShape"/> (plans differ), times their segment's <see cref="SegmentOptions.ValueFactor"/>, and a payment
/// plan from <see cref="BillingPlans"/> (by their shares): a bill of the plan's months of fees falls due at acquisition
/// and every plan period after, paid up to <see cref="MaxPaymentDelayDays"/> days late (uniform), until churn or the
/// end of the period. The mix of plans and the payment delays make the bills a purchase process with heterogeneous
/// rates, which the analysis's BG/NBD can fit.
/// </remarks>
public sealed record SubscriptionOptions
{
    /// <summary>Mean fee per month across customers, in the simulation's currency; greater than 0. Default 30.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public double MonthlyFeeMean { get; init => field = Preconditions.CheckPositive(value, nameof(MonthlyFeeMean)); } = 30;

    /// <summary>Gamma shape of the customers' fees (larger: more alike); greater than 0. Default 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public double FeeShape { get; init => field = Preconditions.CheckPositive(value, nameof(FeeShape)); } = 4;

    /// <summary>The payment plans (months per bill) and their shares of customers; shares sum to 1. Default monthly 60%, quarterly 25%, annual 15%.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, repeats a plan, has a null entry, or its shares do not sum to 1.</exception>
    public IReadOnlyList<BillingPlan> BillingPlans
    {
        get;
        init => field = OptionChecks.ShareList(value, p => p.Months, p => p.Share, nameof(BillingPlans));
    } = Array.AsReadOnly(new[] { new BillingPlan(1, 0.60), new BillingPlan(3, 0.25), new BillingPlan(12, 0.15) });

    /// <summary>The longest delay of a payment after its due date, in days, 0-60. Default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 60].</exception>
    public int MaxPaymentDelayDays { get; init => field = Preconditions.CheckInRange(value, 0, 60, nameof(MaxPaymentDelayDays)); } = 10;
}

/// <summary>A payment plan of a subscription: a bill every <see cref="Months"/> months, chosen by a share of customers.</summary>
public sealed record BillingPlan
{
    /// <summary>Creates a payment plan.</summary>
    /// <param name="months">Months per bill, 1-12.</param>
    /// <param name="share">Share of customers on the plan, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the exception names it.</exception>
    public BillingPlan(int months, double share)
    {
        Months = months;
        Share = share;
    }

    /// <summary>Months per bill, 1-12.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 12].</exception>
    public int Months { get; init => field = Preconditions.CheckInRange(value, 1, 12, nameof(Months)); }

    /// <summary>Share of customers on the plan, in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Share { get; init => field = OptionChecks.Probability(value, nameof(Share)); }
}
