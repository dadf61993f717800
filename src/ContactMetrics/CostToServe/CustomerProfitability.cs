using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.CostToServe;

/// <summary>One customer's value, cost-to-serve and profit (value minus cost).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Value">The customer's value (zero when the value source has none for the customer).</param>
/// <param name="Cost">The cost of serving the customer (zero without contacts).</param>
/// <param name="Contacts">The customer's contacts.</param>
public readonly record struct CustomerProfit(CustomerId CustomerId, Money Value, Money Cost, long Contacts)
{
    /// <summary>Value minus cost.</summary>
    public Money Profit => Value - Cost;
}

/// <summary>
/// Customer profitability: each customer's value (from a value table such as a CLV model's, a map or one amount for
/// everyone) minus the cost of serving them, ranked by profit, with the <see cref="WhaleCurve"/>. Immutable.
/// </summary>
/// <remarks>
/// The customers are those of the cost-to-serve result and, with a map or a model, those the value
/// source knows; a customer with contacts but no value is valued at zero (counted in
/// <see cref="CustomersWithoutValue"/>), one with a value but no contacts costs nothing (counted in
/// <see cref="CustomersWithoutContacts"/>). Contacts without a customer id cannot be charged to anyone:
/// their cost is <see cref="UnidentifiedCost"/>, outside the curve, so <c>TotalProfit - UnidentifiedCost</c>
/// is the profit after all service cost. Kaplan and Narayanan ("Measuring and Managing Customer
/// Profitability", Journal of Cost Management, 2001) describe the whale curve.
/// </remarks>
public sealed class CustomerProfitability
{
    private CustomerProfitability(Currency currency, string valueSource, CustomerProfit[] ranked, Money unidentifiedCost, int withoutValue, int withoutContacts)
    {
        Currency = currency;
        ValueSource = valueSource;
        Customers = ImmutableCollectionsMarshal.AsImmutableArray(ranked);
        decimal value = 0, cost = 0;
        foreach (var c in ranked)
        {
            value += c.Value.Amount;
            cost += c.Cost.Amount;
        }
        TotalValue = new Money(value, currency);
        TotalCost = new Money(cost, currency);
        UnidentifiedCost = unidentifiedCost;
        CustomersWithoutValue = withoutValue;
        CustomersWithoutContacts = withoutContacts;
        WhaleCurve = new WhaleCurve(Customers, currency);
    }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>Where the values come from, e.g. <c>given</c> or the model's name.</summary>
    public string ValueSource { get; }

    /// <summary>Every customer, by profit from highest to lowest (ties by customer id, ordinal).</summary>
    public ImmutableArray<CustomerProfit> Customers { get; }

    /// <summary>The sum of the customers' values.</summary>
    public Money TotalValue { get; }

    /// <summary>The sum of the customers' costs (the identified contacts' cost).</summary>
    public Money TotalCost { get; }

    /// <summary>Total value minus total cost: where the whale curve ends.</summary>
    public Money TotalProfit => TotalValue - TotalCost;

    /// <summary>The cost of contacts without a customer id, which no customer bears.</summary>
    public Money UnidentifiedCost { get; }

    /// <summary>Customers with contacts whom the value source does not value (valued at zero).</summary>
    public int CustomersWithoutValue { get; }

    /// <summary>Customers the value source values who had no contacts (cost zero).</summary>
    public int CustomersWithoutContacts { get; }

    /// <summary>The whale curve of the ranked customers.</summary>
    public WhaleCurve WhaleCurve { get; }

    /// <summary>Profitability with a value per customer from a map.</summary>
    /// <param name="costs">The cost-to-serve result.</param>
    /// <param name="values">Each customer's value, in the currency of <paramref name="costs"/>.</param>
    /// <param name="valueSource">Where the values come from (for reports); not blank.</param>
    /// <returns>The profitability.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value is in another currency (the message names the customer), or <paramref name="valueSource"/> is blank.</exception>
    public static CustomerProfitability Compute(CostToServeResult costs, IReadOnlyDictionary<CustomerId, Money> values, string valueSource)
    {
        Preconditions.CheckNotNull(costs);
        Preconditions.CheckNotNull(values);
        ArgumentException.ThrowIfNullOrWhiteSpace(valueSource);
        var currency = costs.Currency;
        foreach (var (id, value) in values)
        {
            Preconditions.CheckArgument(value.Currency == currency, nameof(values),
                $"customer '{id}': the value {value} is in {value.Currency} but the costs are in {currency}.");
        }
        var rows = new List<CustomerProfit>(Math.Max(values.Count, costs.ByCustomer.Length));
        var seen = new HashSet<CustomerId>();
        var unidentified = Money.Zero(currency);
        int withoutValue = 0;
        foreach (var c in costs.ByCustomer)
        {
            if (c.CustomerId is null)
            {
                unidentified = c.Cost;
                continue;
            }
            var id = c.CustomerId.Value;
            seen.Add(id);
            if (!values.TryGetValue(id, out var value))
            {
                value = Money.Zero(currency);
                withoutValue++;
            }
            rows.Add(new CustomerProfit(id, value, c.Cost, c.Contacts));
        }
        int withoutContacts = 0;
        foreach (var (id, value) in values)
        {
            if (!seen.Contains(id))
            {
                rows.Add(new CustomerProfit(id, value, Money.Zero(currency), 0));
                withoutContacts++;
            }
        }
        return new CustomerProfitability(currency, valueSource, Rank(rows), unidentified, withoutValue, withoutContacts);
    }

    /// <summary>Profitability with the same value for every customer who had contacts.</summary>
    /// <param name="costs">The cost-to-serve result.</param>
    /// <param name="valuePerCustomer">The value of each customer, in the currency of <paramref name="costs"/>.</param>
    /// <returns>The profitability; <see cref="ValueSource"/> says the value was given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="costs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="valuePerCustomer"/> is in another currency.</exception>
    public static CustomerProfitability Compute(CostToServeResult costs, Money valuePerCustomer)
    {
        Preconditions.CheckNotNull(costs);
        Preconditions.CheckArgument(valuePerCustomer.Currency == costs.Currency, nameof(valuePerCustomer),
            $"The value per customer {valuePerCustomer} is in {valuePerCustomer.Currency} but the costs are in {costs.Currency}.");
        var values = new Dictionary<CustomerId, Money>();
        foreach (var c in costs.ByCustomer)
        {
            if (c.CustomerId.HasValue)
            {
                values[c.CustomerId.Value] = valuePerCustomer;
            }
        }
        return Compute(costs, values, $"given: {valuePerCustomer} per customer");
    }

    /// <summary>Profitability with each customer's value from a value table (e.g. a CLV model's values).</summary>
    /// <param name="costs">The cost-to-serve result.</param>
    /// <param name="values">Each customer's value, in the currency of <paramref name="costs"/>; its source becomes <see cref="ValueSource"/>.</param>
    /// <returns>The profitability.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table is in another currency.</exception>
    public static CustomerProfitability Compute(CostToServeResult costs, CustomerValueTable values)
    {
        Preconditions.CheckNotNull(costs);
        Preconditions.CheckNotNull(values);
        Preconditions.CheckArgument(values.Currency == costs.Currency, nameof(values),
            $"The value table ({values.Source}) is in {values.Currency} but the costs are in {costs.Currency}.");
        var map = new Dictionary<CustomerId, Money>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            map.Add(values.CustomerIds[i], values.Values[i]);
        }
        return Compute(costs, map, values.Source);
    }

    private static CustomerProfit[] Rank(List<CustomerProfit> rows)
    {
        var ranked = rows.ToArray();
        Array.Sort(ranked, (x, y) =>
        {
            int c = y.Profit.Amount.CompareTo(x.Profit.Amount);
            return c != 0 ? c : string.CompareOrdinal(x.CustomerId.Value, y.CustomerId.Value);
        });
        return ranked;
    }
}
