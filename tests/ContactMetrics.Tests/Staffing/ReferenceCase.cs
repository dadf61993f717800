using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

/// <summary>The worked example of REFERENCES.md, "Erlang C": 100 contacts per 30 minutes at AHT 180 s (A = 10), target 80/20.</summary>
internal static class ReferenceCase
{
    public static readonly Duration Aht = Duration.FromSeconds(180);
    public static readonly Duration Interval = Duration.FromMinutes(30);
    public static readonly Duration Twenty = Duration.FromSeconds(20);
    public static readonly QueueLoad Load = new(100, Interval, Aht);
}
