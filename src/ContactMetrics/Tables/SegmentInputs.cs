using System.Collections.Immutable;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// The counts the business case reads, for one customer segment over a period (the analysis's last 365 days): the
/// customers with a handled contact with a known outcome, and the FCR units with a resolved flag, resolved and not, and
/// how many of each a repeat followed. Summed over the segments they are the analysis's current-FCR, contacts-a-year,
/// customers-a-year and repeats-per-unresolved-contact inputs (<c>ContactCenterAnalysis</c> reads them from here).
/// Segments of disjoint customer partitions merge by adding the rows of a segment.
/// </summary>
/// <param name="Segment">The segment; <see langword="null"/> for customers without one.</param>
/// <param name="Customers">Customers with a handled (answered, agent channel) contact with a resolved flag in the period.</param>
/// <param name="Resolved">FCR units (<see cref="RepeatContactOptions.Basis"/>: each issue's first contact, or every handled inbound contact) in the period flagged resolved.</param>
/// <param name="RepeatedAfterResolved">Those a repeat followed within the window.</param>
/// <param name="Unresolved">FCR units in the period flagged not resolved.</param>
/// <param name="RepeatedAfterUnresolved">Those a repeat followed within the window.</param>
public sealed record SegmentInputs(string? Segment, long Customers, long Resolved, long RepeatedAfterResolved, long Unresolved, long RepeatedAfterUnresolved)
{
    /// <summary>The FCR units with a resolved flag.</summary>
    public long Flagged => Resolved + Unresolved;

    /// <summary>The inputs of each segment with a counted customer or unit, ordered by segment (ordinal), no segment last.</summary>
    /// <param name="table">The interactions, with their customers' segments.</param>
    /// <param name="repeat">The repeat rule and FCR basis.</param>
    /// <param name="from">The period's start (inclusive; arrivals compared to the millisecond).</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="repeat"/> is null.</exception>
    public static ImmutableArray<SegmentInputs> Of(InteractionTable table, RepeatContactOptions repeat, Instant from, Instant to)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckNotNull(repeat);
        long fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds();
        var flags = table.RepeatFlags(repeat, Environment.ProcessorCount);
        int segments = table.Segments.Count;
        var counts = new long[segments + 1, 5];
        var seen = new bool[table.Customers.Count];
        for (int i = 0; i < table.Count; i++)
        {
            int customer = table.Customer[i];
            long arrived = table.ArrivedMs[i];
            if (customer < 0 || table.Resolved[i] < 0 || arrived < fromMs || arrived >= toMs)
            {
                continue;
            }
            int s = table.Segment[i] >= 0 ? table.Segment[i] : segments;
            if (!seen[customer] && table.Answered[i] && ((Channel)table.Channel[i]).IsAgentHandled())
            {
                seen[customer] = true;
                counts[s, 0]++;
            }
            if (IsFcrUnit(flags[i], repeat.Basis))
            {
                int k = table.Resolved[i] > 0 ? 1 : 3;
                counts[s, k]++;
                counts[s, k + 1] += (flags[i] & RepeatContactDetector.FollowedByRepeat) != 0 ? 1 : 0;
            }
        }
        var rows = new List<SegmentInputs>();
        foreach (int s in Enumerable.Range(0, segments).OrderBy(s => table.Segments[s], StringComparer.Ordinal).Append(segments))
        {
            var row = new SegmentInputs(s < segments ? table.Segments[s] : null, counts[s, 0], counts[s, 1], counts[s, 2], counts[s, 3], counts[s, 4]);
            if (row.Customers + row.Flagged > 0)
            {
                rows.Add(row);
            }
        }
        return [.. rows];
    }

    /// <summary>Whether the business case counts a row under the FCR basis: every eligible contact (per contact), or the first contact of each issue (per issue).</summary>
    internal static bool IsFcrUnit(byte flags, FcrBasis basis) => (flags & RepeatContactDetector.Eligible) != 0
        && (basis == FcrBasis.Contact || (flags & RepeatContactDetector.IsRepeat) == 0);
}
