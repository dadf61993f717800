using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Tables;

/// <summary>
/// A customer's contacts in a stable order of arrival, computed once per table, and a window's contacts copied column by
/// column: the figures of the record paths.
/// </summary>
public class CustomerContactsTests
{
    [Fact]
    public void RetentionBuildTable_FortyContactsAtOneInstant_TakesTheFirstRowAsTheFirstContact()
    {
        // C1's 40 contacts arrive at the same instant; row 0 is rated 5 (top box, at least 4), the others 1. In a stable
        // order the first surveyed contact is row 0, so C1 is in the top-box (reference) group; C2's single contact rated 2
        // puts C2 in the exposed group. (An unstable sort of 40 equal keys need not keep row 0 first.)
        var rows = Enumerable.Range(0, 40).Select(k => Answered("C1", csat: k == 0 ? 5 : 1)).Append(Answered("C2", csat: 2)).ToList();
        Customer[] customers = [new(new CustomerId("C1"), new LocalDate(2024, 1, 1)), new(new CustomerId("C2"), new LocalDate(2024, 1, 1))];
        var table = InteractionTable.Create(rows);

        var built = RetentionUpliftBuilder.BuildTable(customers, table, UpliftGrouping.Csat, T0 + Duration.FromDays(30));

        var groupOf = built.Table.Ids.Zip(built.Table.Groups).ToDictionary(p => p.First, p => p.Second);
        groupOf.Should().Equal(new Dictionary<string, string> { ["C1"] = built.ReferenceGroup, ["C2"] = built.ExposedGroup });
        table.ContactsByCustomer().Before(new CustomerId("C1"), T0 + Duration.FromDays(1)).ToArray().Should().Equal(Enumerable.Range(0, 40));
        table.ContactsByCustomer().Should().BeSameAs(table.ContactsByCustomer());
    }

    [Fact]
    public void Before_TheObservationEnd_KeepsOnlyTheContactsThatArrivedBeforeIt()
    {
        // C1 at T0 + 2 h, T0 and T0 + 1 h (rows 0, 1, 2): in order of arrival rows 1, 2, 0; before T0 + 1 h only row 1.
        var table = InteractionTable.Create([Answered("C1", atHours: 2), Answered("C1"), Answered("C1", atHours: 1)]);

        var contacts = table.ContactsByCustomer();

        contacts.Before(new CustomerId("C1"), T0 + Duration.FromHours(3)).ToArray().Should().Equal(1, 2, 0);
        contacts.Before(new CustomerId("C1"), T0 + Duration.FromHours(1)).ToArray().Should().Equal(1);
        contacts.Before(new CustomerId("C9"), T0 + Duration.FromHours(3)).ToArray().Should().BeEmpty();
    }

    [Fact]
    public void ContactCenterDataWithin_ContactsOutsideTheWindow_CopiesTheRowsInsideAsTheRecordsWouldBuildThem()
    {
        // Contacts before, inside and after the window; the rows inside start with a new agent, queue and reason order.
        Customer[] customers = [new(new CustomerId("C1"), new LocalDate(2024, 1, 1), null, "smb"), new(new CustomerId("C2"), new LocalDate(2024, 1, 1), null, "consumer")];
        Interaction[] rows =
        [
            Answered("C1", atHours: -48, agent: "A1", queue: "q1", reason: "billing"),
            Answered("C2", atHours: 1, agent: "A2", queue: "q2", reason: "outage", csat: 4, resolved: true, transfers: 1, hold: 12, acw: 30),
            Abandoned("C1", atHours: 2, queue: "q1", reason: "billing"),
            new Interaction(new InteractionId("anon"), null, Channel.Ivr, T0 + Duration.FromHours(3), T0 + Duration.FromHours(3.1)),
            Answered("C2", atHours: 24 * 40, agent: "A3"),
        ];
        var data = ContactCenterData.Create(customers, rows, [], [], []);
        var window = new ObservationWindow(T0 - Duration.FromDays(1), T0 + Duration.FromDays(30), DateTimeZone.Utc);

        var known = data.Within(window).Interactions;
        var fromRecords = InteractionTable.Create(rows[1..4], customers);

        known.Count.Should().Be(3);
        known.ToInteractions().Should().BeEquivalentTo(fromRecords.ToInteractions(), o => o.WithStrictOrdering());
        (known.Customers, known.Agents, known.Queues, known.Reasons, known.Segments).Should().BeEquivalentTo(
            (fromRecords.Customers, fromRecords.Agents, fromRecords.Queues, fromRecords.Reasons, fromRecords.Segments), o => o.WithStrictOrdering());
        known.Agents.Should().Equal("A2");
        var bySegment = new KpiGrouping(KpiDimensions.Segment | KpiDimensions.Queue);
        KpiRollup.Compute(known, bySegment).Should().BeEquivalentTo(KpiRollup.Compute(fromRecords, bySegment), o => o.WithStrictOrdering());
    }
}
