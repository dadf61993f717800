using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// The columns every table of customer events has (<see cref="PurchaseTable"/>, <see cref="TouchpointTable"/>): the
/// customer, dictionary-encoded in order of first appearance, and the instant as Unix ticks (100 ns; a finer time is cut
/// to the tick before it, which moves no event across a local day or a window boundary at a whole tick). Immutable once built.
/// </summary>
internal sealed class EventColumns
{
    private EventColumns(int count, string[] customers, int[] customer, long[] ticks)
    {
        Count = count;
        Customers = customers;
        Customer = customer;
        Ticks = ticks;
        (MinTicks, MaxTicks) = ColumnRange.Of(ticks.AsSpan(0, count));
    }

    public int Count { get; }

    /// <summary>The distinct customer ids, in order of first appearance; a customer's code is its index.</summary>
    public string[] Customers { get; }

    /// <summary>The customer of each row, an index into <see cref="Customers"/> (the column may be longer than <see cref="Count"/>).</summary>
    public int[] Customer { get; }

    /// <summary>When each event happened, Unix ticks (the column may be longer than <see cref="Count"/>).</summary>
    public long[] Ticks { get; }

    public long MinTicks { get; }

    public long MaxTicks { get; }

    public CustomerId CustomerIdOf(int row) => new(Customers[Customer[row]]);

    public Instant OccurredAt(int row) => Instant.FromUnixTimeTicks(Ticks[row]);

    /// <summary>The rows whose event happened in [<paramref name="start"/>, <paramref name="end"/>), in order; null when every row did.</summary>
    public int[]? RowsBetween(Instant start, Instant end)
    {
        bool Inside(long ticks) => Instant.FromUnixTimeTicks(ticks) is var t && t >= start && t < end;
        if (Count == 0 || (Inside(MinTicks) && Inside(MaxTicks)))
        {
            return null;
        }
        var rows = new List<int>();
        for (int row = 0; row < Count; row++)
        {
            if (Inside(Ticks[row]))
            {
                rows.Add(row);
            }
        }
        return [.. rows];
    }

    /// <summary>Collects the customer and instant of events one at a time; not thread-safe.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _customers = [];
        private readonly ColumnChunks<int> _customer = new();
        private readonly ColumnChunks<long> _ticks = new();
        private bool _built;

        public int Count { get; private set; }

        /// <summary>Adds row <see cref="Count"/>; the caller fills its own columns of the same row.</summary>
        public void Add(string customer, long ticks)
        {
            CheckNotBuilt();
            _customer.Append(Count, InteractionTable.Builder.Code(_codes, _customers, customer));
            _ticks.Append(Count, ticks);
            Count++;
        }

        public EventColumns Build()
        {
            CheckNotBuilt();
            _built = true;
            return new EventColumns(Count, [.. _customers], _customer.ToArray(Count), _ticks.ToArray(Count));
        }

        public void CheckNotBuilt()
        {
            if (_built)
            {
                throw new InvalidOperationException("The table was already built; start a new Builder.");
            }
        }
    }
}
