using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.Valuation;

/// <summary>Culture-invariant number formats for formulas with their numbers substituted.</summary>
internal static class ValuationFormat
{
    internal static string Number(double value) => Math.Abs(value) >= 1000
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    internal static string Amount(double value, Currency currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:#,0.00} {currency}");

    /// <summary>Money from a computed double, rounded to cents.</summary>
    internal static Money Money(double value, Currency currency) => Domain.Money.FromDouble(Math.Round(value, 2, MidpointRounding.ToEven), currency);
}
