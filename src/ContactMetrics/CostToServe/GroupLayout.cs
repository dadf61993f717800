using System.Collections.Immutable;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

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

    public ImmutableArray<CostGroup> ChannelGroups(long[] slots, Currency currency)
    {
        var groups = ImmutableArray.CreateBuilder<CostGroup>();
        for (int ch = 0; ch < ChannelCount; ch++)
        {
            AddIfAny(groups, ((Channel)ch).ToSchemaName(), slots, ChannelGroup(ch), currency);
        }
        return groups.ToImmutable();
    }

    public ImmutableArray<CostGroup> ReasonGroups(long[] slots, Currency currency) =>
        Named(_table.Reasons, _reasonBase, [CostToServeResult.NoReasonKey], slots, currency);

    public ImmutableArray<CostGroup> SegmentGroups(long[] slots, Currency currency) =>
        Named(_table.Segments, _segmentBase, [CostToServeResult.NoSegmentKey, CostToServeResult.UnidentifiedKey], slots, currency);

    public static CostGroup ToGroup(string key, ReadOnlySpan<long> s, Currency currency) => new(
        key,
        s[CostSlots.Contacts],
        Duration.FromMilliseconds(s[CostSlots.HandleMs]),
        CostBreakdown.FromMicros(s, currency),
        s[CostSlots.Chains],
        Micro.ToMoney(s[CostSlots.ChainCost], currency));

    private static ImmutableArray<CostGroup> Named(IReadOnlyList<string> names, int first, string[] buckets, long[] slots, Currency currency)
    {
        var groups = ImmutableArray.CreateBuilder<CostGroup>();
        foreach (int code in Enumerable.Range(0, names.Count).OrderBy(c => names[c], StringComparer.Ordinal))
        {
            AddIfAny(groups, names[code], slots, first + code, currency);
        }
        for (int b = 0; b < buckets.Length; b++)
        {
            AddIfAny(groups, buckets[b], slots, first + names.Count + b, currency);
        }
        return groups.ToImmutable();
    }

    private static void AddIfAny(ImmutableArray<CostGroup>.Builder groups, string key, long[] slots, int group, Currency currency)
    {
        var s = slots.AsSpan(group * CostSlots.Count, CostSlots.Count);
        if (s[CostSlots.Contacts] > 0)
        {
            groups.Add(ToGroup(key, s, currency));
        }
    }
}
