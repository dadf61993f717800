namespace ContactMetrics.Simulation;

internal enum ContactState : byte
{
    /// <summary>Created, its arrival not yet processed.</summary>
    Pending = 0,

    /// <summary>In a queue.</summary>
    Waiting = 1,

    /// <summary>Answered (by an agent, or the self-service system), not yet ended.</summary>
    InService = 2,

    /// <summary>Ended before the end of the period: written to the table.</summary>
    Done = 3,

    /// <summary>Arrived after its customer churned: never happened.</summary>
    Dropped = 4,

    /// <summary>An email whose answer would fall after the end of the period: written unanswered (open).</summary>
    Open = 5,
}

/// <summary>One contact in the event loop. Times are seconds since the start of the period.</summary>
internal struct ContactRecord
{
    internal const long None = -1;

    internal int Customer;
    internal int Channel;       // index into ContactOptions.Channels
    internal int Reason;        // index into ContactOptions.Reasons
    internal int Depth;         // 0 for a first contact, n for the n-th repeat
    internal ulong Key;         // seed of the contact's own streams
    internal long Arrival;
    internal long Answered;
    internal long Ended;
    internal int Agent;         // global agent index, -1 for none
    internal int Patience;
    internal int Talk;
    internal int Hold;
    internal int AfterCallWork;
    internal int Transfers;
    internal double ResolutionDraw; // the uniform compared with the resolution probability once the agent is known
    internal bool Resolved;
    internal bool Abandoned;
    internal bool Outbound;     // a campaign call dialled by an agent (Reason is -1)
    internal ContactState State;
    internal sbyte Csat;        // -1: no survey
    internal sbyte Nps;
    internal sbyte Ces;
    internal sbyte Recommended; // -1: not asked, 0: no, 1: yes
}

/// <summary>
/// A growable array of contacts with access by reference, in chunks of <see cref="ChunkSize"/>: growing never copies, so
/// a million-customer run holds its contacts once (no doubling array in the middle of a copy). A reference stays valid
/// after <see cref="Add"/>, but code should not rely on it.
/// </summary>
internal sealed class ContactBuffer
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<ContactRecord[]> _chunks = [];

    internal int Count { get; private set; }

    internal ref ContactRecord this[int index] => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    internal int Add(in ContactRecord contact)
    {
        if (Count == _chunks.Count * ChunkSize)
        {
            _chunks.Add(new ContactRecord[ChunkSize]);
        }
        this[Count] = contact;
        return Count++;
    }
}
