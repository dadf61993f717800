using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Tests.Kpis;

public class KpiRollupPropertyTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>A seeded random mix of contacts over a month, around the spring DST change.</summary>
    private static List<Interaction> RandomContacts(int n, int seed)
    {
        var rng = new Random(seed);
        var start = Instant.FromUtc(2025, 3, 15, 0, 0);
        var rows = new List<Interaction>(n);
        string[] reasons = ["billing", "technical", "order"];
        for (int i = 0; i < n; i++)
        {
            var arrived = start + Duration.FromSeconds(rng.Next(0, 30 * 86400));
            var channel = (Channel)rng.Next(0, 8);
            bool answered = rng.NextDouble() < 0.85;
            double wait = rng.Next(0, 120);
            var survey = rng.NextDouble() < 0.3 ? new SurveyResponse(rng.Next(1, 6), rng.Next(0, 11), rng.Next(1, 8)) : null;
            rows.Add(new Interaction(new InteractionId($"R{i}"), new CustomerId($"C{rng.Next(0, n / 4 + 1)}"), channel, arrived,
                arrived + Duration.FromSeconds(wait + (answered ? rng.Next(30, 900) : 0)),
                rng.NextDouble() < 0.9 ? Direction.Inbound : Direction.Outbound,
                answered ? new AgentId($"A{rng.Next(0, 12)}") : null, $"q{rng.Next(0, 3)}", reasons[rng.Next(0, 3)],
                answered ? arrived + Duration.FromSeconds(wait) : null,
                answered ? Duration.FromSeconds(rng.Next(30, 600)) : Duration.Zero,
                answered ? Duration.FromSeconds(rng.Next(0, 60)) : Duration.Zero,
                Duration.FromSeconds(rng.Next(0, 90)),
                rng.NextDouble() < 0.5 ? rng.NextDouble() < 0.7 : null, rng.Next(0, 3) == 0 ? 1 : 0, survey));
        }
        return rows;
    }

    private static readonly KpiGrouping AgentChannelDay = new(KpiDimensions.Agent | KpiDimensions.Channel, TimeBucket.Day, Amsterdam);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Compute_AnyDegreeOfParallelism_GivesIdenticalCounts(int seed)
    {
        // 200,000 rows make several partitions of 65,536 rows.
        var table = InteractionTable.Create(RandomContacts(200_000, seed));
        var one = KpiRollup.Compute(table, AgentChannelDay, maxDegreeOfParallelism: 1);
        var many = KpiRollup.Compute(table, AgentChannelDay, maxDegreeOfParallelism: 8);
        many.Should().HaveCount(one.Count);
        for (int g = 0; g < one.Count; g++)
        {
            many[g].Counts.Should().Be(one[g].Counts);
            many[g].Agent.Should().Be(one[g].Agent);
            many[g].BucketStart.Should().Be(one[g].BucketStart);
            many[g].AverageHandleTime.Value.Should().Be(one[g].AverageHandleTime.Value, "bit-identical, not approximately equal");
        }
    }

    [Fact]
    public void Compute_PermutedRows_GiveTheSameGroups()
    {
        var rows = RandomContacts(3000, 11);
        var shuffled = rows.OrderBy(_ => Guid.NewGuid()).ToList();
        var a = KpiRollup.Compute(InteractionTable.Create(rows), new KpiGrouping(KpiDimensions.Channel | KpiDimensions.Reason));
        var b = KpiRollup.Compute(InteractionTable.Create(shuffled), new KpiGrouping(KpiDimensions.Channel | KpiDimensions.Reason));
        // Group order follows dictionary codes (first appearance), so compare by key.
        a.ToDictionary(g => (g.Channel, g.Reason), g => g.Counts).Should().BeEquivalentTo(b.ToDictionary(g => (g.Channel, g.Reason), g => g.Counts));
    }

    [Fact]
    public void Merge_PartialCounts_EqualCountsOfEverything()
    {
        // Split the rows by customer (so repeat chains stay whole); per-half counts add up to the whole.
        var rows = RandomContacts(4000, 5);
        var first = rows.Where(r => r.CustomerId!.Value.Value.GetHashCode(StringComparison.Ordinal) % 2 == 0).ToList();
        var second = rows.Except(first).ToList();
        var all = KpiRollup.Compute(InteractionTable.Create(rows)).Single().Counts;
        var a = KpiRollup.Compute(InteractionTable.Create(first)).Single().Counts;
        var b = KpiRollup.Compute(InteractionTable.Create(second)).Single().Counts;
        (a + b).Should().Be(all);
    }

    [Fact]
    public void Groups_AddUpToTheOverallCounts()
    {
        var table = InteractionTable.Create(RandomContacts(5000, 3));
        var overall = KpiRollup.Compute(table).Single().Counts;
        var groups = KpiRollup.Compute(table, AgentChannelDay);
        groups.Select(g => g.Counts).Aggregate((x, y) => x + y).Should().Be(overall);
    }

    [Fact]
    public void EveryRate_StaysInUnitInterval_AndNpsWithinRange()
    {
        var groups = KpiRollup.Compute(InteractionTable.Create(RandomContacts(5000, 9)),
            new KpiGrouping(KpiDimensions.Agent | KpiDimensions.Queue | KpiDimensions.Direction, TimeBucket.Hour, Amsterdam));
        groups.Should().NotBeEmpty();
        foreach (var g in groups)
        {
            foreach (var rate in new[] { g.ServiceLevel, g.AbandonmentRate, g.TransferRate, g.FirstContactResolution, g.FirstContactResolutionFlag, g.RepeatContactRate, g.Csat, g.CesEffortShare })
            {
                if (rate.Value is double v)
                {
                    v.Should().BeInRange(0, 1);
                    rate.Interval!.Value.Lower.Should().BeGreaterThanOrEqualTo(0);
                    rate.Interval!.Value.Upper.Should().BeLessThanOrEqualTo(1);
                }
            }
            if (g.Nps.Value is double nps)
            {
                nps.Should().BeInRange(-100, 100);
                g.Nps.Interval!.Value.Lower.Should().BeGreaterThanOrEqualTo(-100);
                g.Nps.Interval!.Value.Upper.Should().BeLessThanOrEqualTo(100);
            }
        }
    }

    [Fact]
    public void RepeatDetection_MatchesPairwiseReference()
    {
        // The scalar reference: for every eligible contact, look at every other contact (O(n^2)).
        var rows = RandomContacts(1500, 21);
        var options = new RepeatContactOptions(Duration.FromDays(3));
        var g = KpiRollup.Compute(InteractionTable.Create(rows), options: new KpiOptions(repeat: options)).Single();
        bool InScope(Interaction x) => x.Direction == Direction.Inbound && x.Channel.IsAgentHandled();
        bool Eligible(Interaction x) => InScope(x) && x.IsAnswered;
        int index = 0;
        var order = rows.ToDictionary(r => r, _ => index++);
        bool Later(Interaction a, Interaction b) => b.ArrivedAt > a.ArrivedAt || (b.ArrivedAt == a.ArrivedAt && order[b] > order[a]);
        bool Match(Interaction a, Interaction b) => a.CustomerId == b.CustomerId && InScope(b) && Later(a, b)
            && b.ArrivedAt - a.ArrivedAt <= options.Window && a.Reason == b.Reason;
        long eligible = rows.Count(Eligible);
        long notFollowed = rows.Count(a => Eligible(a) && !rows.Any(b => Match(a, b)));
        long repeats = rows.Count(b => Eligible(b) && rows.Any(a => Eligible(a) && Match(a, b)));
        g.Counts.FcrEligibleContacts.Should().Be(eligible);
        g.Counts.ResolvedFirstTime.Should().Be(notFollowed);
        g.Counts.RepeatContacts.Should().Be(repeats);
        // An issue starts at an eligible contact that repeats nothing; resolved first time when nothing followed it either.
        long issuesResolved = rows.Count(b => Eligible(b) && !rows.Any(a => Eligible(a) && Match(a, b)) && !rows.Any(c => Match(b, c)));
        g.Counts.Issues.Should().Be(eligible - repeats);
        g.Counts.IssuesResolvedFirstTime.Should().Be(issuesResolved);
    }
}
