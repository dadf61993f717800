using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Simulation.Tests;
using ContactMetrics.Tables;
using FluentAssertions;
using NodaTime;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

/// <summary>
/// Invariants on the simulated contact center (3,000 customers, seed 42; every 37th contact stripped of its
/// customer id so the unidentified bucket is exercised): every breakdown adds up to the total exactly, each
/// contact's cost matches a plain decimal reference to the micro-unit, chains match a naive scan and the FCR flags.
/// </summary>
[Collection(SimulationCollection.Name)]
public class CostToServeReconciliationTests(SimulationFixture fixture)
{
    private static readonly OverheadPool Facilities = new("facilities", Eur(123_456.78m), OverheadBasis.HandleTime);
    private static readonly OverheadPool Digital = new("digital platform", Eur(9_999.99m), OverheadBasis.Contacts, [Channel.Chat, Channel.Messaging, Channel.Email]);

    private static CostModel Model() => new(Currency.Eur,
    [
        new ChannelRates(Channel.Phone, Eur(31.7m), 0.32, 0.84, telephonyPerMinute: Eur(0.013m), ivrPerMinute: Eur(0.007m), platformPerContact: Eur(0.11m)),
        new ChannelRates(Channel.Email, Eur(28.9m), 0.3, 0.9, platformPerContact: Eur(0.03m)),
        new ChannelRates(Channel.Chat, Eur(28.9m), 0.3, 0.8, concurrency: 2.3, platformPerContact: Eur(0.07m)),
        new ChannelRates(Channel.Messaging, Eur(28.9m), 0.3, 0.85, concurrency: 3.1, platformPerContact: Eur(0.05m)),
        new ChannelRates(Channel.Social, Eur(33m), 0.3, 0.8, concurrency: 1.5),
        new ChannelRates(Channel.SelfService, Eur(0m), 0, 1, platformPerContact: Eur(0.013m)),
        new ChannelRates(Channel.Chatbot, Eur(0m), 0, 1, botPerContact: Eur(0.41m)),
        new ChannelRates(Channel.Ivr, Eur(0m), 0, 1, telephonyPerMinute: Eur(0.013m), ivrPerMinute: Eur(0.007m)),
    ], [Facilities, Digital]);

    private (Interaction[] Rows, InteractionTable Table) Data()
    {
        var rows = fixture.Small.Interactions.Select((x, k) => k % 37 == 5 ? WithoutCustomer(x) : x).ToArray();
        return (rows, InteractionTable.Create(rows, fixture.Small.Customers));
    }

    private static long Micros(Money m) => (long)(m.Amount * 1_000_000m);

    [Fact]
    public void Compute_SimulatedCenter_EveryBreakdownAddsUpToTheTotalExactly()
    {
        var (rows, table) = Data();
        var result = CostToServeCalculator.Compute(table, Model());
        var total = result.Total.Total;

        result.Contacts.Should().Be(rows.Length);
        Money.Sum(result.ByCustomer.Select(c => c.Cost), Currency.Eur).Should().Be(total);
        result.ByCustomer.Sum(c => c.Contacts).Should().Be(rows.Length);
        result.ByCustomer[^1].CustomerId.Should().BeNull();
        result.ByCustomer[^1].Contacts.Should().Be(rows.Count(r => r.CustomerId is null));
        foreach (var dimension in new[] { CostDimension.Channel, CostDimension.Segment, CostDimension.Reason })
        {
            var groups = result.Groups(dimension);
            Money.Sum(groups.Select(g => g.Cost.Total), Currency.Eur).Should().Be(total, $"the {dimension} costs add up to the total");
            Money.Sum(groups.Select(g => g.ChainCost), Currency.Eur).Should().Be(total, $"the {dimension} chain costs add up to the total");
            groups.Sum(g => g.Chains).Should().Be(result.Chains);
            groups.Sum(g => g.Contacts).Should().Be(rows.Length);
            Money.Sum(groups.Select(g => g.Cost.Overhead), Currency.Eur).Should().Be(result.Total.Overhead);
        }
        // The overheads are spread exactly: 123,456.78 + 9,999.99.
        result.Total.Overhead.Should().Be(Eur(133_456.77m));
        result.Overheads.Select(o => o.Allocated).Should().Equal(Eur(123_456.78m), Eur(9_999.99m));
        // Each contact's cost adds up to the total too.
        Enumerable.Range(0, rows.Length).Sum(i => Micros(result.CostOfContact(i))).Should().Be(Micros(total));
        // The unidentified contacts are their own chains.
        result.ByCustomer[^1].Chains.Should().Be(result.ByCustomer[^1].Contacts);
    }

    [Fact]
    public void Compute_SimulatedCenter_EachContactMatchesADecimalReferenceToTheMicroUnit()
    {
        var (rows, table) = Data();
        var model = new CostModel(Currency.Eur, Model().Channels);
        var result = CostToServeCalculator.Compute(table, model);

        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var rates = model.RatesOf(r.Channel)!;
            // The definitions, in decimal seconds: agent = handle x cost per handled hour / 3600; telephony = (queue + talk + hold) x per minute / 60;
            // IVR = queue x per minute / 60, queue being the time until answered (or until the end when never answered).
            decimal handle = (decimal)(r.Talk + r.Hold + r.AfterCallWork).TotalSeconds;
            decimal queue = (decimal)((r.AnsweredAt ?? r.EndedAt) - r.ArrivedAt).TotalSeconds;
            decimal line = queue + (decimal)(r.Talk + r.Hold).TotalSeconds;
            decimal expected = handle * rates.AgentCostPerHandledHour.Amount / 3600m
                + line * rates.TelephonyPerMinute.Amount / 60m
                + queue * rates.IvrPerMinute.Amount / 60m
                + rates.PlatformPerContact.Amount + rates.BotPerContact.Amount;
            // Three activities each rounded once to a micro-unit.
            result.CostOfContact(i).Amount.Should().BeApproximately(expected, 0.0000016m, $"row {i} ({r.Channel})");
        }
    }

    [Fact]
    public void Compute_SimulatedCenter_ChainsMatchANaiveScanAndTheFcrFlags()
    {
        var (rows, table) = Data();
        var repeat = new RepeatContactOptions(Duration.FromDays(7));
        var result = CostToServeCalculator.Compute(table, Model(), repeat);
        var flags = table.RepeatFlags(repeat, 1);

        var expected = NaiveChains(rows, repeat.Window);
        for (int i = 0; i < rows.Length; i++)
        {
            result.ChainOf(i).Should().Be(expected[i], $"row {i}");
            if ((flags[i] & RepeatContactDetector.Eligible) != 0)
            {
                // A handled contact joins an earlier chain exactly when the FCR rollup counts it as a repeat.
                (result.ChainOf(i) != i).Should().Be((flags[i] & RepeatContactDetector.IsRepeat) != 0, $"row {i}");
            }
        }
        result.Chains.Should().Be(expected.Where((root, i) => root == i).Count());
        result.Chains.Should().BeLessThan(rows.Length, "the simulated center has repeat contacts");
    }

    [Fact]
    public void Compute_ManyWorkers_SameResultAsOne()
    {
        var (_, table) = Data();
        var one = CostToServeCalculator.Compute(table, Model(), null, 1, minRowsPerWorker: 1);
        var four = CostToServeCalculator.Compute(table, Model(), null, 4, minRowsPerWorker: 1);

        four.Total.Should().Be(one.Total);
        four.ByChannel.Should().Equal(one.ByChannel);
        four.BySegment.Should().Equal(one.BySegment);
        four.ByReason.Should().Equal(one.ByReason);
        four.ByCustomer.Should().Equal(one.ByCustomer);
        Enumerable.Range(0, table.Count).Should().OnlyContain(i => four.CostOfContact(i) == one.CostOfContact(i));
    }

    [Fact]
    public void Compute_SimulatedCenter_GroupsWithinACentOfTheRowOrderSharesAndAMicroUnitOfTheProportionalShare()
    {
        // Before the overheads were spread over groups, a group's cost was the sum of its contacts' costs, each with its
        // share in row order: those are still CostOfContact. The group's own figure now depends only on its weights.
        var (rows, table) = Data();
        var model = Model();
        var result = CostToServeCalculator.Compute(table, model);
        var byChannel = result.ByChannel.ToDictionary(g => g.Key);
        var rowSums = new Dictionary<string, decimal>();
        var chainRowSums = new Dictionary<string, decimal>();
        var weights = new Dictionary<string, decimal[]>();
        decimal[] totals = new decimal[2];
        for (int i = 0; i < rows.Length; i++)
        {
            string key = rows[i].Channel.ToSchemaName();
            string root = rows[result.ChainOf(i)].Channel.ToSchemaName();
            rowSums[key] = rowSums.GetValueOrDefault(key) + result.CostOfContact(i).Amount;
            chainRowSums[root] = chainRowSums.GetValueOrDefault(root) + result.CostOfContact(i).Amount;
            var w = weights.TryGetValue(key, out var found) ? found : weights[key] = new decimal[2];
            decimal handle = (decimal)Math.Floor((rows[i].Talk).TotalMilliseconds) + (decimal)Math.Floor(rows[i].Hold.TotalMilliseconds) + (decimal)Math.Floor(rows[i].AfterCallWork.TotalMilliseconds);
            decimal digital = Digital.Covers(rows[i].Channel) ? 1 : 0;
            w[0] += handle;
            w[1] += digital;
            totals[0] += handle;
            totals[1] += digital;
        }
        foreach (var (key, group) in byChannel)
        {
            group.Cost.Total.Amount.Should().BeApproximately(rowSums[key], 0.01m, $"channel {key}: within a cent of the row-order shares");
            group.ChainCost.Amount.Should().BeApproximately(chainRowSums[key], 0.01m, $"chains started on {key}");
            // Hand rule: M W_g / W for each pool, each share within half a micro-unit of it plus the telescoping's half.
            decimal proportional = Facilities.Amount.Amount * weights[key][0] / totals[0] + Digital.Amount.Amount * weights[key][1] / totals[1];
            group.Cost.Overhead.Amount.Should().BeApproximately(proportional, 0.000002m, $"channel {key}: the proportional overhead");
        }
        var customerRowSums = new Dictionary<string, decimal>();
        for (int i = 0; i < rows.Length; i++)
        {
            string key = rows[i].CustomerId?.Value ?? CostToServeResult.UnidentifiedKey;
            customerRowSums[key] = customerRowSums.GetValueOrDefault(key) + result.CostOfContact(i).Amount;
        }
        result.ByCustomer.Should().OnlyContain(c => Math.Abs(c.Cost.Amount - customerRowSums[c.Key]) <= 0.01m);
    }

    [Fact]
    public void Compute_RowsInAnotherOrder_SameGroupsAndCustomers()
    {
        // The groups depend on sums only: the table read backwards gives the same figures (chains are formed in time order).
        var (rows, table) = Data();
        var reversed = InteractionTable.Create(rows.Reverse(), fixture.Small.Customers);
        var forward = CostToServeCalculator.Compute(table, Model());
        var backward = CostToServeCalculator.Compute(reversed, Model());

        backward.Overall.Should().Be(forward.Overall);
        backward.ByChannel.Should().Equal(forward.ByChannel);
        backward.ByReason.Should().Equal(forward.ByReason);
        backward.BySegment.Should().Equal(forward.BySegment);
        backward.ByCustomer.Should().Equal(forward.ByCustomer);
        forward.Total.Overhead.Should().Be(Eur(133_456.77m));
    }

    /// <summary>
    /// The chain definition by brute force: an inbound agent-channel contact of an identified customer joins the chain of the
    /// latest earlier (by arrival, then row) answered such contact of the same customer and reason within the window.
    /// </summary>
    private static int[] NaiveChains(Interaction[] rows, Duration window)
    {
        bool InScope(Interaction x) => x.CustomerId is not null && x.Direction == Direction.Inbound && x.Channel.IsAgentHandled();
        var root = Enumerable.Range(0, rows.Length).ToArray();
        var order = Enumerable.Range(0, rows.Length).Where(i => InScope(rows[i])).OrderBy(i => rows[i].ArrivedAt).ThenBy(i => i).ToArray();
        var byCustomer = order.GroupBy(i => rows[i].CustomerId!.Value.Value);
        foreach (var group in byCustomer)
        {
            var list = group.ToArray();
            for (int b = 0; b < list.Length; b++)
            {
                var j = rows[list[b]];
                for (int a = b - 1; a >= 0; a--)
                {
                    var i = rows[list[a]];
                    if (j.ArrivedAt - i.ArrivedAt > window)
                    {
                        break;
                    }
                    if (i.IsAnswered && i.Reason is not null && i.Reason == j.Reason)
                    {
                        root[list[b]] = root[list[a]];
                        break;
                    }
                }
            }
        }
        return root;
    }
}
