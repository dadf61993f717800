using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace ContactMetrics.Staffing;

/// <summary>
/// Erlang B: the probability that a contact finds every server busy and is lost, in a system
/// without a queue (M/M/N/N), for an offered traffic of <c>A</c> Erlangs.
/// </summary>
/// <remarks>
/// <para>
/// <c>B(N, A) = (A^N / N!) / sum_{k=0..N} A^k / k!</c>, computed with the recursion
/// <c>B(0, A) = 1</c>, <c>B(n, A) = A B(n-1, A) / (n + A B(n-1, A))</c>
/// (Jagerman 1974, "Some properties of the Erlang loss function", Bell System Technical Journal
/// 53(3); any queueing text, e.g. Kleinrock 1975, Queueing Systems vol. 1).
/// Every step maps a probability in (0, 1] to a probability in (0, 1] with one division and no
/// cancellation, so the result keeps full double precision for any number of servers: there is no
/// factorial and no power that could overflow. Cost: O(N).
/// </para>
/// <para>
/// The Erlang C and Erlang A calculators start from this value; <see cref="ErlangC"/> explains the
/// relation <c>C = N B / (N - A (1 - B))</c>.
/// </para>
/// </remarks>
public static class ErlangB
{
    /// <summary>Returns the blocking probability <c>B(N, A)</c>.</summary>
    /// <param name="servers">The number of servers (agents, lines) <c>N</c>; at least 0.</param>
    /// <param name="trafficErlangs">The offered traffic <c>A</c> = arrival rate x mean holding time, in Erlangs; finite and at least 0.</param>
    /// <returns>The probability in [0, 1]: 1 for 0 servers, 0 for no traffic and at least one server.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="servers"/> is negative, or <paramref name="trafficErlangs"/> is negative, NaN or infinite.</exception>
    public static double BlockingProbability(int servers, double trafficErlangs)
    {
        Preconditions.CheckNonNegative(servers);
        Preconditions.CheckNonNegative(trafficErlangs);
        return Recurse(1.0, 0, servers, trafficErlangs);
    }

    /// <summary>Advances the recursion from <c>B(from, A)</c> to <c>B(to, A)</c>.</summary>
    internal static double Recurse(double blockingAtFrom, double from, int steps, double trafficErlangs)
    {
        double b = blockingAtFrom;
        for (int i = 1; i <= steps; i++)
        {
            b = Step(b, from + i, trafficErlangs);
        }
        return b;
    }

    /// <summary>
    /// B(steps[k], traffic[k]) for every k: <see cref="Recurse"/> from B(0, A) = 1, four loads at a time in 256-bit vectors
    /// so that the divisions of independent loads overlap (one load's recursion is a chain of dependent divisions). Each lane
    /// performs the same IEEE operations as <see cref="Step"/> and stops at its own step count, so every value equals
    /// <c>Recurse(1.0, 0, steps[k], traffic[k])</c> to the last bit.
    /// </summary>
    internal static void RecurseMany(ReadOnlySpan<double> traffic, ReadOnlySpan<int> steps, Span<double> blocking)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 4 <= traffic.Length; k += 4)
            {
                var a = Vector256.Create(traffic.Slice(k, 4));
                var last = Vector256.Create((double)steps[k], steps[k + 1], steps[k + 2], steps[k + 3]);
                int most = Math.Max(Math.Max(steps[k], steps[k + 1]), Math.Max(steps[k + 2], steps[k + 3]));
                var b = Vector256<double>.One;
                for (int i = 1; i <= most; i++)
                {
                    var n = Vector256.Create((double)i);
                    var ab = a * b;
                    b = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(n, last), ab / (n + ab), b);
                }
                b.CopyTo(blocking.Slice(k, 4));
            }
        }
        for (; k < traffic.Length; k++)
        {
            blocking[k] = Recurse(1.0, 0, steps[k], traffic[k]);
        }
    }


    /// <summary>One step of the recursion: <c>B(n, A)</c> from <c>B(n-1, A)</c>.</summary>
    internal static double Step(double previous, double n, double trafficErlangs)
    {
        double ab = trafficErlangs * previous;
        return ab / (n + ab);
    }

    /// <summary>
    /// The continuous extension of Erlang B to a real number of servers <c>x</c>, used for fractional
    /// staffing: <c>1 / B(x, A) = integral_0^inf e^-u (1 + u/A)^x du</c> (Jagerman 1974).
    /// </summary>
    /// <remarks>
    /// With <c>x = n + f</c>, <c>0 &lt;= f &lt; 1</c>, the integral is evaluated at <c>f</c> only, where
    /// the integrand lies between <c>e^-u</c> and <c>e^-u (1 + u/A)</c>, and the recursion above (valid for
    /// real <c>x</c>) climbs <c>n</c> steps. The integral at <c>f</c> equals <c>e^A A^-f Gamma(1+f, A)</c>: for
    /// <c>A &lt; 50</c> it is taken from the regularized upper incomplete gamma function; for larger
    /// <c>A</c>, where <c>e^A</c> and the incomplete gamma function leave the range of doubles, from the
    /// series <c>sum_k f (f-1) ... (f-k+1) / A^k</c>, whose terms alternate in sign after the first so that
    /// the error is below the first omitted term (at most <c>(k-1)! / A^k</c>, below 1e-22 at <c>A = 50</c>).
    /// At integer <c>x</c> the result equals <see cref="BlockingProbability"/>.
    /// </remarks>
    internal static double ContinuousBlockingProbability(double servers, double trafficErlangs)
    {
        if (trafficErlangs == 0)
        {
            return servers == 0 ? 1.0 : 0.0;
        }
        double whole = Math.Floor(servers);
        double fraction = servers - whole;
        double b = 1.0 / IntegralAtFraction(fraction, trafficErlangs);
        return Recurse(b, fraction, (int)whole, trafficErlangs);
    }

    private static double IntegralAtFraction(double fraction, double a)
    {
        if (fraction == 0)
        {
            return 1.0;
        }
        if (a < 50)
        {
            return Math.Exp(a - fraction * Math.Log(a)) * SpecialFunctions.Gamma(1 + fraction)
                * SpecialFunctions.GammaUpperRegularized(1 + fraction, a);
        }
        double sum = 1.0;
        double term = 1.0;
        for (int k = 1; k < 200; k++)
        {
            term *= (fraction - (k - 1)) / a;
            sum += term;
            if (Math.Abs(term) < 1e-18 * sum)
            {
                break;
            }
        }
        return sum;
    }
}
