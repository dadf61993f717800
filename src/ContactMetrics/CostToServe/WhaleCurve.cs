using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>A point of the whale curve: the cumulative profit of the <see cref="Customers"/> most profitable customers.</summary>
/// <param name="Customers">How many customers, from the most profitable.</param>
/// <param name="CustomerShare">Customers / all customers.</param>
/// <param name="CumulativeProfit">Their summed profit.</param>
/// <param name="ShareOfTotalProfit">Cumulative profit / total profit; null when the total profit is not positive (the share has no meaning then).</param>
public readonly record struct WhaleCurvePoint(int Customers, double CustomerShare, Money CumulativeProfit, double? ShareOfTotalProfit);

/// <summary>
/// The whale curve: customers ranked by profit from highest to lowest, cumulative profit against the share
/// of customers. It rises while customers are profitable, peaks (often well above 100% of the total) and
/// falls back to the total profit as the value-destroying customers come in. Immutable.
/// </summary>
public sealed class WhaleCurve
{
    internal WhaleCurve(ImmutableArray<CustomerProfit> ranked, Currency currency)
    {
        int n = ranked.Length;
        decimal total = 0;
        foreach (var c in ranked)
        {
            total += c.Profit.Amount;
        }
        TotalProfit = new Money(total, currency);
        var points = new WhaleCurvePoint[n + 1];
        points[0] = new WhaleCurvePoint(0, 0, Money.Zero(currency), total > 0 ? 0 : null);
        decimal cumulative = 0;
        int peak = 0;
        int destroying = 0;
        for (int k = 1; k <= n; k++)
        {
            var profit = ranked[k - 1].Profit.Amount;
            cumulative += profit;
            destroying += profit < 0 ? 1 : 0;
            points[k] = new WhaleCurvePoint(k, (double)k / n, new Money(cumulative, currency), total > 0 ? (double)(cumulative / total) : null);
            if (cumulative > points[peak].CumulativeProfit.Amount)
            {
                peak = k;
            }
        }
        Points = ImmutableCollectionsMarshal.AsImmutableArray(points);
        Peak = points[peak];
        ValueDestroyingCustomers = destroying;
        ValueDestroyingShare = n == 0 ? 0 : (double)destroying / n;
    }

    /// <summary>The curve: the origin (0 customers) and one point per customer, in rank order.</summary>
    public ImmutableArray<WhaleCurvePoint> Points { get; }

    /// <summary>The profit of all customers: the curve's end.</summary>
    public Money TotalProfit { get; }

    /// <summary>The highest point (the first one, when several tie): the profit of the profitable customers alone. Never below <see cref="TotalProfit"/>.</summary>
    public WhaleCurvePoint Peak { get; }

    /// <summary>The customers whose profit is negative: those after the peak.</summary>
    public int ValueDestroyingCustomers { get; }

    /// <summary><see cref="ValueDestroyingCustomers"/> / all customers; 0 without customers.</summary>
    public double ValueDestroyingShare { get; }

    /// <summary>At most <paramref name="maxPoints"/> points for a chart: evenly spaced ranks, always with the origin, the peak and the end.</summary>
    /// <param name="maxPoints">The most points to return; at least 3.</param>
    /// <returns>The points, in rank order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is below 3.</exception>
    public ImmutableArray<WhaleCurvePoint> Sample(int maxPoints)
    {
        Preconditions.CheckInRange(maxPoints, 3, int.MaxValue);
        int last = Points.Length - 1;
        if (Points.Length <= maxPoints)
        {
            return Points;
        }
        var ranks = new SortedSet<int> { 0, Peak.Customers, last };
        int spaced = maxPoints - ranks.Count;
        for (int j = 1; j <= spaced; j++)
        {
            ranks.Add((int)((long)last * j / (spaced + 1)));
        }
        return [.. ranks.Select(r => Points[r])];
    }
}
