using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Tables;

/// <summary>
/// One money value per customer, in one currency, with where the values come from: how a calculator takes another's
/// per-customer result (a CLV model's values, purchases times a margin) without depending on the calculator that
/// produced it. Immutable.
/// </summary>
/// <remarks>
/// The CLV models produce one with <c>ContactMetrics.Clv.CustomerValueModels.ValueTable</c>; customer profitability
/// and the value of a retention uplift take one.
/// </remarks>
public sealed class CustomerValueTable
{
    private readonly Dictionary<CustomerId, int> _rowOf;

    private CustomerValueTable(ImmutableArray<CustomerId> customerIds, ImmutableArray<Money> values, Currency currency, string source, Dictionary<CustomerId, int> rowOf)
    {
        CustomerIds = customerIds;
        Values = values;
        Currency = currency;
        Source = source;
        _rowOf = rowOf;
        Total = Money.Sum(values, currency);
    }

    /// <summary>The customers, in the order given.</summary>
    public ImmutableArray<CustomerId> CustomerIds { get; }

    /// <summary>Each customer's value, in the order of <see cref="CustomerIds"/>.</summary>
    public ImmutableArray<Money> Values { get; }

    /// <summary>The currency of every value.</summary>
    public Currency Currency { get; }

    /// <summary>Where the values come from (for reports), e.g. a model's name and horizon, or <c>given</c>.</summary>
    public string Source { get; }

    /// <summary>The number of customers.</summary>
    public int Count => CustomerIds.Length;

    /// <summary>The sum of the values (zero for an empty table).</summary>
    public Money Total { get; }

    /// <summary>The mean value per customer (<see cref="Total"/> / <see cref="Count"/>, unrounded).</summary>
    /// <exception cref="InvalidOperationException">The table is empty.</exception>
    public Money Mean => Count > 0
        ? Total / Count
        : throw new InvalidOperationException($"The value table ({Source}) has no customers to take a mean of.");

    /// <summary>Creates a table from parallel columns.</summary>
    /// <param name="customerIds">The customers; each at most once.</param>
    /// <param name="values">Each customer's value, in <paramref name="currency"/>; as many as <paramref name="customerIds"/>.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="source">Where the values come from; not blank.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The columns differ in length, a customer appears twice or a value is in another currency (the message names the customer), or <paramref name="source"/> is blank.</exception>
    public static CustomerValueTable Create(IReadOnlyList<CustomerId> customerIds, IReadOnlyList<Money> values, Currency currency, string source)
    {
        Preconditions.CheckNotNull(customerIds);
        Preconditions.CheckNotNull(values);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Preconditions.CheckArgument(customerIds.Count == values.Count, nameof(values),
            $"There are {values.Count} values for {customerIds.Count} customers; give one value per customer.");
        var rowOf = new Dictionary<CustomerId, int>(customerIds.Count);
        for (int i = 0; i < customerIds.Count; i++)
        {
            var id = customerIds[i];
            Preconditions.CheckArgument(rowOf.TryAdd(id, i), nameof(customerIds), $"customer '{id}' appears twice in the value table.");
            Preconditions.CheckArgument(values[i].Currency == currency, nameof(values),
                $"customer '{id}': the value {values[i]} is in {values[i].Currency} but the table is in {currency}.");
        }
        return new CustomerValueTable([.. customerIds], [.. values], currency, source, rowOf);
    }

    /// <summary>Creates a table from a map of customer to value.</summary>
    /// <param name="values">Each customer's value, in <paramref name="currency"/>; rows follow the map's order.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="source">Where the values come from; not blank.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value is in another currency (the message names the customer), or <paramref name="source"/> is blank.</exception>
    public static CustomerValueTable Create(IReadOnlyDictionary<CustomerId, Money> values, Currency currency, string source)
    {
        Preconditions.CheckNotNull(values);
        return Create([.. values.Keys], [.. values.Values], currency, source);
    }

    /// <summary>The value of a customer, if the table has one.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="value">The value when the result is <see langword="true"/>.</param>
    /// <returns>Whether the table values the customer.</returns>
    public bool TryGetValue(CustomerId customerId, out Money value)
    {
        if (_rowOf.TryGetValue(customerId, out int row))
        {
            value = Values[row];
            return true;
        }
        value = default;
        return false;
    }
}
