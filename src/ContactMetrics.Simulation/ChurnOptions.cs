namespace ContactMetrics.Simulation;

/// <summary>
/// The planted churn process: a proportional-hazards model with one time-varying covariate,
/// "has had an unresolved contact".
/// </summary>
/// <remarks>
/// <para>A customer of segment s has hazard h0_s (<see cref="SegmentOptions.AnnualChurnHazard"/>, per
/// year) from acquisition until the end of the first contact that was not resolved (an abandoned
/// contact, or an answered one with <see cref="Domain.Interaction.Resolved"/> false), and
/// h0_s * <see cref="UnresolvedHazardRatio"/> from then on. So a Cox model with that time-varying
/// covariate (stratified by segment) estimates log(<see cref="UnresolvedHazardRatio"/>), and the
/// ratio of churn events per customer-year exposed to unexposed estimates the ratio itself within a
/// segment.</para>
/// <para>Simulated by inversion of the cumulative hazard (Austin 2012, "Generating survival times to
/// simulate Cox proportional hazards models with time-varying covariates", Statistics in Medicine
/// 31(29)): each customer draws E ~ Exp(1) and churns when the cumulative hazard reaches E. The
/// churn instant's local date is <see cref="Domain.Customer.ChurnedOn"/>; nothing of the customer
/// happens after it (no contacts, purchases, touchpoints or conversions).</para>
/// </remarks>
public sealed record ChurnOptions
{
    /// <summary>No churn at all: every baseline hazard is treated as 0, so purchases are exactly BG/NBD.</summary>
    public static ChurnOptions None { get; } = new() { Enabled = false };

    /// <summary>Whether customers churn; <see langword="false"/> is the same as a zero baseline hazard in every segment. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The planted hazard ratio of churn after the first unresolved contact (greater than 1: service
    /// failures drive churn); greater than 0. Default 1.8.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double UnresolvedHazardRatio { get; init => field = Preconditions.CheckPositive(value, nameof(UnresolvedHazardRatio)); } = 1.8;
}
