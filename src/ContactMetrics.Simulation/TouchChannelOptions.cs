namespace ContactMetrics.Simulation;

/// <summary>A marketing channel of the simulated touchpoints and its planted effect on conversions.</summary>
public sealed record TouchChannelOptions
{
    /// <summary>Creates a marketing channel.</summary>
    /// <param name="name">The name written to <see cref="Domain.Touchpoint.Channel"/>, e.g. <c>paid_search</c>.</param>
    /// <param name="share">Its share of touchpoints, in [0, 1]; the shares of all channels sum to 1.</param>
    /// <param name="conversionLift">Factor on the conversion rate while a touch of this channel is recent; greater than 0.</param>
    /// <exception cref="ArgumentException">A value is out of range; the exception names it.</exception>
    public TouchChannelOptions(string name, double share, double conversionLift)
    {
        Name = name;
        Share = share;
        ConversionLift = conversionLift;
    }

    /// <summary>The channel's name; not blank, no surrounding white space.</summary>
    /// <exception cref="ArgumentException">The value is blank or has surrounding white space.</exception>
    public string Name { get; init => field = OptionChecks.Name(value, nameof(Name)); }

    /// <summary>Share of touchpoints on this channel, in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Share { get; init => field = OptionChecks.Probability(value, nameof(Share)); }

    /// <summary>
    /// Planted multiplicative effect on the conversion rate while the customer has had a touch of
    /// this channel within <see cref="MarketingOptions.TouchWindow"/>; greater than 0 (1: no effect).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double ConversionLift { get; init => field = Preconditions.CheckPositive(value, nameof(ConversionLift)); }
}
