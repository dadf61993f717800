namespace ContactMetrics.Simulation;

/// <summary>The hourly staffing plan of a run and the agent teams (see <see cref="StaffingOptions"/>).</summary>
internal sealed class StaffingPlanner
{
    private const double WorkdaySeconds = 8 * SimulationCalendar.SecondsPerHour;

    private StaffingPlanner(int slots, int channels)
    {
        Slots = slots;
        Agents = new int[channels][];
        Forecast = new double[channels][];
        TeamSize = new int[channels];
        AgentOffset = new int[channels];
    }

    /// <summary>The number of one-hour slots from the start of the period.</summary>
    internal int Slots { get; }

    /// <summary>Agents on shift per channel (index into the options' channels) and slot; null for channels that are not queued.</summary>
    internal int[]?[] Agents { get; }

    /// <summary>Expected first contacts per channel and slot; null for channels that are not queued.</summary>
    internal double[]?[] Forecast { get; }

    /// <summary>The team size of each channel (0 for self-service).</summary>
    internal int[] TeamSize { get; }

    /// <summary>The global index of each team's first agent.</summary>
    internal int[] AgentOffset { get; }

    internal int TotalAgents { get; private set; }

    internal static StaffingPlanner Plan(SimulationOptions options, SimulationCalendar calendar, Population population)
    {
        var channels = options.Contacts.Channels;
        var segments = options.Segments;
        int days = calendar.Days;

        // Expected first-contact rate per year of the customers active on each day: acquisitions
        // add their rate, baseline churn decays it (the raised hazard after failures is not forecast).
        var added = new double[segments.Count, days];
        for (int i = 0; i < population.Count; i++)
        {
            added[population.Segment[i], population.AcquiredDay[i]] += population.ContactsPerYear[i];
        }
        var ratePerYear = new double[days];
        for (int s = 0; s < segments.Count; s++)
        {
            double decay = options.Churn.Enabled ? Math.Exp(-segments[s].AnnualChurnHazard / 365.25) : 1.0;
            double active = 0;
            for (int d = 0; d < days; d++)
            {
                active = (active * decay) + added[s, d];
                ratePerYear[d] += active;
            }
        }

        int slots = (int)((calendar.EndSeconds + SimulationCalendar.SecondsPerHour - 1) / SimulationCalendar.SecondsPerHour);
        var plan = new StaffingPlanner(slots, channels.Count);
        double beta = options.Staffing.SafetyFactor;
        int minimum = options.Staffing.MinimumAgents;
        for (int c = 0; c < channels.Count; c++)
        {
            var channel = channels[c];
            double handleSeconds = channel.MeanHandleTime.TotalSeconds;
            switch (channel.Handling)
            {
                case ChannelHandling.Queued:
                    var agents = new int[slots];
                    var forecast = new double[slots];
                    int team = minimum;
                    for (int k = 0; k < slots; k++)
                    {
                        long second = (long)k * SimulationCalendar.SecondsPerHour;
                        int day = calendar.DayOf(second);
                        int hour = calendar.HourOf(second);
                        double expected = ratePerYear[day] / 365.25 * calendar.WeekdayFactor(day) * calendar.HourProbability(hour) * channel.Share;
                        double load = expected * handleSeconds / SimulationCalendar.SecondsPerHour;
                        double servers = load + (beta * Math.Sqrt(load));
                        agents[k] = Math.Max(minimum, (int)Math.Ceiling(servers / channel.Concurrency));
                        forecast[k] = expected;
                        team = Math.Max(team, agents[k]);
                    }
                    plan.Agents[c] = agents;
                    plan.Forecast[c] = forecast;
                    plan.TeamSize[c] = team;
                    break;
                case ChannelHandling.Asynchronous:
                    double peakPerDay = 0;
                    for (int d = 0; d < days; d++)
                    {
                        peakPerDay = Math.Max(peakPerDay, ratePerYear[d] / 365.25 * calendar.WeekdayFactor(d) * channel.Share);
                    }
                    plan.TeamSize[c] = Math.Max(minimum, (int)Math.Ceiling(peakPerDay * handleSeconds / WorkdaySeconds));
                    break;
                default:
                    plan.TeamSize[c] = 0;
                    break;
            }
        }

        int offset = 0;
        for (int c = 0; c < channels.Count; c++)
        {
            plan.AgentOffset[c] = offset;
            offset += plan.TeamSize[c];
        }
        plan.TotalAgents = offset;
        return plan;
    }
}
