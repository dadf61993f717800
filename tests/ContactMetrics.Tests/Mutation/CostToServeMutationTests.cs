using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests added where Stryker.NET's mutants of the CostToServe namespace survived (issue #14 item 9, docs/testing.md).
/// <see cref="CostToServeCalculator.FromCells"/> had no test in the core suite (only the SQL suite reaches it): here the
/// cells of the hand-computed four contacts (CostFixtures.FourContacts, priced in CostToServeCalculatorTests) must give
/// the hand-computed figures and every group of <see cref="CostToServeCalculator.Compute(InteractionTable, CostModel, RepeatContactOptions?, int?)"/>.
/// </summary>
public class CostToServeMutationTests
{
    /// <summary>
    /// The four contacts as the calculator prices them (CostToServeCalculatorTests, hand computations):
    /// row 0 phone C1 (retail) billing, handle 360 s, agent 5.00, telephony 0.06, IVR 0.02, starts chain 0;
    /// row 1 chat C1 (retail) billing, handle 720 s, agent 5.00, a repeat in chain 0 (root: phone, billing, retail);
    /// row 2 chatbot, no customer, no reason, handle 120 s, no activity cost, starts its chain;
    /// row 3 phone C2 (no segment) delivery, abandoned: no handle time, telephony 0.015, IVR 0.03, starts its chain.
    /// </summary>
    private static readonly Row[] Rows =
    [
        new(Channel.Phone, "C1", "retail", "billing", 360_000, 5_000_000, 60_000, 20_000, Root: 0),
        new(Channel.Chat, "C1", "retail", "billing", 720_000, 5_000_000, 0, 0, Root: 0),
        new(Channel.Chatbot, null, null, null, 120_000, 0, 0, 0, Root: 2),
        new(Channel.Phone, "C2", null, "delivery", 0, 0, 15_000, 30_000, Root: 3),
    ];

    private sealed record Row(Channel Channel, string? Customer, string? Segment, string? Reason, long HandleMs, long Agent, long Telephony, long Ivr, int Root);

    /// <summary>One cell per row and breakdown (cells of one group and channel are added up by FromCells).</summary>
    private static List<CostCell> Cells()
    {
        var cells = new List<CostCell>();
        for (int i = 0; i < Rows.Length; i++)
        {
            var row = Rows[i];
            var root = Rows[row.Root];
            CostCell Cell(CostDimension dimension, bool byChainStart, Row of, string? key) => new(dimension, byChainStart, key, of.Customer is not null,
                row.Channel, 1, row.HandleMs > 0 ? 1 : 0, row.HandleMs, row.Agent, row.Telephony, row.Ivr, row.Root == i ? 1 : 0);
            cells.Add(Cell(CostDimension.Channel, false, row, row.Channel.ToSchemaName()));
            cells.Add(Cell(CostDimension.Channel, true, root, root.Channel.ToSchemaName()));
            cells.Add(Cell(CostDimension.Reason, false, row, row.Reason));
            cells.Add(Cell(CostDimension.Reason, true, root, root.Reason));
            cells.Add(Cell(CostDimension.Segment, false, row, row.Segment));
            cells.Add(Cell(CostDimension.Segment, true, root, root.Segment));
            cells.Add(Cell(CostDimension.Customer, false, row, row.Customer));
        }
        return cells;
    }

    private static CostToServeResult OnRows(CostModel model) =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), model, maxDegreeOfParallelism: 1);

    [Fact]
    public void FromCells_FourContacts_GivesTheHandComputedFigures()
    {
        var result = CostToServeCalculator.FromCells(SmallModel(), Cells());

        // CostToServeCalculatorTests: 5.18 + 5.05 + 0.50 + 0.145 = 10.875 over 4 contacts and 3 chains.
        result.Total.Total.Should().Be(Eur(10.875m));
        result.Total.Agent.Should().Be(Eur(10.00m));
        result.Total.Telephony.Should().Be(Eur(0.075m));
        result.Total.Ivr.Should().Be(Eur(0.05m));
        result.Total.Platform.Should().Be(Eur(0.25m));   // 0.10 + 0.05 + 0.10
        result.Total.Bot.Should().Be(Eur(0.50m));
        result.Contacts.Should().Be(4);
        result.Chains.Should().Be(3);
        result.CostPerResolution.Should().Be(Eur(3.625m)); // 10.875 / 3
        result.ByChannel.Select(g => (g.Key, g.Contacts, g.Cost.Total, g.Chains, g.ChainCost)).Should().Equal(
            ("phone", 2L, Eur(5.325m), 2L, Eur(10.375m)), // chain {0, 1}: 10.23; chain {3}: 0.145
            ("chat", 1L, Eur(5.05m), 0L, Eur(0m)),
            ("chatbot", 1L, Eur(0.50m), 1L, Eur(0.50m)));
        result.ByCustomer.Select(c => (c.Key, c.Contacts, c.Chains, c.Cost)).Should().Equal(
            ("C1", 2L, 1L, Eur(10.23m)), ("C2", 1L, 1L, Eur(0.145m)), (CostToServeResult.UnidentifiedKey, 1L, 1L, Eur(0.50m)));
        result.BySegment.Select(g => g.Key).Should().Equal("retail", CostToServeResult.NoSegmentKey, CostToServeResult.UnidentifiedKey);
        result.ByReason.Select(g => g.Key).Should().Equal("billing", "delivery", CostToServeResult.NoReasonKey);
    }

    public static TheoryData<string> Pools => ["none", "handle time", "contacts", "both"];

    private static OverheadPool[] PoolsOf(string name) => name switch
    {
        "handle time" => [new OverheadPool("facilities", Eur(100m), OverheadBasis.HandleTime, [Channel.Phone, Channel.Chat])],
        "contacts" => [new OverheadPool("it", Eur(10m), OverheadBasis.Contacts)],
        "both" => [new OverheadPool("facilities", Eur(100m), OverheadBasis.HandleTime), new OverheadPool("it", Eur(7m), OverheadBasis.Contacts, [Channel.Phone])],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void FromCells_FourContacts_EqualsTheCalculatorOnTheRows(string pools)
    {
        // The calculator on the rows is checked against hand computations in CostToServeCalculatorTests; FromCells documents
        // the same result from the cells.
        var model = SmallModel(PoolsOf(pools));
        var fromCells = CostToServeCalculator.FromCells(model, Cells());
        var fromRows = OnRows(model);

        fromCells.Overall.Should().Be(fromRows.Overall);
        fromCells.ByChannel.Should().Equal(fromRows.ByChannel);
        fromCells.ByReason.Should().Equal(fromRows.ByReason);
        fromCells.BySegment.Should().Equal(fromRows.BySegment);
        fromCells.ByCustomer.Should().Equal(fromRows.ByCustomer);
        fromCells.Overheads.Should().Equal(fromRows.Overheads);
    }

    [Fact]
    public void FromCells_HandleTimeOverhead_SplitsByHandleTime()
    {
        // 100 EUR over phone and chat handle time: 360 s (row 0) and 720 s (row 1) of W = 1,080 s; the abandoned call has none.
        // Channels: phone round(100 x 360 / 1080) = 33.333333, chat 100 - 33.333333 = 66.666667 (CostToServeCalculatorTests).
        var result = CostToServeCalculator.FromCells(SmallModel(PoolsOf("handle time")), Cells());

        result.ByChannel.Select(g => g.Cost.Overhead).Should().Equal(Eur(33.333333m), Eur(66.666667m), Eur(0m));
        result.Overheads.Should().ContainSingle().Which.Contacts.Should().Be(2);
        result.Total.Overhead.Should().Be(Eur(100m));
    }

    [Fact]
    public void FromCells_NoCells_GivesZeros()
    {
        var result = CostToServeCalculator.FromCells(SmallModel(), []);

        result.Contacts.Should().Be(0);
        result.Total.Total.Should().Be(Eur(0m));
        result.ByChannel.Should().BeEmpty();
        result.ByCustomer.Should().BeEmpty();
    }

    public static TheoryData<string, string> BadCells => new()
    {
        { "negative contacts", "*negative count*" },
        { "more with handle time than contacts", "*more contacts with handle time*" },
        { "more chain starts than contacts", "*more contacts with handle time or chain starts*" },
        { "negative handle time", "*negative count*" },
        { "negative agent cost", "*negative count*" },
        { "negative telephony cost", "*negative count*" },
        { "negative IVR cost", "*negative count*" },
        { "channel key of another channel", "*channel cell's key 'chat' is not its channel 'phone'*" },
        { "chain channel key not a channel", "*channel cell's key 'fax' is not a channel's schema name*" },
        { "customer by chain start", "*customer cells are never by chain start*" },
        { "identified customer without id", "*marked identified has no customer id*" },
        { "customer id not identified", "*customer id 'C1' is not marked identified*" },
        { "segment not identified", "*segment cell with the segment 'retail' is not marked identified*" },
        { "undefined dimension", "*undefined dimension 9*" },
        { "undefined channel", "*undefined channel 99*" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void FromCells_InvalidCell_ThrowsNamingTheFault(string fault, string message)
    {
        var cells = Cells();
        var phone = cells[0]; // row 0's own channel cell: phone, 1 contact with 360 s, starts a chain
        cells[0] = fault switch
        {
            "negative contacts" => phone with { Contacts = -1, ContactsWithHandleTime = 0, ChainStarts = 0 },
            "more with handle time than contacts" => phone with { ContactsWithHandleTime = 2 },
            "more chain starts than contacts" => phone with { ChainStarts = 2 },
            "negative handle time" => phone with { HandleMilliseconds = -1 },
            "negative agent cost" => phone with { AgentMicros = -1 },
            "negative telephony cost" => phone with { TelephonyMicros = -1 },
            "negative IVR cost" => phone with { IvrMicros = -1 },
            "channel key of another channel" => phone with { Key = "chat" },
            "chain channel key not a channel" => phone with { ByChainStart = true, Key = "fax" },
            "customer by chain start" => cells[6] with { ByChainStart = true },
            "identified customer without id" => cells[6] with { Key = null },
            "customer id not identified" => cells[6] with { Identified = false },
            "segment not identified" => cells[4] with { Identified = false }, // row 0's segment cell: C1, retail
            "undefined dimension" => phone with { Dimension = (CostDimension)9 },
            "undefined channel" => phone with { Channel = (Channel)99 },
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var act = () => CostToServeCalculator.FromCells(SmallModel(), cells);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "cells").WithMessage(message);
    }

    [Fact]
    public void FromCells_ABreakdownMissingAContact_ThrowsNamingIt()
    {
        // Drop row 3's customer cell (the last added): the customers hold 3 contacts, the channels 4.
        var cells = Cells();
        cells.RemoveAt(cells.Count - 1);

        var act = () => CostToServeCalculator.FromCells(SmallModel(), cells);

        act.Should().Throw<ArgumentException>().WithMessage("*cells of the customers hold 3 contacts, those of the channels 4*");
    }

    [Fact]
    public void FromCells_ChannelWithoutRates_ThrowsNamingTheChannel()
    {
        var model = new CostModel(Currency.Eur, [new ChannelRates(Channel.Phone, Eur(30m), 0.25, 0.8), new ChannelRates(Channel.Chatbot, Eur(0m), 0, 1)]);

        var act = () => CostToServeCalculator.FromCells(model, Cells());

        act.Should().Throw<ArgumentException>().WithMessage("*no rates for channel 'chat', which 1 contacts use*");
    }

    [Fact]
    public void FromCells_OverheadWithNothingToSpreadOver_ThrowsNamingItsScopeAndBasis()
    {
        var byHandle = new OverheadPool("email team", Eur(500m), OverheadBasis.HandleTime, [Channel.Email, Channel.Messaging]);
        var byContacts = new OverheadPool("social", Eur(1m), OverheadBasis.Contacts, [Channel.Social]);

        var handle = () => CostToServeCalculator.FromCells(SmallModel(byHandle), Cells());
        var contacts = () => OnRows(SmallModel(byContacts));

        handle.Should().Throw<ArgumentException>().WithMessage("overhead 'email team' (*500*) has no handle time on email, messaging to be spread over.*");
        contacts.Should().Throw<ArgumentException>().WithMessage("overhead 'social' (*1*) has no contacts on social to be spread over.*");
    }

    [Fact]
    public void FromCells_NullArguments_Throw()
    {
        var noModel = () => CostToServeCalculator.FromCells(null!, Cells());
        var noCells = () => CostToServeCalculator.FromCells(SmallModel(), null!);
        var nullCell = () => CostToServeCalculator.FromCells(SmallModel(), [null!]);

        noModel.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("model");
        noCells.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("cells");
        nullCell.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("cells");
    }
}

/// <summary>The result's accessors at their edges (Stryker.NET survivors in CostToServeResult and CostGroup).</summary>
public class CostToServeResultMutationTests
{
    private static CostToServeResult Compute() =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel(), maxDegreeOfParallelism: 1);

    [Fact]
    public void Groups_EachDimension_IsItsBreakdown()
    {
        var result = Compute();

        result.Groups(CostDimension.Channel).Should().Equal(result.ByChannel);
        result.Groups(CostDimension.Reason).Should().Equal(result.ByReason);
        result.Groups(CostDimension.Segment).Should().Equal(result.BySegment);
        var customers = () => result.Groups(CostDimension.Customer);
        customers.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*customers are in ByCustomer*").Which.ParamName.Should().Be("dimension");
        result.Currency.Should().Be(Currency.Eur);
        result.Repeat.Should().NotBeNull();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void CostOfContactAndChainOf_RowOutsideTheTable_Throw(int row)
    {
        var result = Compute();

        var cost = () => result.CostOfContact(row);
        var chain = () => result.ChainOf(row);

        cost.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("row");
        chain.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("row");
        result.CostOfContact(3).Should().Be(Eur(0.145m)); // the last row (CostToServeCalculatorTests)
        result.ChainOf(3).Should().Be(3);
    }

    [Fact]
    public void CostPerContactAndResolution_RoundedToMicros_NullWithoutChains()
    {
        // Micro.Average: 10 EUR over 3 = 3.333333 (6 decimals, half to even); no chains -> no cost per resolution;
        // no contacts -> a cost per contact of 0.
        var three = new CostGroup("x", 3, NodaTime.Duration.Zero, new CostBreakdown(Eur(10m), Eur(0m), Eur(0m), Eur(0m), Eur(0m), Eur(0m)), 0, Eur(0m));
        var none = three with { Contacts = 0, Chains = 3, ChainCost = Eur(2m) };

        three.CostPerContact.Should().Be(Eur(3.333333m));
        three.CostPerResolution.Should().BeNull();
        none.CostPerContact.Should().Be(Eur(0m));
        none.CostPerResolution.Should().Be(Eur(0.666667m));
        new CustomerCost(null, 1, 0, Eur(1m)).CostPerResolution.Should().BeNull();
        new CustomerCost(new CustomerId("C9"), 2, 2, Eur(1m)).CostPerResolution.Should().Be(Eur(0.5m));
        new CustomerCost(null, 1, 0, Eur(1m)).Key.Should().Be(CostToServeResult.UnidentifiedKey);
        new CostBreakdown(Eur(1m), Eur(2m), Eur(3m), Eur(4m), Eur(5m), Eur(6m)).Total.Should().Be(Eur(21m)); // 1 + ... + 6
    }
}
