namespace ContactMetrics.Attribution;

/// <summary>An attribution model over a <see cref="PathSummary"/> (every model but time decay, which needs touch times).</summary>
public interface IAttributionModel
{
    /// <summary>Credits the conversions and conversion value of the paths to their channels.</summary>
    /// <param name="paths">The path summary.</param>
    /// <returns>Credits per channel of <paramref name="paths"/>; they sum to its total conversions and value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    AttributionResult Attribute(PathSummary paths);
}
