namespace ContactMetrics.Attribution;

/// <summary>First touch: all of a conversion's credit goes to the first channel of its path.</summary>
/// <remarks>The rule-based models as defined by Google Analytics ("Attribution models", Multi-Channel Funnels help).</remarks>
public sealed class FirstTouchAttribution : IAttributionModel
{
    /// <inheritdoc />
    public AttributionResult Attribute(PathSummary paths) =>
        PositionalCredit.Distribute(paths, "first touch", static (_, w) => w[0] = 1);
}
