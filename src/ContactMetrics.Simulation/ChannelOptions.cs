using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// How the simulated contact center handles a channel's contacts: derived from the channel's traits in Domain
/// (<see cref="ChannelTraits"/>), the same traits the KPIs and the report use.
/// </summary>
internal enum ChannelHandling
{
    /// <summary>
    /// Real-time, through a first-in first-out queue served by the agents of the staffing plan:
    /// waiting times and abandonment (exponential patience) come out of the queue (phone, chat, messaging).
    /// </summary>
    Queued = 0,

    /// <summary>
    /// Answered by an agent after a lognormal response delay, never abandoned (email).
    /// </summary>
    Asynchronous = 1,

    /// <summary>Answered at once without an agent (help center, portal); no talk time is recorded.</summary>
    SelfService = 2,
}

/// <summary>
/// The planted behaviour of one contact channel: its share of first contacts, how it is handled,
/// its handle-time distributions, patience, transfers and resolution probability.
/// </summary>
/// <remarks>
/// Durations are lognormal with the given median and log-scale standard deviation sigma (mean
/// median * exp(sigma^2 / 2)), rounded to whole seconds, at least 1 s. A contact's resolution
/// probability is min(1, <see cref="ResolutionProbability"/> * <see cref="ReasonOptions.ResolutionFactor"/>);
/// an abandoned contact is never resolved.
/// </remarks>
public sealed record ChannelOptions
{
    /// <summary>Creates a channel's options; the other properties keep their documented defaults unless set.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="share">Its share of first contacts, in [0, 1]; the shares of all channels sum to 1.</param>
    /// <exception cref="ArgumentException">A value is out of range; the exception names it.</exception>
    public ChannelOptions(Channel channel, double share)
    {
        Channel = channel;
        Share = share;
    }

    /// <summary>The channel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined channel.</exception>
    public Channel Channel
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Channel), value, "Not a defined channel.");
    }

    /// <summary>
    /// How the channel's contacts are handled, from the channel's traits: a live queue (phone, chat, messaging, social) is
    /// served from a first-in first-out queue, an asynchronous channel (email) after a response delay, a self-service
    /// channel without an agent.
    /// </summary>
    internal ChannelHandling Handling => Channel.IsLiveQueue() ? ChannelHandling.Queued
        : Channel.IsAsynchronous() ? ChannelHandling.Asynchronous
        : ChannelHandling.SelfService;

    /// <summary>Share of first contacts (not repeats) on this channel, in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Share { get; init => field = OptionChecks.Probability(value, nameof(Share)); }

    /// <summary>
    /// Median talk (active handling) time of one contact; for self-service channel the
    /// median session length (EndedAt - ArrivedAt, with zero talk time). Default 5 minutes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration TalkMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(TalkMedian)); } = Duration.FromMinutes(5);

    /// <summary>Log-scale standard deviation of the talk time; at least 0. Default 0.6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double TalkSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(TalkSigma)); } = 0.6;

    /// <summary>Probability that an answered contact has hold time, in [0, 1]. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double HoldProbability { get; init => field = OptionChecks.Probability(value, nameof(HoldProbability)); }

    /// <summary>Median hold time when there is hold. Default 1 minute.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration HoldMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(HoldMedian)); } = Duration.FromMinutes(1);

    /// <summary>Log-scale standard deviation of the hold time; at least 0. Default 0.7.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double HoldSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(HoldSigma)); } = 0.7;

    /// <summary>Median after-contact work (wrap-up) time of an agent-handled contact. Default 30 seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration AfterCallWorkMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(AfterCallWorkMedian)); } = Duration.FromSeconds(30);

    /// <summary>Log-scale standard deviation of the after-contact work; at least 0. Default 0.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double AfterCallWorkSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(AfterCallWorkSigma)); } = 0.5;

    /// <summary>
    /// Mean patience of a waiting contact (live-queue channels only): each contact
    /// abandons if not answered within an exponential time with this mean. Default 3 minutes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration MeanPatience { get; init => field = OptionChecks.PositiveDuration(value, nameof(MeanPatience)); } = Duration.FromMinutes(3);

    /// <summary>
    /// How many contacts one agent handles at once (live-queue channels only): 1 for
    /// phone, more for chat and messaging. At least 1. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Concurrency { get; init => field = Preconditions.CheckInRange(value, 1, 100, nameof(Concurrency)); } = 1;

    /// <summary>
    /// Median time from arrival to answer (<see cref="ChannelHandling.Asynchronous"/> only). Default 4 hours.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration ResponseMedian { get; init => field = OptionChecks.PositiveDuration(value, nameof(ResponseMedian)); } = Duration.FromHours(4);

    /// <summary>Log-scale standard deviation of the response delay; at least 0. Default 0.8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double ResponseSigma { get; init => field = Preconditions.CheckNonNegative(value, nameof(ResponseSigma)); } = 0.8;

    /// <summary>
    /// Probability that an agent-handled contact is transferred once, in [0, 1]; a transfer adds a
    /// second talk segment drawn like the first. Ignored for self-service. Default 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double TransferProbability { get; init => field = OptionChecks.Probability(value, nameof(TransferProbability)); }

    /// <summary>
    /// Probability that an answered contact is resolved before the reason's factor, in [0, 1]. Default 0.75.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double ResolutionProbability { get; init => field = OptionChecks.Probability(value, nameof(ResolutionProbability)); } = 0.75;

    /// <summary>
    /// The local hour (0-23) at which the channel opens on its open days. A live-queue channel receives contacts only
    /// while open; an asynchronous channel (email) receives messages around the clock and its agents answer them while
    /// open. Default 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 23].</exception>
    public int Opens { get; init => field = Preconditions.CheckInRange(value, 0, 23, nameof(Opens)); }

    /// <summary>The local hour (1-24) at which the channel closes, after <see cref="Opens"/>. Default 24.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 24].</exception>
    public int Closes { get; init => field = Preconditions.CheckInRange(value, 1, 24, nameof(Closes)); } = 24;

    /// <summary>
    /// The open days of the week, counted from Monday (6: Monday-Saturday), 1-7. A contact drawn on a closed day moves to
    /// the next open day. Default 7.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 7].</exception>
    public int OpenDaysPerWeek { get; init => field = Preconditions.CheckInRange(value, 1, 7, nameof(OpenDaysPerWeek)); } = 7;

    /// <summary>
    /// The planted containment failure of a self-service channel (IVR, chatbot): the probability, in [0, 1], that a
    /// session fails and the customer goes on to an agent on the same reason; <see langword="null"/> (the default) for the
    /// older model (resolution with <see cref="ResolutionProbability"/> and the reason's factor, and an unresolved
    /// session repeats with <see cref="ContactOptions.RepeatProbability"/>).
    /// </summary>
    /// <remarks>
    /// A failed session is written unresolved and is followed by a contact on <see cref="EscalatesTo"/> (or an agent
    /// channel drawn by share) on the same reason: at the session's end while that channel is open (the IVR's transfer to
    /// an agent, the chatbot's hand-over), otherwise on its next opening at a time drawn from the hour profile. A contained
    /// session is resolved and repeats only through the planted high-effort relation. Ignored on agent channels.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double? ContainmentFailure
    {
        get;
        init => field = value is double v ? OptionChecks.Probability(v, nameof(ContainmentFailure)) : null;
    }

    /// <summary>
    /// The agent channel a failed self-service session goes on to (phone after the IVR, chat after the chatbot);
    /// <see langword="null"/> (the default) for an agent channel drawn by share. Must be one of the simulated agent
    /// channels when set.
    /// </summary>
    public Channel? EscalatesTo { get; init; }

    /// <summary>Whether the channel is open around the clock every day.</summary>
    public bool IsAlwaysOpen => Opens == 0 && Closes == 24 && OpenDaysPerWeek == 7;

    /// <summary>Whether arrivals are limited to the opening hours (live-queue channels that are not open around the clock).</summary>
    internal bool ArrivesInOpeningHours => Handling == ChannelHandling.Queued && !IsAlwaysOpen;

    /// <summary>The mean handle time an agent spends on one contact: talk (with transfers), hold and after-contact work.</summary>
    /// <remarks>
    /// Zero for self-service. Before the reasons' <see cref="ReasonOptions.HandleTimeFactor"/> and the new hires'
    /// <see cref="AgentOptions.NewHireHandleTimeFactor"/>; the staffing plan applies the mean reason factor.
    /// </remarks>
    public Duration MeanHandleTime
    {
        get
        {
            if (Handling == ChannelHandling.SelfService)
            {
                return Duration.Zero;
            }
            double talk = LogNormalMean(TalkMedian, TalkSigma) * (1 + TransferProbability);
            double hold = HoldProbability * LogNormalMean(HoldMedian, HoldSigma);
            double acw = LogNormalMean(AfterCallWorkMedian, AfterCallWorkSigma);
            return Duration.FromSeconds(talk + hold + acw);
        }
    }

    private static double LogNormalMean(Duration median, double sigma) => median.TotalSeconds * Math.Exp(sigma * sigma / 2);
}
