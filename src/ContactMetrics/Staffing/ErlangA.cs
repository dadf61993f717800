using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// Erlang A (Palm's M/M/N+M queue): Poisson arrivals at rate <c>lambda</c>, exponential handle times
/// with rate <c>mu = 1 / AHT</c>, <c>N</c> agents, a first-come-first-served queue, and an exponential
/// patience with rate <c>theta = 1 / mean patience</c>: a waiting contact abandons when its patience
/// runs out before an agent takes it.
/// </summary>
/// <remarks>
/// <para><b>The chain, exactly.</b> The number of contacts in the system is a birth-death process with
/// birth rate <c>lambda</c> and death rate <c>n mu</c> in states <c>n &lt;= N</c> and <c>N mu + k theta</c>
/// in the queue states <c>N + k</c>. Its stationary distribution is proportional to <c>A^n / n!</c>
/// for <c>n &lt;= N</c> (the Erlang B shape, so that <c>sum_{n&lt;=N} pi_n = pi_N / B(N, A)</c>) and
/// <c>pi_{N+k} = pi_N t_k</c> with
/// <c>t_k = prod_{j=1..k} lambda / (N mu + j theta)</c> above it (Palm 1943; Riordan 1962, Stochastic
/// Service Systems; Mandelbaum &amp; Zeltyn 2007, "Service engineering in action: the Palm/Erlang-A
/// queue, with applications to call centers", in Advances in Services Innovations, Springer;
/// Garnett, Mandelbaum &amp; Reiman 2002, "Designing a call center with impatient customers", MSOM
/// 4(3)). With <c>R = sum_{k&gt;=0} t_k</c>, an arrival waits with probability
/// <c>P(wait) = B R / (1 - B + B R)</c>. <c>B</c> comes from the stable Erlang B recursion; the
/// <c>t_k</c>, which can exceed the range of doubles when <c>N &lt; A</c> and patience is long, are
/// accumulated with a rescaling that keeps them as <c>value x e^scale</c>; <c>R</c> is used through
/// <c>log R</c>. No factorial, power or unscaled product is formed: there is no overflow for any
/// number of agents. Cost: O(N) for <c>B</c> plus O(K) for the queue states.
/// </para>
/// <para><b>Truncation with a proven bound.</b> The ratio <c>t_{k+1} / t_k = lambda / (N mu + (k+1) theta)</c>
/// falls with <c>k</c>. Once it is <c>r &lt; 1</c>, every later ratio is at most <c>r</c>, so
/// <c>sum_{j&gt;k} (j+1) t_j &lt;= t_k ((k+1) r / (1-r) + r / (1-r)^2)</c>. The sum stops at the first
/// <c>K</c> where this bound is at most 1e-16 of <c>sum_{j&lt;=K} t_j</c>: every probability below
/// (weights at most 1) and the mean queue length (weight <c>k</c>) lose less than 1e-16 of their
/// conditional mass. Should more than <see cref="MaxQueueStates"/> states be needed (a mean patience
/// vastly longer than the handle time while agents are fewer than the traffic), the calculator
/// throws rather than run for minutes; use Erlang C there.
/// </para>
/// <para><b>Waiting time, derived from the chain.</b> A contact that arrives to find <c>k</c> contacts
/// waiting (state <c>N + k</c>, PASTA) is taken when the <c>k</c> ahead of it have left and then an agent
/// frees up. While <c>j</c> are ahead, the next change comes at rate <c>N mu + j theta</c> (a service
/// completion takes the head of the queue, or one of the <c>j</c> abandons), so its virtual wait is
/// <c>V = sum_{j=0..k} Exp(N mu + j theta)</c>, independent of its own patience <c>tau ~ Exp(theta)</c>;
/// its time in queue is <c>W = min(V, tau)</c> and it is served when <c>V &lt; tau</c> (the same
/// stage representation as Mandelbaum &amp; Zeltyn). With <c>s = N mu / theta</c> the stage rates are
/// <c>theta (s + j)</c>, and the telescoping products give, exactly:</para>
/// <list type="bullet">
/// <item><c>P(served | k) = N mu / (N mu + (k+1) theta)</c>, <c>P(abandon | k) = (k+1) theta / (N mu + (k+1) theta)</c>;</item>
/// <item><c>E[W | k] = (k+1) / (N mu + (k+1) theta)</c>, and <c>E[W; served | k] = P(served | k) sum_{j=1..k+1} 1 / (N mu + j theta)</c>
/// (the derivative of the Laplace transform of <c>V</c> at <c>theta</c>);</item>
/// <item><c>U = e^(-theta V)</c> is a product of independent <c>Beta(s+j, 1)</c> variables, hence <c>Beta(s, k+1)</c>.
/// With <c>x = e^(-theta T)</c>, <c>P(V &gt; T | k) = I_x(s, k+1) = P(J &lt;= k)</c> where <c>J</c> is negative
/// binomial with size <c>s</c> and success probability <c>x</c> (the incomplete beta function with an
/// integer second argument is a negative binomial distribution function). So
/// <c>P(W &gt; T | k) = e^(-theta T) P(J &lt;= k)</c>, and since <c>E[U; U &lt; x] = s / (s+k+1) P(U' &lt; x)</c> with
/// <c>U' ~ Beta(s+1, k+1)</c>, <c>P(served, W &gt; T | k) = P(served | k) P(J' &lt;= k)</c> with <c>J'</c> of size <c>s + 1</c>.</item>
/// </list>
/// <para>Averaging over the queue states gives every output in one O(K) pass (the negative binomial
/// distribution functions are accumulated from their term ratios, rescaled like the <c>t_k</c>):
/// <c>P(abandon)</c> from the conditional abandonment probabilities, the mean wait over all arrivals
/// by Little's law as <c>E[queue length] / lambda</c>, the ASA of answered contacts as
/// <c>E[W; served] / P(served)</c>, the service levels (<see cref="QueueServiceLevel"/>) and the
/// occupancy <c>A P(served) / N</c>. The identity <c>P(abandon) = theta E[W]</c> (Mandelbaum &amp;
/// Zeltyn) then holds to rounding; it is not imposed, because the two sides come from different sums,
/// and it is tested. The results are exact up to the truncation above and double rounding: they agree
/// with a 200-digit evaluation of the chain to 1e-11 relative in the tests. As the mean patience grows they converge to
/// <see cref="ErlangC"/>.</para>
/// <para>The common closed-form approximation of <c>P(abandon)</c> is not used: it is off by tens of percent.</para>
/// </remarks>
public static class ErlangA
{
    /// <summary>The most queue states the calculator sums before it gives up (see the remarks).</summary>
    public const int MaxQueueStates = 10_000_000;

    /// <summary>The truncation bound on the neglected conditional mass of the queue states.</summary>
    private const double Tolerance = 1e-16;

    /// <summary>Returns every KPI of the queue with the given number of agents and mean patience.</summary>
    /// <param name="load">The offered load.</param>
    /// <param name="agents">The number of agents <c>N</c>; at least 1 when the load has traffic.</param>
    /// <param name="averagePatience">The mean time a contact is willing to wait, <c>1 / theta</c>; greater than 0.</param>
    /// <param name="serviceLevelThreshold">The service level threshold <c>T</c>; at least 0.</param>
    /// <returns>The KPIs. Erlang A always has a steady state, also with fewer agents than Erlangs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="agents"/> is negative, or 0 with traffic; <paramref name="averagePatience"/> is not positive,
    /// or so long for this load that more than <see cref="MaxQueueStates"/> queue states would be needed;
    /// <paramref name="serviceLevelThreshold"/> is negative.
    /// </exception>
    public static QueueMetrics Evaluate(QueueLoad load, int agents, Duration averagePatience, Duration serviceLevelThreshold)
    {
        Preconditions.CheckNotNull(load);
        StaffingChecks.CheckAgents(agents, load.TrafficErlangs);
        StaffingChecks.CheckPositive(averagePatience);
        StaffingChecks.CheckNonNegative(serviceLevelThreshold);
        double b = load.TrafficErlangs == 0 ? 0 : ErlangB.BlockingProbability(agents, load.TrafficErlangs);
        return FromBlocking(load, agents, b, averagePatience, serviceLevelThreshold);
    }

    /// <summary>The KPIs from a precomputed <c>B(N, A)</c>; arguments already checked.</summary>
    internal static QueueMetrics FromBlocking(QueueLoad load, int agents, double blocking, Duration averagePatience, Duration threshold)
        => new(QueueModel.ErlangA, agents, load.TrafficErlangs, load.AverageHandleTime, averagePatience, threshold,
            Kpis(load, agents, blocking, averagePatience, threshold.TotalSeconds));

    /// <summary>The KPIs as a value, without allocating.</summary>
    internal static QueueKpis Kpis(QueueLoad load, int agents, double blocking, Duration averagePatience, double thresholdSeconds)
    {
        double a = load.TrafficErlangs;
        if (a == 0)
        {
            return QueueKpis.Idle;
        }
        double lambda = load.ArrivalRatePerSecond;
        double nMu = agents / load.AverageHandleTime.TotalSeconds;
        double theta = 1 / averagePatience.TotalSeconds;
        double t = thresholdSeconds;

        var sums = QueueSums.Accumulate(lambda, nMu, theta, t, averagePatience);
        double logR = sums.LogScale + Math.Log(sums.Mass);

        // P(wait) = B R / (1 - B + B R) = 1 / (1 + e^z): no overflow for any R, no NaN when B underflows to 0.
        double z = Math.Log(1 - blocking) - Math.Log(blocking) - logR;
        double pWait = 1 / (1 + Math.Exp(z));
        double pNoWait = 1 / (1 + Math.Exp(-z));

        double abandonGivenWait = sums.Abandon / sums.Mass;
        double servedGivenWait = sums.Served / sums.Mass;
        double queueGivenWait = sums.QueueLength / sums.Mass;

        double pAbandon = pWait * abandonGivenWait;
        double pServed = pNoWait + pWait * servedGivenWait;
        double meanWait = pWait * queueGivenWait / lambda;
        double asa = pServed > 0 ? pWait * (sums.WaitServed / sums.Mass) / pServed : double.PositiveInfinity;
        double late = Math.Exp(-theta * t) * pWait * (sums.Late / sums.Mass);
        double slOffered = pNoWait + pWait * Math.Max(0, sums.Served - sums.LateServed) / sums.Mass;
        double slAnswered = pServed > 0 ? slOffered / pServed : 0;

        return new QueueKpis(
            IsStable: true,
            ProbabilityOfWait: Clamp01(pWait),
            ProbabilityOfAbandonment: Clamp01(pAbandon),
            ServiceLevel: Clamp01(slOffered),
            ServiceLevelOfAnswered: Clamp01(slAnswered),
            ServiceLevelCountingAbandons: Clamp01(1 - late),
            AverageSpeedOfAnswerSeconds: asa,
            AverageWaitSeconds: meanWait,
            AverageWaitOfDelayedSeconds: queueGivenWait / lambda,
            Occupancy: Clamp01(a * pServed / agents));
    }

    private static double Clamp01(double value) => Math.Clamp(value, 0.0, 1.0);

    /// <summary>
    /// <c>1 - e^x</c> to a few ulps also for tiny <c>x</c> (Kahan's <c>expm1</c>: the rounding error of
    /// <c>u = e^x</c> cancels in <c>(u - 1) x / ln u</c>; Higham 2002, Accuracy and Stability of Numerical
    /// Algorithms, 2nd ed., section 1.14.1). MathNet's <c>Expm1</c> allocates on every call.
    /// </summary>
    private static double OneMinusExp(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return -x;
        }
        double um1 = u - 1.0;
        return um1 == -1.0 ? 1.0 : -um1 * x / Math.Log(u);
    }

    /// <summary>
    /// A running product of ratios and its running sum, held as <c>value x e^LogScale</c>: both are
    /// divided by 1e200 whenever the sum passes 1e200, which keeps them finite whatever the number of
    /// terms.
    /// </summary>
    private struct ScaledTerms(double term, double logScale)
    {
        public const double Rescale = 1e200;
        private static readonly double LogRescale = Math.Log(Rescale);

        public double Term = term;
        public double Sum = term;
        public double LogScale = logScale;

        /// <summary>Multiplies the term by <paramref name="ratio"/> and adds it; returns whether it rescaled.</summary>
        public bool Advance(double ratio)
        {
            Term *= ratio;
            Sum += Term;
            if (Sum > Rescale)
            {
                Term /= Rescale;
                Sum /= Rescale;
                LogScale += LogRescale;
                return true;
            }
            return false;
        }
    }

    /// <summary>
    /// One pass over the queue states <c>k = 0..K</c>: the products <c>t_k</c> (scaled; their sum is
    /// <see cref="Mass"/>, <c>R = Mass x e^LogScale</c>) and the sums of <c>t_k</c> times each conditional
    /// quantity, kept on the same scale, so that dividing by <see cref="Mass"/> averages over the states
    /// of an arrival that waits.
    /// </summary>
    private struct QueueSums
    {
        public double Mass;
        public double LogScale;
        public double Served;
        public double Abandon;
        public double QueueLength;
        public double WaitServed;
        public double Late;
        public double LateServed;

        public static QueueSums Accumulate(double lambda, double nMu, double theta, double t, Duration averagePatience)
        {
            var sums = default(QueueSums);
            var terms = new ScaledTerms(1.0, 0.0);

            // Negative binomial distribution functions P(J <= k), size s and s + 1, success probability
            // x = e^(-theta T); first terms x^s = e^(-N mu T) and x^(s+1), carried as logarithms.
            double shape = nMu / theta;
            double failure = OneMinusExp(-theta * t);
            var late = new ScaledTerms(1.0, -nMu * t);
            var lateServed = new ScaledTerms(1.0, -(nMu + theta) * t);
            double lateFactor = Math.Exp(late.LogScale);
            double lateServedFactor = Math.Exp(lateServed.LogScale);

            double harmonic = 0;
            for (int k = 0; ; k++)
            {
                double q = terms.Term;
                double perRate = 1 / (nMu + (k + 1) * theta);
                double served = nMu * perRate;
                harmonic += perRate;
                sums.Served += q * served;
                sums.Abandon += q * ((k + 1) * theta * perRate);
                sums.QueueLength += q * k;
                sums.WaitServed += q * served * harmonic;
                sums.Late += q * Math.Min(1.0, late.Sum * lateFactor);
                sums.LateServed += q * served * Math.Min(1.0, lateServed.Sum * lateServedFactor);

                // Stop when the bound on sum_{j>k} (j+1) t_j is below Tolerance x sum_{j<=k} t_j.
                double ratio = lambda * perRate;
                if (ratio < 1)
                {
                    double gap = 1 - ratio;
                    double tailBound = q * ((k + 1) * ratio / gap + ratio / (gap * gap));
                    if (tailBound <= Tolerance * terms.Sum)
                    {
                        sums.Mass = terms.Sum;
                        sums.LogScale = terms.LogScale;
                        return sums;
                    }
                }
                if (k == MaxQueueStates)
                {
                    throw new ArgumentOutOfRangeException(nameof(averagePatience), averagePatience,
                        $"The Erlang A queue needs more than {MaxQueueStates} states for a mean patience of {StaffingChecks.Format(averagePatience)} with this load and these agents; the patience is so long that Erlang C applies.");
                }

                if (terms.Advance(ratio))
                {
                    sums.Rescale();
                }
                double perState = failure / (k + 1);
                if (late.Advance((shape + k) * perState))
                {
                    lateFactor = Math.Exp(late.LogScale);
                }
                if (lateServed.Advance((shape + 1 + k) * perState))
                {
                    lateServedFactor = Math.Exp(lateServed.LogScale);
                }
            }
        }

        private void Rescale()
        {
            Served /= ScaledTerms.Rescale;
            Abandon /= ScaledTerms.Rescale;
            QueueLength /= ScaledTerms.Rescale;
            WaitServed /= ScaledTerms.Rescale;
            Late /= ScaledTerms.Rescale;
            LateServed /= ScaledTerms.Rescale;
        }
    }
}
