using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>How an overhead amount is spread over contacts.</summary>
public enum OverheadBasis
{
    /// <summary>In proportion to each contact's handle time (talk + hold + after-contact work).</summary>
    HandleTime = 0,

    /// <summary>Equally over the contacts.</summary>
    Contacts = 1,
}

/// <summary>
/// An overhead (facilities, IT, workforce management, quality team ...) for the period the interactions
/// cover, spread over the contacts of some or all channels by handle time or by count. Immutable.
/// </summary>
/// <remarks>
/// The amount is for the same period as the data: a yearly amount belongs with a year of interactions.
/// The allocation is exact: the shares of the contacts add up to the amount, to the micro-unit.
/// </remarks>
public sealed record OverheadPool
{
    /// <summary>Creates an overhead pool.</summary>
    /// <param name="name">A name for reports, e.g. <c>facilities</c>; not blank.</param>
    /// <param name="amount">The amount for the period of the data; at least 0.</param>
    /// <param name="basis">How the amount is spread.</param>
    /// <param name="channels">The channels whose contacts bear it; all channels when null or empty.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative or larger than 10^12, or <paramref name="basis"/> or a channel is undefined.</exception>
    public OverheadPool(string name, Money amount, OverheadBasis basis, IEnumerable<Channel>? channels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (amount.Amount < 0 || amount.Amount > ChannelRates.MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount.Amount,
                $"overhead '{name}': amount must be between 0 and {ChannelRates.MaxAmount.ToString(CultureInfo.InvariantCulture)}; was {amount.Amount.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, $"overhead '{name}': not a defined allocation basis.");
        }
        var list = (channels ?? []).Distinct().Order().ToImmutableArray();
        foreach (var c in list)
        {
            if (!Enum.IsDefined(c))
            {
                throw new ArgumentOutOfRangeException(nameof(channels), c, $"overhead '{name}': not a defined channel.");
            }
        }
        Name = name;
        Amount = amount;
        Basis = basis;
        Channels = list;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The amount for the period of the data.</summary>
    public Money Amount { get; }

    /// <summary>How the amount is spread.</summary>
    public OverheadBasis Basis { get; }

    /// <summary>The channels whose contacts bear it, in enum order; empty for all channels.</summary>
    public ImmutableArray<Channel> Channels { get; }

    /// <summary>Whether contacts on <paramref name="channel"/> bear a share.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>True when the pool covers the channel.</returns>
    public bool Covers(Channel channel) => Channels.IsEmpty || Channels.Contains(channel);
}
