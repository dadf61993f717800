using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>
/// An activity-based cost model of the contact center: the <see cref="ChannelRates"/> of every channel
/// and the overheads to spread, all in one currency. Immutable.
/// </summary>
/// <remarks>
/// A contact's cost is the sum of its activities, each at its driver: agent time (handle time x the
/// agent cost per handled hour), connected minutes x telephony, minutes before answer x IVR, per-contact
/// platform and bot fees, and its share of each overhead (activity-based costing: Kaplan and Anderson,
/// "Time-Driven Activity-Based Costing", Harvard Business Review, November 2004).
/// </remarks>
public sealed class CostModel
{
    private readonly ChannelRates?[] _byChannel;

    /// <summary>Creates a cost model.</summary>
    /// <param name="currency">The currency of every rate and overhead.</param>
    /// <param name="channels">The rates of each channel the data uses, at most one per channel.</param>
    /// <param name="overheads">The overheads; none if omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">A channel has two rates, a rate or an overhead is in another currency, or two overheads share a name.</exception>
    public CostModel(Currency currency, IEnumerable<ChannelRates> channels, IEnumerable<OverheadPool>? overheads = null)
    {
        Preconditions.CheckNotNull(channels);
        Currency = currency;
        _byChannel = new ChannelRates?[ChannelNames.All.Count];
        foreach (var rates in channels)
        {
            Preconditions.CheckNotNull(rates, nameof(channels));
            string name = rates.Channel.ToSchemaName();
            Preconditions.CheckArgument(rates.Currency == currency, nameof(channels),
                $"{name}: the rates are in {rates.Currency} but the cost model is in {currency}; a cost model has one currency.");
            Preconditions.CheckArgument(_byChannel[(int)rates.Channel] is null, nameof(channels), $"{name}: the channel has rates twice.");
            _byChannel[(int)rates.Channel] = rates;
        }
        var pools = (overheads ?? []).ToImmutableArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            Preconditions.CheckNotNull(pool, nameof(overheads));
            Preconditions.CheckArgument(pool.Amount.Currency == currency, nameof(overheads),
                $"overhead '{pool.Name}': the amount is in {pool.Amount.Currency} but the cost model is in {currency}; a cost model has one currency.");
            Preconditions.CheckArgument(names.Add(pool.Name), nameof(overheads), $"overhead '{pool.Name}' appears twice.");
        }
        Overheads = pools;
        Channels = [.. _byChannel.Where(r => r is not null).Select(r => r!)];
    }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>The channel rates, in channel order.</summary>
    public ImmutableArray<ChannelRates> Channels { get; }

    /// <summary>The overheads.</summary>
    public ImmutableArray<OverheadPool> Overheads { get; }

    /// <summary>The rates of a channel, if the model has them.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The rates, or null.</returns>
    public ChannelRates? RatesOf(Channel channel) => (uint)channel < (uint)_byChannel.Length ? _byChannel[(int)channel] : null;
}
