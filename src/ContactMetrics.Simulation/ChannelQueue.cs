namespace ContactMetrics.Simulation;

/// <summary>
/// The FIFO queue and the servers of one queued channel. A server is one of a queue position's
/// concurrent slots: position k owns servers k * concurrency .. (k + 1) * concurrency - 1, and the
/// servers below the hour's capacity are on the queue (the roster says which agent holds a position). A free server is taken longest-idle first; a
/// server whose agent went off shift finishes its contact and then leaves.
/// </summary>
internal sealed class ChannelQueue
{
    private const byte Off = 0;
    private const byte Free = 1;
    private const byte Busy = 2;

    private readonly int[] _agentsBySlot;
    private readonly int _concurrency;
    private readonly byte[] _servers;
    private readonly Queue<int> _free = new();
    private readonly Queue<int> _waiting = new(); // may hold abandoned contacts, skipped when dequeued
    private int _capacity;

    internal ChannelQueue(int channelIndex, int concurrency, int[] agentsBySlot)
    {
        ChannelIndex = channelIndex;
        _concurrency = concurrency;
        _agentsBySlot = agentsBySlot;
        _servers = new byte[(agentsBySlot.Length == 0 ? 0 : agentsBySlot.Max()) * concurrency];
        ServerAgent = new int[_servers.Length];
    }

    /// <summary>The agent serving on each server (valid while it is busy).</summary>
    internal int[] ServerAgent { get; }

    /// <summary>The channel's concurrency: contacts one agent handles at once.</summary>
    internal int Concurrency => _concurrency;

    internal int ChannelIndex { get; }

    /// <summary>Servers on shift that are free now.</summary>
    internal int FreeOnShift { get; private set; }

    /// <summary>Contacts waiting that have not abandoned.</summary>
    internal int LiveWaiting { get; private set; }

    /// <summary>The queue position of a server.</summary>
    internal int PositionOf(int server) => server / _concurrency;

    /// <summary>Applies the staffing of a slot: servers coming on shift become free at once.</summary>
    internal void SetCapacity(int slot)
    {
        int capacity = _agentsBySlot[slot] * _concurrency;
        for (int s = _capacity; s < capacity; s++)
        {
            if (_servers[s] == Off)
            {
                _servers[s] = Free;
                _free.Enqueue(s);
            }
        }
        _capacity = capacity;
        FreeOnShift = 0;
        for (int s = 0; s < capacity; s++)
        {
            if (_servers[s] == Free)
            {
                FreeOnShift++;
            }
        }
    }

    /// <summary>Takes the longest-idle server on shift, dropping servers that went off shift.</summary>
    internal bool TryTakeServer(out int server)
    {
        while (_free.TryDequeue(out server))
        {
            if (server < _capacity)
            {
                _servers[server] = Busy;
                FreeOnShift--;
                return true;
            }
            _servers[server] = Off;
        }
        return false;
    }

    /// <summary>A server finished its after-contact work.</summary>
    internal void Release(int server)
    {
        if (server < _capacity)
        {
            _servers[server] = Free;
            _free.Enqueue(server);
            FreeOnShift++;
        }
        else
        {
            _servers[server] = Off;
        }
    }

    internal void Enqueue(int contact)
    {
        _waiting.Enqueue(contact);
        LiveWaiting++;
    }

    /// <summary>A waiting contact abandoned; its entry stays in the queue and is skipped later.</summary>
    internal void Abandon() => LiveWaiting--;

    /// <summary>The first contact still waiting; call only when <see cref="LiveWaiting"/> is positive.</summary>
    internal int DequeueWaiting(ContactBuffer contacts)
    {
        while (true)
        {
            int contact = _waiting.Dequeue();
            if (contacts[contact].State == ContactState.Waiting)
            {
                LiveWaiting--;
                return contact;
            }
        }
    }
}
