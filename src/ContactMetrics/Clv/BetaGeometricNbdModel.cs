using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The beta-geometric/NBD model of repeat buying in a non-contractual setting: fitting and predictions.
/// </summary>
/// <remarks>
/// <para>Fader, Hardie &amp; Lee (2005), "'Counting your customers' the easy way: an alternative to the
/// Pareto/NBD model", Marketing Science 24(2), 275-284 (FHL below). While alive, a customer buys as a Poisson
/// process with rate lambda ~ gamma(r, alpha); after each repeat transaction the customer drops out with
/// probability p ~ beta(a, b). Times are in the period unit of the data.</para>
/// <para>The individual likelihood (FHL eq. 6) is evaluated in log space as
/// ln L = ln G(r+x) - ln G(r) + r ln(alpha) + ln G(b+x) - ln G(b) + ln G(a+b) - ln G(a+b+x) - (r+x) ln(alpha+T)
/// + ln(1 + [x &gt; 0] e^D), with D = ln(a / (b+x-1)) + (r+x) ln((alpha+T) / (alpha+t_x)), so that neither
/// term of the sum can overflow or underflow; its gradient is analytic (digamma functions).</para>
/// <para>Conditional expectations use E[Y(t) | x, t_x, T] = P(alive) E[(1 - (1 + p t / (alpha+T))^-(r+x)) / p]
/// with p ~ beta(a, b+x): the expectation of FHL eq. 10 written without the factor (a+b+x-1)/(a-1), so that it
/// holds for every a &gt; 0 (FHL's closed form needs a &gt; 1 for its parts, though not for the sum). It equals
/// rho s 3F2(rho+1, a, 1; 2, a+beta; -s) with rho = r+x, beta = b+x, s = t/(alpha+T), which is summed as a
/// series when s &lt; 0.9 and the terms do not cancel; otherwise (long horizons for young customers, extreme
/// parameters) the expectation over p is computed by quadrature on the logit scale. Both paths agree to about
/// 1e-10 relative (tested), and stay finite for any finite history.</para>
/// <para>Fitted by MathNet's L-BFGS in two passes on the log-parameters (MathNet's BFGS as the fallback) with the analytic
/// gradient; standard errors from the analytic Hessian (<see cref="LogLikelihoodHessian"/>: inverse observed information,
/// delta method).</para>
/// </remarks>
public sealed class BetaGeometricNbdModel : ITransactionModel
{
    private const string ModelName = "BG/NBD";
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model with known parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public BetaGeometricNbdModel(BgNbdParameters parameters) => Parameters = Preconditions.CheckNotNull(parameters);

    /// <inheritdoc />
    public string Name => ModelName;

    /// <summary>The parameters.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows (<see cref="RfmSummary.Compress"/>).</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static BgNbdFit Fit(CompressedRfmSummary data) => Fit(data, ModelFitOptions.Default);

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows (<see cref="RfmSummary.Compress"/>).</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static BgNbdFit Fit(CompressedRfmSummary data, ModelFitOptions options)
        => TryFit(data, options, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, out BgNbdFit fit) => TryFit(data, ModelFitOptions.Default, out fit);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, ModelFitOptions options, out BgNbdFit fit)
        => TryFit(data, options, -1, out fit);

    /// <summary>The fit with at most <paramref name="maxDegreeOfParallelism"/> workers (-1: no bound), which do not change the result.</summary>
    internal static bool TryFit(CompressedRfmSummary data, ModelFitOptions options, int maxDegreeOfParallelism, out BgNbdFit fit)
    {
        Preconditions.CheckNotNull(data);
        Preconditions.CheckNotNull(options);
        Preconditions.CheckArgument(data.Count > 0, nameof(data), "Cannot fit a model to no customers.");
        LogLikelihoodWithGradient objective = (theta, gradient) => LogLikelihood(data, theta, gradient, maxDegreeOfParallelism);
        ContactMetricsTelemetry.ModelFitted(ModelName);
        var result = LogParameterFit.Run(objective, null, StartingPoint(data), data.TotalWeight, options, Names, twoPassLbfgs: true);
        var v = result.Values;
        fit = new BgNbdFit(new BetaGeometricNbdModel(new BgNbdParameters(v[0], v[1], v[2], v[3])), result.Estimates, result.LogLikelihood, result.Diagnostics);
        return result.Converged;
    }

    /// <summary>The log-likelihood of weighted customer histories (FHL eq. 6, weighted sum).</summary>
    /// <param name="data">The weighted rows.</param>
    /// <returns>The sum over rows of weight times the individual log-likelihood.</returns>
    public double LogLikelihood(CompressedRfmSummary data)
    {
        Preconditions.CheckNotNull(data);
        var p = Parameters;
        return LogLikelihood(data, [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.A), Math.Log(p.B)], new double[4]);
    }

    /// <summary>The log-likelihood of one customer history (FHL eq. 6).</summary>
    /// <param name="x">Frequency: repeat transactions; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>ln L(r, alpha, a, b | x, t_x, T).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    public double LogLikelihood(int x, double recency, double age)
    {
        RfmSummary.CheckRow("history", x, recency, age, 0);
        var p = Parameters;
        return RowLogLikelihood(p.R, p.Alpha, p.A, p.B, x, recency, age);
    }

    /// <summary>
    /// The probability that a customer with the given history is still alive at T (FHL 2005, appendix, and
    /// Fader, Hardie &amp; Lee, note "Computing P(alive) using the BG/NBD model", brucehardie.com): 1 when x = 0, otherwise
    /// 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)), evaluated in log space.
    /// </summary>
    /// <param name="x">Frequency; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>P(alive), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    public double ProbabilityAlive(int x, double recency, double age)
    {
        RfmSummary.CheckRow("history", x, recency, age, 0);
        return ProbabilityAliveUnchecked(x, recency, age);
    }

    /// <summary>
    /// The expected number of repeat transactions in (0, t] of a customer who has just made the first purchase
    /// (FHL eq. 7: (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]).
    /// </summary>
    /// <param name="t">The length of the period, in the model's period unit; at least 0.</param>
    /// <returns>E[X(t)].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedTransactions(double t)
    {
        Preconditions.CheckNonNegative(t);
        var p = Parameters;
        return ExpectedDropoutWeightedCount(p.R, p.A, p.B, t / p.Alpha);
    }

    /// <summary>
    /// The probability that a customer who has just made the first purchase makes exactly <paramref name="count"/>
    /// repeat transactions in (0, t] (FHL eq. 8):
    /// B(a, b+n)/B(a, b) G(r+n)/(G(r) n!) (alpha/(alpha+t))^r (t/(alpha+t))^n
    /// + [n &gt; 0] B(a+1, b+n-1)/B(a, b) [1 - (alpha/(alpha+t))^r sum_{j&lt;n} G(r+j)/(G(r) j!) (t/(alpha+t))^j].
    /// </summary>
    /// <remarks>
    /// The bracket is the upper tail P(N &gt;= n) of the gamma-Poisson (negative binomial) count N, computed as the
    /// regularized incomplete beta function I_{t/(alpha+t)}(n, r) rather than as 1 minus a sum, so that it keeps its
    /// relative precision when it is small; the other factors are evaluated in log space.
    /// </remarks>
    /// <param name="count">The number of repeat transactions n; at least 0.</param>
    /// <param name="t">The length of the period, in the model's period unit; at least 0.</param>
    /// <returns>P(X(t) = n), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ProbabilityOfTransactions(int count, double t)
    {
        Preconditions.CheckNonNegative(count);
        Preconditions.CheckNonNegative(t);
        if (t == 0)
        {
            return count == 0 ? 1.0 : 0.0;
        }
        var p = Parameters;
        double logBeta = SpecialFunctions.BetaLn(p.A, p.B);
        double logShareAlpha = -LogSpace.LogOnePlus(t / p.Alpha);   // ln(alpha / (alpha + t))
        double logShareT = -LogSpace.LogOnePlus(p.Alpha / t);       // ln(t / (alpha + t))
        double aliveAll = SpecialFunctions.BetaLn(p.A, p.B + count) - logBeta
            + SpecialFunctions.GammaLn(p.R + count) - SpecialFunctions.GammaLn(p.R) - SpecialFunctions.GammaLn(count + 1.0)
            + p.R * logShareAlpha + count * logShareT;
        double probability = Math.Exp(aliveAll);
        if (count > 0)
        {
            double tail = SpecialFunctions.BetaRegularized(count, p.R, Math.Exp(logShareT));
            probability += Math.Exp(SpecialFunctions.BetaLn(p.A + 1, p.B + count - 1) - logBeta) * tail;
        }
        return Math.Clamp(probability, 0.0, 1.0);
    }

    /// <summary>
    /// The expected number of transactions in (T, T + t] of a customer with history (x, t_x, T) (FHL eq. 10).
    /// </summary>
    /// <param name="t">The length of the future period, in the model's period unit; at least 0.</param>
    /// <param name="x">Frequency; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>E[Y(t) | x, t_x, T].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ConditionalExpectedTransactions(double t, int x, double recency, double age)
    {
        Preconditions.CheckNonNegative(t);
        RfmSummary.CheckRow("history", x, recency, age, 0);
        return ConditionalExpectedTransactionsUnchecked(t, x, recency, age);
    }

    /// <summary>
    /// P(alive) of every customer of a batch: <see cref="ProbabilityAlive(int, double, double)"/> for each (x, t_x, T), in
    /// one pass (ln a - ln(b + x - 1) once per distinct x, then one logarithm and one exponential per customer, four customers at a time).
    /// </summary>
    /// <param name="frequency">Frequencies x; at least 0.</param>
    /// <param name="recency">Recencies t_x, in [0, T], 0 when x = 0; as many as frequencies.</param>
    /// <param name="age">Ages T; at least 0; as many as frequencies.</param>
    /// <param name="destination">Receives P(alive) of each customer, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A history is out of range (the message names its index).</exception>
    public void ProbabilityAlive(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        PredictionBatch.CheckHistories(frequency, recency, age, destination.Length);
        var p = Parameters;
        AliveBatch(p.R, p.Alpha, p.A, p.B, -1, true, frequency, recency, age, destination);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] of every customer of a batch: <see cref="ConditionalExpectedTransactions(double, int, double, double)"/>
    /// for each customer, equal to it within a few units in the last place (vector logarithms and exponentials). It is
    /// P(alive) times a factor of (x, T) only (see the class remarks), which is computed once per distinct (x, T), in parallel
    /// when there are many; the rest is P(alive) per customer.
    /// </summary>
    /// <param name="t">The length of the future period, in the model's period unit; at least 0.</param>
    /// <param name="frequency">Frequencies x; at least 0.</param>
    /// <param name="recency">Recencies t_x, in [0, T], 0 when x = 0; as many as frequencies.</param>
    /// <param name="age">Ages T; at least 0; as many as frequencies.</param>
    /// <param name="destination">Receives E[Y(t)] of each customer, in order; as many as frequencies.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (for a history, the message names its index).</exception>
    public void ConditionalExpectedTransactions(double t, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        Preconditions.CheckNonNegative(t);
        PredictionBatch.CheckHistories(frequency, recency, age, destination.Length);
        var p = Parameters;
        ExpectedTransactionsBatch(t, p.R, p.Alpha, p.A, p.B, -1, true, 0, frequency, recency, age, destination);
    }

    /// <summary>
    /// P(alive) = 1 / (1 + a / (b + x + <paramref name="offset"/>) ((alpha + T) / (alpha + t_x))^(r + x)) of every customer:
    /// offset -1 for BG/NBD, where x = 0 means alive (<paramref name="zeroIsAlive"/>), and 0 for MBG/NBD.
    /// </summary>
    internal static void AliveBatch(double r, double alpha, double a, double b, double offset, bool zeroIsAlive, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
        => AliveRows(r, alpha, a, b, offset, zeroIsAlive, frequency, recency, age, default, default, destination);

    /// <summary>
    /// E[Y(t)] = P(alive) E[(1 - (1 + p s)^-(r+x)) / p] of every customer, with P(alive) as in <see cref="AliveBatch"/> and
    /// p ~ beta(a, b + x + <paramref name="betaOffset"/>), s = t / (alpha + T) (<see cref="ExpectedDropoutWeightedCount"/>): offsets
    /// -1 and 0 for BG/NBD, 0 and 1 for MBG/NBD. The count and ln(alpha + T) are computed once per distinct (x, T), in parallel
    /// when there are many, with quadrature nodes once per x; per customer there remain one logarithm and the logistic.
    /// </summary>
    internal static void ExpectedTransactionsBatch(double t, double r, double alpha, double a, double b, double offset, bool zeroIsAlive, double betaOffset,
        ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        var slots = new int[frequency.Length];
        var pairs = FrequencyTimePairs.Of(frequency, age, slots);
        var counts = new double[pairs.Count];
        var logAlphaT = new double[pairs.Count];
        var nodes = new QuadratureByFrequency(x => new BetaQuadrature(a, b + x + betaOffset));
        PredictionBatch.ForEachPair(pairs.Count, k =>
        {
            int x = pairs.X(k);
            counts[k] = ExpectedDropoutWeightedCount(r + x, a, b + x + betaOffset, t / (alpha + pairs.T(k)), () => nodes.For(x));
            logAlphaT[k] = Math.Log(alpha + pairs.T(k));
        });
        AliveRows(r, alpha, a, b, offset, zeroIsAlive, frequency, recency, age, slots, logAlphaT, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] *= counts[slots[i]];
        }
    }

    /// <summary>
    /// P(alive) = 1 / (1 + a / (b + x + offset) ((alpha + T) / (alpha + t_x))^(r + x)) of every customer, the same operations as
    /// the scalar forms: ln a - ln(b + x + offset) once per x below 64, and ln(alpha + T) from <paramref name="logAlphaT"/> by
    /// each row's pair when given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AliveRows(double r, double alpha, double a, double b, double offset, bool zeroIsAlive, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<int> slots, ReadOnlySpan<double> logAlphaT, Span<double> destination)
    {
        double logA = Math.Log(a);
        Span<double> oddsOfX = stackalloc double[64];
        oddsOfX.Fill(double.NaN);
        bool cached = !slots.IsEmpty;
        for (int i = AliveVectors(r, alpha, a, b, offset, zeroIsAlive, frequency, recency, age, destination); i < frequency.Length; i++)
        {
            int x = frequency[i];
            if (x == 0 && zeroIsAlive)
            {
                destination[i] = 1.0;
                continue;
            }
            double odds = x < oddsOfX.Length ? oddsOfX[x] : double.NaN;
            if (double.IsNaN(odds))
            {
                odds = logA - Math.Log(b + x + offset);
                if (x < oddsOfX.Length)
                {
                    oddsOfX[x] = odds;
                }
            }
            double logAge = cached ? logAlphaT[slots[i]] : Math.Log(alpha + age[i]);
            destination[i] = LogSpace.Logistic(-(odds + (r + x) * (logAge - Math.Log(alpha + recency[i]))));
        }
    }

    /// <summary>
    /// <see cref="AliveRows"/> four customers at a time with one vector logarithm, of (alpha + T) / (alpha + t_x), and one
    /// exponential per customer (equal to the scalar rows within a few units in the last place: the ratio's rounding moves the
    /// logistic's argument by (r + x) 1e-16 at most), up to the first group of four with a frequency of 64 or more; returns how
    /// many customers it did (a multiple of 4; 0 without vector hardware). P(alive) is the same to the last bit whether or not
    /// E[Y] follows (the pairs' logarithms are not used here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveVectors(double r, double alpha, double a, double b, double offset, bool zeroIsAlive, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        if (!VectorMath.IsSupported)
        {
            return 0;
        }
        // ln a - ln(b + x + offset) for x below 64, as the scalar rows compute it.
        Span<double> oddsOfX = stackalloc double[64];
        double logA = Math.Log(a);
        for (int x = 0; x < oddsOfX.Length; x++)
        {
            oddsOfX[x] = logA - Math.Log(b + x + offset);
        }
        var alphaV = Vector256.Create(alpha);
        var rV = Vector256.Create(r);
        var aliveWhenZero = zeroIsAlive ? Vector256<double>.AllBitsSet : Vector256<double>.Zero;
        int i = 0;
        for (; i <= frequency.Length - 4; i += 4)
        {
            int x0 = frequency[i], x1 = frequency[i + 1], x2 = frequency[i + 2], x3 = frequency[i + 3];
            if ((uint)(x0 | x1 | x2 | x3) >= (uint)oddsOfX.Length)
            {
                break;
            }
            var x = VectorMath.LoadFrequencies(frequency, i);
            var odds = Vector256.Create(oddsOfX[x0], oddsOfX[x1], oddsOfX[x2], oddsOfX[x3]);
            // ((alpha + T) / (alpha + t_x))^(r + x) through one logarithm of the ratio.
            var logRatio = Vector256.Log((alphaV + VectorMath.Load(age, i)) / (alphaV + VectorMath.Load(recency, i)));
            var alive = VectorMath.Logistic(-(odds + (rV + x) * logRatio));
            var one = Vector256.Equals(x, Vector256<double>.Zero) & aliveWhenZero;
            VectorMath.Store(Vector256.ConditionalSelect(one, Vector256<double>.One, alive), destination, i);
        }
        return i;
    }

    internal double ConditionalExpectedTransactionsUnchecked(double t, int x, double recency, double age, Func<int, BetaQuadrature>? quadratureForFrequency = null)
    {
        var p = Parameters;
        double alive = ProbabilityAliveUnchecked(x, recency, age);
        return alive * ExpectedDropoutWeightedCount(p.R + x, p.A, p.B + x, t / (p.Alpha + age), quadratureForFrequency is null ? null : () => quadratureForFrequency(x));
    }

    /// <summary>Quadrature nodes for the dropout probability of customers with x repeat transactions (beta(a, b + x)).</summary>
    internal BetaQuadrature QuadratureForFrequency(int x) => new(Parameters.A, Parameters.B + x);

    internal double ProbabilityAliveUnchecked(int x, double recency, double age)
    {
        if (x == 0)
        {
            return 1.0;
        }
        var p = Parameters;
        return LogSpace.Logistic(-AliveLogOdds(p.R, p.Alpha, p.A, p.B, x, recency, age));
    }

    /// <summary>
    /// E[(1 - (1 + p s)^-rho) / p] for p ~ beta(a, beta): the expected number of transactions of an alive
    /// customer whose posterior rate is gamma(rho, alpha + T), over a period s (alpha + T) long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ExpectedDropoutWeightedCount(double rho, double a, double beta, double s, Func<BetaQuadrature>? quadrature = null)
    {
        if (s == 0)
        {
            return 0.0;
        }
        // Term k (from 1) of the series is (-1)^(k+1) (rho)_k s^k (a)_(k-1) / (k! (a+beta)_(k-1)).
        if (s < 0.9 && HypergeometricSeries.TrySum([rho + 1, a, 1.0], [2.0, a + beta], -s, out double sum))
        {
            return rho * s * sum;
        }
        return DropoutWeightedCountByQuadrature(rho, s, quadrature?.Invoke() ?? new BetaQuadrature(a, beta));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double DropoutWeightedCountByQuadrature(double rho, double s, BetaQuadrature q)
    {
        // Below p = 1e-9 / (rho s), 1 - (1 + ps)^-rho = rho p s (1 - (rho + 1) p s / 2) to 1e-18 relative: two look-ups.
        int first = q.FirstAtLeast(1e-9 / (rho * s));
        double total = rho * s * (q.CumulativeWeight[first] - (rho + 1) * s / 2 * q.CumulativeWeightP[first]);
        var nodes = q.P;
        var weights = q.Weight;
        for (int i = first; i < nodes.Length; i++)
        {
            double p = nodes[i];
            // 1 - (1 + ps)^-rho without cancellation.
            total -= weights[i] * LogSpace.ExpMinusOne(-rho * LogSpace.LogOnePlus(p * s)) / p;
        }
        return total;
    }

    private static double AliveLogOdds(double r, double alpha, double a, double b, int x, double recency, double age)
        => Math.Log(a) - Math.Log(b + x - 1) + (r + x) * (Math.Log(alpha + age) - Math.Log(alpha + recency));

    private static double[] StartingPoint(CompressedRfmSummary data)
    {
        double x = 0, t = 0;
        for (int i = 0; i < data.Count; i++)
        {
            x += data.Weight[i] * data.Frequency[i];
            t += data.Weight[i] * data.Age[i];
        }
        // r = 1 and alpha matching the mean purchase rate; a = b = 1 (uniform dropout probability).
        double alpha = Math.Max(t, 1e-3) / Math.Max(x, 1e-3);
        return [0.0, Math.Log(alpha), 0.0, 0.0];
    }

    /// <summary>
    /// The weighted sum of <see cref="RowLogLikelihood"/> over the rows and its gradient with respect to the log-parameters,
    /// summed in fixed chunks (<see cref="LogParameterFit.SumInChunks"/>) with at most <paramref name="maxDegreeOfParallelism"/>
    /// workers (-1: no bound), which do not change the result.
    /// </summary>
    internal static double LogLikelihood(CompressedRfmSummary data, ReadOnlySpan<double> theta, Span<double> gradient, int maxDegreeOfParallelism = -1)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
        gradient.Clear();
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(a) && double.IsFinite(b)) || r == 0 || alpha == 0 || a == 0 || b == 0)
        {
            return double.NaN;
        }
        bool withGradient = !gradient.IsEmpty;
        // ln(alpha + t) once per distinct recency or age (the same operations as per row, so the same values).
        var times = data.Times;
        var logAlphaTime = LogAlphaTimes(times, alpha);
        Span<double> sums = stackalloc double[5];
        LogParameterFit.SumInChunks(data.Count, 5, maxDegreeOfParallelism, (start, end, chunkSums) => SumRows(data, new RowParameters(r, alpha, a, b, times, logAlphaTime), withGradient, start, end, chunkSums), sums);
        if (withGradient)
        {
            gradient[0] = sums[1] * r;
            gradient[1] = sums[2] * alpha;
            gradient[2] = sums[3] * a;
            gradient[3] = sums[4] * b;
        }
        return sums[0];
    }

    /// <summary>
    /// The weighted log-likelihood of the rows [<paramref name="start"/>, <paramref name="end"/>) and, when
    /// <paramref name="withGradient"/>, its gradient with respect to (r, alpha, a, b), into <paramref name="sums"/> (value,
    /// then the four derivatives). Rows come ordered by x (<see cref="CompressedRfmSummary"/>), so the gamma and digamma
    /// terms, which depend on x and the parameters only, are computed once per distinct x (and afresh at the start of the
    /// range); ln(alpha + t) comes from the table of the rows' distinct times (<see cref="CompressedRfmSummary.Times"/>), so a row
    /// with x &gt; 0 costs one logarithm and one exponential, and a row with x = 0 neither.
    /// </summary>
    private static void SumRows(CompressedRfmSummary data, RowParameters parameters, bool withGradient, int start, int end, Span<double> sums)
    {
        var (r, alpha, a, b, times, logAlphaTime) = parameters;
        var weights = data.Weight.AsSpan();
        var frequency = data.Frequency.AsSpan();
        var recency = data.Recency.AsSpan();
        var age = data.Age.AsSpan();
        double logAlpha = Math.Log(alpha), logA = Math.Log(a);
        double gammaR = SpecialFunctions.GammaLn(r), gammaB = SpecialFunctions.GammaLn(b), gammaAb = SpecialFunctions.GammaLn(a + b);
        double psiR = withGradient ? SpecialFunctions.DiGamma(r) : 0, psiB = withGradient ? SpecialFunctions.DiGamma(b) : 0, psiAb = withGradient ? SpecialFunctions.DiGamma(a + b) : 0;
        int lastX = -1;
        double constant = 0, oddsConstant = 0, g0 = 0, g2 = 0, g3 = 0, bx1 = 0;
        double total = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        for (int i = start; i < end; i++)
        {
            int x = frequency[i];
            if (x != lastX)
            {
                lastX = x;
                constant = SpecialFunctions.GammaLn(r + x) - gammaR + r * logAlpha + SpecialFunctions.GammaLn(b + x) - gammaB + gammaAb - SpecialFunctions.GammaLn(a + b + x);
                bx1 = b + x - 1;
                oddsConstant = x > 0 ? logA - Math.Log(bx1) : 0;
                if (withGradient)
                {
                    (g0, g2, g3) = DigammaTerms(r, a, b, x, psiR, psiB, psiAb, logAlpha);
                }
            }
            double w = weights[i];
            double alphaT = alpha + age[i];
            double logAlphaT = logAlphaTime[times.AgeIndex[i]];
            double rx = r + x;
            double ll = constant - rx * logAlphaT;
            double share = 0, logRatio = 0, alphaTx = 0;
            if (x > 0)
            {
                alphaTx = alpha + recency[i];
                logRatio = logAlphaT - logAlphaTime[times.RecencyIndex[i]];
                double d = oddsConstant + rx * logRatio;
                // ln(1 + e^d) and the logistic of d (LogSpace.Log1pExp and Logistic, the same operations) from one e^-|d|.
                double e = Math.Exp(-Math.Abs(d));
                ll += d > 0 ? d + Math.Log(1.0 + e) : LogSpace.LogOnePlus(e);
                share = d >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            }
            total += w * ll;
            if (withGradient)
            {
                d0 += w * (g0 - logAlphaT + share * logRatio);
                d1 += w * (r / alpha - rx / alphaT + (x > 0 ? share * rx * (1 / alphaT - 1 / alphaTx) : 0));
                d2 += w * (g2 + (x > 0 ? share / a : 0));
                d3 += w * (g3 - (x > 0 ? share / bx1 : 0));
            }
        }
        sums[0] = total;
        sums[1] = d0;
        sums[2] = d1;
        sums[3] = d2;
        sums[4] = d3;
    }

    /// <summary>
    /// The Hessian of the weighted log-likelihood with respect to the log-parameters (ln r, ln alpha, ln a, ln b), analytic:
    /// one pass over the rows in place of the eight gradient evaluations of central differences, with about 14 digits instead
    /// of their 8-10. With p = e^theta, d^2 ll / d theta_i d theta_j = p_i p_j ll_ij + [i = j] p_i ll_i, where, per row
    /// (<see cref="SumRows"/>'s terms; s = logistic(D), s' = s (1 - s), L = ln((alpha + T) / (alpha + t_x)),
    /// M = 1 / (alpha + T) - 1 / (alpha + t_x), rho = r + x, beta = b + x - 1):
    /// ll_rr = psi'(r+x) - psi'(r) + s' L^2; ll_r alpha = 1/alpha - 1/(alpha+T) + s' rho M L + s M;
    /// ll_alpha alpha = -r/alpha^2 + rho/(alpha+T)^2 + s' (rho M)^2 + s rho (1/(alpha+t_x)^2 - 1/(alpha+T)^2);
    /// ll_ra = s' L / a; ll_rb = -s' L / beta; ll_alpha a = s' rho M / a; ll_alpha b = -s' rho M / beta;
    /// ll_aa = psi'(a+b) - psi'(a+b+x) + (s' - s) / a^2; ll_ab = psi'(a+b) - psi'(a+b+x) - s' / (a beta);
    /// ll_bb = psi'(b+x) - psi'(b) + psi'(a+b) - psi'(a+b+x) + (s' + s) / beta^2 (the s terms only for x &gt; 0).
    /// Non-finite parameters give a NaN matrix (no standard errors).
    /// </summary>
    internal static double[,] LogLikelihoodHessian(CompressedRfmSummary data, ReadOnlySpan<double> theta)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
        var hessian = new double[4, 4];
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(a) && double.IsFinite(b)) || r == 0 || alpha == 0 || a == 0 || b == 0)
        {
            for (int i = 0; i < 4; i++)
            {
                hessian[i, i] = double.NaN;
            }
            return hessian;
        }
        var times = data.Times;
        var logAlphaTime = LogAlphaTimes(times, alpha);
        var weights = data.Weight.AsSpan();
        var frequency = data.Frequency.AsSpan();
        var recency = data.Recency.AsSpan();
        var age = data.Age.AsSpan();
        double logAlpha = Math.Log(alpha), logA = Math.Log(a);
        double psiR = SpecialFunctions.DiGamma(r), psiB = SpecialFunctions.DiGamma(b), psiAb = SpecialFunctions.DiGamma(a + b);
        double psi1R = Trigamma.Of(r), psi1B = Trigamma.Of(b), psi1Ab = Trigamma.Of(a + b);
        int lastX = -1;
        double oddsConstant = 0, g0 = 0, g2 = 0, g3 = 0, bx1 = 0, h00 = 0, h22 = 0, h33 = 0;
        // The gradient (natural parameters) and the ten second derivatives, summed over the rows.
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        double rr = 0, ralpha = 0, alphaAlpha = 0, ra = 0, rb = 0, alphaA = 0, alphaB = 0, aa = 0, ab = 0, bb = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            int x = frequency[i];
            if (x != lastX)
            {
                lastX = x;
                bx1 = b + x - 1;
                oddsConstant = x > 0 ? logA - Math.Log(bx1) : 0;
                double psi1Abx = Trigamma.Of(a + b + x);
                (g0, g2, g3) = DigammaTerms(r, a, b, x, psiR, psiB, psiAb, logAlpha);
                h00 = Trigamma.Of(r + x) - psi1R;
                h22 = psi1Ab - psi1Abx;
                h33 = Trigamma.Of(b + x) - psi1B + psi1Ab - psi1Abx;
            }
            double w = weights[i];
            double alphaT = alpha + age[i];
            double logAlphaT = logAlphaTime[times.AgeIndex[i]];
            double rx = r + x;
            d0 += w * (g0 - logAlphaT);
            d1 += w * (r / alpha - rx / alphaT);
            d2 += w * g2;
            d3 += w * g3;
            rr += w * h00;
            ralpha += w * (1 / alpha - 1 / alphaT);
            alphaAlpha += w * (rx / (alphaT * alphaT) - r / (alpha * alpha));
            aa += w * h22;
            ab += w * h22;
            bb += w * h33;
            if (x == 0)
            {
                continue;
            }
            double alphaTx = alpha + recency[i];
            double logRatio = logAlphaT - logAlphaTime[times.RecencyIndex[i]];
            double d = oddsConstant + rx * logRatio;
            double e = Math.Exp(-Math.Abs(d));
            double share = d >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            // s (1 - s) = e^-|d| / (1 + e^-|d|)^2 whatever the sign of d.
            double spread = e / ((1.0 + e) * (1.0 + e));
            double m = (recency[i] - age[i]) / (alphaT * alphaTx);
            double dAlpha = rx * m;
            d0 += w * share * logRatio;
            d1 += w * share * dAlpha;
            d2 += w * share / a;
            d3 -= w * share / bx1;
            rr += w * spread * logRatio * logRatio;
            ralpha += w * (spread * dAlpha * logRatio + share * m);
            alphaAlpha += w * (spread * dAlpha * dAlpha + share * rx * (1 / (alphaTx * alphaTx) - 1 / (alphaT * alphaT)));
            ra += w * spread * logRatio / a;
            rb -= w * spread * logRatio / bx1;
            alphaA += w * spread * dAlpha / a;
            alphaB -= w * spread * dAlpha / bx1;
            aa += w * (spread - share) / (a * a);
            ab -= w * spread / (a * bx1);
            bb += w * (spread + share) / (bx1 * bx1);
        }
        double[] p = [r, alpha, a, b];
        double[] gradient = [d0, d1, d2, d3];
        double[,] natural = { { rr, ralpha, ra, rb }, { ralpha, alphaAlpha, alphaA, alphaB }, { ra, alphaA, aa, ab }, { rb, alphaB, ab, bb } };
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                hessian[i, j] = p[i] * p[j] * natural[i, j] + (i == j ? p[i] * gradient[i] : 0);
            }
        }
        return hessian;
    }

    /// <summary>ln(alpha + t) of each distinct time of the rows (the same operations as per row, so the same values).</summary>
    private static double[] LogAlphaTimes(DistinctTimes times, double alpha)
    {
        var logAlphaTime = new double[times.Values.Length];
        for (int j = 0; j < logAlphaTime.Length; j++)
        {
            logAlphaTime[j] = Math.Log(alpha + times.Values[j]);
        }
        return logAlphaTime;
    }

    /// <summary>The terms of the gradient in r, a and b that depend on x and the parameters only (digamma functions).</summary>
    private static (double R, double A, double B) DigammaTerms(double r, double a, double b, int x, double psiR, double psiB, double psiAb, double logAlpha)
    {
        double psiAbx = SpecialFunctions.DiGamma(a + b + x);
        return (SpecialFunctions.DiGamma(r + x) - psiR + logAlpha, psiAb - psiAbx, SpecialFunctions.DiGamma(b + x) - psiB + psiAb - psiAbx);
    }

    /// <summary>The parameters of a likelihood evaluation, the rows' distinct times and ln(alpha + t) of each.</summary>
    private readonly record struct RowParameters(double R, double Alpha, double A, double B, DistinctTimes Times, double[] LogAlphaTime);

    /// <summary>FHL eq. 6 in log space for one history (the fit sums the rows, with the gradient, in <see cref="SumRows"/>).</summary>
    private static double RowLogLikelihood(double r, double alpha, double a, double b, int x, double recency, double age)
    {
        double logAlphaT = Math.Log(alpha + age);
        double ll = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha)
            + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(b) + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(a + b + x)
            - (r + x) * logAlphaT;
        if (x > 0)
        {
            double logRatio = logAlphaT - Math.Log(alpha + recency);
            double d = Math.Log(a) - Math.Log(b + x - 1) + (r + x) * logRatio;
            ll += LogSpace.Log1pExp(d);
        }
        return ll;
    }
}
