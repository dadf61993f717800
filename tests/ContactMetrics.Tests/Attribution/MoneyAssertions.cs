using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Attribution;

/// <summary>Attribution values are <see cref="Money"/>; the tests compare their amounts with the doubles they always had.</summary>
internal static class MoneyAssertions
{
    /// <summary>The amount as a double, for tolerance assertions.</summary>
    public static double AsDouble(this Money money) => (double)money.Amount;
}
