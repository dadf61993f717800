using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// An outbound campaign (retention and upsell calls to active customers) dialled by the phone agents between inbound
/// calls: call blending, the way a real center fills the idle time that an Erlang plan for an inbound service level
/// leaves.
/// </summary>
/// <remarks>
/// <para>Per open hour the campaign releases n = round((<see cref="TargetOccupancy"/> x required agents x 3,600 s -
/// forecast inbound calls x inbound mean handle time) / <see cref="MeanHandleTime"/>) calls (none when the inbound work
/// alone reaches the target), spread evenly over the hour; calls not dialled by the end of the hour lapse. The
/// required agents are the Erlang plan's, before the planted day deviation, so an overstaffed day has idle time left
/// and an understaffed day cannot dial its calls.</para>
/// <para>A phone agent dials a released call only when no inbound call waits and more than <see cref="ReserveAgents"/>
/// agents are free (inbound first). The customer is drawn uniformly among the customers active at that instant; the call
/// connects at once (unreached numbers are not written), has no hold, no survey, no repeat and no effect on churn or
/// conversions, and is written with direction outbound, queue <c>phone_outbound</c> and reason <see cref="Reason"/>
/// (resolved empty). A new hire's talk and after-contact work take longer, as on inbound calls.</para>
/// </remarks>
public sealed record OutboundOptions
{
    /// <summary>The phone occupancy (inbound and outbound work over agent time) the campaign fills to, in (0, 1]. Default 0.85.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1] or NaN.</exception>
    public double TargetOccupancy
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TargetOccupancy), value, "The target occupancy must be in (0, 1].");
    } = 0.85;

    /// <summary>Free agents kept for inbound calls: an agent dials only while more than this many are free, 0-100. Default 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 100].</exception>
    public int ReserveAgents { get; init => field = Preconditions.CheckInRange(value, 0, 100, nameof(ReserveAgents)); } = 2;

    /// <summary>The reason written on campaign calls. Default <c>retention_offer</c>.</summary>
    /// <exception cref="ArgumentException">The value is null, empty or whitespace.</exception>
    public string Reason { get; init => field = OptionChecks.Name(value, nameof(Reason)); } = "retention_offer";

    /// <summary>Median talk time of a campaign call (lognormal); greater than 0. Default 4 minutes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration TalkMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(TalkMedian)); } = Duration.FromMinutes(4);

    /// <summary>Log-scale standard deviation of the talk time, at least 0. Default 0.6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or NaN.</exception>
    public double TalkSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(TalkSigma)); } = 0.6;

    /// <summary>Median after-contact work of a campaign call (lognormal); greater than 0. Default 45 seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration AfterCallWorkMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(AfterCallWorkMedian)); } = Duration.FromSeconds(45);

    /// <summary>Log-scale standard deviation of the after-contact work, at least 0. Default 0.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or NaN.</exception>
    public double AfterCallWorkSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(AfterCallWorkSigma)); } = 0.5;

    /// <summary>The mean handle time of a campaign call (talk and after-contact work, lognormal means) by an experienced agent.</summary>
    public Duration MeanHandleTime => Duration.FromSeconds(
        (TalkMedian.TotalSeconds * Math.Exp(TalkSigma * TalkSigma / 2)) + (AfterCallWorkMedian.TotalSeconds * Math.Exp(AfterCallWorkSigma * AfterCallWorkSigma / 2)));
}
