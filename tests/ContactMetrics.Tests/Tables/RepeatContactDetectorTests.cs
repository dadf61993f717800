using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Tables;

/// <summary>Hand-built cases of the repeat-contact definition (docs/kpis.md, FCR; the remarks of <see cref="RepeatContactDetector"/>).</summary>
public class RepeatContactDetectorTests
{
    private static readonly RepeatContactOptions SevenDays = new(Duration.FromDays(7));

    [Fact]
    public void Chains_ThreeCallsOnOneIssue_FormOneChainLinkByLink()
    {
        // C1 calls about billing at 0 h, 24 h and 48 h: each call repeats the one before, so all three join row 0's chain.
        var table = InteractionTable.Create([Answered("C1", atHours: 0), Answered("C1", atHours: 24), Answered("C1", atHours: 48)]);

        RepeatContactDetector.Chains(table, SevenDays, 1).Should().Equal(0, 0, 0);
    }

    [Fact]
    public void Chains_OtherReasonOtherCustomerOrOutsideTheWindow_StartTheirOwnChains()
    {
        var table = InteractionTable.Create(
        [
            Answered("C1", atHours: 0),
            Answered("C1", atHours: 1, reason: "delivery"),
            Answered("C2", atHours: 2),
            Answered("C1", atHours: 24 * 8),
        ]);

        RepeatContactDetector.Chains(table, SevenDays, 1).Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public void Detect_AbandonedRepeat_FlagsTheFirstContactButIsNotEligibleItself()
    {
        // An abandoned call is not handled, so it is not eligible; it still shows the first call did not resolve the issue.
        var table = InteractionTable.Create([Answered("C1", atHours: 0), Abandoned("C1", atHours: 1)]);

        var flags = RepeatContactDetector.Detect(table, SevenDays, 1);

        flags[0].Should().Be((byte)(RepeatContactDetector.Eligible | RepeatContactDetector.FollowedByRepeat));
        flags[1].Should().Be(0);
    }

    [Fact]
    public void Detect_SelfServiceAndOutboundContacts_AreOutOfScope()
    {
        var table = InteractionTable.Create([Answered("C1", atHours: 0), SelfService("C1", atHours: 1), Answered("C1", atHours: 2, direction: Direction.Outbound)]);

        var flags = RepeatContactDetector.Detect(table, SevenDays, 1);

        flags.Should().Equal(RepeatContactDetector.Eligible, 0, 0);
        RepeatContactDetector.Chains(table, SevenDays, 1).Should().Equal(0, 1, 2);
    }

    [Fact]
    public void RepeatChains_SameOptionsTwice_ComputedOnceAndShared()
    {
        var table = InteractionTable.Create([Answered("C1", atHours: 0), Answered("C1", atHours: 24)]);

        table.RepeatChains(SevenDays, 1).Should().BeSameAs(table.RepeatChains(new RepeatContactOptions(Duration.FromDays(7)), 1));
    }
}
