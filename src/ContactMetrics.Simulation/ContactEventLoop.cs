using ContactMetrics.Domain;

namespace ContactMetrics.Simulation;

/// <summary>
/// The discrete-event simulation of the service: arrivals, per-channel FIFO queues with hourly
/// staffing and exponential patience, handling, and outcomes (survey, repeat contact, raised churn
/// hazard), all in one time-ordered event list so that service failures can move churn and churn can
/// stop contacts.
/// </summary>
/// <remarks>
/// Each contact draws from two streams of its own, seeded from its key: one for how it is handled
/// (patience, durations, transfer, resolution, response delay, agent), one for its outcome (survey,
/// repeat). Both draw a fixed sequence whatever happens to the contact, so a change of staffing
/// changes only waits and abandonment, not the contacts' own draws (common random numbers).
/// </remarks>
internal sealed class ContactEventLoop
{
    private const ulong HandlingStream = 0;
    private const ulong OutcomeStream = 1;
    private const ulong RepeatChild = 2;
    private const ulong SurveyRelationStream = 3; // drawn after the outcome stream, so the planted survey relations leave its draws unchanged
    private const ulong EscalationStream = 4; // the time of day of an escalation that waits for its channel to open
    private const int MaxSeconds = 100 * SimulationCalendar.SecondsPerDay; // caps heavy lognormal tails

    private readonly SimulationOptions _options;
    private readonly SimulationCalendar _calendar;
    private readonly Population _population;
    private readonly ContactBuffer _contacts;
    private readonly StaffingPlanner _plan;
    private readonly ChannelOptions[] _channels;
    private readonly double[,] _resolution;
    private readonly double[]? _agentChannelCumulative;
    private readonly int[] _agentChannelIndex;
    private readonly ChannelQueue?[] _queues;
    private readonly SeededRandom _random = new(0);
    private readonly PriorityQueue<SimEvent, EventKey> _events = new();
    private readonly double _hazardRatio;
    private readonly double[] _topBoxRatio; // per segment
    private readonly double[] _reasonHandleFactor;
    private readonly int[] _agentBusy; // contacts each agent is handling now (live queues)
    private readonly double[] _containmentFailure; // per channel, NaN where not planted
    private readonly int[] _escalateTo; // per channel, -1: an agent channel drawn by share
    private readonly OutboundOptions? _outbound;
    private readonly int[] _outboundReleased; // campaign calls released and not yet dialled, per channel, this hour
    private readonly ulong _outboundSeed;
    private ulong _outboundDialled;
    private long _sequence;

    internal ContactEventLoop(SimulationOptions options, SimulationCalendar calendar, Population population, ContactBuffer contacts, StaffingPlanner plan, ulong outboundSeed)
    {
        _options = options;
        _calendar = calendar;
        _population = population;
        _contacts = contacts;
        _plan = plan;
        _channels = [.. options.Contacts.Channels];
        _hazardRatio = options.Churn.UnresolvedHazardRatio;
        _topBoxRatio = [.. options.Segments.Select(s => s.TopBoxHazardRatio)];

        var reasons = options.Contacts.Reasons;
        _reasonHandleFactor = [.. reasons.Select(r => r.HandleTimeFactor)];
        _agentBusy = new int[plan.Roster.Agents.Count];
        _resolution = new double[_channels.Length, reasons.Count];
        _containmentFailure = new double[_channels.Length];
        _escalateTo = new int[_channels.Length];
        for (int c = 0; c < _channels.Length; c++)
        {
            bool planted = _channels[c].Handling == ChannelHandling.SelfService && _channels[c].ContainmentFailure is not null;
            _containmentFailure[c] = planted ? _channels[c].ContainmentFailure!.Value : double.NaN;
            _escalateTo[c] = _channels[c].EscalatesTo is Channel to ? Array.FindIndex(_channels, o => o.Channel == to) : -1;
            for (int r = 0; r < reasons.Count; r++)
            {
                // A planted containment failure is the same for every reason: a session is contained (resolved) with 1 - failure.
                _resolution[c, r] = planted ? 1 - _containmentFailure[c] : Math.Min(1.0, _channels[c].ResolutionProbability * reasons[r].ResolutionFactor);
            }
        }
        _outbound = options.Outbound;
        _outboundReleased = new int[_channels.Length];
        _outboundSeed = outboundSeed;

        var agentChannels = new List<int>();
        for (int c = 0; c < _channels.Length; c++)
        {
            if (_channels[c].Handling != ChannelHandling.SelfService)
            {
                agentChannels.Add(c);
            }
        }
        _agentChannelIndex = [.. agentChannels];
        double agentShare = agentChannels.Sum(c => _channels[c].Share);
        _agentChannelCumulative = agentShare > 0 ? SeededRandom.Cumulative(agentChannels.Select(c => _channels[c].Share)) : null;

        _queues = new ChannelQueue?[_channels.Length];
        for (int c = 0; c < _channels.Length; c++)
        {
            if (_channels[c].Handling == ChannelHandling.Queued)
            {
                _queues[c] = new ChannelQueue(c, _channels[c].Concurrency, plan.Agents[c]!);
            }
        }
    }

    private enum EventKind : byte
    {
        Capacity,
        ServerFree,
        Dial,
        Arrival,
        Abandon,
        Complete,
    }

    /// <summary>Runs every event before the end of the period.</summary>
    internal void Run()
    {
        long end = _calendar.EndSeconds;
        for (int c = 0; c < _queues.Length; c++)
        {
            if (_queues[c] is not null)
            {
                Push(0, EventKind.Capacity, c, 0);
            }
        }
        for (int i = 0; i < _population.Count; i++)
        {
            _population.HazardSince[i] = _population.AcquiredAt[i];
            ScheduleChurn(i, InitialChurnTime(i));
        }
        // The first contacts' arrivals come from one sorted array instead of the event queue (a million customers'
        // contacts would double the queue's memory); each keeps the sequence number it would have had in the queue, so
        // the merged order is the queue's.
        int first = _contacts.Count;
        long firstSequence = _sequence;
        var firstOrder = ArrivalOrder(_contacts, first, _ => true);
        _sequence += first;
        int next = 0;

        while (true)
        {
            SimEvent e;
            EventKey key;
            bool haveQueued = _events.TryPeek(out var queued, out var queuedKey);
            var firstKey = next < firstOrder.Length ? new EventKey(_contacts[firstOrder[next]].Arrival, 1, firstSequence + firstOrder[next]) : default;
            if (next < firstOrder.Length && (!haveQueued || firstKey.CompareTo(queuedKey) < 0))
            {
                (e, key) = (new SimEvent(EventKind.Arrival, firstOrder[next], 0), firstKey);
                next++;
            }
            else if (haveQueued)
            {
                _events.Dequeue();
                (e, key) = (queued, queuedKey);
            }
            else
            {
                break;
            }
            if (key.Time >= end)
            {
                break;
            }
            long now = key.Time;
            switch (e.Kind)
            {
                case EventKind.Capacity:
                    OnCapacity(now, _queues[e.A]!, e.B);
                    break;
                case EventKind.ServerFree:
                    OnServerFree(now, _queues[e.A]!, e.B);
                    break;
                case EventKind.Dial:
                    _outboundReleased[e.A]++;
                    Dispatch(now, _queues[e.A]!);
                    break;
                case EventKind.Arrival:
                    OnArrival(now, e.A);
                    break;
                case EventKind.Abandon:
                    OnAbandon(now, e.A);
                    break;
                case EventKind.Complete:
                    OnComplete(now, e.A);
                    break;
            }
        }
    }

    /// <summary>
    /// The indices of the first <paramref name="count"/> contacts that pass <paramref name="include"/>, by arrival, then index
    /// (a primitive sort of the arrivals, then each run of equal arrivals by index).
    /// </summary>
    internal static int[] ArrivalOrder(ContactBuffer contacts, int count, Func<ContactState, bool> include)
    {
        int n = 0;
        for (int k = 0; k < count; k++)
        {
            n += include(contacts[k].State) ? 1 : 0;
        }
        var arrivals = new long[n];
        var order = new int[n];
        for (int k = 0, j = 0; k < count; k++)
        {
            if (include(contacts[k].State))
            {
                arrivals[j] = contacts[k].Arrival;
                order[j++] = k;
            }
        }
        Array.Sort(arrivals, order);
        for (int from = 0; from < n;)
        {
            int to = from + 1;
            while (to < n && arrivals[to] == arrivals[from])
            {
                to++;
            }
            if (to - from > 1)
            {
                Array.Sort(order, from, to - from);
            }
            from = to;
        }
        return order;
    }

    // A staffing change at the top of the hour runs before anything else due at that second.
    private void Push(long time, EventKind kind, int a, int b)
        => _events.Enqueue(new SimEvent(kind, a, b), new EventKey(time, kind == EventKind.Capacity ? 0 : 1, _sequence++));

    // ChurnAt holds the scheduled churn time; it only moves while the customer has not churned, so
    // a customer has churned exactly when that time has come.
    private bool HasChurned(int customer, long now) => _population.ChurnAt[customer] <= now;

    private double InitialChurnTime(int customer)
    {
        double hazard = _population.HazardPerSecond[customer];
        return hazard > 0 ? _population.AcquiredAt[customer] + (_population.ChurnBudget[customer] / hazard) : double.PositiveInfinity;
    }

    private void ScheduleChurn(int customer, double time)
        => _population.ChurnAt[customer] = time < _calendar.EndSeconds ? (long)Math.Ceiling(time) : Population.Never;

    private void OnCapacity(long now, ChannelQueue queue, int slot)
    {
        queue.SetCapacity(slot);
        if (_plan.OutboundCalls[queue.ChannelIndex] is int[] calls)
        {
            // The hour's campaign calls, released evenly over the hour; those not dialled lapse at its end.
            _outboundReleased[queue.ChannelIndex] = 0;
            int n = calls[slot];
            for (int j = 0; j < n; j++)
            {
                Push(now + ((((2L * j) + 1) * SimulationCalendar.SecondsPerHour) / (2L * n)), EventKind.Dial, queue.ChannelIndex, 0);
            }
        }
        Dispatch(now, queue);
        if (slot + 1 < _plan.Slots)
        {
            Push((long)(slot + 1) * SimulationCalendar.SecondsPerHour, EventKind.Capacity, queue.ChannelIndex, slot + 1);
        }
    }

    private void OnServerFree(long now, ChannelQueue queue, int server)
    {
        queue.Release(server);
        _agentBusy[queue.ServerAgent[server]]--;
        Dispatch(now, queue);
    }

    private void Dispatch(long now, ChannelQueue queue)
    {
        while (queue.LiveWaiting > 0 && queue.TryTakeServer(out int server))
        {
            int contact = queue.DequeueWaiting(_contacts);
            StartService(now, queue, contact, server);
        }
        // Blending: a released campaign call is dialled while nobody waits and more than the reserve are free.
        int c = queue.ChannelIndex;
        while (_outboundReleased[c] > 0 && queue.LiveWaiting == 0 && queue.FreeOnShift > _outbound!.ReserveAgents * queue.Concurrency)
        {
            _outboundReleased[c]--;
            int customer = ActiveCustomer(now, SeededRandom.Derive(_outboundSeed, _outboundDialled++));
            if (customer >= 0 && queue.TryTakeServer(out int server))
            {
                int index = _contacts.Add(new ContactRecord
                {
                    Customer = customer,
                    Channel = c,
                    Reason = -1,
                    Key = SeededRandom.Derive(_outboundSeed, ulong.MaxValue - _outboundDialled),
                    Arrival = now,
                    Answered = ContactRecord.None,
                    Agent = -1,
                    Outbound = true,
                    Csat = -1,
                    Nps = -1,
                    Ces = -1,
                    Recommended = -1,
                });
                StartService(now, queue, index, server);
            }
        }
    }

    /// <summary>A customer drawn uniformly among those acquired and not churned at <paramref name="now"/>; -1 when 32 draws find none.</summary>
    private int ActiveCustomer(long now, ulong seed)
    {
        var random = _random;
        random.Reseed(seed);
        for (int attempt = 0; attempt < 32; attempt++)
        {
            int i = random.Next(_population.Count);
            if (_population.AcquiredAt[i] <= now && !HasChurned(i, now))
            {
                return i;
            }
        }
        return -1;
    }

    private void OnArrival(long now, int index)
    {
        ref var c = ref _contacts[index];
        if (HasChurned(c.Customer, now))
        {
            c.State = ContactState.Dropped;
            return;
        }
        var channel = _channels[c.Channel];
        DrawHandling(ref c, channel);
        switch (channel.Handling)
        {
            case ChannelHandling.SelfService:
                // The session length was drawn as talk; a self-service session records no talk time.
                c.Answered = now;
                c.Ended = now + c.Talk;
                c.Talk = 0;
                c.Hold = 0;
                c.AfterCallWork = 0;
                c.Transfers = 0;
                c.State = ContactState.InService;
                Push(c.Ended, EventKind.Complete, index, 0);
                break;
            case ChannelHandling.Asynchronous:
                if (c.Answered >= _calendar.EndSeconds)
                {
                    c.State = ContactState.Open; // its answer falls after the period: written unanswered
                    break;
                }
                c.Ended = c.Answered + c.Talk + c.Hold;
                c.State = ContactState.InService;
                Push(c.Ended, EventKind.Complete, index, 0);
                break;
            default:
                var queue = _queues[c.Channel]!;
                if (queue.LiveWaiting == 0 && queue.TryTakeServer(out int server))
                {
                    StartService(now, queue, index, server);
                }
                else
                {
                    c.State = ContactState.Waiting;
                    queue.Enqueue(index);
                    Push(now + c.Patience, EventKind.Abandon, index, 0);
                }
                break;
        }
    }

    private void StartService(long now, ChannelQueue queue, int index, int server)
    {
        ref var c = ref _contacts[index];
        c.State = ContactState.InService;
        c.Answered = now;
        if (c.Outbound)
        {
            DrawCampaignCall(ref c);
        }
        int slot = (int)(now / SimulationCalendar.SecondsPerHour);
        c.Agent = _plan.Roster.FreeAgentAt(c.Channel, now, _plan.PositionOffset[c.Channel]![slot] + queue.PositionOf(server), _agentBusy, queue.Concurrency);
        _agentBusy[c.Agent]++;
        queue.ServerAgent[server] = c.Agent;
        ApplyAgent(ref c, now);
        c.Ended = now + c.Talk + c.Hold;
        Push(c.Ended, EventKind.Complete, index, 0);
        Push(c.Ended + c.AfterCallWork, EventKind.ServerFree, queue.ChannelIndex, server);
    }

    private void OnAbandon(long now, int index)
    {
        ref var c = ref _contacts[index];
        if (c.State != ContactState.Waiting)
        {
            return;
        }
        _queues[c.Channel]!.Abandon();
        c.Abandoned = true;
        c.Resolved = false;
        c.Answered = ContactRecord.None;
        c.Agent = -1;
        c.Talk = 0;
        c.Hold = 0;
        c.AfterCallWork = 0;
        c.Transfers = 0;
        c.Ended = now;
        OnComplete(now, index);
    }

    /// <summary>
    /// The agent's tenure at the answer: a new hire's talk and after-contact work take longer, and resolve less often.
    /// </summary>
    private void ApplyAgent(ref ContactRecord c, long answered)
    {
        double handle = _plan.Roster.HandleTimeFactor(c.Agent, answered);
        if (handle != 1.0)
        {
            c.Talk = WholeSeconds(c.Talk * handle);
            c.AfterCallWork = WholeSeconds(c.AfterCallWork * handle);
        }
        c.Resolved = !c.Outbound && c.ResolutionDraw < _resolution[c.Channel, c.Reason] * _plan.Roster.ResolutionFactor(c.Agent, answered);
    }

    /// <summary>
    /// The handling stream, always drawn in this order: patience, talk, hold flag, hold, after-contact
    /// work, transfer flag, transferred talk, resolution, response delay, agent. The reason's handle-time factor
    /// multiplies the talk; the agent's tenure applies when the contact is answered.
    /// </summary>
    private void DrawHandling(ref ContactRecord c, ChannelOptions channel)
    {
        var random = _random;
        random.Reseed(SeededRandom.Derive(c.Key, HandlingStream));
        double patience = random.NextExponential(channel.MeanPatience.TotalSeconds);
        double talk = random.NextLogNormal(channel.TalkMedian.TotalSeconds, channel.TalkSigma);
        bool hasHold = random.NextBernoulli(channel.HoldProbability);
        double hold = random.NextLogNormal(channel.HoldMedian.TotalSeconds, channel.HoldSigma);
        double acw = random.NextLogNormal(channel.AfterCallWorkMedian.TotalSeconds, channel.AfterCallWorkSigma);
        bool transferred = random.NextBernoulli(channel.TransferProbability) && channel.Handling != ChannelHandling.SelfService;
        double transferTalk = random.NextLogNormal(channel.TalkMedian.TotalSeconds, channel.TalkSigma);
        double resolution = random.NextDouble();
        double response = random.NextLogNormal(channel.ResponseMedian.TotalSeconds, channel.ResponseSigma);
        double agentPick = random.NextDouble();

        c.Patience = (int)Math.Min(Math.Round(patience), MaxSeconds);
        double reasonFactor = channel.Handling == ChannelHandling.SelfService ? 1.0 : _reasonHandleFactor[c.Reason];
        c.Talk = WholeSeconds(talk * reasonFactor) + (transferred ? WholeSeconds(transferTalk * reasonFactor) : 0);
        c.Hold = hasHold ? WholeSeconds(hold) : 0;
        c.AfterCallWork = WholeSeconds(acw);
        c.Transfers = transferred ? 1 : 0;
        c.ResolutionDraw = resolution;
        c.Resolved = resolution < _resolution[c.Channel, c.Reason];
        if (channel.Handling == ChannelHandling.Asynchronous)
        {
            // Messages arrive around the clock; the back office answers them in its working hours.
            long answered = _plan.Roster.NextWorkingSecond(c.Channel, c.Arrival + WholeSeconds(response));
            if (answered >= _calendar.EndSeconds)
            {
                c.Answered = _calendar.EndSeconds; // answered after the period: the contact stays open
                return;
            }
            c.Answered = answered;
            c.Agent = _plan.Roster.PickOnShift(c.Channel, answered, agentPick);
            ApplyAgent(ref c, answered);
        }
    }

    /// <summary>A campaign call's own stream: talk, then after-contact work (no hold, no transfer).</summary>
    private void DrawCampaignCall(ref ContactRecord c)
    {
        var o = _outbound!;
        var random = _random;
        random.Reseed(SeededRandom.Derive(c.Key, HandlingStream));
        c.Talk = WholeSeconds(random.NextLogNormal(o.TalkMedian.TotalSeconds, o.TalkSigma));
        c.AfterCallWork = WholeSeconds(random.NextLogNormal(o.AfterCallWorkMedian.TotalSeconds, o.AfterCallWorkSigma));
    }

    private static int WholeSeconds(double seconds) => (int)Math.Clamp(Math.Round(seconds), 1, MaxSeconds);

    private void OnComplete(long now, int index)
    {
        ref var c = ref _contacts[index];
        c.State = ContactState.Done;
        if (c.Outbound)
        {
            return; // no survey, no repeat, no effect on churn
        }

        // The outcome stream, always drawn in this order: survey flag, three normals, repeat flag,
        // repeat delay, repeat channel, repeat time of day (in the repeat channel's opening hours).
        var random = _random;
        random.Reseed(SeededRandom.Derive(c.Key, OutcomeStream));
        bool responds = random.NextBernoulli(_options.Surveys.ResponseRate);
        double e1 = random.NextStandardNormal();
        double e2 = random.NextStandardNormal();
        double e3 = random.NextStandardNormal();
        bool repeats = random.NextBernoulli(_options.Contacts.RepeatProbability);
        double delay = random.NextExponential(_options.Contacts.RepeatDelayMean.TotalSeconds);
        double channelPick = random.NextDouble();
        int repeatChannel = c.Channel;
        if (_channels[repeatChannel].Handling == ChannelHandling.SelfService && _agentChannelCumulative is not null)
        {
            repeatChannel = _agentChannelIndex[SeededRandom.IndexOf(_agentChannelCumulative, channelPick)];
        }
        var (hour, secondOfHour) = _calendar.DrawTimeOfDay(random, repeatChannel);

        // The planted survey relations draw from a stream of their own: recommendation, then the high-effort repeat.
        random.Reseed(SeededRandom.Derive(c.Key, SurveyRelationStream));
        double recommendDraw = random.NextDouble();
        double effortDraw = random.NextDouble();

        var s = _options.Surveys;
        c.Csat = c.Nps = c.Ces = c.Recommended = -1;
        bool highEffortRepeat = false;
        if (!c.Abandoned)
        {
            var (csat, nps, ces) = LatentAnswers(ref c, e1, e2, e3);
            highEffortRepeat = c.Resolved && ces <= s.HighEffortMaximum && effortDraw < s.HighEffortRepeatProbability;
            if (responds)
            {
                c.Csat = csat;
                c.Nps = nps;
                c.Ces = ces;
                if (s.AsksRecommended)
                {
                    c.Recommended = (sbyte)(recommendDraw < s.RecommendationProbability(nps) ? 1 : 0);
                }
            }
        }

        int customer = c.Customer;
        if (HasChurned(customer, now))
        {
            return;
        }
        if (c.Csat >= 0)
        {
            UpdateTopBox(customer, now, c.Csat == SurveyResponse.CsatMax);
        }
        if (c.Resolved)
        {
            if (highEffortRepeat && c.Depth < _options.Contacts.MaxRepeats)
            {
                ScheduleRepeat(now, index, delay, hour, secondOfHour, repeatChannel);
            }
            return;
        }
        if (_population.ExposedAt[customer] == Population.Never)
        {
            _population.ExposedAt[customer] = now;
            SetHazardFactor(customer, now);
        }
        if (!double.IsNaN(_containmentFailure[c.Channel]))
        {
            // A failed self-service session goes on to an agent, at once while the agent channel is open.
            int target = repeatChannel;
            var later = (hour, secondOfHour);
            if (_escalateTo[c.Channel] >= 0)
            {
                target = _escalateTo[c.Channel];
                random.Reseed(SeededRandom.Derive(c.Key, EscalationStream));
                later = _calendar.DrawTimeOfDay(random, target);
            }
            Escalate(now, index, target, later);
            return;
        }
        if (repeats && c.Depth < _options.Contacts.MaxRepeats)
        {
            ScheduleRepeat(now, index, delay, hour, secondOfHour, repeatChannel);
        }
    }

    /// <summary>The agent contact after a failed self-service session: at its end if the channel is open then, else at its next opening.</summary>
    private void Escalate(long now, int index, int channel, (int Hour, int SecondOfHour) later)
    {
        int day = _calendar.DayOf(now);
        int hour = _calendar.HourOf(now);
        var target = _channels[channel];
        bool open = target.Handling != ChannelHandling.Queued
            || (_calendar.IsOpenDay(channel, day) && hour >= target.Opens && hour < target.Closes);
        if (open)
        {
            AddRepeat(index, channel, now);
            return;
        }
        ScheduleRepeat(now, index, 0, later.Hour, later.SecondOfHour, channel);
    }

    /// <summary>The answers the customer would give (CSAT, NPS, CES), whether or not they respond.</summary>
    private (sbyte Csat, sbyte Nps, sbyte Ces) LatentAnswers(ref ContactRecord c, double e1, double e2, double e3)
    {
        var s = _options.Surveys;
        double waitMinutes = 0;
        if (_channels[c.Channel].Handling == ChannelHandling.Queued)
        {
            waitMinutes = Math.Min(c.Answered - c.Arrival, s.WaitCap.TotalSeconds) / 60.0;
        }
        double u = s.CsatBase + (c.Resolved ? s.ResolvedEffect : 0) - (s.WaitEffectPerMinute * waitMinutes) + (s.NoiseSd * e1);
        return (Score(u, 1, 5),
            Score((SurveyOptions.NpsSlope * (u - 1)) + (s.NpsNoiseSd * e2), 0, 10),
            Score(1 + (SurveyOptions.CesSlope * (u - 1)) + (s.CesNoiseSd * e3), 1, 7));
    }

    /// <summary>A CSAT answer sets whether the customer's most recent answer is top-box; the segment's ratio applies while it is.</summary>
    private void UpdateTopBox(int customer, long now, bool topBox)
    {
        if (_population.TopBox[customer] == topBox || _topBoxRatio[_population.Segment[customer]] == 1.0)
        {
            return;
        }
        _population.TopBox[customer] = topBox;
        SetHazardFactor(customer, now);
    }

    private static sbyte Score(double value, int min, int max) => (sbyte)Math.Clamp(Math.Round(value), min, max);

    /// <summary>
    /// The hazard is piecewise constant, h0 x (unresolved ratio once exposed) x (the segment's top-box ratio while the
    /// latest CSAT is top-box); at a change at t the cumulative hazard spent so far is banked and the churn time solves
    /// used + h0 factor (t_churn - t) = E (Austin 2012).
    /// </summary>
    private void SetHazardFactor(int customer, long now)
    {
        double hazard = _population.HazardPerSecond[customer];
        if (hazard <= 0)
        {
            return;
        }
        double factor = (_population.ExposedAt[customer] == Population.Never ? 1.0 : _hazardRatio)
            * (_population.TopBox[customer] ? _topBoxRatio[_population.Segment[customer]] : 1.0);
        _population.HazardUsed[customer] += hazard * _population.HazardFactor[customer] * (now - _population.HazardSince[customer]);
        _population.HazardSince[customer] = now;
        _population.HazardFactor[customer] = factor;
        double remaining = Math.Max(0.0, _population.ChurnBudget[customer] - _population.HazardUsed[customer]);
        ScheduleChurn(customer, now + (remaining / (hazard * factor)));
    }

    private void ScheduleRepeat(long now, int index, double delay, int hour, int secondOfHour, int channel)
    {
        int day = _calendar.ArrivalDay(channel, _calendar.DayOf(now + (long)Math.Round(delay)));
        if (day >= _calendar.Days)
        {
            return;
        }
        long arrival = _calendar.SecondsAt(day, hour, secondOfHour);
        if (arrival <= now)
        {
            day = _calendar.ArrivalDay(channel, day + 1);
            if (day >= _calendar.Days)
            {
                return;
            }
            arrival = _calendar.SecondsAt(day, hour, secondOfHour);
        }
        if (arrival >= _calendar.EndSeconds)
        {
            return;
        }
        AddRepeat(index, channel, arrival);
    }

    private void AddRepeat(int index, int channel, long arrival)
    {
        if (arrival >= _calendar.EndSeconds)
        {
            return;
        }
        var parent = _contacts[index];
        int added = _contacts.Add(new ContactRecord
        {
            Customer = parent.Customer,
            Channel = channel,
            Reason = parent.Reason,
            Depth = parent.Depth + 1,
            Key = SeededRandom.Derive(parent.Key, RepeatChild),
            Arrival = arrival,
            Answered = ContactRecord.None,
            Agent = -1,
        });
        Push(arrival, EventKind.Arrival, added, 0);
    }

    private readonly record struct SimEvent(EventKind Kind, int A, int B);

    /// <summary>Events run in time order; at equal times by rank, then in the order they were scheduled.</summary>
    private readonly record struct EventKey(long Time, int Rank, long Sequence) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other)
        {
            int c = Time.CompareTo(other.Time);
            if (c == 0)
            {
                c = Rank.CompareTo(other.Rank);
            }
            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }
}
