namespace ContactMetrics.Numerics;

/// <summary>
/// BFGS with a scaled initial inverse Hessian and a strong-Wolfe line search (Nocedal &amp; Wright, "Numerical optimization",
/// 2nd ed., algorithms 6.1, 3.5 and 3.6, equation 6.20), stopping on MathNet's relative-gradient criterion so that its
/// optimum meets the same tolerance as <see cref="MaximumLikelihood"/>'s BFGS.
/// </summary>
/// <remarks>
/// <para>MathNet's <c>BfgsMinimizer</c> starts its first line search at a step of 100 times the gradient tolerance over the
/// squared gradient (about 3e-6 for a 1e-9 tolerance), and its weak-Wolfe search doubles it until it conforms: 18 of the
/// Pareto/NBD's 58 evaluations on CDNOW, each at the start, where the 2F1 series are longest. Near the optimum its line
/// search cannot see a decrease below the rounding of the value and bisects until the step vanishes: 12 more evaluations
/// at a point whose gradient already met the tolerance. Here the first trial step moves the log-parameters by at most 1,
/// the inverse Hessian is scaled by s'y / y'y before the first update (equation 6.20), and a trial point where the
/// gradient criterion holds and the value is no worse than the current one (to 1e-15 relative) ends the fit.</para>
/// <para>Criterion (MathNet's <c>MinimizerBase.ExitCriteriaSatisfied</c>): max_i |g_i| max(|x_i|, 1) / max(|f|, 1) below
/// the tolerance, with f the minimized value (minus the log-likelihood over the scale) and g its gradient; or no
/// parameter moved by 1e-12 of max(|x_i|, 1) in an iteration.</para>
/// </remarks>
internal static class ScaledBfgs
{
    private const double SufficientDecrease = 1e-4;
    private const double Curvature = 0.9;
    private const int LineSearchEvaluations = 40;
    private const string GradientReason = "RelativeGradient";

    /// <summary>
    /// Minimizes <paramref name="f"/> (value and gradient into the span) from <paramref name="start"/>; null when a line
    /// search fails, a value or gradient is not finite at the start, or the iterations run out (the caller then falls back).
    /// </summary>
    internal static Minimum? TryMinimize(Func<double[], double[], double> f, double[] start, double gradientTolerance, int maxIterations)
    {
        int n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        double value = f(x, g);
        if (!IsFinite(value, g))
        {
            return null;
        }
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            h[i, i] = 1;
        }
        var p = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var s = new double[n];
        var y = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (RelativeGradient(x, value, g) < gradientTolerance)
            {
                return new Minimum(x, value, g, iteration, GradientReason);
            }
            double slope = 0, largest = 0;
            for (int i = 0; i < n; i++)
            {
                double d = 0;
                for (int j = 0; j < n; j++)
                {
                    d -= h[i, j] * g[j];
                }
                p[i] = d;
                slope += d * g[i];
                largest = Math.Max(largest, Math.Abs(d));
            }
            if (!(slope < 0))
            {
                // Not a descent direction (rounding in H): restart from steepest descent.
                ResetToIdentity(h, 1);
                for (int i = 0; i < n; i++)
                {
                    p[i] = -g[i];
                }
                slope = -Dot(g, g);
                largest = MaxAbs(g);
            }
            double step = iteration == 0 ? Math.Min(1, 1 / largest) : 1;
            var search = LineSearch(f, x, value, g, p, slope, step, trial, trialGradient, gradientTolerance);
            if (search.Status == SearchStatus.Failed)
            {
                return null;
            }
            double progress = 0, sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
                progress = Math.Max(progress, Math.Abs(s[i]) / Math.Max(Math.Abs(x[i]), 1));
            }
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, g, n);
            value = search.Value;
            if (search.Status == SearchStatus.Converged || progress < 1e-12)
            {
                return new Minimum(x, value, g, iteration + 1, search.Status == SearchStatus.Converged ? GradientReason : "LackOfProgress");
            }
            if (sy > 0 && yy > 0)
            {
                if (iteration == 0)
                {
                    ResetToIdentity(h, sy / yy);
                }
                Update(h, s, y, sy);
            }
        }
        return null;
    }

    /// <summary>The point, value and gradient at the end, the iterations taken and why it stopped (MathNet's names of the two criteria).</summary>
    internal sealed record Minimum(double[] Point, double Value, double[] Gradient, int Iterations, string Reason);

    private enum SearchStatus
    {
        Failed,
        Wolfe,
        Converged,
    }

    private readonly record struct SearchResult(SearchStatus Status, double Value);

    /// <summary>
    /// A step along <paramref name="p"/> meeting the strong Wolfe conditions (Nocedal &amp; Wright algorithm 3.5, with the
    /// zoom of algorithm 3.6 choosing by cubic interpolation, kept 10 % inside the bracket), or a trial point that meets the
    /// gradient criterion without raising the value; the point and its gradient are left in <paramref name="trial"/> and
    /// <paramref name="trialGradient"/>. A non-finite value counts as too large.
    /// </summary>
    private static SearchResult LineSearch(Func<double[], double[], double> f, double[] x, double value, double[] g, double[] p, double slope, double step,
        double[] trial, double[] trialGradient, double tolerance)
    {
        int n = x.Length;
        double allowance = 1e-15 * Math.Max(Math.Abs(value), 1);
        double previous = 0, previousValue = value, previousSlope = slope;
        double lo = double.NaN, loValue = 0, loSlope = 0, hi = double.NaN, hiValue = 0, hiSlope = 0;
        bool zooming = false;
        double alpha = step;
        for (int evaluation = 0; evaluation < LineSearchEvaluations; evaluation++)
        {
            if (zooming)
            {
                alpha = Interpolate(lo, loValue, loSlope, hi, hiValue, hiSlope);
            }
            for (int i = 0; i < n; i++)
            {
                trial[i] = x[i] + alpha * p[i];
            }
            double v = f(trial, trialGradient);
            bool finite = IsFinite(v, trialGradient);
            double d = finite ? Dot(trialGradient, p) : double.NaN;
            if (finite && v <= value + allowance && RelativeGradient(trial, v, trialGradient) < tolerance)
            {
                return new SearchResult(SearchStatus.Converged, v);
            }
            bool tooLong = !finite || v > value + SufficientDecrease * alpha * slope;
            if (!zooming)
            {
                if (tooLong || (evaluation > 0 && v >= previousValue))
                {
                    (lo, loValue, loSlope, hi, hiValue, hiSlope) = (previous, previousValue, previousSlope, alpha, finite ? v : double.PositiveInfinity, d);
                    zooming = true;
                    continue;
                }
                if (Math.Abs(d) <= -Curvature * slope)
                {
                    return new SearchResult(SearchStatus.Wolfe, v);
                }
                if (d >= 0)
                {
                    (lo, loValue, loSlope, hi, hiValue, hiSlope) = (alpha, v, d, previous, previousValue, previousSlope);
                    zooming = true;
                    continue;
                }
                (previous, previousValue, previousSlope) = (alpha, v, d);
                alpha *= 2;
                continue;
            }
            if (tooLong || v >= loValue)
            {
                (hi, hiValue, hiSlope) = (alpha, finite ? v : double.PositiveInfinity, d);
                continue;
            }
            if (Math.Abs(d) <= -Curvature * slope)
            {
                return new SearchResult(SearchStatus.Wolfe, v);
            }
            if (d * (hi - lo) >= 0)
            {
                (hi, hiValue, hiSlope) = (lo, loValue, loSlope);
            }
            (lo, loValue, loSlope) = (alpha, v, d);
        }
        return new SearchResult(SearchStatus.Failed, double.NaN);
    }

    /// <summary>
    /// The minimizer of the cubic through both ends' values and slopes (Nocedal &amp; Wright equation 3.59), kept at least
    /// 10 % of the bracket away from its ends; the midpoint when the cubic has no minimizer there or an end is not finite.
    /// </summary>
    private static double Interpolate(double lo, double loValue, double loSlope, double hi, double hiValue, double hiSlope)
    {
        double left = Math.Min(lo, hi), right = Math.Max(lo, hi), width = right - left;
        double candidate = double.NaN;
        if (double.IsFinite(hiValue) && double.IsFinite(hiSlope))
        {
            double d1 = loSlope + hiSlope - 3 * (loValue - hiValue) / (lo - hi);
            double root = d1 * d1 - loSlope * hiSlope;
            if (root >= 0)
            {
                double d2 = Math.Sign(hi - lo) * Math.Sqrt(root);
                candidate = hi - (hi - lo) * (hiSlope + d2 - d1) / (hiSlope - loSlope + 2 * d2);
            }
        }
        if (!(candidate >= left + 0.1 * width && candidate <= right - 0.1 * width))
        {
            candidate = double.IsFinite(candidate) ? Math.Clamp(candidate, left + 0.1 * width, right - 0.1 * width) : left + 0.5 * width;
        }
        return candidate;
    }

    /// <summary>H = (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / s'y (Nocedal &amp; Wright equation 6.17).</summary>
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        int n = s.Length;
        double rho = 1 / sy;
        var hy = new double[n];
        double yhy = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum += h[i, j] * y[j];
            }
            hy[i] = sum;
            yhy += y[i] * sum;
        }
        // H is symmetric, so y'H = (Hy)'; expanded: H - rho (Hy s' + s y'H) + (rho^2 y'Hy + rho) s s'.
        double ss = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i, j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + ss * s[i] * s[j];
            }
        }
    }

    private static void ResetToIdentity(double[,] h, double scale)
    {
        int n = h.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i, j] = i == j ? scale : 0;
            }
        }
    }

    private static double RelativeGradient(double[] x, double value, double[] g)
    {
        double normalizer = Math.Max(Math.Abs(value), 1), largest = 0;
        for (int i = 0; i < x.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(g[i] * Math.Max(Math.Abs(x[i]), 1) / normalizer));
        }
        return largest;
    }

    private static bool IsFinite(double value, double[] g)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }
        foreach (double v in g)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }
        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double MaxAbs(double[] a)
    {
        double largest = 0;
        foreach (double v in a)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }
        return largest;
    }
}
