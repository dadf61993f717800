using ContactMetrics.Domain;
using ContactMetrics.Tables;
using static ContactMetrics.Tests.Kpis.KpiFixtures;

namespace ContactMetrics.Tests.Tables;

public class InteractionTableTests
{
    [Fact]
    public void InteractionIdOf_EveryRow_IsTheIdOfTheInteractionAddedInThatPosition()
    {
        Interaction[] rows = [Answered("C1"), Abandoned("C2"), SelfService("C1"), Answered("C3")];

        var table = InteractionTable.Create(rows);

        Enumerable.Range(0, table.Count).Select(table.InteractionIdOf).Should().Equal(rows.Select(r => r.Id));
    }

    [Fact]
    public void InteractionIdOf_MoreRowsThanTheFirstColumnBlock_KeepsEveryId()
    {
        // The builder fills columns in chunks of 8,192 rows and ids in chunks of 64 KiB: 20,000 rows with ids of up to
        // 2,000 characters (some not ASCII) cross both many times.
        var rows = Enumerable.Range(0, 20_000)
            .Select(k => Answered($"C{k % 7}", atHours: k) is var i && k % 50 == 0 ? Renamed(i, $"é-{new string('x', k % 2_000)}-{k}") : i).ToArray();

        var table = InteractionTable.Create(rows);

        Enumerable.Range(0, table.Count).Select(table.InteractionIdOf).Should().Equal(rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9_000)]
    [InlineData(20_000)]
    [InlineData(50_000)]
    public void Builder_EnsureCapacity_AnyRoom_GivesTheSameTable(int room)
    {
        // Room below the rows (9,000 of 20,000) continues in chunks; room above them leaves the columns longer than the table.
        var rows = Enumerable.Range(0, 20_000).Select(k => Answered($"C{k % 101}", atHours: k * 0.3, reason: k % 3 == 0 ? "billing" : "outage", csat: k % 7 == 0 ? 4 : null)).ToArray();
        var builder = new InteractionTable.Builder();
        builder.EnsureCapacity(room);
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        var table = builder.Build();

        var grouping = new ContactMetrics.Kpis.KpiGrouping(ContactMetrics.Kpis.KpiDimensions.Channel | ContactMetrics.Kpis.KpiDimensions.Reason, TimeBucket.Day, NodaTime.DateTimeZone.Utc);
        ContactMetrics.Kpis.KpiRollup.Compute(table, grouping).Should().BeEquivalentTo(ContactMetrics.Kpis.KpiRollup.Compute(InteractionTable.Create(rows), grouping), o => o.WithStrictOrdering());
        (table.MinArrivedMs, table.MaxArrivedMs).Should().Be((rows[0].ArrivedAt.ToUnixTimeMilliseconds(), rows[^1].ArrivedAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Builder_EnsureCapacityAfterAnAdd_Throws()
    {
        var builder = new InteractionTable.Builder();
        builder.Add(Answered());

        FluentActions.Invoking(() => builder.EnsureCapacity(10)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Builder_RowOf_FindsTheFirstRowWithTheId_BeforeAndAfterLaterAdds()
    {
        var builder = new InteractionTable.Builder();
        var first = Enumerable.Range(0, 5_000).Select(k => Renamed(Answered(), $"id-{k}")).ToArray();
        foreach (var row in first)
        {
            builder.Add(row);
        }

        builder.RowOf(new InteractionId("id-4321")).Should().Be(4321);
        builder.RowOf(new InteractionId("id-5000")).Should().Be(-1);
        builder.Add(Renamed(Answered(), "id-5000"));
        builder.Add(Renamed(Answered(), "id-17"));
        builder.RowOf(new InteractionId("id-5000")).Should().Be(5000);
        builder.RowOf(new InteractionId("id-17")).Should().Be(17, "the first row with the id");
        builder.Count.Should().Be(5002);
    }

    private static Interaction Renamed(Interaction i, string id) => new(new InteractionId(id), i.CustomerId, i.Channel, i.ArrivedAt, i.EndedAt, i.Direction,
        i.AgentId, i.Queue, i.Reason, i.AnsweredAt, i.Talk, i.Hold, i.AfterCallWork, i.Resolved, i.Transfers, i.Survey);

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void InteractionIdOf_RowOutsideTheTable_ThrowsNamingTheRow(int row)
    {
        var table = InteractionTable.Create([Answered(), Answered()]);

        var act = () => table.InteractionIdOf(row);

        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("row");
    }

    [Fact]
    public void Builder_AddAfterBuild_Throws()
    {
        var builder = new InteractionTable.Builder();
        builder.Add(Answered());
        builder.Build();

        var act = () => builder.Add(Answered());

        act.Should().Throw<InvalidOperationException>();
    }
}
