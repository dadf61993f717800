using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Interactions stored by column (one array per field, customer, agent and category ids dictionary-encoded): how a
/// <see cref="Valuation.ContactCenterData"/> holds its contacts, and the form every calculator that reads contacts scans
/// (KPIs, cost-to-serve, retention uplift, journeys). Every field of an <see cref="Interaction"/> is kept, so row
/// <c>i</c> is the interaction <see cref="ToInteraction"/>(i) (a copy made on demand) and a per-row result (a contact's
/// cost, its repeat chain) can be traced back to it by <see cref="InteractionIdOf"/>(i). Immutable once built; build it
/// with <see cref="Create"/> or, to stream a large export without keeping the records, with a <see cref="Builder"/>.
/// </summary>
/// <remarks>
/// Times are kept in milliseconds: instants as Unix milliseconds, durations as whole milliseconds
/// (rounded toward zero). Sums over milliseconds are integers, which is why a rollup's result does
/// not depend on how the rows are partitioned. A time finer than a millisecond is cut to the millisecond.
/// </remarks>
public sealed class InteractionTable
{
    internal const sbyte Missing = -1;

    // Repeat-contact flags and chains are derived columns: computed once per definition and reused by every
    // rollup and cost pass over this (immutable) table.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RepeatContactOptions, Lazy<byte[]>> _repeatFlags = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RepeatContactOptions, Lazy<int[]>> _repeatChains = new();
    private CustomerContacts? _contactsByCustomer;

    private InteractionTable(Builder b)
    {
        ContactMetricsTelemetry.TableBuilt();
        Count = b.Count;
        // Each column is handed over as reserved (EnsureCapacity) or copied out of the builder's chunks.
        Id = b.Ids.Build();
        Customer = b.CustomerCol.ToArray(Count);
        Agent = b.AgentCol.ToArray(Count);
        Queue = b.QueueCol.ToArray(Count);
        Reason = b.ReasonCol.ToArray(Count);
        Channel = b.ChannelCol.ToArray(Count);
        Direction = b.DirectionCol.ToArray(Count);
        Answered = b.AnsweredCol.ToArray(Count);
        ArrivedMs = b.ArrivedCol.ToArray(Count);
        QueueMs = b.QueueMsCol.ToArray(Count);
        TalkMs = b.TalkCol.ToArray(Count);
        HoldMs = b.HoldCol.ToArray(Count);
        AcwMs = b.AcwCol.ToArray(Count);
        EndedMs = b.EndedCol.ToArray(Count);
        Resolved = b.ResolvedCol.ToArray(Count);
        Transfers = b.TransfersCol.ToArray(Count);
        Csat = b.CsatCol.ToArray(Count);
        Nps = b.NpsCol.ToArray(Count);
        Ces = b.CesCol.ToArray(Count);
        Recommended = b.RecommendedCol.ToArray(Count);
        Customers = b.Customers.ToArray();
        Agents = b.Agents.ToArray();
        Queues = b.Queues.ToArray();
        Reasons = b.Reasons.ToArray();
        (Segments, SegmentOfCustomer, Segment) = SegmentsOf(b.Segments.ToArray(), b.SegmentByCustomer);
        // The columns may be longer than Count (room reserved for an estimate of the rows): only rows < Count are the table's.
        (MinArrivedMs, MaxArrivedMs) = ColumnRange.Of(ArrivedMs.AsSpan(0, Count));
    }

    /// <summary>
    /// The table <paramref name="source"/> with other segments: every other column, and the derived columns computed so far
    /// (repeat flags and chains, the customers' contact order, none of which depends on segments), shared with it.
    /// </summary>
    private InteractionTable(InteractionTable source, string[] segments, Dictionary<string, int> segmentByCustomer)
    {
        _repeatFlags = source._repeatFlags;
        _repeatChains = source._repeatChains;
        _contactsByCustomer = source._contactsByCustomer;
        Count = source.Count;
        Id = source.Id;
        Customer = source.Customer;
        Agent = source.Agent;
        Queue = source.Queue;
        Reason = source.Reason;
        Channel = source.Channel;
        Direction = source.Direction;
        Answered = source.Answered;
        ArrivedMs = source.ArrivedMs;
        QueueMs = source.QueueMs;
        TalkMs = source.TalkMs;
        HoldMs = source.HoldMs;
        AcwMs = source.AcwMs;
        EndedMs = source.EndedMs;
        Resolved = source.Resolved;
        Transfers = source.Transfers;
        Csat = source.Csat;
        Nps = source.Nps;
        Ces = source.Ces;
        Recommended = source.Recommended;
        Customers = source.Customers;
        Agents = source.Agents;
        Queues = source.Queues;
        Reasons = source.Reasons;
        MinArrivedMs = source.MinArrivedMs;
        MaxArrivedMs = source.MaxArrivedMs;
        (Segments, SegmentOfCustomer, Segment) = SegmentsOf(segments, segmentByCustomer);
    }

    /// <summary>The number of interactions.</summary>
    public int Count { get; }

    /// <summary>The distinct customer ids, in order of first appearance; a customer's code is its index.</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>The distinct agent ids, in order of first appearance.</summary>
    public IReadOnlyList<string> Agents { get; }

    /// <summary>The distinct queues, in order of first appearance.</summary>
    public IReadOnlyList<string> Queues { get; }

    /// <summary>The distinct contact reasons, in order of first appearance.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The distinct customer segments, in order of first appearance.</summary>
    public IReadOnlyList<string> Segments { get; }

    // The columns may be longer than Count (room reserved from an estimate of a file's rows, Builder.EnsureCapacity):
    // every pass reads rows [0, Count) only.
    internal IdColumn Id { get; }
    internal int[] Customer { get; }
    internal int[] Agent { get; }
    internal int[] Queue { get; }
    internal int[] Reason { get; }
    // The segment columns: a table with other customers' segments (WithCustomers) shares every other column.
    internal int[] Segment { get; }
    internal int[] SegmentOfCustomer { get; }
    internal byte[] Channel { get; }
    internal byte[] Direction { get; }
    internal bool[] Answered { get; }
    internal long[] ArrivedMs { get; }

    /// <summary>Time in queue: until answered, or until the contact ended if it never was.</summary>
    internal long[] QueueMs { get; }
    internal int[] TalkMs { get; }
    internal int[] HoldMs { get; }
    internal int[] AcwMs { get; }

    /// <summary>When the contact ended, Unix milliseconds.</summary>
    internal long[] EndedMs { get; }
    internal sbyte[] Resolved { get; }
    internal int[] Transfers { get; }
    internal sbyte[] Csat { get; }
    internal sbyte[] Nps { get; }
    internal sbyte[] Ces { get; }

    /// <summary>The survey's "did you recommend us?" answer: 1, 0, or <see cref="Missing"/>.</summary>
    internal sbyte[] Recommended { get; }
    internal long MinArrivedMs { get; }
    internal long MaxArrivedMs { get; }

    /// <summary>Builds a table from interactions and, for the segment dimension, customers.</summary>
    /// <param name="interactions">The interactions.</param>
    /// <param name="customers">The customers, whose segments grouping by segment uses; optional.</param>
    /// <returns>The table.</returns>
    public static InteractionTable Create(IEnumerable<Interaction> interactions, IEnumerable<Customer>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var builder = new Builder();
        if (customers is not null)
        {
            foreach (var c in customers)
            {
                builder.AddCustomer(c);
            }
        }
        foreach (var i in interactions)
        {
            builder.Add(i);
        }
        return builder.Build();
    }

    /// <summary>The id of the interaction in row <paramref name="row"/>.</summary>
    /// <param name="row">The row, in [0, <see cref="Count"/>).</param>
    /// <returns>The interaction's id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the table.</exception>
    public InteractionId InteractionIdOf(int row)
    {
        Preconditions.CheckInRange(row, 0, Count - 1, nameof(row));
        return new InteractionId(Id[row]);
    }

    /// <summary>
    /// The interaction in row <paramref name="row"/>, made from the columns on each call (a copy: the table keeps no
    /// records). Times are those the table keeps, to the millisecond.
    /// </summary>
    /// <param name="row">The row, in [0, <see cref="Count"/>).</param>
    /// <returns>The interaction.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the table.</exception>
    public Interaction ToInteraction(int row)
    {
        Preconditions.CheckInRange(row, 0, Count - 1, nameof(row));
        string id = Id[row];
        var arrived = ArrivedAt(row);
        var survey = Csat[row] == Missing && Nps[row] == Missing && Ces[row] == Missing && Recommended[row] == Missing ? null
            : SurveyResponse.Create(Score(Csat[row]), Score(Nps[row]), Score(Ces[row]), Flag(Recommended[row]), id);
        return new Interaction(
            new InteractionId(id),
            Customer[row] < 0 ? null : new CustomerId(Customers[Customer[row]]),
            (Domain.Channel)Channel[row],
            arrived,
            EndedAt(row),
            (Domain.Direction)Direction[row],
            Agent[row] < 0 ? null : new AgentId(Agents[Agent[row]]),
            Queue[row] < 0 ? null : Queues[Queue[row]],
            Reason[row] < 0 ? null : Reasons[Reason[row]],
            Answered[row] ? arrived + Duration.FromMilliseconds(QueueMs[row]) : null,
            Duration.FromMilliseconds(TalkMs[row]),
            Duration.FromMilliseconds(HoldMs[row]),
            Duration.FromMilliseconds(AcwMs[row]),
            Flag(Resolved[row]),
            Transfers[row],
            survey);
    }

    /// <summary>
    /// Every row as an interaction (<see cref="ToInteraction"/>), in row order, made one at a time as the sequence is
    /// enumerated: for a caller that needs records (a writer, a record-based API), without holding them all.
    /// </summary>
    /// <returns>The interactions, lazily.</returns>
    public IEnumerable<Interaction> ToInteractions()
    {
        for (int row = 0; row < Count; row++)
        {
            yield return ToInteraction(row);
        }
    }

    /// <summary>The channels the contacts use, in the channels' order.</summary>
    internal IEnumerable<Domain.Channel> Channels()
    {
        var seen = new bool[256];
        foreach (byte channel in Channel.AsSpan(0, Count))
        {
            seen[channel] = true;
        }
        return ChannelNames.All.Where(c => seen[(byte)c]);
    }

    /// <summary>When the contact in row <paramref name="row"/> arrived.</summary>
    internal Instant ArrivedAt(int row) => Instant.FromUnixTimeMilliseconds(ArrivedMs[row]);

    /// <summary>When the contact in row <paramref name="row"/> ended.</summary>
    internal Instant EndedAt(int row) => Instant.FromUnixTimeMilliseconds(EndedMs[row]);

    /// <summary>
    /// This table with the segments of <paramref name="customers"/> (as <see cref="Create"/> with these customers would
    /// have them): this instance when they are the same, otherwise a table that shares every other column with this one.
    /// </summary>
    internal InteractionTable WithCustomers(IEnumerable<Customer> customers)
    {
        var segments = new List<string>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var segmentByCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            if (c.Segment is { } segment)
            {
                segmentByCustomer[c.Id.Value] = Builder.Code(codes, segments, segment);
            }
        }
        if (segments.SequenceEqual(Segments, StringComparer.Ordinal)
            && Enumerable.Range(0, Customers.Count).All(c => SegmentOfCustomer[c] == segmentByCustomer.GetValueOrDefault(Customers[c], -1)))
        {
            return this;
        }
        return new InteractionTable(this, [.. segments], segmentByCustomer);
    }

    /// <summary>The segment columns of this table's customers and rows (<see cref="Customers"/>, <see cref="Customer"/>, <see cref="Count"/>, set before).</summary>
    private (string[] Segments, int[] SegmentOfCustomer, int[] Segment) SegmentsOf(string[] segments, Dictionary<string, int> segmentByCustomer)
    {
        var ofCustomer = new int[Customers.Count];
        for (int c = 0; c < ofCustomer.Length; c++)
        {
            ofCustomer[c] = segmentByCustomer.TryGetValue(Customers[c], out int s) ? s : -1;
        }
        var segment = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            segment[i] = Customer[i] < 0 ? -1 : ofCustomer[Customer[i]];
        }
        return (segments, ofCustomer, segment);
    }

    private static int? Score(sbyte value) => value == Missing ? null : value;

    private static bool? Flag(sbyte value) => value == Missing ? null : value == 1;

    /// <summary>The repeat-contact flags of every row under <paramref name="options"/>, computed on first use.</summary>
    internal byte[] RepeatFlags(RepeatContactOptions options, int maxDegreeOfParallelism) =>
        _repeatFlags.GetOrAdd(options, o => new Lazy<byte[]>(() => RepeatContactDetector.Detect(this, o, maxDegreeOfParallelism))).Value;

    /// <summary>The repeat chain of every row under <paramref name="options"/> (see <see cref="RepeatContactDetector.Chains"/>), computed on first use.</summary>
    internal int[] RepeatChains(RepeatContactOptions options, int maxDegreeOfParallelism) =>
        _repeatChains.GetOrAdd(options, o => new Lazy<int[]>(() => RepeatContactDetector.Chains(this, o, maxDegreeOfParallelism))).Value;

    /// <summary>Each customer's contacts in order of arrival, computed on first use (a table that differs only in segments shares it).</summary>
    internal CustomerContacts ContactsByCustomer() => LazyInitializer.EnsureInitialized(ref _contactsByCustomer, () => new CustomerContacts(this));

    /// <summary>
    /// The table of rows <paramref name="rows"/> (in that order) with the segments of <paramref name="customers"/>: the table
    /// <see cref="Create"/> makes of those rows' interactions, copied column by column (no records).
    /// </summary>
    internal InteractionTable Select(IEnumerable<int> rows, IEnumerable<Customer> customers)
    {
        var builder = new Builder();
        foreach (var c in customers)
        {
            builder.AddCustomer(c);
        }
        foreach (int row in rows)
        {
            builder.AddRow(this, row);
        }
        return builder.Build();
    }

    /// <summary>Collects interactions one at a time into columns; not thread-safe.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _customerCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _agentCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _queueCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _reasonCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _segmentCodes = new(StringComparer.Ordinal);
        private bool _built;

        internal List<string> Customers { get; } = [];
        internal List<string> Agents { get; } = [];
        internal List<string> Queues { get; } = [];
        internal List<string> Reasons { get; } = [];
        internal List<string> Segments { get; } = [];
        internal Dictionary<string, int> SegmentByCustomer { get; } = new(StringComparer.Ordinal);
        /// <summary>The number of interactions added.</summary>
        public int Count { get; private set; }
        internal IdColumn.Builder Ids { get; } = new();
        internal readonly ColumnChunks<int> CustomerCol = new();
        internal readonly ColumnChunks<int> AgentCol = new();
        internal readonly ColumnChunks<int> QueueCol = new();
        internal readonly ColumnChunks<int> ReasonCol = new();
        internal readonly ColumnChunks<byte> ChannelCol = new();
        internal readonly ColumnChunks<byte> DirectionCol = new();
        internal readonly ColumnChunks<bool> AnsweredCol = new();
        internal readonly ColumnChunks<long> ArrivedCol = new();
        internal readonly ColumnChunks<long> QueueMsCol = new();
        internal readonly ColumnChunks<int> TalkCol = new();
        internal readonly ColumnChunks<int> HoldCol = new();
        internal readonly ColumnChunks<int> AcwCol = new();
        internal readonly ColumnChunks<long> EndedCol = new();
        internal readonly ColumnChunks<sbyte> ResolvedCol = new();
        internal readonly ColumnChunks<int> TransfersCol = new();
        internal readonly ColumnChunks<sbyte> CsatCol = new();
        internal readonly ColumnChunks<sbyte> NpsCol = new();
        internal readonly ColumnChunks<sbyte> CesCol = new();
        internal readonly ColumnChunks<sbyte> RecommendedCol = new();

        /// <summary>Records a customer's segment, for grouping by segment.</summary>
        /// <param name="customer">The customer.</param>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public void AddCustomer(Customer customer)
        {
            ArgumentNullException.ThrowIfNull(customer);
            CheckNotBuilt();
            if (customer.Segment is { } segment)
            {
                SegmentByCustomer[customer.Id.Value] = Code(_segmentCodes, Segments, segment);
            }
        }

        /// <summary>Adds an interaction (already validated by its constructor).</summary>
        /// <param name="interaction">The interaction.</param>
        /// <exception cref="InvalidRecordException">A duration is too long to keep in milliseconds (over 24 days), or the id is longer than 65,536 bytes.</exception>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public void Add(Interaction interaction)
        {
            ArgumentNullException.ThrowIfNull(interaction);
            CheckNotBuilt();
            if (System.Text.Encoding.UTF8.GetByteCount(interaction.Id.Value) > IdColumn.Builder.MaxIdBytes)
            {
                throw new InvalidRecordException("interaction", interaction.Id.Value[..40] + "...", "interaction_id", interaction.Id.Value[..40] + "...",
                    $"is longer than the {IdColumn.Builder.MaxIdBytes:N0} bytes the KPI table keeps", "interaction");
            }
            int talk = Millis(interaction.Talk, interaction, "talk_seconds");
            int hold = Millis(interaction.Hold, interaction, "hold_seconds");
            int acw = Millis(interaction.AfterCallWork, interaction, "acw_seconds");
            int i = Count;
            Ids.Add(interaction.Id.Value);
            CustomerCol.Append(i, interaction.CustomerId is { } c ? Code(_customerCodes, Customers, c.Value) : -1);
            AgentCol.Append(i, interaction.AgentId is { } a ? Code(_agentCodes, Agents, a.Value) : -1);
            QueueCol.Append(i, interaction.Queue is { } q ? Code(_queueCodes, Queues, q) : -1);
            ReasonCol.Append(i, interaction.Reason is { } r ? Code(_reasonCodes, Reasons, r) : -1);
            ChannelCol.Append(i, (byte)interaction.Channel);
            DirectionCol.Append(i, (byte)interaction.Direction);
            AnsweredCol.Append(i, interaction.IsAnswered);
            ArrivedCol.Append(i, interaction.ArrivedAt.ToUnixTimeMilliseconds());
            QueueMsCol.Append(i, (long)((interaction.AnsweredAt ?? interaction.EndedAt) - interaction.ArrivedAt).TotalMilliseconds);
            TalkCol.Append(i, talk);
            HoldCol.Append(i, hold);
            AcwCol.Append(i, acw);
            EndedCol.Append(i, interaction.EndedAt.ToUnixTimeMilliseconds());
            ResolvedCol.Append(i, Flag(interaction.Resolved));
            TransfersCol.Append(i, interaction.Transfers);
            CsatCol.Append(i, (sbyte)(interaction.Survey?.Csat ?? Missing));
            NpsCol.Append(i, (sbyte)(interaction.Survey?.Nps ?? Missing));
            CesCol.Append(i, (sbyte)(interaction.Survey?.Ces ?? Missing));
            RecommendedCol.Append(i, Flag(interaction.Survey?.Recommended));
            Count++;
        }

        /// <summary>Adds row <paramref name="row"/> of <paramref name="source"/>, column by column (its ids and categories coded again here).</summary>
        internal void AddRow(InteractionTable source, int row)
        {
            CheckNotBuilt();
            int i = Count;
            string? Of(IReadOnlyList<string> values, int code) => code < 0 ? null : values[code];
            int CodeOf(Dictionary<string, int> codes, List<string> values, string? value) => value is null ? -1 : Code(codes, values, value);
            Ids.Add(source.Id[row]);
            CustomerCol.Append(i, CodeOf(_customerCodes, Customers, Of(source.Customers, source.Customer[row])));
            AgentCol.Append(i, CodeOf(_agentCodes, Agents, Of(source.Agents, source.Agent[row])));
            QueueCol.Append(i, CodeOf(_queueCodes, Queues, Of(source.Queues, source.Queue[row])));
            ReasonCol.Append(i, CodeOf(_reasonCodes, Reasons, Of(source.Reasons, source.Reason[row])));
            ChannelCol.Append(i, source.Channel[row]);
            DirectionCol.Append(i, source.Direction[row]);
            AnsweredCol.Append(i, source.Answered[row]);
            ArrivedCol.Append(i, source.ArrivedMs[row]);
            QueueMsCol.Append(i, source.QueueMs[row]);
            TalkCol.Append(i, source.TalkMs[row]);
            HoldCol.Append(i, source.HoldMs[row]);
            AcwCol.Append(i, source.AcwMs[row]);
            EndedCol.Append(i, source.EndedMs[row]);
            ResolvedCol.Append(i, source.Resolved[row]);
            TransfersCol.Append(i, source.Transfers[row]);
            CsatCol.Append(i, source.Csat[row]);
            NpsCol.Append(i, source.Nps[row]);
            CesCol.Append(i, source.Ces[row]);
            RecommendedCol.Append(i, source.Recommended[row]);
            Count++;
        }

        /// <summary>
        /// Reserves room for <paramref name="interactions"/> rows in every column before the first is added, e.g. from an
        /// estimate of a file's rows: a table of at most that many rows then keeps the columns as they were filled instead of
        /// copying them out of chunks (building it needs no second copy of the columns). Rows beyond it still fit.
        /// </summary>
        /// <param name="interactions">The rows to reserve room for; at least 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="interactions"/> is negative.</exception>
        /// <exception cref="InvalidOperationException">An interaction was added already, or the table was built.</exception>
        public void EnsureCapacity(int interactions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(interactions);
            CheckNotBuilt();
            if (Count > 0)
            {
                throw new InvalidOperationException("Room is reserved before the first interaction is added.");
            }
            foreach (var column in new IReservable[] { CustomerCol, AgentCol, QueueCol, ReasonCol, ChannelCol, DirectionCol, AnsweredCol, ArrivedCol,
                QueueMsCol, TalkCol, HoldCol, AcwCol, EndedCol, ResolvedCol, TransfersCol, CsatCol, NpsCol, CesCol, RecommendedCol })
            {
                column.Reserve(interactions);
            }
        }

        /// <summary>
        /// The row of the first interaction added with id <paramref name="id"/>, or -1 when none was: how a reader that streams
        /// rows into the table finds a repeated id without keeping a string per row. The first call indexes the ids added so
        /// far; later additions are indexed as they come.
        /// </summary>
        /// <param name="id">The id.</param>
        /// <returns>The row, or -1.</returns>
        public int RowOf(InteractionId id)
        {
            CheckNotBuilt();
            return Ids.RowOf(id.Value);
        }

        /// <summary>Finishes the table. The builder cannot be used afterwards.</summary>
        /// <returns>The table.</returns>
        public InteractionTable Build()
        {
            CheckNotBuilt();
            _built = true;
            return new InteractionTable(this);
        }

        private void CheckNotBuilt()
        {
            if (_built)
            {
                throw new InvalidOperationException("The table was already built; start a new Builder.");
            }
        }

        private static int Millis(Duration d, Interaction interaction, string field)
        {
            double ms = Math.Floor(d.TotalMilliseconds);
            if (ms > int.MaxValue)
            {
                throw new InvalidRecordException("interaction", interaction.Id.Value, field, d.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    "is longer than 24 days, which the KPI table does not keep", field);
            }
            return (int)ms;
        }

        private static sbyte Flag(bool? value) => value switch { true => 1, false => 0, null => Missing };

        internal static int Code(Dictionary<string, int> codes, List<string> values, string value)
        {
            if (!codes.TryGetValue(value, out int code))
            {
                code = values.Count;
                codes.Add(value, code);
                values.Add(value);
            }
            return code;
        }
    }
}
