using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Kpis;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The compact counters' lookup tables at their range ends (issue #14 item 9, docs/testing.md "Kpis"): the lowest score
/// of each survey scale and an abandon at exactly the short-abandon threshold.
/// </summary>
public class KpisSlotsMutationTests
{
    [Fact]
    public void LowestScoresAndAnAbandonAtTheShortThreshold_AreCounted()
    {
        // CSAT 1 (of 1-5), NPS 0 (of 0-10), CES 1 (of 1-7): one answer each in the first bucket. An abandon after exactly
        // 5 s, the default short-abandon threshold (inclusive), is short; one after 6 s is not.
        var table = InteractionTable.Create([KpiFixtures.Answered(csat: 1, nps: 0, ces: 1), KpiFixtures.Abandoned(waitSeconds: 5), KpiFixtures.Abandoned(waitSeconds: 6)]);

        var c = KpiRollup.Compute(table).Single().Counts;

        c.CsatHistogram.ToArray().Should().Equal(1, 0, 0, 0, 0);
        c.NpsHistogram.ToArray().Should().Equal(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        c.CesHistogram.ToArray().Should().Equal(1, 0, 0, 0, 0, 0, 0);
        c.AbandonedContacts.Should().Be(2);
        c.ShortAbandonedContacts.Should().Be(1);
    }
}
