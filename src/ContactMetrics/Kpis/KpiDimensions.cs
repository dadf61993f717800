namespace ContactMetrics.Kpis;

/// <summary>The dimensions a KPI rollup can group by; combine them with <c>|</c>.</summary>
[Flags]
public enum KpiDimensions
{
    /// <summary>No grouping: one row for everything (or one per time bucket).</summary>
    None = 0,

    /// <summary>By agent (contacts without an agent form their own group).</summary>
    Agent = 1,

    /// <summary>By channel.</summary>
    Channel = 2,

    /// <summary>By direction (inbound, outbound).</summary>
    Direction = 4,

    /// <summary>By queue.</summary>
    Queue = 8,

    /// <summary>By contact reason.</summary>
    Reason = 16,

    /// <summary>By the customer's segment (needs the customers table).</summary>
    Segment = 32,
}

/// <summary>Time buckets for KPI rollups, in local time of a time zone.</summary>
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
