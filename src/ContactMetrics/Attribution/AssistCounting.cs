namespace ContactMetrics.Attribution;

/// <summary>How <see cref="AssistMetrics"/> counts a channel that assists a conversion more than once.</summary>
public enum AssistCounting
{
    /// <summary>Once per conversion for every channel in its path other than as the last touch (Google Analytics' rule; the default).</summary>
    OncePerConversion,

    /// <summary>Once per touch before the last: a channel touched three times before the last touch counts three assists (double-counts).</summary>
    PerOccurrence,
}
