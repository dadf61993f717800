using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Kpis;

public class KpiBucketTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static IReadOnlyList<KpiGroup> ByBucket(TimeBucket bucket, params Instant[] arrivals) =>
        KpiRollup.Compute(InteractionTable.Create(arrivals.Select(a => Answered(at: a))), new KpiGrouping(Bucket: bucket, TimeZone: Amsterdam));

    [Fact]
    public void Day_SpringForward_Is23Hours()
    {
        // Europe/Amsterdam 2025-03-30: clocks go from 02:00 CET to 03:00 CEST, a 23-hour day (tzdb).
        var groups = ByBucket(TimeBucket.Day, Instant.FromUtc(2025, 3, 29, 23, 30), Instant.FromUtc(2025, 3, 30, 21, 59), Instant.FromUtc(2025, 3, 30, 22, 0));
        groups.Should().HaveCount(2);
        groups[0].BucketStart!.Value.Date.Should().Be(new LocalDate(2025, 3, 30));
        groups[0].BucketStart!.Value.ToInstant().Should().Be(Instant.FromUtc(2025, 3, 29, 23, 0));
        groups[0].BucketLength.Should().Be(Duration.FromHours(23));
        groups[0].Counts.HandledContacts.Should().Be(2, "23:30 UTC on the 29th (00:30 CET) and 21:59 UTC on the 30th (23:59 CEST) are both on local March 30");
        groups[1].BucketStart!.Value.Date.Should().Be(new LocalDate(2025, 3, 31));
        groups[1].BucketLength.Should().Be(Duration.FromHours(24));
    }

    [Fact]
    public void Day_FallBack_Is25Hours()
    {
        // 2025-10-26: clocks go from 03:00 CEST back to 02:00 CET, a 25-hour day.
        var groups = ByBucket(TimeBucket.Day, Instant.FromUtc(2025, 10, 26, 12, 0));
        groups.Single().BucketLength.Should().Be(Duration.FromHours(25));
    }

    [Fact]
    public void QuarterHour_RepeatedHour_KeepsBothPassesApart()
    {
        // Local 02:10 happens twice on 2025-10-26: at 00:10 UTC (CEST) and at 01:10 UTC (CET).
        var groups = ByBucket(TimeBucket.Minutes15, Instant.FromUtc(2025, 10, 26, 0, 10), Instant.FromUtc(2025, 10, 26, 1, 10));
        groups.Should().HaveCount(2);
        groups.Select(g => g.BucketStart!.Value.LocalDateTime).Should().Equal(
            new LocalDateTime(2025, 10, 26, 2, 0), new LocalDateTime(2025, 10, 26, 2, 0));
        groups.Select(g => g.BucketStart!.Value.Offset).Should().Equal(Offset.FromHours(2), Offset.FromHours(1));
        groups.Should().OnlyContain(g => g.BucketLength == Duration.FromMinutes(15));
    }

    [Fact]
    public void Hour_SpringForward_SkipsTheMissingLocalHour()
    {
        // 00:59 UTC is 01:59 CET; 01:00 UTC is 03:00 CEST: consecutive local hours 01:00 and 03:00.
        var groups = ByBucket(TimeBucket.Hour, Instant.FromUtc(2025, 3, 30, 0, 59), Instant.FromUtc(2025, 3, 30, 1, 0));
        groups.Select(g => g.BucketStart!.Value.LocalDateTime.Hour).Should().Equal(1, 3);
    }

    [Fact]
    public void Week_StartsOnMondayLocal()
    {
        // Sunday 2025-03-30 23:30 local and Monday 2025-03-31 00:30 local fall in different ISO weeks.
        var groups = ByBucket(TimeBucket.Week, Instant.FromUtc(2025, 3, 30, 21, 30), Instant.FromUtc(2025, 3, 30, 22, 30));
        groups.Select(g => g.BucketStart!.Value.Date).Should().Equal(new LocalDate(2025, 3, 24), new LocalDate(2025, 3, 31));
        groups[0].BucketLength.Should().Be(Duration.FromHours(7 * 24 - 1), "the week of the spring-forward change is an hour short");
    }

    [Fact]
    public void Month_FollowsLocalCalendar()
    {
        // 2025-01-31 23:30 UTC is already February 1 in Amsterdam (CET, UTC+1).
        var groups = ByBucket(TimeBucket.Month, Instant.FromUtc(2025, 1, 31, 22, 30), Instant.FromUtc(2025, 1, 31, 23, 30));
        groups.Select(g => g.BucketStart!.Value.Date).Should().Equal(new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1));
        groups[1].BucketLength.Should().Be(Duration.FromDays(28));
    }

    [Fact]
    public void HalfHour_ZoneWithHalfHourOffset_AlignsToLocalClock()
    {
        // Asia/Kolkata is UTC+5:30: 04:29 UTC is 09:59 local, bucket 09:30 local.
        var kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var groups = KpiRollup.Compute(InteractionTable.Create([Answered(at: Instant.FromUtc(2025, 3, 3, 4, 29))]),
            new KpiGrouping(Bucket: TimeBucket.Hour, TimeZone: kolkata));
        groups.Single().BucketStart!.Value.LocalDateTime.Should().Be(new LocalDateTime(2025, 3, 3, 9, 0));
    }
}
