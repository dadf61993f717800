using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// Erlang C (M/M/N): Poisson arrivals, exponential handle times, <c>N</c> agents, an unlimited
/// first-come-first-served queue and no abandonment.
/// </summary>
/// <remarks>
/// <para>With offered traffic <c>A</c> Erlangs, mean handle time <c>AHT</c> and <c>N &gt; A</c>:</para>
/// <list type="bullet">
/// <item><c>P(wait) = C(N, A) = N B / (N - A (1 - B))</c>, with <c>B = B(N, A)</c> from <see cref="ErlangB"/>
/// (the standard relation between the Erlang B and C formulas, e.g. Cooper 1981, Introduction to
/// Queueing Theory, 2nd ed.). No factorial or power is formed, so this is exact to double precision
/// for thousands of agents; cost O(N).</item>
/// <item>The wait of a delayed contact is exponential with rate <c>(N - A) / AHT</c>, so the service
/// level is <c>P(wait &lt;= T) = 1 - C e^(-(N - A) T / AHT)</c>.</item>
/// <item><c>ASA = C AHT / (N - A)</c>, averaged over all contacts (all are answered), and
/// <c>AHT / (N - A)</c> over the delayed ones.</item>
/// <item>Occupancy <c>= A / N</c>.</item>
/// </list>
/// <para>
/// When <c>N &lt;= A</c> the queue has no steady state. Instead of NaN or an exception the calculator
/// returns the limit as <c>N</c> falls to <c>A</c>: <c>P(wait) = 1</c>, service level 0, infinite
/// ASA, occupancy 1 (see <see cref="QueueMetrics"/>). Zero agents with positive traffic is rejected.
/// </para>
/// <para>Reference values: see REFERENCES.md, "Erlang C" (A = 10: 14 agents give 88.84% in 20 s).</para>
/// </remarks>
public static class ErlangC
{
    /// <summary>Returns the probability that a contact has to wait, <c>C(N, A)</c>.</summary>
    /// <param name="agents">The number of agents <c>N</c>; at least 1 when there is traffic.</param>
    /// <param name="trafficErlangs">The offered traffic <c>A</c> in Erlangs; finite and at least 0.</param>
    /// <returns>The probability in [0, 1]; 1 when <c>N &lt;= A</c>, 0 when <c>A = 0</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="agents"/> is 0 with positive traffic.</exception>
    public static double ProbabilityOfWait(int agents, double trafficErlangs)
    {
        Preconditions.CheckNonNegative(trafficErlangs);
        StaffingChecks.CheckAgents(agents, trafficErlangs);
        return trafficErlangs == 0 ? 0 : WaitProbability(agents, ErlangB.BlockingProbability(agents, trafficErlangs), trafficErlangs);
    }

    /// <summary>Returns the service level <c>P(wait &lt;= T) = 1 - C e^(-(N - A) T / AHT)</c>.</summary>
    /// <param name="agents">The number of agents <c>N</c>; at least 1 when there is traffic.</param>
    /// <param name="trafficErlangs">The offered traffic <c>A</c> in Erlangs; finite and at least 0.</param>
    /// <param name="averageHandleTime">The mean handle time; greater than 0.</param>
    /// <param name="threshold">The service level threshold <c>T</c>; at least 0.</param>
    /// <returns>The share of contacts answered within <paramref name="threshold"/>, in [0, 1]; 0 when <c>N &lt;= A</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or <paramref name="agents"/> is 0 with positive traffic.</exception>
    public static double ServiceLevel(int agents, double trafficErlangs, Duration averageHandleTime, Duration threshold)
    {
        StaffingChecks.CheckPositive(averageHandleTime);
        StaffingChecks.CheckNonNegative(threshold);
        double c = ProbabilityOfWait(agents, trafficErlangs);
        return ServiceLevelFromWait(c, agents, trafficErlangs, averageHandleTime.TotalSeconds, threshold.TotalSeconds);
    }

    /// <summary>Returns the average speed of answer <c>C AHT / (N - A)</c>, over all contacts (all are answered), in seconds.</summary>
    /// <param name="agents">The number of agents <c>N</c>; at least 1 when there is traffic.</param>
    /// <param name="trafficErlangs">The offered traffic <c>A</c> in Erlangs; finite and at least 0.</param>
    /// <param name="averageHandleTime">The mean handle time; greater than 0.</param>
    /// <returns>The ASA in seconds; <see cref="double.PositiveInfinity"/> when <c>N &lt;= A</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or <paramref name="agents"/> is 0 with positive traffic.</exception>
    public static double AverageSpeedOfAnswerSeconds(int agents, double trafficErlangs, Duration averageHandleTime)
    {
        StaffingChecks.CheckPositive(averageHandleTime);
        double c = ProbabilityOfWait(agents, trafficErlangs);
        return AsaFromWait(c, agents, trafficErlangs, averageHandleTime.TotalSeconds);
    }

    /// <summary>Returns every KPI of the queue with the given number of agents.</summary>
    /// <param name="load">The offered load.</param>
    /// <param name="agents">The number of agents <c>N</c>; at least 1 when the load has traffic.</param>
    /// <param name="serviceLevelThreshold">The service level threshold <c>T</c>; at least 0.</param>
    /// <returns>The KPIs; see <see cref="QueueMetrics"/> for the unstable case <c>N &lt;= A</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="agents"/> is negative, or 0 with traffic; or <paramref name="serviceLevelThreshold"/> is negative.</exception>
    public static QueueMetrics Evaluate(QueueLoad load, int agents, Duration serviceLevelThreshold)
    {
        Preconditions.CheckNotNull(load);
        StaffingChecks.CheckAgents(agents, load.TrafficErlangs);
        StaffingChecks.CheckNonNegative(serviceLevelThreshold);
        double b = load.TrafficErlangs == 0 ? 0 : ErlangB.BlockingProbability(agents, load.TrafficErlangs);
        return FromBlocking(load, agents, b, serviceLevelThreshold);
    }

    /// <summary>The KPIs from a precomputed <c>B(N, A)</c>, so that a search can advance the Erlang B recursion one agent at a time.</summary>
    internal static QueueMetrics FromBlocking(QueueLoad load, int agents, double blocking, Duration threshold)
        => new(QueueModel.ErlangC, agents, load.TrafficErlangs, load.AverageHandleTime, null, threshold,
            Kpis(load.TrafficErlangs, agents, blocking, load.AverageHandleTime.TotalSeconds, threshold.TotalSeconds));

    /// <summary>The KPIs as a value, without allocating.</summary>
    internal static QueueKpis Kpis(double a, int agents, double blocking, double ahtSeconds, double thresholdSeconds)
    {
        if (a == 0)
        {
            return QueueKpis.Idle;
        }
        if (agents <= a)
        {
            return QueueKpis.Unstable;
        }
        double c = WaitProbability(agents, blocking, a);
        double sl = ServiceLevelFromWait(c, agents, a, ahtSeconds, thresholdSeconds);
        double asa = AsaFromWait(c, agents, a, ahtSeconds);
        return new QueueKpis(IsStable: true, ProbabilityOfWait: c, ProbabilityOfAbandonment: 0,
            ServiceLevel: sl, ServiceLevelOfAnswered: sl, ServiceLevelCountingAbandons: sl,
            AverageSpeedOfAnswerSeconds: asa, AverageWaitSeconds: asa, AverageWaitOfDelayedSeconds: ahtSeconds / (agents - a),
            Occupancy: a / agents);
    }

    /// <summary><c>C = N B / (N - A (1 - B))</c>, for a real number of agents too; 1 when <c>N &lt;= A</c>.</summary>
    internal static double WaitProbability(double agents, double blocking, double a)
        => agents <= a ? 1.0 : Math.Min(1.0, agents * blocking / (agents - a * (1 - blocking)));

    internal static double ServiceLevelFromWait(double c, double agents, double a, double ahtSeconds, double thresholdSeconds)
        => agents <= a ? 0.0 : Math.Max(0.0, 1 - c * Math.Exp(-(agents - a) * thresholdSeconds / ahtSeconds));

    internal static double AsaFromWait(double c, double agents, double a, double ahtSeconds)
        => a == 0 ? 0.0 : agents <= a ? double.PositiveInfinity : c * ahtSeconds / (agents - a);
}
