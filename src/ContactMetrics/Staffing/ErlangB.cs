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
    /// B(steps[k], traffic[k]) for every k, and B(steps[k] - 1, traffic[k]) in <paramref name="previous"/> (1 for 0 steps):
    /// <see cref="Recurse"/> from B(0, A) = 1 for many loads at once. One load's recursion
    /// is a chain of dependent divisions, each waiting for the last; here the loads are ordered by their step counts (a bucket
    /// sort, O(loads)) and taken sixteen at a time, as four independent 256-bit vectors of four loads advanced in the same loop,
    /// so that sixteen divisions are in flight and the lanes of a block stop within a few steps of each other. Each lane
    /// performs the same IEEE operations as <see cref="Step"/> and stops at its own step count, so every value equals
    /// <c>Recurse(1.0, 0, steps[k], traffic[k])</c> to the last bit, whatever the order.
    /// </summary>
    internal static void RecurseMany(ReadOnlySpan<double> traffic, ReadOnlySpan<int> steps, Span<double> blocking, Span<double> previous)
    {
        const int Block = 16;
        int count = traffic.Length;
        int k = 0;
        int[]? order = null;
        if (Vector256.IsHardwareAccelerated && count >= Block)
        {
            order = OrderBySteps(steps);
            Span<double> lanes = stackalloc double[Block];
            Span<double> before = stackalloc double[Block];
            for (; k + Block <= count; k += Block)
            {
                var block = order.AsSpan(k, Block);
                var (a0, last0) = Lanes(traffic, steps, block[..4]);
                var (a1, last1) = Lanes(traffic, steps, block[4..8]);
                var (a2, last2) = Lanes(traffic, steps, block[8..12]);
                var (a3, last3) = Lanes(traffic, steps, block[12..]);
                int most = 0;
                foreach (int j in block)
                {
                    most = Math.Max(most, steps[j]);
                }
                Vector256<double> b0 = Vector256<double>.One, b1 = b0, b2 = b0, b3 = b0;
                Vector256<double> p0 = b0, p1 = b0, p2 = b0, p3 = b0;
                for (int i = 1; i <= most; i++)
                {
                    var n = Vector256.Create((double)i);
                    var (m0, m1, m2, m3) = (Vector256.LessThanOrEqual(n, last0), Vector256.LessThanOrEqual(n, last1),
                        Vector256.LessThanOrEqual(n, last2), Vector256.LessThanOrEqual(n, last3));
                    var ab0 = a0 * b0;
                    var ab1 = a1 * b1;
                    var ab2 = a2 * b2;
                    var ab3 = a3 * b3;
                    (p0, p1, p2, p3) = (Vector256.ConditionalSelect(m0, b0, p0), Vector256.ConditionalSelect(m1, b1, p1),
                        Vector256.ConditionalSelect(m2, b2, p2), Vector256.ConditionalSelect(m3, b3, p3));
                    b0 = Vector256.ConditionalSelect(m0, ab0 / (n + ab0), b0);
                    b1 = Vector256.ConditionalSelect(m1, ab1 / (n + ab1), b1);
                    b2 = Vector256.ConditionalSelect(m2, ab2 / (n + ab2), b2);
                    b3 = Vector256.ConditionalSelect(m3, ab3 / (n + ab3), b3);
                }
                (b0, b1, b2, b3).Store(lanes);
                (p0, p1, p2, p3).Store(before);
                for (int j = 0; j < Block; j++)
                {
                    blocking[block[j]] = lanes[j];
                    previous[block[j]] = before[j];
                }
            }
        }
        for (; k < count; k++)
        {
            int j = order is null ? k : order[k];
            double b = 1.0, p = 1.0;
            for (int i = 1; i <= steps[j]; i++)
            {
                (p, b) = (b, Step(b, i, traffic[j]));
            }
            (blocking[j], previous[j]) = (b, p);
        }
    }

    /// <summary>Stores four vectors one after the other.</summary>
    private static void Store(this (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>) vectors, Span<double> destination)
    {
        vectors.Item1.CopyTo(destination);
        vectors.Item2.CopyTo(destination[4..]);
        vectors.Item3.CopyTo(destination[8..]);
        vectors.Item4.CopyTo(destination[12..]);
    }

    /// <summary>The traffic and the last step of four loads, as vectors.</summary>
    private static (Vector256<double> Traffic, Vector256<double> Last) Lanes(ReadOnlySpan<double> traffic, ReadOnlySpan<int> steps, ReadOnlySpan<int> loads)
        => (Vector256.Create(traffic[loads[0]], traffic[loads[1]], traffic[loads[2]], traffic[loads[3]]),
            Vector256.Create((double)steps[loads[0]], steps[loads[1]], steps[loads[2]], steps[loads[3]]));

    /// <summary>
    /// The indices of the loads ordered by step count, by a bucket sort of at most one bucket per load: loads in one bucket
    /// differ by less than <c>max steps / loads + 1</c> steps, which is 1 (exact order) when the counts are no more than the loads.
    /// </summary>
    internal static int[] OrderBySteps(ReadOnlySpan<int> steps)
    {
        int most = 0;
        foreach (int s in steps)
        {
            most = Math.Max(most, s);
        }
        int width = most / steps.Length + 1;
        var starts = new int[most / width + 2];
        foreach (int s in steps)
        {
            starts[s / width + 1]++;
        }
        for (int i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }
        var order = new int[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            order[starts[steps[i] / width]++] = i;
        }
        return order;
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
