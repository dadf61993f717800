using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Kpis;

/// <summary>
/// How a rollup counts one group while it scans: a compact block of <see cref="Stride"/> ints per group, in which a row
/// adds to about ten places chosen by table lookups, with no branch on the row's values; a group's
/// <see cref="KpiCounts"/> read their values from the block (<see cref="Value"/>), each when it is asked for.
/// </summary>
/// <remarks>
/// The mutually exclusive outcomes of a contact are counted as states, one increment each, and the counts of
/// <see cref="KpiCounts"/> are sums of states: the <b>flow</b> of an inbound contact (asynchronous unanswered, answered
/// late or within the response target; queued answered late or within the threshold; abandoned, by whether within the
/// threshold and within the short-abandon threshold; contained), the <b>handled</b> state (transferred or not, resolved
/// unknown, no or yes), the repeat-contact state of an eligible contact (followed by a repeat or not, a repeat or not),
/// and one histogram bucket per survey score and response time. A row with no such outcome adds to the part's "none"
/// slot (or the "none" sum), which is never read. Counts are 32-bit (a table has fewer than 2^31
/// rows); the millisecond sums are 64-bit, kept in the block's first 14 ints. Handle time is not summed: it is the sum
/// of the talk, hold and after-contact-work sums the options include, the same integer.
/// </remarks>
internal sealed class KpiSlots
{
    /// <summary>Ints per group: five cache lines.</summary>
    public const int Stride = 80;

    // 64-bit sums, as indices of longs over the block's first 14 ints.
    private const int SumNone = 0, SumTalk = 1, SumHold = 2, SumAcw = 3, SumWaitAnswered = 4, SumWaitAbandoned = 5, SumResponse = 6;

    // 32-bit counts, as int offsets in the block. Each part has its own slot for rows it does not count ("none"), so the
    // increments of one row go to different places and do not wait on each other; a common row (no survey, not email)
    // touches the first three cache lines only.
    private const int FlowNone = 14, HandledNone = 15, Flow = 16, HandledState = Flow + 10, FcrState = HandledState + 6,
        FcrNone = FcrState + 4, CsatNone = FcrNone + 1, NpsNone = CsatNone + 1, CesNone = NpsNone + 1, Csat = CesNone + 1,
        Nps = Csat + 5, Ces = Nps + 11, Response = Ces + 7;

    // Flow states (offsets from Flow).
    private const int AsyncUnanswered = 0, AsyncLate = 1, AsyncWithin = 2, AnsweredLate = 3, AnsweredWithin = 4, AbandonedOther = 5,
        AbandonedWithin = 6, AbandonedShort = 7, AbandonedWithinShort = 8, Contained = 9;

    private static readonly long[] ResponseBounds = [.. Enumerable.Range(0, KpiCounts.ResponseBuckets - 1).Select(k => KpiCounts.ResponseBucketRange(k).Upper!.Value)];

    // The row code: channel << 5 | inbound << 4 | answered << 3 | wait <= threshold << 2 | wait <= short << 1 | wait <= target.
    // Its entry: flow offset | handled << 8 | sum index << 9 | asynchronous answered << 12.
    private readonly int[] _byCode = new int[256 << 5];
    private readonly int[] _handled = new int[16];
    private readonly int[] _fcr = new int[8];
    private readonly int[] _csat = new int[256];
    private readonly int[] _nps = new int[256];
    private readonly int[] _ces = new int[256];
    private readonly long _thresholdMs, _shortMs, _targetMs;
    private readonly bool _talk, _hold, _acw;

    public KpiSlots(KpiOptions options)
    {
        _thresholdMs = (long)options.ServiceLevel.Threshold.TotalMilliseconds;
        _shortMs = (long)options.ServiceLevel.ShortAbandonThreshold.TotalMilliseconds;
        _targetMs = (long)options.ResponseTarget.TotalMilliseconds;
        _talk = options.HandleTime.HasFlag(HandleTimeComponents.Talk);
        _hold = options.HandleTime.HasFlag(HandleTimeComponents.Hold);
        _acw = options.HandleTime.HasFlag(HandleTimeComponents.AfterCallWork);
        for (int code = 0; code < _byCode.Length; code++)
        {
            var channel = (Channel)(code >> 5);
            bool inbound = (code & 16) != 0, answered = (code & 8) != 0, withinThreshold = (code & 4) != 0, withinShort = (code & 2) != 0, withinTarget = (code & 1) != 0;
            int flow = FlowNone, sum = SumNone, asyncAnswered = 0;
            if (inbound && channel.IsAsynchronous())
            {
                flow = Flow + (!answered ? AsyncUnanswered : withinTarget ? AsyncWithin : AsyncLate);
                (sum, asyncAnswered) = answered ? (SumResponse, 1) : (SumNone, 0);
            }
            else if (inbound && channel.IsAgentHandled())
            {
                flow = Flow + (answered ? (withinThreshold ? AnsweredWithin : AnsweredLate)
                    : (withinThreshold, withinShort) switch { (false, false) => AbandonedOther, (true, false) => AbandonedWithin, (false, true) => AbandonedShort, _ => AbandonedWithinShort });
                sum = answered ? SumWaitAnswered : SumWaitAbandoned;
            }
            else if (inbound)
            {
                flow = Flow + Contained;
            }
            int handled = channel.IsAgentHandled() && answered ? 1 : 0;
            _byCode[code] = flow | handled << 8 | sum << 9 | asyncAnswered << 12;
        }
        // Handled state: transferred * 3 + resolved (-1, 0, 1) + 1, for handled rows.
        for (int k = 0; k < 16; k++)
        {
            _handled[k] = k >= 8 && (k & 7) < 6 ? HandledState + (k & 7) : HandledNone;
        }
        // Repeat-contact state of an eligible row: followed by a repeat (bit 0), a repeat (bit 1).
        for (int f = 0; f < 8; f++)
        {
            _fcr[f] = (f & RepeatContactDetector.Eligible) != 0
                ? FcrState + ((f & RepeatContactDetector.FollowedByRepeat) != 0 ? 1 : 0) + ((f & RepeatContactDetector.IsRepeat) != 0 ? 2 : 0)
                : FcrNone;
        }
        for (int v = 0; v < 256; v++)
        {
            int score = (sbyte)v;
            _csat[v] = score is >= 1 and <= 5 ? Csat + score - 1 : CsatNone;
            _nps[v] = score is >= 0 and <= 10 ? Nps + score : NpsNone;
            _ces[v] = score is >= 1 and <= 7 ? Ces + score - 1 : CesNone;
        }
    }

    /// <summary>Adds rows <paramref name="rows"/> of <paramref name="t"/> to the blocks at <paramref name="groupOffsets"/> from <paramref name="baseOffset"/> in <paramref name="slots"/>.</summary>
    public void AddRows(int[] slots, int baseOffset, ReadOnlySpan<int> rows, ReadOnlySpan<int> groupOffsets, InteractionTable t, byte[] flags)
    {
        var channel = t.Channel;
        var direction = t.Direction;
        var answered = t.Answered;
        var queueMs = t.QueueMs;
        var talkMs = t.TalkMs;
        var holdMs = t.HoldMs;
        var acwMs = t.AcwMs;
        var resolved = t.Resolved;
        var transfers = t.Transfers;
        var csat = t.Csat;
        var nps = t.Nps;
        var ces = t.Ces;
        long thresholdMs = _thresholdMs, shortMs = _shortMs, targetMs = _targetMs;
        var byCode = _byCode;
        var handledStates = _handled;
        var fcr = _fcr;
        var csatSlot = _csat;
        var npsSlot = _nps;
        var cesSlot = _ces;
        ref int block0 = ref slots[baseOffset];
        for (int j = 0; j < rows.Length; j++)
        {
            int i = rows[j];
            ref int block = ref Unsafe.Add(ref block0, groupOffsets[j]);
            ref long sums = ref Unsafe.As<int, long>(ref block);
            long wait = queueMs[i];
            int code = channel[i] << 5 | (direction[i] == (byte)Direction.Inbound ? 16 : 0) | (answered[i] ? 8 : 0)
                | (wait <= thresholdMs ? 4 : 0) | (wait <= shortMs ? 2 : 0) | (wait <= targetMs ? 1 : 0);
            int entry = byCode[code];
            Unsafe.Add(ref block, entry & 0xFF)++;
            Unsafe.Add(ref sums, (entry >> 9) & 7) += wait;
            int handled = (entry >> 8) & 1;
            long handledMask = -(long)handled;
            Unsafe.Add(ref sums, SumTalk) += talkMs[i] & handledMask;
            Unsafe.Add(ref sums, SumHold) += holdMs[i] & handledMask;
            Unsafe.Add(ref sums, SumAcw) += acwMs[i] & handledMask;
            Unsafe.Add(ref block, handledStates[handled << 3 | (((transfers[i] > 0 ? 3 : 0) + resolved[i] + 1) & 7)])++;
            Unsafe.Add(ref block, fcr[flags[i] & 7])++;
            sbyte c = csat[i], n = nps[i], e = ces[i];
            if ((c & n & e) >= 0)
            {
                // Some answer (a missing score is -1; most contacts have no survey, and then none is counted).
                Unsafe.Add(ref block, csatSlot[(byte)c])++;
                Unsafe.Add(ref block, npsSlot[(byte)n])++;
                Unsafe.Add(ref block, cesSlot[(byte)e])++;
            }
            if ((entry & (1 << 12)) != 0)
            {
                Unsafe.Add(ref block, Response + ResponseBucket(wait))++;
            }
        }
    }

    /// <summary>The response-time bucket of <paramref name="ms"/>, as <see cref="KpiCounts.ResponseBucket"/>, without a branch per bound.</summary>
    private static int ResponseBucket(long ms)
    {
        int k = 0;
        foreach (long bound in ResponseBounds)
        {
            k += ms > bound ? 1 : 0;
        }
        return k;
    }

    /// <summary>Adds the block at <paramref name="from"/> of <paramref name="source"/> to the block at <paramref name="to"/> of <paramref name="target"/>.</summary>
    public static void AddBlock(int[] target, int to, int[] source, int from)
    {
        var targetSums = MemoryMarshal.Cast<int, long>(target.AsSpan(to, FlowNone));
        var sourceSums = MemoryMarshal.Cast<int, long>(source.AsSpan(from, FlowNone));
        for (int k = 0; k < targetSums.Length; k++)
        {
            targetSums[k] += sourceSums[k];
        }
        for (int k = FlowNone; k < Stride; k++)
        {
            target[to + k] += source[from + k];
        }
    }

    /// <summary>The counts of the block at <paramref name="offset"/> of <paramref name="slots"/>, read from the block as they are asked for (nothing copied).</summary>
    public KpiCounts Counts(int[] slots, int offset) => new(this, slots, offset);

    /// <summary>All the values of the block at <paramref name="offset"/> of <paramref name="slots"/>, in the layout of <see cref="KpiCounts"/>.</summary>
    public long[] Values(int[] slots, int offset)
    {
        var values = new long[KpiCounts.Slots];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = Value(slots, offset, k);
        }
        return values;
    }

    /// <summary>Value <paramref name="slot"/> (an index of <see cref="KpiCounts"/>) of the block at <paramref name="offset"/> of <paramref name="slots"/>: a sum of states, a sum or a histogram bucket.</summary>
    public long Value(int[] slots, int offset, int slot)
    {
        var b = slots.AsSpan(offset, Stride);
        var sums = MemoryMarshal.Cast<int, long>(b[..FlowNone]);
        var f = b.Slice(Flow, 10);
        var h = b.Slice(HandledState, 6);
        var r = b.Slice(FcrState, 4);
        return slot switch
        {
            KpiCounts.AsyncReceived => (long)f[AsyncUnanswered] + f[AsyncLate] + f[AsyncWithin],
            KpiCounts.AsyncAnswered => (long)f[AsyncLate] + f[AsyncWithin],
            KpiCounts.AsyncWithinTarget => f[AsyncWithin],
            KpiCounts.AsyncResponseMs => sums[SumResponse],
            KpiCounts.Answered => (long)f[AnsweredLate] + f[AnsweredWithin],
            KpiCounts.AnsweredWithin => f[AnsweredWithin],
            KpiCounts.Abandoned => (long)f[AbandonedOther] + f[AbandonedWithin] + f[AbandonedShort] + f[AbandonedWithinShort],
            KpiCounts.AbandonedWithin => (long)f[AbandonedWithin] + f[AbandonedWithinShort],
            KpiCounts.ShortAbandons => (long)f[AbandonedShort] + f[AbandonedWithinShort],
            // Queued = answered + abandoned; offered = asynchronous + queued + contained: every flow state.
            KpiCounts.Queued => (long)f[AnsweredLate] + f[AnsweredWithin] + f[AbandonedOther] + f[AbandonedWithin] + f[AbandonedShort] + f[AbandonedWithinShort],
            KpiCounts.Contained => f[Contained],
            KpiCounts.Offered => Total(f),
            KpiCounts.WaitAnsweredMs => sums[SumWaitAnswered],
            KpiCounts.WaitAbandonedMs => sums[SumWaitAbandoned],
            // Handled state = transferred * 3 + resolved + 1.
            KpiCounts.Handled => Total(h),
            KpiCounts.Transferred => (long)h[3] + h[4] + h[5],
            KpiCounts.ResolvedKnown => (long)h[1] + h[2] + h[4] + h[5],
            KpiCounts.ResolvedYes => (long)h[2] + h[5],
            KpiCounts.TalkMs => sums[SumTalk],
            KpiCounts.HoldMs => sums[SumHold],
            KpiCounts.AcwMs => sums[SumAcw],
            KpiCounts.HandleMs => (_talk ? sums[SumTalk] : 0L) + (_hold ? sums[SumHold] : 0L) + (_acw ? sums[SumAcw] : 0L),
            // Repeat state = followed by a repeat + 2 * a repeat.
            KpiCounts.FcrEligible => Total(r),
            KpiCounts.FcrNoRepeat => (long)r[0] + r[2],
            KpiCounts.Repeats => (long)r[2] + r[3],
            // The CSAT, NPS and CES histograms follow each other in the block as in KpiCounts.
            >= KpiCounts.CsatBase and < KpiCounts.IssuesNoRepeat => b[Csat + slot - KpiCounts.CsatBase],
            KpiCounts.IssuesNoRepeat => r[0],
            _ => b[Response + slot - KpiCounts.ResponseBase],
        };

        static long Total(ReadOnlySpan<int> states)
        {
            long total = 0;
            foreach (int count in states)
            {
                total += count;
            }
            return total;
        }
    }
}
