using ContactMetrics.Attribution;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// The settings an attribution model takes, as <c>contactmetrics attribution</c> takes them: each applies to one model
/// (<see cref="AttributionFigures.CheckModelOptions"/> refuses it with another) and is <see langword="null"/> or
/// <see langword="false"/> for that model's default.
/// </summary>
public sealed record AttributionModelOptions
{
    /// <summary>Markov: the order of the chain, 1 to <see cref="MarkovAttribution.MaxOrder"/>; <see langword="null"/> for 1.</summary>
    public int? Order { get; init; }

    /// <summary>Markov: untouched conversions stay inside the chain and its normalisation (<see cref="UntouchedConversions.InChain"/>) instead of being credited to the direct channel alone.</summary>
    public bool DirectInChain { get; init; }

    /// <summary>Markov: value credit from removal effects on conversion value instead of the conversion shares.</summary>
    public bool ValueWeighted { get; init; }

    /// <summary>Time decay: the half-life; <see langword="null"/> for 7 days (Google Analytics' default).</summary>
    public Duration? HalfLife { get; init; }

    /// <summary>Position-based: the first and last touch's shares; <see langword="null"/> for 0.4 and 0.4.</summary>
    public (double First, double Last)? Position { get; init; }

    /// <summary>Markov: the channel of conversions no channel touched, as the journeys were cut (<see cref="JourneyOptions.DirectChannel"/>).</summary>
    public string DirectChannel { get; init; } = JourneyOptions.DefaultDirectChannel;
}
