using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// One group of a KPI rollup as a summary: its key (the dimensions asked for; the others <see langword="null"/>), its time
/// bucket and its <see cref="KpiCounts"/>. What a SQL engine returns, and what an in-memory <see cref="KpiGroup"/> reduces
/// to, so that the two can be compared and printed the same way.
/// </summary>
/// <param name="Counts">The counts.</param>
/// <param name="Agent">The agent, when grouped by agent (<see langword="null"/> for contacts without one).</param>
/// <param name="Channel">The channel, when grouped by channel.</param>
/// <param name="Direction">The direction, when grouped by direction.</param>
/// <param name="Queue">The queue, when grouped by queue.</param>
/// <param name="Reason">The reason, when grouped by reason.</param>
/// <param name="Segment">The customer segment, when grouped by segment.</param>
/// <param name="BucketStart">The start of the time bucket in its zone, when bucketed.</param>
/// <param name="BucketLength">The length of the time bucket (23 or 25 hours on a day the clocks change), when bucketed.</param>
public sealed record GroupedKpiCounts(KpiCounts Counts, string? Agent = null, Channel? Channel = null, Direction? Direction = null, string? Queue = null,
    string? Reason = null, string? Segment = null, ZonedDateTime? BucketStart = null, Duration? BucketLength = null)
{
    /// <summary>The key and counts of an in-memory group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
    public static GroupedKpiCounts From(KpiGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new GroupedKpiCounts(group.Counts, group.Agent, group.Channel, group.Direction, group.Queue, group.Reason, group.Segment,
            group.BucketStart, group.BucketLength);
    }

    /// <summary>The counts.</summary>
    public KpiCounts Counts { get; init; } = Counts ?? throw new ArgumentNullException(nameof(Counts));

    /// <summary>
    /// The group's key as text, e.g. <c>channel=phone|bucket=2024-03-31T00:00:00+01:00/82800s</c>: equal for equal keys,
    /// whichever engine produced them.
    /// </summary>
    public string Key => string.Join("|", new[]
    {
        Agent is null ? null : "agent=" + Agent,
        Channel is { } c ? "channel=" + c.ToSchemaName() : null,
        Direction is { } d ? "direction=" + d.ToSchemaName() : null,
        Queue is null ? null : "queue=" + Queue,
        Reason is null ? null : "reason=" + Reason,
        Segment is null ? null : "segment=" + Segment,
        BucketStart is { } s ? FormattableString.Invariant($"bucket={NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(s.ToOffsetDateTime())}/{BucketLength?.TotalSeconds}s") : null,
    }.Where(p => p is not null));

    /// <summary>Every KPI of the counts under <paramref name="options"/>, as a <see cref="KpiGroup"/> with this group's key.</summary>
    /// <param name="options">The KPI definitions; the defaults when <see langword="null"/>.</param>
    /// <returns>The KPIs.</returns>
    public KpiGroup ToKpis(KpiOptions? options = null) =>
        KpiGroup.FromCountsWithKey(Counts, options ?? KpiOptions.Default, Agent, Channel, Direction, Queue, Reason, Segment, BucketStart, BucketLength);

    /// <summary>The groups added up to the dimensions in <paramref name="keep"/> (and their buckets), in the order of first appearance.</summary>
    /// <param name="groups">The groups.</param>
    /// <param name="keep">The dimensions to keep; the others are added up.</param>
    /// <returns>The rolled-up groups.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> is null.</exception>
    public static IReadOnlyList<GroupedKpiCounts> RollUp(IReadOnlyList<GroupedKpiCounts> groups, KpiDimensions keep)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var rolled = new Dictionary<string, GroupedKpiCounts>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var key = g with
            {
                Agent = keep.HasFlag(KpiDimensions.Agent) ? g.Agent : null,
                Channel = keep.HasFlag(KpiDimensions.Channel) ? g.Channel : null,
                Direction = keep.HasFlag(KpiDimensions.Direction) ? g.Direction : null,
                Queue = keep.HasFlag(KpiDimensions.Queue) ? g.Queue : null,
                Reason = keep.HasFlag(KpiDimensions.Reason) ? g.Reason : null,
                Segment = keep.HasFlag(KpiDimensions.Segment) ? g.Segment : null,
            };
            rolled[key.Key] = rolled.TryGetValue(key.Key, out var seen) ? seen with { Counts = seen.Counts + g.Counts } : key;
        }
        return [.. rolled.Values];
    }
}
