using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>Assist metrics of one channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="AssistedConversions">Conversions the channel assisted (by <see cref="AssistReport.Counting"/>).</param>
/// <param name="AssistedValue">The value of those conversions (counted like them, the full value each time), in the paths' currency.</param>
/// <param name="LastTouchConversions">Conversions whose last touch was the channel.</param>
/// <param name="LastTouchValue">Their value, in the paths' currency.</param>
/// <remarks>Values are the double sums of the paths' values converted by <see cref="Money.FromDouble"/>, not rounded to cents.</remarks>
public sealed record ChannelAssists(string Channel, double AssistedConversions, Money AssistedValue, double LastTouchConversions, Money LastTouchValue)
{
    /// <summary>
    /// Assisted / last-touch conversions (Google Analytics' "assisted / last click or direct conversions"):
    /// above 1 the channel mostly assists, below 1 it mostly closes. <see langword="null"/> with no last-touch conversion.
    /// </summary>
    public double? AssistRatio => LastTouchConversions > 0 ? AssistedConversions / LastTouchConversions : null;
}

/// <summary>Assist metrics per channel and the path-length distribution of conversions.</summary>
/// <param name="Counting">How assists were counted.</param>
/// <param name="Rule">The counting rule in words, for reports.</param>
/// <param name="Channels">One row per channel of the summary, in its order.</param>
/// <param name="PathLengthConversions">Conversions by path length: element k is the conversions of paths with k touches (element 0 is 0).</param>
public sealed record AssistReport(AssistCounting Counting, string Rule, ImmutableArray<ChannelAssists> Channels, ImmutableArray<double> PathLengthConversions)
{
    /// <summary>The row of one channel.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>Its metrics.</returns>
    /// <exception cref="ArgumentException">The channel is not in the report.</exception>
    public ChannelAssists Of(string channel) =>
        Channels.FirstOrDefault(c => c.Channel == channel)
        ?? throw new ArgumentException($"The channel '{channel}' is not in this report.", nameof(channel));
}
