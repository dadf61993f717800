using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The planted contact process: channels, reasons, when contacts arrive, how customers differ in
/// how often they call, and repeat contacts after an unresolved one.
/// </summary>
/// <remarks>
/// <para>Customer i makes first contacts as a Poisson process with rate
/// lambda_i = <see cref="SegmentOptions.ContactsPerYear"/> * g_i per year, g_i ~ Gamma(shape k, rate k)
/// with k = <see cref="RateShape"/> (mean 1, variance 1 / k), from acquisition until churn. The rate
/// on a local day is multiplied by that weekday's weight divided by the mean of the seven weights,
/// and the local hour of day is drawn with probabilities proportional to <see cref="HourWeights"/>
/// (uniform within the hour) in <see cref="SimulationOptions.TimeZone"/>. Channel and reason are
/// drawn independently by their shares.</para>
/// <para>When a contact ends unresolved (abandoned, or answered without resolution) and the
/// customer is still a customer, a repeat contact with the same reason follows with probability
/// <see cref="RepeatProbability"/>, on the local day of (end + an exponential delay with mean
/// <see cref="RepeatDelayMean"/>) at a time of day drawn from the hour profile (the next day if that
/// is not after the end). A repeat uses the same channel, except that a repeat after self-service
/// goes to an agent channel drawn by the shares of the non-self-service channels. At most
/// <see cref="MaxRepeats"/> repeats follow one first contact.</para>
/// </remarks>
public sealed record ContactOptions
{
    /// <summary>The default channels: phone, email, chat, messaging and self-service (see the documentation for their values); phone, chat and messaging open Monday-Saturday 08:00-20:00, email answered Monday-Friday 08:00-18:00.</summary>
    public static IReadOnlyList<ChannelOptions> DefaultChannels { get; } = Array.AsReadOnly(new[]
    {
        new ChannelOptions(Channel.Phone, 0.55)
        {
            TalkMedian = Duration.FromSeconds(360), TalkSigma = 0.6,
            HoldProbability = 0.25, HoldMedian = Duration.FromSeconds(60), HoldSigma = 0.7,
            AfterCallWorkMedian = Duration.FromSeconds(45), AfterCallWorkSigma = 0.5,
            MeanPatience = Duration.FromSeconds(180), Concurrency = 1,
            Opens = 8, Closes = 20, OpenDaysPerWeek = 6,
            TransferProbability = 0.06, ResolutionProbability = 0.80,
        },
        new ChannelOptions(Channel.Email, 0.12)
        {
            TalkMedian = Duration.FromSeconds(420), TalkSigma = 0.6,
            AfterCallWorkMedian = Duration.FromSeconds(30), AfterCallWorkSigma = 0.5,
            ResponseMedian = Duration.FromHours(4), ResponseSigma = 0.8,
            Opens = 8, Closes = 18, OpenDaysPerWeek = 5,
            TransferProbability = 0.02, ResolutionProbability = 0.70,
        },
        new ChannelOptions(Channel.Chat, 0.15)
        {
            TalkMedian = Duration.FromSeconds(480), TalkSigma = 0.6,
            AfterCallWorkMedian = Duration.FromSeconds(30), AfterCallWorkSigma = 0.5,
            MeanPatience = Duration.FromSeconds(120), Concurrency = 2,
            Opens = 8, Closes = 20, OpenDaysPerWeek = 6,
            TransferProbability = 0.04, ResolutionProbability = 0.75,
        },
        new ChannelOptions(Channel.Messaging, 0.05)
        {
            TalkMedian = Duration.FromSeconds(600), TalkSigma = 0.7,
            AfterCallWorkMedian = Duration.FromSeconds(30), AfterCallWorkSigma = 0.5,
            MeanPatience = Duration.FromMinutes(30), Concurrency = 3,
            Opens = 8, Closes = 20, OpenDaysPerWeek = 6,
            TransferProbability = 0.03, ResolutionProbability = 0.72,
        },
        new ChannelOptions(Channel.SelfService, 0.13)
        {
            TalkMedian = Duration.FromSeconds(180), TalkSigma = 0.8,
            ResolutionProbability = 0.55,
        },
    });

    /// <summary>The default reasons: billing 30%, technical 25%, order 25%, account 15%, complaint 5%.</summary>
    /// <remarks>Resolution factors: billing 1.0, technical 0.85, order 1.05, account 1.1, complaint 0.75; handle-time factors 0.9, 1.4, 0.8, 0.9, 1.5.</remarks>
    public static IReadOnlyList<ReasonOptions> DefaultReasons { get; } = Array.AsReadOnly(new[]
    {
        new ReasonOptions("billing", 0.30, 1.00) { HandleTimeFactor = 0.9 },
        new ReasonOptions("technical", 0.25, 0.85) { HandleTimeFactor = 1.4 },
        new ReasonOptions("order", 0.25, 1.05) { HandleTimeFactor = 0.8 },
        new ReasonOptions("account", 0.15, 1.10) { HandleTimeFactor = 0.9 },
        new ReasonOptions("complaint", 0.05, 0.75) { HandleTimeFactor = 1.5 },
    });

    /// <summary>
    /// The default hour-of-day profile (local hours 0-23): quiet at night, a peak at 10:00-11:00,
    /// a dip at lunch, a second smaller peak at 14:00 and a falling evening.
    /// </summary>
    public static IReadOnlyList<double> DefaultHourWeights { get; } = Array.AsReadOnly(new[]
    {
        0.10, 0.06, 0.05, 0.05, 0.06, 0.10, 0.25, 0.60,
        1.40, 2.00, 2.20, 2.00, 1.60, 1.70, 1.80, 1.60,
        1.40, 1.10, 0.80, 0.70, 0.60, 0.45, 0.30, 0.18,
    });

    /// <summary>The default weekday profile, Monday first: Monday busiest, weekends quiet (1.2, 1.1, 1.05, 1.0, 0.95, 0.5, 0.35).</summary>
    public static IReadOnlyList<double> DefaultWeekdayWeights { get; } = Array.AsReadOnly(new[] { 1.20, 1.10, 1.05, 1.00, 0.95, 0.50, 0.35 });

    /// <summary>The channels; each at most once, shares summing to 1. Default <see cref="DefaultChannels"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, repeats a channel, has a null entry, its shares do not sum to 1, a channel closes before it opens, or one escalates to a channel that is not a simulated agent channel.</exception>
    public IReadOnlyList<ChannelOptions> Channels
    {
        get;
        init
        {
            var channels = OptionChecks.ShareList(value, c => c.Channel, c => c.Share, nameof(Channels));
            foreach (var c in channels)
            {
                if (c.Opens >= c.Closes)
                {
                    throw new ArgumentException($"Channel {c.Channel.ToSchemaName()} opens at {c.Opens} and closes at {c.Closes}: it must open before it closes.", nameof(Channels));
                }
                if (c.EscalatesTo is Channel target && !channels.Any(o => o.Channel == target && o.Handling != ChannelHandling.SelfService && o.Share > 0))
                {
                    throw new ArgumentException($"Channel {c.Channel.ToSchemaName()} escalates to {target.ToSchemaName()}, which is not a simulated agent channel with a share above 0.", nameof(Channels));
                }
            }
            field = channels;
        }
    } = DefaultChannels;

    /// <summary>The contact reasons; unique names, shares summing to 1. Default <see cref="DefaultReasons"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, repeats a name, has a null entry, or its shares do not sum to 1.</exception>
    public IReadOnlyList<ReasonOptions> Reasons
    {
        get;
        init => field = OptionChecks.ShareList(value, r => r.Name, r => r.Share, nameof(Reasons));
    } = DefaultReasons;

    /// <summary>24 relative weights of the local hours of day 0-23 (arrival probability per hour proportional to them). Default <see cref="DefaultHourWeights"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">Not 24 finite non-negative weights with a positive sum.</exception>
    public IReadOnlyList<double> HourWeights { get; init => field = OptionChecks.Weights(value, 24, nameof(HourWeights)); } = DefaultHourWeights;

    /// <summary>
    /// 7 relative weights of the weekdays, Monday first (ISO); a day's contact rate is the customer's
    /// rate times the day's weight divided by the mean weight. Default <see cref="DefaultWeekdayWeights"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">Not 7 finite non-negative weights with a positive sum.</exception>
    public IReadOnlyList<double> WeekdayWeights { get; init => field = OptionChecks.Weights(value, 7, nameof(WeekdayWeights)); } = DefaultWeekdayWeights;

    /// <summary>
    /// Shape k of the gamma multiplier (mean 1, variance 1 / k) of a customer's contact rate; greater than 0. Default 2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double RateShape { get; init => field = Preconditions.CheckPositive(value, nameof(RateShape)); } = 2.0;

    /// <summary>Probability of a repeat contact after an unresolved one, in [0, 1]. Default 0.6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double RepeatProbability { get; init => field = OptionChecks.Probability(value, nameof(RepeatProbability)); } = 0.6;

    /// <summary>Mean of the exponential delay from an unresolved contact's end to the day of its repeat. Default 1.5 days.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
    public Duration RepeatDelayMean { get; init => field = OptionChecks.PositiveDuration(value, nameof(RepeatDelayMean)); } = Duration.FromHours(36);

    /// <summary>The most repeats that follow one first contact, 0-100. Default 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 100].</exception>
    public int MaxRepeats { get; init => field = Preconditions.CheckInRange(value, 0, 100, nameof(MaxRepeats)); } = 3;

    /// <summary>The options of a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Its options.</returns>
    /// <exception cref="ArgumentException">The channel is not one of <see cref="Channels"/>.</exception>
    internal ChannelOptions GetChannel(Channel channel)
    {
        foreach (var c in Channels)
        {
            if (c.Channel == channel)
            {
                return c;
            }
        }
        throw new ArgumentException($"Channel {channel.ToSchemaName()} is not simulated.", nameof(channel));
    }

    /// <summary>The options of a reason.</summary>
    /// <param name="reason">The reason's name (ordinal comparison).</param>
    /// <returns>Its options.</returns>
    /// <exception cref="ArgumentException">The reason is not one of <see cref="Reasons"/>.</exception>
    internal ReasonOptions GetReason(string reason)
    {
        foreach (var r in Reasons)
        {
            if (string.Equals(r.Name, reason, StringComparison.Ordinal))
            {
                return r;
            }
        }
        throw new ArgumentException($"Reason '{reason}' is not simulated.", nameof(reason));
    }

    /// <summary>
    /// The planted probability that an answered contact on <paramref name="channel"/> with
    /// <paramref name="reason"/> is resolved: min(1, channel probability * reason factor).
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="reason">The reason's name.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The channel or reason is not simulated.</exception>
    public double ResolutionProbability(Channel channel, string reason)
        => Math.Min(1.0, GetChannel(channel).ResolutionProbability * GetReason(reason).ResolutionFactor);
}
