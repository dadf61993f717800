using System.Collections.Immutable;
using ContactMetrics.Clv;

namespace ContactMetrics.Interop;

/// <summary>The per-customer columns of an RFM summary and its CLV forecast, named as in the rfm summary table (docs/data.md).</summary>
internal sealed record CustomerColumns(IReadOnlyList<(string Name, ImmutableArray<double> Values)> Numbers, string? Currency)
{
    public static CustomerColumns Of(RfmSummary summary, ClvForecast? forecast)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var numbers = new List<(string, ImmutableArray<double>)>
        {
            ("recency", summary.Recency),
            ("T", summary.Age),
            ("monetary_value", summary.MonetaryValue),
        };
        if (forecast is null)
        {
            return new CustomerColumns(numbers, null);
        }
        if (forecast.Values.Length != summary.Count)
        {
            throw new ArgumentException($"The forecast has {forecast.Values.Length} customers and the summary {summary.Count}: pass the forecast of this summary.", nameof(forecast));
        }
        numbers.Add(("p_alive", forecast.ProbabilityAlive));
        numbers.Add(("expected_purchases", forecast.ExpectedPurchases));
        numbers.Add(("expected_spend", forecast.ExpectedSpend));
        numbers.Add(("clv", forecast.Values.Select(v => (double)v.Amount).ToImmutableArray()));
        return new CustomerColumns(numbers, forecast.Values.IsEmpty ? summary.Currency.Code : forecast.Values[0].Currency.Code);
    }
}
