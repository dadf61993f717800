using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Tables;

/// <summary>The table holds the contacts of a <see cref="ContactCenterData"/>: every field of a record, and the same figures.</summary>
public class InteractionTableRecordsTests
{
    [Fact]
    public void ToInteractions_EveryKindOfContact_GivesBackTheRecordsFieldByField()
    {
        // Every field in both of its states: a survey with all four answers and one with only "recommended", an
        // unidentified abandoned contact, an outbound call with no reason, resolved true/false/unknown, transfers, an email
        // that ended 30 days after it was answered (longer than the 24 days a millisecond duration of the table holds).
        var email = new Interaction(new InteractionId("mail-1"), new CustomerId("C2"), Channel.Email, T0, T0 + Duration.FromDays(31),
            answeredAt: T0 + Duration.FromDays(1), talk: Duration.FromMinutes(4), afterCallWork: Duration.FromSeconds(30), resolved: false);
        Interaction[] rows =
        [
            Answered("C1", resolved: true, transfers: 2, hold: 20, acw: 15),
            new Interaction(new InteractionId("srv-1"), new CustomerId("C1"), Channel.Chat, T0, T0 + Duration.FromMinutes(9), agentId: new AgentId("A7"),
                answeredAt: T0 + Duration.FromMinutes(1), talk: Duration.FromMinutes(8), survey: SurveyResponse.Create(4, 9, 6, true, "srv-1")),
            new Interaction(new InteractionId("srv-2"), new CustomerId("C3"), Channel.Phone, T0, T0 + Duration.FromMinutes(2),
                answeredAt: T0, talk: Duration.FromMinutes(2), survey: SurveyResponse.Create(null, null, null, false, "srv-2")),
            new Interaction(new InteractionId("anon"), null, Channel.Ivr, T0, T0 + Duration.FromSeconds(40)),
            Answered("C2", direction: Direction.Outbound, reason: null, queue: null),
            email,
        ];

        var table = InteractionTable.Create(rows);

        table.ToInteractions().Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        table.ToInteraction(5).EndedAt.Should().Be(T0 + Duration.FromDays(31));
    }

    [Fact]
    public void ToInteraction_TimesFinerThanAMillisecond_AreCutToTheMillisecond()
    {
        var at = T0 + Duration.FromTicks(15_000);  // 1.5 ms after T0
        var row = new Interaction(new InteractionId("i1"), new CustomerId("C1"), Channel.Phone, at, at + Duration.FromTicks(25_000));

        var back = InteractionTable.Create([row]).ToInteraction(0);

        (back.ArrivedAt, back.EndedAt).Should().Be((T0 + Duration.FromMilliseconds(1), T0 + Duration.FromMilliseconds(4)));
    }

    [Fact]
    public void ContactCenterDataCreate_TableBuiltWithoutCustomers_GroupsByTheCustomersSegments()
    {
        Customer[] customers =
        [
            new(new CustomerId("C1"), new LocalDate(2024, 1, 1), null, "smb"),
            new(new CustomerId("C2"), new LocalDate(2024, 1, 1), null, "consumer"),
            new(new CustomerId("C3"), new LocalDate(2024, 1, 1)),
        ];
        Interaction[] rows = [Answered("C2"), Answered("C1"), Abandoned("C3"), Answered("C2", atHours: 1), Answered("C4")];

        var fromTable = ContactCenterData.Create(customers, InteractionTable.Create(rows), PurchaseTable.Empty, TouchpointTable.Empty, []);
        var fromRecords = ContactCenterData.Create(customers, rows, [], [], []);

        // Segments in the customers' order (smb, consumer), as a table built with the customers has them; C3 and the
        // unknown C4 have none. By hand: smb 1 offered, consumer 2, none 2.
        fromTable.Interactions.Segments.Should().Equal("smb", "consumer");
        var bySegment = new KpiGrouping(KpiDimensions.Segment);
        var groups = KpiRollup.Compute(fromTable.Interactions, bySegment);
        groups.Select(g => (g.Segment, g.Counts.OfferedContacts)).Should().BeEquivalentTo([("smb", 1L), ("consumer", 2L), ((string?)null, 2L)]);
        groups.Should().BeEquivalentTo(KpiRollup.Compute(fromRecords.Interactions, bySegment), o => o.WithStrictOrdering());
    }

    [Fact]
    public void WithCustomers_OtherSegments_SharesEveryOtherColumnAndKeepsTheSource()
    {
        // Every column property but the three of segments must be the source's own array (a column added to the table and
        // left out of the copy constructor fails here); the source keeps its segments (the copy is a new instance).
        Interaction[] rows = [Answered("C1"), Answered("C2"), Abandoned("C1", atHours: 1)];
        var source = InteractionTable.Create(rows, [new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 1), null, "smb")]);

        var copy = source.WithCustomers([new Customer(new CustomerId("C2"), new LocalDate(2024, 1, 1), null, "consumer")]);

        copy.Should().NotBeSameAs(source);
        source.Segments.Should().Equal("smb");
        copy.Segments.Should().Equal("consumer");
        copy.Segment.Should().Equal(-1, 0, -1);
        source.Segment.Should().Equal(0, -1, 0);
        string[] segmentColumns = [nameof(InteractionTable.Segments), nameof(InteractionTable.Segment), nameof(InteractionTable.SegmentOfCustomer)];
        var columns = typeof(InteractionTable).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Where(p => !p.PropertyType.IsValueType && !segmentColumns.Contains(p.Name)).ToList();
        columns.Should().HaveCountGreaterThan(20);
        foreach (var column in columns)
        {
            column.GetValue(copy).Should().BeSameAs(column.GetValue(source), column.Name);
        }
        (copy.Count, copy.MinArrivedMs, copy.MaxArrivedMs).Should().Be((source.Count, source.MinArrivedMs, source.MaxArrivedMs));
    }

    [Fact]
    public void JourneyBuilderBuild_FromTheTable_GivesTheJourneysOfTheRecords()
    {
        // The records overload maps each record to its service touch itself (no table): an independent path.
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 5, Customers = 800 });
        var options = new JourneyOptions { Lookback = Duration.FromDays(30) };

        var fromTable = JourneyBuilder.Build(center.Touchpoints, center.Conversions, InteractionTable.Create(center.Interactions), options);
        var fromRecords = JourneyBuilder.Build(center.Touchpoints, center.Conversions, center.Interactions, options);

        fromTable.Should().NotBeEmpty().And.Contain(j => j.Touches.Any(t => t.Channel.StartsWith("service:", StringComparison.Ordinal)));
        fromTable.Should().BeEquivalentTo(fromRecords, o => o.WithStrictOrdering());
    }
}
