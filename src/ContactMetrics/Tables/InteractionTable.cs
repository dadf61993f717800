using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Interactions stored by column (one array per field, customer, agent and category ids dictionary-encoded), the
/// form the KPI engine and cost-to-serve scan. Row <c>i</c> is the interaction <see cref="InteractionIdOf"/>(i), so a
/// per-row result (a contact's cost, its repeat chain) can be traced back to the record. Immutable once built; build it with <see cref="Create"/> or, to
/// stream a large export without keeping the records, with a <see cref="Builder"/>.
/// </summary>
/// <remarks>
/// Times are kept in milliseconds: instants as Unix milliseconds, durations as whole milliseconds
/// (rounded toward zero). Sums over milliseconds are integers, which is why a rollup's result does
/// not depend on how the rows are partitioned.
/// </remarks>
public sealed class InteractionTable
{
    internal const sbyte Missing = -1;

    // Repeat-contact flags and chains are derived columns: computed once per definition and reused by every
    // rollup and cost pass over this (immutable) table.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RepeatContactOptions, Lazy<byte[]>> _repeatFlags = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RepeatContactOptions, Lazy<int[]>> _repeatChains = new();

    private InteractionTable(Builder b)
    {
        ContactMetricsTelemetry.TableBuilt();
        Count = b.Count;
        Id = Trim(b.IdCol, Count);
        Customer = Trim(b.CustomerCol, Count);
        Agent = Trim(b.AgentCol, Count);
        Queue = Trim(b.QueueCol, Count);
        Reason = Trim(b.ReasonCol, Count);
        Channel = Trim(b.ChannelCol, Count);
        Direction = Trim(b.DirectionCol, Count);
        Answered = Trim(b.AnsweredCol, Count);
        ArrivedMs = Trim(b.ArrivedCol, Count);
        QueueMs = Trim(b.QueueMsCol, Count);
        TalkMs = Trim(b.TalkCol, Count);
        HoldMs = Trim(b.HoldCol, Count);
        AcwMs = Trim(b.AcwCol, Count);
        Resolved = Trim(b.ResolvedCol, Count);
        Transfers = Trim(b.TransfersCol, Count);
        Csat = Trim(b.CsatCol, Count);
        Nps = Trim(b.NpsCol, Count);
        Ces = Trim(b.CesCol, Count);
        Customers = b.Customers.ToArray();
        Agents = b.Agents.ToArray();
        Queues = b.Queues.ToArray();
        Reasons = b.Reasons.ToArray();
        Segments = b.Segments.ToArray();
        SegmentOfCustomer = new int[Customers.Count];
        for (int c = 0; c < SegmentOfCustomer.Length; c++)
        {
            SegmentOfCustomer[c] = b.SegmentByCustomer.TryGetValue(Customers[c], out int s) ? s : -1;
        }
        Segment = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            Segment[i] = Customer[i] < 0 ? -1 : SegmentOfCustomer[Customer[i]];
        }
        if (Count > 0)
        {
            MinArrivedMs = ArrivedMs.Min();
            MaxArrivedMs = ArrivedMs.Max();
        }
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

    internal string[] Id { get; }
    internal int[] Customer { get; }
    internal int[] Agent { get; }
    internal int[] Queue { get; }
    internal int[] Reason { get; }
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
    internal sbyte[] Resolved { get; }
    internal int[] Transfers { get; }
    internal sbyte[] Csat { get; }
    internal sbyte[] Nps { get; }
    internal sbyte[] Ces { get; }
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

    /// <summary>The repeat-contact flags of every row under <paramref name="options"/>, computed on first use.</summary>
    internal byte[] RepeatFlags(RepeatContactOptions options, int maxDegreeOfParallelism) =>
        _repeatFlags.GetOrAdd(options, o => new Lazy<byte[]>(() => RepeatContactDetector.Detect(this, o, maxDegreeOfParallelism))).Value;

    /// <summary>The repeat chain of every row under <paramref name="options"/> (see <see cref="RepeatContactDetector.Chains"/>), computed on first use.</summary>
    internal int[] RepeatChains(RepeatContactOptions options, int maxDegreeOfParallelism) =>
        _repeatChains.GetOrAdd(options, o => new Lazy<int[]>(() => RepeatContactDetector.Chains(this, o, maxDegreeOfParallelism))).Value;

    private static T[] Trim<T>(T[] array, int count) => array.Length == count ? array : array[..count];

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
        internal int Count { get; private set; }
        internal string[] IdCol = new string[1024];
        internal int[] CustomerCol = new int[1024];
        internal int[] AgentCol = new int[1024];
        internal int[] QueueCol = new int[1024];
        internal int[] ReasonCol = new int[1024];
        internal byte[] ChannelCol = new byte[1024];
        internal byte[] DirectionCol = new byte[1024];
        internal bool[] AnsweredCol = new bool[1024];
        internal long[] ArrivedCol = new long[1024];
        internal long[] QueueMsCol = new long[1024];
        internal int[] TalkCol = new int[1024];
        internal int[] HoldCol = new int[1024];
        internal int[] AcwCol = new int[1024];
        internal sbyte[] ResolvedCol = new sbyte[1024];
        internal int[] TransfersCol = new int[1024];
        internal sbyte[] CsatCol = new sbyte[1024];
        internal sbyte[] NpsCol = new sbyte[1024];
        internal sbyte[] CesCol = new sbyte[1024];

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
        /// <exception cref="InvalidRecordException">A duration is too long to keep in milliseconds (over 24 days).</exception>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public void Add(Interaction interaction)
        {
            ArgumentNullException.ThrowIfNull(interaction);
            CheckNotBuilt();
            if (Count == CustomerCol.Length)
            {
                Grow(Count * 2);
            }
            int i = Count;
            IdCol[i] = interaction.Id.Value;
            CustomerCol[i] = interaction.CustomerId is { } c ? Code(_customerCodes, Customers, c.Value) : -1;
            AgentCol[i] = interaction.AgentId is { } a ? Code(_agentCodes, Agents, a.Value) : -1;
            QueueCol[i] = interaction.Queue is { } q ? Code(_queueCodes, Queues, q) : -1;
            ReasonCol[i] = interaction.Reason is { } r ? Code(_reasonCodes, Reasons, r) : -1;
            ChannelCol[i] = (byte)interaction.Channel;
            DirectionCol[i] = (byte)interaction.Direction;
            AnsweredCol[i] = interaction.IsAnswered;
            ArrivedCol[i] = interaction.ArrivedAt.ToUnixTimeMilliseconds();
            QueueMsCol[i] = (long)((interaction.AnsweredAt ?? interaction.EndedAt) - interaction.ArrivedAt).TotalMilliseconds;
            TalkCol[i] = Millis(interaction.Talk, interaction, "talk_seconds");
            HoldCol[i] = Millis(interaction.Hold, interaction, "hold_seconds");
            AcwCol[i] = Millis(interaction.AfterCallWork, interaction, "acw_seconds");
            ResolvedCol[i] = interaction.Resolved switch { true => 1, false => 0, null => Missing };
            TransfersCol[i] = interaction.Transfers;
            CsatCol[i] = (sbyte)(interaction.Survey?.Csat ?? Missing);
            NpsCol[i] = (sbyte)(interaction.Survey?.Nps ?? Missing);
            CesCol[i] = (sbyte)(interaction.Survey?.Ces ?? Missing);
            Count++;
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

        private static int Code(Dictionary<string, int> codes, List<string> values, string value)
        {
            if (!codes.TryGetValue(value, out int code))
            {
                code = values.Count;
                codes.Add(value, code);
                values.Add(value);
            }
            return code;
        }

        private void Grow(int size)
        {
            Array.Resize(ref IdCol, size);
            Array.Resize(ref CustomerCol, size);
            Array.Resize(ref AgentCol, size);
            Array.Resize(ref QueueCol, size);
            Array.Resize(ref ReasonCol, size);
            Array.Resize(ref ChannelCol, size);
            Array.Resize(ref DirectionCol, size);
            Array.Resize(ref AnsweredCol, size);
            Array.Resize(ref ArrivedCol, size);
            Array.Resize(ref QueueMsCol, size);
            Array.Resize(ref TalkCol, size);
            Array.Resize(ref HoldCol, size);
            Array.Resize(ref AcwCol, size);
            Array.Resize(ref ResolvedCol, size);
            Array.Resize(ref TransfersCol, size);
            Array.Resize(ref CsatCol, size);
            Array.Resize(ref NpsCol, size);
            Array.Resize(ref CesCol, size);
        }
    }
}
