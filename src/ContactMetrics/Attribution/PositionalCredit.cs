namespace ContactMetrics.Attribution;

/// <summary>Shared loop of the rule-based models: each path's conversions are split over its touches by weights that depend only on the positions.</summary>
internal static class PositionalCredit
{
    /// <summary>Fills weights (summing to 1) for a path.</summary>
    internal delegate void Weights(ReadOnlySpan<int> path, Span<double> weights);

    internal static AttributionResult Distribute(PathSummary paths, string model, Weights weights)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var conversions = new double[paths.Channels.Length];
        var value = new double[paths.Channels.Length];
        var buffer = new double[16];
        var pathConversions = paths.Conversions;
        var pathValues = paths.Values;
        for (int p = 0; p < paths.Count; p++)
        {
            if (pathConversions[p] == 0 && pathValues[p] == 0)
            {
                continue;
            }
            var path = paths.Path(p);
            if (buffer.Length < path.Length)
            {
                buffer = new double[Math.Max(path.Length, 2 * buffer.Length)];
            }
            var w = buffer.AsSpan(0, path.Length);
            w.Clear();
            weights(path, w);
            for (int i = 0; i < path.Length; i++)
            {
                conversions[path[i]] += w[i] * pathConversions[p];
                value[path[i]] += w[i] * pathValues[p];
            }
        }
        return AttributionResult.FromCredits(model, paths.Channels, conversions, value, paths.Currency);
    }
}
