using ContactMetrics.Numerics;
using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// Credits per channel from an attribution model: conversions and conversion value, indexed like
/// <see cref="Channels"/>. Credits are an allocation rule, not a causal effect (see docs/models/attribution.md).
/// </summary>
/// <param name="Model">The model and its settings, e.g. <c>position-based (first 0.4, last 0.4)</c>.</param>
/// <param name="Channels">The channel names.</param>
/// <param name="Conversions">Conversions credited to each channel; they sum to the conversions attributed.</param>
/// <param name="Value">Conversion value credited to each channel, in <paramref name="Currency"/>; it sums to the value attributed.</param>
/// <param name="Currency">The currency of the conversions, and so of every value credit.</param>
/// <remarks>
/// The models compute in <see cref="double"/>; each channel's value credit is that number converted to
/// <see cref="decimal"/> (<see cref="Money.FromDouble"/>, about 15 significant digits) and is not rounded to cents,
/// so a credit can be a fraction of a cent. <see cref="TotalValue"/> is the exact decimal sum of the credits; it equals
/// the paths' total value to within the double arithmetic of the model (a relative 1e-12 or so).
/// </remarks>
/// <exception cref="ArgumentException">An array is default, the credit arrays are not as long as <paramref name="Channels"/>,
/// or a value credit is not in <paramref name="Currency"/>.</exception>
public sealed record AttributionResult(string Model, ImmutableArray<string> Channels, ImmutableArray<double> Conversions, ImmutableArray<Money> Value, Currency Currency)
{
    /// <summary>The model and its settings.</summary>
    public string Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));

    /// <summary>The channel names.</summary>
    public ImmutableArray<string> Channels { get; } = Channels.IsDefault ? throw new ArgumentException("The channels are a default array.", nameof(Channels)) : Channels;

    /// <summary>Conversions credited to each channel, indexed like <see cref="Channels"/>.</summary>
    public ImmutableArray<double> Conversions { get; } = SameLength(Conversions, Channels, nameof(Conversions));

    /// <summary>Conversion value credited to each channel, indexed like <see cref="Channels"/>, in <see cref="Currency"/>.</summary>
    public ImmutableArray<Money> Value { get; } = SameCurrency(SameLength(Value, Channels, nameof(Value)), Currency);

    /// <summary>The currency of every value credit.</summary>
    public Currency Currency { get; } = Currency;

    /// <summary>The sum of <see cref="Conversions"/>.</summary>
    public double TotalConversions => Conversions.Sum();

    /// <summary>The exact decimal sum of <see cref="Value"/>; zero in <see cref="Currency"/> with no channel.</summary>
    public Money TotalValue => Money.Sum(Value, Currency);

    /// <summary>The conversions credited to one channel.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>The credit.</returns>
    /// <exception cref="ArgumentException">The channel is not in <see cref="Channels"/>.</exception>
    public double ConversionsOf(string channel) => Conversions[Index(channel)];

    /// <summary>The conversion value credited to one channel.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>The credit, in <see cref="Currency"/>.</returns>
    /// <exception cref="ArgumentException">The channel is not in <see cref="Channels"/>.</exception>
    public Money ValueOf(string channel) => Value[Index(channel)];

    /// <summary>A result from a model's double credits: each value credit becomes <see cref="Money.FromDouble"/> in the currency.</summary>
    internal static AttributionResult FromCredits(string model, ImmutableArray<string> channels, double[] conversions, double[] values, Currency currency)
    {
        var money = new Money[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            money[i] = Money.FromDouble(values[i], currency);
        }
        return new AttributionResult(model, channels, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(conversions),
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(money), currency);
    }

    private static ImmutableArray<Money> SameCurrency(ImmutableArray<Money> credits, Currency currency)
    {
        foreach (var credit in credits)
        {
            Preconditions.CheckArgument(credit.Currency == currency, nameof(Value), $"A value credit is in {credit.Currency}, the result in {currency}.");
        }
        return credits;
    }

    private static ImmutableArray<T> SameLength<T>(ImmutableArray<T> credits, ImmutableArray<string> channels, string name)
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

    /// <summary>The credit in words, channels by credit: <c>markov: email 12.5 conversions (1,234.00 EUR), display 7.5 (...)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"{Model}: " + string.Join(", ", Enumerable.Range(0, Channels.Length).OrderByDescending(i => Conversions[i])
            .Select(i => $"{Channels[i]} {ResultText.Number(Conversions[i])} conversions ({Value[i].ToText()})"));
}
