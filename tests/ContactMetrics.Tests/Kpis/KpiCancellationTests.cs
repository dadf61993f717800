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
}
