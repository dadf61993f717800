using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// Parameters of the Gamma-Gamma model of spend per transaction: a customer's transaction amounts are
/// gamma(p, nu), and nu is gamma(q, gamma) across customers (rate gamma).
/// </summary>
public sealed record GammaGammaParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="p">Shape of the per-transaction spend distribution; greater than 0.</param>
    /// <param name="q">Shape of the distribution of nu across customers; greater than 0 (above 1 for a finite mean spend).</param>
    /// <param name="gamma">Scale (in money) of the distribution of nu across customers; greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public GammaGammaParameters(double p, double q, double gamma)
    {
        P = Preconditions.CheckPositive(p);
        Q = Preconditions.CheckPositive(q);
        Gamma = Preconditions.CheckPositive(gamma);
    }

    /// <summary>Shape p of the per-transaction spend distribution.</summary>
    public double P { get; }

    /// <summary>Shape q of the distribution of nu across customers.</summary>
    public double Q { get; }

    /// <summary>Scale gamma of the distribution of nu across customers.</summary>
    public double Gamma { get; }
}

/// <summary>A fitted Gamma-Gamma model.</summary>
/// <param name="Model">The model with the fitted parameters, for predictions.</param>
/// <param name="Estimates">p, q, gamma with standard errors, in that order.</param>
/// <param name="LogLikelihood">The maximized log-likelihood of the mean spends (density of zbar).</param>
/// <param name="Customers">How many customers the fit used (those with x &gt; 0 and a positive mean spend).</param>
/// <param name="Diagnostics">How the optimizer ended.</param>
public sealed record GammaGammaFit(GammaGammaModel Model, ImmutableArray<ParameterEstimate> Estimates, double LogLikelihood, int Customers, FitDiagnostics Diagnostics)
{
    /// <summary>The fitted parameters.</summary>
    public GammaGammaParameters Parameters => Model.Parameters;

    /// <summary>The fit in words, e.g. <c>Gamma-Gamma: name = value (SE se), ...; n customers; converged after k iterations (method), log-likelihood ll</c>.</summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString() => FitText.Describe("Gamma-Gamma", Estimates, Diagnostics);
}

/// <summary>The Gamma-Gamma model of monetary value: fitting and expected spend per transaction.</summary>
/// <remarks>
/// <para>Fader, Hardie &amp; Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
/// Journal of Marketing Research 42(4), 415-430, section "Adding monetary value"; Fader &amp; Hardie (2013),
/// "The Gamma-Gamma model of monetary value", note at brucehardie.com/notes/025. Given x repeat transactions with
/// mean zbar, zbar ~ gamma(p x, nu x); integrating nu ~ gamma(q, gamma) gives the density
/// f(zbar | p, q, gamma, x) = G(px+q) / (G(px) G(q)) gamma^q zbar^(px-1) x^(px) / (gamma + x zbar)^(px+q),
/// maximized here in log space over ln p, ln q, ln gamma with an analytic gradient. Only customers with
/// x &gt; 0 and zbar &gt; 0 carry information; identical (x, zbar) pairs are fitted once with a weight.</para>
/// <para>The model assumes spend per transaction is independent of the transaction process; check the
/// correlation of x and zbar before combining it with a frequency model.</para>
/// </remarks>
public sealed class GammaGammaModel
{
    private const string ModelName = "Gamma-Gamma";
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>Creates the model with known parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public GammaGammaModel(GammaGammaParameters parameters) => Parameters = Preconditions.CheckNotNull(parameters);

    /// <summary>The parameters.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>Fits the model to the customers with repeat transactions.</summary>
    /// <param name="summary">The RFM summary; its frequency and monetary value columns are used.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">No customer has x &gt; 0 and a positive monetary value.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static GammaGammaFit Fit(RfmSummary summary) => Fit(summary, ModelFitOptions.Default);

    /// <summary>Fits the model to the customers with repeat transactions.</summary>
    /// <param name="summary">The RFM summary; its frequency and monetary value columns are used.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">No customer has x &gt; 0 and a positive monetary value.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static GammaGammaFit Fit(RfmSummary summary, ModelFitOptions options)
        => TryFit(summary, options, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model without throwing when the optimizer does not converge.</summary>
    /// <param name="summary">The RFM summary.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException">No customer has x &gt; 0 and a positive monetary value.</exception>
    public static bool TryFit(RfmSummary summary, out GammaGammaFit fit) => TryFit(summary, ModelFitOptions.Default, out fit);

    /// <summary>Fits the model without throwing when the optimizer does not converge.</summary>
    /// <param name="summary">The RFM summary.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException">No customer has x &gt; 0 and a positive monetary value.</exception>
    public static bool TryFit(RfmSummary summary, ModelFitOptions options, out GammaGammaFit fit)
    {
        Preconditions.CheckNotNull(summary);
        Preconditions.CheckNotNull(options);
        var rows = Compress(summary);
        Preconditions.CheckArgument(rows.Customers > 0, nameof(summary), "The Gamma-Gamma model needs customers with at least one repeat transaction and a positive monetary value; there are none.");
        // Degenerate data has no maximum: with one customer, or mean spends that do not vary, the likelihood grows
        // without bound as q and gamma do (the spread between customers is estimated as zero).
        Preconditions.CheckArgument(rows.Customers >= 2, nameof(summary),
            "The Gamma-Gamma model needs at least two customers with a repeat transaction and a positive monetary value; there is one. Use a longer calibration period or more customers, or take the customer's mean spend as is.");
        Preconditions.CheckArgument(rows.Mean.AsSpan().ContainsAnyExcept(rows.Mean[0]), nameof(summary),
            "The Gamma-Gamma model needs mean spends that vary between customers; every repeat buyer's mean spend is the same, so the spread between customers cannot be estimated. Take that mean spend as the expected spend instead.");
        ContactMetricsTelemetry.ModelFitted(ModelName);
        LogLikelihoodWithGradient objective = (theta, gradient) => LogLikelihood(rows, theta, gradient);
        double meanSpend = 0;
        for (int i = 0; i < rows.Weight.Length; i++)
        {
            meanSpend += rows.Weight[i] * rows.Mean[i];
        }
        meanSpend /= rows.Customers;
        // p = 1, q = 2 and gamma matching the mean spend (E[zeta] = p gamma / (q - 1)).
        double[] start = [0.0, Math.Log(2.0), Math.Log(meanSpend)];
        var result = MaximumLikelihood.Maximize(objective, start, rows.Customers, options.MaxIterations, options.GradientTolerance, options.Monitor());
        var se = NumericalHessian.LogScaleStandardErrors(NumericalHessian.FromGradient(objective, result.Point), result.Point);
        // An iterate that ran off to 0 or infinity is not a fit; it is kept (clamped) only to report the diagnostics.
        double[] values = [.. result.Point.Select(v => Math.Clamp(Math.Exp(v), double.Epsilon, double.MaxValue))];
        var parameters = new GammaGammaParameters(values[0], values[1], values[2]);
        var estimates = Enumerable.Range(0, 3).Select(i => new ParameterEstimate(Names[i], values[i], se[i], (long)rows.Customers)).ToImmutableArray();
        var (converged, message) = FitChecks.Identified(result.Converged, result.Message, result.Point, se);
        var diagnostics = new FitDiagnostics(converged, result.Iterations, result.LogLikelihood, result.GradientNorm, result.Method, message);
        fit = new GammaGammaFit(new GammaGammaModel(parameters), estimates, result.LogLikelihood, (int)rows.Customers, diagnostics);
        return converged;
    }

    /// <summary>The log-density of a customer's mean spend (see the remarks).</summary>
    /// <param name="x">Repeat transactions; at least 1.</param>
    /// <param name="meanSpend">The mean spend zbar of those transactions; greater than 0.</param>
    /// <returns>ln f(zbar | p, q, gamma, x).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double LogLikelihood(int x, double meanSpend)
    {
        Preconditions.CheckPositive(x);
        Preconditions.CheckPositive(meanSpend);
        var p = Parameters;
        return RowLogLikelihood(p.P, p.Q, p.Gamma, x, meanSpend);
    }

    /// <summary>
    /// The mean spend per transaction across customers, E[zeta] = p gamma / (q - 1)
    /// (FHL 2005 JMR, the mean of the inverse-gamma mixing distribution); what a customer with x = 0 is expected to spend.
    /// </summary>
    /// <returns>The population mean spend per transaction.</returns>
    /// <exception cref="InvalidOperationException">q is at most 1: the mean is infinite.</exception>
    public double MeanSpend()
    {
        var p = Parameters;
        if (!(p.Q > 1))
        {
            throw new InvalidOperationException($"The population mean spend is infinite when q <= 1; q = {p.Q}.");
        }
        return p.P * p.Gamma / (p.Q - 1);
    }

    /// <summary>
    /// Why the model gives a customer without repeat purchases no finite expected spend (q at most 1: E[Z | x] =
    /// p (gamma + x zbar) / (p x + q - 1) is infinite at x = 0), so there is no customer value; null when q &gt; 1.
    /// </summary>
    internal string? NoFiniteMeanSpend() => Parameters.Q > 1 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The Gamma-Gamma fit has q = {Parameters.Q:G4} (at most 1), so a customer's expected spend has no finite mean: the repeat buyers' spend varies too little, or there are too few of them, for the model; no customer value.");

    /// <summary>
    /// A customer's expected spend per transaction given x transactions with mean zbar (FHL 2005 JMR, eq. 4):
    /// (gamma + x zbar) p / (p x + q - 1), a weighted mean of the population mean and zbar.
    /// </summary>
    /// <param name="x">Repeat transactions; at least 0 (0 gives the population mean).</param>
    /// <param name="meanSpend">The mean spend zbar of those transactions; at least 0 (ignored when x = 0).</param>
    /// <returns>E[Z | p, q, gamma, zbar, x].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="InvalidOperationException">p x + q is at most 1: the expectation is infinite.</exception>
    public double ConditionalExpectedSpend(int x, double meanSpend)
    {
        Preconditions.CheckNonNegative(x);
        Preconditions.CheckNonNegative(meanSpend);
        var p = Parameters;
        double denominator = p.P * x + p.Q - 1;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException($"The expected spend is infinite when p x + q <= 1; p = {p.P}, q = {p.Q}, x = {x}.");
        }
        return (p.Gamma + x * meanSpend) * p.P / denominator;
    }

    /// <summary>
    /// The expected spend per transaction of every customer of a batch: <see cref="ConditionalExpectedSpend(int, double)"/>
    /// for each (x, zbar), equal to it to the last bit.
    /// </summary>
    /// <param name="frequency">Repeat transactions x; at least 0.</param>
    /// <param name="meanSpend">Mean spends zbar; at least 0; as many as frequencies.</param>
    /// <param name="destination">Receives E[Z | x, zbar] of each customer, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names its index).</exception>
    /// <exception cref="InvalidOperationException">p x + q is at most 1 for some customer: the expectation is infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ConditionalExpectedSpend(ReadOnlySpan<int> frequency, ReadOnlySpan<double> meanSpend, Span<double> destination)
    {
        PredictionBatch.CheckLength(meanSpend.Length, frequency.Length, nameof(meanSpend));
        PredictionBatch.CheckLength(destination.Length, frequency.Length, nameof(destination));
        var p = Parameters;
        for (int i = SpendVectors(p, frequency, meanSpend, destination); i < frequency.Length; i++)
        {
            int x = frequency[i];
            double zbar = meanSpend[i];
            if (x < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frequency), x, $"The frequency at index {i} must be at least 0.");
            }
            if (!(zbar >= 0) || !double.IsFinite(zbar))
            {
                throw new ArgumentOutOfRangeException(nameof(meanSpend), zbar, $"The mean spend at index {i} must be a finite number of at least 0.");
            }
            double denominator = p.P * x + p.Q - 1;
            if (!(denominator > 0))
            {
                throw new InvalidOperationException($"The expected spend is infinite when p x + q <= 1; p = {p.P}, q = {p.Q}, x = {x} (index {i}).");
            }
            destination[i] = (p.Gamma + x * zbar) * p.P / denominator;
        }
    }

    /// <summary>
    /// The expected spends of the customers four at a time, the scalar form's operations in the same order (so the same values
    /// to the last bit), up to the first group of four with a frequency below 0, a mean spend that is negative or not finite, or
    /// p x + q at most 1; returns the index from which the checked scalar loop goes on (and throws for that customer).
    /// </summary>
    private static int SpendVectors(GammaGammaParameters p, ReadOnlySpan<int> frequency, ReadOnlySpan<double> meanSpend, Span<double> destination)
    {
        if (!VectorMath.IsSupported)
        {
            return 0;
        }
        var pv = Vector256.Create(p.P);
        var qv = Vector256.Create(p.Q);
        var gv = Vector256.Create(p.Gamma);
        var infinity = Vector256.Create(double.PositiveInfinity);
        int i = 0;
        for (; i <= frequency.Length - 4; i += 4)
        {
            var x = VectorMath.LoadFrequencies(frequency, i);
            var zbar = VectorMath.Load(meanSpend, i);
            var denominator = pv * x + qv - Vector256<double>.One;
            var valid = Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero) & Vector256.GreaterThanOrEqual(zbar, Vector256<double>.Zero)
                & Vector256.LessThan(zbar, infinity) & Vector256.GreaterThan(denominator, Vector256<double>.Zero);
            if (!Vector256.EqualsAll(valid.AsInt64(), Vector256<long>.AllBitsSet))
            {
                break;
            }
            VectorMath.Store((gv + x * zbar) * pv / denominator, destination, i);
        }
        return i;
    }

    /// <summary>
    /// The weighted unique (x, zbar) rows, in order of first appearance, with ln x and ln zbar of each row and each row's
    /// frequency as an index into the distinct frequencies (the gamma and digamma terms depend on x only).
    /// </summary>
    private sealed record SpendRows(double[] Weight, int[] Frequency, double[] Mean, double Customers, double[] LogFrequency, double[] LogMean, int[] FrequencyIndex, int[] DistinctFrequencies);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SpendRows Compress(RfmSummary summary)
    {
        // The repeat buyers' distinct (x, zbar) in order of first appearance, each weighted by its customers.
        var pairs = new HistoryCounts();
        var frequency = summary.Frequency.AsSpan();
        var monetary = summary.MonetaryValue.AsSpan();
        for (int i = 0; i < frequency.Length; i++)
        {
            int x = frequency[i];
            double zbar = monetary[i];
            if (x != 0 && zbar > 0)
            {
                pairs.Add(x, zbar, 0.0);
            }
        }
        int m = pairs.Count;
        var weight = pairs.Weights();
        var xs = new int[m];
        var means = new double[m];
        for (int j = 0; j < m; j++)
        {
            xs[j] = pairs.X(j);
            means[j] = pairs.First(j);
        }
        var logX = new double[m];
        var logZ = new double[m];
        var frequencyIndex = new int[m];
        var distinct = new Dictionary<int, int>();
        for (int j = 0; j < m; j++)
        {
            logX[j] = Math.Log(xs[j]);
            logZ[j] = Math.Log(means[j]);
            ref int k = ref CollectionsMarshal.GetValueRefOrAddDefault(distinct, xs[j], out bool seen);
            if (!seen)
            {
                k = distinct.Count - 1;
            }
            frequencyIndex[j] = k;
        }
        var distinctFrequencies = new int[distinct.Count];
        foreach (var (x, k) in distinct)
        {
            distinctFrequencies[k] = x;
        }
        return new SpendRows(weight, xs, means, weight.Sum(), logX, logZ, frequencyIndex, distinctFrequencies);
    }

    /// <summary>
    /// The log-likelihood of the weighted rows and its gradient in (ln p, ln q, ln gamma). The terms of a frequency x (the
    /// gamma and digamma functions of p x and p x + q, with those of q and ln gamma) are computed once per distinct x and
    /// ln x, ln zbar once per row before the fit, so a row costs one logarithm; every row's value is the operations of
    /// <see cref="RowLogLikelihood"/> in the same order, so the sum is the same to the last bit, and its gradient is that
    /// value's derivatives: x (psi(px+q) - psi(px) + ln zbar + ln x - ln(g + x zbar)), psi(px+q) - psi(q) + ln g - ln(g + x zbar)
    /// and q/g - (px+q)/(g + x zbar), times p, q and g for the log-parameters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LogLikelihood(SpendRows rows, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = Math.Exp(theta[0]), q = Math.Exp(theta[1]), g = Math.Exp(theta[2]);
        gradient.Clear();
        if (!(double.IsFinite(p) && double.IsFinite(q) && double.IsFinite(g)) || p == 0 || q == 0 || g == 0)
        {
            return double.NaN;
        }
        var frequencies = rows.DistinctFrequencies;
        // Per distinct x: G(px+q) - G(px) - G(q) + q ln g, psi(px+q) - psi(px) and psi(px+q) - psi(q) + ln g.
        var constant = new double[frequencies.Length];
        var dp = new double[frequencies.Length];
        var dq = new double[frequencies.Length];
        double gammaLnQ = SpecialFunctions.GammaLn(q), digammaQ = SpecialFunctions.DiGamma(q), logG = Math.Log(g);
        for (int k = 0; k < frequencies.Length; k++)
        {
            double px = p * frequencies[k];
            double psi = SpecialFunctions.DiGamma(px + q);
            constant[k] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - gammaLnQ + q * logG;
            dp[k] = psi - SpecialFunctions.DiGamma(px);
            dq[k] = psi - digammaQ + logG;
        }
        double total = 0, g0 = 0, g1 = 0, g2 = 0;
        for (int i = 0; i < rows.Weight.Length; i++)
        {
            double w = rows.Weight[i];
            int x = rows.Frequency[i], k = rows.FrequencyIndex[i];
            double px = p * x, zbar = rows.Mean[i];
            double logZ = rows.LogMean[i], logSum = Math.Log(g + x * zbar);
            total += w * (constant[k] + (px - 1) * logZ + px * rows.LogFrequency[i] - (px + q) * logSum);
            g0 += w * (x * (dp[k] + logZ + rows.LogFrequency[i] - logSum));
            g1 += w * (dq[k] - logSum);
            g2 += w * (q / g - (px + q) / (g + x * zbar));
        }
        gradient[0] = g0 * p;
        gradient[1] = g1 * q;
        gradient[2] = g2 * g;
        return total;
    }

    private static double RowLogLikelihood(double p, double q, double g, int x, double zbar)
    {
        double px = p * x;
        double logX = Math.Log(x), logZ = Math.Log(zbar), logSum = Math.Log(g + x * zbar);
        return SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(q)
            + q * Math.Log(g) + (px - 1) * logZ + px * logX - (px + q) * logSum;
    }
}
