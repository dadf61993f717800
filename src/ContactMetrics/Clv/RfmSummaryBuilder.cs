using System.Buffers;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Clv;

/// <summary>Builds an <see cref="RfmSummary"/> from a purchase log.</summary>
/// <remarks>
/// Definitions follow Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way",
/// Marketing Science 24(2): a customer is born at the first purchase; x counts the later transactions
/// up to and including <see cref="RfmSummaryOptions.CalibrationEnd"/>; t_x and T are the days from
/// the first purchase to the last one and to the calibration end, divided by the period length.
/// With same-day merging, the first transaction is everything bought on the first day, so its spend is
/// left out of the monetary value. Customers whose first purchase is after the calibration end are not
/// in the summary (they were not customers yet). The output keeps the order in which customers first
/// appear in the input, whatever the number of cores. Cost: O(n) expected plus a sort of each customer's days,
/// on all cores: the purchases are split into up to 256 partitions by a hash of the customer id, and each
/// partition numbers its customers in its own small hash table, then sorts and summarizes them. Allocations
/// are proportional to the number of rows (copies of the id and amount columns and a few integer columns,
/// about 80 bytes a row) and customers, none per row.
/// </remarks>
public static class RfmSummaryBuilder
{
    /// <summary>Builds the summary from purchases.</summary>
    /// <param name="purchases">The purchases, in any order; all in one currency.</param>
    /// <param name="options">Calibration end, period unit, merging, holdout and time zone.</param>
    /// <returns>The summary, in the currency of the purchases.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="CurrencyMismatchException">The purchases are in more than one currency.</exception>
    public static RfmSummary Build(IEnumerable<Purchase> purchases, RfmSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        var ids = new List<CustomerId>();
        var dates = new List<LocalDate>();
        var amounts = new List<decimal>();
        Currency? currency = null;
        foreach (var purchase in purchases)
        {
            ArgumentNullException.ThrowIfNull(purchase, nameof(purchases));
            if (currency is { } c && c != purchase.Amount.Currency)
            {
                throw new CurrencyMismatchException(c, purchase.Amount.Currency);
            }
            currency = purchase.Amount.Currency;
            ids.Add(purchase.CustomerId);
            dates.Add(purchase.OccurredAt.InZone(options.TimeZone).Date);
            amounts.Add(purchase.Amount.Amount);
        }
        return Build(CollectionsMarshal.AsSpan(ids), CollectionsMarshal.AsSpan(dates), CollectionsMarshal.AsSpan(amounts), options, currency ?? default);
    }

    /// <summary>Builds the summary from a columnar log of instants, turned into dates in <see cref="RfmSummaryOptions.TimeZone"/>.</summary>
    /// <param name="customers">The customer of each purchase.</param>
    /// <param name="occurredAt">When each purchase happened.</param>
    /// <param name="amounts">The amount of each purchase; at least 0.</param>
    /// <param name="options">Calibration end, period unit, merging, holdout and time zone.</param>
    /// <param name="currency">The currency of the amounts (<c>default</c>: none, XXX).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, a customer id is empty or an amount is negative.</exception>
    public static RfmSummary Build(ReadOnlySpan<CustomerId> customers, ReadOnlySpan<Instant> occurredAt, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = new int[occurredAt.Length];
        var zone = options.TimeZone;
        for (int i = 0; i < days.Length; i++)
        {
            days[i] = DayNumber(occurredAt[i].InZone(zone).Date);
        }
        return Build(customers, days, amounts, options, currency);
    }

    /// <summary>Builds the summary from a columnar log of dates.</summary>
    /// <param name="customers">The customer of each purchase.</param>
    /// <param name="dates">The date of each purchase (ISO calendar).</param>
    /// <param name="amounts">The amount of each purchase; at least 0.</param>
    /// <param name="options">Calibration end, period unit, merging and holdout (the time zone is not used).</param>
    /// <param name="currency">The currency of the amounts (<c>default</c>: none, XXX).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, a customer id is empty or an amount is negative.</exception>
    public static RfmSummary Build(ReadOnlySpan<CustomerId> customers, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = new int[dates.Length];
        for (int i = 0; i < days.Length; i++)
        {
            days[i] = DayNumber(dates[i]);
        }
        return Build(customers, days, amounts, options, currency);
    }

    /// <summary>
    /// Builds the summary from a columnar <see cref="PurchaseTable"/> (the purchases of a <c>ContactCenterData</c>), its
    /// instants turned into dates in <see cref="RfmSummaryOptions.TimeZone"/>: the same summary as the records give, in
    /// order of first appearance. The customers are already coded, so no id is hashed: the rows are counted into their
    /// customers and each customer's are sorted by day and summarized, on all cores. Allocations: four integer columns
    /// and the amounts (about 32 bytes a row) and the summary.
    /// </summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="options">Calibration end, period unit, merging, holdout and time zone.</param>
    /// <returns>The summary, in the table's currency.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static RfmSummary Build(PurchaseTable purchases, RfmSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        int n = purchases.Count;
        var window = CheckColumns(n, n, n, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var days = new int[n];
        var zone = options.TimeZone;
        var ticks = purchases.OccurredTicks;
        Parallel.For(0, (n + 65_535) / 65_536, parallel, chunk =>
        {
            for (int i = chunk * 65_536, end = Math.Min(n, i + 65_536); i < end; i++)
            {
                days[i] = DayNumber(Instant.FromUnixTimeTicks(ticks[i]).InZone(zone).Date);
            }
        });
        var amounts = purchases.Amounts();

        // Customers numbered by first appearance (a table's codes are, but a caller's filter may have left gaps); a
        // counting sort puts each customer's rows together, in input order.
        var code = purchases.Customer;
        var rank = new int[purchases.Customers.Count];
        Array.Fill(rank, -1);
        var first = new List<int>();
        var slotOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (rank[code[i]] < 0)
            {
                rank[code[i]] = first.Count;
                first.Add(code[i]);
            }
            slotOf[i] = rank[code[i]];
        }
        int m = first.Count;
        var (offsets, order, orderedDays) = GroupByCustomer(slotOf, m, days);
        var rows = new CustomerRow[m];
        var keep = new bool[m];
        Parallel.For(0, (m + 4_095) / 4_096, parallel, chunk =>
        {
            for (int c = chunk * 4_096, end = Math.Min(m, c + 4_096); c < end; c++)
            {
                SortByDay(order, orderedDays, offsets[c], offsets[c + 1]);
                keep[c] = Summarize(order, orderedDays, amounts, offsets[c], offsets[c + 1], window, out rows[c]);
            }
        });
        var result = new RfmColumns(keep.Count(k => k), window, options);
        for (int c = 0, at = 0; c < m; c++)
        {
            if (keep[c])
            {
                result.Set(at++, new CustomerId(purchases.Customers[first[c]]), rows[c]);
            }
        }
        return result.ToSummary(purchases.Currency ?? default);
    }

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    /// <summary>
    /// A counting sort of the rows by customer (<paramref name="slotOf"/>, numbers 0 to <paramref name="customers"/> - 1),
    /// input order kept within a customer: customer c's rows are order[offsets[c]..offsets[c + 1]), with their days.
    /// </summary>
    private static (int[] Offsets, int[] Order, int[] OrderedDays) GroupByCustomer(int[] slotOf, int customers, int[] days)
    {
        int n = slotOf.Length;
        var offsets = new int[customers + 1];
        foreach (int slot in slotOf)
        {
            offsets[slot + 1]++;
        }
        for (int c = 0; c < customers; c++)
        {
            offsets[c + 1] += offsets[c];
        }
        var next = offsets.AsSpan(0, customers).ToArray();
        var order = new int[n];
        var orderedDays = new int[n];
        for (int i = 0; i < n; i++)
        {
            int at = next[slotOf[i]]++;
            order[at] = i;
            orderedDays[at] = days[i];
        }
        return (offsets, order, orderedDays);
    }

    private static RfmSummary Build(ReadOnlySpan<CustomerId> customers, int[] days, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency)
        => BuildPartitioned(customers, days, amounts, options, currency, PartitionBits(customers.Length), Environment.ProcessorCount);

    /// <summary>How many rows ahead of hashing the ids are read (to have several cache misses in flight).</summary>
    private const int Lookahead = 16;

    /// <summary>How many bits of the id hash pick a partition: about 32,768 purchases per partition, at most 256 partitions.</summary>
    internal static int PartitionBits(int purchases)
    {
        int bits = 0;
        while (bits < 8 && (long)purchases > (32_768L << bits))
        {
            bits++;
        }
        return bits;
    }

    /// <summary>
    /// The builder on several cores. Each purchase goes to one of 2^<paramref name="partitionBits"/> partitions by the
    /// hash of its customer id (so all purchases of a customer share one), keeping input order within a partition; each
    /// partition numbers its customers, sorts and summarizes them on its own; the customers are then put in order of
    /// their first purchase in the input. The result does not depend on the number of partitions or workers.
    /// </summary>
    internal static RfmSummary BuildPartitioned(
        ReadOnlySpan<CustomerId> customers, int[] days, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency, int partitionBits, int degree)
    {
        int n = customers.Length;
        var window = CheckColumns(n, days.Length, amounts.Length, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree) };
        int partitions = 1 << partitionBits;
        int shift = 32 - partitionBits;
        int chunks = Math.Max(1, Math.Min(n / 4096, 4 * parallel.MaxDegreeOfParallelism));
        int chunkLength = n == 0 ? 0 : (n + chunks - 1) / chunks;

        // Bulk copies, so that the workers can read the columns.
        var ids = customers.ToArray();
        var amountAt = amounts.ToArray();
        // Hash each id once, count the purchases of each partition in each chunk of rows and find the first bad row.
        // The ids are touched a few rows ahead of hashing so that several cache misses are in flight at once.
        var hash = new int[n];
        var counts = new int[chunks * partitions];
        var firstBadRow = new int[chunks];
        Parallel.For(0, chunks, parallel, c =>
        {
            int from = c * chunkLength, to = Math.Min(n, from + chunkLength);
            var local = new int[partitions];
            int bad = int.MaxValue;
            for (int j = from; j < Math.Min(to, from + Lookahead); j++)
            {
                if (ids[j].Value.Length == 0)
                {
                    bad = Math.Min(bad, j);
                }
            }
            for (int i = from; i < to; i++)
            {
                int ahead = i + Lookahead;
                if (ahead < to && ids[ahead].Value.Length == 0)
                {
                    bad = Math.Min(bad, ahead);
                }
                if (amountAt[i] < 0m)
                {
                    bad = Math.Min(bad, i);
                }
                int h = ids[i].Value.GetHashCode(StringComparison.Ordinal);
                hash[i] = h;
                local[(int)((ulong)(uint)h >> shift)]++;
            }
            firstBadRow[c] = bad;
            local.CopyTo(counts, c * partitions);
        });
        int firstBad = firstBadRow.Min();
        if (firstBad != int.MaxValue)
        {
            CheckPurchase(customers[firstBad], amounts[firstBad], firstBad);
        }
        // Partition p takes rows [partitionStart[p], partitionStart[p + 1]) of the partitioned columns, chunk after chunk.
        var partitionStart = new int[partitions + 1];
        var cursors = new int[chunks * partitions];
        for (int p = 0, at = 0; p < partitions; p++)
        {
            partitionStart[p] = at;
            for (int c = 0; c < chunks; c++)
            {
                cursors[c * partitions + p] = at;
                at += counts[c * partitions + p];
            }
            partitionStart[p + 1] = at;
        }
        var rowOf = new int[n];
        var hashOf = new int[n];
        var idOf = new string[n];
        var dayOf = new int[n];
        var amountOf = new decimal[n];
        Parallel.For(0, chunks, parallel, c =>
        {
            int from = c * chunkLength, to = Math.Min(n, from + chunkLength);
            var cursor = cursors.AsSpan(c * partitions, partitions);
            for (int i = from; i < to; i++)
            {
                int h = hash[i];
                int k = cursor[(int)((ulong)(uint)h >> shift)]++;
                rowOf[k] = i;
                hashOf[k] = h;
                idOf[k] = ids[i].Value;
                dayOf[k] = days[i];
                amountOf[k] = amountAt[i];
            }
        });

        // Each partition numbers its customers in order of first appearance, sorts its rows by customer, then each
        // customer's by day, and summarizes them; a kept customer is marked at its first row by its partition's first
        // row plus its number (the hashes are not needed any more).
        var customerAtRow = hash;
        Array.Fill(customerAtRow, -1);
        var partitionRows = new CustomerRow[partitions][];
        Parallel.For(0, partitions, parallel, p =>
        {
            int start = partitionStart[p], length = partitionStart[p + 1] - start;
            var slotOf = ArrayPool<int>.Shared.Rent(length);
            var order = ArrayPool<int>.Shared.Rent(length);
            var orderedDays = ArrayPool<int>.Shared.Rent(length);
            var firstRows = NumberCustomers(rowOf, hashOf, idOf, slotOf, start, length);
            int count = firstRows.Length;
            var offsets = new int[count + 1];
            for (int k = 0; k < length; k++)
            {
                offsets[slotOf[k] + 1]++;
            }
            for (int c = 0; c < count; c++)
            {
                offsets[c + 1] += offsets[c];
            }
            var fill = offsets.AsSpan(0, count).ToArray();
            for (int k = 0; k < length; k++)
            {
                int to = fill[slotOf[k]]++;
                order[to] = start + k;
                orderedDays[to] = dayOf[start + k];
            }
            var rows = new CustomerRow[count];
            for (int c = 0; c < count; c++)
            {
                SortByDay(order, orderedDays, offsets[c], offsets[c + 1]);
                if (Summarize(order, orderedDays, amountOf, offsets[c], offsets[c + 1], window, out rows[c]))
                {
                    customerAtRow[firstRows[c]] = start + c;
                }
            }
            partitionRows[p] = rows;
            ArrayPool<int>.Shared.Return(slotOf);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(orderedDays);
        });

        // The kept customers in order of first appearance: count them per chunk of rows, then copy in parallel.
        var kept = new int[chunks + 1];
        Parallel.For(0, chunks, parallel, c =>
        {
            int from = c * chunkLength, to = Math.Min(n, from + chunkLength), count = 0;
            for (int i = from; i < to; i++)
            {
                count += customerAtRow[i] >= 0 ? 1 : 0;
            }
            kept[c + 1] = count;
        });
        for (int c = 0; c < chunks; c++)
        {
            kept[c + 1] += kept[c];
        }
        var result = new RfmColumns(kept[chunks], window, options);
        Parallel.For(0, chunks, parallel, c =>
        {
            int from = c * chunkLength, to = Math.Min(n, from + chunkLength), at = kept[c];
            for (int i = from; i < to; i++)
            {
                int customer = customerAtRow[i];
                if (customer >= 0)
                {
                    int p = PartitionOf(partitionStart, customer);
                    result.Set(at++, ids[i], partitionRows[p][customer - partitionStart[p]]);
                }
            }
        });
        return result.ToSummary(currency);
    }

    /// <summary>The partition whose rows [start[p], start[p + 1]) hold <paramref name="row"/> (empty partitions skipped).</summary>
    private static int PartitionOf(int[] start, int row)
    {
        int low = 0, high = start.Length - 1;
        while (high - low > 1)
        {
            int middle = (low + high) >>> 1;
            if (start[middle] <= row)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>
    /// Numbers the customers of the partitioned rows [start, start + length) in order of first appearance (open addressing on the
    /// id hashes); writes each row's customer number to <paramref name="slotOf"/> (from 0 at row start).
    /// </summary>
    /// <returns>The input row of each customer's first purchase.</returns>
    private static int[] NumberCustomers(int[] rowOf, int[] hashOf, string[] idOf, int[] slotOf, int start, int length)
    {
        int end = start + length;
        int capacity = 16;
        while (capacity < 2 * Math.Min(end - start, 4096))
        {
            capacity <<= 1;
        }
        var buckets = new int[capacity];
        var keyHash = new int[capacity / 2];
        var keyId = new string[capacity / 2];
        var firstRow = new int[capacity / 2];
        int count = 0, mask = capacity - 1;
        for (int k = start; k < end; k++)
        {
            int h = hashOf[k];
            string id = idOf[k];
            int b = h & mask;
            while (true)
            {
                int entry = buckets[b];
                if (entry == 0)
                {
                    int slot = count++;
                    slotOf[k - start] = slot;
                    buckets[b] = count;
                    keyHash[slot] = h;
                    keyId[slot] = id;
                    firstRow[slot] = rowOf[k];
                    if (count == keyHash.Length)
                    {
                        Array.Resize(ref keyHash, 2 * count);
                        Array.Resize(ref keyId, 2 * count);
                        Array.Resize(ref firstRow, 2 * count);
                        buckets = Rehash(keyHash, count, 4 * count);
                        mask = buckets.Length - 1;
                    }
                    break;
                }
                if (keyHash[entry - 1] == h && string.Equals(keyId[entry - 1], id, StringComparison.Ordinal))
                {
                    slotOf[k - start] = entry - 1;
                    break;
                }
                b = (b + 1) & mask;
            }
        }
        return firstRow.AsSpan(0, count).ToArray();
    }

    private static int[] Rehash(int[] keyHash, int count, int capacity)
    {
        var buckets = new int[capacity];
        int mask = capacity - 1;
        for (int slot = 0; slot < count; slot++)
        {
            int b = keyHash[slot] & mask;
            while (buckets[b] != 0)
            {
                b = (b + 1) & mask;
            }
            buckets[b] = slot + 1;
        }
        return buckets;
    }

    /// <summary>The single-threaded builder, kept as the reference the partitioned builder is tested against.</summary>
    internal static RfmSummary BuildReference(ReadOnlySpan<CustomerId> customers, int[] days, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency)
    {
        int n = customers.Length;
        var window = CheckColumns(n, days.Length, amounts.Length, options);
        var index = new Dictionary<CustomerId, int>();
        var ids = new List<CustomerId>();
        var slotOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            var id = customers[i];
            CheckPurchase(id, amounts[i], i);
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, id, out bool exists);
            if (!exists)
            {
                slot = ids.Count;
                ids.Add(id);
            }
            slotOf[i] = slot;
        }
        // Each customer's purchases together, then sorted by day, stably, so the "first" purchase of a day is well
        // defined when not merging.
        int m = ids.Count;
        var (offsets, order, orderedDays) = GroupByCustomer(slotOf, m, days);
        var kept = new List<(CustomerId Id, CustomerRow Row)>(m);
        for (int customer = 0; customer < m; customer++)
        {
            SortByDay(order, orderedDays, offsets[customer], offsets[customer + 1]);
            if (Summarize(order, orderedDays, amounts, offsets[customer], offsets[customer + 1], window, out var row))
            {
                kept.Add((ids[customer], row));
            }
        }
        var result = new RfmColumns(kept.Count, window, options);
        for (int k = 0; k < kept.Count; k++)
        {
            result.Set(k, kept[k].Id, kept[k].Row);
        }
        return result.ToSummary(currency);
    }

    private static Window CheckColumns(int n, int dates, int amounts, RfmSummaryOptions options)
    {
        Preconditions.CheckArgument(dates == n, "dates", $"Every column must have one entry per purchase ({n} customers); the dates have {dates}.");
        Preconditions.CheckArgument(amounts == n, nameof(amounts), $"Every column must have one entry per purchase ({n} customers); the amounts have {amounts}.");
        int calibrationEnd = DayNumber(options.CalibrationEnd);
        int holdoutEnd = options.HoldoutEnd is { } h ? DayNumber(h) : calibrationEnd;
        Preconditions.CheckArgument(holdoutEnd >= calibrationEnd, nameof(options), "The holdout end must be after the calibration end.");
        return new Window(calibrationEnd, holdoutEnd, options.Period.Days(), options.MergeSameDayPurchases);
    }

    private static void CheckPurchase(CustomerId id, decimal amount, int i)
    {
        if (id.Value.Length == 0)
        {
            throw new ArgumentException($"Purchase {i} has the default (empty) customer id.", "customers");
        }
        if (amount < 0m)
        {
            throw new ArgumentOutOfRangeException("amounts", amount, $"Purchase {i} of customer '{id}': an amount must be at least 0 (net refunds upstream).");
        }
    }

    /// <summary>Summarizes one customer's purchases order[start..end), sorted by day.</summary>
    /// <returns>Whether the customer is in the summary (first purchase by the calibration end).</returns>
    private static bool Summarize(int[] order, int[] orderedDays, ReadOnlySpan<decimal> amounts, int start, int end, Window window, out CustomerRow row)
    {
        int first = orderedDays[start];
        if (first > window.CalibrationEnd)
        {
            row = default;
            return false;
        }
        int transactions = 0, holdoutTransactions = 0, last = first, previous = int.MinValue;
        decimal firstSpend = 0m, calibrationSpend = 0m, holdoutSpend = 0m;
        for (int k = start; k < end; k++)
        {
            int day = orderedDays[k];
            decimal amount = amounts[order[k]];
            bool newTransaction = !window.Merge || day != previous;
            previous = day;
            if (day <= window.CalibrationEnd)
            {
                if (newTransaction)
                {
                    transactions++;
                }
                if (transactions == 1)
                {
                    firstSpend += amount;
                }
                calibrationSpend += amount;
                last = day;
            }
            else if (day <= window.HoldoutEnd)
            {
                if (newTransaction)
                {
                    holdoutTransactions++;
                }
                holdoutSpend += amount;
            }
        }
        int repeat = transactions - 1;
        row = new CustomerRow(
            repeat, (last - first) / window.PeriodDays, (window.CalibrationEnd - first) / window.PeriodDays,
            repeat == 0 ? 0.0 : (double)((calibrationSpend - firstSpend) / repeat), holdoutTransactions, (double)holdoutSpend);
        return true;
    }

    private readonly record struct Window(int CalibrationEnd, int HoldoutEnd, double PeriodDays, bool Merge);

    private readonly record struct CustomerRow(int X, double Tx, double T, double Zbar, int HoldoutX, double HoldoutSpend);

    /// <summary>The summary columns, filled customer by customer (from several threads, each its own customers).</summary>
    private sealed class RfmColumns(int count, Window window, RfmSummaryOptions options)
    {
        private readonly bool _holdout = options.HoldoutEnd is not null;
        private readonly CustomerId[] _ids = new CustomerId[count];
        private readonly int[] _x = new int[count];
        private readonly double[] _tx = new double[count];
        private readonly double[] _t = new double[count];
        private readonly double[] _zbar = new double[count];
        private readonly int[] _hx = new int[options.HoldoutEnd is null ? 0 : count];
        private readonly double[] _hs = new double[options.HoldoutEnd is null ? 0 : count];

        public void Set(int at, CustomerId id, CustomerRow row)
        {
            _ids[at] = id;
            _x[at] = row.X;
            _tx[at] = row.Tx;
            _t[at] = row.T;
            _zbar[at] = row.Zbar;
            if (_holdout)
            {
                _hx[at] = row.HoldoutX;
                _hs[at] = row.HoldoutSpend;
            }
        }

        public RfmSummary ToSummary(Currency currency) => RfmSummary.CreateTrusted(
            _ids, _x, _tx, _t, _zbar, _holdout ? _hx : null, _holdout ? _hs : null,
            _holdout ? (window.HoldoutEnd - window.CalibrationEnd) / window.PeriodDays : 0, options.Period, currency);
    }

    /// <summary>Sorts the purchases in [start, end) by day, keeping their order (input order) on equal days.</summary>
    private static void SortByDay(int[] order, int[] days, int start, int end)
    {
        int count = end - start;
        if (count <= 32)
        {
            for (int i = start + 1; i < end; i++)
            {
                int day = days[i], row = order[i], j = i - 1;
                while (j >= start && days[j] > day)
                {
                    days[j + 1] = days[j];
                    order[j + 1] = order[j];
                    j--;
                }
                days[j + 1] = day;
                order[j + 1] = row;
            }
            return;
        }
        // Rows within a customer are in increasing input order, so (day, position) keys sort stably.
        var keys = new long[count];
        var rows = order.AsSpan(start, count).ToArray();
        for (int i = 0; i < count; i++)
        {
            keys[i] = ((long)days[start + i] << 32) | (uint)i;
        }
        Array.Sort(keys);
        for (int i = 0; i < count; i++)
        {
            int position = (int)(uint)keys[i];
            days[start + i] = (int)(keys[i] >> 32);
            order[start + i] = rows[position];
        }
    }
}
