using NodaTime;

namespace ContactMetrics.Attribution;

/// <summary>How <see cref="JourneyBuilder"/> cuts touches into journeys.</summary>
public sealed record JourneyOptions
{
    /// <summary>The prefix of the channel name of a service contact used as a touch: <c>service:</c> (e.g. <c>service:phone</c>).</summary>
    public const string DefaultServicePrefix = "service:";

    /// <summary>The channel of a conversion with no touch in its window: <c>(direct)</c>.</summary>
    public const string DefaultDirectChannel = "(direct)";

    /// <summary>
    /// How far before a conversion a touch still counts: touches in [conversion - lookback, conversion]. A
    /// non-converting journey keeps the touches in [last touch - lookback, last touch]. Greater than 0. Default 30 days.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public Duration Lookback
    {
        get;
        init
        {
            if (value <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Lookback), value, "The lookback must be greater than 0.");
            }
            field = value;
        }
    } = Duration.FromDays(30);

    /// <summary>
    /// Whether consecutive touches on the same channel collapse into one (the latest, which keeps its time).
    /// Default <see langword="false"/>.
    /// </summary>
    public bool CollapseRepeats { get; init; }

    /// <summary>The channel given to a conversion with no touch in its window, so it is still counted. Default <see cref="DefaultDirectChannel"/>.</summary>
    /// <exception cref="ArgumentException">The value is blank.</exception>
    public string DirectChannel
    {
        get;
        init
        {
            Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(value), nameof(DirectChannel), "The direct channel's name is blank.");
            field = value;
        }
    } = DefaultDirectChannel;
}
