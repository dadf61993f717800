using ContactMetrics.Numerics;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// The steady-state KPIs of one queue with a given number of agents, from <see cref="ErlangC"/> or
/// <see cref="ErlangA"/>: the "agents in, KPIs out" direction of staffing. Immutable.
/// </summary>
/// <remarks>
/// <para>
/// All probabilities are per arriving contact (by PASTA, arrivals see the time-average state).
/// Waiting times are in seconds as <see cref="double"/> so that an unstable queue can report
/// <see cref="double.PositiveInfinity"/>: no result is ever NaN.
/// </para>
/// <para>
/// Two averages of waiting time are in use (see REFERENCES, "ASA"): vendor reports divide the wait
/// of answered contacts by the answered contacts (<see cref="AverageSpeedOfAnswerSeconds"/>);
/// queueing texts average the time in queue over all arrivals, including those answered at once
/// and, under Erlang A, those who abandoned (<see cref="AverageWaitSeconds"/>). Under Erlang C
/// every contact is answered and the two are equal.
/// </para>
/// <para>
/// An Erlang C queue with no more agents than Erlangs (<c>N &lt;= A</c>) has no steady state: the
/// queue grows without bound. It is reported with <see cref="IsStable"/> false, a probability of
/// waiting of 1, every service level 0, infinite waits and an occupancy of 1. With no traffic at
/// all nothing waits: probabilities of waiting and abandoning 0, service levels 1, waits 0,
/// occupancy 0.
/// </para>
/// </remarks>
public sealed class QueueMetrics
{
    internal QueueMetrics(QueueModel model, int agents, double trafficErlangs, Duration averageHandleTime, Duration? averagePatience, Duration serviceLevelThreshold, QueueKpis kpis)
    {
        Model = model;
        Agents = agents;
        TrafficErlangs = trafficErlangs;
        AverageHandleTime = averageHandleTime;
        AveragePatience = averagePatience;
        ServiceLevelThreshold = serviceLevelThreshold;
        Kpis = kpis;
    }

    /// <summary>The model that produced these values.</summary>
    public QueueModel Model { get; }

    /// <summary>The number of agents taking contacts (after shrinkage).</summary>
    public int Agents { get; }

    /// <summary>The offered traffic <c>A</c>, in Erlangs.</summary>
    public double TrafficErlangs { get; }

    /// <summary>The mean handle time.</summary>
    public Duration AverageHandleTime { get; }

    /// <summary>The mean patience (time a contact is willing to wait) under Erlang A; <see langword="null"/> under Erlang C.</summary>
    public Duration? AveragePatience { get; }

    /// <summary>The threshold <c>T</c> of the service levels.</summary>
    public Duration ServiceLevelThreshold { get; }

    /// <summary>Whether the queue has a steady state: always under Erlang A and with no traffic; under Erlang C only when <c>N &gt; A</c>.</summary>
    public bool IsStable => Kpis.IsStable;

    /// <summary>The probability that an arriving contact finds every agent busy and has to wait (under Erlang C, the Erlang C formula <c>C(N, A)</c>).</summary>
    public double ProbabilityOfWait => Kpis.ProbabilityOfWait;

    /// <summary>The probability that an arriving contact abandons before being answered; 0 under Erlang C.</summary>
    public double ProbabilityOfAbandonment => Kpis.ProbabilityOfAbandonment;

    /// <summary>The share of offered contacts answered within <see cref="ServiceLevelThreshold"/> (<see cref="QueueServiceLevel.AnsweredWithinThresholdOverOffered"/>).</summary>
    public double ServiceLevel => Kpis.ServiceLevel;

    /// <summary>The share of answered contacts answered within <see cref="ServiceLevelThreshold"/> (<see cref="QueueServiceLevel.AnsweredWithinThresholdOverAnswered"/>).</summary>
    public double ServiceLevelOfAnswered => Kpis.ServiceLevelOfAnswered;

    /// <summary>The share of offered contacts that were answered or abandoned within <see cref="ServiceLevelThreshold"/>, <c>P(wait &lt;= T)</c> (<see cref="QueueServiceLevel.WithinThresholdOverOffered"/>).</summary>
    public double ServiceLevelCountingAbandons => Kpis.ServiceLevelCountingAbandons;

    /// <summary>The average speed of answer over answered contacts (those answered at once count with 0), in seconds; the vendor-report ASA.</summary>
    public double AverageSpeedOfAnswerSeconds => Kpis.AverageSpeedOfAnswerSeconds;

    /// <summary>The mean time in queue over all arriving contacts (answered at once, answered after waiting, abandoned), in seconds.</summary>
    public double AverageWaitSeconds => Kpis.AverageWaitSeconds;

    /// <summary>The mean time in queue of the contacts that had to wait (found every agent busy), in seconds.</summary>
    public double AverageWaitOfDelayedSeconds => Kpis.AverageWaitOfDelayedSeconds;

    /// <summary>The share of agents' time spent handling contacts: carried traffic / agents, in [0, 1].</summary>
    public double Occupancy => Kpis.Occupancy;

    /// <summary>Returns the service level under the given definition.</summary>
    /// <param name="definition">Which contacts count for and against the target.</param>
    /// <returns>The service level in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="definition"/> is not a defined value.</exception>
    public double GetServiceLevel(QueueServiceLevel definition) => Kpis.GetServiceLevel(definition);

    internal QueueKpis Kpis { get; }

    /// <summary>
    /// The queue in words, e.g. <c>10 Erlangs: service level 81.9% within 20 s, ASA 12.3 s, abandonment 0.0%, occupancy
    /// 71.4% (Erlang C, 14 agents)</c>; an unstable queue (traffic at or above the agents) says so.
    /// </summary>
    /// <returns>The text, in the invariant culture.</returns>
    public override string ToString()
    {
        string model = Model == QueueModel.ErlangA ? "Erlang A" : "Erlang C";
        string erlangs = $"{ResultText.Number(TrafficErlangs)} Erlangs";
        if (!IsStable)
        {
            return $"{erlangs}: unstable, the queue grows without bound ({model}, {Agents} agents)";
        }
        return $"{erlangs}: service level {ResultText.Percent(ServiceLevel)} within {ResultText.Number(ServiceLevelThreshold.TotalSeconds)} s, "
            + $"ASA {ResultText.Number(AverageSpeedOfAnswerSeconds)} s, abandonment {ResultText.Percent(ProbabilityOfAbandonment)}, "
            + $"occupancy {ResultText.Percent(Occupancy)} ({model}, {Agents} agents)";
    }
}
