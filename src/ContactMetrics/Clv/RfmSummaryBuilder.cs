using System.Runtime.InteropServices;
using ContactMetrics.Domain;
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
/// appear in the input. Cost: one sort of the rows, O(n log n); allocations proportional to the number
/// of rows (an index and a sort key each) and customers, none per row.
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

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    private static RfmSummary Build(ReadOnlySpan<CustomerId> customers, int[] days, ReadOnlySpan<decimal> amounts, RfmSummaryOptions options, Currency currency)
    {
        int n = customers.Length;
        Preconditions.CheckArgument(days.Length == n, "dates", $"Every column must have one entry per purchase ({n} customers); the dates have {days.Length}.");
        Preconditions.CheckArgument(amounts.Length == n, nameof(amounts), $"Every column must have one entry per purchase ({n} customers); the amounts have {amounts.Length}.");
        int calibrationEnd = DayNumber(options.CalibrationEnd);
        int holdoutEnd = options.HoldoutEnd is { } h ? DayNumber(h) : calibrationEnd;
        Preconditions.CheckArgument(holdoutEnd >= calibrationEnd, nameof(options), "The holdout end must be after the calibration end.");
        double periodDays = options.Period.Days();

        var index = new Dictionary<CustomerId, int>();
        var ids = new List<CustomerId>();
        var slotOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            var id = customers[i];
            if (id.Value.Length == 0)
            {
                throw new ArgumentException($"Purchase {i} has the default (empty) customer id.", nameof(customers));
            }
            if (amounts[i] < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), amounts[i], $"Purchase {i} of customer '{id}': an amount must be at least 0 (net refunds upstream).");
            }
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, id, out bool exists);
            if (!exists)
            {
                slot = ids.Count;
                ids.Add(id);
            }
            slotOf[i] = slot;
        }
        // Counting sort by customer (in order of first appearance), input order kept within a customer; then each
        // customer's purchases sorted by day, stably, so the "first" purchase of a day is well defined when not merging.
        int m = ids.Count;
        var offsets = new int[m + 1];
        foreach (int slot in slotOf)
        {
            offsets[slot + 1]++;
        }
        for (int c = 0; c < m; c++)
        {
            offsets[c + 1] += offsets[c];
        }
        var next = offsets.AsSpan(0, m).ToArray();
        var order = new int[n];
        var orderedDays = new int[n];
        for (int i = 0; i < n; i++)
        {
            int at = next[slotOf[i]]++;
            order[at] = i;
            orderedDays[at] = days[i];
        }
        for (int c = 0; c < m; c++)
        {
            SortByDay(order, orderedDays, offsets[c], offsets[c + 1]);
        }

        var outIds = new List<CustomerId>(ids.Count);
        var x = new List<int>(ids.Count);
        var tx = new List<double>(ids.Count);
        var t = new List<double>(ids.Count);
        var zbar = new List<double>(ids.Count);
        var hx = new List<int>(ids.Count);
        var hs = new List<double>(ids.Count);
        bool merge = options.MergeSameDayPurchases;
        for (int customer = 0; customer < m; customer++)
        {
            int start = offsets[customer], end = offsets[customer + 1];
            int first = orderedDays[start];
            if (first <= calibrationEnd)
            {
                int transactions = 0, holdoutTransactions = 0, last = first, previous = int.MinValue;
                decimal firstSpend = 0m, calibrationSpend = 0m, holdoutSpend = 0m;
                for (int k = start; k < end; k++)
                {
                    int day = orderedDays[k];
                    decimal amount = amounts[order[k]];
                    bool newTransaction = !merge || day != previous;
                    previous = day;
                    if (day <= calibrationEnd)
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
                    else if (day <= holdoutEnd)
                    {
                        if (newTransaction)
                        {
                            holdoutTransactions++;
                        }
                        holdoutSpend += amount;
                    }
                }
                int repeat = transactions - 1;
                outIds.Add(ids[customer]);
                x.Add(repeat);
                tx.Add((last - first) / periodDays);
                t.Add((calibrationEnd - first) / periodDays);
                zbar.Add(repeat == 0 ? 0.0 : (double)((calibrationSpend - firstSpend) / repeat));
                hx.Add(holdoutTransactions);
                hs.Add((double)holdoutSpend);
            }
        }
        bool holdout = options.HoldoutEnd is not null;
        return RfmSummary.CreateTrusted(
            outIds.ToArray(), x.ToArray(), tx.ToArray(), t.ToArray(), zbar.ToArray(),
            holdout ? hx.ToArray() : null, holdout ? hs.ToArray() : null,
            holdout ? (holdoutEnd - calibrationEnd) / periodDays : 0, options.Period, currency);
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
