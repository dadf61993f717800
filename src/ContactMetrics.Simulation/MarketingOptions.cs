using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The planted marketing process: touchpoints, and conversions whose rate rises after recent
/// touches and after a resolved service contact (the "assist" of service).
/// </summary>
/// <remarks>
/// <para>Touchpoints: a Poisson process with rate <see cref="TouchesPerWeek"/> per customer from
/// acquisition until churn, each touch's channel drawn by <see cref="TouchChannels"/> shares.</para>
/// <para>Conversions: a Poisson process whose rate at instant t is</para>
/// <para>c(t) = <see cref="ConversionsPerYear"/> * (product of <see cref="TouchChannelOptions.ConversionLift"/>
/// over the channels with a touch in (t - <see cref="TouchWindow"/>, t]) * (<see cref="ServiceLift"/>
/// if a resolved service contact ended in (t - <see cref="ServiceWindow"/>, t], else 1),</para>
/// <para>from acquisition until churn, simulated by thinning (Lewis and Shedler 1979). So the ratio of
/// conversions per customer-day inside and outside the service window estimates
/// <see cref="ServiceLift"/> (touches are independent of service contacts). Conversion values are
/// Gamma with mean <see cref="ConversionValueMean"/> and shape <see cref="ConversionValueShape"/>,
/// rounded to cents (at least 0.01). Conversions are a separate response (upgrades, cross-sells)
/// from the BG/NBD purchases.</para>
/// </remarks>
public sealed record MarketingOptions
{
    /// <summary>
    /// The default channels: paid_search (25%, lift 1.8), email_newsletter (35%, 1.3), social_ads
    /// (15%, 1.4), display (15%, 1.1), organic (10%, 1.6).
    /// </summary>
    public static IReadOnlyList<TouchChannelOptions> DefaultTouchChannels { get; } = Array.AsReadOnly(new[]
    {
        new TouchChannelOptions("paid_search", 0.25, 1.8),
        new TouchChannelOptions("email_newsletter", 0.35, 1.3),
        new TouchChannelOptions("social_ads", 0.15, 1.4),
        new TouchChannelOptions("display", 0.15, 1.1),
        new TouchChannelOptions("organic", 0.10, 1.6),
    });

    /// <summary>Mean marketing touches per customer per week while a customer; at least 0. Default 0.15.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double TouchesPerWeek { get; init => field = Preconditions.CheckNonNegative(value, nameof(TouchesPerWeek)); } = 0.15;

    /// <summary>The marketing channels; unique names, shares summing to 1. Default <see cref="DefaultTouchChannels"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, repeats a name, has a null entry, or its shares do not sum to 1.</exception>
    public IReadOnlyList<TouchChannelOptions> TouchChannels
    {
        get;
        init => field = OptionChecks.ShareList(value, c => c.Name, c => c.Share, nameof(TouchChannels));
    } = DefaultTouchChannels;

    /// <summary>How long a touch lifts the conversion rate. Default 7 days.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public Duration TouchWindow { get; init => field = OptionChecks.NonNegativeDuration(value, nameof(TouchWindow)); } = Duration.FromDays(7);

    /// <summary>Baseline conversions per customer per year (365.25 days), without recent touches or service; at least 0. Default 0.3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double ConversionsPerYear { get; init => field = Preconditions.CheckNonNegative(value, nameof(ConversionsPerYear)); } = 0.3;

    /// <summary>
    /// Planted multiplicative lift of the conversion rate within <see cref="ServiceWindow"/> after
    /// the end of a resolved service contact; greater than 0 (1: no assist). Default 1.5.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double ServiceLift { get; init => field = Preconditions.CheckPositive(value, nameof(ServiceLift)); } = 1.5;

    /// <summary>How long after a resolved service contact's end the conversion rate is lifted. Default 14 days.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public Duration ServiceWindow { get; init => field = OptionChecks.NonNegativeDuration(value, nameof(ServiceWindow)); } = Duration.FromDays(14);

    /// <summary>Mean value of a conversion, in <see cref="SimulationOptions.Currency"/>; greater than 0. Default 60.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double ConversionValueMean { get; init => field = Preconditions.CheckPositive(value, nameof(ConversionValueMean)); } = 60.0;

    /// <summary>Shape of the gamma distribution of conversion values (coefficient of variation 1 / sqrt(shape)); greater than 0. Default 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double ConversionValueShape { get; init => field = Preconditions.CheckPositive(value, nameof(ConversionValueShape)); } = 2.0;
}
