using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Kpis;

/// <summary>
/// How a rollup counts one group while it scans: a compact block of <see cref="Stride"/> ints per group, in which a row
/// adds to about ten places chosen by table lookups, with no branch on the row's values (the rows with a survey or an
/// asynchronous response are noted and their histograms counted in a second loop); a group's <see cref="KpiCounts"/> read their values from the block (<see cref="Value"/>), each when it is
/// asked for.
/// </summary>
/// <remarks>
/// The mutually exclusive outcomes of a contact are counted as states, one increment each, and the counts of
/// <see cref="KpiCounts"/> are sums of states: the <b>flow</b> of an inbound contact (asynchronous unanswered, answered
/// late or within the response target; queued answered late or within the threshold; abandoned, by whether within the
/// threshold and within the short-abandon threshold; contained), the <b>handled</b> state (transferred or not, resolved
/// unknown, no or yes), the repeat-contact state of an eligible contact (followed by a repeat or not, a repeat or not),
/// and one histogram bucket per survey score and response time. A row with no such outcome adds zero to the part's first
/// state (or sum), so every row does the same work. Counts are 32-bit (a table has fewer than 2^31 rows); the
/// millisecond sums are 64-bit, kept in the block's first 12 ints. Handle time is not summed: it is the sum of the talk,
/// hold and after-contact-work sums the options include, the same integer. A row is either added at once, each state at
/// a place read from a table (<see cref="AddRows"/>), or its states are packed into one <see cref="ulong"/>
/// (<see cref="ReadRows"/>) and written out with the row's key and values, to be added later, part by part
/// (<see cref="Encode"/>, <see cref="AddEncoded"/>).
/// <para>
/// What every row touches (the sums, flow, handled and repeat states) is the block's first two cache lines; the survey
/// and response histograms, which a quarter and a fifth of the rows touch, are the last three. A rollup whose blocks do
/// not all fit the cache then keeps the hot two lines of each (128 bytes a group) in it: 5,848 groups of channel x day
/// take 750 KB, under a core's 1 MB L2.
/// </para>
/// </remarks>
internal sealed class KpiSlots
{
    /// <summary>Ints per group: five cache lines.</summary>
    public const int Stride = 80;

    // 64-bit sums, as indices of longs over the block's first 12 ints.
    private const int SumTalk = 0, SumHold = 1, SumAcw = 2, SumWaitAnswered = 3, SumWaitAbandoned = 4, SumResponse = 5, SumInts = 12;

    // 32-bit counts, as int offsets in the block: the states every row counts in the first two cache lines (ints 0-31),
    // the histograms after them (ints 32-71; the last 8 are not used).
    private const int Flow = SumInts, HandledState = Flow + 10, FcrState = HandledState + 6, Csat = FcrState + 4, Nps = Csat + 5,
        Ces = Nps + 11, Response = Ces + 7;

    // Flow states (offsets from Flow).
    private const int AsyncUnanswered = 0, AsyncLate = 1, AsyncWithin = 2, AnsweredLate = 3, AnsweredWithin = 4, AbandonedOther = 5,
        AbandonedWithin = 6, AbandonedShort = 7, AbandonedWithinShort = 8, Contained = 9;

    // An encoded row (EncodedRow.Code): its key in the low 23 bits, then each part's state as a number from 1, or 0 for
    // none; a part adds 1 at its first slot + state - 1, or 0 at its first slot (the histograms: at a slot of the first two
    // cache lines).
    private const int KeyBits = 23, FlowShift = KeyBits, SumShift = FlowShift + 4, HandledShift = SumShift + 3, FcrShift = HandledShift + 3,
        CsatShift = FcrShift + 3, NpsShift = CsatShift + 3, CesShift = NpsShift + 4, ResponseShift = CesShift + 3;
    private const ulong KeyMask = (1UL << KeyBits) - 1;

    /// <summary>The largest key an <see cref="EncodedRow"/> holds, plus one.</summary>
    public const long EncodedKeyLimit = 1L << KeyBits;

    private static readonly long[] ResponseBounds = [.. Enumerable.Range(0, KpiCounts.ResponseBuckets - 1).Select(k => KpiCounts.ResponseBucketRange(k).Upper!.Value)];

    // The row code: channel << 5 | inbound << 4 | answered << 3 | wait <= threshold << 2 | wait <= short << 1 | wait <= target.
    // Its entry: flow state (from 1, 0 for none) | handled << 4 | sum (from 1, 0 for none) << 5 | asynchronous answered << 8.
    private readonly int[] _byCode = new int[256 << 5];
    // States from 1 (0 for none): handled by (handled << 3 | transferred * 3 + resolved + 1), repeat by flags, scores by value.
    private readonly int[] _handled = new int[16];
    private readonly int[] _fcr = new int[8];
    private readonly int[] _csat = new int[256];
    private readonly int[] _nps = new int[256];
    private readonly int[] _ces = new int[256];
    // The same tables as places to add at (AddRows): an int offset in the block (low 7 bits) and the increment, 0 or 1
    // (bit 7); "none" adds 0 at a slot of the first two cache lines. By row code: also the 64-bit sum's index (bits 8-10)
    // and whether the wait is added to it (bit 11), whether the row is handled (bit 12), an asynchronous response (bit 13).
    private readonly int[] _atByCode = new int[256 << 5];
    private readonly int[] _handledAt = new int[16];
    private readonly int[] _fcrAt = new int[8];
    private readonly int[] _csatAt = new int[256];
    private readonly int[] _npsAt = new int[256];
    private readonly int[] _cesAt = new int[256];
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
            int flow = -1, sum = -1, asyncAnswered = 0;
            if (inbound && channel.IsAsynchronous())
            {
                flow = !answered ? AsyncUnanswered : withinTarget ? AsyncWithin : AsyncLate;
                (sum, asyncAnswered) = answered ? (SumResponse, 1) : (-1, 0);
            }
            else if (inbound && channel.IsAgentHandled())
            {
                flow = answered ? (withinThreshold ? AnsweredWithin : AnsweredLate)
                    : (withinThreshold, withinShort) switch { (false, false) => AbandonedOther, (true, false) => AbandonedWithin, (false, true) => AbandonedShort, _ => AbandonedWithinShort };
                sum = answered ? SumWaitAnswered : SumWaitAbandoned;
            }
            else if (inbound)
            {
                flow = Contained;
            }
            int handled = channel.IsAgentHandled() && answered ? 1 : 0;
            _byCode[code] = (flow + 1) | handled << 4 | (sum + 1) << 5 | asyncAnswered << 8;
        }
        // Handled state: transferred * 3 + resolved (-1, 0, 1) + 1, for handled rows.
        for (int k = 0; k < 16; k++)
        {
            _handled[k] = k >= 8 && (k & 7) < 6 ? (k & 7) + 1 : 0;
        }
        // Repeat-contact state of an eligible row: followed by a repeat (bit 0), a repeat (bit 1).
        for (int f = 0; f < 8; f++)
        {
            _fcr[f] = (f & RepeatContactDetector.Eligible) != 0
                ? 1 + ((f & RepeatContactDetector.FollowedByRepeat) != 0 ? 1 : 0) + ((f & RepeatContactDetector.IsRepeat) != 0 ? 2 : 0)
                : 0;
        }
        for (int v = 0; v < 256; v++)
        {
            int score = (sbyte)v;
            _csat[v] = score is >= 1 and <= 5 ? score : 0;
            _nps[v] = score is >= 0 and <= 10 ? score + 1 : 0;
            _ces[v] = score is >= 1 and <= 7 ? score : 0;
        }
        for (int code = 0; code < _byCode.Length; code++)
        {
            int entry = _byCode[code], sum = (entry >> 5) & 7;
            _atByCode[code] = At(Flow, entry & 15, Flow) | (sum == 0 ? 0 : sum - 1) << 8 | (sum == 0 ? 0 : 1) << 11 | ((entry >> 4) & 1) << 12 | ((entry >> 8) & 1) << 13;
        }
        Fill(_handledAt, _handled, HandledState, HandledState);
        Fill(_fcrAt, _fcr, FcrState, FcrState);
        Fill(_csatAt, _csat, Csat, HandledState);
        Fill(_npsAt, _nps, Nps, HandledState + 1);
        Fill(_cesAt, _ces, Ces, HandledState + 2);

        // Where Count adds a state: 1 at first + state - 1, or 0 at none.
        static int At(int first, int state, int none) => state == 0 ? none : (first + state - 1) | 1 << 7;

        static void Fill(int[] at, int[] states, int first, int none)
        {
            for (int k = 0; k < at.Length; k++)
            {
                at[k] = At(first, states[k], none);
            }
        }
    }

    /// <summary>
    /// Encodes rows <paramref name="rows"/> of <paramref name="t"/> (keys <paramref name="keys"/>, under 2^23) for a later
    /// <see cref="AddEncoded"/>: each row goes to <paramref name="target"/> at the cursor of its part
    /// (<paramref name="partOfWord"/> of its key / 64), which moves on by one. The row adds to the same places as with
    /// <see cref="AddRows"/>. The wait is kept as a 32-bit int (talk, hold and after-contact work are ints in the table):
    /// the caller has checked that every wait fits.
    /// </summary>
    public void Encode(ReadOnlySpan<int> rows, ReadOnlySpan<long> keys, InteractionTable t, byte[] flags, EncodedRow[] target, int[] cursor, int[] partOfWord)
    {
        var sink = new EncodeSink(keys, target, cursor, partOfWord);
        ReadRows(rows, t, flags, ref sink);
    }

    /// <summary>
    /// Adds <paramref name="rows"/>, encoded by <see cref="Encode"/>, to the blocks from <paramref name="baseOffset"/> in
    /// <paramref name="slots"/>: a row's block is number <paramref name="groupOfKey"/>[key] (a part's rows read a short
    /// range of it, and their blocks are a short range too, so both stay in the cache).
    /// </summary>
    public static void AddEncoded(int[] slots, int baseOffset, ReadOnlySpan<EncodedRow> rows, int[] groupOfKey)
    {
        ref int block0 = ref slots[baseOffset];
        for (int j = 0; j < rows.Length; j++)
        {
            ref readonly var row = ref rows[j];
            ulong code = row.Code;
            ref int block = ref Unsafe.Add(ref block0, groupOfKey[(int)(code & KeyMask)] * Stride);
            AddStates(ref block, code, row.Wait, row.Talk, row.Hold, row.Acw);
            // A row without a survey or response adds 0 to a slot in the first two cache lines, so it does not touch the
            // histograms' lines at all.
            AddHistograms(ref block, code);
        }
    }

    /// <summary>
    /// Adds rows <paramref name="rows"/> of <paramref name="t"/> to the blocks at <paramref name="groupOffsets"/> from
    /// <paramref name="baseOffset"/> in <paramref name="slots"/>: first what every row counts (the sums, flow, handled and
    /// repeat states, each added at a place read from a table), noting without a branch the rows with a survey score or an
    /// asynchronous response in <paramref name="later"/> (as long as <paramref name="rows"/>); then the histograms of just
    /// those rows (a quarter and a fifth), in a second loop.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> does not lie within the table or is longer than <paramref name="groupOffsets"/> or <paramref name="later"/>.</exception>
    public void AddRows(int[] slots, int baseOffset, ReadOnlySpan<int> rows, ReadOnlySpan<int> groupOffsets, InteractionTable t, byte[] flags, int[] later)
    {
        // The columns are read without bounds checks: every column (and the flags) has a row per table row, and the rows
        // increase (Debug-checked), so checking the first and the last is checking them all.
        int count = t.Count;
        if (rows.Length > groupOffsets.Length || rows.Length > later.Length
            || (rows.Length > 0 && ((uint)rows[0] >= (uint)count || (uint)rows[^1] >= (uint)count))
            || Math.Min(Math.Min(Math.Min(t.Channel.Length, t.Direction.Length), Math.Min(t.Answered.Length, t.QueueMs.Length)),
                Math.Min(Math.Min(Math.Min(t.TalkMs.Length, t.HoldMs.Length), Math.Min(t.AcwMs.Length, t.Resolved.Length)),
                    Math.Min(Math.Min(t.Transfers.Length, t.Csat.Length), Math.Min(Math.Min(t.Nps.Length, t.Ces.Length), flags.Length)))) < count)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), "The rows must lie within the table, in increasing order.");
        }
        System.Diagnostics.Debug.Assert(IsIncreasing(rows), "rows increase");
        ref byte channel = ref MemoryMarshal.GetArrayDataReference(t.Channel);
        ref byte direction = ref MemoryMarshal.GetArrayDataReference(t.Direction);
        ref bool answered = ref MemoryMarshal.GetArrayDataReference(t.Answered);
        ref long queueMs = ref MemoryMarshal.GetArrayDataReference(t.QueueMs);
        ref int talkMs = ref MemoryMarshal.GetArrayDataReference(t.TalkMs);
        ref int holdMs = ref MemoryMarshal.GetArrayDataReference(t.HoldMs);
        ref int acwMs = ref MemoryMarshal.GetArrayDataReference(t.AcwMs);
        ref sbyte resolved = ref MemoryMarshal.GetArrayDataReference(t.Resolved);
        ref int transfers = ref MemoryMarshal.GetArrayDataReference(t.Transfers);
        ref sbyte csat = ref MemoryMarshal.GetArrayDataReference(t.Csat);
        ref sbyte nps = ref MemoryMarshal.GetArrayDataReference(t.Nps);
        ref sbyte ces = ref MemoryMarshal.GetArrayDataReference(t.Ces);
        ref byte flag = ref MemoryMarshal.GetArrayDataReference(flags);
        long thresholdMs = _thresholdMs, shortMs = _shortMs, targetMs = _targetMs;
        // Table indices are in range by construction: a row code is under 256 << 5, the handled index under 16, the
        // repeat flags are masked to 3 bits and a score is read as a byte.
        ref int atByCode = ref MemoryMarshal.GetArrayDataReference(_atByCode);
        ref int handledAt = ref MemoryMarshal.GetArrayDataReference(_handledAt);
        ref int fcrAt = ref MemoryMarshal.GetArrayDataReference(_fcrAt);
        ref int block0 = ref slots[baseOffset];
        ref int noted0 = ref MemoryMarshal.GetArrayDataReference(later);
        int noted = 0;
        for (int j = 0; j < rows.Length; j++)
        {
            int i = rows[j];
            long wait = Unsafe.Add(ref queueMs, i);
            int at = Unsafe.Add(ref atByCode, Unsafe.Add(ref channel, i) << 5 | (Unsafe.Add(ref direction, i) == (byte)Direction.Inbound ? 16 : 0)
                | (Unsafe.Add(ref answered, i) ? 8 : 0) | (wait <= thresholdMs ? 4 : 0) | (wait <= shortMs ? 2 : 0) | (wait <= targetMs ? 1 : 0));
            ref int block = ref Unsafe.Add(ref block0, groupOffsets[j]);
            ref long sums = ref Unsafe.As<int, long>(ref block);
            Unsafe.Add(ref block, at & 127) += (at >> 7) & 1;
            Unsafe.Add(ref sums, (at >> 8) & 7) += wait & -(long)((at >> 11) & 1);
            int handled = (at >> 12) & 1;
            long handledMask = -(long)handled;
            Unsafe.Add(ref sums, SumTalk) += Unsafe.Add(ref talkMs, i) & handledMask;
            Unsafe.Add(ref sums, SumHold) += Unsafe.Add(ref holdMs, i) & handledMask;
            Unsafe.Add(ref sums, SumAcw) += Unsafe.Add(ref acwMs, i) & handledMask;
            int h = Unsafe.Add(ref handledAt, handled << 3 | (((Unsafe.Add(ref transfers, i) > 0 ? 3 : 0) + Unsafe.Add(ref resolved, i) + 1) & 7));
            Unsafe.Add(ref block, h & 127) += h >> 7;
            int f = Unsafe.Add(ref fcrAt, Unsafe.Add(ref flag, i) & 7);
            Unsafe.Add(ref block, f & 127) += f >> 7;
            // Missing scores are -1: the three and'ed are -1 only when none was given. Noted: the row and whether it has a response.
            Unsafe.Add(ref noted0, noted) = j << 1 | (at >> 13 & 1);
            noted += ((Unsafe.Add(ref csat, i) & Unsafe.Add(ref nps, i) & Unsafe.Add(ref ces, i)) != -1 ? 1 : 0) | (at >> 13 & 1);
        }
        var csatAt = _csatAt;
        var npsAt = _npsAt;
        var cesAt = _cesAt;
        for (int k = 0; k < noted; k++)
        {
            int j = later[k] >> 1, response = later[k] & 1;
            int i = rows[j];
            ref int block = ref Unsafe.Add(ref block0, groupOffsets[j]);
            int c = csatAt[(byte)Unsafe.Add(ref csat, i)], p = npsAt[(byte)Unsafe.Add(ref nps, i)], e = cesAt[(byte)Unsafe.Add(ref ces, i)];
            Unsafe.Add(ref block, c & 127) += c >> 7;
            Unsafe.Add(ref block, p & 127) += p >> 7;
            Unsafe.Add(ref block, e & 127) += e >> 7;
            Unsafe.Add(ref block, HandledState + 3 + ((Response + ResponseBucket(Unsafe.Add(ref queueMs, i)) - HandledState - 3) & -response)) += response;
        }

        static bool IsIncreasing(ReadOnlySpan<int> rows)
        {
            for (int j = 1; j < rows.Length; j++)
            {
                if (rows[j] <= rows[j - 1])
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// Adds 1 at <paramref name="first"/> + <paramref name="state"/> - 1 of <paramref name="block"/>, or 0 at
    /// <paramref name="none"/> when <paramref name="state"/> (at most 32) is 0: no branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count(ref int block, int first, int state, int none)
    {
        int counted = (state + 31) >> 5;
        Unsafe.Add(ref block, none + ((first + state - 1 - none) & -counted)) += counted;
    }

    /// <summary>Adds a row's sums and its flow, handled and repeat states (<paramref name="code"/>, as encoded) to <paramref name="block"/>: the block's first two cache lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddStates(ref int block, ulong code, long wait, long talk, long hold, long acw)
    {
        ref long sums = ref Unsafe.As<int, long>(ref block);
        Count(ref block, Flow, (int)(code >> FlowShift & 15), Flow);
        int sum = (int)(code >> SumShift & 7), summed = (sum + 7) >> 3;
        Unsafe.Add(ref sums, sum - summed) += wait & -(long)summed;
        Unsafe.Add(ref sums, SumTalk) += talk;
        Unsafe.Add(ref sums, SumHold) += hold;
        Unsafe.Add(ref sums, SumAcw) += acw;
        Count(ref block, HandledState, (int)(code >> HandledShift & 7), HandledState);
        Count(ref block, FcrState, (int)(code >> FcrShift & 7), FcrState);
    }

    /// <summary>Adds a row's survey scores and response bucket (<paramref name="code"/>, as encoded; 0 for none, adding 0 in the first two lines) to <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddHistograms(ref int block, ulong code)
    {
        Count(ref block, Csat, (int)(code >> CsatShift & 7), HandledState);
        Count(ref block, Nps, (int)(code >> NpsShift & 15), HandledState + 1);
        Count(ref block, Ces, (int)(code >> CesShift & 7), HandledState + 2);
        Count(ref block, Response, (int)(code >> ResponseShift & 31), HandledState + 3);
    }

    /// <summary>What <see cref="ReadRows"/> does with each row's states (encoded as in <see cref="EncodedRow.Code"/>, without the key) and values.</summary>
    private interface IRowSink
    {
        void Row(int j, ulong code, long wait, long talk, long hold, long acw);
    }

    /// <summary>Writes each row, with its key, to its part's cursor.</summary>
    private readonly ref struct EncodeSink(ReadOnlySpan<long> keys, EncodedRow[] target, int[] cursor, int[] partOfWord) : IRowSink
    {
        private readonly ReadOnlySpan<long> _keys = keys;
        private readonly EncodedRow[] _target = target;
        private readonly int[] _cursor = cursor, _partOfWord = partOfWord;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int j, ulong code, long wait, long talk, long hold, long acw)
        {
            long key = _keys[j];
            ref var row = ref _target[_cursor[_partOfWord[key >> 6]]++];
            row.Code = code | (ulong)key;
            row.Wait = (int)wait;
            row.Talk = (int)talk;
            row.Hold = (int)hold;
            row.Acw = (int)acw;
        }
    }

    /// <summary>Reads rows <paramref name="rows"/> of <paramref name="t"/>: each one's states (table lookups, no branch but on an asynchronous response) and values, handed to <paramref name="sink"/>.</summary>
    private void ReadRows<TSink>(ReadOnlySpan<int> rows, InteractionTable t, byte[] flags, ref TSink sink)
        where TSink : IRowSink, allows ref struct
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
        var csatState = _csat;
        var npsState = _nps;
        var cesState = _ces;
        for (int j = 0; j < rows.Length; j++)
        {
            int i = rows[j];
            long wait = queueMs[i];
            int entry = byCode[RowCode(channel[i], direction[i] == (byte)Direction.Inbound, answered[i], wait, thresholdMs, shortMs, targetMs)];
            long handledMask = -(long)((entry >> 4) & 1);
            ulong encoded = FlowAndHandled(entry, handledStates, transfers[i] > 0, resolved[i])
                | (ulong)fcr[flags[i] & 7] << FcrShift
                | (ulong)csatState[(byte)csat[i]] << CsatShift
                | (ulong)npsState[(byte)nps[i]] << NpsShift
                | (ulong)cesState[(byte)ces[i]] << CesShift;
            if ((entry & (1 << 8)) != 0)
            {
                encoded |= (ulong)(ResponseBucket(wait) + 1) << ResponseShift;
            }
            sink.Row(j, encoded, wait, talkMs[i] & handledMask, holdMs[i] & handledMask, acwMs[i] & handledMask);
        }
    }

    /// <summary>The index in <see cref="_byCode"/> of a row: its channel, direction, whether answered, and its wait against the threshold, the short-abandon threshold and the response target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowCode(int channel, bool inbound, bool answered, long wait, long thresholdMs, long shortMs, long targetMs) =>
        channel << 5 | (inbound ? 16 : 0) | (answered ? 8 : 0) | (wait <= thresholdMs ? 4 : 0) | (wait <= shortMs ? 2 : 0) | (wait <= targetMs ? 1 : 0);

    /// <summary>The flow, sum and handled states of a row as encoded (see <see cref="EncodedRow.Code"/>), from its <see cref="_byCode"/> entry, transfers and resolved flag (-1 unknown, 0 no, 1 yes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FlowAndHandled(int entry, int[] handledStates, bool transferred, int resolved) =>
        (ulong)(entry & 15) << FlowShift
        | (ulong)((entry >> 5) & 7) << SumShift
        | (ulong)handledStates[((entry >> 4) & 1) << 3 | (((transferred ? 3 : 0) + resolved + 1) & 7)] << HandledShift;

    /// <summary>
    /// Adds <paramref name="contacts"/> contacts alike in what the flow and handled states read (channel, direction, answered,
    /// the wait against each threshold, transfers, resolved flag) to <paramref name="values"/>, in the layout of
    /// <see cref="KpiCounts"/>, with the sums of their waits and handle-time components: what a scan of those rows adds, through
    /// the same states. <paramref name="waitMs"/> stands for each contact's wait: only where it falls against the thresholds
    /// and response buckets counts. The surveys and repeat flags are not read (none).
    /// </summary>
    public void AddContacts(long[] values, long contacts, Channel channel, bool inbound, bool answered, long waitMs, bool transferred, int resolved,
        long waitSumMs, long talkSumMs, long holdSumMs, long acwSumMs)
    {
        int entry = _byCode[RowCode((int)channel, inbound, answered, waitMs, _thresholdMs, _shortMs, _targetMs)];
        long handledMask = -(long)((entry >> 4) & 1);
        ulong encoded = FlowAndHandled(entry, _handled, transferred, resolved);
        if ((entry & (1 << 8)) != 0)
        {
            encoded |= (ulong)(ResponseBucket(waitMs) + 1) << ResponseShift;
        }
        // The values are linear in the block: one contact's states (no sums), times the contacts, plus the sums alone.
        Span<int> one = stackalloc int[Stride];
        Span<int> summed = stackalloc int[Stride];
        one.Clear();
        summed.Clear();
        AddStates(ref one[0], encoded, 0, 0, 0, 0);
        AddHistograms(ref one[0], encoded);
        AddStates(ref summed[0], encoded, waitSumMs, talkSumMs & handledMask, holdSumMs & handledMask, acwSumMs & handledMask);
        AddHistograms(ref summed[0], encoded);
        for (int k = 0; k < values.Length; k++)
        {
            long unit = ValueOf(one, k);
            values[k] += contacts * unit + ValueOf(summed, k) - unit;
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
        var targetSums = MemoryMarshal.Cast<int, long>(target.AsSpan(to, SumInts));
        var sourceSums = MemoryMarshal.Cast<int, long>(source.AsSpan(from, SumInts));
        for (int k = 0; k < targetSums.Length; k++)
        {
            targetSums[k] += sourceSums[k];
        }
        for (int k = SumInts; k < Stride; k++)
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
    public long Value(int[] slots, int offset, int slot) => ValueOf(slots.AsSpan(offset, Stride), slot);

    /// <summary>Value <paramref name="slot"/> (an index of <see cref="KpiCounts"/>) of the block <paramref name="b"/>.</summary>
    private long ValueOf(ReadOnlySpan<int> b, int slot)
    {
        var sums = MemoryMarshal.Cast<int, long>(b[..SumInts]);
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

/// <summary>A row as <see cref="KpiSlots.Encode"/> writes it for a partitioned rollup: its key and places in the block, and its millisecond values.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EncodedRow
{
    /// <summary>The key (low 23 bits) and the offsets of the row's states.</summary>
    public ulong Code;

    /// <summary>The wait (or response time), counted in the sum the flow state chooses.</summary>
    public int Wait;

    /// <summary>Talk time, zero unless the row is handled.</summary>
    public int Talk;

    /// <summary>Hold time, zero unless the row is handled.</summary>
    public int Hold;

    /// <summary>After-contact work, zero unless the row is handled.</summary>
    public int Acw;
}
