namespace ContactMetrics.Attribution;

/// <summary>Last touch: all of a conversion's credit goes to the last channel of its path.</summary>
/// <remarks>The rule-based models as defined by Google Analytics ("Attribution models", Multi-Channel Funnels help).</remarks>
public sealed class LastTouchAttribution : IAttributionModel
{
    /// <inheritdoc />
    public AttributionResult Attribute(PathSummary paths) =>
        PositionalCredit.Distribute(paths, "last touch", static (_, w) => w[^1] = 1);
}
