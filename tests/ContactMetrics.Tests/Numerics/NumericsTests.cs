using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

public class LogSpaceTests
{
    [Fact]
    public void LogSumExp_HugeArguments_DoesNotOverflow()
    {
        LogSpace.LogSumExp(1000, 1000).Should().BeApproximately(1000 + Math.Log(2), 1e-12);
        LogSpace.LogSumExp([-1000.0, -1000.0, -1000.0]).Should().BeApproximately(-1000 + Math.Log(3), 1e-12);
        LogSpace.LogSumExp(double.NegativeInfinity, 3).Should().Be(3);
    }

    [Fact]
    public void Log1pExpAndLogistic_Tails_AreAccurate()
    {
        LogSpace.Log1pExp(800).Should().Be(800);
        LogSpace.Log1pExp(-800).Should().Be(0);
        LogSpace.Log1pExp(-40).Should().BeApproximately(Math.Exp(-40), 1e-30);
        LogSpace.Logistic(-800).Should().Be(0);
        LogSpace.Logistic(800).Should().Be(1);
    }

    [Fact]
    public void ExpMinusOneAndLogOnePlus_SmallArguments_KeepRelativeAccuracy()
    {
        // Taylor series: e^x - 1 = x + x^2/2 + ..., ln(1 + x) = x - x^2/2 + ...
        double x = 1e-10;
        LogSpace.ExpMinusOne(x).Should().BeApproximately(x + x * x / 2, 1e-26);
        LogSpace.LogOnePlus(x).Should().BeApproximately(x - x * x / 2, 1e-26);
        LogSpace.ExpMinusOne(1e-3).Should().BeApproximately(0.0010005001667083417, 1e-18);
        LogSpace.LogOnePlus(1e-3).Should().BeApproximately(0.0009995003330835331, 1e-18);
    }
}

public class HypergeometricSeriesTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.8)]
    [InlineData(0.95)]
    public void TrySum_2F1WithClosedForm_Matches(double z)
    {
        // Abramowitz & Stegun 15.1.3: 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        HypergeometricSeries.TrySum([1.0, 1.0], [2.0], z, out double sum).Should().BeTrue();
        sum.Should().BeApproximately(-Math.Log(1 - z) / z, 1e-13);
    }

    [Fact]
    public void TrySum_DivergentOrCancelling_ReportsFailure()
    {
        HypergeometricSeries.TrySum([1.0, 1.0], [2.0], 1.5, out _).Should().BeFalse();
        // e^-50 as 1F1(a; a; -50) = sum (-50)^k / k!: terms reach 1e20 for a sum of 2e-22.
        HypergeometricSeries.TrySum([1.0], [1.0], -50, out _).Should().BeFalse();
    }
}

public class BetaQuadratureTests
{
    [Theory]
    [InlineData(0.793, 2.426)]
    [InlineData(0.05, 3)]
    [InlineData(5000, 10_000)]
    [InlineData(0.5, 0.5)]
    public void Mean_Moments_MatchBetaDistribution(double a, double b)
    {
        var q = new BetaQuadrature(a, b);
        q.Mean(0, static (p, _) => p).Should().BeApproximately(a / (a + b), 1e-12 * a / (a + b) + 1e-15);
        q.Mean(0, static (p, _) => p * p).Should().BeApproximately(a * (a + 1) / ((a + b) * (a + b + 1)), 1e-10 * a / (a + b));
        q.CumulativeWeight[^1].Should().BeApproximately(1, 1e-12);
    }
}

public class OptimizationTests
{
    [Fact]
    public void Maximize_Quadratic_ConvergesWithDiagnostics()
    {
        // ln L = -((x - 1)^2 + 10 (y + 2)^2) / 2, maximum 0 at (1, -2).
        LogLikelihoodWithGradient f = (v, g) =>
        {
            g[0] = -(v[0] - 1);
            g[1] = -10 * (v[1] + 2);
            return -((v[0] - 1) * (v[0] - 1) + 10 * (v[1] + 2) * (v[1] + 2)) / 2;
        };
        var result = MaximumLikelihood.Maximize(f, [0.0, 0.0], 1, 100, 1e-10);
        result.Converged.Should().BeTrue();
        result.Point[0].Should().BeApproximately(1, 1e-8);
        result.Point[1].Should().BeApproximately(-2, 1e-8);
        result.LogLikelihood.Should().BeApproximately(0, 1e-12);
        result.GradientNorm.Should().BeLessThan(1e-8);
        result.Iterations.Should().BePositive();
    }

    [Fact]
    public void Hessian_FromGradientAndFromValues_AgreeWithAnalytic()
    {
        // f = -(x^2 + 3xy + 5y^2) / 2: Hessian [[-1, -1.5], [-1.5, -5]].
        LogLikelihoodWithGradient f = (v, g) =>
        {
            g[0] = -(2 * v[0] + 3 * v[1]) / 2;
            g[1] = -(3 * v[0] + 10 * v[1]) / 2;
            return -(v[0] * v[0] + 3 * v[0] * v[1] + 5 * v[1] * v[1]) / 2;
        };
        var fromGradient = NumericalHessian.FromGradient(f, [0.3, -0.2]);
        var fromValues = NumericalHessian.FromValues(v => f(v, new double[2]), [0.3, -0.2]);
        double[,] expected = { { -1, -1.5 }, { -1.5, -5 } };
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                fromGradient[i, j].Should().BeApproximately(expected[i, j], 1e-8);
                fromValues[i, j].Should().BeApproximately(expected[i, j], 1e-5);
            }
        }
    }

    [Fact]
    public void LogScaleStandardErrors_DeltaMethod_ScalesByParameter()
    {
        // Information diag(4, 100) in log space: SE(ln theta) = 0.5 and 0.1; SE(theta) = theta * SE(ln theta).
        var se = NumericalHessian.LogScaleStandardErrors(new double[,] { { -4, 0 }, { 0, -100 } }, [Math.Log(2), Math.Log(10)]);
        se[0].Should().BeApproximately(1.0, 1e-12);
        se[1].Should().BeApproximately(1.0, 1e-12);
        NumericalHessian.LogScaleStandardErrors(new double[,] { { 1, 0 }, { 0, -1 } }, [0.0, 0.0]).Should().OnlyContain(v => double.IsNaN(v));
    }

    [Fact]
    public void LogScaleStandardErrors_NearlySingularInformation_RefusedOnlyWithARelativePivot()
    {
        // Information [[1, 1], [1, 1 + 1e-9]]: Cholesky pivots 1 and 1e-9 (by hand), so Cov = I^-1 has diagonal
        // (1 + 1e-9) / 1e-9 and 1 / 1e-9: finite standard errors of about 3.2e4, unless pivots at most 1e-8 of the largest
        // diagonal entry count as singular (what the analytic Hessian's fits ask), then NaN.
        var hessian = new double[,] { { -1, -1 }, { -1, -1 - 1e-9 } };
        var se = NumericalHessian.LogScaleStandardErrors(hessian, [0.0, 0.0]);
        se[1].Should().BeApproximately(Math.Sqrt(1e9), 1e-6 * Math.Sqrt(1e9));
        NumericalHessian.LogScaleStandardErrors(hessian, [0.0, 0.0], 1e-8).Should().OnlyContain(v => double.IsNaN(v));
        NumericalHessian.LogScaleStandardErrors(new double[,] { { -4, 0 }, { 0, -100 } }, [0.0, 0.0], 1e-8)[0].Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void LogScaleStandardErrors_CorrelatedInformation_DiagonalOfTheInverse()
    {
        // Information I = [[4, 2, 0], [2, 5, 1], [0, 1, 3]] (the Hessian is -I): det I = 4 (15 - 1) - 2 (6 - 0) = 44 and the
        // diagonal cofactors are 14, 12 and 16 (hand computation), so Cov = I^-1 has diagonal 14/44, 12/44, 16/44; at
        // ln theta = (0, ln 2, 0) the standard errors are sqrt(14/44), 2 sqrt(12/44), sqrt(16/44) (delta method).
        var hessian = new double[,] { { -4, -2, 0 }, { -2, -5, -1 }, { 0, -1, -3 } };
        var se = NumericalHessian.LogScaleStandardErrors(hessian, [0.0, Math.Log(2), 0.0]);
        se[0].Should().BeApproximately(Math.Sqrt(14.0 / 44), 1e-14);
        se[1].Should().BeApproximately(2 * Math.Sqrt(12.0 / 44), 1e-14);
        se[2].Should().BeApproximately(Math.Sqrt(16.0 / 44), 1e-14);
    }

    [Fact]
    public void LogScaleStandardErrors_IndefiniteInLastPivotOrNotFinite_AllNaN()
    {
        // [[2, 3], [3, 2]] has determinant -5: the first pivot is positive, the second 2 - 9/2 < 0, so no standard errors.
        NumericalHessian.LogScaleStandardErrors(new double[,] { { -2, -3 }, { -3, -2 } }, [0.0, 0.0]).Should().OnlyContain(v => double.IsNaN(v));
        NumericalHessian.LogScaleStandardErrors(new double[,] { { -2, double.NaN }, { double.NaN, -2 } }, [0.0, 0.0]).Should().OnlyContain(v => double.IsNaN(v));
        NumericalHessian.LogScaleStandardErrors(new double[,] { { -2, 0 }, { 0, double.NegativeInfinity } }, [0.0, 0.0]).Should().OnlyContain(v => double.IsNaN(v));
    }
}
