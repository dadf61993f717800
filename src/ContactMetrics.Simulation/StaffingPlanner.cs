using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// The hourly staffing plan of a run (see <see cref="StaffingOptions"/>): the forecast, the Erlang C requirement, the
/// planted day deviations, the agents on the queue per live-queue channel and hour, and the roster behind them.
/// </summary>
internal sealed class StaffingPlanner
{
    private const double Year = 365.25;

    private StaffingPlanner(int slots, int channels)
    {
        Slots = slots;
        Agents = new int[channels][];
        Required = new int[channels][];
        Forecast = new double[channels][];
        PositionOffset = new int[channels][];
        DailyForecast = new double[channels][];
        OutboundCalls = new int[channels][];
    }

    /// <summary>The number of one-hour slots from the start of the period.</summary>
    internal int Slots { get; }

    /// <summary>Agents on the queue per channel (index into the options' channels) and slot; null for channels that are not queued.</summary>
    internal int[]?[] Agents { get; }

    /// <summary>The Erlang A requirement per channel and slot, before the planted day deviation and the roster's limit.</summary>
    internal int[]?[] Required { get; }

    /// <summary>Expected contacts (first contacts and repeats) per channel and slot; null for channels that are not queued.</summary>
    internal double[]?[] Forecast { get; }

    /// <summary>The first roster position of a channel among its team's agents on shift, per slot.</summary>
    internal int[]?[] PositionOffset { get; }

    /// <summary>Campaign calls released per channel and slot (<see cref="OutboundOptions"/>); null but for the phone with a campaign.</summary>
    internal int[]?[] OutboundCalls { get; }

    /// <summary>Expected contacts per channel and day (every agent channel).</summary>
    internal double[]?[] DailyForecast { get; }

    /// <summary>The planted staffing factor of each day: 1, 1 - deviation (understaffed) or 1 + deviation (overstaffed).</summary>
    internal double[] DayFactor { get; private set; } = [];

    internal AgentRoster Roster { get; private set; } = null!;

    internal static StaffingPlanner Plan(SimulationOptions options, SimulationCalendar calendar, Population population, ulong seed)
    {
        var channels = options.Contacts.Channels;
        int days = calendar.Days;
        var ratePerYear = ActiveContactRate(options, population, days);
        int slots = (int)((calendar.EndSeconds + SimulationCalendar.SecondsPerHour - 1) / SimulationCalendar.SecondsPerHour);
        var plan = new StaffingPlanner(slots, channels.Count);
        var repeatLoad = RepeatLoad(options);

        var random = new SeededRandom(SeededRandom.Derive(seed, 0));
        var s = options.Staffing;
        plan.DayFactor = new double[days];
        for (int d = 0; d < days; d++)
        {
            double u = random.NextDouble();
            plan.DayFactor[d] = u < s.UnderstaffedDayShare ? 1 - s.DayDeviation
                : u < s.UnderstaffedDayShare + s.OverstaffedDayShare ? 1 + s.DayDeviation
                : 1.0;
        }

        var target = new StaffingTarget(s.ServiceLevel, s.ServiceLevelThreshold, maxOccupancy: s.MaxOccupancy);
        double reasonHandleFactor = options.Contacts.Reasons.Sum(r => r.Share * r.HandleTimeFactor);
        for (int c = 0; c < channels.Count; c++)
        {
            var channel = channels[c];
            if (channel.Handling == ChannelHandling.SelfService)
            {
                continue;
            }
            var daily = new double[days];
            for (int d = 0; d < days; d++)
            {
                int arrival = calendar.ArrivalDay(c, d);
                if (arrival < days)
                {
                    daily[arrival] += ratePerYear[d] / Year * calendar.WeekdayFactor(d) * channel.Share * repeatLoad[c];
                }
            }
            plan.DailyForecast[c] = daily;
            if (channel.Handling != ChannelHandling.Queued)
            {
                continue;
            }
            var aht = Duration.FromSeconds(channel.MeanHandleTime.TotalSeconds * reasonHandleFactor);
            // Erlang A: the plan knows the channel's mean patience, so it counts on abandonment as a real center's planner does.
            var erlang = new Staffing.StaffingPlanner(target, averagePatience: channel.MeanPatience);
            var required = new int[slots];
            var forecast = new double[slots];
            var cache = new Dictionary<long, int>();
            for (int k = 0; k < slots; k++)
            {
                long second = (long)k * SimulationCalendar.SecondsPerHour;
                int day = calendar.DayOf(second);
                int hour = calendar.HourOf(second);
                double expected = daily[day] * calendar.HourProbability(c, hour);
                forecast[k] = expected;
                if (!calendar.IsOpenDay(c, day) || hour < channel.Opens || hour >= channel.Closes)
                {
                    continue;
                }
                // Loads rounded to a hundredth of a contact share one Erlang A search.
                long key = (long)Math.Round(expected * 100);
                if (!cache.TryGetValue(key, out int servers))
                {
                    servers = key == 0 ? 0 : erlang.Plan(new QueueLoad(key / 100.0, Duration.FromHours(1), aht)).Agents;
                    cache[key] = servers;
                }
                required[k] = Math.Max(s.MinimumAgents, (servers + channel.Concurrency - 1) / channel.Concurrency);
            }
            plan.Required[c] = required;
            plan.Forecast[c] = forecast;
            if (options.Outbound is { } outbound && channel.Channel == Channel.Phone)
            {
                plan.OutboundCalls[c] = CampaignCalls(outbound, required, forecast, aht.TotalSeconds);
            }
        }

        plan.Roster = AgentRoster.Build(options, calendar, plan, SeededRandom.Derive(seed, 1));
        plan.Roster.FillQueues(plan);
        return plan;
    }

    /// <summary>
    /// The campaign calls released per slot: the agent time the plan leaves idle below the target occupancy (required
    /// agents x 3,600 s x target - forecast calls x mean handle time) over the campaign's mean handle time.
    /// </summary>
    private static int[] CampaignCalls(OutboundOptions outbound, int[] required, double[] forecast, double inboundHandleSeconds)
    {
        var calls = new int[required.Length];
        double perCall = outbound.MeanHandleTime.TotalSeconds;
        for (int k = 0; k < calls.Length; k++)
        {
            double idle = (outbound.TargetOccupancy * required[k] * SimulationCalendar.SecondsPerHour) - (forecast[k] * inboundHandleSeconds);
            calls[k] = required[k] > 0 && idle > 0 ? (int)Math.Round(idle / perCall) : 0;
        }
        return calls;
    }

    /// <summary>
    /// The expected first-contact rate per year of the customers active on each day: acquisitions add their rate,
    /// baseline churn decays it (the raised hazard after failures is not forecast).
    /// </summary>
    private static double[] ActiveContactRate(SimulationOptions options, Population population, int days)
    {
        var segments = options.Segments;
        var added = new double[segments.Count, days];
        for (int i = 0; i < population.Count; i++)
        {
            added[population.Segment[i], population.AcquiredDay[i]] += population.ContactsPerYear[i];
        }
        var ratePerYear = new double[days];
        for (int s = 0; s < segments.Count; s++)
        {
            double decay = options.Churn.Enabled ? Math.Exp(-segments[s].AnnualChurnHazard / Year) : 1.0;
            double active = 0;
            for (int d = 0; d < days; d++)
            {
                active = (active * decay) + added[s, d];
                ratePerYear[d] += active;
            }
        }
        return ratePerYear;
    }

    /// <summary>
    /// Contacts per first contact of each channel, repeats included: 1 + q + ... + q^MaxRepeats with q the chance of a
    /// repeat (unresolved x repeat probability), plus the self-service contacts that escalate to the agent channels: a
    /// planted containment failure to its named channel, otherwise the unresolved sessions' repeats spread by share.
    /// </summary>
    private static double[] RepeatLoad(SimulationOptions options)
    {
        var contacts = options.Contacts;
        var channels = contacts.Channels;
        double meanResolutionFactor = contacts.Reasons.Sum(r => r.Share * r.ResolutionFactor);
        var chain = new double[channels.Count];
        for (int c = 0; c < channels.Count; c++)
        {
            double q = (1 - Math.Min(1, channels[c].ResolutionProbability * meanResolutionFactor)) * contacts.RepeatProbability;
            double term = 1, sum = 1;
            for (int k = 0; k < contacts.MaxRepeats; k++)
            {
                term *= q;
                sum += term;
            }
            chain[c] = sum;
        }
        double agentShare = channels.Where(c => c.Handling != ChannelHandling.SelfService).Sum(c => c.Share);
        double escalated = 0; // per first contact, to an agent channel drawn by share
        var escalatedTo = new double[channels.Count]; // per first contact, to a named channel
        for (int c = 0; c < channels.Count; c++)
        {
            var channel = channels[c];
            if (channel.Handling != ChannelHandling.SelfService)
            {
                continue;
            }
            double failed = channel.ContainmentFailure is double f ? channel.Share * f : channel.Share * (chain[c] - 1);
            int target = channel.EscalatesTo is Channel to ? IndexOf(channels, to) : -1;
            if (channel.ContainmentFailure is not null && target >= 0)
            {
                escalatedTo[target] += failed;
            }
            else
            {
                escalated += failed;
            }
        }
        var load = new double[channels.Count];
        for (int c = 0; c < channels.Count; c++)
        {
            if (channels[c].Handling != ChannelHandling.SelfService && channels[c].Share > 0)
            {
                load[c] = chain[c] * (1 + (escalated / agentShare) + (escalatedTo[c] / channels[c].Share));
            }
        }
        return load;
    }

    private static int IndexOf(IReadOnlyList<ChannelOptions> channels, Channel channel)
    {
        for (int c = 0; c < channels.Count; c++)
        {
            if (channels[c].Channel == channel)
            {
                return c;
            }
        }
        return -1;
    }
}
