namespace ContactMetrics.Simulation;

/// <summary>
/// The planted Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
/// curves for customer base analysis", Journal of Marketing Research 42(4), 415-430, section on
/// the spend sub-model; Colombo and Jiang 1999). Unit: <see cref="SimulationOptions.Currency"/>.
/// </summary>
/// <remarks>
/// Each purchase amount is z ~ Gamma(shape <see cref="P"/>, rate nu), with nu ~ Gamma(shape
/// <see cref="Q"/>, rate <see cref="Gamma"/>) per customer, independent of the purchase process.
/// A customer's mean spend is p / nu; across customers E[p / nu] = p gamma / (q - 1) for q &gt; 1.
/// Amounts are rounded to cents (at least 0.01). The defaults are close to the paper's CDNOW
/// estimates (p = 6.25, q = 3.74, gamma = 15.44), which give a mean spend of about 35.2.
/// </remarks>
public sealed record SpendOptions
{
    /// <summary>Shape p of the gamma distribution of one purchase's amount; greater than 0. Default 6.25.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double P { get; init => field = Preconditions.CheckPositive(value, nameof(P)); } = 6.25;

    /// <summary>Shape q of the gamma distribution of the customers' rates nu; greater than 0. Default 3.74.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double Q { get; init => field = Preconditions.CheckPositive(value, nameof(Q)); } = 3.74;

    /// <summary>Rate gamma of the gamma distribution of the customers' rates nu, in currency units; greater than 0. Default 15.44.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double Gamma { get; init => field = Preconditions.CheckPositive(value, nameof(Gamma)); } = 15.44;

    /// <summary>The expected amount of a purchase across customers, p gamma / (q - 1); infinite when q &lt;= 1.</summary>
    public double MeanAmount => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;
}
