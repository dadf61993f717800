using System.Collections.Immutable;

namespace ContactMetrics.Attribution;

/// <summary>The result of <see cref="MarkovAttribution"/>: credits, and the chain quantities behind them.</summary>
/// <param name="Attribution">Credits per channel: removal effects normalised to the total conversions and value.</param>
/// <param name="ConversionProbability">P(conversion) from the start state of the fitted chain.</param>
/// <param name="RemovalEffects">Per channel (indexed like <see cref="AttributionResult.Channels"/>): 1 - P(conversion with the channel removed) / P(conversion).</param>
/// <param name="Order">The order of the chain.</param>
/// <param name="StateCount">The number of transient states (observed tuples of up to <paramref name="Order"/> channels).</param>
/// <param name="Sweeps">The most passes over the transitions (GMRES products and Gauss-Seidel sweeps) any of the absorption solves needed.</param>
public sealed record MarkovAttributionResult(
    AttributionResult Attribution,
    double ConversionProbability,
    ImmutableArray<double> RemovalEffects,
    int Order,
    int StateCount,
    int Sweeps);
