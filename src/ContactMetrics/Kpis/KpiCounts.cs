namespace ContactMetrics.Kpis;

/// <summary>
/// The sufficient statistics of every KPI for one group: integer counts and millisecond sums.
/// Mergeable by addition, exactly (no rounding), so partial counts from partitions, files or a
/// SQL engine combine into the same result as counting everything at once.
/// </summary>
/// <remarks>
/// Populations: <b>offered</b> = inbound contacts on any channel; <b>queued</b> = inbound contacts on
/// a live queued channel (<see cref="Domain.ChannelTraits.IsLiveQueue"/>: phone, chat, messaging, social), each either
/// <b>answered</b> or <b>abandoned</b>; <b>asynchronous</b> = inbound contacts on an asynchronous channel (email), each
/// answered (with a response time) or not yet; <b>contained</b> = inbound contacts on self-service, chatbot or IVR;
/// <b>handled</b> = contacts on an agent channel that were answered, inbound or outbound. Handle
/// times, transfers and the resolved flag are over handled contacts; repeat-contact FCR is over
/// handled inbound contacts of identified customers (per contact) or over the issues they start (per issue:
/// <see cref="Issues"/> = eligible contacts that repeat nothing); surveys over all contacts that have them.
/// </remarks>
public sealed class KpiCounts : IEquatable<KpiCounts>
{
    internal const int Offered = 0, Queued = 1, Answered = 2, Abandoned = 3, AnsweredWithin = 4, AbandonedWithin = 5,
        ShortAbandons = 6, Contained = 7, Handled = 8, HandleMs = 9, TalkMs = 10, HoldMs = 11, AcwMs = 12,
        WaitAnsweredMs = 13, WaitAbandonedMs = 14, Transferred = 15, ResolvedKnown = 16, ResolvedYes = 17,
        FcrEligible = 18, FcrNoRepeat = 19, Repeats = 20, CsatBase = 21, NpsBase = CsatBase + 5, CesBase = NpsBase + 11,
        IssuesNoRepeat = CesBase + 7, AsyncReceived = IssuesNoRepeat + 1, AsyncAnswered = AsyncReceived + 1,
        AsyncResponseMs = AsyncAnswered + 1, AsyncWithinTarget = AsyncResponseMs + 1, ResponseBase = AsyncWithinTarget + 1,
        ResponseBuckets = 17, Slots = ResponseBase + ResponseBuckets;

    /// <summary>The upper bounds (inclusive) of the response-time histogram's buckets but the last, in milliseconds.</summary>
    private static readonly long[] ResponseBoundsMs = [.. new[] { 5, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1080, 1440, 2160, 2880, 4320, 10080 }
        .Select(minutes => minutes * 60_000L)];

    /// <summary>
    /// The upper bounds (inclusive) of the buckets of <see cref="ResponseTimeHistogram"/>: 5, 15 and 30 minutes; 1, 2, 3, 4,
    /// 6, 8, 12, 18, 24, 36, 48 and 72 hours; 7 days. A last, open bucket holds the responses slower than 7 days.
    /// </summary>
    public static IReadOnlyList<NodaTime.Duration> ResponseTimeBucketBounds { get; } = [.. ResponseBoundsMs.Select(NodaTime.Duration.FromMilliseconds)];

    /// <summary>The bucket of <see cref="ResponseTimeHistogram"/> a response time falls in.</summary>
    internal static int ResponseBucket(long milliseconds)
    {
        int k = 0;
        while (k < ResponseBoundsMs.Length && milliseconds > ResponseBoundsMs[k])
        {
            k++;
        }
        return k;
    }

    /// <summary>The lower and upper bound of response bucket <paramref name="k"/> in milliseconds; the last bucket's upper bound is null (open).</summary>
    internal static (long Lower, long? Upper) ResponseBucketRange(int k) =>
        (k == 0 ? 0 : ResponseBoundsMs[k - 1], k < ResponseBoundsMs.Length ? ResponseBoundsMs[k] : null);

    private readonly ReadOnlyMemory<long> _memory;

    internal KpiCounts(long[] slots)
        : this(slots.AsMemory())
    {
    }

    /// <summary>Wraps a group's slots in a rollup's shared array, without copying.</summary>
    internal KpiCounts(ReadOnlyMemory<long> slots)
    {
        if (slots.Length != Slots)
        {
            throw new ArgumentException($"KPI counts need {Slots} slots; got {slots.Length}.", nameof(slots));
        }
        _memory = slots;
    }

    /// <summary>Reads the counts of a rollup's group from its compact block (see <see cref="KpiSlots"/>) without copying;
    /// the histograms and whole-value operations expand the block once, on first use. The counts keep
    /// <paramref name="block"/> (the worker's whole block array) alive.</summary>
    internal KpiCounts(KpiSlots layout, int[] block, int offset)
    {
        _layout = layout;
        _block = block;
        _offset = offset;
    }

    private readonly KpiSlots? _layout;
    private readonly int[]? _block;
    private readonly int _offset;
    private long[]? _expanded;

    private ReadOnlySpan<long> Values => _layout is null ? _memory.Span : _expanded ??= _layout.Values(_block!, _offset);

    /// <summary>One value: from the block when the counts are a rollup's (no array made), else from the slots.</summary>
    private long Get(int slot) => _layout is null ? _memory.Span[slot] : _layout.Value(_block!, _offset, slot);

    /// <summary>
    /// Creates counts from their values, as any engine that counts the populations of the remarks produces them (a SQL
    /// query, another process, a file); every argument is named after the property it sets and defaults to 0.
    /// </summary>
    /// <param name="offeredContacts">The value of <see cref="OfferedContacts"/>; at least 0.</param>
    /// <param name="queuedContacts">The value of <see cref="QueuedContacts"/>; at least 0.</param>
    /// <param name="answeredContacts">The value of <see cref="AnsweredContacts"/>; at least 0.</param>
    /// <param name="abandonedContacts">The value of <see cref="AbandonedContacts"/>; at least 0.</param>
    /// <param name="answeredWithinThreshold">The value of <see cref="AnsweredWithinThreshold"/>; at least 0.</param>
    /// <param name="abandonedWithinThreshold">The value of <see cref="AbandonedWithinThreshold"/>; at least 0.</param>
    /// <param name="shortAbandonedContacts">The value of <see cref="ShortAbandonedContacts"/>; at least 0.</param>
    /// <param name="containedContacts">The value of <see cref="ContainedContacts"/>; at least 0.</param>
    /// <param name="handledContacts">The value of <see cref="HandledContacts"/>; at least 0.</param>
    /// <param name="handleMilliseconds">The value of <see cref="HandleMilliseconds"/>; at least 0.</param>
    /// <param name="talkMilliseconds">The value of <see cref="TalkMilliseconds"/>; at least 0.</param>
    /// <param name="holdMilliseconds">The value of <see cref="HoldMilliseconds"/>; at least 0.</param>
    /// <param name="afterCallWorkMilliseconds">The value of <see cref="AfterCallWorkMilliseconds"/>; at least 0.</param>
    /// <param name="waitAnsweredMilliseconds">The value of <see cref="WaitAnsweredMilliseconds"/>; at least 0.</param>
    /// <param name="waitAbandonedMilliseconds">The value of <see cref="WaitAbandonedMilliseconds"/>; at least 0.</param>
    /// <param name="transferredContacts">The value of <see cref="TransferredContacts"/>; at least 0.</param>
    /// <param name="resolvedFlagged">The value of <see cref="ResolvedFlagged"/>; at least 0.</param>
    /// <param name="resolvedTrue">The value of <see cref="ResolvedTrue"/>; at least 0.</param>
    /// <param name="fcrEligibleContacts">The value of <see cref="FcrEligibleContacts"/>; at least 0.</param>
    /// <param name="resolvedFirstTime">The value of <see cref="ResolvedFirstTime"/>; at least 0.</param>
    /// <param name="repeatContacts">The value of <see cref="RepeatContacts"/>; at least 0.</param>
    /// <param name="csatHistogram">Answers per CSAT score 1-5 (5 values), or empty for none.</param>
    /// <param name="npsHistogram">Answers per NPS score 0-10 (11 values), or empty for none.</param>
    /// <param name="cesHistogram">Answers per CES score 1-7 (7 values), or empty for none.</param>
    /// <param name="issuesResolvedFirstTime">The value of <see cref="IssuesResolvedFirstTime"/>; between 0 and <paramref name="fcrEligibleContacts"/> - <paramref name="repeatContacts"/> (the issues).</param>
    /// <param name="asynchronousContacts">The value of <see cref="AsynchronousContacts"/>; at least 0.</param>
    /// <param name="asynchronousAnswered">The value of <see cref="AsynchronousAnswered"/>; at least 0.</param>
    /// <param name="responseMilliseconds">The value of <see cref="ResponseMilliseconds"/>; at least 0.</param>
    /// <param name="answeredWithinResponseTarget">The value of <see cref="AnsweredWithinResponseTarget"/>; at least 0.</param>
    /// <param name="responseTimeHistogram">Answered asynchronous contacts per bucket of <see cref="ResponseTimeBucketBounds"/> (17 values, the open bucket last), or empty for none.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or sum is negative, or there are more issues resolved first time than issues.</exception>
    /// <exception cref="ArgumentException">A histogram is neither empty nor of its scale's length.</exception>
    public static KpiCounts FromCounts(
        long offeredContacts = 0,
        long queuedContacts = 0,
        long answeredContacts = 0,
        long abandonedContacts = 0,
        long answeredWithinThreshold = 0,
        long abandonedWithinThreshold = 0,
        long shortAbandonedContacts = 0,
        long containedContacts = 0,
        long handledContacts = 0,
        long handleMilliseconds = 0,
        long talkMilliseconds = 0,
        long holdMilliseconds = 0,
        long afterCallWorkMilliseconds = 0,
        long waitAnsweredMilliseconds = 0,
        long waitAbandonedMilliseconds = 0,
        long transferredContacts = 0,
        long resolvedFlagged = 0,
        long resolvedTrue = 0,
        long fcrEligibleContacts = 0,
        long resolvedFirstTime = 0,
        long repeatContacts = 0,
        ReadOnlySpan<long> csatHistogram = default,
        ReadOnlySpan<long> npsHistogram = default,
        ReadOnlySpan<long> cesHistogram = default,
        long issuesResolvedFirstTime = 0,
        long asynchronousContacts = 0,
        long asynchronousAnswered = 0,
        long responseMilliseconds = 0,
        long answeredWithinResponseTarget = 0,
        ReadOnlySpan<long> responseTimeHistogram = default)
    {
        var slots = new long[Slots];
        slots[Offered] = Count(offeredContacts, nameof(offeredContacts));
        slots[Queued] = Count(queuedContacts, nameof(queuedContacts));
        slots[Answered] = Count(answeredContacts, nameof(answeredContacts));
        slots[Abandoned] = Count(abandonedContacts, nameof(abandonedContacts));
        slots[AnsweredWithin] = Count(answeredWithinThreshold, nameof(answeredWithinThreshold));
        slots[AbandonedWithin] = Count(abandonedWithinThreshold, nameof(abandonedWithinThreshold));
        slots[ShortAbandons] = Count(shortAbandonedContacts, nameof(shortAbandonedContacts));
        slots[Contained] = Count(containedContacts, nameof(containedContacts));
        slots[Handled] = Count(handledContacts, nameof(handledContacts));
        slots[HandleMs] = Count(handleMilliseconds, nameof(handleMilliseconds));
        slots[TalkMs] = Count(talkMilliseconds, nameof(talkMilliseconds));
        slots[HoldMs] = Count(holdMilliseconds, nameof(holdMilliseconds));
        slots[AcwMs] = Count(afterCallWorkMilliseconds, nameof(afterCallWorkMilliseconds));
        slots[WaitAnsweredMs] = Count(waitAnsweredMilliseconds, nameof(waitAnsweredMilliseconds));
        slots[WaitAbandonedMs] = Count(waitAbandonedMilliseconds, nameof(waitAbandonedMilliseconds));
        slots[Transferred] = Count(transferredContacts, nameof(transferredContacts));
        slots[ResolvedKnown] = Count(resolvedFlagged, nameof(resolvedFlagged));
        slots[ResolvedYes] = Count(resolvedTrue, nameof(resolvedTrue));
        slots[FcrEligible] = Count(fcrEligibleContacts, nameof(fcrEligibleContacts));
        slots[FcrNoRepeat] = Count(resolvedFirstTime, nameof(resolvedFirstTime));
        slots[Repeats] = Count(repeatContacts, nameof(repeatContacts));
        slots[IssuesNoRepeat] = Count(issuesResolvedFirstTime, nameof(issuesResolvedFirstTime));
        if (issuesResolvedFirstTime > fcrEligibleContacts - repeatContacts)
        {
            throw new ArgumentOutOfRangeException(nameof(issuesResolvedFirstTime), issuesResolvedFirstTime,
                $"Issues resolved first time cannot exceed the issues (eligible contacts {fcrEligibleContacts} - repeats {repeatContacts}).");
        }
        slots[AsyncReceived] = Count(asynchronousContacts, nameof(asynchronousContacts));
        slots[AsyncAnswered] = Count(asynchronousAnswered, nameof(asynchronousAnswered));
        slots[AsyncResponseMs] = Count(responseMilliseconds, nameof(responseMilliseconds));
        slots[AsyncWithinTarget] = Count(answeredWithinResponseTarget, nameof(answeredWithinResponseTarget));
        Histogram(responseTimeHistogram, slots.AsSpan(ResponseBase, ResponseBuckets), nameof(responseTimeHistogram));
        Histogram(csatHistogram, slots.AsSpan(CsatBase, 5), nameof(csatHistogram));
        Histogram(npsHistogram, slots.AsSpan(NpsBase, 11), nameof(npsHistogram));
        Histogram(cesHistogram, slots.AsSpan(CesBase, 7), nameof(cesHistogram));
        return new KpiCounts(slots);

        static long Count(long value, string name) =>
            value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"A count or sum must be at least 0; was {value}.");

        static void Histogram(ReadOnlySpan<long> values, Span<long> target, string name)
        {
            if (values.IsEmpty)
            {
                return;
            }
            if (values.Length != target.Length)
            {
                throw new ArgumentException($"The histogram needs {target.Length} values (one per score) or none; got {values.Length}.", name);
            }
            for (int k = 0; k < values.Length; k++)
            {
                target[k] = Count(values[k], name);
            }
        }
    }

    /// <summary>The state tables of each set of definitions <see cref="FromContacts"/> was called with.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KpiOptions, KpiSlots> SlotsByOptions = [];

    /// <summary>
    /// The counts of <paramref name="contacts"/> contacts alike in what the queue, asynchronous, contained and handled counts
    /// classify a contact by, through the same states as the in-memory rollup (<see cref="KpiRollup"/>): for an engine that
    /// counts contacts by those classes (a SQL <c>GROUP BY</c>) and sums their times. The surveys and repeat-contact counts
    /// are not set (add <see cref="FromCounts"/>'s).
    /// </summary>
    /// <param name="contacts">How many contacts; at least 0.</param>
    /// <param name="channel">Their channel.</param>
    /// <param name="direction">Their direction.</param>
    /// <param name="answered">Whether they were answered.</param>
    /// <param name="waitMilliseconds">A wait that stands for each contact's (to answer or abandon; for an asynchronous contact, the response time): it must fall where each of theirs falls against the thresholds of <paramref name="options"/> (service level, short abandons, response target) and the bounds of <see cref="ResponseTimeBucketBounds"/>; its value is not summed.</param>
    /// <param name="transferred">Whether they were transferred.</param>
    /// <param name="resolved">Their resolved flag; <see langword="null"/> when unknown.</param>
    /// <param name="totalWaitMilliseconds">The sum of their waits; at least 0.</param>
    /// <param name="totalTalkMilliseconds">The sum of their talk times; at least 0.</param>
    /// <param name="totalHoldMilliseconds">The sum of their hold times; at least 0.</param>
    /// <param name="totalAfterCallWorkMilliseconds">The sum of their after-contact work; at least 0.</param>
    /// <param name="options">The definitions (thresholds, handle-time components); the defaults when <see langword="null"/>.</param>
    /// <returns>The counts: as many contacts in each population they belong to, the sums in the ones that sum them (talk, hold and after-contact work only for handled contacts).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or sum is negative, or the channel or direction is not defined.</exception>
    public static KpiCounts FromContacts(long contacts, Domain.Channel channel, Domain.Direction direction, bool answered, long waitMilliseconds,
        bool transferred, bool? resolved, long totalWaitMilliseconds, long totalTalkMilliseconds, long totalHoldMilliseconds,
        long totalAfterCallWorkMilliseconds, KpiOptions? options = null)
    {
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a defined channel.");
        }
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a defined direction.");
        }
        foreach (var (value, name) in new[] { (contacts, nameof(contacts)), (totalWaitMilliseconds, nameof(totalWaitMilliseconds)),
            (totalTalkMilliseconds, nameof(totalTalkMilliseconds)), (totalHoldMilliseconds, nameof(totalHoldMilliseconds)),
            (totalAfterCallWorkMilliseconds, nameof(totalAfterCallWorkMilliseconds)) })
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"A count or sum must be at least 0; was {value}.");
            }
        }
        var slots = SlotsByOptions.GetValue(options ?? KpiOptions.Default, o => new KpiSlots(o));
        var values = new long[Slots];
        slots.AddContacts(values, contacts, channel, direction == Domain.Direction.Inbound, answered, waitMilliseconds, transferred,
            resolved switch { null => -1, false => 0, true => 1 }, totalWaitMilliseconds, totalTalkMilliseconds, totalHoldMilliseconds,
            totalAfterCallWorkMilliseconds);
        return new KpiCounts(values);
    }

    /// <summary>Counts of nothing.</summary>
    public static KpiCounts Empty { get; } = new(new long[Slots]);

    /// <summary>Inbound contacts on any channel.</summary>
    public long OfferedContacts => Get(Offered);

    /// <summary>Inbound contacts on a live queued channel (phone, chat, messaging, social): answered + abandoned.</summary>
    public long QueuedContacts => Get(Queued);

    /// <summary>Queued contacts that were answered.</summary>
    public long AnsweredContacts => Get(Answered);

    /// <summary>Queued contacts that were never answered.</summary>
    public long AbandonedContacts => Get(Abandoned);

    /// <summary>Answered contacts whose wait was within the service-level threshold.</summary>
    public long AnsweredWithinThreshold => Get(AnsweredWithin);

    /// <summary>Abandoned contacts that left within the service-level threshold.</summary>
    public long AbandonedWithinThreshold => Get(AbandonedWithin);

    /// <summary>Abandoned contacts that left within the short-abandon threshold.</summary>
    public long ShortAbandonedContacts => Get(ShortAbandons);

    /// <summary>Inbound contacts on self-service, chatbot or IVR.</summary>
    public long ContainedContacts => Get(Contained);

    /// <summary>Answered contacts on an agent channel, inbound or outbound.</summary>
    public long HandledContacts => Get(Handled);

    /// <summary>Sum of handle time (the configured components) over handled contacts, in milliseconds.</summary>
    public long HandleMilliseconds => Get(HandleMs);

    /// <summary>Sum of talk time over handled contacts, in milliseconds.</summary>
    public long TalkMilliseconds => Get(TalkMs);

    /// <summary>Sum of hold time over handled contacts, in milliseconds.</summary>
    public long HoldMilliseconds => Get(HoldMs);

    /// <summary>Sum of after-contact work over handled contacts, in milliseconds.</summary>
    public long AfterCallWorkMilliseconds => Get(AcwMs);

    /// <summary>Sum of waits of answered contacts, in milliseconds.</summary>
    public long WaitAnsweredMilliseconds => Get(WaitAnsweredMs);

    /// <summary>Sum of times to abandon of abandoned contacts, in milliseconds.</summary>
    public long WaitAbandonedMilliseconds => Get(WaitAbandonedMs);

    /// <summary>Handled contacts transferred at least once.</summary>
    public long TransferredContacts => Get(Transferred);

    /// <summary>Handled contacts with a resolved flag.</summary>
    public long ResolvedFlagged => Get(ResolvedKnown);

    /// <summary>Handled contacts flagged resolved.</summary>
    public long ResolvedTrue => Get(ResolvedYes);

    /// <summary>Handled inbound contacts of identified customers: the base of repeat-contact FCR.</summary>
    public long FcrEligibleContacts => Get(FcrEligible);

    /// <summary>Eligible contacts that no repeat contact followed within the window.</summary>
    public long ResolvedFirstTime => Get(FcrNoRepeat);

    /// <summary>Eligible contacts that were themselves a repeat of an earlier eligible contact within the window.</summary>
    public long RepeatContacts => Get(Repeats);

    /// <summary>
    /// Issues: eligible contacts that are not a repeat of an earlier one, i.e. handled inbound contacts with no handled
    /// contact of the customer on that reason in the window before them (<see cref="Tables.FcrBasis.Issue"/>). Every
    /// eligible contact either starts an issue or repeats one, so this is <see cref="FcrEligibleContacts"/> - <see cref="RepeatContacts"/>.
    /// </summary>
    public long Issues => Get(FcrEligible) - Get(Repeats);

    /// <summary>Issues whose first contact no repeat followed within the window: resolved first time, per issue.</summary>
    public long IssuesResolvedFirstTime => Get(IssuesNoRepeat);

    /// <summary>Inbound contacts on an asynchronous channel (email), answered or not.</summary>
    public long AsynchronousContacts => Get(AsyncReceived);

    /// <summary>Asynchronous contacts that were answered.</summary>
    public long AsynchronousAnswered => Get(AsyncAnswered);

    /// <summary>Sum of response times (answered − arrived) of answered asynchronous contacts, in milliseconds.</summary>
    public long ResponseMilliseconds => Get(AsyncResponseMs);

    /// <summary>Asynchronous contacts answered within the response target (<see cref="KpiOptions.ResponseTarget"/>).</summary>
    public long AnsweredWithinResponseTarget => Get(AsyncWithinTarget);

    /// <summary>Answered asynchronous contacts by response time, one count per bucket of <see cref="ResponseTimeBucketBounds"/>, the open bucket (over 7 days) last.</summary>
    public ReadOnlySpan<long> ResponseTimeHistogram => Values.Slice(ResponseBase, ResponseBuckets);

    /// <summary>CSAT answers by score: index 0 is score 1, index 4 is score 5.</summary>
    public ReadOnlySpan<long> CsatHistogram => Values.Slice(CsatBase, 5);

    /// <summary>NPS answers by score: index k is score k (0-10).</summary>
    public ReadOnlySpan<long> NpsHistogram => Values.Slice(NpsBase, 11);

    /// <summary>CES answers by score: index 0 is score 1, index 6 is score 7.</summary>
    public ReadOnlySpan<long> CesHistogram => Values.Slice(CesBase, 7);

    internal ReadOnlySpan<long> Raw => Values;

    /// <summary>Adds two sets of counts (merges partitions or groups).</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The merged counts.</returns>
    public static KpiCounts operator +(KpiCounts left, KpiCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var sum = new long[Slots];
        var l = left.Values;
        var r = right.Values;
        for (int k = 0; k < Slots; k++)
        {
            sum[k] = l[k] + r[k];
        }
        return new KpiCounts(sum);
    }

    /// <summary>Adds two sets of counts.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The merged counts.</returns>
    public KpiCounts Add(KpiCounts other) => this + other;

    /// <inheritdoc />
    public bool Equals(KpiCounts? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KpiCounts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long v in Values)
        {
            hash.Add(v);
        }
        return hash.ToHashCode();
    }
}
