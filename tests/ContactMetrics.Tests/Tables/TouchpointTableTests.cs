using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Tests.Tables;

/// <summary>The marketing touches of a <see cref="ContactCenterData"/> held by column: every field back, and the journeys of the records.</summary>
public class TouchpointTableTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 9, 0);

    private static Touchpoint Touch(string customer, int days, string channel) => new(new CustomerId(customer), T0 + Duration.FromDays(days), channel);

    [Fact]
    public void ToTouchpoints_GivesBackTheRecordsFieldByField()
    {
        Touchpoint[] rows = [Touch("C1", 0, "paid_search"), Touch("C2", -400, "newsletter, weekly"), Touch("C1", 3, "service:phone – Ü"), Touch("C3", 1, "paid_search")];

        var table = TouchpointTable.Create(rows);

        table.Customers.Should().Equal("C1", "C2", "C3");
        table.Channels.Should().Equal("paid_search", "newsletter, weekly", "service:phone – Ü");
        table.ToTouchpoints().Select(t => (t.CustomerId, t.OccurredAt, t.Channel)).Should().Equal(rows.Select(t => (t.CustomerId, t.OccurredAt, t.Channel)));
    }

    [Fact]
    public void JourneyBuilderBuild_FromTheTables_GivesTheJourneysOfTheRecords()
    {
        // The records overload makes each touch from its record (no table): an independent path.
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 800 });
        var options = new JourneyOptions { Lookback = Duration.FromDays(30) };
        var contacts = InteractionTable.Create(center.Interactions);

        var fromTables = JourneyBuilder.Build(TouchpointTable.Create(center.Touchpoints), center.Conversions, contacts, options);
        var fromRecords = JourneyBuilder.Build(center.Touchpoints, center.Conversions, contacts, options);

        fromTables.Should().HaveCountGreaterThan(100).And.Contain(j => j.Conversion != null && j.Touches.Length > 1);
        fromTables.Should().BeEquivalentTo(fromRecords, o => o.WithStrictOrdering());
    }

    [Fact]
    public void ContactCenterDataWithin_TouchesOutsideTheWindow_KeepsThoseInsideInOrder()
    {
        // C9's first touch is before the window: inside it, C2 is the second customer and "email" the first channel.
        var customers = new[] { "C1", "C2", "C9" }.Select(id => new Customer(new CustomerId(id), new LocalDate(2024, 1, 1))).ToList();
        Touchpoint[] touches = [Touch("C9", -10, "display"), Touch("C1", 0, "email"), Touch("C2", 1, "display"), Touch("C9", 2, "email"), Touch("C1", 40, "email")];
        var contact = new Interaction(new InteractionId("i1"), new CustomerId("C1"), Channel.Phone, T0, T0 + Duration.FromMinutes(3));
        var data = ContactCenterData.Create(customers, [contact], [], touches, []);
        var window = new ObservationWindow(T0 - Duration.FromDays(1), T0 + Duration.FromDays(30), DateTimeZone.Utc);

        var known = data.Within(window);

        known.Touchpoints.ToTouchpoints().Select(t => (t.CustomerId.Value, t.Channel)).Should().Equal(("C1", "email"), ("C2", "display"), ("C9", "email"));
        known.Touchpoints.Customers.Should().Equal("C1", "C2", "C9");
        known.Touchpoints.Channels.Should().Equal("email", "display");
        ContactCenterAnalysis.Create(data, window).OutsideWindow.Touchpoints.Should().Be(2);
    }
}
