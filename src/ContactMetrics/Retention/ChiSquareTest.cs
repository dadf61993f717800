using MathNet.Numerics;

namespace ContactMetrics.Retention;

/// <summary>A chi-square test statistic with its degrees of freedom and upper-tail p-value.</summary>
/// <param name="Statistic">The statistic; at least 0.</param>
/// <param name="DegreesOfFreedom">The degrees of freedom; 0 when there is nothing to test (then the p-value is 1).</param>
/// <param name="PValue">P(chi-square with that many degrees of freedom &gt;= statistic).</param>
public sealed record ChiSquareTest(double Statistic, int DegreesOfFreedom, double PValue)
{
    /// <summary>The test for a statistic, with the upper tail computed as the regularized upper incomplete gamma Q(df / 2, x / 2) (accurate for tiny p-values).</summary>
    internal static ChiSquareTest Of(double statistic, int degreesOfFreedom)
    {
        double x = Math.Max(0, statistic);
        double p = degreesOfFreedom <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2);
        return new ChiSquareTest(x, Math.Max(0, degreesOfFreedom), p);
    }

    /// <summary>The test in words, e.g. <c>chi-square 21.96 on 3 df, p 6.6e-05</c> (the p-value to three significant digits).</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"chi-square {Statistic:F2} on {DegreesOfFreedom} df, p {Numerics.ResultText.PValue(PValue)}");
}
