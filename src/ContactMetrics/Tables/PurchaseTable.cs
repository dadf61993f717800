using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tables;

/// <summary>
/// Purchases stored by column: how a <see cref="Valuation.ContactCenterData"/> holds its purchases, and the form the RFM
/// summary (<c>RfmSummaryBuilder.Build(PurchaseTable, ...)</c>) and the analysis's revenue per customer read. Each row keeps
/// every field of a <see cref="Purchase"/> (row <c>i</c> is <see cref="ToPurchase"/>(i), a copy made on demand): the
/// customer, dictionary-encoded (an index into <see cref="Customers"/>, in order of first appearance); the instant; the
/// amount, exactly as given (a decimal of up to 19 digits is kept as a whole number and its scale, 9 bytes; a larger one
/// as a decimal). One currency for the table. About 21 bytes a row, against some 120 for a record and its id string.
/// Immutable once built; build it with <see cref="Create"/> or, to stream a large file without keeping the records,
/// with a <see cref="Builder"/>.
/// </summary>
/// <remarks>
/// Instants are kept as Unix ticks (100 ns): a time finer than that is cut to the tick before it, which moves no purchase
/// across a local day or a window boundary at a whole tick.
/// </remarks>
public sealed class PurchaseTable
{
    /// <summary>The scale that marks an amount kept in <see cref="_large"/> (a decimal's scale is at most 28).</summary>
    private const byte LargeAmount = byte.MaxValue;

    private readonly EventColumns _events;
    private readonly long[] _units;
    private readonly byte[] _scale;
    private readonly decimal[] _large;

    private PurchaseTable(EventColumns events, long[] units, byte[] scale, decimal[] large, Currency? currency)
    {
        _events = events;
        _units = units;
        _scale = scale;
        _large = large;
        Currency = events.Count == 0 ? null : currency;
    }

    /// <summary>A table without purchases.</summary>
    public static PurchaseTable Empty { get; } = new Builder().Build();

    /// <summary>The number of purchases.</summary>
    public int Count => _events.Count;

    /// <summary>The distinct customer ids, in order of first appearance; a customer's code is its index.</summary>
    public IReadOnlyList<string> Customers => _events.Customers;

    /// <summary>The currency of every amount; null when the table is empty.</summary>
    public Currency? Currency { get; }

    // The columns may be longer than Count (the builder's chunks): every pass reads rows [0, Count) only.
    /// <summary>The customer of each row, an index into <see cref="Customers"/>.</summary>
    internal int[] Customer => _events.Customer;

    /// <summary>When each purchase happened, Unix ticks.</summary>
    internal long[] OccurredTicks => _events.Ticks;

    internal long MinTicks => _events.MinTicks;

    internal long MaxTicks => _events.MaxTicks;

    /// <summary>Builds a table from purchases, in their order.</summary>
    /// <param name="purchases">The purchases; all in one currency.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purchases"/> or one of them is null.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    public static PurchaseTable Create(IEnumerable<Purchase> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var builder = new Builder();
        foreach (var p in purchases)
        {
            builder.Add(p);
        }
        return builder.Build();
    }

    /// <summary>The purchase in row <paramref name="row"/>, made from the columns on each call (a copy: the table keeps no records).</summary>
    /// <param name="row">The row, in [0, <see cref="Count"/>).</param>
    /// <returns>The purchase.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the table.</exception>
    public Purchase ToPurchase(int row)
    {
        Preconditions.CheckInRange(row, 0, Count - 1, nameof(row));
        return new Purchase(_events.CustomerIdOf(row), _events.OccurredAt(row), new Money(Amount(row), Currency!.Value));
    }

    /// <summary>
    /// Every row as a purchase (<see cref="ToPurchase"/>), in row order, made one at a time as the sequence is enumerated:
    /// for a caller that needs records (a writer, a record-based API), without holding them all.
    /// </summary>
    /// <returns>The purchases, lazily.</returns>
    public IEnumerable<Purchase> ToPurchases()
    {
        for (int row = 0; row < Count; row++)
        {
            yield return ToPurchase(row);
        }
    }

    /// <summary>The amount of row <paramref name="row"/>, with the scale it was given with (12.50 stays 12.50).</summary>
    internal decimal Amount(int row)
    {
        byte scale = _scale[row];
        if (scale == LargeAmount)
        {
            return _large[_units[row]];
        }
        ulong units = (ulong)_units[row];
        return new decimal((int)(uint)units, (int)(uint)(units >> 32), 0, false, scale);
    }

    /// <summary>The amount of every row, in row order.</summary>
    internal decimal[] Amounts()
    {
        var amounts = new decimal[Count];
        for (int row = 0; row < amounts.Length; row++)
        {
            amounts[row] = Amount(row);
        }
        return amounts;
    }

    /// <summary>
    /// The sum of each customer's amounts (by code, rows added in order from 0m): the revenue per customer of a
    /// profitability, the same decimal a sum over the records gives.
    /// </summary>
    internal decimal[] SumByCustomer()
    {
        var sums = new decimal[Customers.Count];
        for (int row = 0; row < Count; row++)
        {
            sums[Customer[row]] += Amount(row);
        }
        return sums;
    }

    /// <summary>
    /// The purchases that occurred in [<paramref name="start"/>, <paramref name="end"/>): this instance when all did,
    /// otherwise a new table of those rows in their order (customers coded again in order of first appearance).
    /// </summary>
    internal PurchaseTable Between(Instant start, Instant end)
    {
        if (_events.RowsBetween(start, end) is not { } rows)
        {
            return this;
        }
        var builder = new Builder();
        foreach (int row in rows)
        {
            builder.Add(Customers[Customer[row]], OccurredTicks[row], Amount(row), Currency!.Value);
        }
        return builder.Build();
    }

    /// <summary>Collects purchases one at a time into columns; not thread-safe.</summary>
    public sealed class Builder
    {
        private readonly EventColumns.Builder _events = new();
        private readonly ColumnChunks<long> _units = new();
        private readonly ColumnChunks<byte> _scale = new();
        private readonly List<decimal> _large = [];
        private Currency? _currency;

        /// <summary>The number of purchases added.</summary>
        public int Count => _events.Count;

        /// <summary>Adds a purchase (already validated by its constructor).</summary>
        /// <param name="purchase">The purchase.</param>
        /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
        /// <exception cref="CurrencyMismatchException">Its currency is not that of the purchases added before.</exception>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public void Add(Purchase purchase)
        {
            ArgumentNullException.ThrowIfNull(purchase);
            Add(purchase.CustomerId.Value, purchase.OccurredAt.ToUnixTimeTicks(), purchase.Amount.Amount, purchase.Amount.Currency);
        }

        internal void Add(string customer, long ticks, decimal amount, Currency currency)
        {
            _events.CheckNotBuilt();
            if (_currency is { } c && c != currency)
            {
                throw new CurrencyMismatchException(c, currency);
            }
            _currency = currency;
            int row = Count;
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(amount, bits);
            // bits: low, middle and high 32 bits of the 96-bit whole number, then the sign and scale.
            if (bits[2] == 0 && bits[1] >= 0 && bits[3] >= 0)
            {
                _units.Append(row, ((long)bits[1] << 32) | (uint)bits[0]);
                _scale.Append(row, (byte)(bits[3] >> 16));
            }
            else
            {
                _units.Append(row, _large.Count);
                _scale.Append(row, LargeAmount);
                _large.Add(amount);
            }
            _events.Add(customer, ticks);
        }

        /// <summary>Finishes the table. The builder cannot be used afterwards.</summary>
        /// <returns>The table.</returns>
        /// <exception cref="InvalidOperationException">The table was already built.</exception>
        public PurchaseTable Build()
        {
            int count = Count;
            return new PurchaseTable(_events.Build(), _units.ToArray(count), _scale.ToArray(count), [.. _large], _currency);
        }
    }
}
