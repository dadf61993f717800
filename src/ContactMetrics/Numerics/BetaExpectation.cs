namespace ContactMetrics.Numerics;

/// <summary>E[g(p)] for p ~ Beta(a, b), by quadrature on the logit scale.</summary>
/// <remarks>
/// With u = ln(p / (1 - p)) the Beta density becomes e^{a u} / (1 + e^u)^{a + b} du: smooth, unimodal, with
/// exponentially decaying tails and no endpoint singularities even for a or b below 1. The trapezoid rule on such
/// an integrand converges geometrically in the step (Trefethen &amp; Weideman 2014, "The exponentially convergent
/// trapezoidal rule", SIAM Review 56(3), section 5). The step is a fraction of the density's width at its mode and
/// at most 0.25, and the range runs until the density is e^-40 below its peak, so for a g that is analytic and
/// bounded near the positive axis the relative error is far below 1e-10. The result is normalized by the
/// trapezoid sum of the density itself, so the Beta function is never needed. Cost: a few hundred to a few
/// thousand evaluations of g (more for a or b below 0.1).
/// </remarks>
internal static class BetaExpectation
{
    private const double TailDrop = 40.0;

    internal static double Mean<TState>(double a, double b, TState state, Func<double, TState, double> g)
    {
        // Mode of a u - (a + b) ln(1 + e^u) is at logistic(u) = a / (a + b); its curvature there is ab / (a + b).
        double mode = Math.Log(a) - Math.Log(b);
        double width = Math.Sqrt((a + b) / (a * b));
        double h = Math.Min(0.25, width / 8);
        double peak = LogDensity(mode, a, b);
        double weighted = 0, total = 0;
        Accumulate(mode, a, b, peak, state, g, ref weighted, ref total);
        for (int direction = -1; direction <= 1; direction += 2)
        {
            for (int k = 1; ; k++)
            {
                double u = mode + direction * k * h;
                if (!Accumulate(u, a, b, peak, state, g, ref weighted, ref total) || k > 1_000_000)
                {
                    break;
                }
            }
        }
        return weighted / total;
    }

    private static bool Accumulate<TState>(double u, double a, double b, double peak, TState state, Func<double, TState, double> g, ref double weighted, ref double total)
    {
        double logDensity = LogDensity(u, a, b) - peak;
        if (logDensity < -TailDrop)
        {
            return false;
        }
        double w = Math.Exp(logDensity);
        total += w;
        weighted += w * g(LogSpace.Logistic(u), state);
        return true;
    }

    private static double LogDensity(double u, double a, double b) => a * u - (a + b) * LogSpace.Log1pExp(u);
}
