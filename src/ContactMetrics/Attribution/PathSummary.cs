using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// The sufficient statistic of path-based attribution: the unique channel paths, each with its
/// conversions, conversion value and non-converting journeys ("nulls"). Immutable and columnar
/// (one array per column, paths concatenated), so its size scales with the unique paths, not the journeys.
/// </summary>
/// <remarks>
/// This is the table of ChannelAttribution's <c>path, total_conversions, total_conversion_value, total_null</c>
/// (Altomare and Loris, R package ChannelAttribution): a SQL engine can produce it and
/// <see cref="PathSummaryReader"/> reads it. Build one with <see cref="PathSummaryBuilder"/> or
/// <see cref="JourneyBuilder.Summarize"/>. <see cref="Values"/> are plain numbers (for the models' loops) in
/// <see cref="Currency"/>, the conversions' currency.
/// </remarks>
public sealed class PathSummary
{
    private readonly int[] _offsets;
    private readonly int[] _touches;
    private readonly double[] _conversions;
    private readonly double[] _values;
    private readonly double[] _nulls;

    internal PathSummary(ImmutableArray<string> channels, Currency currency, int[] offsets, int[] touches, double[] conversions, double[] values, double[] nulls)
    {
        Channels = channels;
        Currency = currency;
        _offsets = offsets;
        _touches = touches;
        _conversions = conversions;
        _values = values;
        _nulls = nulls;
        double c = 0, v = 0, n = 0;
        for (int i = 0; i < conversions.Length; i++)
        {
            c += conversions[i];
            v += values[i];
            n += nulls[i];
        }
        TotalConversions = c;
        TotalValueAmount = v;
        TotalValue = Money.FromDouble(v, currency);
        TotalNulls = n;
    }

    /// <summary>The channel names; a path refers to a channel by its index in this list.</summary>
    public ImmutableArray<string> Channels { get; }

    /// <summary>The number of unique paths.</summary>
    public int Count => _conversions.Length;

    /// <summary>The conversions of each path, indexed like the paths.</summary>
    public ReadOnlySpan<double> Conversions => _conversions;

    /// <summary>The currency of <see cref="Values"/>: the conversions' currency.</summary>
    public Currency Currency { get; }

    /// <summary>The total conversion value of each path in <see cref="Currency"/>, indexed like the paths.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The non-converting journeys of each path, indexed like the paths.</summary>
    public ReadOnlySpan<double> Nulls => _nulls;

    /// <summary>The sum of <see cref="Conversions"/>.</summary>
    public double TotalConversions { get; }

    /// <summary>The sum of <see cref="Values"/>, in <see cref="Currency"/> (the double sum converted by <see cref="Money.FromDouble"/>).</summary>
    public Money TotalValue { get; }

    /// <summary>The double sum of <see cref="Values"/>, for the models' arithmetic.</summary>
    internal double TotalValueAmount { get; }

    /// <summary>The sum of <see cref="Nulls"/>.</summary>
    public double TotalNulls { get; }

    /// <summary>The channel indexes of one path, in time order (first touch first).</summary>
    /// <param name="index">The path's index, 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The touches; never empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<int> Path(int index)
    {
        Preconditions.CheckInRange(index, 0, Count - 1);
        return _touches.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
    }

    /// <summary>The path as text, channel names joined by <c>" &gt; "</c> (the paths_1m.csv format).</summary>
    /// <param name="index">The path's index, 0 to <see cref="Count"/> - 1.</param>
    /// <returns>For example <c>c01 &gt; c03</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public string PathText(int index)
    {
        var path = Path(index);
        var names = new string[path.Length];
        for (int i = 0; i < path.Length; i++)
        {
            names[i] = Channels[path[i]];
        }
        return string.Join(PathSummaryReader.DefaultSeparator, names);
    }

    /// <summary>The index of a channel in <see cref="Channels"/>.</summary>
    /// <param name="channel">The channel's name (ordinal comparison).</param>
    /// <returns>The index, or -1 when the channel is not in the summary.</returns>
    internal int IndexOf(string channel) => Channels.IndexOf(channel, StringComparer.Ordinal);
}
