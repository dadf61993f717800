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
