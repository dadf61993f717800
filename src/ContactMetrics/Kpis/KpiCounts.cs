namespace ContactMetrics.Kpis;

/// <summary>
/// The sufficient statistics of every KPI for one group: integer counts and millisecond sums.
/// Mergeable by addition, exactly (no rounding), so partial counts from partitions, files or a
/// SQL engine combine into the same result as counting everything at once.
/// </summary>
/// <remarks>
/// Populations: <b>offered</b> = inbound contacts on any channel; <b>queued</b> = inbound contacts on
/// an agent channel (phone, email, chat, messaging, social), each either <b>answered</b> or
/// <b>abandoned</b>; <b>contained</b> = inbound contacts on self-service, chatbot or IVR;
/// <b>handled</b> = contacts on an agent channel that were answered, inbound or outbound. Handle
/// times, transfers and the resolved flag are over handled contacts; repeat-contact FCR is over
/// handled inbound contacts of identified customers; surveys over all contacts that have them.
/// </remarks>
public sealed class KpiCounts : IEquatable<KpiCounts>
{
    internal const int Offered = 0, Queued = 1, Answered = 2, Abandoned = 3, AnsweredWithin = 4, AbandonedWithin = 5,
        ShortAbandons = 6, Contained = 7, Handled = 8, HandleMs = 9, TalkMs = 10, HoldMs = 11, AcwMs = 12,
        WaitAnsweredMs = 13, WaitAbandonedMs = 14, Transferred = 15, ResolvedKnown = 16, ResolvedYes = 17,
        FcrEligible = 18, FcrNoRepeat = 19, Repeats = 20, CsatBase = 21, NpsBase = CsatBase + 5, CesBase = NpsBase + 11,
        Slots = CesBase + 7;

    private readonly long[] _slots;

    internal KpiCounts(long[] slots)
    {
        _slots = slots;
    }

    internal KpiCounts(ReadOnlySpan<long> slots)
    {
        _slots = slots.ToArray();
    }

    /// <summary>Counts of nothing.</summary>
    public static KpiCounts Empty { get; } = new(new long[Slots]);

    /// <summary>Inbound contacts on any channel.</summary>
    public long OfferedContacts => _slots[Offered];

    /// <summary>Inbound contacts on an agent channel (answered + abandoned).</summary>
    public long QueuedContacts => _slots[Queued];

    /// <summary>Queued contacts that were answered.</summary>
    public long AnsweredContacts => _slots[Answered];

    /// <summary>Queued contacts that were never answered.</summary>
    public long AbandonedContacts => _slots[Abandoned];

    /// <summary>Answered contacts whose wait was within the service-level threshold.</summary>
    public long AnsweredWithinThreshold => _slots[AnsweredWithin];

    /// <summary>Abandoned contacts that left within the service-level threshold.</summary>
    public long AbandonedWithinThreshold => _slots[AbandonedWithin];

    /// <summary>Abandoned contacts that left within the short-abandon threshold.</summary>
    public long ShortAbandonedContacts => _slots[ShortAbandons];

    /// <summary>Inbound contacts on self-service, chatbot or IVR.</summary>
    public long ContainedContacts => _slots[Contained];

    /// <summary>Answered contacts on an agent channel, inbound or outbound.</summary>
    public long HandledContacts => _slots[Handled];

    /// <summary>Sum of handle time (the configured components) over handled contacts, in milliseconds.</summary>
    public long HandleMilliseconds => _slots[HandleMs];

    /// <summary>Sum of talk time over handled contacts, in milliseconds.</summary>
    public long TalkMilliseconds => _slots[TalkMs];

    /// <summary>Sum of hold time over handled contacts, in milliseconds.</summary>
    public long HoldMilliseconds => _slots[HoldMs];

    /// <summary>Sum of after-contact work over handled contacts, in milliseconds.</summary>
    public long AfterCallWorkMilliseconds => _slots[AcwMs];

    /// <summary>Sum of waits of answered contacts, in milliseconds.</summary>
    public long WaitAnsweredMilliseconds => _slots[WaitAnsweredMs];

    /// <summary>Sum of times to abandon of abandoned contacts, in milliseconds.</summary>
    public long WaitAbandonedMilliseconds => _slots[WaitAbandonedMs];

    /// <summary>Handled contacts transferred at least once.</summary>
    public long TransferredContacts => _slots[Transferred];

    /// <summary>Handled contacts with a resolved flag.</summary>
    public long ResolvedFlagged => _slots[ResolvedKnown];

    /// <summary>Handled contacts flagged resolved.</summary>
    public long ResolvedTrue => _slots[ResolvedYes];

    /// <summary>Handled inbound contacts of identified customers: the base of repeat-contact FCR.</summary>
    public long FcrEligibleContacts => _slots[FcrEligible];

    /// <summary>Eligible contacts that no repeat contact followed within the window.</summary>
    public long ResolvedFirstTime => _slots[FcrNoRepeat];

    /// <summary>Eligible contacts that were themselves a repeat of an earlier eligible contact within the window.</summary>
    public long RepeatContacts => _slots[Repeats];

    /// <summary>CSAT answers by score: index 0 is score 1, index 4 is score 5.</summary>
    public ReadOnlySpan<long> CsatHistogram => _slots.AsSpan(CsatBase, 5);

    /// <summary>NPS answers by score: index k is score k (0-10).</summary>
    public ReadOnlySpan<long> NpsHistogram => _slots.AsSpan(NpsBase, 11);

    /// <summary>CES answers by score: index 0 is score 1, index 6 is score 7.</summary>
    public ReadOnlySpan<long> CesHistogram => _slots.AsSpan(CesBase, 7);

    internal ReadOnlySpan<long> Raw => _slots;

    /// <summary>Adds two sets of counts (merges partitions or groups).</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The merged counts.</returns>
    public static KpiCounts operator +(KpiCounts left, KpiCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var sum = new long[Slots];
        for (int k = 0; k < Slots; k++)
        {
            sum[k] = left._slots[k] + right._slots[k];
        }
        return new KpiCounts(sum);
    }

    /// <summary>Adds two sets of counts.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The merged counts.</returns>
    public KpiCounts Add(KpiCounts other) => this + other;

    /// <inheritdoc />
    public bool Equals(KpiCounts? other) => other is not null && _slots.AsSpan().SequenceEqual(other._slots);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KpiCounts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long v in _slots)
        {
            hash.Add(v);
        }
        return hash.ToHashCode();
    }
}
