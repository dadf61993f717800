using System.Runtime.Intrinsics;

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
    /// ln 2F1(a, b; a + 1; z) for a, b &gt; 0 and 0 &lt;= z &lt; 1: a series when it converges within the budget, otherwise
    /// Euler's integral a int_0^1 u^(a-1) (1 - z u)^(-b) du (Abramowitz &amp; Stegun 15.3.1) by tanh-sinh quadrature.
    /// </summary>
    /// <remarks>
    /// <para>For b &lt; a + 1 (both of the Pareto/NBD's uses), Euler's transformation 2F1(a, b; c; z) = (1-z)^(c-a-b)
    /// 2F1(c-a, c-b; c; z) (Abramowitz &amp; Stegun 15.3.3) with c = a + 1 gives 2F1(a, b; a+1; z) = (1-z)^(1-b)
    /// 2F1(1, a+1-b; a+1; z), whose terms u_0 = 1, u_{k+1} = u_k (a+1-b+k)/(a+1+k) z are positive and fall by at least z a
    /// term (<see cref="TryLogEuler"/>): the tail after u_n is at most u_n z/(1-z), and the sum, at most 1/(1-z), cannot
    /// overflow. For b &gt; 1 it takes fewer terms than the series of 2F1(a, b; a+1; z) itself, whose ratios approach z from
    /// above; for b &lt; 1 more (u_k falls as k^(-b) z^k, that series' terms as k^(b-2) z^k: 35,958 against 23,995 terms at
    /// a = 1.2, b = 0.2, z = 0.999, counted with both stopping rules). For b &gt;= a + 1, that series (<see cref="TryLogSeries"/>).</para>
    /// <para>With v = u^a and w = 1 - v the integral is int_0^1 (1 - z (1 - w)^(1/a))^(-b) dw, whose integrand peaks at w = 0
    /// at (1 - z)^(-b); it is integrated after division by that peak (so it lies in (0, 1]) with
    /// 1 - z (1 - w)^(1/a) = (1 - z) - z expm1(ln(1 - w) / a) free of cancellation. The quadrature is used only when
    /// z is within about 4e-5 of 1; there its relative accuracy is about 1e-8 (tested against the series at the edge of
    /// the budget).</para>
    /// </remarks>
    internal static double LogAdjacent(double a, double b, double z, int maxTerms = 200_000)
    {
        double shifted = a + 1 - b;
        if (shifted > 0)
        {
            if (TryLogEuler(shifted, a + 1, z, maxTerms, out double logSum))
            {
                return (1 - b) * LogSpace.LogOnePlus(-z) + logSum;
            }
        }
        else if (TryLogSeries(a, b, a + 1, z, out double log, maxTerms))
        {
            return log;
        }
        return LogAdjacentByQuadrature(a, b, z);
    }

    /// <summary>
    /// ln of 2F1(1, shifted; c; z) = sum_k u_k, u_0 = 1, u_{k+1} = u_k (shifted+k)/(c+k) z, for 0 &lt; shifted &lt; c and
    /// 0 &lt;= z &lt; 1; false when the budget ran out. The ratio is formed as in <see cref="TryLogAdjacentEuler"/>, so that both
    /// sum the same terms to the last bit.
    /// </summary>
    private static bool TryLogEuler(double shifted, double c, double z, int maxTerms, out double logSum)
    {
        // Each ratio is below z, so the tail after the term just added is at most term z/(1-z); the sum is accepted when that
        // is below 1e-16 of the sum, under one unit in its last place (half a unit is 2^-54 to 2^-53 of it, so a later term
        // could still round it up by one unit: an error of that size, and the gradient loop stops its value at the same term).
        double geometric = z / (1 - z);
        double term = 1, sum = 1;
        for (int k = 0; k < maxTerms; k++)
        {
            term *= (shifted + k) / (c + k) * z;
            sum += term;
            if (!(term * geometric >= 1e-16 * sum))
            {
                logSum = Math.Log(sum);
                return true;
            }
        }
        logSum = double.NaN;
        return false;
    }

    private static double LogAdjacentByQuadrature(double a, double b, double z)
    {
        double oneMinusZ = 1 - z;
        double logPeak = Math.Log(oneMinusZ);
        double integral = MathNet.Numerics.Integrate.DoubleExponential(
            w => Math.Exp(-b * (Math.Log(oneMinusZ - z * LogSpace.ExpMinusOne(LogSpace.LogOnePlus(-w) / a)) - logPeak)), 0, 1, 1e-14);
        return -b * logPeak + Math.Log(integral);
    }

    /// <summary>
    /// ln 2F1(a, b; a + 1; z) as <see cref="LogAdjacent(double, double, double, int)"/>, and its partial derivatives with respect to
    /// a (which also moves c = a + 1), b and z, written to <paramref name="gradient"/> in that order.
    /// </summary>
    /// <remarks>
    /// <para>For b &lt; a + 1 from Euler's transformation, as the value (<see cref="TryLogAdjacentEuler"/>); otherwise from the
    /// series of 2F1(a, b; a+1; z) itself (<see cref="TryLogAdjacentSeries"/>); both with their derivatives carried in the
    /// loop that sums them.</para>
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
        double shifted = a + 1 - b;
        double value;
        if (shifted > 0 ? TryLogAdjacentEuler(a, b, z, gradient, maxTerms, out value) : TryLogAdjacentSeries(a, b, z, gradient, maxTerms, out value))
        {
            return value;
        }
        double byQuadrature = LogAdjacentByQuadrature(a, b, z, gradient);
        // Euler's sum can settle within the budget where its derivatives' sums do not (a band of z near 1 - 1.7e-4 for
        // a = 1.16, b = 0.55): its value is then the value-only form's, which the quadrature's misses in the last digits.
        return double.IsNaN(value) ? byQuadrature : value;
    }

    /// <summary>
    /// The quadrature of <see cref="LogAdjacent(double, double, double, Span{double}, int)"/>, in a method of its own so that
    /// the closure its integrands capture is allocated only when it runs (not on every call that the series settles).
    /// </summary>
    private static double LogAdjacentByQuadrature(double a, double b, double z, Span<double> gradient)
    {
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

    /// <summary>
    /// ln 2F1(a, b; a+1; z) and its gradient in (a, b, z) from Euler's transformation, for 0 &lt; b &lt; a + 1 and
    /// 0 &lt; z &lt; 1; false when the budget ran out, <paramref name="value"/> then being the value alone when its sum
    /// settled within the budget (as <see cref="TryLogEuler"/>'s), NaN otherwise.
    /// </summary>
    /// <remarks>
    /// <para>With A = a+1-b, C = a+1 and S = sum_k u_k (u_0 = 1, u_{k+1} = u_k (A+k)/(C+k) z), ln 2F1 = (1-b) ln(1-z) + ln S
    /// (Abramowitz &amp; Stegun 15.3.3). Each derivative is a sum of positive terms, bar one difference:</para>
    /// <para>d/da moves A and C together, and d ln u_k/dA - d ln u_k/dC = sum_{j&lt;k} (1/(A+j) - 1/(C+j)) = g_k with
    /// g_k = sum_{j&lt;k} b/((A+j)(C+j)): d ln 2F1/da = sum u_k g_k / S, positive terms.</para>
    /// <para>d/dz from the incomplete beta function: z^a 2F1(a, b; a+1; z) = a int_0^z t^(a-1) (1-t)^(-b) dt
    /// (A&amp;S 6.6.8 and 26.5.23), so d ln 2F1/dz = (a/z) ((1-z)^(-b) / 2F1 - 1) = (a/z) (1 - (1-z) S) / ((1-z) S); and
    /// (1-z) S = 1 + sum_{k&gt;=1} (u_k - z u_{k-1}) = 1 - z b sum_{k&gt;=0} u_k/(C+k), because u_k - z u_{k-1} =
    /// -z u_{k-1} b/(C+k-1). Hence d ln 2F1/dz = a b W / ((1-z) S) with W = sum u_k/(C+k), positive terms.</para>
    /// <para>d/db moves A only: d ln 2F1/db = -ln(1-z) - sum u_k h_k / S, h_k = sum_{j&lt;k} 1/(A+j). This one is a
    /// difference; for small z it is a z/(a+1) against -ln(1-z) = z, so it loses about log10((a+1)/a) digits (one digit at
    /// a = 0.1); as z approaches 1 with b &lt; 1 the derivative tends to a finite value while -ln(1-z) grows, a further digit
    /// or two at z = 1 - 4e-5 (the tests compare it with the direct series over a grid of a, b and z).</para>
    /// <para>Two divisions a term, neither on the chain from one term to the next: the ratio (A+k)/(C+k) z, and
    /// 1/((A+k)(C+k)), of which 1/(A+k) is (C+k) times, 1/(C+k) is (A+k) times and g's step b times. The value is the sum at the term where <see cref="TryLogEuler"/>
    /// stops (the same terms, so the same value to the last bit); the loop goes on until the weighted sums' tails are also
    /// below 1e-16 of them: with every ratio
    /// below z and G = z/(1-z), after u_n the tail of sum u_j g_j is at most u_n (g_n G + g's step G/(1-z)), as
    /// g_j &lt;= g_n + (j-n) times a step that only falls; likewise for h; and sum_{j&gt;=n} u_j/(C+j) is at most
    /// u_n/(C+n-1)/(1-z).</para>
    /// </remarks>
    private static bool TryLogAdjacentEuler(double a, double b, double z, Span<double> gradient, int maxTerms, out double value)
    {
        double shifted = a + 1 - b, c = a + 1;
        double oneMinusZ = 1 - z;
        double geometric = z / oneMinusZ;
        double term = 1, sum = 1, sumG = 0, sumH = 0, sumW = 0, g = 0, h = 0, valueSum = 0;
        for (int k = 0; k < maxTerms; k++)
        {
            // term is u_k here; move to u_{k+1} with its weights g_{k+1} and h_{k+1}.
            double ak = shifted + k, ck = c + k;
            double inverse = 1 / (ak * ck);
            sumW += term * (ak * inverse);
            g += b * inverse;
            h += ck * inverse;
            term *= ak / ck * z;
            sum += term;
            sumG += term * g;
            sumH += term * h;
            if (term * geometric >= 1e-16 * sum)
            {
                continue;
            }
            if (valueSum == 0)
            {
                // The sum at which the value-only loop stops: a later term, below 1e-16 of it, could still round it up by one unit
                // in the last place when it lies near the top of its binade, and the value must be the value-only one to the bit.
                valueSum = sum;
            }
            double tail = term * geometric;
            double steps = geometric / oneMinusZ;
            double tailG = tail * g + term * (b * inverse) * steps;
            double tailH = tail * h + term * (ck * inverse) * steps;
            double tailW = term * (ak * inverse) / oneMinusZ;
            if (tailG <= 1e-16 * sumG && tailH <= 1e-16 * sumH && tailW <= 1e-16 * sumW)
            {
                double logOneMinusZ = LogSpace.LogOnePlus(-z);
                gradient[0] = sumG / sum;
                gradient[1] = -logOneMinusZ - sumH / sum;
                gradient[2] = a * b * sumW / (oneMinusZ * sum);
                value = (1 - b) * logOneMinusZ + Math.Log(valueSum);
                return true;
            }
        }
        value = valueSum == 0 ? double.NaN : (1 - b) * LogSpace.LogOnePlus(-z) + Math.Log(valueSum);
        return false;
    }

    /// <summary>
    /// <see cref="LogAdjacent(double, double, double, Span{double}, int)"/> of four (a, b, z) at once, for 0 &lt; z &lt; 1 and
    /// b &lt; a + 1 in every lane: <see cref="TryLogAdjacentEuler"/>'s operations in the same order on the lanes of
    /// <see cref="Vector256{T}"/> (IEEE operations lane by lane, so each lane's value and gradient are the scalar ones to
    /// the last bit), each lane's results kept from the term where it stops, the loop running until all four have stopped.
    /// A lane that runs out of terms is handed to the scalar form (and its quadrature).
    /// </summary>
    /// <param name="a">The four a.</param>
    /// <param name="b">The four b.</param>
    /// <param name="z">The four z.</param>
    /// <param name="logOneMinusZ">ln(1 - z) of each lane, as <see cref="LogSpace.LogOnePlus"/> gives it.</param>
    /// <param name="values">Receives the four ln 2F1.</param>
    /// <param name="gradients">Receives each lane's three derivatives: lane i at 3i, 3i+1, 3i+2.</param>
    /// <param name="maxTerms">The term budget, as the scalar form's.</param>
    internal static void LogAdjacentFour(Vector256<double> a, Vector256<double> b, Vector256<double> z, Vector256<double> logOneMinusZ,
        Span<double> values, Span<double> gradients, int maxTerms = 200_000)
    {
        var one = Vector256<double>.One;
        var tiny = Vector256.Create(1e-16);
        var shifted = a + one - b;
        var c = a + one;
        var oneMinusZ = one - z;
        var geometric = z / oneMinusZ;
        Vector256<double> term = one, sum = one, sumG = default, sumH = default, sumW = default, g = default, h = default, valueSum = default;
        Vector256<double> endSum = default, endG = default, endH = default, endW = default, plainPassed = default, stopped = default;
        var k = Vector256<double>.Zero;
        int terms = 0;
        for (; terms < maxTerms; terms++)
        {
            var ak = shifted + k;
            var ck = c + k;
            var inverse = one / (ak * ck);
            sumW += term * (ak * inverse);
            g += b * inverse;
            h += ck * inverse;
            term *= ak / ck * z;
            sum += term;
            sumG += term * g;
            sumH += term * h;
            k += one;
            var tail = term * geometric;
            var plain = ~Vector256.GreaterThanOrEqual(tail, tiny * sum);
            valueSum = Vector256.ConditionalSelect(plain & ~plainPassed, sum, valueSum);
            plainPassed |= plain;
            var steps = geometric / oneMinusZ;
            var tailG = tail * g + term * (b * inverse) * steps;
            var tailH = tail * h + term * (ck * inverse) * steps;
            var tailW = term * (ak * inverse) / oneMinusZ;
            var done = plain & Vector256.LessThanOrEqual(tailG, tiny * sumG) & Vector256.LessThanOrEqual(tailH, tiny * sumH)
                & Vector256.LessThanOrEqual(tailW, tiny * sumW);
            var now = done & ~stopped;
            endSum = Vector256.ConditionalSelect(now, sum, endSum);
            endG = Vector256.ConditionalSelect(now, sumG, endG);
            endH = Vector256.ConditionalSelect(now, sumH, endH);
            endW = Vector256.ConditionalSelect(now, sumW, endW);
            stopped |= done;
            if (Vector256.ExtractMostSignificantBits(stopped) == 0b1111)
            {
                break;
            }
        }
        uint finished = Vector256.ExtractMostSignificantBits(stopped);
        for (int lane = 0; lane < 4; lane++)
        {
            var gradient = gradients.Slice(3 * lane, 3);
            double al = a.GetElement(lane), bl = b.GetElement(lane), zl = z.GetElement(lane);
            if ((finished & (1u << lane)) == 0)
            {
                values[lane] = LogAdjacent(al, bl, zl, gradient, maxTerms);
                continue;
            }
            double lm = logOneMinusZ.GetElement(lane), total = endSum.GetElement(lane);
            gradient[0] = endG.GetElement(lane) / total;
            gradient[1] = -lm - endH.GetElement(lane) / total;
            gradient[2] = al * bl * endW.GetElement(lane) / (oneMinusZ.GetElement(lane) * total);
            values[lane] = (1 - bl) * lm + Math.Log(valueSum.GetElement(lane));
        }
    }

    /// <summary>
    /// ln 2F1(a, b; a+1; z) and its gradient in (a, b, z) from the series of 2F1(a, b; a+1; z) itself, for a, b &gt; 0 and
    /// 0 &lt; z &lt; 1; false when the budget ran out. Used for b &gt;= a + 1, where Euler's transformation would have
    /// terms of both signs, and by the tests as the reference for <see cref="TryLogAdjacentEuler"/>.
    /// </summary>
    /// <remarks>
    /// term_k = a/(a+k) (b)_k/k! z^k (because (a)_k/(a+1)_k = a/(a+k)), so d ln term_k/da = k/(a(a+k)),
    /// d ln term_k/db = H_k = sum_{j&lt;k} 1/(b+j) and d term_k/dz = k term_k/z. The three weighted sums are carried in
    /// the same loop as the sum (all terms positive, so they share its power-of-two rescaling), and each derivative of
    /// the logarithm is its weighted sum over the sum. The loop stops when the tail bound of the plain sum and those of
    /// the weighted sums (term_j &lt;= term_k q^(j-k), H_j &lt;= H_k + (j-k)/(b+k)) are all below 1e-16 of their sums.
    /// </remarks>
    internal static bool TryLogAdjacentSeries(double a, double b, double z, Span<double> gradient, int maxTerms, out double value)
    {
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
                    value = logScale + Math.Log(sum);
                    return true;
                }
            }
        }
        value = double.NaN;
        return false;
    }
}
