using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.CostToServe;

/// <summary>What to break cost-to-serve down by.</summary>
public enum CostDimension
{
    /// <summary>The contact's channel.</summary>
    Channel = 0,

    /// <summary>The customer's segment.</summary>
    Segment = 1,

    /// <summary>The contact reason.</summary>
    Reason = 2,

    /// <summary>The customer.</summary>
    Customer = 3,
}

/// <summary>
/// The cost of one group (a channel, segment or reason): its contacts' cost by activity, and the cost of
/// the repeat chains that <i>started</i> in the group, which is what resolving an issue raised there cost
/// (a repeat on another channel included). Immutable.
/// </summary>
/// <param name="Key">The group: the channel's schema name, the segment, the reason, or one of the bucket names of <see cref="CostToServeResult"/> for contacts without one.</param>
/// <param name="Contacts">The contacts in the group.</param>
/// <param name="HandleTime">Their total handle time (talk + hold + after-contact work).</param>
/// <param name="Cost">Their cost by activity.</param>
/// <param name="Chains">The repeat chains whose first contact is in the group: the issues raised there.</param>
/// <param name="ChainCost">The cost of every contact of those chains, wherever it happened.</param>
public sealed record CostGroup(string Key, long Contacts, Duration HandleTime, CostBreakdown Cost, long Chains, Money ChainCost)
{
    /// <summary>The cost per contact: cost / contacts, to six decimals.</summary>
    public Money CostPerContact => Micro.Average(Micro.FromMoney(Cost.Total), Contacts, Cost.Total.Currency) ?? Money.Zero(Cost.Total.Currency);

    /// <summary>The cost per resolution: chain cost / chains, to six decimals; null when no chain started in the group.</summary>
    public Money? CostPerResolution => Micro.Average(Micro.FromMoney(ChainCost), Chains, ChainCost.Currency);
}

/// <summary>The cost of serving one customer (or, with a null <see cref="CustomerId"/>, of every contact without a customer id).</summary>
/// <param name="CustomerId">The customer; null for the unidentified bucket.</param>
/// <param name="Contacts">The customer's contacts.</param>
/// <param name="Chains">The customer's repeat chains (issues); for the unidentified bucket every contact is its own.</param>
/// <param name="Cost">The cost of the customer's contacts, overheads included.</param>
public readonly record struct CustomerCost(CustomerId? CustomerId, long Contacts, long Chains, Money Cost)
{
    /// <summary>The customer id, or <see cref="CostToServeResult.UnidentifiedKey"/>.</summary>
    public string Key => CustomerId?.Value ?? CostToServeResult.UnidentifiedKey;

    /// <summary>The cost per resolution: cost / chains, to six decimals; null without chains.</summary>
    public Money? CostPerResolution => Micro.Average(Micro.FromMoney(Cost), Chains, Cost.Currency);
}

/// <summary>How an overhead pool was spread: the amount allocated equals the pool's amount exactly.</summary>
/// <param name="Pool">The pool.</param>
/// <param name="Contacts">The contacts that bore a share.</param>
/// <param name="Allocated">The sum of the shares.</param>
public sealed record OverheadAllocation(OverheadPool Pool, long Contacts, Money Allocated);
