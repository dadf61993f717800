using ContactMetrics.Clv;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The BG/NBD likelihood pass over rows in fixed chunks: the same value, gradient and fit to the last bit whatever the
/// number of workers, and the same value as summing the rows one at a time.
/// </summary>
public class BetaGeometricNbdParallelTests
{
    private static readonly double[][] Thetas =
    [
        [Math.Log(0.243), Math.Log(4.414), Math.Log(0.793), Math.Log(2.426)],
        [0.0, Math.Log(5.0), 0.0, 0.0],
    ];

    [Fact]
    public void LogLikelihood_OneTwoOrFourWorkers_BitIdenticalValueAndGradient()
    {
        var data = LargeRfmSample.Rows.Value;
        data.Count.Should().BeGreaterThan(2 * LogParameterFit.RowsPerChunk, "the rows must span several chunks for the parallel pass to run");
        foreach (var theta in Thetas)
        {
            var sequential = new double[4];
            double value = BetaGeometricNbdModel.LogLikelihood(data, theta, sequential, maxDegreeOfParallelism: 1);
            foreach (int workers in new[] { 2, 4 })
            {
                var gradient = new double[4];
                BetaGeometricNbdModel.LogLikelihood(data, theta, gradient, workers).Should().Be(value, $"{workers} workers");
                gradient.Should().Equal(sequential, $"{workers} workers");
            }
        }
    }

    [Fact]
    public void LogLikelihood_ChunkedRows_MatchesRowByRowSum()
    {
        // Every row counted once across the chunk boundaries: the weighted sum of the per-history log-likelihood (FHL eq. 6
        // with its own gamma terms per row) agrees to summation rounding.
        var data = LargeRfmSample.Rows.Value;
        var theta = Thetas[0];
        var model = new BetaGeometricNbdModel(new BgNbdParameters(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3])));
        double expected = LargeRfmSample.WeightedRowSum(model.LogLikelihood);
        BetaGeometricNbdModel.LogLikelihood(data, theta, [], 4).Should().BeApproximately(expected, 1e-11 * Math.Abs(expected));
    }

    [Fact]
    public void TryFit_OneTwoOrFourWorkers_BitIdenticalFit()
    {
        var data = LargeRfmSample.Rows.Value;
        BetaGeometricNbdModel.TryFit(data, ModelFitOptions.Default, 1, out var sequential).Should().BeTrue();
        foreach (int workers in new[] { 2, 4 })
        {
            BetaGeometricNbdModel.TryFit(data, ModelFitOptions.Default, workers, out var fit).Should().BeTrue();
            fit.LogLikelihood.Should().Be(sequential.LogLikelihood, $"{workers} workers");
            fit.Estimates.Should().Equal(sequential.Estimates, $"{workers} workers");
            fit.Diagnostics.Should().Be(sequential.Diagnostics, $"{workers} workers");
        }
    }
}
