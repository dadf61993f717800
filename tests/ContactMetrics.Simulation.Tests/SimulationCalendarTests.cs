using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed class SimulationCalendarTests
{
    // 2024-03-31 is the spring-forward day in Europe/Amsterdam (02:00 -> 03:00, 23 hours) and
    // 2024-10-27 the fall-back day (03:00 -> 02:00, 25 hours).
    private static readonly SimulationCalendar Calendar = new(new SimulationOptions { Start = new LocalDate(2024, 1, 1), DurationDays = 366 });

    private static int Day(int month, int day) => Period.DaysBetween(new LocalDate(2024, 1, 1), new LocalDate(2024, month, day));

    [Fact]
    public void EndSeconds_PeriodWithBothDstChanges_IsWholeDaysInLocalTime()
    {
        // 366 days in 2024, one hour lost in March and regained in October.
        Calendar.EndSeconds.Should().Be(366L * 86_400);
        Calendar.Days.Should().Be(366);
    }

    [Fact]
    public void SecondsAt_DaylightSavingGap_MovesForward()
    {
        long gap = Calendar.SecondsAt(Day(3, 31), 2, 30 * 60);

        Calendar.ToInstant(gap).InZone(Calendar.Zone).LocalDateTime.Should().Be(new LocalDateTime(2024, 3, 31, 3, 30));
    }

    [Fact]
    public void SecondsAt_OrdinaryDay_IsLocalTime()
    {
        long at = Calendar.SecondsAt(Day(7, 15), 10, 125);

        Calendar.ToInstant(at).InZone(Calendar.Zone).LocalDateTime.Should().Be(new LocalDateTime(2024, 7, 15, 10, 2, 5));
        Calendar.DayOf(at).Should().Be(Day(7, 15));
        Calendar.HourOf(at).Should().Be(10);
    }

    [Fact]
    public void DayOf_BoundariesOfTheFallBackDay_AreThatDay()
    {
        int day = Day(10, 27);
        long start = Calendar.SecondsAt(day, 0, 0);
        long next = Calendar.SecondsAt(day + 1, 0, 0);

        (next - start).Should().Be(25 * 3_600);
        Calendar.DayOf(start).Should().Be(day);
        Calendar.DayOf(next - 1).Should().Be(day);
        Calendar.DayOf(next).Should().Be(day + 1);
        Calendar.DayOf(Calendar.EndSeconds).Should().Be(Calendar.Days);
        Calendar.HourOf(start + (4 * 3_600)).Should().Be(3);
    }

    [Fact]
    public void WeekdayFactor_DefaultWeights_MeanOneAndMondayFirst()
    {
        // 2024-01-01 is a Monday: weight 1.2 over the mean of (1.2, 1.1, 1.05, 1.0, 0.95, 0.5, 0.35) = 0.8786.
        double mean = (1.2 + 1.1 + 1.05 + 1.0 + 0.95 + 0.5 + 0.35) / 7;

        Calendar.WeekdayFactor(0).Should().BeApproximately(1.2 / mean, 1e-12);
        Calendar.WeekdayFactor(6).Should().BeApproximately(0.35 / mean, 1e-12);
        Enumerable.Range(0, 7).Sum(Calendar.WeekdayFactor).Should().BeApproximately(7.0, 1e-12);
    }
}
