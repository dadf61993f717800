namespace ContactMetrics.Numerics;

/// <summary>Nodes and weights for E[g(p)] with p ~ Beta(a, b), by the trapezoid rule on the logit scale.</summary>
/// <remarks>
/// With u = ln(p / (1 - p)) the Beta density becomes e^{a u} / (1 + e^u)^{a + b} du: smooth, unimodal, with
/// exponentially decaying tails and no endpoint singularities even for a or b below 1. The trapezoid rule on such
/// an integrand converges geometrically in the step (Trefethen &amp; Weideman 2014, "The exponentially convergent
/// trapezoidal rule", SIAM Review 56(3), section 5). The step is a sixth of the density's width at its mode and
/// at most 0.25, and the nodes run until the density is e^-40 below its peak, so for a g that is analytic and
/// bounded near the positive axis the relative error is far below 1e-10 (tested against series). The weights are
/// normalized by their own sum, so the Beta function is never needed. Nodes are in increasing order of p; the
/// prefix sums of the weights and of weight times p let callers replace a first-order Taylor expansion of g for
/// tiny p by two look-ups. Cost: a few hundred nodes (more for a or b below 0.1), built once per (a, b).
/// </remarks>
internal sealed class BetaQuadrature
{
    private const double TailDrop = 40.0;

    internal BetaQuadrature(double a, double b)
    {
        // The mode of a u - (a + b) ln(1 + e^u) is at logistic(u) = a / (a + b); the curvature there is ab / (a + b).
        double mode = Math.Log(a) - Math.Log(b);
        double width = Math.Sqrt((a + b) / (a * b));
        double h = Math.Min(0.25, width / 6);
        double peak = LogDensity(mode, a, b);
        int left = 0, right = 0;
        while (LogDensity(mode - (left + 1) * h, a, b) - peak >= -TailDrop && left < 1_000_000)
        {
            left++;
        }
        while (LogDensity(mode + (right + 1) * h, a, b) - peak >= -TailDrop && right < 1_000_000)
        {
            right++;
        }
        int n = left + right + 1;
        P = new double[n];
        Weight = new double[n];
        CumulativeWeight = new double[n + 1];
        CumulativeWeightP = new double[n + 1];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double u = mode + (i - left) * h;
            P[i] = LogSpace.Logistic(u);
            Weight[i] = Math.Exp(LogDensity(u, a, b) - peak);
            total += Weight[i];
        }
        for (int i = 0; i < n; i++)
        {
            Weight[i] /= total;
            CumulativeWeight[i + 1] = CumulativeWeight[i] + Weight[i];
            CumulativeWeightP[i + 1] = CumulativeWeightP[i] + Weight[i] * P[i];
        }
    }

    /// <summary>The nodes, increasing.</summary>
    internal double[] P { get; }

    /// <summary>The normalized weights (summing to 1).</summary>
    internal double[] Weight { get; }

    /// <summary>CumulativeWeight[j] = sum of the weights of nodes below j.</summary>
    internal double[] CumulativeWeight { get; }

    /// <summary>CumulativeWeightP[j] = sum of weight times p over nodes below j.</summary>
    internal double[] CumulativeWeightP { get; }

    /// <summary>E[g(p)] summed over every node.</summary>
    internal double Mean<TState>(TState state, Func<double, TState, double> g)
    {
        double sum = 0;
        for (int i = 0; i < P.Length; i++)
        {
            sum += Weight[i] * g(P[i], state);
        }
        return sum;
    }

    /// <summary>The index of the first node with p at least <paramref name="threshold"/>.</summary>
    internal int FirstAtLeast(double threshold)
    {
        int index = Array.BinarySearch(P, threshold);
        return index >= 0 ? index : ~index;
    }

    private static double LogDensity(double u, double a, double b) => a * u - (a + b) * LogSpace.Log1pExp(u);
}
