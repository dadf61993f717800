namespace ContactMetrics.Numerics;

/// <summary>
/// The logarithm of Gauss's hypergeometric function 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt;= z &lt; 1, where every
/// term of the series is positive, summed in log space with a rigorous bound on the tail.
/// </summary>
/// <remarks>
/// <para>term_0 = 1, term_{k+1} = term_k (a+k)(b+k) / ((c+k)(k+1)) z (Abramowitz &amp; Stegun 15.1.1). The terms are
/// accumulated as logarithms against a running shift, so terms that first grow (large a or b) cannot overflow.</para>
/// <para>Convergence check: for j &gt; k the term ratio is at most q_k = z max(1, (a+k)/(c+k)) max(1, (b+k)/(k+1)),
/// because (a+j)/(c+j) and (b+j)/(j+1) move monotonically towards 1; once q_k &lt; 1 the tail after term k is at most
/// term_k q_k / (1 - q_k). The sum is accepted when that bound is below 1e-16 of the sum. With positive terms there is no
/// cancellation, so the relative error is a few units of rounding per term, about 1e-13 for a million terms.</para>
/// </remarks>
internal static class GaussHypergeometric
{
    private static readonly double Rescale = Math.ScaleB(1.0, 600);
    private static readonly double Down = Math.ScaleB(1.0, -600);
    private static readonly double LogRescale = 600 * Math.Log(2);

    /// <summary>Sums the series; false when the term budget ran out before the convergence check passed.</summary>
    /// <remarks>
    /// The terms are multiplied out in linear space (one division per term, no logarithms); when the running sum passes
    /// 2^600 the sum and the current term are scaled down by 2^-600 (exact, a power of two) and the scale is kept as a
    /// logarithm, so growing terms cannot overflow.
    /// </remarks>
    internal static bool TryLogSeries(double a, double b, double c, double z, out double logValue, int maxTerms = 1_000_000)
    {
        logValue = 0;
        if (z == 0)
        {
            return true;
        }
        double term = 1, sum = 1, logScale = 0;
        bool converged = false;
        for (int k = 0; k < maxTerms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (sum > Rescale)
            {
                sum *= Down;
                term *= Down;
                logScale += LogRescale;
            }
            int next = k + 1;
            double q = z * Math.Max(1, (a + next) / (c + next)) * Math.Max(1, (b + next) / (next + 1));
            if (q < 1 && term * q < 1e-16 * sum * (1 - q))
            {
                converged = true;
                break;
            }
        }
        logValue = logScale + Math.Log(sum);
        return converged;
    }

    /// <summary>
    /// ln 2F1(a, b; a + 1; z) for a, b &gt; 0 and 0 &lt;= z &lt; 1: the series when it converges within the budget, otherwise
    /// Euler's integral a int_0^1 u^(a-1) (1 - z u)^(-b) du (Abramowitz &amp; Stegun 15.3.1) by tanh-sinh quadrature.
    /// </summary>
    /// <remarks>
    /// With v = u^a and w = 1 - v the integral is int_0^1 (1 - z (1 - w)^(1/a))^(-b) dw, whose integrand peaks at w = 0
    /// at (1 - z)^(-b); it is integrated after division by that peak (so it lies in (0, 1]) with
    /// 1 - z (1 - w)^(1/a) = (1 - z) - z expm1(ln(1 - w) / a) free of cancellation. The quadrature is used only when
    /// z is within about 4e-5 of 1; there its relative accuracy is about 1e-8 (tested against the series at the edge of
    /// the budget).
    /// </remarks>
    internal static double LogAdjacent(double a, double b, double z, int maxTerms = 200_000)
    {
        if (TryLogSeries(a, b, a + 1, z, out double log, maxTerms))
        {
            return log;
        }
        double oneMinusZ = 1 - z;
        double logPeak = Math.Log(oneMinusZ);
        double integral = MathNet.Numerics.Integrate.DoubleExponential(
            w => Math.Exp(-b * (Math.Log(oneMinusZ - z * LogSpace.ExpMinusOne(LogSpace.LogOnePlus(-w) / a)) - logPeak)), 0, 1, 1e-14);
        return -b * logPeak + Math.Log(integral);
    }

    /// <summary>
    /// ln 2F1(a, b; a + 1; z) as <see cref="LogAdjacent(double, double, double, int)"/>, and its partial derivatives with respect to a (which also
    /// moves c = a + 1), b and z, written to <paramref name="gradient"/> in that order.
    /// </summary>
    /// <remarks>
    /// <para>Series: term_k = a/(a+k) (b)_k/k! z^k (because (a)_k/(a+1)_k = a/(a+k)), so d ln term_k/da = k/(a(a+k)),
    /// d ln term_k/db = H_k = sum_{j&lt;k} 1/(b+j) and d term_k/dz = k term_k/z. The three weighted sums are carried in
    /// the same loop as the sum (all terms positive, so they share its power-of-two rescaling), and each derivative of
    /// the logarithm is its weighted sum over the sum. The loop stops when the tail bound of the plain sum and those of
    /// the weighted sums (term_j &lt;= term_k q^(j-k), H_j &lt;= H_k + (j-k)/(b+k)) are all below 1e-16 of their sums.</para>
    /// <para>Quadrature (z within about 4e-5 of 1): differentiating under Euler's integral in the form
    /// int_0^1 g(w)^(-b) dw, g = 1 - z u, u = (1 - w)^(1/a), gives d/db = -int g^-b ln g, d/dz = b int g^(-b-1) u and
    /// d/da = -b z / a^2 int g^(-b-1) u ln(1 - w), each divided by the integral itself (all integrated after division by the
    /// peak (1 - z)^(-b) as in <see cref="LogAdjacent(double, double, double, int)"/>).</para>
    /// </remarks>
    internal static double LogAdjacent(double a, double b, double z, Span<double> gradient, int maxTerms = 200_000)
    {
        if (z == 0)
        {
            // 2F1 = 1 + a b/(a+1) z + O(z^2).
            gradient[0] = 0;
            gradient[1] = 0;
            gradient[2] = a * b / (a + 1);
            return 0;
        }
        double term = 1, sum = 1, sumA = 0, sumB = 0, sumK = 0, harmonic = 0, logScale = 0;
        for (int k = 0; k < maxTerms; k++)
        {
            // term is term_k here; move to term_{k+1} with its weights.
            term *= (a + k) * (b + k) / ((a + 1 + k) * (k + 1)) * z;
            harmonic += 1 / (b + k);
            int next = k + 1;
            sum += term;
            sumA += term * next / (a * (a + next));
            sumB += term * harmonic;
            sumK += term * next;
            if (sum > Rescale)
            {
                sum *= Down;
                sumA *= Down;
                sumB *= Down;
                sumK *= Down;
                term *= Down;
                logScale += LogRescale;
            }
            // (a + next) / (a + 1 + next) is below 1 (or rounds to 1), so the bound of the series below reduces to z max(1, ...)
            // here; the plain sum's tail is tested first and the weighted sums' tails only once it passes (the same stopping term).
            double q = z * Math.Max(1, (b + next) / (next + 1));
            if (q < 1)
            {
                double geometric = q / (1 - q);
                double tail = term * geometric;
                if (!(tail < 1e-16 * sum))
                {
                    continue;
                }
                double tailA = tail / a;
                double tailB = term * (harmonic * geometric + geometric / ((b + next) * (1 - q)));
                double tailK = term * (next * geometric + geometric / (1 - q));
                if (tailA < 1e-16 * sumA && tailB < 1e-16 * sumB && tailK < 1e-16 * sumK)
                {
                    gradient[0] = sumA / sum;
                    gradient[1] = sumB / sum;
                    gradient[2] = sumK / (z * sum);
                    return logScale + Math.Log(sum);
                }
            }
        }
        double oneMinusZ = 1 - z;
        double logPeak = Math.Log(oneMinusZ);
        double U(double w) => Math.Exp(LogSpace.LogOnePlus(-w) / a);
        double G(double w) => oneMinusZ - z * LogSpace.ExpMinusOne(LogSpace.LogOnePlus(-w) / a);
        double H(double w) => Math.Exp(-b * (Math.Log(G(w)) - logPeak));
        double integral = MathNet.Numerics.Integrate.DoubleExponential(H, 0, 1, 1e-14);
        double dB = MathNet.Numerics.Integrate.DoubleExponential(w => H(w) * Math.Log(G(w)), 0, 1, 1e-12);
        double dZ = MathNet.Numerics.Integrate.DoubleExponential(w => H(w) * U(w) / G(w), 0, 1, 1e-12);
        double dA = MathNet.Numerics.Integrate.DoubleExponential(w => w >= 1 ? 0 : H(w) * U(w) * LogSpace.LogOnePlus(-w) / G(w), 0, 1, 1e-12);
        gradient[0] = -b * z / (a * a) * dA / integral;
        gradient[1] = -dB / integral;
        gradient[2] = b * dZ / integral;
        return -b * logPeak + Math.Log(integral);
    }
}
