namespace ContactMetrics.Numerics;

/// <summary>
/// Second derivatives by central differences, and standard errors from them by the delta method.
/// </summary>
/// <remarks>
/// From an analytic gradient: H[i, j] = (g_j(x + h e_i) - g_j(x - h e_i)) / (2 h), then symmetrized; the error is
/// O(h^2) plus rounding of order eps / h, so h = 1e-5 * max(1, |x_i|) gives about 8-10 correct digits.
/// From values only: the four-point formula (f(x+h_i+h_j) - f(x+h_i-h_j) - f(x-h_i+h_j) + f(x-h_i-h_j)) / (4 h_i h_j)
/// with h = 1e-4 * max(1, |x_i|), about 5-7 digits (Nocedal &amp; Wright, "Numerical optimization", 2nd ed., section 8.1).
/// </remarks>
internal static class NumericalHessian
{
    internal static double[,] FromGradient(LogLikelihoodWithGradient f, ReadOnlySpan<double> x)
    {
        int n = x.Length;
        var h = new double[n, n];
        var point = x.ToArray();
        var plus = new double[n];
        var minus = new double[n];
        for (int i = 0; i < n; i++)
        {
            double step = 1e-5 * Math.Max(1.0, Math.Abs(x[i]));
            point[i] = x[i] + step;
            f(point, plus);
            point[i] = x[i] - step;
            f(point, minus);
            point[i] = x[i];
            for (int j = 0; j < n; j++)
            {
                h[i, j] = (plus[j] - minus[j]) / (2 * step);
            }
        }
        Symmetrize(h);
        return h;
    }

    internal static double[,] FromValues(Func<double[], double> f, ReadOnlySpan<double> at)
    {
        var x = at.ToArray();
        int n = x.Length;
        var h = new double[n, n];
        var p = at.ToArray();
        var step = new double[n];
        for (int i = 0; i < n; i++)
        {
            step[i] = 1e-4 * Math.Max(1.0, Math.Abs(x[i]));
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double Eval(double si, double sj)
                {
                    p[i] += si;
                    p[j] += sj;
                    double v = f(p);
                    p[i] = x[i];
                    p[j] = x[j];
                    return v;
                }
                double value = (Eval(step[i], step[j]) - Eval(step[i], -step[j]) - Eval(-step[i], step[j]) + Eval(-step[i], -step[j])) / (4 * step[i] * step[j]);
                h[i, j] = value;
                h[j, i] = value;
            }
        }
        return h;
    }

    /// <summary>
    /// Standard errors of the natural parameters theta_i = exp(x_i) from the Hessian of the log-likelihood with
    /// respect to x = ln(theta): Cov(x) = (-H)^-1 (the inverse observed information) and, by the delta method,
    /// SE(theta_i) = theta_i * sqrt(Cov(x)_ii). NaN where the information is not positive definite, or, with
    /// <paramref name="relativePivot"/> above 0, where a pivot of its Cholesky factorization is at most that fraction of the
    /// largest diagonal entry (numerically singular: a direction of the parameters the data do not inform).
    /// </summary>
    /// <remarks>
    /// A central-difference Hessian resolves curvature to 8-10 digits of its scale, so directions flatter than that come out
    /// not positive definite and the fit is called unidentified (<see cref="ContactMetrics.Clv.FitChecks"/>); an analytic
    /// Hessian resolves them, and passes 1e-8 to keep that verdict (three identical BG/NBD customers: pivots of 4.6e-9 against
    /// a largest entry of 12.4, standard errors of 3e15).
    /// </remarks>
    internal static double[] LogScaleStandardErrors(double[,] hessian, ReadOnlySpan<double> logParameters, double relativePivot = 0)
    {
        int n = logParameters.Length;
        var se = new double[n];
        Array.Fill(se, double.NaN);
        // The information I = -H is factored as L L^T (Cholesky) by hand: MathNet's factorization hands even a 4 x 4 matrix to
        // the thread pool, which on a busy machine costs milliseconds of waiting for a fit that takes a few (issue #18).
        foreach (double v in hessian)
        {
            if (!double.IsFinite(v))
            {
                return se;
            }
        }
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            largest = Math.Max(largest, -hessian[i, i]);
        }
        double smallestPivot = relativePivot * largest;
        var lower = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++)
            {
                double sum = -hessian[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }
                if (i == j)
                {
                    if (!(sum > 0) || sum <= smallestPivot)
                    {
                        // Not positive definite (or not finite): the fit is not at a proper maximum, so there are no standard errors.
                        return se;
                    }
                    lower[j, j] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }
        // Cov = I^-1 = L^-T L^-1, so Cov_ii is the squared norm of column i of L^-1, found by forward substitution.
        var column = new double[n];
        for (int i = 0; i < n; i++)
        {
            double variance = 0;
            for (int row = 0; row < n; row++)
            {
                double value = row == i ? 1.0 : 0.0;
                for (int k = i; k < row; k++)
                {
                    value -= lower[row, k] * column[k];
                }
                column[row] = row < i ? 0.0 : value / lower[row, row];
                variance += column[row] * column[row];
            }
            se[i] = variance > 0 && double.IsFinite(variance) ? Math.Exp(logParameters[i]) * Math.Sqrt(variance) : double.NaN;
        }
        return se;
    }

    private static void Symmetrize(double[,] h)
    {
        int n = h.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = (h[i, j] + h[j, i]) / 2;
                h[i, j] = mean;
                h[j, i] = mean;
            }
        }
    }
}
