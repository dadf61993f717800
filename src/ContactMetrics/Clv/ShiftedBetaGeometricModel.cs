using System.Collections.Immutable;
using ContactMetrics.Numerics;
using MathNet.Numerics;

namespace ContactMetrics.Clv;

/// <summary>
/// The shifted-beta-geometric (sBG) model of retention in a contractual setting with discrete renewal opportunities
/// (subscriptions renewed each period): fitting, projected survival and retention, and discounted expected residual
/// lifetime.
/// </summary>
/// <remarks>
/// <para>Fader &amp; Hardie (2007), "How to project customer retention", Journal of Interactive Marketing 21(1), 76-90
/// (FH2007). At the end of every period an active customer churns with probability theta, constant for that customer;
/// theta ~ beta(alpha, beta) across customers. The churn period T (the customer paid for periods 1..T) has
/// P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta) (FH2007, sBG derivation), survival S(t) = P(T &gt; t) =
/// B(alpha, beta + t) / B(alpha, beta) and retention rate r(t) = S(t) / S(t - 1) = (beta + t - 1) /
/// (alpha + beta + t - 1), which rises with t: the customers who stay are the ones with low theta.</para>
/// <para>Counting convention: a customer who has made k renewals has survived to T &gt; k; S(t) is the share of a
/// cohort active at the start of period t + 1 (FH2007 tabulate "percent surviving at the start of year t", t = 0..7,
/// with S(0) = 1).</para>
/// <para>Fitted by maximum likelihood (FH2007, appendix: churners contribute ln P(T = t), customers still active after k
/// renewals ln S(k)) with BFGS on ln alpha, ln beta and an analytic gradient (digamma functions); standard errors from
/// the inverse observed information by the delta method.</para>
/// </remarks>
public sealed class ShiftedBetaGeometricModel
{
    private const string ModelName = "sBG";
    private const int SeriesTerms = 1_000_000;

    /// <summary>Creates the model with known parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    public ShiftedBetaGeometricModel(SbgParameters parameters) => Parameters = Preconditions.CheckNotNull(parameters);

    /// <summary>The parameters.</summary>
    public SbgParameters Parameters { get; }

    /// <summary>Fits the model to the survivors of one cohort (FH2007).</summary>
    /// <param name="survivors">
    /// Customers active at the start of period 0, 1, 2, ...: survivors[0] is the cohort size, survivors[k] the number who
    /// made k renewals. Counts or percentages (the estimates are the same); non-increasing, at least two entries.
    /// </param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">The counts are not a valid survivor curve.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static SbgFit Fit(ReadOnlySpan<double> survivors) => Fit(survivors, ModelFitOptions.Default);

    /// <summary>Fits the model to the survivors of one cohort (FH2007).</summary>
    /// <param name="survivors">Customers active at the start of period 0, 1, 2, ... (see <see cref="Fit(ReadOnlySpan{double})"/>).</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">The counts are not a valid survivor curve.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static SbgFit Fit(ReadOnlySpan<double> survivors, ModelFitOptions options)
        => TryFit(survivors, options, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model to the survivors of one cohort without throwing when the optimizer does not converge.</summary>
    /// <param name="survivors">Customers active at the start of period 0, 1, 2, ... (see <see cref="Fit(ReadOnlySpan{double})"/>).</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException">The counts are not a valid survivor curve.</exception>
    public static bool TryFit(ReadOnlySpan<double> survivors, out SbgFit fit) => TryFit(survivors, ModelFitOptions.Default, out fit);

    /// <summary>Fits the model to the survivors of one cohort without throwing when the optimizer does not converge.</summary>
    /// <param name="survivors">Customers active at the start of period 0, 1, 2, ... (see <see cref="Fit(ReadOnlySpan{double})"/>).</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException">The counts are not a valid survivor curve.</exception>
    public static bool TryFit(ReadOnlySpan<double> survivors, ModelFitOptions options, out SbgFit fit)
    {
        Preconditions.CheckNotNull(options);
        return TryFit(RetentionCounts.FromSurvivors(survivors), options, out fit);
    }

    /// <summary>
    /// Fits the model to individual customers, with right censoring: each customer made <paramref name="renewals"/>[i]
    /// renewals and then either churned (did not renew: T = renewals + 1) or is still active (T &gt; renewals).
    /// </summary>
    /// <param name="renewals">Renewals made by each customer; at least 0.</param>
    /// <param name="churned">Whether each customer has churned (<see langword="false"/>: still active, censored).</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, are empty, or a count is negative.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge.</exception>
    public static SbgFit FitIndividuals(ReadOnlySpan<int> renewals, ReadOnlySpan<bool> churned)
        => TryFitIndividuals(renewals, churned, ModelFitOptions.Default, out var fit) ? fit : throw new ModelFitException(ModelName, fit.Diagnostics);

    /// <summary>Fits the model to individual customers with right censoring, without throwing when the optimizer does not converge.</summary>
    /// <param name="renewals">Renewals made by each customer; at least 0.</param>
    /// <param name="churned">Whether each customer has churned (<see langword="false"/>: still active, censored).</param>
    /// <param name="options">Iteration budget and tolerance.</param>
    /// <param name="fit">The fit; when the result is <see langword="false"/>, the last iterate with its diagnostics.</param>
    /// <returns>Whether the fit converged.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, are empty, or a count is negative.</exception>
    public static bool TryFitIndividuals(ReadOnlySpan<int> renewals, ReadOnlySpan<bool> churned, ModelFitOptions options, out SbgFit fit)
    {
        Preconditions.CheckNotNull(options);
        return TryFit(RetentionCounts.FromIndividuals(renewals, churned), options, out fit);
    }

    /// <summary>The log-likelihood of a cohort's survivor counts (FH2007).</summary>
    /// <param name="survivors">Customers active at the start of period 0, 1, 2, ...</param>
    /// <returns>sum over t of (n_(t-1) - n_t) ln P(T = t), plus n_k ln S(k) for the last count.</returns>
    /// <exception cref="ArgumentException">The counts are not a valid survivor curve.</exception>
    public double LogLikelihood(ReadOnlySpan<double> survivors)
        => LogLikelihood(RetentionCounts.FromSurvivors(survivors), [Math.Log(Parameters.Alpha), Math.Log(Parameters.Beta)], new double[2]);

    /// <summary>The probability that a new customer churns at the end of period t: P(T = t) (FH2007).</summary>
    /// <param name="t">The period; at least 1.</param>
    /// <returns>B(alpha + 1, beta + t - 1) / B(alpha, beta).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double ChurnProbability(int t)
    {
        Preconditions.CheckPositive(t);
        return Math.Exp(LogChurnProbability(Parameters.Alpha, Parameters.Beta, t));
    }

    /// <summary>The share of a cohort still active after t renewal opportunities: S(t) = P(T &gt; t) (FH2007).</summary>
    /// <param name="t">The number of periods; at least 0 (S(0) = 1).</param>
    /// <returns>B(alpha, beta + t) / B(alpha, beta), in (0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public double Survival(int t)
    {
        Preconditions.CheckNonNegative(t);
        return Math.Exp(LogSurvival(Parameters.Alpha, Parameters.Beta, t));
    }

    /// <summary>The retention rate of period t: the share of customers active in period t - 1 who renew, r(t) = S(t) / S(t - 1) (FH2007).</summary>
    /// <param name="t">The period; at least 1.</param>
    /// <returns>(beta + t - 1) / (alpha + beta + t - 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double RetentionRate(int t)
    {
        Preconditions.CheckPositive(t);
        var p = Parameters;
        return (p.Beta + t - 1) / (p.Alpha + p.Beta + t - 1);
    }

    /// <summary>
    /// Discounted expected residual lifetime, DERL (Fader &amp; Hardie 2010, "Customer-base valuation in a contractual
    /// setting: the perils of ignoring heterogeneity", Marketing Science 29(1), 85-93, definition of DERL): for a customer who has made
    /// <paramref name="renewals"/> = n - 1 renewals and is at the end of period n, about to decide on the next renewal,
    /// DERL = sum over t &gt;= n of S(t) / S(n - 1) / (1 + d)^(t - n)
    /// = (beta + n - 1) / (alpha + beta + n - 1) 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d)).
    /// </summary>
    /// <param name="renewals">Renewals made so far (n - 1); at least 0.</param>
    /// <param name="discountRate">The discount rate per period, d; at least 0.</param>
    /// <returns>
    /// The expected number of future payments, each discounted to now. Timing: a payment is made at each renewal, the
    /// first (the one about to be decided) is received now and not discounted, the k-th after it is discounted by
    /// (1 + d)^-k. +infinity when d = 0 and alpha &lt;= 1 (the expected lifetime is infinite).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <remarks>
    /// 2F1 is summed in log space with a rigorous tail bound (<c>GaussHypergeometric</c>); it converges like
    /// (1 + d)^-k, so when d is below about 4e-5 the million-term budget runs out and the function is computed as
    /// E[1 / (1 - u / (1 + d))] for u ~ beta(beta + n, alpha) (Euler's integral) by quadrature. At d = 0 Gauss's
    /// theorem gives (alpha + beta + n - 1) / (alpha - 1) for the 2F1.
    /// </remarks>
    public double DiscountedExpectedResidualLifetime(int renewals, double discountRate)
    {
        Preconditions.CheckNonNegative(renewals);
        Preconditions.CheckNonNegative(discountRate);
        var p = Parameters;
        double n = renewals + 1;
        return (p.Beta + n - 1) / (p.Alpha + p.Beta + n - 1) * UnitHypergeometric(p.Beta + n, p.Alpha + p.Beta + n, discountRate);
    }

    /// <summary>
    /// Discounted expected residual value, DERV = margin x DERL (Fader &amp; Hardie 2010: DERL times the margin per
    /// renewal): the value of an existing customer who has made <paramref name="renewals"/> renewals, with the timing
    /// of <see cref="DiscountedExpectedResidualLifetime"/>.
    /// </summary>
    /// <param name="margin">The net cash flow per renewal (any currency; finite).</param>
    /// <param name="renewals">Renewals made so far; at least 0.</param>
    /// <param name="discountRate">The discount rate per period; at least 0.</param>
    /// <returns>margin x DERL.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double DiscountedExpectedResidualValue(double margin, int renewals, double discountRate)
    {
        Preconditions.CheckFinite(margin);
        return margin * DiscountedExpectedResidualLifetime(renewals, discountRate);
    }

    /// <summary>
    /// Discounted expected lifetime of a customer just acquired, DEL = sum over t &gt;= 0 of S(t) / (1 + d)^t
    /// = 2F1(1, beta; alpha + beta; 1 / (1 + d)) (Fader &amp; Hardie 2010, discounted expected lifetime of a new customer): the first payment is made at acquisition
    /// and not discounted, E[CLV] = margin x DEL.
    /// </summary>
    /// <param name="discountRate">The discount rate per period; at least 0.</param>
    /// <returns>DEL; +infinity when d = 0 and alpha &lt;= 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is out of range.</exception>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        Preconditions.CheckNonNegative(discountRate);
        var p = Parameters;
        return UnitHypergeometric(p.Beta, p.Alpha + p.Beta, discountRate);
    }

    /// <summary>2F1(1, b; c; 1/(1+d)) with c - b = alpha &gt; 0.</summary>
    private double UnitHypergeometric(double b, double c, double discountRate)
    {
        if (discountRate == 0)
        {
            return Parameters.Alpha > 1 ? (c - 1) / (Parameters.Alpha - 1) : double.PositiveInfinity;
        }
        double z = 1 / (1 + discountRate);
        if (GaussHypergeometric.TryLogSeries(1, b, c, z, out double log, SeriesTerms))
        {
            return Math.Exp(log);
        }
        double d = discountRate;
        // 1 / (1 - u z) = (1 + d) / (1 + d - u), written so that u near 1 loses nothing.
        return new BetaQuadrature(b, c - b).Mean(d, static (u, d) => (1 + d) / (d + (1 - u)));
    }

    private static bool TryFit(RetentionCounts counts, ModelFitOptions options, out SbgFit fit)
    {
        LogLikelihoodWithGradient objective = (theta, gradient) => LogLikelihood(counts, theta, gradient);
        var result = LogParameterFit.Run(objective, null, [0.0, 0.0], counts.Customers, options, ["alpha", "beta"]);
        fit = new SbgFit(new ShiftedBetaGeometricModel(new SbgParameters(result.Values[0], result.Values[1])), result.Estimates, result.LogLikelihood, result.Diagnostics);
        return result.Converged;
    }

    private static double LogBeta(double a, double b) => SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    private static double LogChurnProbability(double alpha, double beta, int t) => LogBeta(alpha + 1, beta + t - 1) - LogBeta(alpha, beta);

    private static double LogSurvival(double alpha, double beta, int t) => LogBeta(alpha, beta + t) - LogBeta(alpha, beta);

    /// <summary>FH2007's likelihood in ln alpha, ln beta, with its gradient there.</summary>
    private static double LogLikelihood(RetentionCounts counts, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double alpha = Math.Exp(theta[0]), beta = Math.Exp(theta[1]);
        gradient.Clear();
        if (!(double.IsFinite(alpha) && double.IsFinite(beta)) || alpha == 0 || beta == 0)
        {
            return double.NaN;
        }
        double psiA = SpecialFunctions.DiGamma(alpha), psiB = SpecialFunctions.DiGamma(beta), psiAb = SpecialFunctions.DiGamma(alpha + beta);
        double psiA1 = SpecialFunctions.DiGamma(alpha + 1);
        double total = 0, dAlpha = 0, dBeta = 0;
        for (int t = 1; t < counts.Churned.Length; t++)
        {
            double w = counts.Churned[t];
            if (w == 0)
            {
                continue;
            }
            double psiAbt = SpecialFunctions.DiGamma(alpha + beta + t);
            total += w * LogChurnProbability(alpha, beta, t);
            dAlpha += w * (psiA1 - psiAbt - psiA + psiAb);
            dBeta += w * (SpecialFunctions.DiGamma(beta + t - 1) - psiAbt - psiB + psiAb);
        }
        for (int k = 0; k < counts.Active.Length; k++)
        {
            double w = counts.Active[k];
            if (w == 0 || k == 0)
            {
                // ln S(0) = 0: customers who never faced a renewal carry no information.
                continue;
            }
            double psiAbk = SpecialFunctions.DiGamma(alpha + beta + k);
            total += w * LogSurvival(alpha, beta, k);
            dAlpha += w * (psiAb - psiAbk);
            dBeta += w * (SpecialFunctions.DiGamma(beta + k) - psiAbk - psiB + psiAb);
        }
        gradient[0] = dAlpha * alpha;
        gradient[1] = dBeta * beta;
        return total;
    }

    /// <summary>Churners by churn period (Churned[t]: T = t, t &gt;= 1) and active customers by renewals made (Active[k]: T &gt; k).</summary>
    private sealed record RetentionCounts(double[] Churned, double[] Active, double Customers)
    {
        internal static RetentionCounts FromSurvivors(ReadOnlySpan<double> survivors)
        {
            Preconditions.CheckArgument(survivors.Length >= 2, nameof(survivors), $"A survivor curve needs the cohort size and at least one later count; got {survivors.Length} entries.");
            Preconditions.CheckArgument(survivors[0] > 0 && double.IsFinite(survivors[0]), nameof(survivors), $"The cohort size (entry 0) must be a finite number greater than 0; was {survivors[0]}.");
            var churned = new double[survivors.Length];
            for (int t = 1; t < survivors.Length; t++)
            {
                double lost = survivors[t - 1] - survivors[t];
                Preconditions.CheckArgument(survivors[t] >= 0 && lost >= 0 && double.IsFinite(survivors[t]), nameof(survivors), $"Survivor counts must be finite, at least 0 and non-increasing; entry {t} is {survivors[t]} after {survivors[t - 1]}.");
                churned[t] = lost;
            }
            var active = new double[survivors.Length];
            active[^1] = survivors[^1];
            return new RetentionCounts(churned, active, survivors[0]);
        }

        internal static RetentionCounts FromIndividuals(ReadOnlySpan<int> renewals, ReadOnlySpan<bool> churned)
        {
            Preconditions.CheckArgument(renewals.Length == churned.Length, nameof(churned), $"Every customer needs a churn flag: {renewals.Length} renewal counts, {churned.Length} flags.");
            Preconditions.CheckArgument(renewals.Length > 0, nameof(renewals), "Cannot fit a model to no customers.");
            int max = 0;
            for (int i = 0; i < renewals.Length; i++)
            {
                if (renewals[i] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(renewals), renewals[i], $"Customer {i}: renewals must be at least 0.");
                }
                max = Math.Max(max, renewals[i]);
            }
            var lost = new double[max + 2];
            var active = new double[max + 1];
            for (int i = 0; i < renewals.Length; i++)
            {
                if (churned[i])
                {
                    lost[renewals[i] + 1] += 1;
                }
                else
                {
                    active[renewals[i]] += 1;
                }
            }
            return new RetentionCounts(lost, active, renewals.Length);
        }
    }
}
