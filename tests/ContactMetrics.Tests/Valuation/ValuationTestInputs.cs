using ContactMetrics.Domain;
using ContactMetrics.Valuation;

namespace ContactMetrics.Tests.Valuation;

/// <summary>Inputs with round numbers, so every expected value can be computed by hand in a comment.</summary>
internal static class ValuationTestInputs
{
    public static readonly Currency Eur = Currency.Eur;

    public static UncertainInput Count(string name, double point, double? low = null, double? high = null) =>
        UncertainInput.Assumed(name, "a year", point, low ?? point, high ?? point, "test value", minimum: 0);

    public static UncertainInput Share(string name, double point, double? low = null, double? high = null) =>
        UncertainInput.AssumedShare(name, point, low ?? point, high ?? point, "test value");

    public static UncertainInput Euros(string name, decimal point, decimal? low = null, decimal? high = null) =>
        UncertainInput.AssumedMoney(name, "each", new Money(point, Eur), new Money(low ?? point, Eur), new Money(high ?? point, Eur), "test value");
}
