using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Tables;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>The definitions of <see cref="AgentTenure"/>: the leaver rule, the new hires' ramp-up and the bootstrap. Immutable.</summary>
public sealed record AgentTenureOptions
{
    /// <summary>
    /// An agent whose last contact is more than this before the window's end has left; 28 days by default (a holiday
    /// or a sickness of up to four weeks is not a leaving). Between 1 and 365 days.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 365] days.</exception>
    public Duration LeaverGap
    {
        get;
        init => field = value >= Duration.FromDays(1) && value <= Duration.FromDays(365) ? value
            : throw new ArgumentOutOfRangeException(nameof(LeaverGap), value, $"The leaver gap must be between 1 and 365 days; was {value}.");
    } = Duration.FromDays(28);

    /// <summary>Weeks from an agent's first contact during which they count as a new hire; 13 by default (a quarter). Between 1 and 104.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 104] or NaN.</exception>
    public double RampUpWeeks { get; init => field = Preconditions.CheckInRange(value, 1.0, 104.0, nameof(RampUpWeeks)); } = 13;

    /// <summary>Bootstrap resamples of agents for the new hires' intervals; 1,000 by default. Between 100 and 100,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [100, 100,000].</exception>
    public int BootstrapSamples { get; init => field = Preconditions.CheckInRange(value, 100, 100_000, nameof(BootstrapSamples)); } = 1_000;

    /// <summary>The seed of the bootstrap (<see cref="Random(int)"/>); 42 by default. The same seed gives the same intervals.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Agent attrition measured from the agent ids of the interactions: leavers per agent-year observed, with an exact
/// Poisson interval, and the mean head count (see <see cref="AgentTenure"/> for the rules). Immutable.
/// </summary>
/// <param name="Agents">Agent ids with a contact in the window.</param>
/// <param name="PresentAtStart">Agents whose first contact falls within the leaver gap of the window's start: employed before it (left-censored).</param>
/// <param name="Starters">Agents first seen later: hired in the window.</param>
/// <param name="Leavers">Agents whose last contact is before the end of follow-up.</param>
/// <param name="AgentYears">Years of employment observed, summed over agents (365-day years).</param>
/// <param name="AnnualRate">Leavers per agent-year: the annual attrition rate, with its exact (Garwood) Poisson 95% interval.</param>
/// <param name="Headcount">Mean agents employed over the last 365 days of follow-up.</param>
/// <param name="FollowedUntil">The end of follow-up: the window's end minus the leaver gap.</param>
/// <param name="Definition">The rules in words.</param>
public sealed record AgentAttrition(int Agents, int PresentAtStart, int Starters, int Leavers, double AgentYears, Estimate AnnualRate, double Headcount,
    Instant FollowedUntil, string Definition);

/// <summary>
/// How new hires work against tenured agents: the ratios of their handle time and of their resolution rate to what
/// tenured agents achieve on the same channel, direction and reason, and the productivity gap they add up to, each
/// with a bootstrap interval over agents (see <see cref="AgentTenure"/>). Immutable.
/// </summary>
/// <param name="NewHires">Starters with handled contacts in their first ramp-up weeks, the whole ramp-up inside the window.</param>
/// <param name="NewHireContacts">Their handled contacts in the ramp-up with a tenured comparison.</param>
/// <param name="TenuredContacts">Handled contacts of agents past the ramp-up: the comparison.</param>
/// <param name="RampUpWeeks">The ramp-up, in weeks from an agent's first contact.</param>
/// <param name="HandleTimeRatio">New hires' handle time (talk + hold + after-contact work) / what tenured agents take on the same contacts.</param>
/// <param name="ResolutionRatio">New hires' resolved share / what tenured agents resolve on the same contacts (contacts with a resolved flag).</param>
/// <param name="ProductivityGap">1 - resolution ratio / handle-time ratio: the share of resolved contacts per handled hour a new hire falls short by, over the ramp-up.</param>
/// <param name="Definition">The rules in words.</param>
public sealed record NewHireGap(int NewHires, long NewHireContacts, long TenuredContacts, double RampUpWeeks, Estimate HandleTimeRatio, Estimate ResolutionRatio,
    Estimate ProductivityGap, string Definition);

/// <summary>
/// Agent tenure from the interaction table's agent ids, for the attrition line of a business case: who left, at what
/// rate, and how much slower and less resolving new hires are. Computed by <see cref="Compute"/>; immutable.
/// </summary>
/// <remarks>
/// <para>An agent is employed from their first contact to their last; the window cuts both ends, so (G = the leaver
/// gap): an agent first seen within G of the window's start was employed before it (present at the start, observed
/// from the start; their hire date is unknown); one first seen later is a starter, observed from the first contact.
/// Follow-up ends at the window's end minus G: an agent with a contact after that is a stayer, observed to it
/// (right-censored); one whose last contact is before it left, observed to the last contact. Annual attrition =
/// leavers / agent-years observed (the rate of a constant-hazard leaving; <c>AgentAttritionCost.PerYear</c> takes it),
/// with the exact Poisson interval [chi2(2k, 0.025)/2, chi2(2k+2, 0.975)/2] / agent-years.</para>
/// <para>New hires: a starter's handled contacts in the first <see cref="AgentTenureOptions.RampUpWeeks"/> weeks after
/// their first contact, for starters whose ramp-up ends inside the window (a cut ramp-up would weigh the first days).
/// Tenured: contacts of starters after the ramp-up, and of agents present at the start once the ramp-up has passed
/// since the window's start. Each ratio is indirectly standardized: observed over expected, the expected being what
/// tenured agents take (handle time) or resolve on contacts of the same channel, direction and reason, so a new hire
/// who gets more email than calls is not slower for it. Intervals: percentile bootstrap resampling agents (their
/// contacts are not independent).</para>
/// </remarks>
public sealed class AgentTenure
{
    private const double MillisecondsPerYear = 365.0 * 86_400_000;

    /// <summary>Least follow-up for an attrition rate, in days.</summary>
    public const int MinimumFollowUpDays = 90;

    /// <summary>Least starters with a whole ramp-up for the new hires' gap.</summary>
    public const int MinimumNewHires = 3;

    private AgentTenure(AgentAttrition? attrition, string? attritionReason, NewHireGap? newHires, string? newHiresReason)
    {
        Attrition = attrition;
        AttritionUnavailable = attritionReason;
        NewHires = newHires;
        NewHiresUnavailable = newHiresReason;
    }

    /// <summary>Agent tenure that could not be measured, for the same reason on both parts (e.g. an analysis of summaries without the rows).</summary>
    internal static AgentTenure Unmeasured(string reason) => new(null, reason, null, reason);

    /// <summary>The attrition rate and head count; null when the data cannot give them (<see cref="AttritionUnavailable"/> says why).</summary>
    public AgentAttrition? Attrition { get; }

    /// <summary>Why <see cref="Attrition"/> is null; null when it is measured.</summary>
    public string? AttritionUnavailable { get; }

    /// <summary>The new hires' gap; null when the data cannot give it (<see cref="NewHiresUnavailable"/> says why).</summary>
    public NewHireGap? NewHires { get; }

    /// <summary>Why <see cref="NewHires"/> is null; null when it is measured.</summary>
    public string? NewHiresUnavailable { get; }

    /// <summary>Measures agent tenure from the contacts of <paramref name="table"/> that arrived inside <paramref name="window"/>.</summary>
    /// <param name="table">The interactions, with agent ids.</param>
    /// <param name="window">The observation window: its start and end are the edges the censoring rules refer to.</param>
    /// <param name="options">The definitions; the defaults when null.</param>
    /// <returns>The attrition and the new hires' gap, each measured or with the reason it is not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="window"/> is null.</exception>
    public static AgentTenure Compute(InteractionTable table, ObservationWindow window, AgentTenureOptions? options = null)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckNotNull(window);
        options ??= new AgentTenureOptions();
        long startMs = window.Start.ToUnixTimeMilliseconds(), endMs = window.End.ToUnixTimeMilliseconds();
        long gapMs = (long)options.LeaverGap.TotalMilliseconds;
        int agentCount = table.Agents.Count;
        var first = new long[agentCount];
        var last = new long[agentCount];
        Array.Fill(first, long.MaxValue);
        Array.Fill(last, long.MinValue);
        for (int i = 0; i < table.Count; i++)
        {
            int a = table.Agent[i];
            long t = table.ArrivedMs[i];
            if (a >= 0 && t >= startMs && t < endMs)
            {
                first[a] = Math.Min(first[a], t);
                last[a] = Math.Max(last[a], t);
            }
        }
        var seen = Enumerable.Range(0, agentCount).Where(a => first[a] != long.MaxValue).ToArray();
        if (seen.Length == 0)
        {
            const string none = "No contact of the window has an agent id, so agents' tenure cannot be measured.";
            return new AgentTenure(null, none, null, none);
        }
        var presentAtStart = new bool[agentCount];
        foreach (int a in seen)
        {
            presentAtStart[a] = first[a] < startMs + gapMs;
        }
        var (attrition, attritionReason) = MeasureAttrition(seen, first, last, presentAtStart, startMs, endMs, options);
        var (newHires, newHiresReason) = NewHireScan.Measure(table, first, presentAtStart, startMs, endMs, options);
        return new AgentTenure(attrition, attritionReason, newHires, newHiresReason);
    }

    /// <summary>The exact (Garwood) Poisson interval of a count: [chi2(2k, a/2)/2, chi2(2k+2, 1-a/2)/2], as Gamma(k, 1) and Gamma(k + 1, 1) quantiles.</summary>
    /// <param name="count">The count; at least 0.</param>
    /// <param name="level">The level, in (0, 1).</param>
    /// <returns>The bounds of the mean count.</returns>
    internal static (double Lower, double Upper) PoissonInterval(long count, double level = 0.95)
    {
        double alpha = 1 - level;
        double lower = count == 0 ? 0 : Gamma.InvCDF(count, 1, alpha / 2);
        double upper = Gamma.InvCDF(count + 1, 1, 1 - (alpha / 2));
        return (lower, upper);
    }

    private static (AgentAttrition?, string?) MeasureAttrition(int[] seen, long[] first, long[] last, bool[] presentAtStart, long startMs, long endMs, AgentTenureOptions options)
    {
        long gapMs = (long)options.LeaverGap.TotalMilliseconds;
        long censorMs = endMs - gapMs;
        double followDays = (censorMs - startMs) / 86_400_000.0;
        if (followDays < MinimumFollowUpDays)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"The window leaves {Math.Max(0, followDays):0} days of follow-up once the leaver gap ({options.LeaverGap.TotalDays:0} days) is kept free at its end; attrition needs at least {MinimumFollowUpDays}."));
        }
        long yearStartMs = Math.Max(startMs, censorMs - (long)(MillisecondsPerYear));
        double exposureMs = 0, lastYearMs = 0;
        int leavers = 0, atStart = 0;
        foreach (int a in seen)
        {
            long from = presentAtStart[a] ? startMs : first[a];
            bool leaver = last[a] < censorMs;
            long to = leaver ? last[a] : censorMs;
            leavers += leaver ? 1 : 0;
            atStart += presentAtStart[a] ? 1 : 0;
            exposureMs += Math.Max(0, to - from);
            lastYearMs += Math.Max(0, Math.Min(to, censorMs) - Math.Max(from, yearStartMs));
        }
        double agentYears = exposureMs / MillisecondsPerYear;
        if (agentYears < 1)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"The agents' employment observed adds up to {agentYears:0.##} agent-years; an attrition rate needs at least one."));
        }
        var (low, high) = PoissonInterval(leavers);
        var rate = new Estimate(leavers / agentYears, new ConfidenceInterval(low / agentYears, high / agentYears, 0.95, "exact poisson (garwood)"), seen.Length);
        string gapDays = options.LeaverGap.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        string definition =
            $"leavers / agent-years observed (365-day years). An agent is employed from the first contact to the last; first seen within {gapDays} days of the window's start = employed before it (observed from the start); "
            + $"follow-up ends {gapDays} days before the window's end: a later contact = stayer (observed to then), last contact earlier = leaver (observed to it). "
            + "Head count = mean agents employed over the last 365 days of follow-up. Interval: exact Poisson.";
        return (new AgentAttrition(seen.Length, atStart, seen.Length - atStart, leavers, agentYears, rate, lastYearMs / (censorMs - yearStartMs),
            Instant.FromUnixTimeMilliseconds(censorMs), definition), null);
    }

    /// <summary>The new hires' scan: per agent and stratum (channel, direction, reason), the handled contacts of the ramp-up and after it, then the ratios and their bootstrap.</summary>
    private sealed class NewHireScan
    {
        private const int NewHire = 0, Tenured = 1;

        // Per cell (agent, stratum, group): contacts, handle ms, contacts with a resolved flag, resolved.
        private readonly List<(int Agent, int Stratum, int Group)> _cells = [];
        private readonly List<double[]> _sums = [];
        private readonly Dictionary<(int, int, int), int> _cellOf = [];
        private readonly Dictionary<int, int> _strata = [];

        internal static (NewHireGap?, string?) Measure(InteractionTable table, long[] first, bool[] presentAtStart, long startMs, long endMs, AgentTenureOptions options)
        {
            long rampMs = (long)(options.RampUpWeeks * 7 * 86_400_000);
            long gapMs = (long)options.LeaverGap.TotalMilliseconds;
            var scan = new NewHireScan();
            int reasons = table.Reasons.Count + 1;
            for (int i = 0; i < table.Count; i++)
            {
                int a = table.Agent[i];
                long t = table.ArrivedMs[i];
                if (a < 0 || t < startMs || t >= endMs || !table.Answered[i] || !((Channel)table.Channel[i]).IsAgentHandled())
                {
                    continue;
                }
                int group;
                if (presentAtStart[a])
                {
                    group = t - startMs >= rampMs ? Tenured : -1;
                }
                else if (t - first[a] >= rampMs)
                {
                    group = Tenured;
                }
                else
                {
                    group = first[a] + rampMs <= endMs ? NewHire : -1;
                }
                if (group < 0)
                {
                    continue;
                }
                int key = (((table.Channel[i] * 2) + table.Direction[i]) * reasons) + table.Reason[i] + 1;
                if (!scan._strata.TryGetValue(key, out int stratum))
                {
                    stratum = scan._strata.Count;
                    scan._strata.Add(key, stratum);
                }
                scan.Add(a, stratum, group, (double)table.TalkMs[i] + table.HoldMs[i] + table.AcwMs[i], table.Resolved[i]);
            }
            return scan.Finish(table.Agents.Count, options, gapMs);
        }

        private void Add(int agent, int stratum, int group, double handleMs, sbyte resolved)
        {
            if (!_cellOf.TryGetValue((agent, stratum, group), out int cell))
            {
                cell = _cells.Count;
                _cellOf.Add((agent, stratum, group), cell);
                _cells.Add((agent, stratum, group));
                _sums.Add(new double[4]);
            }
            var s = _sums[cell];
            s[0]++;
            s[1] += handleMs;
            if (resolved >= 0)
            {
                s[2]++;
                s[3] += resolved;
            }
        }

        private (NewHireGap?, string?) Finish(int agentCount, AgentTenureOptions options, long gapMs)
        {
            var weights = new double[agentCount];
            Array.Fill(weights, 1.0);
            var point = Ratios(weights);
            int newHires = _cells.Where(c => c.Group == NewHire).Select(c => c.Agent).Distinct().Count();
            if (newHires >= MinimumNewHires && point is null)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"{newHires} new hires, but none with handled contacts carrying a resolved flag on a channel, direction and reason that tenured agents also handle, so there is nothing to compare them with."));
            }
            if (point is not var (r, q, newContacts, tenuredContacts) || newHires < MinimumNewHires)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"The new hires' gap needs at least {MinimumNewHires} agents first seen more than {gapMs / 86_400_000.0:0} days after the window's start whose first {options.RampUpWeeks:0.#} weeks lie inside it, with handled contacts carrying a resolved flag that tenured agents also handle (channel, direction, reason); the data has {newHires}."));
            }
            var agents = _cells.Select(c => c.Agent).Distinct().ToArray();
            var random = new Random(options.Seed);
            var ratios = new List<double>(options.BootstrapSamples);
            var resolutions = new List<double>(options.BootstrapSamples);
            var gaps = new List<double>(options.BootstrapSamples);
            for (int b = 0; b < options.BootstrapSamples; b++)
            {
                Array.Clear(weights);
                for (int k = 0; k < agents.Length; k++)
                {
                    weights[agents[random.Next(agents.Length)]]++;
                }
                if (Ratios(weights) is var (rb, qb, _, _))
                {
                    ratios.Add(rb);
                    resolutions.Add(qb);
                    gaps.Add(1 - (qb / rb));
                }
            }
            string method = string.Create(CultureInfo.InvariantCulture, $"percentile bootstrap over agents ({gaps.Count:N0} of {options.BootstrapSamples:N0} resamples with new hires, seed {options.Seed})");
            Estimate Of(double value, List<double> draws) => new(value, Percentiles(draws, method), newContacts);
            string gapDays = (gapMs / 86_400_000.0).ToString("0", CultureInfo.InvariantCulture), weeks = options.RampUpWeeks.ToString("0.#", CultureInfo.InvariantCulture);
            string definition =
                $"new hires = agents first seen more than {gapDays} days after the window's start, in their first {weeks} weeks from the first contact (the whole ramp-up inside the window); tenured = contacts after those weeks (for agents present at the start: {weeks} weeks after the window's start). "
                + "Handled contacts of agent channels; handle time = talk + hold + after-contact work. Each ratio = new hires' observed / expected at the tenured agents' mean of the same channel, direction and reason (indirect standardization). "
                + "Productivity gap = 1 - resolution ratio / handle-time ratio (resolved contacts per handled hour). Intervals: bootstrap resampling agents.";
            return (new NewHireGap(newHires, newContacts, tenuredContacts, options.RampUpWeeks, Of(r, ratios), Of(q, resolutions), Of(1 - (q / r), gaps), definition), null);
        }

        private static ConfidenceInterval Percentiles(List<double> draws, string method)
        {
            var sorted = draws.Order().ToArray();
            return new ConfidenceInterval(MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, 0.025),
                MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, 0.975), 0.95, method);
        }

        /// <summary>
        /// The handle-time and resolution ratios with agents weighted (1 each for the point, bootstrap counts for a
        /// resample); null when the weighted data has no new-hire contact with a tenured comparison.
        /// </summary>
        private (double HandleRatio, double ResolutionRatio, long NewHireContacts, long TenuredContacts)? Ratios(double[] weights)
        {
            var tenured = new double[_strata.Count * 4];
            for (int c = 0; c < _cells.Count; c++)
            {
                var (agent, stratum, group) = _cells[c];
                double w = weights[agent];
                if (group == Tenured && w > 0)
                {
                    for (int k = 0; k < 4; k++)
                    {
                        tenured[(stratum * 4) + k] += w * _sums[c][k];
                    }
                }
            }
            double handle = 0, expectedHandle = 0, resolved = 0, expectedResolved = 0, newContacts = 0, tenuredContacts = 0;
            for (int c = 0; c < _cells.Count; c++)
            {
                var (agent, stratum, group) = _cells[c];
                double w = weights[agent];
                var s = _sums[c];
                var t = tenured.AsSpan(stratum * 4, 4);
                if (group == Tenured)
                {
                    tenuredContacts += w * s[0];
                    continue;
                }
                if (w == 0 || t[0] == 0)
                {
                    continue;
                }
                newContacts += w * s[0];
                handle += w * s[1];
                expectedHandle += w * s[0] * t[1] / t[0];
                if (t[2] > 0 && s[2] > 0)
                {
                    resolved += w * s[3];
                    expectedResolved += w * s[2] * t[3] / t[2];
                }
            }
            return expectedHandle > 0 && handle > 0 && expectedResolved > 0
                ? (handle / expectedHandle, resolved / expectedResolved, (long)newContacts, (long)tenuredContacts)
                : null;
        }
    }
}
