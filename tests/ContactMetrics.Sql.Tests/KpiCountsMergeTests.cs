using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using DataTables = ContactMetrics.Data.Tables;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// Mergeability (#15 item 5): the KPI counts of partitions, added group by group with <c>+</c>, equal the counts of the
/// whole. Partitions split by customer keep every repeat contact (FCR) inside one partition, so they merge exactly.
/// </summary>
public sealed class KpiCountsMergeTests(DemoTables demo) : IClassFixture<DemoTables>
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Kpis_PartitionsByCustomerMerged_EqualTheWhole(int partitions)
    {
        using var dir = new TempDir();
        var parts = new List<string>();
        // A stable partition of the customers: the last character of the id (contacts without a customer in partition 0).
        foreach (var group in demo.Interactions.GroupBy(i => i.CustomerId is { } c ? c.Value[^1] % partitions : 0))
        {
            parts.Add(Path.Combine(dir.Path, $"part-{group.Key}.csv"));
            DataTables.WriteInteractions(parts[^1], group);
        }
        parts.Should().HaveCount(partitions, "every partition has customers");
        var grouping = new KpiGrouping(KpiDimensions.Channel | KpiDimensions.Segment, TimeBucket.Month, KpiCases.Amsterdam);

        var merged = new Dictionary<string, GroupedKpiCounts>();
        foreach (string part in parts)
        {
            using var engine = DuckDbEngine.Open(threads: 1);
            engine.AttachInteractions(part);
            engine.AttachCustomers(demo.CustomersCsv);
            foreach (var g in engine.Kpis(grouping))
            {
                merged[g.Key] = merged.TryGetValue(g.Key, out var sum) ? sum with { Counts = sum.Counts + g.Counts } : g;
            }
        }
        KpiCases.ShouldEqual([.. merged.Values], demo.InMemory(grouping));
    }

    [Fact]
    public void Kpis_ArrivalRangesOfOneTableMerged_EqualTheWhole()
    {
        // Counting [.., cut) and [cut, ..) of one table looks for repeats in the whole table (as memory does), so even the
        // FCR counts of a contact just before the cut keep their repeat after it: the two ranges add up to the whole.
        var cut = NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0);
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(demo.InteractionsCsv);
        var whole = engine.Kpis(new KpiGrouping()).Single().Counts;
        var before = engine.Kpis(new KpiGrouping { ArrivedBefore = cut }).Single().Counts;
        var after = engine.Kpis(new KpiGrouping { ArrivedFrom = cut }).Single().Counts;
        (before + after).Should().Be(whole);
    }
}
