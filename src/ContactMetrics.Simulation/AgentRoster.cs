using ContactMetrics.Domain;

namespace ContactMetrics.Simulation;

/// <summary>
/// The agents as people (see <see cref="AgentOptions"/>): teams, shifts, hires and leavers, who is on shift each day,
/// and which agent holds a queue position in an hour.
/// </summary>
internal sealed class AgentRoster
{
    /// <summary>Blocks of this many days share one head-count target (a four-week planning period).</summary>
    internal const int PlanningDays = 28;

    private readonly SimulationCalendar _calendar;
    private readonly AgentOptions _options;
    private readonly List<Agent> _agents = [];
    private readonly Team[] _teams;
    private readonly int[] _teamOf; // per channel, -1 for self-service

    private AgentRoster(SimulationOptions options, SimulationCalendar calendar)
    {
        _calendar = calendar;
        _options = options.Agents;
        var channels = options.Contacts.Channels;
        _teamOf = new int[channels.Count];
        var teams = new List<Team>();
        foreach (var (kind, name) in new[] { (0, "voice"), (1, "digital"), (2, "back office") })
        {
            var members = Enumerable.Range(0, channels.Count).Where(c => TeamKind(channels[c]) == kind).ToArray();
            if (members.Length == 0)
            {
                continue;
            }
            int opens = members.Min(c => channels[c].Opens);
            int closes = members.Max(c => channels[c].Closes);
            int openDays = members.Max(c => channels[c].OpenDaysPerWeek);
            teams.Add(new Team(name, members, [.. members.Select(c => channels[c].Channel)], opens, closes, openDays, Shifts(opens, closes, _options.ShiftHours), calendar.Days));
        }
        _teams = [.. teams];
        Array.Fill(_teamOf, -1);
        for (int t = 0; t < _teams.Length; t++)
        {
            foreach (int c in _teams[t].Channels)
            {
                _teamOf[c] = t;
            }
        }
    }

    /// <summary>Every agent ever employed in the period, in the order of their global index.</summary>
    internal IReadOnlyList<Agent> Agents => _agents;

    internal int TeamCount => _teams.Length;

    internal string TeamName(int team) => _teams[team].Name;

    internal IReadOnlyList<Channel> TeamChannels(int team) => Array.AsReadOnly(_teams[team].Skills);

    /// <summary>The team of a channel (index into the options' channels), -1 for self-service.</summary>
    internal int TeamOf(int channel) => _teamOf[channel];

    /// <summary>0 voice (phone), 1 digital (the other live queues), 2 back office (asynchronous), -1 self-service.</summary>
    private static int TeamKind(ChannelOptions channel) => channel.Handling switch
    {
        ChannelHandling.Queued => channel.Channel == Channel.Phone ? 0 : 1,
        ChannelHandling.Asynchronous => 2,
        _ => -1,
    };

    /// <summary>Staggered shifts of <paramref name="length"/> hours covering [opens, closes): one more than the fewest that cover it, starts spread evenly.</summary>
    private static (int Start, int End)[] Shifts(int opens, int closes, int length)
    {
        int span = closes - opens;
        if (span <= length)
        {
            return [(opens, closes)];
        }
        int n = ((span + length - 1) / length) + 1;
        var shifts = new (int, int)[n];
        for (int i = 0; i < n; i++)
        {
            int start = opens + (int)Math.Round(i * (span - length) / (double)(n - 1));
            shifts[i] = (start, start + length);
        }
        return shifts;
    }

    internal static AgentRoster Build(SimulationOptions options, SimulationCalendar calendar, StaffingPlanner plan, ulong seed)
    {
        var roster = new AgentRoster(options, calendar);
        for (int t = 0; t < roster._teams.Length; t++)
        {
            var team = roster._teams[t];
            var need = roster.ShiftNeed(team, options, plan);
            for (int s = 0; s < team.ShiftHours.Length; s++)
            {
                roster.Staff(t, s, need[s], SeededRandom.Derive(seed, (ulong)((t * 16) + s)));
            }
        }
        return roster;
    }

    /// <summary>Agents needed on shift per shift and day: each hour's positions covered, greedily by the latest-starting shift that covers it.</summary>
    private int[][] ShiftNeed(Team team, SimulationOptions options, StaffingPlanner plan)
    {
        int days = _calendar.Days;
        var need = new int[team.ShiftHours.Length][];
        for (int s = 0; s < need.Length; s++)
        {
            need[s] = new int[days];
        }
        var positions = new double[24];
        for (int d = 0; d < days; d++)
        {
            if (_calendar.Weekday(d) >= team.OpenDays)
            {
                continue;
            }
            Array.Clear(positions);
            foreach (int c in team.Channels)
            {
                if (plan.Required[c] is int[] required)
                {
                    for (int h = team.Opens; h < team.Closes; h++)
                    {
                        int slot = SlotOf(d, h, plan.Slots);
                        positions[h] += required[slot];
                    }
                }
                else if (plan.DailyForecast[c] is double[] daily)
                {
                    // Asynchronous: the day's work spread over the opening hours at the planned occupancy.
                    double agentSeconds = daily[d] * options.Contacts.Channels[c].MeanHandleTime.TotalSeconds / options.Staffing.MaxOccupancy;
                    double perHour = agentSeconds / ((team.Closes - team.Opens) * (double)SimulationCalendar.SecondsPerHour);
                    for (int h = team.Opens; h < team.Closes; h++)
                    {
                        positions[h] += perHour;
                    }
                }
            }
            for (int h = team.Opens; h < team.Closes; h++)
            {
                int covered = 0;
                int latest = -1;
                for (int s = 0; s < team.ShiftHours.Length; s++)
                {
                    var (start, end) = team.ShiftHours[s];
                    if (h >= start && h < end)
                    {
                        covered += need[s][d];
                        latest = s;
                    }
                }
                int deficit = (int)Math.Ceiling(positions[h] - 1e-9) - covered;
                if (deficit > 0)
                {
                    need[latest][d] += deficit;
                }
            }
        }
        return need;
    }

    /// <summary>
    /// Hires and leavers of one shift of a team, and who is on shift each day: the head count of each planning period
    /// covers its peak day's need given days off and absence; leavers are replaced the same day.
    /// </summary>
    private void Staff(int t, int s, int[] need, ulong seed)
    {
        var team = _teams[t];
        int days = _calendar.Days;
        var random = new SeededRandom(seed);
        double workShare = Math.Min(5, team.OpenDays) / (double)team.OpenDays * (1 - _options.Absence);
        double leaveMeanDays = _options.AnnualAttrition > 0 ? 365.25 / _options.AnnualAttrition : double.PositiveInfinity;
        var active = new List<int>();
        var onShift = new List<int>();
        int target = 0;
        for (int d = 0; d < days; d++)
        {
            if (d % PlanningDays == 0)
            {
                int peak = 0;
                for (int e = d; e < Math.Min(days, d + PlanningDays); e++)
                {
                    peak = Math.Max(peak, need[e]);
                }
                // The head count whose expected attendance covers the period's peak day.
                target = Math.Max(1, (int)Math.Ceiling(peak / workShare));
            }
            active.RemoveAll(a => _agents[a].LeaveDay <= d);
            while (active.Count < target)
            {
                int hired = d == 0 ? -(int)Math.Min(3650, random.NextExponential(Math.Min(leaveMeanDays, 3 * 365.25))) : d;
                double stay = random.NextExponential(leaveMeanDays);
                int leave = d + stay < days ? d + 1 + (int)stay : int.MaxValue;
                active.Add(_agents.Count);
                _agents.Add(new Agent(t, s, hired, leave, _agents.Count));
            }
            onShift.Clear();
            int weekday = _calendar.Weekday(d);
            if (weekday < team.OpenDays)
            {
                foreach (int a in active)
                {
                    var agent = _agents[a];
                    if (!agent.IsOff(weekday, team.OpenDays) && !Absent(a, d))
                    {
                        onShift.Add(a);
                    }
                }
            }
            // A daily rotation, so that the first positions (the busiest) fall to different agents.
            var today = new int[onShift.Count];
            for (int i = 0; i < today.Length; i++)
            {
                today[i] = onShift[(i + d) % today.Length];
            }
            team.OnShift[s][d] = today;
        }
    }

    private bool Absent(int agent, int day)
        => SeededRandom.Mix(((ulong)agent << 32) ^ (uint)day ^ 0x9E3779B97F4A7C15UL) >> 11 < (ulong)(_options.Absence * (1UL << 53));

    /// <summary>The slot of a local hour of a day (the hour's start; clamped to the period).</summary>
    private int SlotOf(int day, int hour, int slots)
        => (int)Math.Clamp(_calendar.SecondsAt(day, hour, 0) / SimulationCalendar.SecondsPerHour, 0, slots - 1);

    /// <summary>
    /// Puts the requirement on the queues: per live-queue channel and slot, the requirement times the day's planted
    /// factor, at most the team's agents on shift not yet given to an earlier channel of the team.
    /// </summary>
    internal void FillQueues(StaffingPlanner plan)
    {
        for (int t = 0; t < _teams.Length; t++)
        {
            var team = _teams[t];
            var queued = team.Channels.Where(c => plan.Required[c] is not null).ToArray();
            if (queued.Length == 0)
            {
                continue;
            }
            foreach (int c in queued)
            {
                plan.Agents[c] = new int[plan.Slots];
                plan.PositionOffset[c] = new int[plan.Slots];
            }
            for (int k = 0; k < plan.Slots; k++)
            {
                long second = (long)k * SimulationCalendar.SecondsPerHour;
                int day = _calendar.DayOf(second);
                int available = OnShiftCount(team, day, _calendar.HourOf(second));
                int offset = 0;
                foreach (int c in queued)
                {
                    int wanted = (int)Math.Round(plan.Required[c]![k] * plan.DayFactor[day]);
                    if (plan.Required[c]![k] > 0)
                    {
                        wanted = Math.Max(1, wanted);
                    }
                    int agents = Math.Min(wanted, available - offset);
                    plan.Agents[c]![k] = agents;
                    plan.PositionOffset[c]![k] = offset;
                    offset += agents;
                }
            }
        }
    }

    private static int OnShiftCount(Team team, int day, int hour)
    {
        int count = 0;
        for (int s = 0; s < team.ShiftHours.Length; s++)
        {
            var (start, end) = team.ShiftHours[s];
            if (hour >= start && hour < end)
            {
                count += team.OnShift[s][day].Length;
            }
        }
        return count;
    }

    /// <summary>The agent at a queue position of a team at an instant (seconds from the start): the position-th agent on shift.</summary>
    internal int AgentAt(int channel, long second, int position)
    {
        var team = _teams[_teamOf[channel]];
        int day = _calendar.DayOf(second);
        int hour = _calendar.HourOf(second);
        for (int s = 0; s < team.ShiftHours.Length; s++)
        {
            var (start, end) = team.ShiftHours[s];
            if (hour >= start && hour < end)
            {
                var list = team.OnShift[s][day];
                if (position < list.Length)
                {
                    return list[position];
                }
                position -= list.Length;
            }
        }
        // A contact answered just after the hour's end by a server still on shift: any agent of the day.
        return AnyAgentOfDay(team, day, position);
    }

    /// <summary>
    /// The agent who answers at a queue position: the position's agent, unless they are still busy with contacts taken
    /// on another position before a shift change; then the first agent on shift with a free slot.
    /// </summary>
    internal int FreeAgentAt(int channel, long second, int position, int[] busy, int concurrency)
    {
        int agent = AgentAt(channel, second, position);
        if (busy[agent] < concurrency)
        {
            return agent;
        }
        var team = _teams[_teamOf[channel]];
        int day = _calendar.DayOf(second);
        int count = OnShiftCount(team, day, _calendar.HourOf(second));
        for (int p = 0; p < count; p++)
        {
            int other = AgentAt(channel, second, p);
            if (busy[other] == 0)
            {
                return other;
            }
        }
        return agent;
    }

    /// <summary>
    /// The first instant at or after <paramref name="second"/> in the opening hours of a channel's team, keeping the
    /// seconds past the hour; <see cref="long.MaxValue"/> when there is none in the period.
    /// </summary>
    internal long NextWorkingSecond(int channel, long second)
    {
        var team = _teams[_teamOf[channel]];
        int day = _calendar.DayOf(second);
        int hour = _calendar.HourOf(second);
        int secondOfHour = (int)(((second % SimulationCalendar.SecondsPerHour) + SimulationCalendar.SecondsPerHour) % SimulationCalendar.SecondsPerHour);
        if (day < _calendar.Days && _calendar.Weekday(day) < team.OpenDays && hour >= team.Opens && hour < team.Closes)
        {
            return second;
        }
        int next = hour < team.Opens ? day : day + 1;
        while (next < _calendar.Days && _calendar.Weekday(next) >= team.OpenDays)
        {
            next++;
        }
        return next < _calendar.Days ? _calendar.SecondsAt(next, team.Opens, secondOfHour) : long.MaxValue;
    }

    /// <summary>An agent of a channel's team on shift at an instant, chosen by a uniform draw in [0, 1).</summary>
    internal int PickOnShift(int channel, long second, double pick)
    {
        var team = _teams[_teamOf[channel]];
        int day = _calendar.DayOf(second);
        int hour = _calendar.HourOf(second);
        int count = OnShiftCount(team, day, hour);
        return count > 0 ? AgentAt(channel, second, Math.Min(count - 1, (int)(pick * count))) : AnyAgentOfDay(team, day, (int)(pick * 1024));
    }

    /// <summary>An agent on any shift of the day, or failing that of the nearest later day, or the team's first agent.</summary>
    private int AnyAgentOfDay(Team team, int day, int index)
    {
        for (int d = day; d < _calendar.Days; d++)
        {
            int total = 0;
            foreach (var shift in team.OnShift)
            {
                total += shift[d].Length;
            }
            if (total == 0)
            {
                continue;
            }
            int i = index % total;
            foreach (var shift in team.OnShift)
            {
                if (i < shift[d].Length)
                {
                    return shift[d][i];
                }
                i -= shift[d].Length;
            }
        }
        int teamIndex = Array.IndexOf(_teams, team);
        return _agents.FindIndex(a => a.Team == teamIndex);
    }

    /// <summary>The handle-time factor of an agent at an instant (their tenure then).</summary>
    internal double HandleTimeFactor(int agent, long second) => _options.HandleTimeFactor(_calendar.DayOf(second) - _agents[agent].HireDay);

    /// <summary>The resolution factor of an agent at an instant.</summary>
    internal double ResolutionFactor(int agent, long second) => _options.ResolutionFactor(_calendar.DayOf(second) - _agents[agent].HireDay);

    /// <summary>The shift of an agent as local hours.</summary>
    internal (int Start, int End) ShiftOf(int agent) => _teams[_agents[agent].Team].ShiftHours[_agents[agent].Shift];

    /// <summary>One agent: team, shift, hire day (negative: before the period), leave day (int.MaxValue: stays), and a rota key for days off.</summary>
    internal readonly record struct Agent(int Team, int Shift, int HireDay, int LeaveDay, int RotaKey)
    {
        /// <summary>Days off among the open days: none when the team is open at most five days, else (open days - 5) weekdays by the rota key.</summary>
        internal bool IsOff(int weekday, int openDays)
        {
            int off = openDays - 5;
            for (int i = 0; i < off; i++)
            {
                if ((RotaKey + (i * 3)) % openDays == weekday)
                {
                    return true;
                }
            }
            return false;
        }
    }

    private sealed class Team(string name, int[] channels, Channel[] skills, int opens, int closes, int openDays, (int Start, int End)[] shiftHours, int days)
    {
        internal string Name { get; } = name;

        internal int[] Channels { get; } = channels;

        internal Channel[] Skills { get; } = skills;

        internal int Opens { get; } = opens;

        internal int Closes { get; } = closes;

        internal int OpenDays { get; } = openDays;

        internal (int Start, int End)[] ShiftHours { get; } = shiftHours;

        /// <summary>Per shift and day, the agents on shift in rotation order.</summary>
        internal int[][][] OnShift { get; } = [.. shiftHours.Select(_ => new int[days][])];
    }
}
