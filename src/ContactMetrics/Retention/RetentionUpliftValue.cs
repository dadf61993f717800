using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Tables;

namespace ContactMetrics.Retention;

/// <summary>
/// The money value of a retention uplift: customers kept = uplift x customers affected, value = customers kept x value
/// per customer, with the uplift's interval carried through (the value per customer and the customers affected are
/// taken as given, so the interval reflects the uplift's sampling uncertainty only).
/// </summary>
/// <param name="Uplift">The retention difference (a fraction).</param>
/// <param name="UpliftInterval">Its confidence interval.</param>
/// <param name="CustomersAffected">How many customers the uplift applies to (e.g. the exposed group, or a number the caller gives).</param>
/// <param name="CustomersKept">Uplift x customers affected.</param>
/// <param name="CustomersKeptInterval">The uplift interval x customers affected.</param>
/// <param name="ValuePerCustomer">The value of one kept customer.</param>
/// <param name="ValueSource">Where the value per customer comes from, e.g. <c>given</c> or the model's name.</param>
/// <param name="Value">Customers kept x value per customer.</param>
/// <param name="Low">The value at the lower end of the uplift interval.</param>
/// <param name="High">The value at the upper end of the uplift interval.</param>
/// <param name="Formula">The computation in words and numbers.</param>
public sealed record RetentionUpliftValue(
    double Uplift,
    ConfidenceInterval UpliftInterval,
    double CustomersAffected,
    double CustomersKept,
    ConfidenceInterval CustomersKeptInterval,
    Money ValuePerCustomer,
    string ValueSource,
    Money Value,
    Money Low,
    Money High,
    string Formula)
{
    /// <summary>The value in words: <see cref="Formula"/>, the computation with its numbers.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Formula;

    /// <summary>Values an uplift with a given value per customer.</summary>
    /// <param name="difference">The retention difference and its interval.</param>
    /// <param name="customersAffected">The customers the uplift applies to; finite and at least 0.</param>
    /// <param name="valuePerCustomer">The value of one kept customer.</param>
    /// <param name="valueSource">Where the value comes from, e.g. <c>given</c> or <c>mean CLV (assumed)</c>; not blank.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="difference"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="valueSource"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customersAffected"/> is negative or not finite.</exception>
    public static RetentionUpliftValue Of(RetentionDifference difference, double customersAffected, Money valuePerCustomer, string valueSource)
    {
        Preconditions.CheckNotNull(difference);
        Preconditions.CheckNonNegative(customersAffected);
        ArgumentException.ThrowIfNullOrWhiteSpace(valueSource);
        var u = difference.Interval;
        double kept = difference.Difference * customersAffected;
        var keptInterval = new ConfidenceInterval(u.Lower * customersAffected, u.Upper * customersAffected, u.Level, u.Method);
        var value = Times(valuePerCustomer, kept);
        var low = Times(valuePerCustomer, keptInterval.Lower);
        var high = Times(valuePerCustomer, keptInterval.Upper);
        string formula = string.Create(CultureInfo.InvariantCulture,
            $"customers kept = uplift {difference.Difference:F4} x {customersAffected:G} customers affected = {kept:F1} [{keptInterval.Lower:F1}, {keptInterval.Upper:F1}]; value = customers kept x {valuePerCustomer} per customer ({valueSource}) = {value} [{low}, {high}]");
        return new RetentionUpliftValue(difference.Difference, u, customersAffected, kept, keptInterval, valuePerCustomer, valueSource, value, low, high, formula);
    }

    /// <summary>Values the uplift of a comparison, applied to the customers of its exposed group.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="valuePerCustomer">The value of one kept customer.</param>
    /// <param name="valueSource">Where the value comes from, e.g. <c>given</c> or <c>mean CLV (assumed)</c>; not blank.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="valueSource"/> is blank.</exception>
    public static RetentionUpliftValue Of(RetentionComparison comparison, Money valuePerCustomer, string valueSource)
    {
        Preconditions.CheckNotNull(comparison);
        return Of(comparison.Difference, comparison.Exposed.Customers, valuePerCustomer, valueSource);
    }

    /// <summary>Values an uplift at the mean value of a customer-value table (e.g. a CLV model's values).</summary>
    /// <param name="difference">The retention difference and its interval.</param>
    /// <param name="customersAffected">The customers the uplift applies to.</param>
    /// <param name="values">The values whose mean is the value per customer (e.g. of the customers affected).</param>
    /// <returns>The value, with <see cref="ValueSource"/> naming the table's source.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table has no customers.</exception>
    public static RetentionUpliftValue Of(RetentionDifference difference, double customersAffected, CustomerValueTable values)
    {
        Preconditions.CheckNotNull(values);
        Preconditions.CheckArgument(values.Count > 0, nameof(values), "The value table has no customers to take a mean value of.");
        return Of(difference, customersAffected, values.Mean, $"mean of {values.Source} over {values.Count} customers");
    }

    private static Money Times(Money perCustomer, double customers) =>
        new(Math.Round(perCustomer.Amount * (decimal)customers, 2, MidpointRounding.ToEven), perCustomer.Currency);
}
