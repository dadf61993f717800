using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.CostToServe;

/// <summary>
/// Where each row's channel, reason and segment groups sit in the flat slot array of a computation:
/// the channels first, then the reasons (and "no reason"), then the segments (and "no segment",
/// "unidentified"). Every row is in exactly one group of each dimension.
/// </summary>
internal sealed class GroupLayout
{
    public const int ChannelCount = 8;

    private readonly InteractionTable _table;
    private readonly int[] _reason;
    private readonly int[] _segment;
    private readonly int[] _customer;
    private readonly int _reasons;
    private readonly int _segments;
    private readonly int _reasonBase;
    private readonly int _segmentBase;

    public GroupLayout(InteractionTable table)
    {
        _table = table;
        _reason = table.Reason;
        _segment = table.Segment;
        _customer = table.Customer;
        _reasons = table.Reasons.Count;
        _segments = table.Segments.Count;
        _reasonBase = ChannelCount;
        _segmentBase = _reasonBase + _reasons + 1;
        Groups = _segmentBase + _segments + 2;
    }

    /// <summary>The number of groups over all three dimensions.</summary>
    public int Groups { get; }

    public int ChannelGroup(int channel) => channel;

    public int ReasonGroup(int row) => _reasonBase + (_reason[row] >= 0 ? _reason[row] : _reasons);

    public int SegmentGroup(int row) =>
        _segmentBase + (_customer[row] < 0 ? _segments + 1 : _segment[row] >= 0 ? _segment[row] : _segments);

    /// <summary>The channel groups with contacts, in channel order.</summary>
    public IReadOnlyList<(string Key, int Group)> ChannelOrder(long[] slots, int stride) =>
        [.. Enumerable.Range(0, ChannelCount).Where(ch => Any(slots, stride, ChannelGroup(ch))).Select(ch => (((Channel)ch).ToSchemaName(), ChannelGroup(ch)))];

    /// <summary>The reason groups with contacts, by key (ordinal), then "no reason".</summary>
    public IReadOnlyList<(string Key, int Group)> ReasonOrder(long[] slots, int stride) =>
        Named(_table.Reasons, _reasonBase, [CostToServeResult.NoReasonKey], slots, stride);

    /// <summary>The segment groups with contacts, by key (ordinal), then "no segment" and "unidentified".</summary>
    public IReadOnlyList<(string Key, int Group)> SegmentOrder(long[] slots, int stride) =>
        Named(_table.Segments, _segmentBase, [CostToServeResult.NoSegmentKey, CostToServeResult.UnidentifiedKey], slots, stride);

    private static List<(string Key, int Group)> Named(IReadOnlyList<string> names, int first, string[] buckets, long[] slots, int stride)
    {
        var groups = new List<(string Key, int Group)>();
        foreach (int code in Enumerable.Range(0, names.Count).OrderBy(c => names[c], StringComparer.Ordinal))
        {
            if (Any(slots, stride, first + code))
            {
                groups.Add((names[code], first + code));
            }
        }
        for (int b = 0; b < buckets.Length; b++)
        {
            if (Any(slots, stride, first + names.Count + b))
            {
                groups.Add((buckets[b], first + names.Count + b));
            }
        }
        return groups;
    }

    private static bool Any(long[] slots, int stride, int group) => slots[group * stride + CostSlots.Contacts] > 0;
}
