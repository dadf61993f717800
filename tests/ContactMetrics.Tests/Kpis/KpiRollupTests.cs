using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Kpis;

public class KpiRollupTests
{
    private static KpiGroup Overall(IEnumerable<Interaction> rows, KpiOptions? options = null) =>
        KpiRollup.Compute(InteractionTable.Create(rows), options: options).Single();

    [Fact]
    public void Compute_Counts_SplitOfferedQueuedContainedHandled()
    {
        // By hand: 3 answered phone + 1 abandoned phone + 1 self-service + 1 outbound answered call.
        var g = Overall([Answered(), Answered(), Answered(), Abandoned(), SelfService(), Answered(direction: Direction.Outbound)]);
        g.Counts.OfferedContacts.Should().Be(5);
        g.Counts.QueuedContacts.Should().Be(4);
        g.Counts.AnsweredContacts.Should().Be(3);
        g.Counts.AbandonedContacts.Should().Be(1);
        g.Counts.ContainedContacts.Should().Be(1);
        g.Counts.HandledContacts.Should().Be(4, "three inbound and one outbound answered on an agent channel");
    }

    [Fact]
    public void AverageHandleTime_Components_FollowTheOption()
    {
        // Two contacts: (talk 300, hold 60, acw 30) and (talk 100, hold 0, acw 50).
        Interaction[] rows = [Answered(talk: 300, hold: 60, acw: 30), Answered(talk: 100, hold: 0, acw: 50)];
        // Talk + hold + ACW: (390 + 150) / 2 = 270 s.
        Overall(rows).AverageHandleTime.Value.Should().BeApproximately(270, 1e-9);
        // Talk + ACW only: (330 + 150) / 2 = 240 s.
        var talkAcw = new KpiOptions(handleTime: HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork);
        var aht = Overall(rows, talkAcw).AverageHandleTime;
        aht.Value.Should().BeApproximately(240, 1e-9);
        aht.Definition.Should().Contain("talk + after-call work");
        aht.Count.Should().Be(2);
    }

    [Fact]
    public void AverageSpeedOfAnswer_AnsweredOnly_And_AllContacts_Differ()
    {
        // Answered after 10 s and 30 s; one abandoned after 80 s.
        // ASA answered = (10 + 30) / 2 = 20 s; over all queued = (10 + 30 + 80) / 3 = 40 s.
        var g = Overall([Answered(waitSeconds: 10), Answered(waitSeconds: 30), Abandoned(waitSeconds: 80)]);
        g.AverageSpeedOfAnswer.Value.Should().BeApproximately(20, 1e-9);
        g.AverageWaitAllContacts.Value.Should().BeApproximately(40, 1e-9);
        g.AverageSpeedOfAnswer.Definition.Should().Contain("answered");
        g.AverageWaitAllContacts.Definition.Should().Contain("all contacts");
    }

    [Fact]
    public void QueueKpis_LiveChannelsOnly_EmailGetsResponseTimes()
    {
        // The fixture of issue #16: 100 phone contacts answered in 10 s and 100 emails answered in a day.
        var rows = new List<Interaction>();
        for (int k = 0; k < 100; k++)
        {
            rows.Add(Answered($"P{k}", Channel.Phone, waitSeconds: 10, atHours: k));
            rows.Add(Answered($"E{k}", Channel.Email, waitSeconds: 86_400, atHours: k));
        }
        var table = InteractionTable.Create(rows);
        var overall = KpiRollup.Compute(table).Single();
        // Queue KPIs over live queued channels only: ASA = 100 x 10 s / 100 = 10 s (mixing email in would give 43,205 s).
        overall.AverageSpeedOfAnswer.Value.Should().BeApproximately(10, 1e-9);
        overall.Counts.QueuedContacts.Should().Be(100);
        overall.ServiceLevel.Value.Should().Be(1.0, "every phone contact was answered within 20 s");
        overall.Counts.AsynchronousContacts.Should().Be(100);

        var byChannel = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel));
        var email = byChannel.Single(g => g.Channel == Channel.Email);
        email.ServiceLevel.Value.Should().BeNull("a 20 s target does not apply to email");
        email.AverageSpeedOfAnswer.Value.Should().BeNull();
        email.AbandonmentRate.Value.Should().BeNull();
        // Response time: 86,400 s each; a day is within the 24 h target (inclusive): 100 / 100.
        email.AverageResponseTime.Value.Should().BeApproximately(86_400, 1e-6);
        email.ResponseWithinTarget.Value.Should().Be(1.0);
        // Median from the histogram: all 100 in the (18 h, 24 h] bucket; rank 0.5 x 100 = 50 -> 18 h + 6 h x 50 / 100 = 21 h = 75,600 s.
        email.MedianResponseTime.Should().BeApproximately(75_600, 1e-6);
        // A 12 h target: none within.
        KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel), new KpiOptions(responseTarget: Duration.FromHours(12)))
            .Single(g => g.Channel == Channel.Email).ResponseWithinTarget.Value.Should().Be(0.0);
        byChannel.Single(g => g.Channel == Channel.Phone).ResponseWithinTarget.Value.Should().BeNull("phone has no asynchronous contacts");
    }

    [Fact]
    public void ResponseTimePercentile_InterpolatesWithinBuckets_AndStopsAtTheOpenBucket()
    {
        // Response times 10 min (bucket (5, 15] min), 10 min, 2 h (bucket (1, 2] h) and 9 days (open bucket, over 7 days).
        var counts = KpiCounts.FromCounts(asynchronousContacts: 4, asynchronousAnswered: 4,
            responseTimeHistogram: [0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        var g = KpiGroup.FromCounts(counts);
        // p = 0.25: rank 1 in the (5, 15] min bucket of 2 -> 5 + 10 x 1/2 = 10 min = 600 s.
        g.ResponseTimePercentile(0.25).Should().BeApproximately(600, 1e-9);
        // p = 0.75: rank 3 is the one in (60, 120] min -> 60 + 60 x 1/1 = 120 min = 7,200 s.
        g.ResponseTimePercentile(0.75).Should().BeApproximately(7_200, 1e-9);
        // p = 1: the open bucket -> its lower bound, 7 days = 604,800 s.
        g.ResponseTimePercentile(1).Should().BeApproximately(604_800, 1e-9);
        KpiGroup.FromCounts(KpiCounts.Empty).MedianResponseTime.Should().BeNull();
        KpiCounts.ResponseTimeBucketBounds.Should().HaveCount(16);
    }

    [Fact]
    public void ServiceLevel_ThresholdIsInclusive_AndFormulaIsAnOption()
    {
        // Waits 20 s (within, the threshold is inclusive), 21 s (late); abandoned at 3 s (short, within) and 40 s (late).
        Interaction[] rows = [Answered(waitSeconds: 20), Answered(waitSeconds: 21), Abandoned(waitSeconds: 3), Abandoned(waitSeconds: 40)];
        var f3 = Overall(rows).ServiceLevel; // F3: 1 / 4
        f3.Numerator.Should().Be(1);
        f3.Denominator.Should().Be(4);
        var f1 = Overall(rows, new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered, Duration.FromSeconds(20)))).ServiceLevel;
        f1.Value.Should().BeApproximately(0.5, 1e-12); // (1 + 1) / 4
        var f5 = Overall(rows, new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered, Duration.FromSeconds(20)))).ServiceLevel;
        f5.Numerator.Should().Be(2); // 1 answered within + 1 short abandon (3 s <= 5 s)
    }

    [Fact]
    public void AbandonmentRate_QueuedOrOffered_AndShortAbandons()
    {
        // 2 answered, 2 abandoned (one short, 3 s), 1 self-service.
        Interaction[] rows = [Answered(), Answered(), Abandoned(waitSeconds: 3), Abandoned(waitSeconds: 60), SelfService()];
        Overall(rows).AbandonmentRate.Value.Should().BeApproximately(2.0 / 4, 1e-12); // over queued
        Overall(rows, new KpiOptions(abandonmentBase: AbandonmentBase.Offered)).AbandonmentRate.Value.Should().BeApproximately(2.0 / 5, 1e-12);
        var noShort = Overall(rows, new KpiOptions(excludeShortAbandons: true)).AbandonmentRate;
        noShort.Numerator.Should().Be(1);
        noShort.Denominator.Should().Be(3);
        noShort.Definition.Should().Contain("short abandons");
    }

    [Fact]
    public void TransferRate_And_ResolvedFlag_AreOverHandled()
    {
        Interaction[] rows = [Answered(transfers: 2, resolved: true), Answered(resolved: false), Answered(resolved: true), Answered(), Abandoned()];
        var g = Overall(rows);
        g.TransferRate.Numerator.Should().Be(1);
        g.TransferRate.Denominator.Should().Be(4);
        g.FirstContactResolutionFlag.Numerator.Should().Be(2);
        g.FirstContactResolutionFlag.Denominator.Should().Be(3, "one handled contact has no flag");
    }

    [Fact]
    public void FirstContactResolution_RepeatWithinWindowOnSameReason()
    {
        // C1: billing at 0 h, billing again at 48 h (a repeat), technical at 60 h (other reason).
        // C2: billing at 0 h, billing at 8 days (outside the 7-day window).
        Interaction[] rows =
        [
            Answered("C1", atHours: 0), Answered("C1", atHours: 48), Answered("C1", atHours: 60, reason: "technical"),
            Answered("C2", atHours: 0), Answered("C2", atHours: 8 * 24),
        ];
        // Per issue (default): 5 handled contacts, C1's second billing repeats the first -> 4 issues; C1's billing issue
        // had a repeat -> FCR 3 / 4, repeat rate 1 / 4 (hand count).
        var g = Overall(rows);
        g.FirstContactResolution.Numerator.Should().Be(3);
        g.FirstContactResolution.Denominator.Should().Be(4);
        g.RepeatContactRate.Numerator.Should().Be(1);
        g.RepeatContactRate.Denominator.Should().Be(4);
        g.FirstContactResolution.Definition.Should().Contain("per issue").And.Contain("7 days");

        // Per contact: followed by a repeat only C1's first billing contact -> FCR 4 / 5; repeats: C1's second billing -> 1 / 5.
        var perContact = Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(basis: FcrBasis.Contact)));
        perContact.FirstContactResolution.Numerator.Should().Be(4);
        perContact.FirstContactResolution.Denominator.Should().Be(5);
        perContact.RepeatContactRate.Numerator.Should().Be(1);
        perContact.FirstContactResolution.Definition.Should().Contain("per contact");

        // Any reason: C1's 48 h and 60 h contacts repeat the one before -> 3 issues (C1 at 0 h, C2 at 0 h, C2 at 8 days),
        // C1's had a repeat -> FCR 2 / 3, repeat rate 1 / 3.
        var any = Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(sameReason: false)));
        any.FirstContactResolution.Numerator.Should().Be(2);
        any.FirstContactResolution.Denominator.Should().Be(3);
        any.RepeatContactRate.Numerator.Should().Be(1);

        // A 10-day window also makes C2's 8-day contact a repeat -> 3 issues, two of them with a repeat -> FCR 1 / 3.
        var wide = Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(Duration.FromDays(10))));
        wide.FirstContactResolution.Numerator.Should().Be(1);
        wide.FirstContactResolution.Denominator.Should().Be(3);
    }

    [Fact]
    public void FirstContactResolution_IssueFixture_PerIssueIs075_PerContactIs080()
    {
        // The fixture of issue #16: 200 issues (one customer each), 50 of them with a same-reason repeat 3 days later.
        // Per issue (SQM, ICMI): 150 resolved first time / 200 issues = 0.75. Per contact: 250 contacts, 50 followed by
        // a repeat -> 200 / 250 = 0.80.
        var rows = new List<Interaction>();
        for (int k = 0; k < 200; k++)
        {
            rows.Add(Answered($"C{k}", atHours: k));
            if (k < 50)
            {
                rows.Add(Answered($"C{k}", atHours: k + (3 * 24)));
            }
        }
        var issue = Overall(rows).FirstContactResolution;
        issue.Value.Should().BeApproximately(0.75, 1e-12);
        issue.Denominator.Should().Be(200);
        Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(basis: FcrBasis.Contact))).FirstContactResolution.Value
            .Should().BeApproximately(0.80, 1e-12);
        Overall(rows).RepeatContactRate.Value.Should().BeApproximately(0.25, 1e-12, "50 of 200 issues needed a repeat");
    }

    [Fact]
    public void FirstContactResolution_AbandonedCallBackCountsAsRepeat_ButIsNotEligible()
    {
        // C1 handled at 0 h, then abandons a call on the same reason at 1 h: the first was not resolved.
        Interaction[] rows = [Answered("C1", atHours: 0), Abandoned("C1", atHours: 1)];
        var g = Overall(rows);
        g.FirstContactResolution.Numerator.Should().Be(0);
        g.FirstContactResolution.Denominator.Should().Be(1, "one issue: the abandoned call starts none");
        g.RepeatContactRate.Numerator.Should().Be(1, "the one issue had a repeat");
        Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(basis: FcrBasis.Contact)))
            .RepeatContactRate.Numerator.Should().Be(0, "per contact, an abandoned contact is not itself an eligible repeat");
    }

    [Fact]
    public void FirstContactResolution_SameChannelScope_IgnoresOtherChannels()
    {
        Interaction[] rows = [Answered("C1", Channel.Phone, atHours: 0), Answered("C1", Channel.Email, atHours: 2)];
        var any = Overall(rows).FirstContactResolution;
        any.Numerator.Should().Be(0, "any channel: the email repeats the phone contact, so the one issue had a repeat");
        any.Denominator.Should().Be(1);
        var same = Overall(rows, new KpiOptions(repeat: new RepeatContactOptions(scope: RepeatChannelScope.SameChannel))).FirstContactResolution;
        same.Numerator.Should().Be(2, "same channel: two issues, neither repeated");
        same.Denominator.Should().Be(2);
    }

    [Fact]
    public void Surveys_CsatNpsCes_FromHandComputedAnswers()
    {
        // CSAT answers 5, 4, 2, 5; NPS 10, 9, 8, 3; CES 7, 6, 2, 5.
        Interaction[] rows =
        [
            Answered(csat: 5, nps: 10, ces: 7), Answered(csat: 4, nps: 9, ces: 6), Answered(csat: 2, nps: 8, ces: 2), Answered(csat: 5, nps: 3, ces: 5),
        ];
        var g = Overall(rows);
        g.Csat.Value.Should().BeApproximately(3.0 / 4, 1e-12); // top-2-box
        Overall(rows, new KpiOptions(csat: CsatBox.TopBox)).Csat.Value.Should().BeApproximately(2.0 / 4, 1e-12);
        // NPS: promoters 2/4, detractors 1/4 -> 25. Var = (0.5 + 0.25 - 0.25^2)/4 = 0.171875, SE = 100 * sqrt(0.171875) = 41.458.
        g.Nps.Value.Should().BeApproximately(25, 1e-9);
        g.Nps.StandardError!.Value.Should().BeApproximately(41.4578, 1e-4);
        g.Nps.Interval!.Value.Lower.Should().BeGreaterThanOrEqualTo(-100);
        // CES mean (7 + 6 + 2 + 5) / 4 = 5; share 5-7 = 3/4.
        g.CesMean.Value.Should().BeApproximately(5, 1e-12);
        g.CesEffortShare.Value.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void Compute_GroupByAgentAndChannel_KeysAndOrder()
    {
        Interaction[] rows = [Answered(agent: "B", channel: Channel.Chat), Answered(agent: "A"), Answered(agent: "A"), Abandoned()];
        var groups = KpiRollup.Compute(InteractionTable.Create(rows), new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel));
        groups.Select(g => (g.Agent, g.Channel, g.Counts.QueuedContacts)).Should().Equal(
            (null, Channel.Phone, 1L), // the abandoned contact has no agent; missing sorts first
            ("B", Channel.Chat, 1L),
            ("A", Channel.Phone, 2L));
        groups.Should().OnlyContain(g => g.Queue == null && g.Reason == null && g.BucketStart == null);
    }

    [Fact]
    public void Compute_GroupBySegment_UsesCustomersTable()
    {
        var customers = new[] { new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 1), segment: "smb"), new Customer(new CustomerId("C2"), new LocalDate(2024, 1, 1), segment: "consumer") };
        var table = InteractionTable.Create([Answered("C1"), Answered("C2"), Answered("C2"), Answered("C3")], customers);
        var groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Segment));
        groups.ToDictionary(g => g.Segment ?? "(unknown)", g => g.Counts.HandledContacts)
            .Should().BeEquivalentTo(new Dictionary<string, long> { ["smb"] = 1, ["consumer"] = 2, ["(unknown)"] = 1 });
    }

    [Fact]
    public void Compute_BucketWithoutZone_Throws()
    {
        var act = () => KpiRollup.Compute(InteractionTable.Create([Answered()]), new KpiGrouping(Bucket: TimeBucket.Day));
        act.Should().Throw<ArgumentException>().WithMessage("*time zone*");
    }

    [Fact]
    public void Compute_EmptyTable_HasNoGroups()
    {
        KpiRollup.Compute(InteractionTable.Create([])).Should().BeEmpty();
    }

    [Fact]
    public void Compute_NoSurveys_GivesNullValuesNotNaN()
    {
        var g = Overall([Answered()]);
        g.Csat.Value.Should().BeNull();
        g.Nps.Value.Should().BeNull();
        g.CesMean.Value.Should().BeNull();
        g.AbandonmentRate.Value.Should().Be(0);
    }
}
