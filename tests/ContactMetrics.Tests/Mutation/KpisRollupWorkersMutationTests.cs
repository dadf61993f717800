using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Kpis;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The rollup's paths for 65,536 rows or more, where several workers count (issue #14 item 9, docs/testing.md "Kpis"):
/// row ranges summed at the end for a small key space, and every worker scanning all rows for its hash share of a large
/// one (a dense index numbered in key order, or a hash map sorted at the end), with progress reported along the way.
/// The slow tests that cover these paths (`KpiRollupReferenceTests.Compute_EqualsNaivePerRowReference`, the progress
/// and parallelism tests) are left out of the mutation runs; this one table of 70,000 rows is built and counted in
/// well under a second, and the expected counts come from a plain loop over the rows' generating rule.
/// </summary>
public class KpisRollupWorkersMutationTests
{
    private const int Rows = 70_000;
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 0, 0);
    private static readonly Lazy<InteractionTable> Table = new(() => InteractionTable.Create(Enumerable.Range(0, Rows).Select(Row)));

    /// <summary>
    /// Row i: agent A(i mod 97); arrives i minutes after T0; queue q(i mod 11), reason r(i mod 13); abandoned when i mod 5 = 0
    /// (after i mod 60 s), else answered after i mod 60 s with 100 + i mod 50 s of talk.
    /// </summary>
    private static Interaction Row(int i)
    {
        var arrived = T0 + Duration.FromMinutes(i);
        var wait = Duration.FromSeconds(i % 60);
        var id = new InteractionId($"W{i}");
        var customer = new CustomerId($"C{i % 1000}");
        if (i % 5 == 0)
        {
            return new Interaction(id, customer, Channel.Phone, arrived, arrived + wait, queue: $"q{i % 11}", reason: $"r{i % 13}");
        }
        var talk = Duration.FromSeconds(100 + (i % 50));
        return new Interaction(id, customer, Channel.Phone, arrived, arrived + wait + talk, Direction.Inbound, new AgentId($"A{i % 97}"),
            $"q{i % 11}", $"r{i % 13}", arrived + wait, talk);
    }

    /// <summary>The expected counts per key, by the generating rule: offered, answered, abandoned, wait of answered (ms), talk (ms).</summary>
    private static Dictionary<TKey, (long Offered, long Answered, long Abandoned, long WaitMs, long TalkMs)> Expected<TKey>(Func<int, TKey> keyOf)
        where TKey : notnull
    {
        var expected = new Dictionary<TKey, (long, long, long, long, long)>();
        for (int i = 0; i < Rows; i++)
        {
            var (offered, answered, abandoned, waitMs, talkMs) = expected.GetValueOrDefault(keyOf(i));
            bool isAnswered = i % 5 != 0;
            expected[keyOf(i)] = (offered + 1, answered + (isAnswered ? 1 : 0), abandoned + (isAnswered ? 0 : 1),
                waitMs + (isAnswered ? (i % 60) * 1000L : 0), talkMs + (isAnswered ? (100 + (i % 50)) * 1000L : 0));
        }
        return expected;
    }

    private static (long, long, long, long, long) Actual(KpiGroup g) =>
        (g.Counts.OfferedContacts, g.Counts.AnsweredContacts, g.Counts.AbandonedContacts, g.Counts.WaitAnsweredMilliseconds, g.Counts.TalkMilliseconds);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Overall_AnyWorkers_CountsEveryRowOnce(int workers)
    {
        // One key: row ranges per worker, summed at the end. 70,000 rows, 14,000 abandoned (i mod 5 = 0).
        var expected = Expected(_ => 0)[0];

        var group = KpiRollup.Compute(Table.Value, maxDegreeOfParallelism: workers).Single();

        Actual(group).Should().Be(expected);
        expected.Abandoned.Should().Be(14_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ByAgent_AnyWorkers_EqualsTheRule(int workers)
    {
        // 98 keys (97 agents and none for the abandoned contacts): the small-key-space path.
        var expected = Expected(i => i % 5 == 0 ? "-" : $"A{i % 97}");

        var groups = KpiRollup.Compute(Table.Value, new KpiGrouping(KpiDimensions.Agent), maxDegreeOfParallelism: workers);

        groups.Should().HaveCount(98);
        groups.ToDictionary(g => g.Agent ?? "-", Actual).Should().Equal(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ByAgentAndHour_ManyKeysThreeWorkers_EqualsTheRuleInKeyOrder(bool hashed)
    {
        // Three workers. Agent (98) x hour (70,000 minutes = 1,167 hours): 114,366 possible keys, over 65,536, a dense index
        // numbered in key order per worker and merged (one worker: KpisRollupMutationTests); with queue (12) and reason (14), 19.2 million, over 8,388,608: a hash map per
        // worker, sorted at the end. Groups come out ordered by key: agent (none first, then A0, A1, A10, ... as the
        // table's dictionary codes, first seen first), then queue and reason (same), then hour.
        var dimensions = KpiDimensions.Agent | (hashed ? KpiDimensions.Queue | KpiDimensions.Reason : KpiDimensions.None);
        var expected = Expected(i => (i % 5 == 0 ? null : $"A{i % 97}", i / 60, hashed ? $"q{i % 11}" : null, hashed ? $"r{i % 13}" : null));
        var table = Table.Value;

        var groups = KpiRollup.Compute(table, new KpiGrouping(dimensions, TimeBucket.Hour, DateTimeZone.Utc), maxDegreeOfParallelism: 3);

        groups.Should().HaveCount(expected.Count);
        var keys = groups.Select(g => (g.Agent, (int)(g.BucketStart!.Value.ToInstant() - T0).TotalHours, g.Queue, g.Reason)).ToList();
        var (agents, queues, reasons) = (Codes(table.Agents), Codes(table.Queues), Codes(table.Reasons));
        keys.Select(k => (Code(agents, k.Agent), Code(queues, k.Queue), Code(reasons, k.Reason), k.Item2)).Should().BeInAscendingOrder();
        groups.Select(Actual).Should().Equal(keys.Select(k => expected[k]));
    }

    private static Dictionary<string, int> Codes(IReadOnlyList<string> names) => names.Select((name, code) => (name, code)).ToDictionary(p => p.name, p => p.code);

    private static int Code(Dictionary<string, int> codes, string? name) => name is null ? -1 : codes[name];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Progress_SeveralWorkers_IncreasesAndEndsAtTheTotal(bool manyKeys)
    {
        // Three workers. With many keys (agent x hour) each scans all 70,000 rows for its share of the groups; with few
        // (by agent) each scans a third of them. Either way the rows counted pass 65,536 once before the end: a report
        // there, then the final one; the counts never fall and stay below the total until the end.
        var reports = new List<KpiRollupProgress>();
        var grouping = manyKeys ? new KpiGrouping(KpiDimensions.Agent, TimeBucket.Hour, DateTimeZone.Utc) : new KpiGrouping(KpiDimensions.Agent);

        KpiRollup.Compute(Table.Value, grouping, maxDegreeOfParallelism: 3, progress: new SynchronousKpiProgress(reports));

        reports.Should().HaveCountGreaterThanOrEqualTo(2, "a report past 65,536 rows counted, then the final one");
        reports[^1].Should().Be(new KpiRollupProgress(Rows, Rows));
        reports.Select(r => r.RowsCounted).Should().BeInAscendingOrder();
        reports.Take(reports.Count - 1).Should().OnlyContain(r => r.RowsCounted >= 65_536 && r.RowsCounted < Rows && r.Rows == Rows);
    }

    [Fact]
    public void Grouping_TooManyCombinationsForSixtyFourBits_SaysSo()
    {
        // 40,000 contacts two hours apart, each with its own agent, queue and reason: (40,000 + 1)^3 agent x queue x reason
        // codes x 10 channel codes x 3 direction codes x 80,000 hourly buckets = 1.5e20 keys, beyond 2^63 = 9.2e18.
        var table = InteractionTable.Create(Enumerable.Range(0, 40_000).Select(i =>
        {
            var arrived = T0 + Duration.FromHours(2 * i);
            return new Interaction(new InteractionId($"O{i}"), new CustomerId("C1"), Channel.Phone, arrived, arrived + Duration.FromMinutes(1),
                Direction.Inbound, new AgentId($"A{i}"), $"q{i}", $"r{i}", arrived, Duration.FromMinutes(1));
        }));
        var dimensions = KpiDimensions.Agent | KpiDimensions.Channel | KpiDimensions.Direction | KpiDimensions.Queue | KpiDimensions.Reason;

        var act = () => KpiRollup.Compute(table, new KpiGrouping(dimensions, TimeBucket.Hour, DateTimeZone.Utc));

        act.Should().Throw<ArgumentException>().WithMessage("The grouping Agent, Channel, Direction, Queue, Reason has too many combinations to key in 64 bits.*");
    }
}
