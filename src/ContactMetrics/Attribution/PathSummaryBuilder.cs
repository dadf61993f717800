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
    private readonly Dictionary<PathKey, int> _rows = new();
    private readonly List<int> _offsets = [0];
    private int[] _touches = new int[256];
    private readonly List<double> _conversions = [];
    private readonly List<double> _values = [];
    private readonly List<double> _nulls = [];
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
    public int Count => _offsets.Count - 1;

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

    /// <summary>The index of a channel given as characters; allocates a string only for a new channel.</summary>
    internal int ChannelIndex(ReadOnlySpan<char> channel)
    {
        var lookup = _channelIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(channel, out int index) ? index : ChannelIndex(channel.ToString());
    }

    /// <summary>
    /// Adds a path given as channel indexes. The touches of every unique path sit end to end in one array and the row index
    /// is keyed by (start, length, hash) into it, so a path costs no array of its own; the candidate is written after the last
    /// path and kept only when it is new.
    /// </summary>
    internal void AddIndexes(ReadOnlySpan<int> path, double conversions, double value, double nulls)
    {
        Preconditions.CheckNonNegative(conversions);
        Preconditions.CheckNonNegative(value);
        Preconditions.CheckNonNegative(nulls);
        int start = _offsets[^1];
        if (start + path.Length > _touches.Length)
        {
            Array.Resize(ref _touches, Math.Max(2 * _touches.Length, start + path.Length));
        }
        path.CopyTo(_touches.AsSpan(start));
        var key = new PathKey(this, start, path.Length, Hash(path));
        if (_rows.TryGetValue(key, out int row))
        {
            _conversions[row] += conversions;
            _values[row] += value;
            _nulls[row] += nulls;
            return;
        }
        _rows.Add(key, Count);
        _offsets.Add(start + path.Length);
        _conversions.Add(conversions);
        _values.Add(value);
        _nulls.Add(nulls);
    }

    private static int Hash(ReadOnlySpan<int> path)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(path));
        return hash.ToHashCode();
    }

    /// <summary>Builds the immutable summary; the builder can keep accumulating afterwards.</summary>
    /// <returns>The summary of everything added so far, in <see cref="Currency"/>.</returns>
    public PathSummary Build() => Build(Currency);

    /// <summary>Builds the summary in a currency learnt while adding (as <see cref="JourneyBuilder.Summarize"/> does).</summary>
    internal PathSummary Build(Currency currency)
    {
        var offsets = _offsets.ToArray();
        var touches = _touches.AsSpan(0, offsets[^1]).ToArray();
        return new PathSummary(_channels.ToImmutableArray(), currency, offsets, touches, _conversions.ToArray(), _values.ToArray(), _nulls.ToArray());
    }

    /// <summary>A unique path: where its touches sit in the builder's array, and their hash.</summary>
    private readonly struct PathKey(PathSummaryBuilder owner, int start, int length, int hash) : IEquatable<PathKey>
    {
        private ReadOnlySpan<int> Touches => owner._touches.AsSpan(start, length);

        public bool Equals(PathKey other) => hash == other.GetHashCode() && Touches.SequenceEqual(other.Touches);

        public override bool Equals(object? obj) => obj is PathKey other && Equals(other);

        public override int GetHashCode() => hash;
    }
}
