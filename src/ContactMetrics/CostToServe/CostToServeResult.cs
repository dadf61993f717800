using System.Collections.Immutable;
using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.CostToServe;

/// <summary>
/// Cost-to-serve of a set of interactions: the total by activity, per contact, per resolution (repeat
/// chain), and by channel, segment, reason and customer. Every breakdown reconciles exactly: the
/// channels, the segments, the reasons and the customers (with the unidentified bucket) each add up
/// to <see cref="Total"/>, and so do the chain costs. Immutable.
/// </summary>
public sealed class CostToServeResult
{
    /// <summary>The key of the bucket for contacts without a customer id (customer and segment breakdowns).</summary>
    public const string UnidentifiedKey = "(unidentified)";

    /// <summary>The key of the bucket for identified customers without a segment.</summary>
    public const string NoSegmentKey = "(no segment)";

    /// <summary>The key of the bucket for contacts without a reason.</summary>
    public const string NoReasonKey = "(no reason)";

    private readonly long[] _contactCosts;
    private readonly int[] _chainOf;

    internal CostToServeResult(
        CostModel model,
        RepeatContactOptions repeat,
        long[] contactCosts,
        int[] chainOf,
        CostGroup total,
        ImmutableArray<CostGroup> byChannel,
        ImmutableArray<CostGroup> bySegment,
        ImmutableArray<CostGroup> byReason,
        ImmutableArray<CustomerCost> byCustomer,
        ImmutableArray<OverheadAllocation> overheads)
    {
        Model = model;
        Repeat = repeat;
        _contactCosts = contactCosts;
        _chainOf = chainOf;
        Overall = total;
        ByChannel = byChannel;
        BySegment = bySegment;
        ByReason = byReason;
        ByCustomer = byCustomer;
        Overheads = overheads;
    }

    /// <summary>The cost model used.</summary>
    public CostModel Model { get; }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency => Model.Currency;

    /// <summary>The repeat-contact definition that forms the chains (the FCR definition of the KPIs).</summary>
    public RepeatContactOptions Repeat { get; }

    /// <summary>Every contact as one group (key <c>all</c>): contacts, handle time, cost by activity, chains.</summary>
    public CostGroup Overall { get; }

    /// <summary>The total cost by activity.</summary>
    public CostBreakdown Total => Overall.Cost;

    /// <summary>The number of contacts.</summary>
    public long Contacts => Overall.Contacts;

    /// <summary>The number of repeat chains (issues): each contact belongs to exactly one.</summary>
    public long Chains => Overall.Chains;

    /// <summary>Total cost / contacts, to six decimals.</summary>
    public Money CostPerContact => Overall.CostPerContact;

    /// <summary>Total cost / chains, to six decimals; null without contacts.</summary>
    public Money? CostPerResolution => Overall.CostPerResolution;

    /// <summary>By channel, in channel order; only channels with contacts.</summary>
    public ImmutableArray<CostGroup> ByChannel { get; }

    /// <summary>By customer segment, ordered by key, then <see cref="NoSegmentKey"/> and <see cref="UnidentifiedKey"/> when they have contacts.</summary>
    public ImmutableArray<CostGroup> BySegment { get; }

    /// <summary>By contact reason, ordered by key, then <see cref="NoReasonKey"/> when it has contacts.</summary>
    public ImmutableArray<CostGroup> ByReason { get; }

    /// <summary>By customer, ordered by id (ordinal), then the unidentified bucket when it has contacts: an order that does not depend on the rows'.</summary>
    public ImmutableArray<CustomerCost> ByCustomer { get; }

    /// <summary>How each overhead was spread.</summary>
    public ImmutableArray<OverheadAllocation> Overheads { get; }

    /// <summary>The groups of a dimension other than <see cref="CostDimension.Customer"/> (see <see cref="ByCustomer"/>).</summary>
    /// <param name="dimension">Channel, segment or reason.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is <see cref="CostDimension.Customer"/> or undefined.</exception>
    public ImmutableArray<CostGroup> Groups(CostDimension dimension) => dimension switch
    {
        CostDimension.Channel => ByChannel,
        CostDimension.Segment => BySegment,
        CostDimension.Reason => ByReason,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Groups are by channel, segment or reason; customers are in ByCustomer."),
    };

    /// <summary>The cost of one contact, overheads included (its share in row order: the contacts add up to the total, a group's contacts to within a few micro-units of the group's cost).</summary>
    /// <param name="row">The contact's row in the table.</param>
    /// <returns>The cost, exact to a millionth of the currency unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row of the table, or the result was computed from cells (<see cref="CostToServeCalculator.FromCells"/>), which have no rows.</exception>
    public Money CostOfContact(int row)
    {
        Preconditions.CheckInRange(row, 0, _contactCosts.Length - 1);
        return Micro.ToMoney(_contactCosts[row], Currency);
    }

    /// <summary>The chain a contact belongs to, named by the row of its first contact.</summary>
    /// <param name="row">The contact's row in the table.</param>
    /// <returns>The first row of the chain; <paramref name="row"/> itself when the contact starts one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row of the table, or the result was computed from cells, which have no rows.</exception>
    public int ChainOf(int row)
    {
        Preconditions.CheckInRange(row, 0, _chainOf.Length - 1);
        return _chainOf[row];
    }
}
