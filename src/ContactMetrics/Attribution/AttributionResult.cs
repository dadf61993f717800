using System.Collections.Immutable;

namespace ContactMetrics.Attribution;

/// <summary>
/// Credits per channel from an attribution model: conversions and conversion value, indexed like
/// <see cref="Channels"/>. Credits are an allocation rule, not a causal effect (see docs/models/attribution.md).
/// </summary>
/// <param name="Model">The model and its settings, e.g. <c>position-based (first 0.4, last 0.4)</c>.</param>
/// <param name="Channels">The channel names.</param>
/// <param name="Conversions">Conversions credited to each channel; they sum to the conversions attributed.</param>
/// <param name="Value">Conversion value credited to each channel; it sums to the value attributed.</param>
/// <exception cref="ArgumentException">An array is default, or the credit arrays are not as long as <paramref name="Channels"/>.</exception>
public sealed record AttributionResult(string Model, ImmutableArray<string> Channels, ImmutableArray<double> Conversions, ImmutableArray<double> Value)
{
    /// <summary>The model and its settings.</summary>
    public string Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));

    /// <summary>The channel names.</summary>
    public ImmutableArray<string> Channels { get; } = Channels.IsDefault ? throw new ArgumentException("The channels are a default array.", nameof(Channels)) : Channels;

    /// <summary>Conversions credited to each channel, indexed like <see cref="Channels"/>.</summary>
    public ImmutableArray<double> Conversions { get; } = SameLength(Conversions, Channels, nameof(Conversions));

    /// <summary>Conversion value credited to each channel, indexed like <see cref="Channels"/>.</summary>
    public ImmutableArray<double> Value { get; } = SameLength(Value, Channels, nameof(Value));

    /// <summary>The sum of <see cref="Conversions"/>.</summary>
    public double TotalConversions => Conversions.Sum();

    /// <summary>The sum of <see cref="Value"/>.</summary>
    public double TotalValue => Value.Sum();

    /// <summary>The conversions credited to one channel.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>The credit.</returns>
    /// <exception cref="ArgumentException">The channel is not in <see cref="Channels"/>.</exception>
    public double ConversionsOf(string channel) => Conversions[Index(channel)];

    /// <summary>The conversion value credited to one channel.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>The credit.</returns>
    /// <exception cref="ArgumentException">The channel is not in <see cref="Channels"/>.</exception>
    public double ValueOf(string channel) => Value[Index(channel)];

    private static ImmutableArray<double> SameLength(ImmutableArray<double> credits, ImmutableArray<string> channels, string name)
    {
        Preconditions.CheckArgument(!credits.IsDefault && !channels.IsDefault && credits.Length == channels.Length, name,
            $"Expected one credit per channel ({(channels.IsDefault ? 0 : channels.Length)}), found {(credits.IsDefault ? 0 : credits.Length)}.");
        return credits;
    }

    private int Index(string channel)
    {
        int index = Channels.IndexOf(channel, StringComparer.Ordinal);
        Preconditions.CheckArgument(index >= 0, nameof(channel), $"The channel '{channel}' is not in this result.");
        return index;
    }
}
