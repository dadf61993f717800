using System.Runtime.CompilerServices;
namespace ContactMetrics.Numerics;

/// <summary>The generalized hypergeometric series pFq, summed term by term with a check on convergence and cancellation.</summary>
/// <remarks>
/// term_0 = 1, term_{k+1} = term_k * prod(a_i + k) / prod(b_j + k) * z / (k + 1) (Abramowitz &amp; Stegun 15.1.1 for 2F1).
/// The sum is trusted only when the remaining tail fell below 1e-17 of the sum within the term budget and the largest
/// term was at most 1e6 times the sum: then at most about 6 of the 16 digits are lost to cancellation, so the
/// relative error is below about 1e-10. Callers switch to another method otherwise.
/// </remarks>
internal static class HypergeometricSeries
{
    internal const double MaxCancellation = 1e6;

    /// <summary>Sums the series; returns whether the result is accurate (see remarks).</summary>
    /// <remarks>
    /// Compiled optimized at once (no first tier): a forecast calls it thousands of times within the first tenth of a second
    /// of a command (<c>clv predict</c>), where the unoptimized first tier would run most of those calls.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TrySum(ReadOnlySpan<double> upper, ReadOnlySpan<double> lower, double z, out double sum, int maxTerms = 10_000)
    {
        sum = 1.0;
        if (z == 0)
        {
            return true;
        }
        double term = 1.0;
        double largest = 1.0;
        for (int k = 0; k < maxTerms; k++)
        {
            double ratio = z / (k + 1);
            foreach (double a in upper)
            {
                ratio *= a + k;
            }
            foreach (double b in lower)
            {
                ratio /= b + k;
            }
            term *= ratio;
            sum += term;
            largest = Math.Max(largest, Math.Abs(term));
            if (!double.IsFinite(sum))
            {
                return false;
            }
            // Once the ratio is below 1 in magnitude the terms shrink geometrically and the tail is at most term * ratio / (1 - ratio).
            if (term == 0 || Math.Abs(ratio) < 1 && Math.Abs(term) < 1e-17 * (1 - Math.Abs(ratio)) * Math.Abs(sum))
            {
                return largest <= MaxCancellation * Math.Abs(sum);
            }
        }
        return false;
    }
}
