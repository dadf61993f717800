namespace ContactMetrics.Tests.Clv;

/// <summary>Numerical gradients for checking the models' analytic ones.</summary>
internal static class RichardsonGradient
{
    /// <summary>
    /// Central differences with steps h and h/2 combined by Richardson extrapolation (4 D(h/2) - D(h)) / 3, truncation
    /// error O(h^4): with h = 1e-3 on log-parameters about 1e-12 relative.
    /// </summary>
    public static double[] Of(Func<double[], double> value, double[] theta, double h = 1e-3)
    {
        double Central(int i, double step)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += step;
            minus[i] -= step;
            return (value(plus) - value(minus)) / (2 * step);
        }
        var gradient = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            gradient[i] = (4 * Central(i, h / 2) - Central(i, h)) / 3;
        }
        return gradient;
    }
}
