namespace ContactMetrics.Numerics;

/// <summary>Sums and transforms of quantities held as logarithms, without overflow or cancellation.</summary>
internal static class LogSpace
{
    /// <summary>ln(e^a + e^b), exact for infinities and never overflowing.</summary>
    internal static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }
        double max = Math.Max(a, b);
        return max + Math.Log(1.0 + Math.Exp(-Math.Abs(a - b)));
    }

    /// <summary>ln(sum of e^v) over the values; -infinity for none.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }
        if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max))
        {
            return max;
        }
        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>ln(1 + e^x) (the softplus), accurate for large |x|.</summary>
    internal static double Log1pExp(double x)
        => x > 0 ? x + Math.Log(1.0 + Math.Exp(-x)) : LogOnePlus(Math.Exp(x));

    /// <summary>1 / (1 + e^-x), accurate in both tails.</summary>
    internal static double Logistic(double x)
        => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    /// <summary>ln(1 + x) accurate for small x (|x| below 1e-4 loses no digits).</summary>
    internal static double LogOnePlus(double x)
    {
        // The compensated form (Goldberg 1991, "What every computer scientist should know about floating-point
        // arithmetic", theorem 4) because Math has no log1p.
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>e^x - 1 accurate for small x.</summary>
    internal static double ExpMinusOne(double x)
    {
        // Kahan's compensated form (Higham, "Accuracy and stability of numerical algorithms", 2nd ed., section 1.14.1).
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }
        double um1 = u - 1.0;
        return um1 == -1.0 || double.IsPositiveInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }
}
