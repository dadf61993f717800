namespace ContactMetrics.Attribution;

/// <summary>How <see cref="ShapleyAttribution"/> computes Shapley values.</summary>
public enum ShapleyForm
{
    /// <summary>Enumerates all 2^n coalitions (n at most <see cref="ShapleyAttribution.MaxExactChannels"/>).</summary>
    Exact,

    /// <summary>
    /// The simplified form of Zhao et al. (2018): each conversion gives 1/|S| to every distinct channel of its
    /// path's channel set S. No limit on channels; equal to <see cref="Exact"/> under the subset coalition value.
    /// </summary>
    PerConversion,
}
