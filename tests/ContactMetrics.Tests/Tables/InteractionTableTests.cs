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
        // The builder's columns start at 1,024 rows and grow: 3,000 rows cross two growth steps.
        var rows = Enumerable.Range(0, 3000).Select(k => Answered($"C{k % 7}", atHours: k)).ToArray();

        var table = InteractionTable.Create(rows);

        table.InteractionIdOf(0).Should().Be(rows[0].Id);
        table.InteractionIdOf(1024).Should().Be(rows[1024].Id);
        table.InteractionIdOf(2999).Should().Be(rows[2999].Id);
    }

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
