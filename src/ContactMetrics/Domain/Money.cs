using System.Globalization;

namespace ContactMetrics.Domain;

/// <summary>
/// An amount of money in one currency. Arithmetic between different currencies throws
/// <see cref="CurrencyMismatchException"/>; nothing is ever converted implicitly.
/// </summary>
/// <remarks>
/// The amount is a <see cref="decimal"/>, so sums of prices are exact. Model outputs computed in
/// <see cref="double"/> enter through <see cref="FromDouble"/>, which rejects NaN and infinities.
/// The <see langword="default"/> value is zero in the "no currency" <c>XXX</c>.
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Creates an amount.</summary>
    /// <param name="amount">The amount, in major units (12.50 means twelve euros fifty).</param>
    /// <param name="currency">The currency.</param>
    public Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount in major units.</summary>
    public decimal Amount { get; }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>A zero amount.</returns>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Creates an amount from a floating-point value, such as a model's prediction.</summary>
    /// <param name="amount">The amount; must be finite and within the range of <see cref="decimal"/>.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is NaN, infinite or too large for a decimal.</exception>
    public static Money FromDouble(double amount, Currency currency)
    {
        if (!double.IsFinite(amount) || Math.Abs(amount) >= 7.9e28)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"An amount of money must be a finite number within the range of decimal; was {amount.ToString("R", CultureInfo.InvariantCulture)}.");
        }
        return new Money((decimal)amount, currency);
    }

    /// <summary>Creates an amount from an integer count of minor units (cents), as hot paths sum them.</summary>
    /// <param name="minorUnits">The amount in hundredths of the major unit.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    public static Money FromMinorUnits(long minorUnits, Currency currency) => new(minorUnits / 100m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right)
    {
        CheckSameCurrency(left, right);
        return new Money(left.Amount + right.Amount, left.Currency);
    }

    /// <summary>Subtracts two amounts of the same currency.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right)
    {
        CheckSameCurrency(left, right);
        return new Money(left.Amount - right.Amount, left.Currency);
    }

    /// <summary>Negates an amount.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The negated amount in the same currency.</returns>
    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    /// <summary>Scales an amount.</summary>
    /// <param name="value">The amount.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled amount in the same currency.</returns>
    public static Money operator *(Money value, decimal factor) => new(value.Amount * factor, value.Currency);

    /// <summary>Scales an amount.</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="value">The amount.</param>
    /// <returns>The scaled amount in the same currency.</returns>
    public static Money operator *(decimal factor, Money value) => new(value.Amount * factor, value.Currency);

    /// <summary>Divides an amount.</summary>
    /// <param name="value">The amount.</param>
    /// <param name="divisor">The divisor; must not be zero.</param>
    /// <returns>The quotient in the same currency.</returns>
    /// <exception cref="DivideByZeroException"><paramref name="divisor"/> is zero.</exception>
    public static Money operator /(Money value, decimal divisor) => new(value.Amount / divisor, value.Currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether <paramref name="left"/> is smaller or equal.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether <paramref name="left"/> is larger or equal.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Compares with another amount of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>Negative, zero or positive as this amount is smaller, equal or larger.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        CheckSameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>Sums amounts that share one currency.</summary>
    /// <param name="amounts">The amounts; none is allowed only with an explicit currency, see the other overload.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentException"><paramref name="amounts"/> is empty, so its currency is unknown.</exception>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        using var e = amounts.GetEnumerator();
        if (!e.MoveNext())
        {
            throw new ArgumentException("Cannot sum no amounts without a currency; use Sum(amounts, currency).", nameof(amounts));
        }
        var total = e.Current;
        while (e.MoveNext())
        {
            total += e.Current;
        }
        return total;
    }

    /// <summary>Sums amounts in the given currency; an empty sequence gives zero.</summary>
    /// <param name="amounts">The amounts.</param>
    /// <param name="currency">The currency every amount must have.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">An amount is in another currency.</exception>
    public static Money Sum(IEnumerable<Money> amounts, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero(currency);
        foreach (var amount in amounts)
        {
            total += amount;
        }
        return total;
    }

    /// <summary>Formats as <c>12.50 EUR</c>, culture-invariant.</summary>
    /// <returns>The amount and the currency code.</returns>
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";

    /// <summary>The amount to the cent with thousands grouped, as results print money: <c>10,043.21 EUR</c>.</summary>
    internal string ToText() => $"{Amount.ToString("N2", CultureInfo.InvariantCulture)} {Currency}";

    private static void CheckSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new CurrencyMismatchException(left.Currency, right.Currency);
        }
    }
}
