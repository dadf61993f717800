using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Domain;

public class ObservationWindowTests
{
    // Amsterdam in June is UTC+2: the window 2025-01-01 to the start of 2025-06-01 local ends at 2025-05-31T22:00Z, so its
    // last day is 2025-05-31 (the local day before the end), not the UTC date of the end.
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly ObservationWindow Window = ObservationWindow.OfDays(
        Instant.FromUtc(2025, 1, 1, 9, 0), Instant.FromUtc(2025, 5, 20, 9, 0), Amsterdam,
        Amsterdam.AtStartOfDay(new LocalDate(2025, 6, 1)).ToInstant());

    [Fact]
    public void Known_AcquiredAfterTheLastDay_IsNotYetACustomer()
    {
        Window.LastDay.Should().Be(new LocalDate(2025, 5, 31));
        Window.Known(new Customer(new CustomerId("a"), new LocalDate(2025, 6, 1))).Should().BeNull();
        var lastDay = new Customer(new CustomerId("b"), new LocalDate(2025, 5, 31));
        Window.Known(lastDay).Should().BeSameAs(lastDay);
    }

    [Fact]
    public void Known_ChurnAfterTheLastDay_IsNotYetKnown()
    {
        var later = Window.Known(new Customer(new CustomerId("c"), new LocalDate(2025, 2, 1), new LocalDate(2025, 6, 1), "smb"))!;
        later.ChurnedOn.Should().BeNull();
        later.Segment.Should().Be("smb");
        later.AcquiredOn.Should().Be(new LocalDate(2025, 2, 1));
        var within = new Customer(new CustomerId("d"), new LocalDate(2025, 2, 1), new LocalDate(2025, 5, 31));
        Window.Known(within).Should().BeSameAs(within);
    }
}
