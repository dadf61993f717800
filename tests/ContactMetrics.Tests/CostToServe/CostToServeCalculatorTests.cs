using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using FluentAssertions;
using NodaTime;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

public class CostToServeCalculatorTests
{
    private static CostToServeResult Compute(CostModel? model = null, int degree = 1) =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), model ?? SmallModel(), maxDegreeOfParallelism: degree);

    [Fact]
    public void Compute_FourContacts_EachContactCostsItsActivities()
    {
        var result = Compute();

        // Row 0, phone: handle 240 + 60 + 60 = 360 s = 0.1 h x 50 EUR = 5.00; connected 60 + 240 + 60 s = 6 min x 0.01 = 0.06;
        // before answer 60 s = 1 min x 0.02 = 0.02; platform 0.10. Total 5.18.
        result.CostOfContact(0).Should().Be(Eur(5.18m));
        // Row 1, chat at concurrency 2: handle 600 + 120 = 720 s = 0.2 h x 25 EUR = 5.00; platform 0.05. Total 5.05.
        result.CostOfContact(1).Should().Be(Eur(5.05m));
        // Row 2, chatbot: the 0.50 fee only.
        result.CostOfContact(2).Should().Be(Eur(0.50m));
        // Row 3, abandoned phone call after 90 s: connected 1.5 min x 0.01 = 0.015; IVR 1.5 min x 0.02 = 0.03; platform 0.10. Total 0.145.
        result.CostOfContact(3).Should().Be(Eur(0.145m));
    }

    [Fact]
    public void Compute_FourContacts_TotalAndBreakdownByActivity()
    {
        var result = Compute();

        // 5.18 + 5.05 + 0.50 + 0.145 = 10.875.
        result.Total.Total.Should().Be(Eur(10.875m));
        result.Total.Agent.Should().Be(Eur(10.00m));        // 5.00 + 5.00
        result.Total.Telephony.Should().Be(Eur(0.075m));    // 0.06 + 0.015
        result.Total.Ivr.Should().Be(Eur(0.05m));           // 0.02 + 0.03
        result.Total.Platform.Should().Be(Eur(0.25m));      // 0.10 + 0.05 + 0.10
        result.Total.Bot.Should().Be(Eur(0.50m));
        result.Total.Overhead.Should().Be(Eur(0m));
        result.Contacts.Should().Be(4);
        // 10.875 / 4 = 2.71875.
        result.CostPerContact.Should().Be(Eur(2.71875m));
    }

    [Fact]
    public void Compute_RepeatOnAnotherChannel_GoesToTheChainOfTheFirstContact()
    {
        var result = Compute();

        // Row 1 (chat, same customer and reason, 48 h later) repeats row 0; rows 2 (bot, no customer) and 3 start their own.
        result.ChainOf(0).Should().Be(0);
        result.ChainOf(1).Should().Be(0);
        result.ChainOf(2).Should().Be(2);
        result.ChainOf(3).Should().Be(3);
        result.Chains.Should().Be(3);
        // 10.875 / 3 chains = 3.625.
        result.CostPerResolution.Should().Be(Eur(3.625m));

        var phone = result.ByChannel.Single(g => g.Key == "phone");
        phone.Contacts.Should().Be(2);
        phone.Cost.Total.Should().Be(Eur(5.325m));          // 5.18 + 0.145
        phone.CostPerContact.Should().Be(Eur(2.6625m));     // 5.325 / 2
        phone.Chains.Should().Be(2);
        phone.ChainCost.Should().Be(Eur(10.375m));          // chain {0, 1}: 5.18 + 5.05 = 10.23; chain {3}: 0.145
        phone.CostPerResolution.Should().Be(Eur(5.1875m));  // 10.375 / 2

        var chat = result.ByChannel.Single(g => g.Key == "chat");
        chat.Cost.Total.Should().Be(Eur(5.05m));
        chat.Chains.Should().Be(0);
        chat.CostPerResolution.Should().BeNull();
        result.ByChannel.Select(g => g.Key).Should().Equal("phone", "chat", "chatbot");
    }

    [Fact]
    public void Compute_RepeatOutsideTheWindow_StartsANewChain()
    {
        // The chat comes 48 h after the call; with a 1-day window it repeats nothing.
        var table = InteractionTable.Create(FourContacts(), TwoCustomers());
        var result = CostToServeCalculator.Compute(table, SmallModel(), new RepeatContactOptions(Duration.FromDays(1)));

        result.ChainOf(1).Should().Be(1);
        result.Chains.Should().Be(4);
    }

    [Fact]
    public void Compute_FourContacts_CustomersWithAnUnidentifiedBucket()
    {
        var result = Compute();

        result.ByCustomer.Select(c => (c.Key, c.Contacts, c.Chains, c.Cost)).Should().Equal(
            ("C1", 2L, 1L, Eur(10.23m)),
            ("C2", 1L, 1L, Eur(0.145m)),
            (CostToServeResult.UnidentifiedKey, 1L, 1L, Eur(0.50m)));
        result.ByCustomer[2].CustomerId.Should().BeNull();
        result.ByCustomer[0].CostPerResolution.Should().Be(Eur(10.23m));
    }

    [Fact]
    public void Compute_FourContacts_SegmentsAndReasons()
    {
        var result = Compute();

        // C1 is retail; C2 has no segment; the bot contact has no customer.
        result.BySegment.Select(g => (g.Key, g.Cost.Total)).Should().Equal(
            ("retail", Eur(10.23m)),
            (CostToServeResult.NoSegmentKey, Eur(0.145m)),
            (CostToServeResult.UnidentifiedKey, Eur(0.50m)));
        result.ByReason.Select(g => (g.Key, g.Cost.Total, g.Chains, g.ChainCost)).Should().Equal(
            ("billing", Eur(10.23m), 1L, Eur(10.23m)),
            ("delivery", Eur(0.145m), 1L, Eur(0.145m)),
            (CostToServeResult.NoReasonKey, Eur(0.50m), 1L, Eur(0.50m)));
        result.Groups(CostDimension.Segment).Should().Equal(result.BySegment);
    }

    [Fact]
    public void Compute_OverheadByHandleTime_SplitsInProportionAndAddsUpExactly()
    {
        var pool = new OverheadPool("facilities", Eur(100m), OverheadBasis.HandleTime, [Channel.Phone, Channel.Chat]);
        var result = Compute(SmallModel(pool));

        // Handle time in scope: row 0 360 s, row 1 720 s, row 3 none (W = 1,080 s).
        // Row 0: round(100 x 360 / 1080) = 33.333333; row 1: 100 - 33.333333 = 66.666667 (running-sum rounding).
        (result.CostOfContact(0) - Eur(5.18m)).Should().Be(Eur(33.333333m));
        (result.CostOfContact(1) - Eur(5.05m)).Should().Be(Eur(66.666667m));
        result.CostOfContact(3).Should().Be(Eur(0.145m));
        result.Total.Overhead.Should().Be(Eur(100m));
        result.Total.Total.Should().Be(Eur(110.875m));
        result.Overheads.Should().ContainSingle().Which.Should().Be(new OverheadAllocation(pool, 2, Eur(100m)));
    }

    [Fact]
    public void Compute_OverheadByContacts_TelescopesToTheAmount()
    {
        var pool = new OverheadPool("it", Eur(10m), OverheadBasis.Contacts, [Channel.Phone, Channel.Chat]);
        var result = Compute(SmallModel(pool));

        // Three contacts in scope (rows 0, 1, 3): running sums round(10 x k / 3) = 3.333333, 6.666667, 10,
        // so the shares are 3.333333, 3.333334, 3.333333.
        (result.CostOfContact(0) - Eur(5.18m)).Should().Be(Eur(3.333333m));
        (result.CostOfContact(1) - Eur(5.05m)).Should().Be(Eur(3.333334m));
        (result.CostOfContact(3) - Eur(0.145m)).Should().Be(Eur(3.333333m));
        result.CostOfContact(2).Should().Be(Eur(0.50m));
        result.Total.Overhead.Should().Be(Eur(10m));
    }

    [Fact]
    public void Compute_ChannelWithoutRates_ThrowsNamingTheChannel()
    {
        var model = new CostModel(Currency.Eur, [new ChannelRates(Channel.Phone, Eur(30m), 0.25, 0.8)]);

        var act = () => Compute(model);

        act.Should().Throw<ArgumentException>().WithMessage("*channel 'chat'*1 contacts*");
    }

    [Fact]
    public void Compute_OverheadWithNothingToSpreadOver_ThrowsNamingIt()
    {
        var pool = new OverheadPool("email team", Eur(500m), OverheadBasis.Contacts, [Channel.Email]);

        var act = () => Compute(SmallModel(pool));

        act.Should().Throw<ArgumentException>().WithMessage("*overhead 'email team'*no contacts on email*");
    }

    [Fact]
    public void Compute_EmptyTable_GivesZeros()
    {
        var result = CostToServeCalculator.Compute(InteractionTable.Create([]), SmallModel());

        result.Contacts.Should().Be(0);
        result.Total.Total.Should().Be(Eur(0m));
        result.CostPerResolution.Should().BeNull();
        result.ByChannel.Should().BeEmpty();
        result.ByCustomer.Should().BeEmpty();
    }

    [Fact]
    public void Compute_AbandonedBeforeHandled_EachStartsAChainAsInFcr()
    {
        // C3 abandons a billing call, calls back an hour later and is answered, then chats two hours later on billing.
        // FCR only counts repeats of handled contacts: the abandoned call is not one, so the answered call starts a chain
        // and the chat joins it; the abandoned call is a chain of its own.
        var rows = new[]
        {
            Contact("C3", Channel.Phone, 0, wait: 40, answered: false),
            Contact("C3", Channel.Phone, 1, wait: 10, talk: 120),
            Contact("C3", Channel.Chat, 3, wait: 5, talk: 300),
        };
        var result = CostToServeCalculator.Compute(InteractionTable.Create(rows), SmallModel());

        result.ChainOf(0).Should().Be(0);
        result.ChainOf(1).Should().Be(1);
        result.ChainOf(2).Should().Be(1);
        result.Chains.Should().Be(2);
    }

    [Fact]
    public void Compute_OutboundAndOtherReason_AreNotRepeats()
    {
        // An outbound call and a call on another reason within the window of C4's billing call are not repeats of it;
        // a billing chat is, and so is a billing chat 6 days after that chat (chains link repeat by repeat: 9 days after the first call).
        var rows = new[]
        {
            Contact("C4", Channel.Phone, 0, wait: 10, talk: 60),
            Contact("C4", Channel.Phone, 1, wait: 0, talk: 60, direction: Direction.Outbound),
            Contact("C4", Channel.Phone, 2, wait: 10, talk: 60, reason: "delivery"),
            Contact("C4", Channel.Chat, 72, wait: 5, talk: 60),
            Contact("C4", Channel.Chat, 72 + 144, wait: 5, talk: 60),
        };
        var result = CostToServeCalculator.Compute(InteractionTable.Create(rows), SmallModel());

        Enumerable.Range(0, rows.Length).Select(result.ChainOf).Should().Equal(0, 1, 2, 0, 0);
    }

    [Fact]
    public void Compute_ZeroOverheadWithNothingToSpreadOver_IsAllowed()
    {
        var pool = new OverheadPool("email team", Eur(0m), OverheadBasis.Contacts, [Channel.Email]);

        var result = Compute(SmallModel(pool));

        result.Total.Total.Should().Be(Eur(10.875m));
        result.Overheads.Single().Contacts.Should().Be(0);
    }
}
