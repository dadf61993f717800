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
/// A contact's cost is the sum of its activities, each rounded once to a millionth of the currency unit
/// (<c>agent = handle ms x agent cost per handled ms</c>, <c>telephony = (queue + talk + hold) ms x rate</c>,
/// <c>IVR = queue ms x rate</c>, plus the per-contact fees), plus its share of each overhead. An overhead of
/// amount M spread over weights w (handle ms, or 1 per contact) gives the k-th contact in scope
/// <c>round(M C_k / W) - round(M C_(k-1) / W)</c> with C the running sum of weights and W their total: the
/// shares telescope to exactly M and each is within one micro-unit of <c>M w_k / W</c>.
/// Every aggregate is then a sum of integers, so all breakdowns reconcile to the micro-unit whatever
/// the grouping or the number of workers.
/// </para>
/// <para>
/// Chains follow the first-contact-resolution definition of the KPIs (<see cref="RepeatContactOptions"/>:
/// same customer, same reason by default, within the window): a contact that repeats an earlier handled
/// contact joins that contact's chain, so a chain's cost is what the issue cost until no repeat
/// followed — the cost per resolution. Contacts outside the FCR scope (outbound, self-service, bot, IVR,
/// no customer id) are chains of their own.
/// </para>
/// <para>
/// Three passes over the columns (activities, overheads, chains) and one repeat-chain scan; memory is one
/// long and one int per row plus slots per group; no per-row allocation.
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

        // Pass 1: activities of each row, group sums, and each worker's overhead weights.
        var costs = new long[n];
        var partials = new long[workers][];
        var weights = new long[workers, pools.Length];
        var counts = new long[workers, pools.Length];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            var slots = new long[layout.Groups * CostSlots.Count];
            var (from, to) = Range(n, workers, w);
            ActivityPass(table, layout, rates, pools, costs, slots, from, to, weights, counts, w);
            partials[w] = slots;
        });
        var groups = Sum(partials);
        CheckRates(model, layout, groups);

        // Pass 2: overheads, each row's share from the running weight at the start of its worker's range.
        var allocations = ImmutableArray.CreateBuilder<OverheadAllocation>(pools.Length);
        if (pools.Length > 0)
        {
            var totals = new long[pools.Length];
            var startWeights = new long[workers, pools.Length];
            var poolContacts = new long[pools.Length];
            for (int p = 0; p < pools.Length; p++)
            {
                for (int w = 0; w < workers; w++)
                {
                    startWeights[w, p] = totals[p];
                    totals[p] += weights[w, p];
                    poolContacts[p] += counts[w, p];
                }
                CheckPool(pools[p], totals[p]);
            }
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
            {
                Array.Clear(partials[w]);
                var (from, to) = Range(n, workers, w);
                OverheadPass(table, layout, pools, totals, startWeights, costs, partials[w], from, to, w);
            });
            AddInto(groups, Sum(partials));
            for (int p = 0; p < pools.Length; p++)
            {
                allocations.Add(new OverheadAllocation(pools[p], poolContacts[p], pools[p].Amount));
            }
        }

        // Pass 3: chains and customers.
        var chainOf = table.RepeatChains(repeat, degree);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = degree }, w =>
        {
            Array.Clear(partials[w]);
            var (from, to) = Range(n, workers, w);
            ChainPass(table, layout, chainOf, costs, partials[w], from, to);
        });
        AddInto(groups, Sum(partials));
        var customers = CustomerCosts(table, chainOf, costs, model.Currency);

        return new CostToServeResult(
            model,
            repeat,
            costs,
            chainOf,
            Overall(groups, layout, model.Currency),
            layout.ChannelGroups(groups, model.Currency),
            layout.SegmentGroups(groups, model.Currency),
            layout.ReasonGroups(groups, model.Currency),
            customers,
            allocations.MoveToImmutable());
    }

    private static void ActivityPass(InteractionTable table, GroupLayout layout, RowRates[] rates, ImmutableArray<OverheadPool> pools,
        long[] costs, long[] slots, int from, int to, long[,] weights, long[,] counts, int worker)
    {
        var channel = table.Channel;
        var talk = table.TalkMs;
        var hold = table.HoldMs;
        var acw = table.AcwMs;
        var queue = table.QueueMs;
        var covers = Coverage(pools);
        var poolWeights = new long[pools.Length];
        var poolCounts = new long[pools.Length];
        for (int i = from; i < to; i++)
        {
            int ch = channel[i];
            var r = rates[ch];
            long handle = (long)talk[i] + hold[i] + acw[i];
            long line = queue[i] + talk[i] + hold[i];
            long agent = (long)Math.Round(handle * r.AgentPerMs, MidpointRounding.ToEven);
            long telephony = (long)Math.Round(line * r.TelephonyPerMs, MidpointRounding.ToEven);
            long ivr = (long)Math.Round(queue[i] * r.IvrPerMs, MidpointRounding.ToEven);
            long cost = agent + telephony + ivr + r.Platform + r.Bot;
            costs[i] = cost;
            AddActivities(slots, layout.ChannelGroup(ch), agent, telephony, ivr, r, cost, handle);
            AddActivities(slots, layout.ReasonGroup(i), agent, telephony, ivr, r, cost, handle);
            AddActivities(slots, layout.SegmentGroup(i), agent, telephony, ivr, r, cost, handle);
            for (int p = 0; p < pools.Length; p++)
            {
                if (covers[p, ch])
                {
                    long weight = pools[p].Basis == OverheadBasis.HandleTime ? handle : 1;
                    poolWeights[p] += weight;
                    poolCounts[p] += weight > 0 ? 1 : 0;
                }
            }
        }
        for (int p = 0; p < pools.Length; p++)
        {
            weights[worker, p] = poolWeights[p];
            counts[worker, p] = poolCounts[p];
        }
    }

    private static void AddActivities(long[] slots, int group, long agent, long telephony, long ivr, RowRates r, long cost, long handle)
    {
        int s = group * CostSlots.Count;
        slots[s + CostSlots.Agent] += agent;
        slots[s + CostSlots.Telephony] += telephony;
        slots[s + CostSlots.Ivr] += ivr;
        slots[s + CostSlots.Platform] += r.Platform;
        slots[s + CostSlots.Bot] += r.Bot;
        slots[s + CostSlots.Cost] += cost;
        slots[s + CostSlots.Contacts]++;
        slots[s + CostSlots.HandleMs] += handle;
    }

    private static void AddShare(long[] slots, int group, long share)
    {
        int s = group * CostSlots.Count;
        slots[s + CostSlots.Overhead] += share;
        slots[s + CostSlots.Cost] += share;
    }

    private static void AddChain(long[] slots, int group, long cost, bool starts)
    {
        int s = group * CostSlots.Count;
        slots[s + CostSlots.ChainCost] += cost;
        slots[s + CostSlots.Chains] += starts ? 1 : 0;
    }

    private static void OverheadPass(InteractionTable table, GroupLayout layout, ImmutableArray<OverheadPool> pools, long[] totals,
        long[,] startWeights, long[] costs, long[] slots, int from, int to, int worker)
    {
        var channel = table.Channel;
        var talk = table.TalkMs;
        var hold = table.HoldMs;
        var acw = table.AcwMs;
        var covers = Coverage(pools);
        for (int p = 0; p < pools.Length; p++)
        {
            var pool = pools[p];
            long total = totals[p];
            if (total == 0)
            {
                continue;
            }
            Int128 amount = Micro.FromMoney(pool.Amount);
            long cumulative = startWeights[worker, p];
            long previous = Share(amount, cumulative, total);
            bool byHandle = pool.Basis == OverheadBasis.HandleTime;
            for (int i = from; i < to; i++)
            {
                if (!covers[p, channel[i]])
                {
                    continue;
                }
                long weight = byHandle ? (long)talk[i] + hold[i] + acw[i] : 1;
                if (weight == 0)
                {
                    continue;
                }
                cumulative += weight;
                long next = Share(amount, cumulative, total);
                long share = next - previous;
                previous = next;
                costs[i] += share;
                AddShare(slots, layout.ChannelGroup(channel[i]), share);
                AddShare(slots, layout.ReasonGroup(i), share);
                AddShare(slots, layout.SegmentGroup(i), share);
            }
        }
    }

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

    private static void ChainPass(InteractionTable table, GroupLayout layout, int[] chainOf, long[] costs, long[] slots, int from, int to)
    {
        var channel = table.Channel;
        for (int i = from; i < to; i++)
        {
            int root = chainOf[i];
            long cost = costs[i];
            bool starts = root == i;
            AddChain(slots, layout.ChannelGroup(channel[root]), cost, starts);
            AddChain(slots, layout.ReasonGroup(root), cost, starts);
            AddChain(slots, layout.SegmentGroup(root), cost, starts);
        }
    }

    private static ImmutableArray<CustomerCost> CustomerCosts(InteractionTable table, int[] chainOf, long[] costs, Currency currency)
    {
        int customers = table.Customers.Count;
        var cost = new long[customers + 1];
        var contacts = new long[customers + 1];
        var chains = new long[customers + 1];
        var customer = table.Customer;
        for (int i = 0; i < costs.Length; i++)
        {
            int c = customer[i] < 0 ? customers : customer[i];
            cost[c] += costs[i];
            contacts[c]++;
            chains[c] += chainOf[i] == i ? 1 : 0;
        }
        int rows = contacts[customers] > 0 ? customers + 1 : customers;
        var result = new CustomerCost[rows];
        for (int c = 0; c < rows; c++)
        {
            CustomerId? id = c < customers ? new CustomerId(table.Customers[c]) : null;
            result[c] = new CustomerCost(id, contacts[c], chains[c], Micro.ToMoney(cost[c], currency));
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static CostGroup Overall(long[] groups, GroupLayout layout, Currency currency)
    {
        // Every row is in exactly one channel group, so the channel groups add up to the whole.
        var all = new long[CostSlots.Count];
        for (int ch = 0; ch < GroupLayout.ChannelCount; ch++)
        {
            for (int k = 0; k < CostSlots.Count; k++)
            {
                all[k] += groups[layout.ChannelGroup(ch) * CostSlots.Count + k];
            }
        }
        return GroupLayout.ToGroup("all", all, currency);
    }

    private static void CheckRates(CostModel model, GroupLayout layout, long[] groups)
    {
        for (int ch = 0; ch < GroupLayout.ChannelCount; ch++)
        {
            long contacts = groups[layout.ChannelGroup(ch) * CostSlots.Count + CostSlots.Contacts];
            if (contacts > 0 && model.RatesOf((Channel)ch) is null)
            {
                throw new ArgumentException(
                    $"The cost model has no rates for channel '{((Channel)ch).ToSchemaName()}', which {contacts} contacts use; add them (with zero amounts if the channel really costs nothing).",
                    nameof(model));
            }
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
    private readonly record struct RowRates(double AgentPerMs, double TelephonyPerMs, double IvrPerMs, long Platform, long Bot)
    {
        public static RowRates[] Of(CostModel model)
        {
            var rates = new RowRates[GroupLayout.ChannelCount];
            foreach (var r in model.Channels)
            {
                rates[(int)r.Channel] = new RowRates(
                    PerMs(r.AgentCostPerHandledHour.Amount, 3_600_000m),
                    PerMs(r.TelephonyPerMinute.Amount, 60_000m),
                    PerMs(r.IvrPerMinute.Amount, 60_000m),
                    Micro.FromMoney(r.PlatformPerContact),
                    Micro.FromMoney(r.BotPerContact));
            }
            return rates;
        }

        private static double PerMs(decimal amount, decimal msPerUnit) => (double)(amount * Micro.PerUnit / msPerUnit);
    }
}
