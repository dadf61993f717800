using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The modified beta-geometric/NBD model (MBG/NBD) of repeat buying: the BG/NBD with a dropout opportunity also at the
/// first purchase, so that customers without repeat purchases can be inactive.
/// </summary>
/// <remarks>
/// <para>Batislam, Denizel &amp; Filiztekin (2007), "Empirical validation and comparison of models for customer base
/// analysis", International Journal of Research in Marketing 24(3), 201-209 (BDF). While alive a customer buys as a
/// Poisson process with rate lambda ~ gamma(r, alpha); at time 0 and after every repeat purchase the customer drops out
/// with probability p ~ beta(a, b). The individual likelihood is (1-p)^(x+1) lambda^x e^(-lambda T) + p (1-p)^x lambda^x
/// e^(-lambda t_x); mixed over lambda and p (BDF):</para>
/// <para>ln L = ln G(r+x) - ln G(r) + r ln alpha + ln G(b+x+1) - ln G(b) + ln G(a+b) - ln G(a+b+x+1) - (r+x) ln(alpha+T)
/// + ln(1 + e^D), D = ln(a / (b+x)) + (r+x) ln((alpha+T) / (alpha+t_x)),</para>
/// <para>in log space, with an analytic gradient. P(alive) = 1 / (1 + e^D) for every x (also x = 0, unlike the BG/NBD).
/// An alive customer at T has survived x + 1 dropout opportunities, so its dropout probability is beta(a, b+x+1) and its
/// future purchases follow the BG/NBD's: E[Y(t) | x, t_x, T] = P(alive) E[(1 - (1 + p t/(alpha+T))^-(r+x)) / p],
/// p ~ beta(a, b+x+1), which equals BDF's (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
/// 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive) for a &gt; 1 (tested) and is computed like the BG/NBD's expectation
/// (series or logit-scale quadrature), so it holds for every a &gt; 0.</para>
/// </remarks>
public sealed class ModifiedBetaGeometricNbdModel : ITransactionModel
{
    private const string ModelName = "MBG/NBD";
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model with known parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public ModifiedBetaGeometricNbdModel(MbgNbdParameters parameters) => Parameters = Preconditions.CheckNotNull(parameters);

    /// <inheritdoc />
    public string Name => ModelName;

    /// <summary>The parameters.</summary>
    public MbgNbdParameters Parameters { get; }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows (<see cref="RfmSummary.Compress"/>).</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static MbgNbdFit Fit(CompressedRfmSummary data) => Fit(data, ModelFitOptions.Default);

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static MbgNbdFit Fit(CompressedRfmSummary data, ModelFitOptions options)
        => TryFit(data, options, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, out MbgNbdFit fit) => TryFit(data, ModelFitOptions.Default, out fit);

    /// <summary>Fits the model by maximum likelihood without throwing when the optimizer does not converge.</summary>
    /// <param name="data">The weighted unique (x, t_x, T) rows.</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public static bool TryFit(CompressedRfmSummary data, ModelFitOptions options, out MbgNbdFit fit)
    {
        Preconditions.CheckNotNull(data);
        Preconditions.CheckNotNull(options);
        Preconditions.CheckArgument(data.Count > 0, nameof(data), "Cannot fit a model to no customers.");
        ContactMetricsTelemetry.ModelFitted(ModelName);
        LogLikelihoodWithGradient objective = (theta, gradient) => LogLikelihood(data, theta, gradient);
        double alpha = Math.Max(data.Age.Sum(), 1e-3) / Math.Max(data.Frequency.Sum(), 1e-3);
        var result = LogParameterFit.Run(objective, null, [0.0, Math.Log(alpha), 0.0, 0.0], data.TotalWeight, options, Names);
        var v = result.Values;
        fit = new MbgNbdFit(new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(v[0], v[1], v[2], v[3])), result.Estimates, result.LogLikelihood, result.Diagnostics);
        return result.Converged;
    }

    /// <summary>The log-likelihood of weighted customer histories (BDF, weighted sum).</summary>
    /// <param name="data">The weighted rows.</param>
    /// <returns>The sum over rows of weight times the individual log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    public double LogLikelihood(CompressedRfmSummary data)
    {
        Preconditions.CheckNotNull(data);
        var p = Parameters;
        return LogLikelihood(data, [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.A), Math.Log(p.B)], new double[4]);
    }

    /// <summary>The log-likelihood of one customer history (BDF).</summary>
    /// <param name="x">Frequency: repeat transactions; at least 0.</param>
    /// <param name="recency">Recency t_x; in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T; at least 0.</param>
    /// <returns>ln L(r, alpha, a, b | x, t_x, T).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The history is out of range.</exception>
    public double LogLikelihood(int x, double recency, double age)
    {
        RfmSummary.CheckRow("history", x, recency, age, 0);
        var p = Parameters;
        return RowLogLikelihood(p.R, p.Alpha, p.A, p.B, x, recency, age, default);
    }

    /// <summary>
    /// The probability that a customer with the given history is still alive at T (BDF): 1 / (1 + a/(b+x)
    /// ((alpha+T)/(alpha+t_x))^(r+x)), below 1 also for customers without repeat purchases.
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
    /// The expected number of repeat transactions in (0, t] of a customer who has just made the first purchase (BDF:
    /// b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]), computed as b/(a+b) E[(1 - (1 + p t/alpha)^-r) / p]
    /// with p ~ beta(a, b+1), valid for every a &gt; 0.
    /// </summary>
    /// <param name="t">The length of the period, in the model's period unit; at least 0.</param>
    /// <returns>E[X(t)].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedTransactions(double t)
    {
        Preconditions.CheckNonNegative(t);
        var p = Parameters;
        return p.B / (p.A + p.B) * BetaGeometricNbdModel.ExpectedDropoutWeightedCount(p.R, p.A, p.B + 1, t / p.Alpha);
    }

    /// <summary>The expected number of transactions in (T, T + t] of a customer with history (x, t_x, T) (BDF; see the remarks).</summary>
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
        var p = Parameters;
        return ProbabilityAliveUnchecked(x, recency, age) * BetaGeometricNbdModel.ExpectedDropoutWeightedCount(p.R + x, p.A, p.B + x + 1, t / (p.Alpha + age));
    }

    /// <summary>P(alive) of every customer of a batch: <see cref="ProbabilityAlive(int, double, double)"/> for each (x, t_x, T), in one pass.</summary>
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
        BetaGeometricNbdModel.AliveBatch(p.R, p.Alpha, p.A, p.B, 0, false, frequency, recency, age, destination);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] of every customer of a batch: <see cref="ConditionalExpectedTransactions(double, int, double, double)"/>
    /// for each customer, equal to it within a few units in the last place; the factor of (x, T) is computed once per distinct (x, T).
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
        BetaGeometricNbdModel.ExpectedTransactionsBatch(t, p.R, p.Alpha, p.A, p.B, 0, false, 1, frequency, recency, age, destination);
    }

    private double ProbabilityAliveUnchecked(int x, double recency, double age)
    {
        var p = Parameters;
        double d = Math.Log(p.A) - Math.Log(p.B + x) + (p.R + x) * (Math.Log(p.Alpha + age) - Math.Log(p.Alpha + recency));
        return LogSpace.Logistic(-d);
    }

    private static double LogLikelihood(CompressedRfmSummary data, ReadOnlySpan<double> theta, Span<double> gradient)
        => LogParameterFit.SumRows(data, theta, gradient, RowLogLikelihood);

    /// <summary>BDF's likelihood in log space; fills the gradient with respect to (r, alpha, a, b) when a span is given.</summary>
    private static double RowLogLikelihood(double r, double alpha, double a, double b, int x, double recency, double age, Span<double> gradient)
    {
        double logAlphaT = Math.Log(alpha + age);
        double logRatio = logAlphaT - Math.Log(alpha + recency);
        double d = Math.Log(a) - Math.Log(b + x) + (r + x) * logRatio;
        double ll = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha)
            + SpecialFunctions.GammaLn(b + x + 1) - SpecialFunctions.GammaLn(b) + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(a + b + x + 1)
            - (r + x) * logAlphaT + LogSpace.Log1pExp(d);
        if (!gradient.IsEmpty)
        {
            double share = LogSpace.Logistic(d);
            double psiAb = SpecialFunctions.DiGamma(a + b), psiAbx = SpecialFunctions.DiGamma(a + b + x + 1);
            gradient[0] = SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + Math.Log(alpha) - logAlphaT + share * logRatio;
            gradient[1] = r / alpha - (r + x) / (alpha + age) + share * (r + x) * (1 / (alpha + age) - 1 / (alpha + recency));
            gradient[2] = psiAb - psiAbx + share / a;
            gradient[3] = SpecialFunctions.DiGamma(b + x + 1) - SpecialFunctions.DiGamma(b) + psiAb - psiAbx - share / (b + x);
        }
        return ll;
    }
}
