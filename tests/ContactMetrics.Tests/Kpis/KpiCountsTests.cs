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
}
