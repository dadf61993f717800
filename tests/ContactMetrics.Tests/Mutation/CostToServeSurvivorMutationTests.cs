using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests for the survivors of run CostToServe2 in the row calculator and its group layout (issue #14 item 9,
/// docs/testing.md "CostToServe"). The four contacts are CostFixtures.FourContacts, priced by hand in
/// CostToServeCalculatorTests: row 0 phone C1 (retail) billing 5.18 EUR (handle 360 s), row 1 chat C1 billing 5.05 (720 s,
/// a repeat of row 0), row 2 chatbot without customer or reason 0.50 (talk 120 s), row 3 phone C2 (no segment) delivery,
/// abandoned, 0.145 (no handle time); 10.875 in all.
/// </summary>
public class CostToServeCalculatorSurvivorMutationTests
{
    private static InteractionTable Table() => InteractionTable.Create(FourContacts(), TwoCustomers());

    /// <summary>100 EUR spread by handle time over every channel: W = 360 + 720 + 120 + 0 = 1,200 s.</summary>
    private static readonly OverheadPool Facilities = new("facilities", Eur(100m), OverheadBasis.HandleTime);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void HandleTimeOverhead_OneOrThreeWorkers_HandComputedContactsGroupsChainsAndCustomers(int workers)
    {
        // Three workers over the four rows (rows per worker lowered to 1): rows [0, 1), [1, 2), [2, 4).
        var result = CostToServeCalculator.Compute(Table(), SmallModel(Facilities), null, workers, minRowsPerWorker: 1);

        // Each contact's share in row order, running weights 360, 1,080, 1,200 of 1,200 s (handle = talk + hold + ACW):
        // round(100 x 360 / 1200) = 30, then 90 - 30 = 60, 100 - 90 = 10, 0 for the abandoned call.
        Enumerable.Range(0, 4).Select(result.CostOfContact).Should().Equal(Eur(35.18m), Eur(65.05m), Eur(10.50m), Eur(0.145m));
        // Channels own: phone 360 s -> 30, chat 720 s -> 60, chatbot 120 s -> 10.
        result.ByChannel.Select(g => (g.Key, g.Cost.Overhead, g.Cost.Total)).Should().Equal(
            ("phone", Eur(30m), Eur(35.325m)), ("chat", Eur(60m), Eur(65.05m)), ("chatbot", Eur(10m), Eur(10.50m)));
        // Chains by the channel they started on: phone's chains hold rows 0, 1 and 3 (1,080 s -> 90), chatbot's row 2
        // (120 s -> 10): 10.375 + 90 and 0.50 + 10.
        result.ByChannel.Select(g => g.ChainCost).Should().Equal(Eur(100.375m), Eur(0m), Eur(10.50m));
        // Customers by id, then the unidentified: C1 1,080 s -> 90, C2 none, unidentified 120 s -> 10.
        result.ByCustomer.Select(c => (c.Key, c.Cost)).Should().Equal(
            ("C1", Eur(100.23m)), ("C2", Eur(0.145m)), (CostToServeResult.UnidentifiedKey, Eur(10.50m)));
        result.Overall.Key.Should().Be("all");
        result.Total.Total.Should().Be(Eur(110.875m));
    }

    [Fact]
    public void Segments_NamedThenNoSegmentThenUnidentified_EachWithItsOwnContacts()
    {
        // retail: rows 0 and 1 (10.23); no segment: C2's row 3 (0.145); unidentified: row 2 (0.50).
        var result = CostToServeCalculator.Compute(Table(), SmallModel(), maxDegreeOfParallelism: 1);

        result.BySegment.Select(g => (g.Key, g.Contacts, g.Cost.Total)).Should().Equal(
            ("retail", 2L, Eur(10.23m)), (CostToServeResult.NoSegmentKey, 1L, Eur(0.145m)), (CostToServeResult.UnidentifiedKey, 1L, Eur(0.50m)));
    }

    [Fact]
    public void NoContactOfTheNamedSegment_NoSegmentAndUnidentifiedStillListed()
    {
        // Rows 2 and 3 alone: C1 (retail) has no contact, so the retail group is empty; C2's call (no segment, 0.145) and the
        // chatbot conversation (unidentified, 0.50) each have their bucket.
        var rows = FourContacts();
        var result = CostToServeCalculator.Compute(InteractionTable.Create([rows[2], rows[3]], TwoCustomers()), SmallModel(), maxDegreeOfParallelism: 1);

        result.BySegment.Select(g => (g.Key, g.Cost.Total)).Should().Equal(
            (CostToServeResult.NoSegmentKey, Eur(0.145m)), (CostToServeResult.UnidentifiedKey, Eur(0.50m)));
    }

    [Fact]
    public void NoPhoneContacts_TheOtherChannelsReasonsAndSegmentsAreListed()
    {
        // Rows 1 and 2 alone (no contact on channel 0, phone): chat C1 billing 5.05, chatbot 0.50.
        var rows = FourContacts();
        var result = CostToServeCalculator.Compute(InteractionTable.Create([rows[1], rows[2]], TwoCustomers()), SmallModel(), maxDegreeOfParallelism: 1);

        result.ByChannel.Select(g => (g.Key, g.Cost.Total)).Should().Equal(("chat", Eur(5.05m)), ("chatbot", Eur(0.50m)));
        result.ByReason.Select(g => (g.Key, g.Cost.Total)).Should().Equal(("billing", Eur(5.05m)), (CostToServeResult.NoReasonKey, Eur(0.50m)));
        result.BySegment.Select(g => (g.Key, g.Cost.Total)).Should().Equal(("retail", Eur(5.05m)), (CostToServeResult.UnidentifiedKey, Eur(0.50m)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void DegreeOfParallelism_ZeroOrBelow_RunsOneWorker(int degree)
    {
        // Math.Max(1, degree): the same 10.875 as one worker.
        CostToServeCalculator.Compute(Table(), SmallModel(), maxDegreeOfParallelism: degree).Total.Total.Should().Be(Eur(10.875m));
    }

    [Fact]
    public void NullTableOrModel_ThrowArgumentNullNamingIt()
    {
        var noTable = () => CostToServeCalculator.Compute(null!, SmallModel());
        var noModel = () => CostToServeCalculator.Compute(Table(), null!);

        noTable.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("table");
        noModel.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("model");
    }

    [Fact]
    public void OverheadOnEveryChannelWithNoHandleTime_SaysAnyChannel_ForTheModel()
    {
        // Only the abandoned call (row 3): no handle time on any channel to spread the facilities over.
        var act = () => CostToServeCalculator.Compute(InteractionTable.Create([FourContacts()[3]], TwoCustomers()), SmallModel(Facilities));

        act.Should().Throw<ArgumentException>().WithMessage("overhead 'facilities' (*100*) has no handle time on any channel to be spread over.*")
            .Which.ParamName.Should().Be("model");
    }
}

/// <summary>
/// Tests for the survivors of run CostToServe2 in <see cref="CostToServeCalculator.FromCells"/>'s sums (GroupSums.cs): cells
/// of two contacts, a cell without contacts, a negative count of contacts with handle time, the repeat definition given,
/// and the name of each breakdown that misses a contact.
/// </summary>
public class CostToServeCellsSurvivorMutationTests
{
    /// <summary>
    /// Two phone calls abandoned after 90 s (telephony 2 x 0.015 = 0.03 EUR, IVR 2 x 0.03 = 0.06 EUR, as row 3 of
    /// CostFixtures.FourContacts) and two chatbot conversations of 120 s, none with a customer id or reason; each contact
    /// starts its chain. One cell per channel and breakdown, in the order channels, channels by chain start, reasons,
    /// reasons by chain start, segments, segments by chain start, customers.
    /// </summary>
    private static List<CostCell> TwoAndTwo()
    {
        var cells = new List<CostCell>();
        foreach (var (dimension, byChainStart) in new[]
        {
            (CostDimension.Channel, false), (CostDimension.Channel, true), (CostDimension.Reason, false), (CostDimension.Reason, true),
            (CostDimension.Segment, false), (CostDimension.Segment, true), (CostDimension.Customer, false),
        })
        {
            cells.Add(new CostCell(dimension, byChainStart, dimension == CostDimension.Channel ? "phone" : null, false, Channel.Phone, 2, 0, 0, 0, 30_000, 60_000, 2));
            cells.Add(new CostCell(dimension, byChainStart, dimension == CostDimension.Channel ? "chatbot" : null, false, Channel.Chatbot, 2, 2, 240_000, 0, 0, 0, 2));
        }
        return cells;
    }

    [Fact]
    public void CellsOfTwoContacts_PerContactFeesCountedTwice()
    {
        // Phone: platform 2 x 0.10 = 0.20 + telephony 0.03 + IVR 0.06 = 0.29; chatbot: bot 2 x 0.50 = 1.00. Total 1.29.
        var result = CostToServeCalculator.FromCells(SmallModel(), TwoAndTwo());

        result.ByChannel.Select(g => (g.Key, g.Contacts, g.Cost.Platform, g.Cost.Bot, g.Cost.Total)).Should().Equal(
            ("phone", 2L, Eur(0.20m), Eur(0m), Eur(0.29m)), ("chatbot", 2L, Eur(0m), Eur(1.00m), Eur(1.00m)));
        result.Total.Total.Should().Be(Eur(1.29m));
        result.Chains.Should().Be(4);
    }

    [Fact]
    public void CellWithoutContacts_IsAccepted_AndMakesNoGroup()
    {
        // An email cell of 0 contacts (its channel sorts between phone and chatbot) adds nothing: no email group.
        var cells = TwoAndTwo();
        cells.Add(new CostCell(CostDimension.Channel, false, "email", false, Channel.Email, 0, 0, 0, 0, 0, 0, 0));

        var result = CostToServeCalculator.FromCells(SmallModel(), cells);

        result.ByChannel.Select(g => g.Key).Should().Equal("phone", "chatbot");
        result.Total.Total.Should().Be(Eur(1.29m));
    }

    [Fact]
    public void NegativeContactsWithHandleTime_IsRefused()
    {
        var cells = TwoAndTwo();
        cells[0] = cells[0] with { ContactsWithHandleTime = -1 };

        var act = () => CostToServeCalculator.FromCells(SmallModel(), cells);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "cells")
            .WithMessage("the cell of Channel 'phone' on phone has a negative count or more contacts with handle time or chain starts than contacts.*");
    }

    [Fact]
    public void RepeatDefinitionGiven_IsTheResultsOne()
    {
        var repeat = new RepeatContactOptions(Duration.FromDays(3), sameReason: false);

        CostToServeCalculator.FromCells(SmallModel(), TwoAndTwo(), repeat).Repeat.Should().BeSameAs(repeat);
        CostToServeCalculator.FromCells(SmallModel(), TwoAndTwo()).Repeat.Should().Be(new RepeatContactOptions());
    }

    [Theory]
    [InlineData(3, "channels by chain start")]
    [InlineData(5, "reasons")]
    [InlineData(7, "reasons by chain start")]
    [InlineData(9, "segments")]
    [InlineData(11, "segments by chain start")]
    public void BreakdownWithoutTheChatbotCell_IsNamed(int chatbotCell, string breakdown)
    {
        // Cell 2k + 1 is the chatbot's of the k-th breakdown: without it that breakdown holds the 2 phone calls of 4.
        var cells = TwoAndTwo();
        cells.RemoveAt(chatbotCell);

        var act = () => CostToServeCalculator.FromCells(SmallModel(), cells);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "cells")
            .WithMessage($"the cells of the {breakdown} hold 2 contacts, those of the channels 4; every breakdown must hold every contact once.*");
    }
}

/// <summary>Tests for the survivors of run CostToServe2 in CustomerProfitability: the value-table overload and the map overload's null costs.</summary>
public class CostToServeProfitabilitySurvivorMutationTests
{
    private static CostToServeResult Costs() =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel(), maxDegreeOfParallelism: 1);

    [Fact]
    public void FromValueTable_ProfitPerCustomer_AndTheTablesSource()
    {
        // C1 worth 20 EUR costs 10.23: 9.77; C2 worth 1 EUR costs 0.145: 0.855.
        var values = CustomerValueTable.Create([new CustomerId("C1"), new CustomerId("C2")], [Eur(20m), Eur(1m)], Currency.Eur, "clv model");

        var p = CustomerProfitability.Compute(Costs(), values);

        p.ValueSource.Should().Be("clv model");
        p.Customers.Select(c => (c.CustomerId.Value, c.Profit)).Should().BeEquivalentTo([("C1", Eur(9.77m)), ("C2", Eur(0.855m))]);
    }

    [Fact]
    public void FromValueTable_NullsAndAnotherCurrency_AreRefusedNamingTheArgument()
    {
        var usd = CustomerValueTable.Create([new CustomerId("C1")], [new Money(5m, Currency.Usd)], Currency.Usd, "usd values");
        var eur = CustomerValueTable.Create([new CustomerId("C1")], [Eur(5m)], Currency.Eur, "eur values");

        FluentActions.Invoking(() => CustomerProfitability.Compute(null!, eur)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("costs");
        FluentActions.Invoking(() => CustomerProfitability.Compute(Costs(), (CustomerValueTable)null!)).Should().Throw<ArgumentNullException>()
            .Which.ParamName.Should().Be("values");
        FluentActions.Invoking(() => CustomerProfitability.Compute(Costs(), usd)).Should().Throw<ArgumentException>()
            .WithMessage("The value table (usd values) is in USD but the costs are in EUR.*").Which.ParamName.Should().Be("values");
        FluentActions.Invoking(() => CustomerProfitability.Compute(null!, new Dictionary<CustomerId, Money>(), "map")).Should().Throw<ArgumentNullException>()
            .Which.ParamName.Should().Be("costs");
    }
}
