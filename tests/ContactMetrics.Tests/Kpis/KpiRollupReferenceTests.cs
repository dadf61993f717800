using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Tests.Kpis;

/// <summary>
/// The rollup (compact branch-free counters, bucket lookup tables, workers split by rows or by groups) against a naive
/// per-row reference written from the definitions in <see cref="KpiCounts"/>' remarks, on random tables that span both
/// DST changes of a year.
/// </summary>
public class KpiRollupReferenceTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>
    /// Seeded contacts from 2025-03-20 to 2025-11-05 (Amsterdam's clocks change on 30 March and 26 October, tzdb), with
    /// every outcome: outbound, unanswered, waits around the 5 s and 20 s thresholds, email responses from minutes to
    /// two weeks (every response bucket), transfers, resolved unknown/no/yes, surveys with single scores missing.
    /// </summary>
    /// <param name="n">Rows.</param>
    /// <param name="agents">Distinct agents.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="longWaits">Every 1,000th row waits (or an email is answered after) 30 days: 2,592,000,000 ms, over the 2^31 - 1 of an int.</param>
    private static List<Interaction> Contacts(int n, int agents, int seed, bool longWaits = false)
    {
        var rng = new Random(seed);
        var start = Instant.FromUtc(2025, 3, 20, 0, 0);
        string[] reasons = ["billing", "technical", "order"];
        var rows = new List<Interaction>(n);
        for (int i = 0; i < n; i++)
        {
            var arrived = start + Duration.FromSeconds(rng.Next(0, 230 * 86400));
            var channel = (Channel)rng.Next(0, 8);
            bool answered = rng.NextDouble() < 0.8;
            int wait = channel == Channel.Email ? rng.Next(0, 14 * 86400) : rng.Next(0, 40);
            wait = longWaits && i % 1000 == 0 ? 30 * 86400 : wait;
            int? Score(int lo, int hi) => rng.NextDouble() < 0.2 ? null : rng.Next(lo, hi + 1);
            var (csat, nps, ces) = rng.NextDouble() < 0.3 ? (Score(1, 5), Score(0, 10), Score(1, 7)) : (null, null, null);
            var survey = csat is null && nps is null && ces is null ? null : new SurveyResponse(csat, nps, ces);
            int talk = answered ? rng.Next(30, 900) : 0;
            rows.Add(new Interaction(new InteractionId($"R{i}"), rng.NextDouble() < 0.1 ? null : new CustomerId($"C{rng.Next(0, n / 5 + 1)}"), channel, arrived,
                arrived + Duration.FromSeconds(wait + talk),
                rng.NextDouble() < 0.9 ? Direction.Inbound : Direction.Outbound,
                answered && rng.NextDouble() < 0.95 ? new AgentId($"A{rng.Next(0, agents)}") : null, $"q{rng.Next(0, 3)}", reasons[rng.Next(0, 3)],
                answered ? arrived + Duration.FromSeconds(wait) : null,
                Duration.FromSeconds(talk), answered ? Duration.FromSeconds(rng.Next(0, 60)) : Duration.Zero, Duration.FromSeconds(rng.Next(0, 90)),
                rng.NextDouble() < 0.5 ? rng.NextDouble() < 0.7 : null, rng.Next(0, 4) == 0 ? rng.Next(1, 3) : 0, survey));
        }
        return rows;
    }

    public static TheoryData<string, int> Shapes => new()
    {
        // 8 agents: agent x channel x day has fewer than 65,536 possible keys, so workers split the rows.
        { "channel-day", 8 },
        { "agent-channel-day", 8 },
        // 60 agents: over 65,536 possible keys (dense index), so workers split the groups by a hash of the key.
        { "agent-channel-day", 60 },
        // Over 8 million possible keys (a hash map), local hours across both DST changes.
        { "agent-channel-queue-reason-hour", 60 },
        { "channel-week-ranged", 8 },
        { "reason-month", 8 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Compute_EqualsNaivePerRowReference(string shape, int agents)
    {
        var rows = Contacts(70_000, agents, seed: shape.Length + agents);
        var table = InteractionTable.Create(rows);
        var options = new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(20), Duration.FromSeconds(5)),
            handleTime: HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork, responseTarget: Duration.FromHours(8));
        var (grouping, keyOf) = Grouping(shape);
        var expected = Expected(rows, table, grouping, keyOf, options);

        foreach (int degree in new[] { 1, 2, 3 })
        {
            var groups = KpiRollup.Compute(table, grouping, options, degree);
            groups.Select(g => KeyOfGroup(g, shape)).Should().OnlyHaveUniqueItems();
            groups.ToDictionary(g => KeyOfGroup(g, shape), g => g.Counts.Raw.ToArray()).Should().BeEquivalentTo(expected, $"degree {degree}");
            // Each property read straight from a fresh group's block (before anything expands it) says the same.
            KpiRollup.Compute(table, grouping, options, degree).ToDictionary(g => KeyOfGroup(g, shape), g => ByProperty(g.Counts))
                .Should().BeEquivalentTo(expected, $"properties, degree {degree}");
        }
    }

    /// <summary>
    /// The partitioned path (rows encoded into parts of the key range, each part counted in the cache), forced on every
    /// shape with a dense index, in parts of 1 group (cut at every 64 keys that hold one) and of 100, equals the per-row
    /// reference and the direct path, group for group, at 1, 2 and 3 workers, with repeat-contact FCR. The hashed shape
    /// (over 2^23 keys) never partitions and is checked to give the same result too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void ComputePartitioned_EqualsReferenceAndDirectPath(string shape, int agents)
    {
        // 70,000 rows: over the 65,536 under which one worker counts everything.
        var rows = Contacts(70_000, agents, seed: 7 * shape.Length + agents);
        var table = InteractionTable.Create(rows);
        var options = new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(20), Duration.FromSeconds(5)),
            handleTime: HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork, responseTarget: Duration.FromHours(8));
        var (grouping, keyOf) = Grouping(shape);
        var expected = Expected(rows, table, grouping, keyOf, options);
        expected.Values.Sum(v => v[KpiCounts.FcrEligible]).Should().BePositive("repeat-contact FCR is counted");
        foreach (int degree in new[] { 1, 2, 3 })
        {
            // Parts of int.MaxValue groups: every shape's groups fit one part, so this counts directly (split by rows,
            // or each worker its groups by a hash of the key), never partitioned.
            var direct = KpiRollup.ComputeCore(table, grouping, options, degree, default, null, int.MaxValue, forcePartitioned: false);
            direct.ToDictionary(g => KeyOfGroup(g, shape), g => ByProperty(g.Counts)).Should().BeEquivalentTo(expected, $"direct, degree {degree}");
            foreach (int partGroups in new[] { 1, 100 })
            {
                var partitioned = KpiRollup.ComputeCore(table, grouping, options, degree, default, null, partGroups, forcePartitioned: true);
                partitioned.Select(g => KeyOfGroup(g, shape)).Should().Equal(direct.Select(g => KeyOfGroup(g, shape)), $"the same groups in the same order, degree {degree}, parts of {partGroups}");
                partitioned.ToDictionary(g => KeyOfGroup(g, shape), g => ByProperty(g.Counts)).Should().BeEquivalentTo(expected, $"degree {degree}, parts of {partGroups}");
                partitioned.Select(g => g.Counts).Should().Equal(direct.Select(g => g.Counts), $"degree {degree}, parts of {partGroups}");
            }
        }
    }

    /// <summary>
    /// A wait over 2^31 - 1 ms does not fit the partitioned path's 32-bit values: the worker counts directly instead, and
    /// the sums are still exact (the reference sums longs).
    /// </summary>
    [Fact]
    public void ComputePartitioned_WithValuesOver32Bits_EqualsReference()
    {
        var rows = Contacts(70_000, 60, seed: 11, longWaits: true);
        var table = InteractionTable.Create(rows);
        var options = new KpiOptions(new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(20), Duration.FromSeconds(5)),
            handleTime: HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork, responseTarget: Duration.FromHours(8));
        var (grouping, keyOf) = Grouping("agent-channel-day");
        var expected = Expected(rows, table, grouping, keyOf, options);
        expected.Values.Max(v => Math.Max(v[KpiCounts.AsyncResponseMs], Math.Max(v[KpiCounts.WaitAnsweredMs], v[KpiCounts.WaitAbandonedMs])))
            .Should().BeGreaterThan(int.MaxValue, "some group's wait sum needs 64 bits");
        foreach (int degree in new[] { 1, 2, 3 })
        {
            KpiRollup.ComputeCore(table, grouping, options, degree, default, null, 1, forcePartitioned: true)
                .ToDictionary(g => KeyOfGroup(g, "agent-channel-day"), g => g.Counts.Raw.ToArray()).Should().BeEquivalentTo(expected, $"degree {degree}");
        }
    }

    /// <summary>Every count of every group of <paramref name="grouping"/>, from the per-row reference <see cref="AddRow"/>.</summary>
    private static Dictionary<string, long[]> Expected(List<Interaction> rows, InteractionTable table, KpiGrouping grouping, Func<Interaction, string> keyOf, KpiOptions options)
    {
        // FCR flags from the detector, which RepeatDetection_MatchesPairwiseReference checks against a pairwise reference.
        var flags = table.RepeatFlags(options.Repeat, 1);
        var expected = new Dictionary<string, long[]>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if ((grouping.ArrivedFrom is { } from && r.ArrivedAt < from) || (grouping.ArrivedBefore is { } before && r.ArrivedAt >= before))
            {
                continue;
            }
            string key = keyOf(r);
            if (!expected.TryGetValue(key, out var counts))
            {
                expected[key] = counts = new long[KpiCounts.Slots];
            }
            AddRow(counts, r, flags[i], options);
        }
        return expected;
    }

    [Fact]
    public void RollupCounts_ReadCountsWithoutCopyingAndHistogramsOnce()
    {
        var table = InteractionTable.Create(Contacts(5_000, 8, seed: 3));
        var groups = KpiRollup.Compute(table, new KpiGrouping(KpiDimensions.Channel));
        Read(groups[1].Counts);
        ByProperty(groups[1].Counts);
        var counts = groups[0].Counts;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long read = Read(counts);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, "a count is read from the group's block, with no array made");
        read.Should().BePositive();
        var csat = counts.CsatHistogram;
        before = GC.GetAllocatedBytesForCurrentThread();
        bool same = counts.CsatHistogram.Overlaps(csat);
        int length = counts.Raw.Length + counts.CesHistogram.Length;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, "the block is expanded once, on the first histogram read");
        same.Should().BeTrue();
        length.Should().Be(KpiCounts.Slots + 7);
        counts.Should().Be(KpiCounts.FromCounts(counts.OfferedContacts, counts.QueuedContacts, counts.AnsweredContacts, counts.AbandonedContacts,
            counts.AnsweredWithinThreshold, counts.AbandonedWithinThreshold, counts.ShortAbandonedContacts, counts.ContainedContacts, counts.HandledContacts,
            counts.HandleMilliseconds, counts.TalkMilliseconds, counts.HoldMilliseconds, counts.AfterCallWorkMilliseconds, counts.WaitAnsweredMilliseconds,
            counts.WaitAbandonedMilliseconds, counts.TransferredContacts, counts.ResolvedFlagged, counts.ResolvedTrue, counts.FcrEligibleContacts,
            counts.ResolvedFirstTime, counts.RepeatContacts, counts.CsatHistogram, counts.NpsHistogram, counts.CesHistogram, counts.IssuesResolvedFirstTime,
            counts.AsynchronousContacts, counts.AsynchronousAnswered, counts.ResponseMilliseconds, counts.AnsweredWithinResponseTarget, counts.ResponseTimeHistogram));
    }

    private static long Read(KpiCounts c) => c.OfferedContacts + c.HandledContacts + c.HandleMilliseconds + c.Issues + c.RepeatContacts;

    /// <summary>The values of <paramref name="c"/> read through its properties, the counts first, in the order of <see cref="KpiCounts.Raw"/>.</summary>
    private static long[] ByProperty(KpiCounts c)
    {
        var s = new long[KpiCounts.Slots];
        s[KpiCounts.Offered] = c.OfferedContacts;
        s[KpiCounts.Queued] = c.QueuedContacts;
        s[KpiCounts.Answered] = c.AnsweredContacts;
        s[KpiCounts.Abandoned] = c.AbandonedContacts;
        s[KpiCounts.AnsweredWithin] = c.AnsweredWithinThreshold;
        s[KpiCounts.AbandonedWithin] = c.AbandonedWithinThreshold;
        s[KpiCounts.ShortAbandons] = c.ShortAbandonedContacts;
        s[KpiCounts.Contained] = c.ContainedContacts;
        s[KpiCounts.Handled] = c.HandledContacts;
        s[KpiCounts.HandleMs] = c.HandleMilliseconds;
        s[KpiCounts.TalkMs] = c.TalkMilliseconds;
        s[KpiCounts.HoldMs] = c.HoldMilliseconds;
        s[KpiCounts.AcwMs] = c.AfterCallWorkMilliseconds;
        s[KpiCounts.WaitAnsweredMs] = c.WaitAnsweredMilliseconds;
        s[KpiCounts.WaitAbandonedMs] = c.WaitAbandonedMilliseconds;
        s[KpiCounts.Transferred] = c.TransferredContacts;
        s[KpiCounts.ResolvedKnown] = c.ResolvedFlagged;
        s[KpiCounts.ResolvedYes] = c.ResolvedTrue;
        s[KpiCounts.FcrEligible] = c.FcrEligibleContacts;
        s[KpiCounts.FcrNoRepeat] = c.ResolvedFirstTime;
        s[KpiCounts.Repeats] = c.RepeatContacts;
        s[KpiCounts.IssuesNoRepeat] = c.IssuesResolvedFirstTime;
        s[KpiCounts.AsyncReceived] = c.AsynchronousContacts;
        s[KpiCounts.AsyncAnswered] = c.AsynchronousAnswered;
        s[KpiCounts.AsyncResponseMs] = c.ResponseMilliseconds;
        s[KpiCounts.AsyncWithinTarget] = c.AnsweredWithinResponseTarget;
        (c.Issues + c.RepeatContacts).Should().Be(c.FcrEligibleContacts);
        c.CsatHistogram.CopyTo(s.AsSpan(KpiCounts.CsatBase));
        c.NpsHistogram.CopyTo(s.AsSpan(KpiCounts.NpsBase));
        c.CesHistogram.CopyTo(s.AsSpan(KpiCounts.CesBase));
        c.ResponseTimeHistogram.CopyTo(s.AsSpan(KpiCounts.ResponseBase));
        return s;
    }

    private static (KpiGrouping Grouping, Func<Interaction, string> KeyOf) Grouping(string shape)
    {
        static string Day(Interaction r) => r.ArrivedAt.InZone(Amsterdam).Date.ToString("yyyy-MM-dd", null);
        return shape switch
        {
            "channel-day" => (new KpiGrouping(KpiDimensions.Channel, TimeBucket.Day, Amsterdam), r => $"{r.Channel}|{Day(r)}"),
            "agent-channel-day" => (new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, Amsterdam),
                r => $"{r.AgentId?.Value}|{r.Channel}|{Day(r)}"),
            "agent-channel-queue-reason-hour" => (new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Channel | KpiDimensions.Queue | KpiDimensions.Reason, TimeBucket.Hour, Amsterdam),
                // An hour bucket starts at a local hour; the offset tells the two 02:00s of 26 October apart.
                r => $"{r.AgentId?.Value}|{r.Channel}|{r.Queue}|{r.Reason}|{Hour(r.ArrivedAt)}"),
            "channel-week-ranged" => (new KpiGrouping(KpiDimensions.Channel, TimeBucket.Week, Amsterdam)
            {
                ArrivedFrom = Instant.FromUtc(2025, 4, 2, 13, 0),
                ArrivedBefore = Instant.FromUtc(2025, 10, 28, 7, 30),
            }, r => $"{r.Channel}|{WeekStart(r)}"),
            _ => (new KpiGrouping(KpiDimensions.Reason, TimeBucket.Month, Amsterdam), r => $"{r.Reason}|{r.ArrivedAt.InZone(Amsterdam).Date:yyyy-MM}-01"),
        };
    }

    private static string Hour(Instant t)
    {
        var z = t.InZone(Amsterdam);
        return $"{z.Date:yyyy-MM-dd}T{z.Hour:00}{z.Offset}";
    }

    private static string WeekStart(Interaction r)
    {
        var date = r.ArrivedAt.InZone(Amsterdam).Date;
        return date.PlusDays(-((int)date.DayOfWeek - 1)).ToString("yyyy-MM-dd", null);
    }

    private static string KeyOfGroup(KpiGroup g, string shape)
    {
        var start = g.BucketStart!.Value;
        return shape switch
        {
            "channel-day" => $"{g.Channel}|{start.Date:yyyy-MM-dd}",
            "agent-channel-day" => $"{g.Agent}|{g.Channel}|{start.Date:yyyy-MM-dd}",
            "agent-channel-queue-reason-hour" => $"{g.Agent}|{g.Channel}|{g.Queue}|{g.Reason}|{start.Date:yyyy-MM-dd}T{start.Hour:00}{start.Offset}",
            "channel-week-ranged" => $"{g.Channel}|{start.Date:yyyy-MM-dd}",
            _ => $"{g.Reason}|{start.Date:yyyy-MM-dd}",
        };
    }

    /// <summary>One row's counts, written from the definitions (no lookup tables, no states).</summary>
    private static void AddRow(long[] s, Interaction r, byte flags, KpiOptions options)
    {
        long wait = (long)((r.AnsweredAt ?? r.EndedAt) - r.ArrivedAt).TotalMilliseconds;
        bool inbound = r.Direction == Direction.Inbound;
        if (inbound)
        {
            s[KpiCounts.Offered]++;
            if (r.Channel == Channel.Email)
            {
                s[KpiCounts.AsyncReceived]++;
                if (r.IsAnswered)
                {
                    s[KpiCounts.AsyncAnswered]++;
                    s[KpiCounts.AsyncResponseMs] += wait;
                    s[KpiCounts.AsyncWithinTarget] += wait <= options.ResponseTarget.TotalMilliseconds ? 1 : 0;
                    s[KpiCounts.ResponseBase + KpiCounts.ResponseTimeBucketBounds.Count(b => wait > b.TotalMilliseconds)]++;
                }
            }
            else if (r.Channel.IsLiveQueue())
            {
                s[KpiCounts.Queued]++;
                bool within = wait <= options.ServiceLevel.Threshold.TotalMilliseconds;
                if (r.IsAnswered)
                {
                    s[KpiCounts.Answered]++;
                    s[KpiCounts.AnsweredWithin] += within ? 1 : 0;
                    s[KpiCounts.WaitAnsweredMs] += wait;
                }
                else
                {
                    s[KpiCounts.Abandoned]++;
                    s[KpiCounts.AbandonedWithin] += within ? 1 : 0;
                    s[KpiCounts.ShortAbandons] += wait <= options.ServiceLevel.ShortAbandonThreshold.TotalMilliseconds ? 1 : 0;
                    s[KpiCounts.WaitAbandonedMs] += wait;
                }
            }
            else
            {
                s[KpiCounts.Contained]++;
            }
        }
        if (r.Channel.IsAgentHandled() && r.IsAnswered)
        {
            long talk = (long)r.Talk.TotalMilliseconds, hold = (long)r.Hold.TotalMilliseconds, acw = (long)r.AfterCallWork.TotalMilliseconds;
            s[KpiCounts.Handled]++;
            s[KpiCounts.TalkMs] += talk;
            s[KpiCounts.HoldMs] += hold;
            s[KpiCounts.AcwMs] += acw;
            s[KpiCounts.HandleMs] += talk + acw; // the options count talk and after-call work
            s[KpiCounts.Transferred] += r.Transfers > 0 ? 1 : 0;
            s[KpiCounts.ResolvedKnown] += r.Resolved is null ? 0 : 1;
            s[KpiCounts.ResolvedYes] += r.Resolved == true ? 1 : 0;
        }
        if ((flags & RepeatContactDetector.Eligible) != 0)
        {
            bool followed = (flags & RepeatContactDetector.FollowedByRepeat) != 0, repeat = (flags & RepeatContactDetector.IsRepeat) != 0;
            s[KpiCounts.FcrEligible]++;
            s[KpiCounts.FcrNoRepeat] += followed ? 0 : 1;
            s[KpiCounts.Repeats] += repeat ? 1 : 0;
            s[KpiCounts.IssuesNoRepeat] += !followed && !repeat ? 1 : 0;
        }
        if (r.Survey?.Csat is int csat)
        {
            s[KpiCounts.CsatBase + csat - 1]++;
        }
        if (r.Survey?.Nps is int nps)
        {
            s[KpiCounts.NpsBase + nps]++;
        }
        if (r.Survey?.Ces is int ces)
        {
            s[KpiCounts.CesBase + ces - 1]++;
        }
    }
}
