using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Kpis;

public class KpiCountsTests
{
    [Fact]
    public void FromCounts_EveryValueOfARollup_RebuildsEqualCounts()
    {
        // The expected counts are the rollup's own (KpiRollup.Compute over the same rows): an engine that counts
        // the same populations must produce an equal KpiCounts through the public factory.
        var c = KpiRollup.Compute(InteractionTable.Create(
            [Answered(talk: 300, hold: 60, acw: 30, csat: 5, nps: 9, ces: 2), Answered(talk: 100, hold: 0, acw: 50, csat: 2, nps: 3), Abandoned(), SelfService(),
             Answered(channel: Channel.Email, waitSeconds: 7_200)])).Single().Counts;
        var rebuilt = KpiCounts.FromCounts(
            offeredContacts: c.OfferedContacts, queuedContacts: c.QueuedContacts, answeredContacts: c.AnsweredContacts,
            abandonedContacts: c.AbandonedContacts, answeredWithinThreshold: c.AnsweredWithinThreshold,
            abandonedWithinThreshold: c.AbandonedWithinThreshold, shortAbandonedContacts: c.ShortAbandonedContacts,
            containedContacts: c.ContainedContacts, handledContacts: c.HandledContacts, handleMilliseconds: c.HandleMilliseconds,
            talkMilliseconds: c.TalkMilliseconds, holdMilliseconds: c.HoldMilliseconds, afterCallWorkMilliseconds: c.AfterCallWorkMilliseconds,
            waitAnsweredMilliseconds: c.WaitAnsweredMilliseconds, waitAbandonedMilliseconds: c.WaitAbandonedMilliseconds,
            transferredContacts: c.TransferredContacts, resolvedFlagged: c.ResolvedFlagged, resolvedTrue: c.ResolvedTrue,
            fcrEligibleContacts: c.FcrEligibleContacts, resolvedFirstTime: c.ResolvedFirstTime, repeatContacts: c.RepeatContacts,
            csatHistogram: c.CsatHistogram, npsHistogram: c.NpsHistogram, cesHistogram: c.CesHistogram,
            issuesResolvedFirstTime: c.IssuesResolvedFirstTime, asynchronousContacts: c.AsynchronousContacts, asynchronousAnswered: c.AsynchronousAnswered,
            responseMilliseconds: c.ResponseMilliseconds, answeredWithinResponseTarget: c.AnsweredWithinResponseTarget, responseTimeHistogram: c.ResponseTimeHistogram);
        rebuilt.Should().Be(c);
        c.OfferedContacts.Should().Be(5, "two answered calls, one abandoned, one self-service, one email (by hand)");
        c.QueuedContacts.Should().Be(3, "the email is asynchronous, not queued live");
        c.ResponseMilliseconds.Should().Be(7_200_000);
    }

    [Fact]
    public void FromCounts_HandledAndHandleTime_GiveTheAverageHandleTime()
    {
        // By hand: 4 handled contacts, 720,000 ms of handling in all -> AHT = 720 s / 4 = 180 s; n = 4.
        var counts = KpiCounts.FromCounts(offeredContacts: 5, queuedContacts: 5, answeredContacts: 4, abandonedContacts: 1, handledContacts: 4, handleMilliseconds: 720_000);
        var aht = KpiGroup.FromCounts(counts).AverageHandleTime;
        aht.Value!.Value.Should().BeApproximately(180, 1e-9);
        aht.Estimate.N.Should().Be(4);
        KpiGroup.FromCounts(counts).Channel.Should().BeNull();
    }

    [Fact]
    public void FromCounts_Merged_EqualsTheSumOfTheParts()
    {
        // Mergeability (KpiCounts remarks): counts added with + equal the counts of the sums.
        var a = KpiCounts.FromCounts(offeredContacts: 3, answeredContacts: 2, npsHistogram: [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0]);
        var b = KpiCounts.FromCounts(offeredContacts: 4, answeredContacts: 1, npsHistogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        (a + b).Should().Be(KpiCounts.FromCounts(offeredContacts: 7, answeredContacts: 3, npsHistogram: [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2]));
    }

    [Fact]
    public void FromCounts_NegativeCount_ThrowsNamingTheArgument()
    {
        var act = () => KpiCounts.FromCounts(answeredContacts: -1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("answeredContacts");
    }

    [Fact]
    public void FromCounts_MoreIssuesResolvedThanIssues_Throws()
    {
        // 5 eligible contacts, 2 of them repeats -> 3 issues; 4 resolved issues cannot be.
        var act = () => KpiCounts.FromCounts(fcrEligibleContacts: 5, repeatContacts: 2, issuesResolvedFirstTime: 4);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("issuesResolvedFirstTime");
        KpiCounts.FromCounts(fcrEligibleContacts: 5, repeatContacts: 2, issuesResolvedFirstTime: 3).Issues.Should().Be(3);
    }

    [Fact]
    public void FromCounts_HistogramOfTheWrongLength_Throws()
    {
        var act = () => KpiCounts.FromCounts(csatHistogram: [1, 2, 3]);
        act.Should().Throw<ArgumentException>().WithParameterName("csatHistogram");
    }

    public static TheoryData<string> ContactKinds() =>
    [
        "phone answered within the threshold, transferred, resolved", "phone answered late, not resolved", "phone abandoned within the short-abandon threshold",
        "phone abandoned within the threshold", "phone abandoned late", "chat answered", "email answered in 2 hours", "email answered in 2 days",
        "email not answered", "self-service", "outbound phone answered",
    ];

    [Theory]
    [MemberData(nameof(ContactKinds))]
    public void FromContacts_ContactsAlike_EqualTheRollupOfThoseContacts(string kind)
    {
        // The expected counts are the in-memory rollup's (KpiRollup.Compute) over three such contacts of three customers;
        // FromContacts counts them from their class, their number and their summed times. The repeat-contact counts are
        // not FromContacts' (an engine counts them apart), so they are added from the rollup's.
        (Interaction Contact, double WaitSeconds) Make(string customer) => kind switch
        {
            "phone answered within the threshold, transferred, resolved" => (Answered(customer, waitSeconds: 10, talk: 300, hold: 60, acw: 30, transfers: 1, resolved: true), 10),
            "phone answered late, not resolved" => (Answered(customer, waitSeconds: 45, talk: 120, acw: 20, resolved: false), 45),
            "phone abandoned within the short-abandon threshold" => (Abandoned(customer, waitSeconds: 3), 3),
            "phone abandoned within the threshold" => (Abandoned(customer, waitSeconds: 15), 15),
            "phone abandoned late" => (Abandoned(customer, waitSeconds: 90), 90),
            "chat answered" => (Answered(customer, Channel.Chat, waitSeconds: 25, talk: 400), 25),
            "email answered in 2 hours" => (Answered(customer, Channel.Email, waitSeconds: 7_200, talk: 200), 7_200),
            "email answered in 2 days" => (Answered(customer, Channel.Email, waitSeconds: 172_800, talk: 200), 172_800),
            "email not answered" => (Abandoned(customer, Channel.Email, waitSeconds: 600), 600),
            "self-service" => (SelfService(customer), 0),
            _ => (Answered(customer, waitSeconds: 5, talk: 90, direction: Direction.Outbound), 5),
        };
        var contacts = new[] { Make("C1"), Make("C2"), Make("C3") };
        var c = KpiRollup.Compute(InteractionTable.Create([.. contacts.Select(x => x.Contact)])).Single().Counts;
        var one = contacts[0].Contact;
        static long Ms(NodaTime.Duration d) => (long)d.TotalMilliseconds;
        long wait = (long)(contacts[0].WaitSeconds * 1000);
        var counts = KpiCounts.FromContacts(3, one.Channel, one.Direction, one.AnsweredAt is not null, wait, one.Transfers > 0, one.Resolved,
            3 * wait, 3 * Ms(one.Talk), 3 * Ms(one.Hold), 3 * Ms(one.AfterCallWork));
        (counts + KpiCounts.FromCounts(fcrEligibleContacts: c.FcrEligibleContacts, resolvedFirstTime: c.ResolvedFirstTime,
            repeatContacts: c.RepeatContacts, issuesResolvedFirstTime: c.IssuesResolvedFirstTime)).Should().Be(c);
        // By hand, for two of them: three live contacts are offered and queued; three handled ones carry their talk time.
        if (kind == "phone answered within the threshold, transferred, resolved")
        {
            (counts.AnsweredWithinThreshold, counts.TransferredContacts, counts.ResolvedTrue, counts.HandleMilliseconds).Should().Be((3L, 3L, 3L, 3 * 390_000L));
        }
        if (kind == "outbound phone answered")
        {
            (counts.OfferedContacts, counts.HandledContacts, counts.TalkMilliseconds).Should().Be((0L, 3L, 270_000L));
        }
    }

    [Fact]
    public void FromContacts_NegativeSum_ThrowsNamingTheArgument()
    {
        var act = () => KpiCounts.FromContacts(2, Channel.Phone, Direction.Inbound, true, 1_000, false, null, 2_000, -1, 0, 0);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("totalTalkMilliseconds");
    }

    [Theory]
    [InlineData(8, 0, "channel")]
    [InlineData(0, 2, "direction")]
    public void FromContacts_UndefinedChannelOrDirection_ThrowsNamingTheArgument(int channel, int direction, string name)
    {
        // Channel has 8 values (0-7) and Direction 2 (0-1): an undefined one must not be read as some other (outbound, say).
        var act = () => KpiCounts.FromContacts(1, (Channel)channel, (Direction)direction, true, 1_000, false, null, 1_000, 0, 0, 0);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }
}
