using System.Collections.Immutable;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Clv;

/// <summary>
/// Historical customer value: the sum of the margins each customer has brought up to a date, optionally compounded to that
/// date at an annual rate, so that a margin earned years ago counts for what it would be worth today (the "past customer
/// value" of the CRM literature, e.g. Kumar &amp; Reinartz, "Customer relationship management": sum over past periods of the
/// margin compounded to the present).
/// </summary>
/// <remarks>
/// A margin of m earned on date t is worth m (1 + R)^((asOf - t) / 365.25) on <see cref="HistoricalClvOptions.AsOf"/>
/// (days counted on the ISO calendar; R = 0 is the plain sum, computed exactly in decimal). Margins dated after AsOf are
/// not part of the history as of that date and are not counted; <see cref="HistoricalClvResult.LaterMargins"/> says how
/// many there were. It measures the past only: it is no forecast, and it ignores the cost of acquiring the customer unless
/// that cost is entered as a negative margin.
/// </remarks>
public static class HistoricalClv
{
    /// <summary>Sums (and compounds) the margins per customer.</summary>
    /// <param name="customers">The customer of each margin.</param>
    /// <param name="dates">The date of each margin.</param>
    /// <param name="margins">The margin of each row (negative for a loss), in <paramref name="currency"/>.</param>
    /// <param name="currency">The currency of the margins.</param>
    /// <param name="options">The as-of date and the compounding rate.</param>
    /// <returns>One value per customer, in the order of first appearance.</returns>
    /// <exception cref="ArgumentException">The columns differ in length or a customer id is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static HistoricalClvResult Compute(ReadOnlySpan<CustomerId> customers, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<decimal> margins, Currency currency, HistoricalClvOptions options)
    {
        Preconditions.CheckNotNull(options);
        int n = customers.Length;
        Preconditions.CheckArgument(dates.Length == n && margins.Length == n, nameof(dates), $"Every column must have one entry per row ({n} customers); dates has {dates.Length}, margins {margins.Length}.");
        var index = new Dictionary<CustomerId, int>();
        var ids = new List<CustomerId>();
        var plain = new List<decimal>();
        var compounded = new List<double>();
        double logGrowthPerDay = Math.Log(1 + options.AnnualRate) / 365.25;
        int later = 0;
        for (int i = 0; i < n; i++)
        {
            Preconditions.CheckArgument(!string.IsNullOrEmpty(customers[i].Value), nameof(customers), $"Row {i}: the customer id is empty.");
            int days = Period.DaysBetween(dates[i], options.AsOf);
            if (days < 0)
            {
                later++;
                continue;
            }
            if (!index.TryGetValue(customers[i], out int slot))
            {
                slot = ids.Count;
                index.Add(customers[i], slot);
                ids.Add(customers[i]);
                plain.Add(0m);
                compounded.Add(0.0);
            }
            plain[slot] += margins[i];
            compounded[slot] += (double)margins[i] * Math.Exp(days * logGrowthPerDay);
        }
        var values = new Money[ids.Count];
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = options.AnnualRate == 0 ? new Money(plain[j], currency) : Money.FromDouble(compounded[j], currency);
        }
        return new HistoricalClvResult([.. ids], [.. values], later);
    }
}

/// <summary>Settings of <see cref="HistoricalClv"/>.</summary>
public sealed record HistoricalClvOptions
{
    /// <summary>Creates the settings.</summary>
    /// <param name="asOf">The date the history ends and values are compounded to (inclusive).</param>
    public HistoricalClvOptions(LocalDate asOf) => AsOf = asOf;

    /// <summary>The date the history ends and values are compounded to (inclusive).</summary>
    public LocalDate AsOf { get; }

    /// <summary>The annual rate at which past margins are compounded to <see cref="AsOf"/>; 0 (a plain sum) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double AnnualRate
    {
        get;
        init => field = Preconditions.CheckNonNegative(value, nameof(AnnualRate));
    }
}

/// <summary>Historical value per customer.</summary>
/// <param name="CustomerIds">The customers, in the order of their first margin.</param>
/// <param name="Values">The (compounded) sum of each customer's margins up to the as-of date.</param>
/// <param name="LaterMargins">Rows dated after the as-of date, which are not counted.</param>
public sealed record HistoricalClvResult(ImmutableArray<CustomerId> CustomerIds, ImmutableArray<Money> Values, int LaterMargins);
