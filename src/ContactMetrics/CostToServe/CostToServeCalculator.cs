using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.CostToServe;

/// <summary>
/// Prices every contact of an <see cref="InteractionTable"/> with a <see cref="CostModel"/> and adds the
/// costs up per contact, per resolution (repeat chain), per customer, segment, reason and channel.
/// </summary>
/// <remarks>
/// <para>
/// A contact's activities are each rounded once to a millionth of the currency unit
/// (<c>agent = handle ms x agent cost per handled ms</c>, <c>telephony = (queue + talk + hold) ms x rate</c>,
/// <c>IVR = queue ms x rate</c>, plus the per-contact fees); a group's activity cost is the exact sum of its contacts'.
/// </para>
/// <para>
/// Overheads are spread over the groups of each breakdown (channels, reasons, segments, the chains' groups, customers)
/// from the groups' weights alone (handle ms, or 1 per contact, over the channels a pool covers): an overhead of amount
/// M over groups with weights W_g (total W), taken in the breakdown's order (channels in channel order, reasons and
/// segments by key then their buckets, customers by id then the unidentified bucket), gives the k-th group
/// <c>round(M C_k / W) - round(M C_(k-1) / W)</c>, C the running sum of weights: the shares telescope to exactly M in
/// every breakdown and each is within one micro-unit of <c>M W_g / W</c>. So a result depends only on the groups'
/// sums (<see cref="CostCell"/>), not on the order of the rows, and an SQL engine that returns those sums gives the
/// same result (<see cref="FromCells"/>). A contact's own cost (<see cref="CostToServeResult.CostOfContact"/>) takes its
/// share the same way over the contacts in row order: those add up to M too, but the contacts of a group may add up
/// to a few micro-units more or less than the group's share.
/// </para>
/// <para>
/// Chains follow the first-contact-resolution definition of the KPIs (<see cref="RepeatContactOptions"/>:
/// same customer, same reason by default, within the window): a contact that repeats an earlier handled
/// contact joins that contact's chain, so a chain's cost is what the issue cost until no repeat
/// followed — the cost per resolution. Contacts outside the FCR scope (outbound, self-service, bot, IVR,
/// no customer id) are chains of their own.
/// </para>
/// <para>
/// Passes over the columns (activities, contact overheads, chains, customers) and one repeat-chain scan; memory is one
/// long and one int per row plus slots per group and customer; no per-row allocation.
/// </para>
/// </remarks>
public static class CostToServeCalculator
{
    private const int MinRowsPerWorker = 1 << 16;

    /// <summary>Computes cost-to-serve.</summary>
    /// <param name="table">The interactions (with customers, for segments).</param>
    /// <param name="model">The cost model; it must have rates for every channel the table uses.</param>
    /// <param name="repeat">The repeat-contact definition for the chains; the KPI default (7 days, same reason, any channel) if omitted.</param>
    /// <param name="maxDegreeOfParallelism">How many workers run at once; the processor count by default. The result does not depend on it.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The model has no rates for a channel the table uses, or an overhead has no contacts (or, by handle time, no handle time) to spread over;
    /// the message names the channel or the overhead.
    /// </exception>
    public static CostToServeResult Compute(InteractionTable table, CostModel model, RepeatContactOptions? repeat = null, int? maxDegreeOfParallelism = null) =>
        Compute(table, model, repeat, maxDegreeOfParallelism, MinRowsPerWorker);

    /// <summary>
    /// Cost-to-serve from its sufficient statistics, computed elsewhere (an SQL engine, partitions of the data): the
    /// same result as <see cref="Compute(InteractionTable, CostModel, RepeatContactOptions?, int?)"/> on the rows the
    /// cells sum, except that it has no rows (<see cref="CostToServeResult.CostOfContact"/> and
    /// <see cref="CostToServeResult.ChainOf"/> have none to return).
    /// </summary>
    /// <param name="model">The cost model the cells' activity costs were priced with (its per-contact fees and overheads are applied here).</param>
    /// <param name="cells">The cells; those of one group and channel are added up.</param>
    /// <param name="repeat">The repeat-contact definition the chains were formed with (reported with the result); the KPI default if omitted.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="cells"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A cell is invalid (a negative count, an undefined dimension or channel, a channel key that is not the cell's channel,
    /// a customer cell by chain start), the breakdowns do not hold the same contacts, the model has no rates for a channel
    /// with contacts, or an overhead has nothing to spread over.
    /// </exception>
    public static CostToServeResult FromCells(CostModel model, IEnumerable<CostCell> cells, RepeatContactOptions? repeat = null)
    {
        Preconditions.CheckNotNull(model);
        Preconditions.CheckNotNull(cells);
        var sums = CellSums.Of(model, cells);
        return Finish(model, repeat ?? new RepeatContactOptions(), [], [], sums.Channels, sums.Reasons, sums.Segments, sums.Customers);
    }

    /// <summary>As the public overload, with the rows per worker below which fewer workers run (tests lower it to split small tables).</summary>
    internal static CostToServeResult Compute(InteractionTable table, CostModel model, RepeatContactOptions? repeat, int? maxDegreeOfParallelism, int minRowsPerWorker)
    {
        Preconditions.CheckNotNull(table);
        Preconditions.CheckNotNull(model);
        repeat ??= new RepeatContactOptions();
        int degree = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
        int n = table.Count;
        int workers = Math.Max(1, Math.Min(degree, n / Math.Max(1, minRowsPerWorker)));
        var layout = new GroupLayout(table);
        var rates = RowRates.Of(model);
        var pools = model.Overheads;
        int stride = GroupSums.SlotsFor(pools.Length);

        // Pass 1: activities of each row and the sums of its own groups.
        var costs = new long[n];
        var partials = new long[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            var slots = new long[layout.Groups * stride];
            var (from, to) = Range(n, workers, w);
            ActivityPass(table, layout, rates, pools, costs, slots, stride, from, to);
            partials[w] = slots;
        });
        var own = Sum(partials);
        CheckRates(model, layout, own, stride);

        // Pass 2: chains, the sums of each row's chain's groups and of its customer.
        var chainOf = table.RepeatChains(repeat, degree);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            Array.Clear(partials[w]);
            var (from, to) = Range(n, workers, w);
            ChainPass(table, layout, rates, pools, chainOf, partials[w], stride, from, to);
        });
        var chain = Sum(partials);
        var customers = CustomerPass(table, rates, pools, chainOf, stride);

        // Pass 3: each contact's own overhead share, in row order.
        if (pools.Length > 0)
        {
            ContactOverheads(table, pools, costs, degree, workers);
        }

        return Finish(model, repeat, costs, chainOf,
            new GroupSums(layout.ChannelOrder(own, stride), own, chain, stride),
            new GroupSums(layout.ReasonOrder(own, stride), own, chain, stride),
            new GroupSums(layout.SegmentOrder(own, stride), own, chain, stride),
            customers);
    }

    /// <summary>Spreads the overheads over the groups of every breakdown and builds the result: one code for rows and cells.</summary>
    private static CostToServeResult Finish(CostModel model, RepeatContactOptions repeat, long[] costs, int[] chainOf,
        GroupSums channels, GroupSums reasons, GroupSums segments, CustomerSums customers)
    {
        var pools = model.Overheads;
        var allocations = ImmutableArray.CreateBuilder<OverheadAllocation>(pools.Length);
        var totals = new long[pools.Length];
        for (int p = 0; p < pools.Length; p++)
        {
            long contacts = 0;
            foreach (var (_, g) in channels.Groups)
            {
                totals[p] += channels.Own[g * channels.Stride + GroupSums.Weight(p)];
                contacts += channels.Own[g * channels.Stride + GroupSums.Weight(p) + 1];
            }
            CheckPool(pools[p], totals[p]);
            allocations.Add(new OverheadAllocation(pools[p], contacts, pools[p].Amount));
        }
        foreach (var breakdown in (GroupSums[])[channels, reasons, segments])
        {
            var order = breakdown.Groups.Select(g => g.Group).ToArray();
            Allocate(breakdown.Own, breakdown.Stride, order, pools, totals);
            Allocate(breakdown.Chain, breakdown.Stride, order, pools, totals);
        }
        Allocate(customers.Slots, customers.Stride, Enumerable.Range(0, customers.Ids.Length).ToArray(), pools, totals);

        var currency = model.Currency;
        return new CostToServeResult(
            model,
            repeat,
            costs,
            chainOf,
            channels.Overall(currency),
            channels.ToGroups(currency),
            segments.ToGroups(currency),
            reasons.ToGroups(currency),
            customers.ToCosts(currency),
            allocations.MoveToImmutable());
    }

    /// <summary>Spreads each pool over the groups in <paramref name="order"/> by their weights: telescoping shares that add up to the amount exactly.</summary>
    private static void Allocate(long[] slots, int stride, int[] order, ImmutableArray<OverheadPool> pools, long[] totals)
    {
        for (int p = 0; p < pools.Length; p++)
        {
            if (totals[p] == 0)
            {
                continue;
            }
            Int128 amount = Micro.FromMoney(pools[p].Amount);
            long cumulative = 0, previous = 0;
            foreach (int g in order)
            {
                int s = g * stride;
                long weight = slots[s + GroupSums.Weight(p)];
                if (weight == 0)
                {
                    continue;
                }
                cumulative += weight;
                long next = Share(amount, cumulative, totals[p]);
                slots[s + CostSlots.Overhead] += next - previous;
                slots[s + CostSlots.Cost] += next - previous;
                previous = next;
            }
        }
    }

    private static void ActivityPass(InteractionTable table, GroupLayout layout, RowRates[] rates, ImmutableArray<OverheadPool> pools,
        long[] costs, long[] slots, int stride, int from, int to)
    {
        var covers = Coverage(pools);
        for (int i = from; i < to; i++)
        {
            var c = RowCost.Of(table, rates, i);
            costs[i] = c.Activities;
            int ch = table.Channel[i];
            GroupSums.AddRow(slots, stride, layout.ChannelGroup(ch), c, pools, covers, ch, false);
            GroupSums.AddRow(slots, stride, layout.ReasonGroup(i), c, pools, covers, ch, false);
            GroupSums.AddRow(slots, stride, layout.SegmentGroup(i), c, pools, covers, ch, false);
        }
    }

    private static void ChainPass(InteractionTable table, GroupLayout layout, RowRates[] rates, ImmutableArray<OverheadPool> pools,
        int[] chainOf, long[] slots, int stride, int from, int to)
    {
        var covers = Coverage(pools);
        var channel = table.Channel;
        for (int i = from; i < to; i++)
        {
            int root = chainOf[i];
            var c = RowCost.Of(table, rates, i);
            bool starts = root == i;
            GroupSums.AddRow(slots, stride, layout.ChannelGroup(channel[root]), c, pools, covers, channel[i], starts);
            GroupSums.AddRow(slots, stride, layout.ReasonGroup(root), c, pools, covers, channel[i], starts);
            GroupSums.AddRow(slots, stride, layout.SegmentGroup(root), c, pools, covers, channel[i], starts);
        }
    }

    /// <summary>The sums of each customer (and of the contacts without one, last), customers ordered by id.</summary>
    private static CustomerSums CustomerPass(InteractionTable table, RowRates[] rates, ImmutableArray<OverheadPool> pools, int[] chainOf, int stride)
    {
        var names = table.Customers;
        int customers = names.Count;
        var rank = new int[customers + 1];
        var byId = Enumerable.Range(0, customers).OrderBy(c => names[c], StringComparer.Ordinal).ToArray();
        for (int k = 0; k < customers; k++)
        {
            rank[byId[k]] = k;
        }
        rank[customers] = customers;
        var slots = new long[(customers + 1) * stride];
        var covers = Coverage(pools);
        var customer = table.Customer;
        for (int i = 0; i < table.Count; i++)
        {
            int c = customer[i] < 0 ? customers : customer[i];
            GroupSums.AddRow(slots, stride, rank[c], RowCost.Of(table, rates, i), pools, covers, table.Channel[i], chainOf[i] == i);
        }
        var ids = new CustomerId?[customers + 1];
        for (int k = 0; k < customers; k++)
        {
            ids[k] = new CustomerId(names[byId[k]]);
        }
        return new CustomerSums(ids, slots, stride);
    }

    /// <summary>Each contact's share of each overhead, from the running weight in row order (workers start from the weight before their range).</summary>
    private static void ContactOverheads(InteractionTable table, ImmutableArray<OverheadPool> pools, long[] costs, int degree, int workers)
    {
        int n = table.Count;
        var covers = Coverage(pools);
        var weights = new long[workers, pools.Length];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            var (from, to) = Range(n, workers, w);
            for (int i = from; i < to; i++)
            {
                for (int p = 0; p < pools.Length; p++)
                {
                    weights[w, p] += Weight(table, pools[p], covers, p, i);
                }
            }
        });
        var totals = new long[pools.Length];
        var starts = new long[workers, pools.Length];
        for (int p = 0; p < pools.Length; p++)
        {
            for (int w = 0; w < workers; w++)
            {
                starts[w, p] = totals[p];
                totals[p] += weights[w, p];
            }
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            var (from, to) = Range(n, workers, w);
            for (int p = 0; p < pools.Length; p++)
            {
                if (totals[p] == 0)
                {
                    continue;
                }
                Int128 amount = Micro.FromMoney(pools[p].Amount);
                long cumulative = starts[w, p];
                long previous = Share(amount, cumulative, totals[p]);
                for (int i = from; i < to; i++)
                {
                    long weight = Weight(table, pools[p], covers, p, i);
                    if (weight == 0)
                    {
                        continue;
                    }
                    cumulative += weight;
                    long next = Share(amount, cumulative, totals[p]);
                    costs[i] += next - previous;
                    previous = next;
                }
            }
        });
    }

    /// <summary>A row's weight in a pool: 0 off the pool's channels, else its handle ms or 1.</summary>
    private static long Weight(InteractionTable table, OverheadPool pool, bool[,] covers, int p, int i) =>
        !covers[p, table.Channel[i]] ? 0
        : pool.Basis == OverheadBasis.HandleTime ? (long)table.TalkMs[i] + table.HoldMs[i] + table.AcwMs[i]
        : 1;

    private static bool[,] Coverage(ImmutableArray<OverheadPool> pools)
    {
        var covers = new bool[pools.Length, GroupLayout.ChannelCount];
        for (int p = 0; p < pools.Length; p++)
        {
            for (int ch = 0; ch < GroupLayout.ChannelCount; ch++)
            {
                covers[p, ch] = pools[p].Covers((Channel)ch);
            }
        }
        return covers;
    }

    /// <summary>round(amount x cumulative / total), halves up; exact in 128-bit integers.</summary>
    private static long Share(Int128 amount, long cumulative, long total) =>
        (long)((2 * amount * cumulative + total) / (2 * (Int128)total));

    private static void CheckRates(CostModel model, GroupLayout layout, long[] groups, int stride)
    {
        for (int ch = 0; ch < GroupLayout.ChannelCount; ch++)
        {
            CheckRates(model, (Channel)ch, groups[layout.ChannelGroup(ch) * stride + CostSlots.Contacts]);
        }
    }

    internal static void CheckRates(CostModel model, Channel channel, long contacts)
    {
        if (contacts > 0 && model.RatesOf(channel) is null)
        {
            throw new ArgumentException(
                $"The cost model has no rates for channel '{channel.ToSchemaName()}', which {contacts} contacts use; add them (with zero amounts if the channel really costs nothing).",
                nameof(model));
        }
    }

    private static void CheckPool(OverheadPool pool, long totalWeight)
    {
        if (totalWeight == 0 && pool.Amount.Amount > 0)
        {
            string scope = pool.Channels.IsEmpty ? "any channel" : string.Join(", ", pool.Channels.Select(c => c.ToSchemaName()));
            string what = pool.Basis == OverheadBasis.HandleTime ? "no handle time" : "no contacts";
            throw new ArgumentException($"overhead '{pool.Name}' ({pool.Amount}) has {what} on {scope} to be spread over.", "model");
        }
    }

    private static (int From, int To) Range(int n, int workers, int w) =>
        ((int)((long)n * w / workers), (int)((long)n * (w + 1) / workers));

    private static long[] Sum(long[][] partials)
    {
        var sum = (long[])partials[0].Clone();
        for (int w = 1; w < partials.Length; w++)
        {
            AddInto(sum, partials[w]);
        }
        return sum;
    }

    private static void AddInto(long[] sum, long[] add)
    {
        for (int k = 0; k < sum.Length; k++)
        {
            sum[k] += add[k];
        }
    }

    /// <summary>A channel's rates in micro-units per millisecond and per contact, for the hot loop.</summary>
    internal readonly record struct RowRates(double AgentPerMs, double TelephonyPerMs, double IvrPerMs, long Platform, long Bot)
    {
        public static RowRates[] Of(CostModel model)
        {
            var rates = new RowRates[GroupLayout.ChannelCount];
            foreach (var r in model.Channels)
            {
                rates[(int)r.Channel] = new RowRates(r.AgentMicrosPerMillisecond, r.TelephonyMicrosPerMillisecond, r.IvrMicrosPerMillisecond,
                    Micro.FromMoney(r.PlatformPerContact), Micro.FromMoney(r.BotPerContact));
            }
            return rates;
        }
    }

    /// <summary>One contact's activities in micro-units (each rounded once, half to even) and its handle ms.</summary>
    internal readonly record struct RowCost(long Agent, long Telephony, long Ivr, long Platform, long Bot, long Handle)
    {
        public long Activities => Agent + Telephony + Ivr + Platform + Bot;

        public static RowCost Of(InteractionTable table, RowRates[] rates, int i)
        {
            var r = rates[table.Channel[i]];
            long queue = table.QueueMs[i];
            long handle = (long)table.TalkMs[i] + table.HoldMs[i] + table.AcwMs[i];
            long line = queue + table.TalkMs[i] + table.HoldMs[i];
            return new RowCost(Round(handle * r.AgentPerMs), Round(line * r.TelephonyPerMs), Round(queue * r.IvrPerMs), r.Platform, r.Bot, handle);
        }

        private static long Round(double micros) => (long)Math.Round(micros, MidpointRounding.ToEven);
    }
}
