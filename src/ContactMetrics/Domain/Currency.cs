namespace ContactMetrics.Domain;

/// <summary>
/// An ISO 4217 currency, identified by its three-letter upper-case code (EUR, USD, GBP, ...).
/// </summary>
/// <remarks>
/// The library does not convert between currencies; it only keeps them apart. The
/// <see langword="default"/> value is <c>XXX</c>, the ISO code for "no currency", which never
/// equals a real currency.
/// </remarks>
public readonly record struct Currency
{
    private readonly string? _code;

    private Currency(string code) => _code = code;

    /// <summary>The euro.</summary>
    public static Currency Eur { get; } = new("EUR");

    /// <summary>The US dollar.</summary>
    public static Currency Usd { get; } = new("USD");

    /// <summary>The pound sterling.</summary>
    public static Currency Gbp { get; } = new("GBP");

    /// <summary>The ISO 4217 code, e.g. <c>EUR</c>; <c>XXX</c> for <see langword="default"/>.</summary>
    public string Code => _code ?? "XXX";

    /// <summary>Returns the currency with the given ISO 4217 code.</summary>
    /// <param name="code">Three ASCII letters; lower case is accepted and upper-cased.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not three ASCII letters.</exception>
    public static Currency Of(string code)
    {
        if (!TryParse(code, out var currency))
        {
            throw new ArgumentException($"A currency code must be three letters (ISO 4217, e.g. EUR); was '{code}'.", nameof(code));
        }
        return currency;
    }

    /// <summary>Parses an ISO 4217 code without throwing.</summary>
    /// <param name="code">The text to parse; surrounding white space is not allowed.</param>
    /// <param name="currency">The currency when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="code"/> is three ASCII letters.</returns>
    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (code is null || code.Length != 3)
        {
            return false;
        }
        Span<char> upper = stackalloc char[3];
        for (int i = 0; i < 3; i++)
        {
            char c = code[i];
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
            upper[i] = char.ToUpperInvariant(c);
        }
        currency = upper.SequenceEqual("EUR") ? Eur : upper.SequenceEqual("USD") ? Usd : new Currency(new string(upper));
        return true;
    }

    /// <summary>Returns the ISO code.</summary>
    /// <returns>The ISO code.</returns>
    public override string ToString() => Code;

    /// <inheritdoc />
    public bool Equals(Currency other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);
}
