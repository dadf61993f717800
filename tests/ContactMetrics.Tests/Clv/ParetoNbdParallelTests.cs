using ContactMetrics.Clv;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The Pareto/NBD likelihood pass over rows in fixed chunks: the same value, gradient and fit to the last bit whatever the
/// number of workers, and the same value as summing the rows one at a time.
/// </summary>
public class ParetoNbdParallelTests
{
    private static readonly double[][] Thetas =
    [
        [Math.Log(0.55), Math.Log(10.6), Math.Log(0.61), Math.Log(11.7)],
        [0.0, Math.Log(5.0), 0.0, Math.Log(30.0)],
        [Math.Log(2.0), Math.Log(40.0), Math.Log(0.3), Math.Log(3.0)],
    ];

    [Fact]
    public void LogLikelihood_OneTwoOrFourWorkers_BitIdenticalValueAndGradient()
    {
        var data = LargeRfmSample.Rows.Value;
        data.Count.Should().BeGreaterThan(2 * LogParameterFit.RowsPerChunk, "the rows must span several chunks for the parallel pass to run");
        foreach (var theta in Thetas)
        {
            var sequential = new double[4];
            double value = ParetoNbdModel.LogLikelihood(data, theta, sequential, maxDegreeOfParallelism: 1);
            foreach (int workers in new[] { 2, 4 })
            {
                var gradient = new double[4];
                ParetoNbdModel.LogLikelihood(data, theta, gradient, workers).Should().Be(value, $"{workers} workers");
                gradient.Should().Equal(sequential, $"{workers} workers");
                ParetoNbdModel.LogLikelihood(data, theta, [], workers).Should().Be(value, $"{workers} workers, value only");
            }
        }
    }

    [Fact]
    public void LogLikelihood_ChunkedRows_MatchesRowByRowSum()
    {
        // Every row counted once across the chunk boundaries: the weighted sum of the per-history log-likelihood (a separate
        // path that computes each row's ln F itself) agrees to summation rounding.
        var data = LargeRfmSample.Rows.Value;
        var theta = Thetas[0];
        var model = new ParetoNbdModel(new ParetoNbdParameters(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3])));
        double expected = LargeRfmSample.WeightedRowSum(model.LogLikelihood);
        ParetoNbdModel.LogLikelihood(data, theta, [], 4).Should().BeApproximately(expected, 1e-11 * Math.Abs(expected));
    }

    [Fact]
    public void TryFit_OneTwoOrFourWorkers_BitIdenticalFit()
    {
        var data = LargeRfmSample.Rows.Value;
        ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: true, out var sequential, maxDegreeOfParallelism: 1).Should().BeTrue();
        foreach (int workers in new[] { 2, 4 })
        {
            ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: true, out var fit, workers).Should().BeTrue();
            fit.LogLikelihood.Should().Be(sequential.LogLikelihood, $"{workers} workers");
            fit.Estimates.Should().Equal(sequential.Estimates, $"{workers} workers");
            fit.Diagnostics.Should().Be(sequential.Diagnostics, $"{workers} workers");
        }
    }
}
