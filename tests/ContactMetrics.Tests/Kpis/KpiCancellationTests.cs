using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Kpis;

/// <summary>A rollup over a large table can be stopped.</summary>
public class KpiCancellationTests
{
    [Fact]
    public void Compute_WithAToken_SameGroupsAndStopsWhenCancelled()
    {
        // 100,000 answered calls over 100 agents (above the 65,536 rows from which the scan runs in parallel partitions).
        var table = InteractionTable.Create(Enumerable.Range(0, 100_000).Select(i => Answered(customer: $"C{i % 977}", agent: $"A{i % 100}", atHours: i * 0.01)));
        var grouping = new KpiGrouping(KpiDimensions.Agent);

        var plain = KpiRollup.Compute(table, grouping);
        var watched = KpiRollup.Compute(table, grouping, null, null, CancellationToken.None);
        watched.Select(g => (g.Agent, g.Counts.OfferedContacts)).Should().Equal(plain.Select(g => (g.Agent, g.Counts.OfferedContacts)));
        watched.Sum(g => g.Counts.OfferedContacts).Should().Be(100_000);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        FluentActions.Invoking(() => KpiRollup.Compute(table, grouping, null, null, cancel.Token)).Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData(false)] // by channel, few groups: the workers split the rows
    [InlineData(true)] // by agent and hour: 100 agents x 2,000 hours of possible keys, above 65,536: every worker reads every row
    public void Compute_WithProgress_ReportsIncreasingRowsEndingAtTheTotal(bool manyGroups)
    {
        // 200,000 calls: reports come about every 65,536 rows, so at least two before the final one (200,000 / 65,536 = 3.05),
        // and the last report is (200,000, 200,000) whatever the number of workers.
        var table = InteractionTable.Create(Enumerable.Range(0, 200_000).Select(i => Answered(customer: $"C{i % 977}", agent: $"A{i % 100}", atHours: i * 0.01)));
        var grouping = manyGroups ? new KpiGrouping(KpiDimensions.Agent, TimeBucket.Hour, NodaTime.DateTimeZone.Utc) : new KpiGrouping(KpiDimensions.Channel);
        var reports = new List<KpiRollupProgress>();
        var progress = new SynchronousKpiProgress(reports);

        var watched = KpiRollup.Compute(table, grouping, null, null, CancellationToken.None, progress);

        watched.Select(g => g.Counts.OfferedContacts).Should().Equal(KpiRollup.Compute(table, grouping).Select(g => g.Counts.OfferedContacts));
        reports.Should().HaveCountGreaterThanOrEqualTo(3);
        reports.Select(r => r.RowsCounted).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        reports.Should().AllSatisfy(r => r.Rows.Should().Be(200_000));
        reports[^1].RowsCounted.Should().Be(200_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Compute_CancelledWhileEncodingParts_ThrowsAndLeavesNoPartialResult(int degree)
    {
        // By agent and hour: 100 agents x 2,000 hours of possible keys and 200,000 groups, so the rows are partitioned
        // (over 1,536 groups); the first progress report comes from the encoding pass, after about 65,536 of the 200,000
        // rows, and cancels: the rollup must throw there, before any part is counted, and report nothing more.
        var table = InteractionTable.Create(Enumerable.Range(0, 200_000).Select(i => Answered(customer: $"C{i % 977}", agent: $"A{i % 100}", atHours: i * 0.01)));
        var grouping = new KpiGrouping(KpiDimensions.Agent, TimeBucket.Hour, NodaTime.DateTimeZone.Utc);
        var expected = KpiRollup.Compute(table, grouping, null, degree).Select(g => (g.Agent, g.BucketStart, g.Counts.OfferedContacts)).ToList();
        expected.Should().HaveCount(200_000, "each row is its own agent-hour group");
        var reports = new List<KpiRollupProgress>();
        using var cancel = new CancellationTokenSource();
        IReadOnlyList<KpiGroup>? result = null;

        FluentActions.Invoking(() => result = KpiRollup.Compute(table, grouping, null, degree, cancel.Token, new SynchronousKpiProgress(reports, cancel)))
            .Should().Throw<OperationCanceledException>();

        result.Should().BeNull("a cancelled rollup returns no groups");
        reports.Should().NotBeEmpty().And.AllSatisfy(r => r.RowsCounted.Should().BeLessThan(200_000, "the scan stopped before its end"));
        // Nothing the cancelled call left behind (the pooled key array, the repeat flags) changes the next rollup.
        KpiRollup.Compute(table, grouping, null, degree).Select(g => (g.Agent, g.BucketStart, g.Counts.OfferedContacts)).Should().Equal(expected);
    }
}
