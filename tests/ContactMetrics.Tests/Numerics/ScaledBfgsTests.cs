using ContactMetrics.Clv;
using ContactMetrics.Numerics;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Numerics;

public class ScaledBfgsTests
{
    [Fact]
    public void TryMinimize_Rosenbrock_ReachesTheMinimumWithinTheCriterion()
    {
        // Rosenbrock (Nocedal & Wright, "Numerical optimization", exercise 2.1): f = 100 (y - x^2)^2 + (1 - x)^2, minimum 0
        // at (1, 1), from the classic start (-1.2, 1).
        int evaluations = 0;
        double F(double[] p, double[] g)
        {
            evaluations++;
            double x = p[0], y = p[1];
            g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
            g[1] = 200 * (y - x * x);
            return 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
        }
        var minimum = ScaledBfgs.TryMinimize(F, [-1.2, 1.0], 1e-10, 1000);
        minimum.Should().NotBeNull();
        minimum!.Point[0].Should().BeApproximately(1, 1e-8);
        minimum.Point[1].Should().BeApproximately(1, 1e-8);
        // The criterion: max |g_i| max(|x_i|, 1) / max(|f|, 1) below the tolerance, at the point returned.
        Math.Max(Math.Abs(minimum.Gradient[0]), Math.Abs(minimum.Gradient[1])).Should().BeLessThan(1e-10 * 1.0001);
        evaluations.Should().BeLessThan(100);
        minimum.Reason.Should().Be("RelativeGradient");
    }

    [Fact]
    public void TryMinimize_NonFiniteAtTheStart_ReturnsNull()
    {
        ScaledBfgs.TryMinimize((p, g) => double.NaN, [0.0, 0.0], 1e-9, 100).Should().BeNull();
    }

    [Fact]
    public void TryMinimize_NoDescentPossible_ReturnsNullForTheFallback()
    {
        // A linear function has no minimum: every line search keeps doubling (and the iterations run out) or fails; either
        // way the caller falls back to MathNet's BFGS.
        double F(double[] p, double[] g)
        {
            g[0] = 1;
            g[1] = -2;
            return p[0] - 2 * p[1];
        }
        ScaledBfgs.TryMinimize(F, [0.0, 0.0], 1e-9, 50).Should().BeNull();
    }

    [Fact]
    public void TryMinimize_InfiniteValueBeyondAWall_StepsBack()
    {
        // f = (x - 3)^2 for x < 4 and +infinity beyond: the first trials past the wall must be treated as too long.
        double F(double[] p, double[] g)
        {
            g[0] = 2 * (p[0] - 3);
            return p[0] < 4 ? (p[0] - 3) * (p[0] - 3) : double.PositiveInfinity;
        }
        var minimum = ScaledBfgs.TryMinimize(F, [-20.0], 1e-12, 100);
        minimum.Should().NotBeNull();
        minimum!.Point[0].Should().BeApproximately(3, 1e-10);
    }

    [Fact]
    public void ParetoNbdFit_ScaledBfgs_SameMaximumAsMathNetBfgsWithHalfTheEvaluations()
    {
        // The Pareto/NBD likelihood on CDNOW maximized by MathNet's BFGS (the optimizer before) and by ScaledBfgs from the same
        // start with the same tolerance: the same maximum within the tolerance (the log-likelihood to 1e-9, the parameters
        // to 1e-6 relative), with at most 35 evaluations against MathNet's 58 (its first line search alone takes 18).
        var rows = CdnowData.Summary.Compress();
        int evaluations = 0;
        LogLikelihoodWithGradient f = (theta, g) =>
        {
            evaluations++;
            return ParetoNbdModel.LogLikelihood(rows, theta, g);
        };
        double x = 0, t = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            x += rows.Weight[i] * rows.Frequency[i];
            t += rows.Weight[i] * rows.Age[i];
        }
        double[] start = [0.0, Math.Log(t / x), 0.0, Math.Log(t / rows.TotalWeight)];
        var mathNet = MaximumLikelihood.Maximize(f, start, rows.TotalWeight, 1000, 1e-9);
        int mathNetEvaluations = evaluations;
        evaluations = 0;
        var scaled = MaximumLikelihood.Maximize(f, start, rows.TotalWeight, 1000, 1e-9, scaledBfgs: true);
        scaled.Converged.Should().BeTrue(scaled.Message);
        scaled.Method.Should().Be("BFGS");
        scaled.LogLikelihood.Should().BeApproximately(mathNet.LogLikelihood, 1e-9);
        for (int i = 0; i < 4; i++)
        {
            Math.Exp(scaled.Point[i]).Should().BeApproximately(Math.Exp(mathNet.Point[i]), 1e-6 * Math.Exp(mathNet.Point[i]), $"parameter {i}");
        }
        // The log-likelihood and gradient reported are those at the point returned.
        var g = new double[4];
        ParetoNbdModel.LogLikelihood(rows, scaled.Point, g).Should().Be(scaled.LogLikelihood);
        scaled.GradientNorm.Should().Be(Math.Sqrt(g.Sum(v => v * v)));
        evaluations.Should().BeLessThanOrEqualTo(35);
        mathNetEvaluations.Should().BeGreaterThan(evaluations + 15);
    }
}
