using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>The steps every maximum-likelihood model here shares: maximize over log-parameters, standard errors, diagnostics.</summary>
internal static class LogParameterFit
{
    /// <summary>
    /// The weighted log-likelihood of (x, t_x, T) rows for a model with four positive parameters held as logarithms, and
    /// its gradient with respect to those logarithms (chain rule: d/d ln(theta) = theta d/d theta); NaN where a parameter
    /// underflows or overflows, which steers the optimizer back.
    /// </summary>
    internal static double SumRows(CompressedRfmSummary data, ReadOnlySpan<double> theta, Span<double> gradient, FourParameterRow row)
    {
        double p0 = Math.Exp(theta[0]), p1 = Math.Exp(theta[1]), p2 = Math.Exp(theta[2]), p3 = Math.Exp(theta[3]);
        gradient.Clear();
        if (!(double.IsFinite(p0) && double.IsFinite(p1) && double.IsFinite(p2) && double.IsFinite(p3)) || p0 == 0 || p1 == 0 || p2 == 0 || p3 == 0)
        {
            return double.NaN;
        }
        Span<double> rowGradient = stackalloc double[4];
        double total = 0;
        var weights = data.Weight.AsSpan();
        var frequency = data.Frequency.AsSpan();
        var recency = data.Recency.AsSpan();
        var age = data.Age.AsSpan();
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            total += w * row(p0, p1, p2, p3, frequency[i], recency[i], age[i], rowGradient);
            for (int k = 0; k < 4; k++)
            {
                gradient[k] += w * rowGradient[k];
            }
        }
        gradient[0] *= p0;
        gradient[1] *= p1;
        gradient[2] *= p2;
        gradient[3] *= p3;
        return total;
    }

    /// <summary>Rows per chunk of <see cref="SumInChunks"/>.</summary>
    internal const int RowsPerChunk = 16_384;

    /// <summary>One chunk's partial sums over the rows [<paramref name="start"/>, <paramref name="end"/>) into <paramref name="sums"/>.</summary>
    internal delegate void RowChunkSum(int start, int end, Span<double> sums);

    /// <summary>
    /// Sums over rows in fixed chunks of <see cref="RowsPerChunk"/> rows: each chunk's <paramref name="width"/> partial sums
    /// (a value and its gradient) go to the chunk's own slot, in parallel with at most <paramref name="maxDegreeOfParallelism"/>
    /// workers (-1: no bound) when there are at least two chunks, and the slots are added in chunk order into
    /// <paramref name="total"/>. Chunk boundaries depend on the row count only, never on the processor count, so the result is
    /// the same to the last bit whatever the number of workers. A single chunk (CDNOW's 1,016 rows) is summed on the calling
    /// thread.
    /// </summary>
    internal static void SumInChunks(int rows, int width, int maxDegreeOfParallelism, RowChunkSum chunkSum, Span<double> total)
    {
        int chunks = (rows + RowsPerChunk - 1) / RowsPerChunk;
        var sums = new double[width * chunks];
        void Chunk(int c) => chunkSum(c * RowsPerChunk, Math.Min(rows, (c + 1) * RowsPerChunk), sums.AsSpan(width * c, width));
        if (chunks > 1 && maxDegreeOfParallelism != 1)
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, Chunk);
        }
        else
        {
            for (int c = 0; c < chunks; c++)
            {
                Chunk(c);
            }
        }
        total.Clear();
        for (int c = 0; c < chunks; c++)
        {
            for (int k = 0; k < width; k++)
            {
                total[k] += sums[width * c + k];
            }
        }
    }

    /// <summary>
    /// Maximizes <paramref name="objective"/> over the log-parameters from <paramref name="start"/>. Standard errors come
    /// from the Hessian of the analytic gradient, or, when <paramref name="valueOnly"/> is given (the gradient being itself
    /// numerical), from a four-point Hessian of the values, or from <paramref name="hessian"/> (analytic, over the
    /// log-parameters) when given. <paramref name="twoPassLbfgs"/>: see <see cref="MaximumLikelihood.Maximize"/>.
    /// </summary>
    internal static LogParameterFitResult Run(LogLikelihoodWithGradient objective, Func<double[], double>? valueOnly, double[] start, double scale, ModelFitOptions options, ReadOnlySpan<string> names,
        bool twoPassLbfgs = false, Func<double[], double[,]>? hessian = null)
    {
        var result = MaximumLikelihood.Maximize(objective, start, scale, options.MaxIterations, options.GradientTolerance, options.Monitor(), twoPassLbfgs);
        var secondDerivatives = hessian is not null ? hessian(result.Point)
            : valueOnly is null ? NumericalHessian.FromGradient(objective, result.Point) : NumericalHessian.FromValues(valueOnly, result.Point);
        // An analytic Hessian resolves flat directions that central differences could not: refuse them as those did.
        var se = NumericalHessian.LogScaleStandardErrors(secondDerivatives, result.Point, hessian is null ? 0 : 1e-8);
        var values = result.Point.Select(Math.Exp).ToArray();
        var estimates = new ParameterEstimate[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            estimates[i] = new ParameterEstimate(names[i], values[i], se[i], (long)Math.Round(scale));
        }
        var (converged, message) = FitChecks.Identified(result.Converged, result.Message, result.Point, se);
        var diagnostics = new FitDiagnostics(converged, result.Iterations, result.LogLikelihood, result.GradientNorm, result.Method, message);
        return new LogParameterFitResult(values, [.. estimates], result.LogLikelihood, diagnostics);
    }
}

/// <summary>One row's log-likelihood; fills the gradient with respect to the four natural parameters.</summary>
internal delegate double FourParameterRow(double p0, double p1, double p2, double p3, int x, double recency, double age, Span<double> gradient);

/// <summary>The natural parameters, their estimates, the maximized log-likelihood and how the fit ended.</summary>
internal sealed record LogParameterFitResult(double[] Values, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics)
{
    internal bool Converged => Diagnostics.Converged;
}
