using MathNet.Numerics.Distributions;

namespace ContactMetrics.Numerics;

/// <summary>Confidence intervals for a proportion (a rate such as FCR, service level, abandonment).</summary>
internal static class ProportionInterval
{
    private static ZCache _lastZ = new(0.95, Normal.InvCDF(0, 1, 0.975));
    /// <summary>
    /// The Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>.
    /// </summary>
    /// <param name="successes">The number of successes; between 0 and <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials; at least 1.</param>
    /// <param name="level">The confidence level, in (0, 1); 0.95 by default.</param>
    /// <returns>The interval, always within [0, 1].</returns>
    /// <remarks>
    /// Wilson (1927), "Probable inference, the law of succession, and statistical inference",
    /// JASA 22: centre (p + z²/2n) / (1 + z²/n), half-width z √(p(1-p)/n + z²/4n²) / (1 + z²/n).
    /// Unlike the Wald interval it never leaves [0, 1] and keeps close to nominal coverage for small
    /// n and rates near 0 or 1 (Brown, Cai &amp; DasGupta 2001, Statistical Science 16(2)).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A count or the level is out of range.</exception>
    public static ConfidenceInterval Wilson(long successes, long trials, double level = 0.95)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, $"A proportion needs at least 1 trial; was {trials}.");
        }
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must be in [0, {trials}]; was {successes}.");
        }
        Preconditions.CheckInRange(level, double.Epsilon, 1 - 1e-12, nameof(level));
        double z = ZScore(level);
        double n = trials;
        double p = successes / n;
        double z2n = z * z / n;
        double denominator = 1 + z2n;
        double centre = (p + z2n / 2) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2n / (4 * n)) / denominator;
        // At p = 0 or 1 the bound is exactly 0 or 1 in exact arithmetic; keep it so.
        double lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        double upper = successes == trials ? 1 : Math.Min(1, centre + half);
        return new ConfidenceInterval(lower, upper, level, "wilson");
    }

    /// <summary>The two-sided normal quantile for a level; the last one is cached, as rollups ask for thousands of intervals at one level.</summary>
    /// <summary>
    /// The difference k1/n1 - k2/n2 of two independent proportions with its normal (Wald) 95% interval,
    /// d +- z sqrt(p1(1 - p1)/n1 + p2(1 - p2)/n2), clipped to [-1, 1].
    /// </summary>
    /// <returns>The difference and its interval.</returns>
    internal static (double Difference, ConfidenceInterval Interval) Difference(long k1, long n1, long k2, long n2)
    {
        double p1 = (double)k1 / n1, p2 = (double)k2 / n2;
        double se = Math.Sqrt((p1 * (1 - p1) / n1) + (p2 * (1 - p2) / n2));
        double z = Normal.InvCDF(0, 1, 0.975);
        double d = p1 - p2;
        return (d, new ConfidenceInterval(Math.Max(-1, d - (z * se)), Math.Min(1, d + (z * se)), 0.95, "normal (difference of proportions)"));
    }

    internal static double ZScore(double level)
    {
        var cached = _lastZ;
        if (cached.Level == level)
        {
            return cached.Z;
        }
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        _lastZ = new ZCache(level, z);
        return z;
    }

    private sealed record ZCache(double Level, double Z);
}
