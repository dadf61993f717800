using System.Buffers;
using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// Accumulates journeys (or already aggregated path rows) into a <see cref="PathSummary"/>; identical
/// paths are merged. Not thread-safe; allocation scales with the unique paths.
/// </summary>
/// <remarks>Values are plain numbers in the builder's <see cref="Currency"/>, which the caller states: a path row has
/// no currency. The default is <c>XXX</c> ("no currency"), whose amounts never mix with a real currency's.</remarks>
public sealed class PathSummaryBuilder
{
    private readonly List<string> _channels = [];
    private readonly Dictionary<string, int> _channelIndex = new(StringComparer.Ordinal);
    // The working arrays come from the shared array pools and go back to them in Release (the readers' builders, dropped
    // after one Build), so reading file after file reuses their memory instead of faulting in new pages each time.
    private long[] _slots = [];
    private int[] _offsets = [];
    private int[] _touches = [];
    private double[] _conversions = [];
    private double[] _values = [];
    private double[] _nulls = [];
    private int _count;
    private readonly bool _fixedChannels;

    /// <summary>Creates a builder that learns the channels from the paths, in order of first appearance; values in <c>XXX</c>, no currency.</summary>
    public PathSummaryBuilder()
    {
    }

    /// <summary>Creates a builder that learns the channels from the paths, in order of first appearance.</summary>
    /// <param name="currency">The currency of the values.</param>
    public PathSummaryBuilder(Currency currency)
    {
        Currency = currency;
    }

    /// <summary>Creates a builder over a fixed list of channels, values in <c>XXX</c> (no currency); a path with another channel is rejected.</summary>
    /// <param name="channels">The channel names, unique and not blank.</param>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is blank or repeated.</exception>
    public PathSummaryBuilder(IEnumerable<string> channels)
        : this(channels, default)
    {
    }

    /// <summary>Creates a builder over a fixed list of channels; a path with another channel is rejected.</summary>
    /// <param name="channels">The channel names, unique and not blank.</param>
    /// <param name="currency">The currency of the values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is blank or repeated.</exception>
    public PathSummaryBuilder(IEnumerable<string> channels, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(channels);
        Currency = currency;
        foreach (string channel in channels)
        {
            Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(channel), nameof(channels), "A channel name is blank.");
            Preconditions.CheckArgument(!_channelIndex.ContainsKey(channel), nameof(channels), $"The channel '{channel}' is repeated.");
            _channelIndex.Add(channel, _channels.Count);
            _channels.Add(channel);
        }
        _fixedChannels = true;
    }

    /// <summary>The currency of the values, and of the summaries <see cref="Build()"/> makes.</summary>
    public Currency Currency { get; }

    /// <summary>The number of unique paths so far.</summary>
    public int Count => _count;

    /// <summary>Adds a path row: a channel sequence with its conversions, value and nulls.</summary>
    /// <param name="path">The channel names in time order; at least one.</param>
    /// <param name="conversions">Converting journeys (or a weight); finite, at least 0.</param>
    /// <param name="value">Their total conversion value; finite, at least 0.</param>
    /// <param name="nulls">Non-converting journeys; finite, at least 0.</param>
    /// <exception cref="ArgumentException">The path is empty, has a blank name, or (fixed channels) an unknown channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the value is negative, infinite or NaN.</exception>
    public void Add(ReadOnlySpan<string> path, double conversions, double value, double nulls)
    {
        Preconditions.CheckArgument(path.Length > 0, nameof(path), "A path needs at least one touch.");
        var indexes = new int[path.Length];
        for (int i = 0; i < path.Length; i++)
        {
            indexes[i] = ChannelIndex(path[i]);
        }
        AddIndexes(indexes, conversions, value, nulls);
    }

    /// <summary>
    /// Adds every row of another summary (channels matched by name), so summaries of parts of the data (days,
    /// partitions, machines) merge into the summary of the whole.
    /// </summary>
    /// <param name="summary">The summary to add.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another currency, or the channels are fixed and it has another one.</exception>
    public void Add(PathSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Preconditions.CheckArgument(summary.Currency == Currency, nameof(summary), $"The summary is in {summary.Currency}, this builder in {Currency}.");
        var map = summary.Channels.Select(ChannelIndex).ToArray();
        for (int p = 0; p < summary.Count; p++)
        {
            var path = summary.Path(p);
            var indexes = new int[path.Length];
            for (int i = 0; i < path.Length; i++)
            {
                indexes[i] = map[path[i]];
            }
            AddIndexes(indexes, summary.Conversions[p], summary.Values[p], summary.Nulls[p]);
        }
    }

    /// <summary>The index of a channel, adding it when the builder learns its channels.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>Its index in the summary's channel list.</returns>
    /// <exception cref="ArgumentException">The name is blank, or the channels are fixed and it is not one of them.</exception>
    internal int ChannelIndex(string channel)
    {
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(channel), nameof(channel), "A channel name is blank.");
        if (_channelIndex.TryGetValue(channel, out int index))
        {
            return index;
        }
        Preconditions.CheckArgument(!_fixedChannels, nameof(channel), $"The channel '{channel}' is not one of the {_channels.Count} channels of this summary.");
        _channelIndex.Add(channel, _channels.Count);
        _channels.Add(channel);
        return _channels.Count - 1;
    }

    /// <summary>
    /// Adds a path given as channel indexes. The touches of every unique path sit end to end in one array and the rows are
    /// found by an open-addressing table (at most half full) of each row's hash over its touches beside its number, so a path
    /// costs no array of its own, a new one one look at the table, and a repeated one a hash and one comparison.
    /// </summary>
    internal void AddIndexes(ReadOnlySpan<int> path, double conversions, double value, double nulls)
    {
        Preconditions.CheckNonNegative(conversions);
        Preconditions.CheckNonNegative(value);
        Preconditions.CheckNonNegative(nulls);
        if (_slots.Length == 0)
        {
            Rehash();
        }
        int hash = Hash(path);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        for (long entry; (entry = _slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            int row = (int)entry - 1;
            if ((int)(entry >> 32) == hash && path.SequenceEqual(_touches.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row])))
            {
                _conversions[row] += conversions;
                _values[row] += value;
                _nulls[row] += nulls;
                return;
            }
        }
        if (_count == _conversions.Length || _count + 1 == _offsets.Length)
        {
            // Rented together for the same count, the row arrays have the same length; the offsets one more.
            int capacity = Math.Max(16, 2 * _count);
            Grow(ref _offsets, capacity + 1);
            Grow(ref _conversions, capacity);
            Grow(ref _values, capacity);
            Grow(ref _nulls, capacity);
            _offsets[0] = 0;
        }
        int start = _offsets[_count];
        if (start + path.Length > _touches.Length)
        {
            Grow(ref _touches, Math.Max(2 * _touches.Length, start + path.Length));
        }
        path.CopyTo(_touches.AsSpan(start));
        _slots[slot] = (long)hash << 32 | (uint)(_count + 1);
        _offsets[_count + 1] = start + path.Length;
        _conversions[_count] = conversions;
        _values[_count] = value;
        _nulls[_count] = nulls;
        _count++;
        if (2 * _count > _slots.Length)
        {
            Rehash();
        }
    }

    /// <summary>Doubles the row table (64 slots at first) and puts every row back by its kept hash.</summary>
    private void Rehash()
    {
        var old = _slots;
        _slots = ArrayPool<long>.Shared.Rent(Math.Max(64, 2 * old.Length));
        // The probes mask with the length: ArrayPool.Shared hands out powers of two for the powers of two asked here.
        System.Diagnostics.Debug.Assert(System.Numerics.BitOperations.IsPow2(_slots.Length), "the row table's length is a power of two");
        Array.Clear(_slots);
        int mask = _slots.Length - 1;
        foreach (long entry in old)
        {
            if (entry != 0)
            {
                int slot = (int)(entry >> 32) & mask;
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                _slots[slot] = entry;
            }
        }
        Return(old);
    }

    /// <summary>A pooled array of at least <paramref name="length"/> holding the old one's items; the old one goes back to its pool.</summary>
    private static void Grow<T>(ref T[] array, int length)
    {
        var grown = ArrayPool<T>.Shared.Rent(length);
        array.CopyTo(grown, 0);
        Return(array);
        array = grown;
    }

    private static void Return<T>(T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    /// <summary>
    /// Gives the working arrays back to the pools after the last <see cref="Build()"/> of a builder that is then dropped (the
    /// readers'); the builder is empty afterwards, its channels kept.
    /// </summary>
    internal void Release()
    {
        Return(_slots);
        Return(_offsets);
        Return(_touches);
        Return(_conversions);
        Return(_values);
        Return(_nulls);
        (_slots, _offsets, _touches, _conversions, _values, _nulls, _count) = ([], [], [], [], [], [], 0);
    }

    /// <summary>FNV-1a over the touches, finished by a multiplication whose high bits are kept (so the low bits that pick a slot depend on every touch).</summary>
    private static int Hash(ReadOnlySpan<int> path)
    {
        ulong hash = 14695981039346656037UL;
        foreach (int touch in path)
        {
            hash = (hash ^ (uint)touch) * 1099511628211UL;
        }
        return (int)((hash ^ (hash >> 31)) * 0x9E3779B97F4A7C15UL >> 32);
    }

    /// <summary>Builds the immutable summary; the builder can keep accumulating afterwards.</summary>
    /// <returns>The summary of everything added so far, in <see cref="Currency"/>.</returns>
    public PathSummary Build() => Build(Currency);

    /// <summary>Builds the summary in a currency learnt while adding (as <see cref="JourneyBuilder.Summarize"/> does).</summary>
    internal PathSummary Build(Currency currency)
    {
        int[] offsets = _count == 0 ? [0] : _offsets.AsSpan(0, _count + 1).ToArray();
        var touches = _touches.AsSpan(0, offsets[^1]).ToArray();
        return new PathSummary(_channels.ToImmutableArray(), currency, offsets, touches, _conversions.AsSpan(0, _count).ToArray(),
            _values.AsSpan(0, _count).ToArray(), _nulls.AsSpan(0, _count).ToArray());
    }
}
