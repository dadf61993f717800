using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Domain;

/// <summary>The .NET types at the boundary (DateTimeOffset, DateOnly, TimeSpan) make the same values as the NodaTime ones.</summary>
public class BclBoundaryTests
{
    // 09:15 at +02:00 is 07:15 UTC (hand).
    private static readonly DateTimeOffset Local = new(2025, 3, 1, 9, 15, 0, TimeSpan.FromHours(2));
    private static readonly Instant Utc = Instant.FromUtc(2025, 3, 1, 7, 15);

    [Fact]
    public void MoneyEvents_FromDateTimeOffset_AreTheInstantItDenotes()
    {
        var id = new CustomerId("C1");
        var eur = new Money(12.5m, Currency.Eur);
        new Purchase(id, Local, eur).Should().BeEquivalentTo(new Purchase(id, Utc, eur));
        new Conversion(id, Local, eur).Should().BeEquivalentTo(new Conversion(id, Utc, eur));
        new Touchpoint(id, Local, "email").Should().BeEquivalentTo(new Touchpoint(id, Utc, "email"));
    }

    [Fact]
    public void Customer_FromDateOnly_IsTheLocalDate()
    {
        Customer.Create(new CustomerId("C1"), new DateOnly(2024, 1, 31), new DateOnly(2025, 2, 1), "retail")
            .Should().BeEquivalentTo(new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 31), new LocalDate(2025, 2, 1), "retail"));
    }

    [Fact]
    public void Interaction_FromDateTimeOffsetAndTimeSpan_IsTheNodaTimeOne()
    {
        var bcl = Interaction.Create(new InteractionId("I1"), new CustomerId("C1"), Channel.Phone, Local, Local.AddMinutes(6),
            answeredAt: Local.AddSeconds(20), talk: TimeSpan.FromSeconds(300), hold: TimeSpan.FromSeconds(10), afterCallWork: TimeSpan.FromSeconds(30), resolved: true);
        var noda = new Interaction(new InteractionId("I1"), new CustomerId("C1"), Channel.Phone, Utc, Utc + Duration.FromMinutes(6),
            answeredAt: Utc + Duration.FromSeconds(20), talk: Duration.FromSeconds(300), hold: Duration.FromSeconds(10), afterCallWork: Duration.FromSeconds(30), resolved: true);
        bcl.Should().BeEquivalentTo(noda);
    }

    [Fact]
    public void WindowAndStaffing_FromDateTimeOffsetAndTimeSpan()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var window = new ObservationWindow(Local, Local.AddDays(7), zone);
        window.Start.Should().Be(Utc);
        window.End.Should().Be(Utc + Duration.FromDays(7));

        // REFERENCES.md, Erlang C: 100 contacts per 30 minutes at AHT 180 s (10 Erlangs), 80% in 20 s: 13 agents give
        // SL 0.7956, 14 give 0.8884, so 14.
        var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20)));
        var bcl = planner.Plan([100.0], TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(180));
        var noda = planner.Plan([100.0], Duration.FromMinutes(30), Duration.FromSeconds(180));
        bcl.Requirements[0].Agents.Should().Be(noda.Requirements[0].Agents).And.Be(14);
        new QueueLoad(100, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(180)).Should().BeEquivalentTo(new QueueLoad(100, Duration.FromMinutes(30), Duration.FromSeconds(180)));
    }
}
