using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>When the first margin of a customer is received, for <see cref="RetentionClv"/>.</summary>
public enum FirstMarginTiming
{
    /// <summary>
    /// The first margin is received now (at acquisition, undiscounted); the margin of period t (t = 0, 1, ...) is received
    /// with probability r^t and discounted by (1 + d)^-t.
    /// </summary>
    Now,

    /// <summary>
    /// Margins are received at the end of each period the customer is retained: period t (t = 1, 2, ...) with probability
    /// r^t, discounted by (1 + d)^-t. The value of an existing customer whose next margin depends on renewing.
    /// </summary>
    EndOfFirstPeriod,
}

/// <summary>
/// The textbook customer lifetime value with a constant margin m per period, a constant retention rate r and a discount
/// rate d per period (Gupta &amp; Lehmann 2003, "Customers as assets", Journal of Interactive Marketing 17(1), 9-24:
/// CLV = m r / (1 + d - r) for an infinite horizon with margins at the end of each period; Berger &amp; Nasr 1998,
/// "Customer lifetime value: marketing models and applications", Journal of Interactive Marketing 12(1), 17-30).
/// </summary>
/// <remarks>
/// Infinite horizon: m (1 + d) / (1 + d - r) when the first margin is received now (<see cref="FirstMarginTiming.Now"/>),
/// m r / (1 + d - r) when it is received at the end of the first period if the customer is retained
/// (<see cref="FirstMarginTiming.EndOfFirstPeriod"/>); the two differ by exactly one undiscounted margin. Over N periods
/// the geometric sums are truncated: m (1 - q^N) / (1 - q) and m q (1 - q^N) / (1 - q) with q = r / (1 + d). Everything
/// is constant, so every customer is worth the same; the sBG (<see cref="ShiftedBetaGeometricModel"/>) shows how much
/// a constant retention rate understates the value of a heterogeneous base (Fader &amp; Hardie 2010).
/// </remarks>
public static class RetentionClv
{
    /// <summary>The customer lifetime value over an infinite horizon (see the remarks for the formulas).</summary>
    /// <param name="margin">The margin per period; finite (any currency).</param>
    /// <param name="retentionRate">The probability that a customer stays another period, in [0, 1].</param>
    /// <param name="discountRate">The discount rate per period; at least 0.</param>
    /// <param name="timing">When the first margin is received.</param>
    /// <returns>The value; infinite (with the margin's sign) when r = 1 and d = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double Value(double margin, double retentionRate, double discountRate, FirstMarginTiming timing)
    {
        double q = Ratio(margin, retentionRate, discountRate, timing);
        if (q == 1)
        {
            return margin == 0 ? 0 : margin * double.PositiveInfinity;
        }
        // sum_{t >= 0} q^t = 1 / (1 - q) = (1 + d) / (1 + d - r).
        double first = timing == FirstMarginTiming.Now ? margin : margin * q;
        return first / (1 - q);
    }

    /// <summary>The customer lifetime value over a finite number of periods (see the remarks for the formulas).</summary>
    /// <param name="margin">The margin per period; finite (any currency).</param>
    /// <param name="retentionRate">The probability that a customer stays another period, in [0, 1].</param>
    /// <param name="discountRate">The discount rate per period; at least 0.</param>
    /// <param name="timing">When the first margin is received.</param>
    /// <param name="periods">The number of margins counted, N; at least 1 (periods 0..N-1 with <see cref="FirstMarginTiming.Now"/>, 1..N otherwise).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double Value(double margin, double retentionRate, double discountRate, FirstMarginTiming timing, int periods)
    {
        double q = Ratio(margin, retentionRate, discountRate, timing);
        Preconditions.CheckPositive(periods);
        // (1 - q^N) / (1 - q), written so that q near 1 (and q = 1) loses nothing.
        double sum = q == 1 ? periods : -LogSpace.ExpMinusOne(periods * Math.Log(q)) / (1 - q);
        double first = timing == FirstMarginTiming.Now ? margin : margin * q;
        return first * sum;
    }

    private static double Ratio(double margin, double retentionRate, double discountRate, FirstMarginTiming timing)
    {
        Preconditions.CheckFinite(margin);
        Preconditions.CheckInRange(retentionRate, 0, 1);
        Preconditions.CheckNonNegative(discountRate);
        if (timing is not (FirstMarginTiming.Now or FirstMarginTiming.EndOfFirstPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(timing), timing, "Timing must be Now or EndOfFirstPeriod.");
        }
        return retentionRate / (1 + discountRate);
    }
}
