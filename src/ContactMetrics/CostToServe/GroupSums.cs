using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.CostToServe;

/// <summary>
/// The integer sums of the groups of one breakdown (channels, reasons or segments), in the breakdown's order: per group
/// the slots of its own contacts and of the contacts of the chains that started in it, each
/// <see cref="Stride"/> longs (<see cref="CostSlots"/>, then per overhead pool its weight and the contacts bearing it).
/// </summary>
internal sealed class GroupSums(IReadOnlyList<(string Key, int Group)> groups, long[] own, long[] chain, int stride)
{
    public IReadOnlyList<(string Key, int Group)> Groups { get; } = groups;

    public long[] Own { get; } = own;

    public long[] Chain { get; } = chain;

    public int Stride { get; } = stride;

    /// <summary>The longs per group with <paramref name="pools"/> overhead pools.</summary>
    public static int SlotsFor(int pools) => CostSlots.Count + 2 * pools;

    /// <summary>The slot of pool <paramref name="pool"/>'s weight; the next holds the contacts that bear it.</summary>
    public static int Weight(int pool) => CostSlots.Count + 2 * pool;

    /// <summary>Adds one contact to a group.</summary>
    public static void AddRow(long[] slots, int stride, int group, in CostToServeCalculator.RowCost c, ImmutableArray<OverheadPool> pools,
        bool[,] covers, int channel, bool startsChain)
    {
        int s = group * stride;
        slots[s + CostSlots.Agent] += c.Agent;
        slots[s + CostSlots.Telephony] += c.Telephony;
        slots[s + CostSlots.Ivr] += c.Ivr;
        slots[s + CostSlots.Platform] += c.Platform;
        slots[s + CostSlots.Bot] += c.Bot;
        slots[s + CostSlots.Cost] += c.Activities;
        slots[s + CostSlots.Contacts]++;
        slots[s + CostSlots.HandleMs] += c.Handle;
        slots[s + CostSlots.Chains] += startsChain ? 1 : 0;
        for (int p = 0; p < pools.Length; p++)
        {
            if (covers[p, channel])
            {
                long weight = pools[p].Basis == OverheadBasis.HandleTime ? c.Handle : 1;
                slots[s + Weight(p)] += weight;
                slots[s + Weight(p) + 1] += weight > 0 ? 1 : 0;
            }
        }
    }

    /// <summary>Adds a cell's contacts to a group: its activity sums, the model's per-contact fees and the pools' weights.</summary>
    public static void AddCell(long[] slots, int stride, int group, CostCell cell, CostModel model)
    {
        var rates = model.RatesOf(cell.Channel);
        long platform = rates is null ? 0 : Micro.FromMoney(rates.PlatformPerContact) * cell.Contacts;
        long bot = rates is null ? 0 : Micro.FromMoney(rates.BotPerContact) * cell.Contacts;
        int s = group * stride;
        slots[s + CostSlots.Agent] += cell.AgentMicros;
        slots[s + CostSlots.Telephony] += cell.TelephonyMicros;
        slots[s + CostSlots.Ivr] += cell.IvrMicros;
        slots[s + CostSlots.Platform] += platform;
        slots[s + CostSlots.Bot] += bot;
        slots[s + CostSlots.Cost] += cell.AgentMicros + cell.TelephonyMicros + cell.IvrMicros + platform + bot;
        slots[s + CostSlots.Contacts] += cell.Contacts;
        slots[s + CostSlots.HandleMs] += cell.HandleMilliseconds;
        slots[s + CostSlots.Chains] += cell.ChainStarts;
        var pools = model.Overheads;
        for (int p = 0; p < pools.Length; p++)
        {
            if (pools[p].Covers(cell.Channel))
            {
                bool byHandle = pools[p].Basis == OverheadBasis.HandleTime;
                slots[s + Weight(p)] += byHandle ? cell.HandleMilliseconds : cell.Contacts;
                slots[s + Weight(p) + 1] += byHandle ? cell.ContactsWithHandleTime : cell.Contacts;
            }
        }
    }

    /// <summary>The groups with contacts: their own contacts' cost and the chains that started in them.</summary>
    public ImmutableArray<CostGroup> ToGroups(Currency currency)
    {
        var result = ImmutableArray.CreateBuilder<CostGroup>();
        foreach (var (key, g) in Groups)
        {
            if (Own[g * Stride + CostSlots.Contacts] > 0)
            {
                result.Add(ToGroup(key, Own.AsSpan(g * Stride, Stride), Chain.AsSpan(g * Stride, Stride), currency));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>Every contact as one group (key <c>all</c>): the groups of a breakdown add up to the whole.</summary>
    public CostGroup Overall(Currency currency)
    {
        var own = new long[Stride];
        var chain = new long[Stride];
        foreach (var (_, g) in Groups)
        {
            for (int k = 0; k < Stride; k++)
            {
                own[k] += Own[g * Stride + k];
                chain[k] += Chain[g * Stride + k];
            }
        }
        return ToGroup("all", own, chain, currency);
    }

    private static CostGroup ToGroup(string key, ReadOnlySpan<long> own, ReadOnlySpan<long> chain, Currency currency) => new(
        key,
        own[CostSlots.Contacts],
        Duration.FromMilliseconds(own[CostSlots.HandleMs]),
        CostBreakdown.FromMicros(own, currency),
        chain[CostSlots.Chains],
        Micro.ToMoney(chain[CostSlots.Cost], currency));
}

/// <summary>The sums of each customer, ordered by id, the contacts without a customer id last (a null id).</summary>
internal sealed class CustomerSums(CustomerId?[] ids, long[] slots, int stride)
{
    public CustomerId?[] Ids { get; } = ids;

    public long[] Slots { get; } = slots;

    public int Stride { get; } = stride;

    public ImmutableArray<CustomerCost> ToCosts(Currency currency)
    {
        var result = new List<CustomerCost>(Ids.Length);
        for (int k = 0; k < Ids.Length; k++)
        {
            int s = k * Stride;
            if (Slots[s + CostSlots.Contacts] > 0)
            {
                result.Add(new CustomerCost(Ids[k], Slots[s + CostSlots.Contacts], Slots[s + CostSlots.Chains], Micro.ToMoney(Slots[s + CostSlots.Cost], currency)));
            }
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(result.ToArray());
    }
}

/// <summary>The breakdowns' sums from <see cref="CostCell"/>s (<see cref="CostToServeCalculator.FromCells"/>).</summary>
internal sealed class CellSums
{
    private CellSums(GroupSums channels, GroupSums reasons, GroupSums segments, CustomerSums customers)
    {
        Channels = channels;
        Reasons = reasons;
        Segments = segments;
        Customers = customers;
    }

    public GroupSums Channels { get; }

    public GroupSums Reasons { get; }

    public GroupSums Segments { get; }

    public CustomerSums Customers { get; }

    public static CellSums Of(CostModel model, IEnumerable<CostCell> cells)
    {
        int stride = GroupSums.SlotsFor(model.Overheads.Length);
        var byDimension = new List<CostCell>[4];
        for (int d = 0; d < byDimension.Length; d++)
        {
            byDimension[d] = [];
        }
        foreach (var cell in cells)
        {
            Check(cell);
            byDimension[(int)cell.Dimension].Add(cell);
        }
        var channels = Breakdown(byDimension[(int)CostDimension.Channel], model, stride,
            c => (((int)ChannelNames.ParseChannel(c.Key!)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), ChannelNames.ParseChannel(c.Key!).ToSchemaName()));
        var reasons = Breakdown(byDimension[(int)CostDimension.Reason], model, stride,
            c => c.Key is null ? ("1", CostToServeResult.NoReasonKey) : ("0" + c.Key, c.Key));
        var segments = Breakdown(byDimension[(int)CostDimension.Segment], model, stride,
            c => !c.Identified ? ("2", CostToServeResult.UnidentifiedKey) : c.Key is null ? ("1", CostToServeResult.NoSegmentKey) : ("0" + c.Key, c.Key));
        var customers = CustomerBreakdown(byDimension[(int)CostDimension.Customer], model, stride);

        foreach (var (_, g) in channels.Groups)
        {
            CostToServeCalculator.CheckRates(model, ChannelNames.ParseChannel(channels.Groups[g].Key), channels.Own[g * stride + CostSlots.Contacts]);
        }
        long contacts = Contacts(channels.Own, stride);
        foreach (var (name, slots) in (ReadOnlySpan<(string, long[])>)[("channels by chain start", channels.Chain), ("reasons", reasons.Own),
                     ("reasons by chain start", reasons.Chain), ("segments", segments.Own), ("segments by chain start", segments.Chain), ("customers", customers.Slots)])
        {
            long other = Contacts(slots, stride);
            Preconditions.CheckArgument(other == contacts, nameof(cells),
                $"the cells of the {name} hold {other} contacts, those of the channels {contacts}; every breakdown must hold every contact once.");
        }
        return new CellSums(channels, reasons, segments, customers);
    }

    private static long Contacts(long[] slots, int stride)
    {
        long total = 0;
        for (int s = 0; s < slots.Length; s += stride)
        {
            total += slots[s + CostSlots.Contacts];
        }
        return total;
    }

    private static void Check(CostCell cell)
    {
        Preconditions.CheckNotNull(cell, "cells");
        Preconditions.CheckArgument(Enum.IsDefined(cell.Dimension), "cells", $"a cell has the undefined dimension {cell.Dimension}.");
        Preconditions.CheckArgument(Enum.IsDefined(cell.Channel), "cells", $"a cell has the undefined channel {cell.Channel}.");
        Preconditions.CheckArgument(
            cell.Contacts >= 0 && cell.ContactsWithHandleTime >= 0 && cell.ContactsWithHandleTime <= cell.Contacts && cell.HandleMilliseconds >= 0
            && cell.AgentMicros >= 0 && cell.TelephonyMicros >= 0 && cell.IvrMicros >= 0 && cell.ChainStarts >= 0 && cell.ChainStarts <= cell.Contacts,
            "cells", $"the cell of {cell.Dimension} '{cell.Key}' on {cell.Channel.ToSchemaName()} has a negative count or more contacts with handle time or chain starts than contacts.");
        Preconditions.CheckArgument(cell.Dimension != CostDimension.Channel || (cell.ByChainStart ? ChannelNames.TryParseChannel(cell.Key, out _) : cell.Key == cell.Channel.ToSchemaName()), "cells",
            $"a channel cell's key '{cell.Key}' is not {(cell.ByChainStart ? "a channel's schema name" : $"its channel '{cell.Channel.ToSchemaName()}'")}.");
        Preconditions.CheckArgument(cell.Dimension != CostDimension.Customer || !cell.ByChainStart, "cells", "customer cells are never by chain start.");
        // A customer cell is identified exactly when it has a key; otherwise it would be merged into the unidentified contacts.
        Preconditions.CheckArgument(cell.Dimension != CostDimension.Customer || cell.Identified == (cell.Key is not null), "cells",
            $"a customer cell {(cell.Identified ? "marked identified has no customer id" : $"with the customer id '{cell.Key}' is not marked identified")}.");
        // An unidentified segment cell has no segment; one with a segment would be merged into the unidentified contacts.
        Preconditions.CheckArgument(cell.Dimension != CostDimension.Segment || cell.Identified || cell.Key is null, "cells",
            $"a segment cell with the segment '{cell.Key}' is not marked identified (only an identified customer has a segment).");
    }

    /// <summary>One breakdown's groups, ordered by the sort key <paramref name="key"/> gives (ordinal), own and by chain start.</summary>
    private static GroupSums Breakdown(List<CostCell> cells, CostModel model, int stride, Func<CostCell, (string Sort, string Key)> key)
    {
        var keys = cells.Select(key).Distinct().OrderBy(k => k.Sort, StringComparer.Ordinal).ToList();
        var index = keys.Select((k, i) => (k.Sort, i)).ToDictionary(k => k.Sort, k => k.i, StringComparer.Ordinal);
        var own = new long[keys.Count * stride];
        var chain = new long[keys.Count * stride];
        foreach (var cell in cells)
        {
            GroupSums.AddCell(cell.ByChainStart ? chain : own, stride, index[key(cell).Sort], cell, model);
        }
        return new GroupSums([.. keys.Select((k, i) => (k.Key, i))], own, chain, stride);
    }

    private static CustomerSums CustomerBreakdown(List<CostCell> cells, CostModel model, int stride)
    {
        var ids = cells.Where(c => c.Identified).Select(c => c.Key!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var slots = new long[(ids.Count + 1) * stride];
        foreach (var cell in cells)
        {
            int k = cell.Identified ? index[cell.Key!] : ids.Count;
            GroupSums.AddCell(slots, stride, k, cell, model);
        }
        return new CustomerSums([.. ids.Select(id => (CustomerId?)new CustomerId(id)), null], slots, stride);
    }
}
