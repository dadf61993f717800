using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>The groupings and definitions every engine is checked on, and the comparison with the in-memory engine.</summary>
public static class KpiCases
{
    public static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Groupings (by name, so test names read) across every dimension and bucket, all in Europe/Amsterdam.</summary>
    public static readonly IReadOnlyDictionary<string, KpiGrouping> Groupings = new Dictionary<string, KpiGrouping>
    {
        ["overall"] = new(),
        ["channel by day"] = new(KpiDimensions.Channel, TimeBucket.Day, Amsterdam),
        ["agent by week"] = new(KpiDimensions.Agent, TimeBucket.Week, Amsterdam),
        ["segment by month"] = new(KpiDimensions.Segment, TimeBucket.Month, Amsterdam),
        ["reason by day"] = new(KpiDimensions.Reason, TimeBucket.Day, Amsterdam),
        ["channel and reason by hour"] = new(KpiDimensions.Channel | KpiDimensions.Reason, TimeBucket.Hour, Amsterdam),
        ["direction and queue by 15m"] = new(KpiDimensions.Direction | KpiDimensions.Queue, TimeBucket.Minutes15, Amsterdam),
        ["segment and channel by 30m"] = new(KpiDimensions.Segment | KpiDimensions.Channel, TimeBucket.Minutes30, Amsterdam),
        ["channel, second half of 2024"] = new(KpiDimensions.Channel)
        {
            ArrivedFrom = Instant.FromUtc(2024, 7, 1, 0, 0),
            ArrivedBefore = Instant.FromUtc(2025, 1, 1, 0, 0),
        },
    };

    /// <summary>Definitions other than the defaults: every option the counts depend on changed.</summary>
    public static readonly KpiOptions Changed = new(
        new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(45), Duration.FromSeconds(10)),
        HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork,
        repeat: new RepeatContactOptions(Duration.FromDays(3), sameReason: false, RepeatChannelScope.SameChannel));

    public static TheoryData<string> GroupingNames() => [.. Groupings.Keys];

    /// <summary>Asserts that two engines gave the same groups (keys, bucket starts and lengths) with the same counts.</summary>
    public static void ShouldEqual(IReadOnlyList<GroupedKpiCounts> actual, IReadOnlyList<GroupedKpiCounts> expected)
    {
        expected.Should().NotBeEmpty("the demo has contacts in every grouping");
        actual.Select(g => g.Key).Order(StringComparer.Ordinal).Should().Equal(expected.Select(g => g.Key).Order(StringComparer.Ordinal));
        var byKey = expected.ToDictionary(g => g.Key);
        foreach (var group in actual)
        {
            var want = byKey[group.Key];
            group.Counts.Should().Be(want.Counts, $"the counts of {group.Key} (offered {group.Counts.OfferedContacts} vs {want.Counts.OfferedContacts}, "
                + $"FCR eligible {group.Counts.FcrEligibleContacts} vs {want.Counts.FcrEligibleContacts}, first time {group.Counts.ResolvedFirstTime} vs "
                + $"{want.Counts.ResolvedFirstTime}, repeats {group.Counts.RepeatContacts} vs {want.Counts.RepeatContacts})");
        }
    }
}
