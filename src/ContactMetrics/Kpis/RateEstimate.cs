using ContactMetrics.Numerics;

namespace ContactMetrics.Kpis;

/// <summary>
/// A KPI that is a rate: numerator over denominator, with a Wilson interval and the definition
/// that produced it (vendors disagree, so every result says which formula it used).
/// </summary>
/// <remarks>
/// <see cref="Estimate"/> is the library's one shape for an estimate (point, interval, level, method, n), the same
/// as on every other result; <see cref="Value"/> and <see cref="Interval"/> are its point and interval.
/// </remarks>
public sealed record RateEstimate
{
    /// <summary>Creates a rate from its counts.</summary>
    /// <param name="numerator">The count in the numerator; between 0 and <paramref name="denominator"/>.</param>
    /// <param name="denominator">The count in the denominator; at least 0.</param>
    /// <param name="definition">The definition that produced it, in words, e.g. "answered within 20 s / answered".</param>
    /// <param name="level">The confidence level of <see cref="Interval"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the numerator exceeds the denominator.</exception>
    public RateEstimate(long numerator, long denominator, string definition, double level = 0.95)
    {
        if (denominator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, $"A denominator must be at least 0; was {denominator}.");
        }
        if (numerator < 0 || numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, $"A numerator must be in [0, {denominator}] (the denominator); was {numerator}.");
        }
        Numerator = numerator;
        Denominator = denominator;
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        if (denominator > 0)
        {
            Value = (double)numerator / denominator;
            Interval = ProportionInterval.Wilson(numerator, denominator, level);
        }
        Estimate = new Estimate(Value, Interval, denominator, "wilson");
    }

    /// <summary>The rate as an estimate: point, Wilson interval, level, method and n (the denominator).</summary>
    public Estimate Estimate { get; }

    /// <summary>The rate in [0, 1]; <see langword="null"/> when the denominator is 0 (nothing to measure).</summary>
    public double? Value { get; }

    /// <summary>The count in the numerator.</summary>
    public long Numerator { get; }

    /// <summary>The count the rate rests on.</summary>
    public long Denominator { get; }

    /// <summary>The Wilson interval; <see langword="null"/> when the denominator is 0.</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>The definition that produced the rate, in words.</summary>
    public string Definition { get; }

    /// <summary>The rate in words, e.g. <c>84.9% [82.6%, 87.0%] = 849/1,000 (resolved with no repeat within 7 days / contacts)</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => $"{ResultText.Percent(Value)} {ResultText.Interval(Interval, ResultText.Percent)} = {ResultText.Count(Numerator)}/{ResultText.Count(Denominator)} ({Definition})";
}
