using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// Staffs queues to a <see cref="StaffingTarget"/>: the fewest agents that meet every target in
/// each interval, the scheduled staff after shrinkage, the reverse (agents in, KPIs out), the cost
/// of the target and the value of a shorter handle time. Erlang C without a mean patience, Erlang A
/// with one. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Every KPI is monotone in the number of agents (more agents never lower a service level nor raise
/// the probability of waiting, the ASA, the abandonment or the occupancy; tested as properties), so
/// the smallest number that meets all targets is found by search:
/// </para>
/// <list type="bullet">
/// <item>Erlang C starts at the stability bound <c>floor(A) + 1</c> (raised to <c>floor(A / max occupancy)</c>
/// with an occupancy target) and steps up one agent at a time, advancing the Erlang B recursion by one
/// step per agent: O(answer) in all, the cost of a single Erlang B evaluation.</item>
/// <item>Erlang A, where fewer agents than Erlangs can suffice, gallops from the Erlang C answer (steps 1, 2,
/// 4, ... up or down to bracket the answer) and bisects: O(log distance) evaluations of the chain, a
/// handful in practice.</item>
/// </list>
/// <para>
/// Shrinkage (breaks, training, absence, as a share of paid time) turns agents into scheduled staff:
/// <c>scheduled = ceil(agents / (1 - shrinkage))</c>, computed in <see cref="decimal"/> so that 21 agents at
/// 30% shrinkage are exactly 30 (in <see cref="double"/>, 21 / 0.7 = 30.000000000000004 would schedule 31).
/// </para>
/// </remarks>
public sealed class StaffingPlanner
{
    /// <summary>Creates a planner.</summary>
    /// <param name="target">What every interval must achieve.</param>
    /// <param name="shrinkage">The share of paid time in which scheduled agents do not take contacts, in [0, 1).</param>
    /// <param name="averagePatience">The mean time a contact waits before abandoning, for Erlang A; <see langword="null"/> for Erlang C (nobody abandons).</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shrinkage"/> is outside [0, 1) or NaN; <paramref name="averagePatience"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> has a maximum abandonment rate and <paramref name="averagePatience"/> is null.</exception>
    public StaffingPlanner(StaffingTarget target, double shrinkage = 0, Duration? averagePatience = null)
    {
        Target = Preconditions.CheckNotNull(target);
        Shrinkage = StaffingChecks.CheckShrinkage(shrinkage);
        if (averagePatience is Duration patience)
        {
            AveragePatience = StaffingChecks.CheckPositive(patience, nameof(averagePatience));
        }
        else if (target.MaxAbandonmentRate is not null)
        {
            throw new ArgumentException(
                "The target has a maximum abandonment rate, which needs the Erlang A model: give the mean patience of contacts (averagePatience).",
                nameof(averagePatience));
        }
    }

    /// <summary>The target.</summary>
    public StaffingTarget Target { get; }

    /// <summary>The share of paid time in which scheduled agents do not take contacts.</summary>
    public double Shrinkage { get; }

    /// <summary>The mean patience under Erlang A; <see langword="null"/> under Erlang C.</summary>
    public Duration? AveragePatience { get; }

    /// <summary>The queueing model: Erlang A when a mean patience is given, else Erlang C.</summary>
    public QueueModel Model => AveragePatience is null ? QueueModel.ErlangC : QueueModel.ErlangA;

    private Duration Threshold => Target.ServiceLevelThreshold ?? Duration.Zero;

    /// <summary>Returns the fewest agents that meet the target for one load, and the scheduled staff.</summary>
    /// <param name="load">The offered load.</param>
    /// <returns>The requirement; 0 agents when the load has no traffic.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The target's maximum occupancy needs more than 10^9 agents for the load (traffic / max occupancy); under Erlang A, the
    /// mean patience is so long that the chain would need more than <see cref="ErlangA.MaxQueueStates"/> states.
    /// </exception>
    public StaffingRequirement Plan(QueueLoad load)
    {
        Preconditions.CheckNotNull(load);
        CheckAgentBound(load.TrafficErlangs, load.Contacts, nameof(load));
        var (agents, metrics, limiting) = AveragePatience is Duration patience ? SolveErlangA(load, patience) : SolveErlangC(load);
        return new StaffingRequirement(load, agents, ScheduledAgents(agents), limiting, metrics);
    }

    /// <summary>Staffs many loads at once: any mix of queues and intervals, one requirement per load, in order.</summary>
    /// <param name="loads">The loads.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loads"/> is null.</exception>
    /// <exception cref="ArgumentException">An element of <paramref name="loads"/> is null (the message gives its index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target's maximum occupancy needs more than 10^9 agents for a load (the message gives its index).</exception>
    public StaffingPlan Plan(IReadOnlyList<QueueLoad> loads)
    {
        Preconditions.CheckNotNull(loads);
        var checkedLoads = new QueueLoad[loads.Count];
        for (int i = 0; i < checkedLoads.Length; i++)
        {
            checkedLoads[i] = loads[i] ?? throw new ArgumentException($"loads[{i}] is null.", nameof(loads));
            CheckAgentBound(checkedLoads[i].TrafficErlangs, checkedLoads[i].Contacts, nameof(loads), i);
        }
        return PlanChecked(checkedLoads);
    }

    /// <summary>Staffs checked loads: under Erlang A one <see cref="Plan(QueueLoad)"/> each, under Erlang C as <see cref="PlanErlangC"/>.</summary>
    private StaffingPlan PlanChecked(QueueLoad[] loads)
    {
        if (AveragePatience is not null)
        {
            var requirements = new StaffingRequirement[loads.Length];
            for (int i = 0; i < requirements.Length; i++)
            {
                requirements[i] = Plan(loads[i]);
            }
            return new StaffingPlan(requirements);
        }
        var traffic = new double[loads.Length];
        for (int i = 0; i < loads.Length; i++)
        {
            traffic[i] = loads[i].TrafficErlangs;
        }
        return PlanErlangC(loads, null, default, default, traffic);
    }

    /// <summary>
    /// Staffs many loads under Erlang C into the columns of a <see cref="StaffingPlan"/> (agents, scheduled agents, limiting
    /// constraint, <c>B(N, A)</c>), building no object per load. For chunks of up to <see cref="GuessChunk"/> loads it guesses
    /// each answer from the answers before (<c>A + r sqrt(A)</c>, <c>r = (N - A) / sqrt(A)</c> of the last answer in the same band of
    /// <c>sqrt(A)</c>, about the same for loads with the same target), runs the Erlang B recursion up to every guess for many
    /// loads at once (<see cref="ErlangB.RecurseMany"/>: O(A) divisions per load, in a dependent chain, the long part of the
    /// search), then checks each guess and the count below it and walks up from a guess that misses; a guess that
    /// overshoots (the count below it meets the targets too) is searched as <see cref="Plan(QueueLoad)"/> searches. Every
    /// target is met from some count on, so each answer is the first count that meets them all; every blocking comes from
    /// the same recursion steps and the KPIs from the same formulas, so every requirement is the one
    /// <see cref="Plan(QueueLoad)"/> gives, to the last bit.
    /// </summary>
    /// <param name="loads">The loads as objects, or null when they are <paramref name="contacts"/> over intervals of one length and handle time.</param>
    /// <param name="contacts">The contacts of each interval when <paramref name="loads"/> is null.</param>
    /// <param name="interval">The intervals' length when <paramref name="loads"/> is null.</param>
    /// <param name="averageHandleTime">The handle time when <paramref name="loads"/> is null.</param>
    /// <param name="traffic">Each load's traffic in Erlangs, as <see cref="QueueLoad.TrafficErlangs"/>.</param>
    private StaffingPlan PlanErlangC(QueueLoad[]? loads, double[]? contacts, Duration interval, Duration averageHandleTime, double[] traffic)
    {
        int count = traffic.Length;
        var agents = new int[count];
        var scheduled = Shrinkage == 0 ? agents : new int[count];
        var limiting = new StaffingConstraint[count];
        // B(guess, A) of every load, then B(agents, A) in the same array.
        var blocking = new double[count];
        var guesses = new int[Math.Min(count, GuessChunk)];
        var belowGuess = new double[guesses.Length];
        var threshold = Threshold;
        double t = threshold.TotalSeconds;
        double ahtSeconds = averageHandleTime.TotalSeconds;
        Span<double> ratios = stackalloc double[GuessBands];
        ratios.Fill(double.NaN);
        double lastRatio = 0.5;
        // Chunks of 16, 32, ... loads up to GuessChunk, so that the first guesses, before any band has a ratio, are few.
        for (int from = 0, length = 0; from < count; from += length)
        {
            length = Math.Min(Math.Min(Math.Max(16, 2 * length), GuessChunk), count - from);
            var chunk = traffic.AsSpan(from, length);
            for (int j = 0; j < length; j++)
            {
                double a = chunk[j];
                guesses[j] = a == 0 ? 0 : Guess(a, ratios[Band(a)] is var r && double.IsNaN(r) ? lastRatio : r);
            }
            ErlangB.RecurseMany(chunk, guesses.AsSpan(0, length), blocking.AsSpan(from, length), belowGuess);
            for (int j = 0; j < length; j++)
            {
                int i = from + j;
                double a = chunk[j];
                var (n, b, limit) = a == 0
                    ? (0, 0.0, StaffingConstraint.None)
                    : SearchFromGuess(a, loads is null ? ahtSeconds : loads[i].AverageHandleTime.TotalSeconds, t, guesses[j], belowGuess[j], blocking[i]);
                (agents[i], blocking[i], limiting[i]) = (n, b, limit);
                // An answer at the first candidate (the stability or occupancy bound) says nothing about the ratio.
                if (a > 0 && n > FirstCandidate(a))
                {
                    lastRatio = ratios[Band(a)] = (n - a) / Math.Sqrt(a);
                }
                if (Shrinkage != 0)
                {
                    scheduled[i] = ScheduledAgents(n);
                }
            }
        }
        return new StaffingPlan(loads, contacts, traffic, interval, averageHandleTime, agents, scheduled, limiting, blocking, threshold);
    }

    /// <summary>How many loads a plan guesses for before it learns from their answers.</summary>
    private const int GuessChunk = 256;

    /// <summary>The bands of <c>sqrt(A)</c>, half an Erlang^(1/2) wide, in which a plan keeps the last ratio; the last band takes the rest.</summary>
    private const int GuessBands = 256;

    private static int Band(double a) => (int)Math.Min(GuessBands - 1, 2 * Math.Sqrt(a));

    /// <summary>
    /// <c>A + ratio sqrt(A) - 1/2</c> rounded down, from the first candidate to a million above it: with the ratio of a nearby
    /// load's answer, mostly the answer or the count below it, seldom above (which would need the search from the start).
    /// </summary>
    private int Guess(double a, double ratio)
    {
        int start = FirstCandidate(a);
        double guessed = a + (ratio * Math.Sqrt(a)) - 0.5;
        return guessed >= start + 1_000_000.0 ? start + 1_000_000 : Math.Max(start, (int)guessed);
    }

    /// <summary>
    /// The search of <see cref="PlanErlangC"/> from a guess <c>g</c> at or above the first candidate, with <c>B(g - 1, A)</c> and
    /// <c>B(g, A)</c>: the guess when it meets the targets and the count below misses; the walk up when it misses; the search
    /// from the start (<see cref="SearchErlangC"/>) when both meet.
    /// </summary>
    private (int Agents, double Blocking, StaffingConstraint Limiting) SearchFromGuess(double a, double aht, double t, int guess, double blockingBelow, double blockingAt)
    {
        var missed = Missed(a, guess, blockingAt, aht, t);
        if (missed != StaffingConstraint.None)
        {
            return WalkUp(a, aht, t, guess, blockingAt, missed);
        }
        var below = Missed(a, guess - 1, blockingBelow, aht, t);
        return below != StaffingConstraint.None || guess == FirstCandidate(a) ? (guess, blockingAt, below) : SearchErlangC(a, aht, t);
    }

    /// <summary>The first target missed with <paramref name="agents"/> agents and <c>B(agents, A)</c>; at or below A the queue is unstable, which the stability constraint names.</summary>
    private StaffingConstraint Missed(double a, int agents, double blocking, double aht, double t)
        => agents <= a ? StaffingConstraint.Stability : Target.FirstMissed(ErlangC.Kpis(a, agents, blocking, aht, t));

    /// <summary>From a count that misses the target <paramref name="limiting"/> with <c>B(count, A)</c>, up to the first count that meets every target.</summary>
    private (int Agents, double Blocking, StaffingConstraint Limiting) WalkUp(double a, double aht, double t, int count, double blocking, StaffingConstraint limiting)
    {
        for (int n = count + 1; ; n++)
        {
            blocking = ErlangB.Step(blocking, n, a);
            var missed = Target.FirstMissed(ErlangC.Kpis(a, n, blocking, aht, t));
            if (missed == StaffingConstraint.None)
            {
                return (n, blocking, limiting);
            }
            limiting = missed;
        }
    }

    /// <summary>Staffs one queue over consecutive intervals of equal length, given as <see cref="TimeSpan"/>s (the .NET types).</summary>
    /// <param name="contactsPerInterval">The expected contacts of each interval; each finite and at least 0.</param>
    /// <param name="interval">The length of every interval; greater than 0.</param>
    /// <param name="averageHandleTime">The mean handle time; greater than 0.</param>
    /// <returns>The plan, as <see cref="Plan(ReadOnlySpan{double}, Duration, Duration)"/> makes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, NaN or infinite, a duration is not positive, an interval's traffic exceeds <see cref="QueueLoad.MaxTrafficErlangs"/>, or the target's maximum occupancy needs more than 10^9 agents for an interval (the message gives its index).</exception>
    public StaffingPlan Plan(ReadOnlySpan<double> contactsPerInterval, TimeSpan interval, TimeSpan averageHandleTime)
        => Plan(contactsPerInterval, Duration.FromTimeSpan(interval), Duration.FromTimeSpan(averageHandleTime));

    /// <summary>Staffs one queue over consecutive intervals of equal length.</summary>
    /// <param name="contactsPerInterval">The expected contacts of each interval; each finite and at least 0.</param>
    /// <param name="interval">The length of every interval; greater than 0.</param>
    /// <param name="averageHandleTime">The mean handle time; greater than 0.</param>
    /// <returns>
    /// The plan, one requirement per interval. Under Erlang C its <see cref="StaffingPlan.Agents"/>, <see cref="StaffingPlan.ScheduledAgents"/>
    /// and <see cref="StaffingPlan.LimitingConstraints"/> are columns, and the requirements (with their loads and KPIs) are
    /// built when <see cref="StaffingPlan.Requirements"/> is first read.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, NaN or infinite, a duration is not positive, an interval's traffic exceeds <see cref="QueueLoad.MaxTrafficErlangs"/>,
    /// or the target's maximum occupancy needs more than 10^9 agents for an interval (traffic / max occupancy); the message gives the interval's index.
    /// </exception>
    public StaffingPlan Plan(ReadOnlySpan<double> contactsPerInterval, Duration interval, Duration averageHandleTime)
    {
        StaffingChecks.CheckPositive(interval);
        StaffingChecks.CheckPositive(averageHandleTime);
        var contacts = contactsPerInterval.ToArray();
        var traffic = new double[contacts.Length];
        for (int i = 0; i < contacts.Length; i++)
        {
            if (!(contacts[i] >= 0) || double.IsPositiveInfinity(contacts[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(contactsPerInterval), contacts[i],
                    $"contactsPerInterval[{i}] must be a finite number of at least 0; was {StaffingChecks.Format(contacts[i])}.");
            }
            traffic[i] = QueueLoad.Traffic(contacts[i], interval, averageHandleTime, nameof(contactsPerInterval), i);
            CheckAgentBound(traffic[i], contacts[i], nameof(contactsPerInterval), i);
        }
        if (AveragePatience is not null)
        {
            var loads = new QueueLoad[contacts.Length];
            for (int i = 0; i < loads.Length; i++)
            {
                loads[i] = new QueueLoad(contacts[i], interval, averageHandleTime);
            }
            return PlanChecked(loads);
        }
        return PlanErlangC(null, contacts, interval, averageHandleTime, traffic);
    }

    /// <summary>
    /// Returns the smallest real number of agents that meets the target under the continuous extension
    /// of Erlang C (<c>B(x, A)</c> for real <c>x</c>, Jagerman 1974): useful for FTE budgets and smooth
    /// sensitivity curves, where whole agents per interval would add rounding noise.
    /// </summary>
    /// <param name="load">The offered load.</param>
    /// <returns>
    /// A value in <c>(Agents - 1, Agents]</c> of <see cref="Plan(QueueLoad)"/>, found by bisection to 1e-9
    /// agents (with an occupancy target alone, exactly <c>A / max occupancy</c>); 0 without traffic.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The planner uses Erlang A, whose chain has a whole number of agents.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target's maximum occupancy needs more than 10^9 agents for the load (traffic / max occupancy).</exception>
    public double FractionalAgents(QueueLoad load)
    {
        Preconditions.CheckNotNull(load);
        CheckAgentBound(load.TrafficErlangs, load.Contacts, nameof(load));
        if (AveragePatience is not null)
        {
            throw new InvalidOperationException("Fractional agents are defined for Erlang C only: the Erlang A chain has a whole number of agents.");
        }
        double a = load.TrafficErlangs;
        if (a == 0)
        {
            return 0;
        }
        double aht = load.AverageHandleTime.TotalSeconds;
        double t = Threshold.TotalSeconds;
        int agents = SearchErlangC(a, aht, t).Agents;
        double low = Math.Max(a, agents - 1);
        double answer = low;
        if (Target.MaxOccupancy is double maxOccupancy)
        {
            answer = Math.Max(answer, a / maxOccupancy);
        }
        if (Target.ServiceLevel is double sl)
        {
            answer = Math.Max(answer, SmallestReal(low, agents, x => ContinuousKpi(x, a, aht, t, serviceLevel: true) >= sl));
        }
        if (Target.MaxAverageSpeedOfAnswer is Duration maxAsa)
        {
            double limit = maxAsa.TotalSeconds;
            answer = Math.Max(answer, SmallestReal(low, agents, x => ContinuousKpi(x, a, aht, t, serviceLevel: false) <= limit));
        }
        return answer;
    }

    /// <summary>The reverse of <see cref="Plan(QueueLoad)"/>: the KPIs of one load with a given number of agents taking contacts.</summary>
    /// <param name="load">The offered load.</param>
    /// <param name="agents">The agents taking contacts (after shrinkage; see <see cref="ProductiveAgents"/>); at least 1 when the load has traffic.</param>
    /// <returns>The KPIs under the planner's model, with the target's service level threshold (0 when the target has none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="agents"/> is negative, or 0 with traffic.</exception>
    public QueueMetrics Evaluate(QueueLoad load, int agents)
        => AveragePatience is Duration patience
            ? ErlangA.Evaluate(load, agents, patience, Threshold)
            : ErlangC.Evaluate(load, agents, Threshold);

    /// <summary>The reverse for many loads: the KPIs of each load with its number of agents.</summary>
    /// <param name="loads">The loads.</param>
    /// <param name="agents">The agents taking contacts for each load; as many as <paramref name="loads"/>.</param>
    /// <returns>The KPIs of each load, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loads"/> is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ, or an element of <paramref name="loads"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An agent count is negative, or 0 with traffic.</exception>
    public IReadOnlyList<QueueMetrics> Evaluate(IReadOnlyList<QueueLoad> loads, ReadOnlySpan<int> agents)
    {
        Preconditions.CheckNotNull(loads);
        Preconditions.CheckArgument(loads.Count == agents.Length, nameof(agents),
            $"Need one agent count per load: {loads.Count} loads, {agents.Length} agent counts.");
        var metrics = new QueueMetrics[agents.Length];
        for (int i = 0; i < metrics.Length; i++)
        {
            metrics[i] = Evaluate(loads[i] ?? throw new ArgumentException($"loads[{i}] is null.", nameof(loads)), agents[i]);
        }
        return metrics;
    }

    /// <summary>The staff to schedule so that <paramref name="agents"/> take contacts after shrinkage: <c>ceil(agents / (1 - shrinkage))</c>.</summary>
    /// <param name="agents">The agents taking contacts; at least 0.</param>
    /// <returns>The scheduled agents.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="agents"/> is negative.</exception>
    public int ScheduledAgents(int agents)
    {
        Preconditions.CheckNonNegative(agents);
        // Without shrinkage every agent is productive (the decimal division below gives the same).
        return Shrinkage == 0 ? agents : checked((int)Math.Ceiling(agents / (1m - (decimal)Shrinkage)));
    }

    /// <summary>The agents taking contacts out of a scheduled staff: <c>floor(scheduled x (1 - shrinkage))</c>.</summary>
    /// <param name="scheduledAgents">The scheduled agents; at least 0.</param>
    /// <returns>The agents taking contacts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scheduledAgents"/> is negative.</exception>
    public int ProductiveAgents(int scheduledAgents)
    {
        Preconditions.CheckNonNegative(scheduledAgents);
        return (int)Math.Floor(scheduledAgents * (1m - (decimal)Shrinkage));
    }

    /// <summary>
    /// The value of a shorter average handle time: the loads are staffed as they are and with every
    /// handle time shortened by <paramref name="reduction"/>, and the difference is priced.
    /// </summary>
    /// <param name="loads">The loads (queues and intervals) at their current handle times.</param>
    /// <param name="reduction">How much shorter every handle time becomes; at least 0 and shorter than every handle time.</param>
    /// <param name="loadedCostPerFteHour">What one paid hour of a full-time agent costs; at least 0.</param>
    /// <param name="paidTimePerFte">The paid time of one FTE over the horizon the loads cover (e.g. 40 hours for a week); greater than 0.</param>
    /// <returns>Both plans and the hours, FTE and money saved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loads"/> is null.</exception>
    /// <exception cref="ArgumentException">An element of <paramref name="loads"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="reduction"/> is negative or not shorter than a load's handle time (the message gives its index);
    /// <paramref name="loadedCostPerFteHour"/> is negative; <paramref name="paidTimePerFte"/> is not positive; the target's maximum
    /// occupancy needs more than 10^9 agents for a load (the message gives its index).
    /// </exception>
    public AhtReductionValue ValueOfAhtReduction(IReadOnlyList<QueueLoad> loads, Duration reduction, Money loadedCostPerFteHour, Duration paidTimePerFte)
    {
        Preconditions.CheckNotNull(loads);
        StaffingChecks.CheckNonNegative(reduction);
        StaffingPlan.CheckCostRate(loadedCostPerFteHour, nameof(loadedCostPerFteHour));
        StaffingChecks.CheckPositive(paidTimePerFte);
        var reduced = new QueueLoad[loads.Count];
        for (int i = 0; i < reduced.Length; i++)
        {
            var load = loads[i] ?? throw new ArgumentException($"loads[{i}] is null.", nameof(loads));
            if (reduction >= load.AverageHandleTime)
            {
                throw new ArgumentOutOfRangeException(nameof(reduction), reduction,
                    $"The reduction must be shorter than the average handle time of loads[{i}], {StaffingChecks.Format(load.AverageHandleTime)}; was {StaffingChecks.Format(reduction)}.");
            }
            reduced[i] = load.WithAverageHandleTime(load.AverageHandleTime - reduction);
        }
        var baselinePlan = Plan(loads);
        var reducedPlan = Plan(reduced);
        return new AhtReductionValue(
            reduction,
            baselinePlan,
            reducedPlan,
            baselinePlan.Fte(paidTimePerFte) - reducedPlan.Fte(paidTimePerFte),
            baselinePlan.Cost(loadedCostPerFteHour) - reducedPlan.Cost(loadedCostPerFteHour));
    }

    private (int Agents, QueueMetrics Metrics, StaffingConstraint Limiting) SolveErlangC(QueueLoad load)
    {
        var threshold = Threshold;
        var (agents, blocking, limiting) = SearchErlangC(load.TrafficErlangs, load.AverageHandleTime.TotalSeconds, threshold.TotalSeconds);
        return (agents, ErlangC.FromBlocking(load, agents, blocking, threshold), limiting);
    }

    /// <summary>The Erlang C search's first guess is less than this far above the start; it keeps the blockings up to the guess for the walk down.</summary>
    private const int GuessWalk = 64;

    /// <summary>
    /// The most agents a search may start from: <c>floor(A / max occupancy)</c>, the first count an occupancy target allows, must
    /// be at most this. The count fits in an <see cref="int"/> with room for the walk up, and the Erlang B recursion reaches it in
    /// seconds (one division per agent); without the bound a low occupancy cap on a high traffic (A = 10^8 at 1%: 10^10 agents)
    /// saturated the count at <see cref="int.MaxValue"/> and the recursion never ended.
    /// </summary>
    internal const int MaxAgents = 1_000_000_000;

    /// <summary>
    /// Throws unless the first count the search tries for traffic <paramref name="a"/> is at most <see cref="MaxAgents"/>: the
    /// stability bound <c>floor(A) + 1</c> always is (A is at most <see cref="QueueLoad.MaxTrafficErlangs"/>), the occupancy cap
    /// <c>floor(A / max occupancy)</c> may not be.
    /// </summary>
    /// <param name="a">The traffic in Erlangs.</param>
    /// <param name="contacts">The contacts of the load, the exception's actual value.</param>
    /// <param name="paramName">The caller's parameter that holds the load.</param>
    /// <param name="index">The load's index in that parameter, named in the message; -1 for none.</param>
    private void CheckAgentBound(double a, double contacts, string paramName, int index = -1)
    {
        if (Target.MaxOccupancy is double maxOccupancy && !(a / maxOccupancy <= MaxAgents))
        {
            string of = index < 0 ? paramName : $"{paramName}[{index}]";
            throw new ArgumentOutOfRangeException(paramName, contacts,
                $"The target's maximum occupancy of {StaffingChecks.Format(maxOccupancy)} needs at least traffic / maxOccupancy = " +
                $"{StaffingChecks.Format(a / maxOccupancy)} agents for {of} ({StaffingChecks.Format(a)} Erlangs), more than the " +
                $"{StaffingChecks.Format(MaxAgents)} a plan may need: raise the target's maxOccupancy or split the load.");
        }
    }

    /// <summary>The first agent count the Erlang C search tries: above the traffic, and at the occupancy cap if there is one (at most <see cref="MaxAgents"/>, checked by <see cref="CheckAgentBound"/>).</summary>
    private int FirstCandidate(double a)
    {
        int start = (int)Math.Floor(a) + 1;
        if (Target.MaxOccupancy is double maxOccupancy)
        {
            start = Math.Max(start, (int)Math.Floor(a / maxOccupancy));
        }
        return start;
    }

    /// <summary>The fewest agents under Erlang C, <c>B(N, A)</c> there, and the target one agent fewer misses.</summary>
    /// <param name="a">The load's traffic in Erlangs.</param>
    /// <param name="aht">The load's handle time in seconds.</param>
    /// <param name="t">The service level threshold in seconds.</param>
    private (int Agents, double Blocking, StaffingConstraint Limiting) SearchErlangC(double a, double aht, double t)
    {
        if (a == 0)
        {
            return (0, 0, StaffingConstraint.None);
        }
        int start = FirstCandidate(a);
        double blocking = ErlangB.Recurse(1.0, 0, start - 1, a);
        // A first guess by the square-root staffing rule, A + sqrt(A) / 2 agents, at most GuessWalk - 1 above the start.
        // Every target is met from some agent count on (with more agents the service level rises, the ASA and the occupancy
        // fall), so when the guess meets them the answer is found walking down to the first count that misses, and otherwise
        // walking up from it: the first count that meets them all, the one a walk up from the start finds, after a few KPI
        // evaluations instead of one per agent above the start. The blocking of every count comes from the same recursion steps.
        double guessed = a + (0.5 * Math.Sqrt(a));
        int guess = guessed >= start + GuessWalk - 1 ? start + GuessWalk - 1 : Math.Max(start, (int)guessed);
        Span<double> b = stackalloc double[guess - start + 2];
        b[0] = blocking;
        for (int k = 1; k <= guess - start + 1; k++)
        {
            b[k] = ErlangB.Step(b[k - 1], start - 1 + k, a);
        }
        var limiting = Missed(a, guess, b[guess - start + 1], aht, t);
        if (limiting == StaffingConstraint.None)
        {
            for (int n = guess; ; n--)
            {
                var below = Missed(a, n - 1, b[n - start], aht, t);
                if (below != StaffingConstraint.None || n == start)
                {
                    return (n, b[n - start + 1], below);
                }
            }
        }
        return WalkUp(a, aht, t, guess, b[guess - start + 1], limiting);
    }

    private (int Agents, QueueMetrics Metrics, StaffingConstraint Limiting) SolveErlangA(QueueLoad load, Duration patience)
    {
        double a = load.TrafficErlangs;
        var threshold = Threshold;
        if (a == 0)
        {
            return (0, ErlangA.FromBlocking(load, 0, 0, patience, threshold), StaffingConstraint.None);
        }
        double t = threshold.TotalSeconds;
        StaffingConstraint Check(int n) => Target.FirstMissed(ErlangA.Kpis(load, n, ErlangB.BlockingProbability(n, a), patience, t));

        // Bracket the answer, 'low' missing a target (0 agents always does) and 'high' meeting them all,
        // galloping from the Erlang C answer (abandonment only shortens queues, so the Erlang A answer
        // is usually a few agents away from it), then bisect.
        int guess = Math.Max(1, SearchErlangC(a, load.AverageHandleTime.TotalSeconds, t).Agents);
        var guessMissed = Check(guess);
        int low, high;
        StaffingConstraint lowMissed;
        if (guessMissed == StaffingConstraint.None)
        {
            high = guess;
            (low, lowMissed) = (0, Target.FirstMissedWithoutAgents(QueueModel.ErlangA));
            for (int step = 1; high - step >= 1; step *= 2)
            {
                var missed = Check(high - step);
                if (missed != StaffingConstraint.None)
                {
                    (low, lowMissed) = (high - step, missed);
                    break;
                }
                high -= step;
            }
        }
        else
        {
            (low, lowMissed) = (guess, guessMissed);
            for (int step = 1; ; step = checked(step * 2))
            {
                var missed = Check(checked(low + step));
                if (missed == StaffingConstraint.None)
                {
                    high = low + step;
                    break;
                }
                (low, lowMissed) = (low + step, missed);
            }
        }
        while (high - low > 1)
        {
            int middle = low + (high - low) / 2;
            var missed = Check(middle);
            if (missed == StaffingConstraint.None)
            {
                high = middle;
            }
            else
            {
                (low, lowMissed) = (middle, missed);
            }
        }
        return (high, ErlangA.FromBlocking(load, high, ErlangB.BlockingProbability(high, a), patience, threshold), lowMissed);
    }

    /// <summary>Erlang C's service level (or ASA, in seconds) at a real number of agents <c>x &gt; A</c>.</summary>
    private static double ContinuousKpi(double x, double a, double ahtSeconds, double thresholdSeconds, bool serviceLevel)
    {
        if (x <= a)
        {
            return serviceLevel ? 0 : double.PositiveInfinity;
        }
        double c = ErlangC.WaitProbability(x, ErlangB.ContinuousBlockingProbability(x, a), a);
        return serviceLevel
            ? ErlangC.ServiceLevelFromWait(c, x, a, ahtSeconds, thresholdSeconds)
            : ErlangC.AsaFromWait(c, x, a, ahtSeconds);
    }

    /// <summary>Bisection for the smallest x in (low, high] meeting a monotone condition that holds at <paramref name="high"/>.</summary>
    private static double SmallestReal(double low, double high, Func<double, bool> meets)
    {
        if (meets(low))
        {
            return low;
        }
        while (high - low > 1e-9)
        {
            double middle = 0.5 * (low + high);
            if (meets(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }
        return high;
    }
}
