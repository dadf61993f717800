namespace ContactMetrics.Attribution;

/// <summary>Linear: a conversion's credit is split equally over the touches of its path (a channel touched twice gets two shares).</summary>
/// <remarks>The rule-based models as defined by Google Analytics ("Attribution models", Multi-Channel Funnels help).</remarks>
public sealed class LinearAttribution : IAttributionModel
{
    /// <inheritdoc />
    public AttributionResult Attribute(PathSummary paths) =>
        PositionalCredit.Distribute(paths, "linear", static (_, w) => w.Fill(1.0 / w.Length));
}
