using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The Pareto/NBD model of repeat buying in a non-contractual setting: fitting and predictions.
/// </summary>
/// <remarks>
/// <para>Schmittlein, Morrison &amp; Colombo (1987), "Counting your customers: who are they and what will they do next?",
/// Management Science 33(1), 1-24 (SMC); formulas as derived in Fader, Hardie &amp; Lee (2005), "A note on deriving the
/// Pareto/NBD model and related expressions", brucehardie.com/notes/009 (FHL note). While alive, a customer buys as a
/// Poisson process with rate lambda ~ gamma(r, alpha); the unobserved lifetime is exponential with rate mu ~ gamma(s, beta),
/// so a customer can drop out at any time, also before the first repeat purchase; lambda and mu independent.</para>
/// <para>Likelihood (FHL note, final likelihood): L = G(r+x) alpha^r beta^s / G(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ]
/// with A0 = F(t_x) - F(T). Both branches are used as published: for alpha &gt;= beta,
/// F(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x); for alpha &lt; beta,
/// F(t) = 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) / (beta+t)^(r+s+x). Each is s int_t^inf (alpha+u)^-(r+x)
/// (beta+u)^-(s+1) du up to the factor, so the argument is in [0, 1) and every series term is positive. Everything is
/// held as a logarithm: ln 2F1 by the series of Euler's transformation (both branches have b &lt; a + 1) with a rigorous
/// tail bound (tanh-sinh quadrature of Euler's integral when the argument is within 4e-5 of 1), ln A0 = ln F(t_x) + ln(-expm1(ln F(T) - ln F(t_x))) and the bracket by
/// log-sum-exp, so that heavy buyers (x = 10,000, where (alpha+T)^-(r+x) underflows) stay finite.</para>
/// <para>Fitted by MathNet's L-BFGS in two passes on the log-parameters (MathNet's BFGS as the fallback) with the analytic
/// gradient, computed in the same pass as the likelihood (the 2F1 series carries its derivatives with respect to its
/// parameters and argument); standard errors from a central-difference Hessian of that gradient (inverse observed
/// information, delta method).</para>
/// </remarks>
public sealed class ParetoNbdModel : ITransactionModel
{
    private const string ModelName = "Pareto/NBD";

    /// <summary>From this many distinct (x, t) pairs on, a likelihood evaluation sums their ln F in parallel, in blocks of <see cref="PairsPerBlock"/>.</summary>
    private const int ParallelPairs = 8_192;

    /// <summary>The pairs one worker takes at a time in the parallel ln F pass.</summary>
    private const int PairsPerBlock = 1_024;
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>Creates the model with known parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public ParetoNbdModel(ParetoNbdParameters parameters) => Parameters = Preconditions.CheckNotNull(parameters);

    /// <inheritdoc />
    public string Name => ModelName;

    /// <summary>The parameters.</summary>
    public ParetoNbdParameters Parameters { get; }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows (<see cref="RfmSummary.Compress"/>).</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static ParetoNbdFit Fit(CompressedRfmSummary data) => Fit(data, ModelFitOptions.Default);

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static ParetoNbdFit Fit(CompressedRfmSummary data, ModelFitOptions options)
        => TryFit(data, options, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, out ParetoNbdFit fit) => TryFit(data, ModelFitOptions.Default, out fit);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, ModelFitOptions options, out ParetoNbdFit fit)
        => TryFit(data, options, analyticGradient: true, out fit);

    /// <summary>
    /// The fit with the analytic gradient (standard errors from differences of it), or with the central-difference gradient
    /// and a four-point Hessian of the values as before the analytic gradient existed (kept as the benchmark baseline);
    /// <paramref name="maxDegreeOfParallelism"/> bounds the workers (-1: no bound), which do not change the result.
    /// </summary>
    internal static bool TryFit(CompressedRfmSummary data, ModelFitOptions options, bool analyticGradient, out ParetoNbdFit fit, int maxDegreeOfParallelism = -1)
    {
        Preconditions.CheckNotNull(data);
        Preconditions.CheckNotNull(options);
        Preconditions.CheckArgument(data.Count > 0, nameof(data), "Cannot fit a model to no customers.");
        ContactMetricsTelemetry.ModelFitted(ModelName);
        var keys = HistoryKeys.Of(data);
        Func<double[], double> value = theta => LogLikelihood(data, keys, theta, [], maxDegreeOfParallelism);
        LogLikelihoodWithGradient objective = analyticGradient
            ? (theta, gradient) => LogLikelihood(data, keys, theta, gradient, maxDegreeOfParallelism)
            : MaximumLikelihood.WithCentralDifferences(value);
        var result = LogParameterFit.Run(objective, analyticGradient ? null : value, StartingPoint(data), data.TotalWeight, options, Names, twoPassLbfgs: analyticGradient);
        var v = result.Values;
        fit = new ParetoNbdFit(new ParetoNbdModel(new ParetoNbdParameters(v[0], v[1], v[2], v[3])), result.Estimates, result.LogLikelihood, result.Diagnostics);
        return result.Converged;
    }

    /// <summary>The log-likelihood of weighted customer histories (FHL note, weighted sum).</summary>
    /// <param name="data">The weighted rows.</param>
    /// <returns>The sum over rows of weight times the individual log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    public double LogLikelihood(CompressedRfmSummary data)
    {
        Preconditions.CheckNotNull(data);
        var p = Parameters;
        return LogLikelihood(data, HistoryKeys.Of(data), [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.S), Math.Log(p.Beta)], [], -1);
    }

    /// <summary>
    /// The weighted log-likelihood at log-parameters (ln r, ln alpha, ln s, ln beta) and its analytic gradient with respect
    /// to them, with at most <paramref name="maxDegreeOfParallelism"/> workers (-1: no bound).
    /// </summary>
    internal static double LogLikelihood(CompressedRfmSummary data, ReadOnlySpan<double> theta, Span<double> gradient, int maxDegreeOfParallelism = -1)
        => LogLikelihood(data, HistoryKeys.Of(data), theta, gradient, maxDegreeOfParallelism);

    /// <summary>The log-likelihood of one customer history (FHL note).</summary>
    /// <param name="x">Frequency: repeat transactions; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>ln L(r, alpha, s, beta | x, t_x, T).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    public double LogLikelihood(int x, double recency, double age)
    {
        RfmSummary.CheckRow("history", x, recency, age, 0);
        var p = Parameters;
        var (alive, dead) = LogTerms(p.R, p.Alpha, p.S, p.Beta, x, recency, age);
        return LogConstant(p.R, p.Alpha, p.S, p.Beta, x) + LogSpace.LogSumExp(alive, dead);
    }

    /// <summary>
    /// The probability that a customer with the given history is still alive at T (SMC 1987; FHL note):
    /// 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0), evaluated in log space.
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
    /// The expected number of transactions in (0, t] of a customer who has just made the first purchase (SMC 1987; FHL note): r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]; the limit r beta / alpha ln(1 + t/beta) at s = 1.
    /// </summary>
    /// <param name="t">The length of the period, in the model's period unit; at least 0.</param>
    /// <returns>E[X(t)].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedTransactions(double t)
    {
        Preconditions.CheckNonNegative(t);
        var p = Parameters;
        return AliveExpectedTransactions(p.R, p.Alpha, p.S, p.Beta, t);
    }

    /// <summary>
    /// The expected number of transactions in (T, T + t] of a customer with history (x, t_x, T) (SMC 1987; FHL
    /// note): P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].
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
    /// P(alive) of every customer of a batch: <see cref="ProbabilityAlive(int, double, double)"/> for each (x, t_x, T), equal
    /// to it within a few units in the last place. ln F (a 2F1 series, the costly part) depends on (x, t) only, so it is
    /// computed once per distinct (x, t_x) and (x, T), in parallel when there are many; the rest is one e^x - 1 per customer,
    /// four customers at a time.
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
        AliveBatch(frequency, recency, age, destination);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] of every customer of a batch: <see cref="ConditionalExpectedTransactions(double, int, double, double)"/>
    /// for each customer, equal to it within a few units in the last place: the batch P(alive) times the closed form of the
    /// alive customer's count.
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
        Batch(t, frequency, recency, age, destination);
    }

    /// <summary>The batch P(alive) on checked histories (see <see cref="Batch"/>).</summary>
    internal void AliveBatch(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
        => Batch(double.NaN, frequency, recency, age, destination);

    /// <summary>
    /// P(alive), or with a horizon <paramref name="t"/> (not NaN) E[Y(t)], of checked histories. Everything but the last
    /// few operations depends on a (x, t) pair: ln F once per distinct (x, t_x) and (x, T), the alive term, the dead term's
    /// constant and the alive customer's expected count once per distinct (x, T); per customer there remain A0 from the two
    /// ln F and the logistic, the same operations in the same order as the scalar forms.
    /// </summary>
    private void Batch(double t, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        var p = Parameters;
        int n = frequency.Length;
        var recencySlot = new int[n];
        var ageSlot = new int[n];
        var pairs = FrequencyTimePairs.Of(frequency, recency, recencySlot);
        pairs.Add(frequency, age, ageSlot);
        var logF = new double[pairs.Count];
        var aliveTerm = new double[pairs.Count];
        var deadConstant = new double[pairs.Count];
        var count = new double[pairs.Count];
        var oddsScale = new double[pairs.Count];
        bool withCount = !double.IsNaN(t);
        PredictionBatch.ForEachPair(pairs.Count, k =>
        {
            int x = pairs.X(k);
            double time = pairs.T(k);
            logF[k] = LogF(p.R, p.Alpha, p.S, p.Beta, x, time);
            aliveTerm[k] = AliveLogTerm(p.R, p.Alpha, p.S, p.Beta, x, time);
            deadConstant[k] = DeadLogConstant(p.R, p.S, x);
            count[k] = withCount ? AliveExpectedTransactionsAt(t, x, time) : 1.0;
            oddsScale[k] = Math.Exp(deadConstant[k] - aliveTerm[k] + logF[k]);
        });
        for (int i = AliveVectors(recencySlot, ageSlot, logF, oddsScale, count, destination); i < n; i++)
        {
            int k = ageSlot[i];
            double alive = LogSpace.Logistic(aliveTerm[k] - DeadLogTerm(deadConstant[k], logF[recencySlot[i]], logF[k]));
            destination[i] = withCount ? alive * count[k] : alive;
        }
    }

    /// <summary>
    /// The per-customer step of <see cref="Batch"/> four customers at a time, written so that it needs one exponential: the odds
    /// of dead to alive, e^(dead - alive) = s/(r+s+x) (F(t_x) - F(T)) / ((alpha+T)^-(r+x) (beta+T)^-s), are
    /// <paramref name="oddsScale"/> (of the (x, T) pair, e^(ln s/(r+s+x) + ln F(T) - alive term)) times e^(ln F(t_x) - ln F(T)) - 1,
    /// and P(alive) = 1 / (1 + odds); 1 when F(t_x) = F(T) (t_x = T), as the scalar form's empty dead term. Equal to the scalar
    /// form within a few units in the last place (tested to 1e-12 relative). Stops, for the checked scalar loop to go on, at the
    /// first group of four whose scale is not a positive normal number or whose odds overflow (P(alive) below 1e-300), where
    /// only the log-space form keeps the digits; returns the index it stopped at (0 without vector hardware).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveVectors(ReadOnlySpan<int> recencySlot, ReadOnlySpan<int> ageSlot, ReadOnlySpan<double> logF, ReadOnlySpan<double> oddsScale, ReadOnlySpan<double> count, Span<double> destination)
    {
        if (!VectorMath.IsSupported)
        {
            return 0;
        }
        var smallest = Vector256.Create(double.Epsilon * (1L << 52));
        var largest = Vector256.Create(1e300);
        int i = 0;
        for (; i <= recencySlot.Length - 4; i += 4)
        {
            int k0 = ageSlot[i], k1 = ageSlot[i + 1], k2 = ageSlot[i + 2], k3 = ageSlot[i + 3];
            var difference = Vector256.Create(logF[recencySlot[i]] - logF[k0], logF[recencySlot[i + 1]] - logF[k1], logF[recencySlot[i + 2]] - logF[k2], logF[recencySlot[i + 3]] - logF[k3]);
            var scale = Vector256.Create(oddsScale[k0], oddsScale[k1], oddsScale[k2], oddsScale[k3]);
            var odds = scale * VectorMath.ExpMinusOne(difference);
            var inRange = Vector256.GreaterThanOrEqual(scale, smallest) & Vector256.LessThan(scale, largest) & Vector256.LessThan(odds, largest);
            if (!Vector256.EqualsAll(inRange.AsInt64(), Vector256<long>.AllBitsSet))
            {
                break;
            }
            var alive = Vector256.ConditionalSelect(Vector256.GreaterThan(difference, Vector256<double>.Zero), Vector256<double>.One / (Vector256<double>.One + odds), Vector256<double>.One);
            VectorMath.Store(alive * Vector256.Create(count[k0], count[k1], count[k2], count[k3]), destination, i);
        }
        return i;
    }

    internal double ConditionalExpectedTransactionsUnchecked(double t, int x, double recency, double age)
    {
        return ProbabilityAliveUnchecked(x, recency, age) * AliveExpectedTransactionsAt(t, x, age);
    }

    /// <summary>E[Y(t) | x, t_x, T] / P(alive): the expected transactions in (T, T + t] of a customer known to be alive at T.</summary>
    internal double AliveExpectedTransactionsAt(double t, int x, double age)
    {
        var p = Parameters;
        return AliveExpectedTransactions(p.R + x, p.Alpha + age, p.S, p.Beta + age, t);
    }

    internal double ProbabilityAliveUnchecked(int x, double recency, double age)
    {
        var p = Parameters;
        var (alive, dead) = LogTerms(p.R, p.Alpha, p.S, p.Beta, x, recency, age);
        return LogSpace.Logistic(alive - dead);
    }

    /// <summary>
    /// E over gamma(rho, a) rates lambda and gamma(s, b) dropout rates of the transactions in (0, t] of a customer alive at 0:
    /// rho b / (a (s-1)) [1 - (b/(b+t))^(s-1)], written as rho b / a (1 - e^-(s-1)L) / (s-1), L = ln(1 + t/b), which is
    /// continuous at s = 1.
    /// </summary>
    private static double AliveExpectedTransactions(double rho, double a, double s, double b, double t)
    {
        double l = LogSpace.LogOnePlus(t / b);
        double c = s - 1;
        double factor = Math.Abs(c * l) < 1e-10 ? l * (1 - c * l / 2) : -LogSpace.ExpMinusOne(-c * l) / c;
        return rho * b / a * factor;
    }

    private static double[] StartingPoint(CompressedRfmSummary data)
    {
        double x = 0, t = 0;
        for (int i = 0; i < data.Count; i++)
        {
            x += data.Weight[i] * data.Frequency[i];
            t += data.Weight[i] * data.Age[i];
        }
        // r = s = 1, alpha matching the mean purchase rate, beta the mean age (a customer lifetime of the order of the data).
        double alpha = Math.Max(t, 1e-3) / Math.Max(x, 1e-3);
        double beta = Math.Max(t / data.TotalWeight, 1e-3);
        return [0.0, Math.Log(alpha), 0.0, Math.Log(beta)];
    }

    /// <summary>
    /// The distinct (x, t) pairs at which a fit needs ln F: each row's (x, t_x) and (x, T). F depends on nothing else, so
    /// each distinct pair's 2F1 series is summed once per likelihood evaluation and shared by the rows (a million
    /// customers with times in whole days have tens of thousands of pairs but hundreds of thousands of rows).
    /// </summary>
    private sealed class HistoryKeys
    {
        private HistoryKeys(int[] x, double[] t, int[] recencyKey, int[] ageKey)
        {
            X = x;
            T = t;
            RecencyKey = recencyKey;
            AgeKey = ageKey;
        }

        public int[] X { get; }

        public double[] T { get; }

        public int[] RecencyKey { get; }

        public int[] AgeKey { get; }

        /// <summary>
        /// Each pair's ln F, rewritten by every evaluation: a fit's evaluations run one after another, so they share it instead
        /// of allocating it each time.
        /// </summary>
        public double[] LogF => field ??= new double[X.Length];

        /// <summary>Each pair's four derivatives of ln F, shared as <see cref="LogF"/>.</summary>
        public double[] DLogF => field ??= new double[4 * X.Length];

        /// <summary>The pairs of the rows: first every (x, t_x), then every (x, T), numbered by <see cref="FrequencyTimePairs"/>.</summary>
        public static HistoryKeys Of(CompressedRfmSummary data)
        {
            var recency = new int[data.Count];
            var age = new int[data.Count];
            var pairs = FrequencyTimePairs.Of(data.Frequency.AsSpan(), data.Recency.AsSpan(), recency);
            pairs.Add(data.Frequency.AsSpan(), data.Age.AsSpan(), age);
            var xs = new int[pairs.Count];
            var ts = new double[pairs.Count];
            for (int k = 0; k < xs.Length; k++)
            {
                xs[k] = pairs.X(k);
                ts[k] = pairs.T(k);
            }
            return new HistoryKeys(xs, ts, recency, age);
        }
    }

    /// <summary>
    /// The weighted log-likelihood at log-parameters; when <paramref name="gradient"/> is not empty, also its gradient with
    /// respect to the log-parameters, from the derivatives of ln F (<see cref="LogF(double, double, double, double, int, double, Span{double})"/>)
    /// and of the terms around it (<see cref="SumRows"/>). ln F of each distinct (x, t) is computed once, each into its own
    /// slot; the rows are then summed in fixed chunks (<see cref="LogParameterFit.SumInChunks"/>), so the result does not depend on
    /// the number of workers.
    /// </summary>
    private static double LogLikelihood(CompressedRfmSummary data, HistoryKeys keys, ReadOnlySpan<double> theta, Span<double> gradient, int maxDegreeOfParallelism)
    {
        bool withGradient = !gradient.IsEmpty;
        if (withGradient)
        {
            gradient.Clear();
        }
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(s) && double.IsFinite(beta)) || r == 0 || alpha == 0 || s == 0 || beta == 0)
        {
            return double.NaN;
        }
        // Every slot of both is written below before the rows read it.
        var logF = keys.LogF;
        var dLogF = withGradient ? keys.DLogF : [];
        void Pairs(int from, int to)
        {
            int k = from;
            if (withGradient && Vector256.IsHardwareAccelerated)
            {
                for (; k + 4 <= to; k += 4)
                {
                    LogFFour(r, alpha, s, beta, keys, k, logF, dLogF);
                }
            }
            for (; k < to; k++)
            {
                logF[k] = withGradient ? LogF(r, alpha, s, beta, keys.X[k], keys.T[k], dLogF.AsSpan(4 * k, 4)) : LogF(r, alpha, s, beta, keys.X[k], keys.T[k]);
            }
        }
        // Each pair's ln F goes to its own slot, so the workers do not change the result. Below ParallelPairs pairs (CDNOW has
        // about 2,000) the pass takes well under a millisecond and stays on the calling thread: handing it to the thread pool
        // costs more on a busy machine than it saves.
        int pairCount = logF.Length;
        if (pairCount >= ParallelPairs && maxDegreeOfParallelism != 1)
        {
            int blocks = (pairCount + PairsPerBlock - 1) / PairsPerBlock;
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c => Pairs(c * PairsPerBlock, Math.Min(pairCount, (c + 1) * PairsPerBlock)));
        }
        else
        {
            Pairs(0, pairCount);
        }
        Span<double> sums = stackalloc double[5];
        LogParameterFit.SumInChunks(data.Count, 5, maxDegreeOfParallelism, (start, end, chunkSums) => SumRows(data, keys, r, alpha, s, beta, logF, dLogF, start, end, chunkSums), sums);
        double total = sums[0], gR = sums[1], gAlpha = sums[2], gS = sums[3], gBeta = sums[4];
        if (withGradient)
        {
            // Chain rule to the log-parameters: d/d ln(theta) = theta d/d theta.
            gradient[0] = gR * r;
            gradient[1] = gAlpha * alpha;
            gradient[2] = gS * s;
            gradient[3] = gBeta * beta;
        }
        return total;
    }

    /// <summary>
    /// The weighted log-likelihood of the rows [<paramref name="start"/>, <paramref name="end"/>) and, when <paramref name="dLogF"/> is not empty, its gradient
    /// with respect to (r, alpha, s, beta), into <paramref name="sums"/> (value, then the four derivatives). d/dr of the
    /// constant is psi(r+x) - psi(r) + ln alpha, of the alive term -ln(alpha+T); d ln A0 = (d ln F(t_x) - e^D d ln F(T)) /
    /// (1 - e^D) with D = ln F(T) - ln F(t_x) &lt; 0; the two bracket terms are weighted by their shares of the bracket.
    /// </summary>
    private static void SumRows(CompressedRfmSummary data, HistoryKeys keys, double r, double alpha, double s, double beta, double[] logF, double[] dLogF, int start, int end, Span<double> sums)
    {
        bool withGradient = dLogF.Length > 0;
        double total = 0, gR = 0, gAlpha = 0, gS = 0, gBeta = 0;
        double logAlpha = Math.Log(alpha), logBeta = Math.Log(beta);
        // Rows come ordered by x (CompressedRfmSummary), so the gamma-function constant changes only with x; each chunk
        // computes it afresh for its first row.
        int lastX = -1;
        double constant = 0, digammaDifference = 0, deadConstant = 0;
        for (int i = start; i < end; i++)
        {
            int x = data.Frequency[i];
            if (x != lastX)
            {
                constant = LogConstant(r, alpha, s, beta, x);
                digammaDifference = withGradient ? SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) : 0;
                deadConstant = DeadLogConstant(r, s, x);
                lastX = x;
            }
            int recencyKey = keys.RecencyKey[i], ageKey = keys.AgeKey[i];
            double age = data.Age[i], w = data.Weight[i];
            // The operations of LogTerms and LogSpace.LogSumExp, with each logarithm and exponential computed once and shared by
            // the value and the gradient (the same values to the last bit).
            double alphaT = alpha + age, betaT = beta + age;
            double logAlphaT = Math.Log(alphaT), logBetaT = Math.Log(betaT);
            double alive = -(r + x) * logAlphaT - s * logBetaT;
            double difference = logF[ageKey] - logF[recencyKey];
            if (!(difference < 0))
            {
                // t_x = T: no room to have died unseen, so the alive term carries the whole bracket.
                total += w * (constant + alive);
                if (withGradient)
                {
                    gR += w * (digammaDifference + logAlpha - logAlphaT);
                    gAlpha += w * (r / alpha + -(r + x) / alphaT);
                    gS += w * (logBeta + -logBetaT);
                    gBeta += w * (s / beta + -s / betaT);
                }
                continue;
            }
            double expMinusOne = LogSpace.ExpMinusOne(difference);
            double dead = deadConstant + (logF[recencyKey] + Math.Log(-expMinusOne));
            // ln(e^alive + e^dead) = max + ln(1 + e), e = e^-|alive - dead|; the shares of the bracket are logistics of the same e.
            double e = Math.Exp(-Math.Abs(alive - dead));
            total += w * (constant + (Math.Max(alive, dead) + Math.Log(1.0 + e)));
            if (!withGradient)
            {
                continue;
            }
            double shareAlive = alive - dead >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            double shareDead = dead - alive >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            double aliveR = -logAlphaT, aliveAlpha = -(r + x) / alphaT, aliveS = -logBetaT, aliveBeta = -s / betaT;
            double ratio = Math.Exp(difference), denominator = -expMinusOne;
            var dRecency = dLogF.AsSpan(4 * recencyKey, 4);
            var dAge = dLogF.AsSpan(4 * ageKey, 4);
            double invRsx = 1 / (r + s + x);
            double deadR = -invRsx + (dRecency[0] - ratio * dAge[0]) / denominator;
            double deadAlpha = (dRecency[1] - ratio * dAge[1]) / denominator;
            double deadS = 1 / s - invRsx + (dRecency[2] - ratio * dAge[2]) / denominator;
            double deadBeta = (dRecency[3] - ratio * dAge[3]) / denominator;
            gR += w * (digammaDifference + logAlpha + (shareAlive * aliveR + shareDead * deadR));
            gAlpha += w * (r / alpha + (shareAlive * aliveAlpha + shareDead * deadAlpha));
            gS += w * (logBeta + (shareAlive * aliveS + shareDead * deadS));
            gBeta += w * (s / beta + (shareAlive * aliveBeta + shareDead * deadBeta));
        }
        sums[0] = total;
        sums[1] = gR;
        sums[2] = gAlpha;
        sums[3] = gS;
        sums[4] = gBeta;
    }

    private static double LogConstant(double r, double alpha, double s, double beta, int x)
        => SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta);

    /// <summary>
    /// The logarithms of the two terms of the bracket of FHL note: alive through T, (alpha+T)^-(r+x) (beta+T)^-s,
    /// and died in (t_x, T], s/(r+s+x) A0 (-infinity when t_x = T).
    /// </summary>
    private static (double Alive, double Dead) LogTerms(double r, double alpha, double s, double beta, int x, double recency, double age)
        => LogTerms(r, alpha, s, beta, x, age, LogF(r, alpha, s, beta, x, recency), LogF(r, alpha, s, beta, x, age));

    private static (double Alive, double Dead) LogTerms(double r, double alpha, double s, double beta, int x, double age, double logFRecency, double logFAge)
        => (AliveLogTerm(r, alpha, s, beta, x, age), DeadLogTerm(DeadLogConstant(r, s, x), logFRecency, logFAge));

    /// <summary>ln of the alive term of the likelihood, -(r+x) ln(alpha+T) - s ln(beta+T): a function of (x, T).</summary>
    private static double AliveLogTerm(double r, double alpha, double s, double beta, int x, double age)
        => -(r + x) * Math.Log(alpha + age) - s * Math.Log(beta + age);

    /// <summary>ln(s / (r+s+x)), the constant of the dead term.</summary>
    private static double DeadLogConstant(double r, double s, int x) => Math.Log(s) - Math.Log(r + s + x);

    /// <summary>ln(s/(r+s+x) A0) with A0 = F(t_x) - F(T) from the logarithms; -infinity when A0 is not positive.</summary>
    private static double DeadLogTerm(double constant, double logFRecency, double logFAge)
    {
        double difference = logFAge - logFRecency;
        if (!(difference < 0))
        {
            return double.NegativeInfinity;
        }
        double logA0 = logFRecency + Math.Log(-LogSpace.ExpMinusOne(difference));
        return constant + logA0;
    }

    /// <summary>ln F(t) of FHL note, choosing the branch by alpha &gt;= beta so that the 2F1 argument is in [0, 1).</summary>
    private static double LogF(double r, double alpha, double s, double beta, int x, double t)
    {
        double a = r + s + x;
        return alpha >= beta
            ? GaussHypergeometric.LogAdjacent(a, s + 1, (alpha - beta) / (alpha + t)) - a * Math.Log(alpha + t)
            : GaussHypergeometric.LogAdjacent(a, r + x, (beta - alpha) / (beta + t)) - a * Math.Log(beta + t);
    }

    /// <summary>
    /// ln F(t) as <see cref="LogF(double, double, double, double, int, double)"/>, and its derivatives with respect to
    /// (r, alpha, s, beta). With a = r+s+x and G = ln 2F1(a, b; a+1; z) (derivatives G_a, G_b, G_z from
    /// <see cref="GaussHypergeometric.LogAdjacent(double, double, double, Span{double}, int)"/>): for alpha &gt;= beta,
    /// b = s+1, z = (alpha-beta)/(alpha+t), dz/dalpha = (beta+t)/(alpha+t)^2, dz/dbeta = -1/(alpha+t); for alpha &lt; beta,
    /// b = r+x, z = (beta-alpha)/(beta+t), dz/dalpha = -1/(beta+t), dz/dbeta = (alpha+t)/(beta+t)^2. Both branches are the
    /// same function (an integral of alpha and beta), so the gradient is continuous where they meet.
    /// </summary>
    private static double LogF(double r, double alpha, double s, double beta, int x, double t, Span<double> gradient)
    {
        var (a, b, z) = Arguments(r, alpha, s, beta, x, t);
        Span<double> g = stackalloc double[3];
        return ChainRule(alpha, beta, t, a, GaussHypergeometric.LogAdjacent(a, b, z, g), g, gradient);
    }

    /// <summary>
    /// <see cref="LogF(double, double, double, double, int, double, Span{double})"/> of the pairs k to k+3 into their slots,
    /// their four 2F1 series summed side by side (<see cref="GaussHypergeometric.LogAdjacentFour"/>: the same values and
    /// derivatives to the last bit); one by one when a lane has z = 0 (alpha = beta), which the scalar form treats apart.
    /// </summary>
    private static void LogFFour(double r, double alpha, double s, double beta, HistoryKeys keys, int k, double[] logF, double[] dLogF)
    {
        Span<double> a = stackalloc double[4];
        Span<double> b = stackalloc double[4];
        Span<double> z = stackalloc double[4];
        Span<double> logOneMinusZ = stackalloc double[4];
        bool apart = false;
        for (int lane = 0; lane < 4; lane++)
        {
            (a[lane], b[lane], z[lane]) = Arguments(r, alpha, s, beta, keys.X[k + lane], keys.T[k + lane]);
            logOneMinusZ[lane] = LogSpace.LogOnePlus(-z[lane]);
            apart |= z[lane] == 0 || !(a[lane] + 1 - b[lane] > 0);
        }
        if (apart)
        {
            for (int lane = k; lane < k + 4; lane++)
            {
                logF[lane] = LogF(r, alpha, s, beta, keys.X[lane], keys.T[lane], dLogF.AsSpan(4 * lane, 4));
            }
            return;
        }
        Span<double> values = stackalloc double[4];
        Span<double> g = stackalloc double[12];
        GaussHypergeometric.LogAdjacentFour(Vector256.Create<double>(a), Vector256.Create<double>(b), Vector256.Create<double>(z), Vector256.Create<double>(logOneMinusZ), values, g);
        for (int lane = 0; lane < 4; lane++)
        {
            logF[k + lane] = ChainRule(alpha, beta, keys.T[k + lane], a[lane], values[lane], g.Slice(3 * lane, 3), dLogF.AsSpan(4 * (k + lane), 4));
        }
    }

    /// <summary>The 2F1 of ln F(t): a = r+s+x, and b = s+1, z = (alpha-beta)/(alpha+t) for alpha &gt;= beta, otherwise b = r+x, z = (beta-alpha)/(beta+t).</summary>
    private static (double A, double B, double Z) Arguments(double r, double alpha, double s, double beta, int x, double t)
    {
        double a = r + s + x;
        return alpha >= beta ? (a, s + 1, (alpha - beta) / (alpha + t)) : (a, r + x, (beta - alpha) / (beta + t));
    }

    /// <summary>ln F(t) and its gradient in (r, alpha, s, beta) from ln 2F1 and its derivatives g (see <see cref="LogF(double, double, double, double, int, double, Span{double})"/>).</summary>
    private static double ChainRule(double alpha, double beta, double t, double a, double logAdjacent, ReadOnlySpan<double> g, Span<double> gradient)
    {
        if (alpha >= beta)
        {
            double alphaT = alpha + t, logAlphaT = Math.Log(alphaT);
            gradient[0] = g[0] - logAlphaT;
            gradient[1] = g[2] * (beta + t) / (alphaT * alphaT) - a / alphaT;
            gradient[2] = g[0] + g[1] - logAlphaT;
            gradient[3] = -g[2] / alphaT;
            return logAdjacent - a * logAlphaT;
        }
        double betaT = beta + t, logBetaT = Math.Log(betaT);
        gradient[0] = g[0] + g[1] - logBetaT;
        gradient[1] = -g[2] / betaT;
        gradient[2] = g[0] - logBetaT;
        gradient[3] = g[2] * (alpha + t) / (betaT * betaT) - a / betaT;
        return logAdjacent - a * logBetaT;
    }
}
