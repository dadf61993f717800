namespace ContactMetrics.Tables;

/// <summary>Time buckets for rollups over time (KPIs, cost), in local time of a time zone.</summary>
/// <remarks>
/// Days, weeks and months follow the local calendar, so a day in which the clocks change has 23
/// or 25 hours. Sub-day buckets are aligned to local clock time; in the repeated hour when clocks
/// go back, the two passes of the same local quarter-hour are different buckets (they start at
/// different instants), and no bucket exists for local times the clocks skip.
/// </remarks>
public enum TimeBucket
{
    /// <summary>No time bucketing.</summary>
    None = 0,

    /// <summary>15 minutes.</summary>
    Minutes15 = 1,

    /// <summary>30 minutes.</summary>
    Minutes30 = 2,

    /// <summary>One hour.</summary>
    Hour = 3,

    /// <summary>A local calendar day.</summary>
    Day = 4,

    /// <summary>An ISO week (Monday to Sunday), local calendar.</summary>
    Week = 5,

    /// <summary>A local calendar month.</summary>
    Month = 6,
}
