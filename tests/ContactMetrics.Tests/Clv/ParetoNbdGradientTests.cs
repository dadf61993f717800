using ContactMetrics.Clv;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The analytic gradient of the Pareto/NBD log-likelihood against finite differences of the likelihood value, which is
/// computed by the separate value-only path (ln 2F1 without derivatives), so the two share only the series itself.
/// </summary>
public class ParetoNbdGradientTests
{
    /// <summary>The value's gradient by <see cref="RichardsonGradient"/> (h = 1e-3 on the log-parameters, about 1e-12 relative, well below the 1e-6 being checked).</summary>
    private static double[] FiniteDifferenceGradient(CompressedRfmSummary data, double[] theta) =>
        RichardsonGradient.Of(t => ParetoNbdModel.LogLikelihood(data, t, []), theta);

    private static void ShouldMatchFiniteDifferences(CompressedRfmSummary data, double[] theta, string because)
    {
        var analytic = new double[4];
        double value = ParetoNbdModel.LogLikelihood(data, theta, analytic);
        value.Should().Be(ParetoNbdModel.LogLikelihood(data, theta, []), because);
        var numeric = FiniteDifferenceGradient(data, theta);
        double scale = numeric.Max(Math.Abs);
        for (int i = 0; i < 4; i++)
        {
            // Relative 1e-6 of the component, or of 1e-3 of the largest component when this one is nearly zero, plus the
            // noise floor of the differences: values summed to about 1e-14 relative, divided by steps of 5e-4.
            double tolerance = 1e-6 * Math.Max(Math.Abs(numeric[i]), 1e-3 * scale) + 1e-11 * Math.Abs(value);
            analytic[i].Should().BeApproximately(numeric[i], tolerance, $"component {i}, {because}");
        }
    }

    private static CompressedRfmSummary Row(int x, double recency, double age)
        => CompressedRfmSummary.FromColumns([1.0], [x], [recency], [age], RfmPeriodUnit.Week);

    [Fact]
    public void LogLikelihoodGradient_RandomParametersAndRows_MatchesFiniteDifferences()
    {
        // 400 draws: parameters log-uniform over three to four decades (both branches, alpha >> beta and beta >> alpha),
        // x from none to 5,000 repeat purchases, T from 1e-3 to 1e4, t_x anywhere in [0, T] including t_x = T.
        var rng = new Random(20261129);
        int[] frequencies = [0, 1, 2, 5, 17, 60, 300, 5000];
        for (int draw = 0; draw < 400; draw++)
        {
            double[] theta = [rng.NextDouble() * 5 - 3, rng.NextDouble() * 8 - 3, rng.NextDouble() * 5 - 3, rng.NextDouble() * 8 - 3];
            int x = frequencies[rng.Next(frequencies.Length)];
            double age = draw % 10 switch { 0 => 1e-3, 1 => 1e4, _ => 0.1 + rng.NextDouble() * 100 };
            double recency = x == 0 ? 0 : draw % 7 == 0 ? age : rng.NextDouble() * age;
            ShouldMatchFiniteDifferences(Row(x, recency, age), theta, $"draw {draw}: theta ({string.Join(", ", theta)}), x {x}, t_x {recency}, T {age}");
        }
    }

    [Theory]
    [InlineData(0.55, 11.0, 0.61, 11.0)]
    [InlineData(2.0, 0.3, 1.5, 0.3)]
    [InlineData(0.55, 11.0 * (1 + 1e-12), 0.61, 11.0)]
    public void LogLikelihoodGradient_AlphaEqualsBeta_MatchesFiniteDifferencesAcrossBranches(double r, double alpha, double s, double beta)
    {
        // At alpha = beta the 2F1 argument is 0 and the finite differences step into both branches.
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        foreach (var (x, recency, age) in new[] { (0, 0.0, 38.0), (3, 20.0, 38.0), (40, 37.0, 38.0) })
        {
            ShouldMatchFiniteDifferences(Row(x, recency, age), theta, $"x {x}");
        }
        // Five rows have ten (x, t) pairs: two groups of four, whose series a fit sums side by side, and two after them. At
        // alpha = beta every lane has z = 0 and each group goes back to the one-pair form (ParetoNbdModel.LogFFour), the
        // second group at pairs 4 to 7, so each pair's ln F must land in its own slot there too.
        var rows = CompressedRfmSummary.FromColumns([1.0, 2.0, 1.0, 3.0, 1.0], [0, 1, 3, 17, 40], [0.0, 5.0, 20.0, 30.0, 37.0], [38.0, 38.0, 38.0, 38.0, 38.0], RfmPeriodUnit.Week);
        ShouldMatchFiniteDifferences(rows, theta, "five rows, ten pairs");
    }

    [Fact]
    public void LogLikelihoodGradient_CdnowSample_MatchesFiniteDifferences()
    {
        // The whole weighted CDNOW sample at the published estimates (near the optimum, where the gradient is small) and at
        // the starting region of a fit.
        var data = CdnowData.Summary.Compress();
        ShouldMatchFiniteDifferences(data, [Math.Log(0.5533), Math.Log(10.5777), Math.Log(0.6062), Math.Log(11.6687)], "published estimates");
        ShouldMatchFiniteDifferences(data, [0, Math.Log(5), 0, Math.Log(30)], "r = s = 1");
    }

    [Fact]
    public void TryFit_AnalyticAndNumericalGradient_SameEstimatesAndStandardErrors()
    {
        // The fit with the analytic gradient against the central-difference fit it replaced (which reproduced the published
        // CDNOW values): both stop within the gradient tolerance of the same maximum, and the two Hessians (differences of
        // the gradient, four-point differences of the values) agree to their truncation error.
        var data = CdnowData.Summary.Compress();
        ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: true, out var analytic).Should().BeTrue();
        ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: false, out var numerical).Should().BeTrue();
        analytic.LogLikelihood.Should().BeApproximately(numerical.LogLikelihood, 1e-6);
        for (int i = 0; i < 4; i++)
        {
            analytic.Estimates[i].Value.Should().BeApproximately(numerical.Estimates[i].Value, 1e-3 * numerical.Estimates[i].Value, analytic.Estimates[i].Name);
            analytic.Estimates[i].StandardError.Should().BeApproximately(numerical.Estimates[i].StandardError, 1e-3 * numerical.Estimates[i].StandardError, analytic.Estimates[i].Name);
        }
    }

    [Fact]
    public void LogAdjacentGradient_Series_MatchesFiniteDifferences()
    {
        // d ln 2F1(a, b; a+1; z) / d(a, b, z) against Richardson-extrapolated central differences of the value-only series.
        foreach (var (a, b, z) in new[] { (0.5, 1.6, 0.3), (40.0, 0.7, 0.9), (1.2, 5.0, 0.999), (3000.0, 2.0, 0.5), (0.05, 0.02, 0.1) })
        {
            var g = new double[3];
            GaussHypergeometric.LogAdjacent(a, b, z, g);
            double[] point = [a, b, z];
            for (int i = 0; i < 3; i++)
            {
                double h = 1e-4 * (i == 2 ? Math.Min(z, 1 - z) : point[i]);
                double Value(double step)
                {
                    var p = (double[])point.Clone();
                    p[i] += step;
                    return GaussHypergeometric.LogAdjacent(p[0], p[1], p[2]);
                }
                double Central(double step) => (Value(step) - Value(-step)) / (2 * step);
                double expected = (4 * Central(h / 2) - Central(h)) / 3;
                g[i].Should().BeApproximately(expected, 1e-7 * Math.Abs(expected), $"a {a}, b {b}, z {z}, component {i}");
            }
        }
    }

    [Fact]
    public void LogAdjacentGradient_TinyArgument_MatchesLeadingTerm()
    {
        // ln 2F1(a, b; a+1; z) = a b z/(a+1) + O(z^2) (A&S 15.1.1), so the gradient is (b z/(a+1)^2, a z/(a+1), a b/(a+1))
        // to relative O(z) = 1e-6; finite differences of the value cannot check this, ln(1 + 1e-9) keeping only 7 digits.
        double a = 0.05, b = 0.02, z = 1e-6;
        var g = new double[3];
        GaussHypergeometric.LogAdjacent(a, b, z, g);
        g[0].Should().BeApproximately(b * z / ((a + 1) * (a + 1)), 1e-5 * b * z / ((a + 1) * (a + 1)));
        g[1].Should().BeApproximately(a * z / (a + 1), 1e-5 * a * z / (a + 1));
        g[2].Should().BeApproximately(a * b / (a + 1), 1e-5 * a * b / (a + 1));
    }

    [Fact]
    public void LogAdjacentGradient_NearOne_QuadratureMatchesSeries()
    {
        // z = 1 - 1e-4 needs about 4e5 series terms: the series with a large budget is the reference for the tanh-sinh
        // integrals of the derivatives.
        foreach (var (a, b) in new[] { (2.0, 1.6), (40.0, 0.7), (1.2, 5.0) })
        {
            double z = 1 - 1e-4;
            var series = new double[3];
            var quadrature = new double[3];
            double seriesValue = GaussHypergeometric.LogAdjacent(a, b, z, series, maxTerms: 5_000_000);
            double quadratureValue = GaussHypergeometric.LogAdjacent(a, b, z, quadrature, maxTerms: 10);
            quadratureValue.Should().BeApproximately(seriesValue, 1e-8 * Math.Max(1, Math.Abs(seriesValue)));
            for (int i = 0; i < 3; i++)
            {
                quadrature[i].Should().BeApproximately(series[i], 1e-7 * Math.Abs(series[i]), $"a {a}, b {b}, component {i}");
            }
        }
    }
}
