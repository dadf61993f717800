using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Kpis;
using NodaTime;
using Fixtures = ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests for the survivors of run Kpis3r (issue #14 item 9, docs/testing.md "Kpis"): each KPI of a group computed once, the
/// CES interval's sample variance over three answers. Every expected value is a hand computation.
/// </summary>
public class KpisGroupSurvivorMutationTests
{
    [Fact]
    public void EveryKpi_ReadTwice_IsTheSameObject()
    {
        // A group's KPIs are computed on first read and kept (the group is read-only and shared): a second read returns
        // the object of the first, not a new computation.
        var g = KpiGroup.FromCounts(KpiCounts.FromCounts(queuedContacts: 2, answeredContacts: 1, abandonedContacts: 1, handledContacts: 1,
            asynchronousContacts: 1, asynchronousAnswered: 1, cesHistogram: [0, 1, 0, 0, 0, 0, 0]));

        g.AverageHandleTime.Should().BeSameAs(g.AverageHandleTime);
        g.AverageSpeedOfAnswer.Should().BeSameAs(g.AverageSpeedOfAnswer);
        g.AverageWaitAllContacts.Should().BeSameAs(g.AverageWaitAllContacts);
        g.ServiceLevel.Should().BeSameAs(g.ServiceLevel);
        g.AverageResponseTime.Should().BeSameAs(g.AverageResponseTime);
        g.ResponseWithinTarget.Should().BeSameAs(g.ResponseWithinTarget);
        g.AbandonmentRate.Should().BeSameAs(g.AbandonmentRate);
        g.TransferRate.Should().BeSameAs(g.TransferRate);
        g.FirstContactResolution.Should().BeSameAs(g.FirstContactResolution);
        g.FirstContactResolutionFlag.Should().BeSameAs(g.FirstContactResolutionFlag);
        g.RepeatContactRate.Should().BeSameAs(g.RepeatContactRate);
        g.Csat.Should().BeSameAs(g.Csat);
        g.Nps.Should().BeSameAs(g.Nps);
        g.CesMean.Should().BeSameAs(g.CesMean);
        g.CesEffortShare.Should().BeSameAs(g.CesEffortShare);
    }

    [Fact]
    public void CesMean_ThreeAnswers_SampleVarianceOverNMinusOne()
    {
        // Answers 1, 4 and 7: mean 4, sample variance ((1 - 4)^2 + 0 + (7 - 4)^2) / (3 - 1) = 9, SE sqrt(9 / 3) = sqrt(3);
        // 95 %: 4 -/+ 1.959963984540054 x 1.7320508075688772 = 4 -/+ 3.394757202228515 (python3 math). With two answers
        // (KpisGroupMutationTests) n - 1 = 1, where dividing and multiplying by it agree.
        var ces = KpiGroup.FromCounts(KpiCounts.FromCounts(cesHistogram: [1, 0, 0, 1, 0, 0, 1])).CesMean;

        ces.Value.Should().Be(4);
        ces.Count.Should().Be(3);
        ces.Interval!.Value.Lower.Should().BeApproximately(0.6052427977714849, 1e-12);
        ces.Interval!.Value.Upper.Should().BeApproximately(7.394757202228515, 1e-12);
    }
}

/// <summary>
/// Tests for the survivors of run Kpis3r in the rollup (docs/testing.md "Kpis"): the degree of parallelism's floor,
/// cancellation before the scan, the arrival range's end on the dense many-key path, a key space too large for an array,
/// missing queues and reasons as groups, handle time without talk, and progress at exactly 65,536 rows and in several passes.
/// </summary>
public class KpisRollupSurvivorMutationTests
{
    private static readonly Instant T0 = Fixtures.T0;

    private static InteractionTable FourHours() =>
        InteractionTable.Create(Enumerable.Range(0, 4).Select(h => Fixtures.Answered($"C{h}", atHours: h)));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DegreeOfParallelism_ZeroOrBelow_CountsWithOneWorker(int degree)
    {
        // Math.Max(1, degree): four contacts, one group of 4 offered, as with one worker.
        var groups = KpiRollup.Compute(FourHours(), new KpiGrouping(KpiDimensions.Agent), maxDegreeOfParallelism: degree);

        groups.Select(g => (g.Agent, g.Counts.OfferedContacts)).Should().Equal(("A1", 4L));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CancelledBeforeTheCall_ThrowsOperationCanceled_NotWrapped(bool manyKeys)
    {
        // Documented: "the call then throws OperationCanceledException", not an AggregateException around it (what a
        // worker's own check gives when Parallel.For does not know the token). By agent: a key space of 2 (one agent and
        // none); by agent x channel x hour over 20,000 hours: 2 x 9 x 20,000 = 360,000 keys, over 65,536, the dense
        // many-key path.
        var table = InteractionTable.Create([Fixtures.Answered("C1"), Fixtures.Answered("C2", atHours: 19_999)]);
        var grouping = manyKeys ? new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Hour, DateTimeZone.Utc) : new KpiGrouping(KpiDimensions.Agent);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var thrown = Record.Exception(() => KpiRollup.Compute(table, grouping, cancellationToken: cancel.Token));

        thrown.Should().BeOfType<OperationCanceledException>();
    }

    [Fact]
    public void ArrivedBefore_OnTheDenseManyKeyPath_LeavesOutTheGroupsOfLaterContacts()
    {
        // Agents A0-A2, one contact each at 0 h, 10,000 h and 19,999 h; by agent x channel x hour: (3 + 1) x 9 x 20,000 =
        // 720,000 keys, the dense path numbered in key order. Before 19,999 h (exclusive): the contacts at 0 h and 10,000 h,
        // 6 groups; the three at 19,999 h have no group (not even an empty one).
        int[] hours = [0, 10_000, 19_999];
        var rows = from a in Enumerable.Range(0, 3) from h in hours select Fixtures.Answered($"C{a}{h}", agent: $"A{a}", atHours: h);
        var table = InteractionTable.Create(rows);
        var grouping = new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Hour, DateTimeZone.Utc)
        {
            ArrivedBefore = T0 + Duration.FromHours(19_999),
        };

        var groups = KpiRollup.Compute(table, grouping);

        groups.Select(g => (g.Agent, g.BucketStart!.Value.ToInstant(), g.Counts.OfferedContacts)).Should().Equal(
            from a in Enumerable.Range(0, 3) from h in hours.Take(2) select ((string?)$"A{a}", T0 + Duration.FromHours(h), 1L));
    }

    [Fact]
    public void KeySpaceBeyondAnArray_HashedGroups_TwoContactsOfOneGroupCountedTogether()
    {
        // 20 contacts 1,000 h apart with agents, queues and reasons of their own, and a 21st with contact 0's agent, queue,
        // reason and hour. By agent x channel x direction x queue x reason x hour: 21 x 9 x 3 x 21 x 21 x 19,001 = 4.76e9
        // keys, more than an int array holds: a hash map. 20 groups in key order (A0, A1, ... as first seen); A0's has 2 contacts.
        var rows = Enumerable.Range(0, 20)
            .Select(i => Fixtures.Answered($"C{i}", agent: $"A{i}", queue: $"q{i}", reason: $"r{i}", atHours: 1_000 * i))
            .Append(Fixtures.Answered("C20", agent: "A0", queue: "q0", reason: "r0", waitSeconds: 20));
        var dimensions = KpiDimensions.Agent | KpiDimensions.Channel | KpiDimensions.Direction | KpiDimensions.Queue | KpiDimensions.Reason;

        var groups = KpiRollup.Compute(InteractionTable.Create(rows), new KpiGrouping(dimensions, TimeBucket.Hour, DateTimeZone.Utc));

        groups.Select(g => (g.Agent, g.Queue, g.Reason, g.Counts.OfferedContacts)).Should().Equal(
            Enumerable.Range(0, 20).Select(i => ((string?)$"A{i}", (string?)$"q{i}", (string?)$"r{i}", i == 0 ? 2L : 1L)));
        // A0's two contacts waited 10 s and 20 s: 30,000 ms.
        groups[0].Counts.WaitAnsweredMilliseconds.Should().Be(30_000);
    }

    [Fact]
    public void ContactsWithoutQueueOrReason_AreGroupsWithNullKeys()
    {
        // One abandoned call with neither queue nor reason, one answered in q1 / billing: by queue x reason, the missing
        // codes come first (code -1 + 1 = 0), as null.
        var table = InteractionTable.Create([Fixtures.Answered("C1"), Fixtures.Abandoned("C2", queue: null, reason: null)]);

        var groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Queue | KpiDimensions.Reason));

        groups.Select(g => (g.Queue, g.Reason, g.Counts.AbandonedContacts)).Should().Equal(((string?)null, (string?)null, 1L), ("q1", "billing", 0L));
    }

    [Fact]
    public void HandleTime_WithoutTalk_AddsHoldAndAfterCallWorkOnly()
    {
        // Talk 100 s, hold 10 s, ACW 5 s; handle time = hold + ACW = 15 s (talk left out by the options).
        var table = InteractionTable.Create([Fixtures.Answered("C1", talk: 100, hold: 10, acw: 5)]);
        var options = new KpiOptions(handleTime: HandleTimeComponents.Hold | HandleTimeComponents.AfterCallWork);

        var counts = KpiRollup.Compute(table, options: options).Single().Counts;

        counts.HandleMilliseconds.Should().Be(15_000);
        counts.TalkMilliseconds.Should().Be(100_000);
    }

    /// <summary>
    /// The progress tables: row i is row i mod 50 of a source table, a phone call of agent A(i mod 50) arriving at
    /// (i mod 50) x 2,800 s after T0 (so the arrivals span 137,200 s, 153 quarter-hours from 09:00), answered after 5 s with
    /// 60 s of talk, no customer id. The rows are copied column by column (the builder's internal AddRow), which keeps a
    /// table of 140,000 rows quick to build; the progress counts rows read, whatever they hold.
    /// </summary>
    private static InteractionTable ProgressTable(int rows)
    {
        var source = InteractionTable.Create(Enumerable.Range(0, 50).Select(i =>
        {
            var arrived = T0 + Duration.FromSeconds(2_800 * i);
            return new Interaction(new InteractionId($"G{i}"), null, Channel.Phone, arrived, arrived + Duration.FromSeconds(65),
                Direction.Inbound, new AgentId($"A{i}"), "q1", "billing", arrived + Duration.FromSeconds(5), Duration.FromSeconds(60));
        }));
        var builder = new InteractionTable.Builder();
        builder.EnsureCapacity(rows);
        for (int i = 0; i < rows; i++)
        {
            builder.AddRow(source, i % 50);
        }
        return builder.Build();
    }

    private static readonly Lazy<InteractionTable> Exactly65536 = new(() => ProgressTable(65_536));

    private static readonly Lazy<InteractionTable> Rows140000 = new(() => ProgressTable(140_000));

    [Fact]
    public void Progress_ExactlyOneScanStepOfRows_ReportsOnlyTheEnd()
    {
        // 65,536 rows, three workers over row ranges: the rows counted reach 65,536 only with the last block, which is the
        // total: the final report (65,536 of 65,536) and nothing before it, never the total twice.
        var reports = new List<KpiRollupProgress>();

        var group = KpiRollup.Compute(Exactly65536.Value, maxDegreeOfParallelism: 3, progress: new SynchronousKpiProgress(reports)).Single();

        group.Counts.OfferedContacts.Should().Be(65_536);
        reports.Should().Equal(new KpiRollupProgress(65_536, 65_536));
    }

    [Fact]
    public void Progress_ThreeWorkersOverEveryRow_ReportsWithinABlockOfEach65536RowsCounted()
    {
        // By agent (50 + none) x channel (9 codes) x direction (3) x 15 minutes (153 quarters): 210,681 keys, over 65,536,
        // so each of the three workers scans all 140,000 rows and the rows counted are the rows read / 3. A report comes
        // when that passes 65,536 and 131,072, from the Add that passes it (at most 1,024 rows read, 341 counted, past the
        // mark); then the final one.
        var reports = new List<KpiRollupProgress>();
        var grouping = new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel | KpiDimensions.Direction, TimeBucket.Minutes15, DateTimeZone.Utc);

        KpiRollup.Compute(Rows140000.Value, grouping, maxDegreeOfParallelism: 3, progress: new SynchronousKpiProgress(reports));

        // (A worker may report 131,072 before a slower one gets the lock for 65,536, which is then dropped: so at least one.)
        reports.Should().HaveCountGreaterThanOrEqualTo(2);
        reports.Take(reports.Count - 1).Should().OnlyContain(r => r.RowsCounted >= 65_536 && r.RowsCounted % 65_536 < 1_024 && r.Rows == 140_000);
        reports[^1].Should().Be(new KpiRollupProgress(140_000, 140_000));
    }

    [Fact]
    public void CancelledFromAProgressReport_StopsTheScanAtTheNextBlock()
    {
        // One worker over 140,000 rows: the first report (65,536 rows) cancels; the scan checks the token every 1,024 rows,
        // so it stops before 131,072 rows and reports nothing more.
        var reports = new List<KpiRollupProgress>();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousKpiProgress(reports, cancel);

        var thrown = Record.Exception(() => KpiRollup.Compute(Rows140000.Value, maxDegreeOfParallelism: 1, cancellationToken: cancel.Token, progress: progress));

        thrown.Should().BeOfType<OperationCanceledException>();
        reports.Should().ContainSingle().Which.RowsCounted.Should().BeInRange(65_536, 65_536 + 1_023);
    }
}
