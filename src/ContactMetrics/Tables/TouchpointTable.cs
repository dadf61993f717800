using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Marketing touches stored by column: how a <see cref="Valuation.ContactCenterData"/> holds its touchpoints, and the form
/// the journeys of attribution (<c>JourneyBuilder.Build(TouchpointTable, ...)</c>) read. Each row keeps every field of a
/// <see cref="Touchpoint"/> (row <c>i</c> is <see cref="ToTouchpoint"/>(i), a copy made on demand): the customer and the
/// channel, dictionary-encoded (indexes into <see cref="Customers"/> and <see cref="Channels"/>, in order of first
/// appearance), and the instant. 16 bytes a row, against some 100 for a record and its id string. Immutable once
/// built; build it with <see cref="Create"/> or, to stream a large file without keeping the records, with a <see cref="Builder"/>.
/// </summary>
/// <remarks>
/// Instants are kept as Unix ticks (100 ns): a time finer than that is cut to the tick before it, which moves no touch
/// across a local day or a window boundary at a whole tick.
/// </remarks>
public sealed class TouchpointTable
{
    private readonly EventColumns _events;
    private readonly int[] _channel;

    private TouchpointTable(EventColumns events, int[] channel, string[] channels)
    {
        _events = events;
        _channel = channel;
        Channels = channels;
    }

    /// <summary>A table without touchpoints.</summary>
    public static TouchpointTable Empty { get; } = new Builder().Build();

    /// <summary>The number of touchpoints.</summary>
    public int Count => _events.Count;

    /// <summary>The distinct customer ids, in order of first appearance.</summary>
    public IReadOnlyList<string> Customers => _events.Customers;

    /// <summary>The distinct channels, in order of first appearance.</summary>
    public IReadOnlyList<string> Channels { get; }

    internal long MinTicks => _events.MinTicks;

    internal long MaxTicks => _events.MaxTicks;

    /// <summary>Builds a table from touchpoints, in their order.</summary>
    /// <param name="touchpoints">The touchpoints.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touchpoints"/> or one of them is null.</exception>
    public static TouchpointTable Create(IEnumerable<Touchpoint> touchpoints)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        var builder = new Builder();
        foreach (var t in touchpoints)
        {
            builder.Add(t);
        }
        return builder.Build();
    }

    /// <summary>The touchpoint in row <paramref name="row"/>, made from the columns on each call (a copy: the table keeps no records).</summary>
    /// <param name="row">The row, in [0, <see cref="Count"/>).</param>
    /// <returns>The touchpoint.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the table.</exception>
    public Touchpoint ToTouchpoint(int row)
    {
        Preconditions.CheckInRange(row, 0, Count - 1, nameof(row));
        return new Touchpoint(_events.CustomerIdOf(row), _events.OccurredAt(row), Channels[_channel[row]]);
    }

    /// <summary>
    /// Every row as a touchpoint (<see cref="ToTouchpoint"/>), in row order, made one at a time as the sequence is
    /// enumerated: for a caller that needs records (a writer, a record-based API), without holding them all.
    /// </summary>
    /// <returns>The touchpoints, lazily.</returns>
    public IEnumerable<Touchpoint> ToTouchpoints()
    {
        for (int row = 0; row < Count; row++)
        {
            yield return ToTouchpoint(row);
        }
    }

    /// <summary>Each row's customer, channel and instant, in row order, without making records.</summary>
    internal IEnumerable<(CustomerId Customer, string Channel, Instant OccurredAt)> Rows()
    {
        var customers = _events.Customers.Select(c => new CustomerId(c)).ToArray();
        for (int row = 0; row < Count; row++)
        {
            yield return (customers[_events.Customer[row]], Channels[_channel[row]], _events.OccurredAt(row));
        }
    }

    /// <summary>
    /// The touches that occurred in [<paramref name="start"/>, <paramref name="end"/>): this instance when all did,
    /// otherwise a new table of those rows in their order (customers and channels coded again in order of first appearance).
    /// </summary>
    internal TouchpointTable Between(Instant start, Instant end)
    {
        if (_events.RowsBetween(start, end) is not { } rows)
        {
            return this;
        }
        var builder = new Builder();
        foreach (int row in rows)
        {
            builder.Add(Customers[_events.Customer[row]], _events.Ticks[row], Channels[_channel[row]]);
        }
        return builder.Build();
    }

    /// <summary>Collects touchpoints one at a time into columns; not thread-safe.</summary>
    public sealed class Builder
    {
        private readonly EventColumns.Builder _events = new();
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _channels = [];
        private readonly ColumnChunks<int> _channel = new();

        /// <summary>The number of touchpoints added.</summary>
        public int Count => _events.Count;

        /// <summary>Adds a touchpoint (already validated by its constructor).</summary>
        /// <param name="touchpoint">The touchpoint.</param>
        /// <exception cref="ArgumentNullException"><paramref name="touchpoint"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public void Add(Touchpoint touchpoint)
        {
            ArgumentNullException.ThrowIfNull(touchpoint);
            Add(touchpoint.CustomerId.Value, touchpoint.OccurredAt.ToUnixTimeTicks(), touchpoint.Channel);
        }

        internal void Add(string customer, long ticks, string channel)
        {
            _events.CheckNotBuilt();
            _channel.Append(Count, InteractionTable.Builder.Code(_codes, _channels, channel));
            _events.Add(customer, ticks);
        }

        /// <summary>Finishes the table. The builder cannot be used afterwards.</summary>
        /// <returns>The table.</returns>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public TouchpointTable Build()
        {
            int count = Count;
            return new TouchpointTable(_events.Build(), _channel.ToArray(count), [.. _channels]);
        }
    }
}
