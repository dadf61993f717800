using ContactMetrics.Domain;

namespace ContactMetrics.Simulation.Tests;

/// <summary>The demo's example cost rates for a simulated center.</summary>
[Collection(SimulationCollection.Name)]
public sealed class ExampleRatesTests(SimulationFixture fixture)
{
    [Fact]
    public void For_SimulatedCenter_EveryChannelInItsCurrency()
    {
        var model = ExampleRates.For(fixture.Small);

        model.Currency.Should().Be(fixture.Small.Options.Currency);
        model.Channels.Select(c => c.Channel).Should().BeEquivalentTo(Enum.GetValues<Channel>());
    }

    [Fact]
    public void For_DefaultTwoYears_OverheadIs12000PerAgentYear()
    {
        // 12,000 per agent and year x the mean head count x 730 / 365.25 years; the head count counted here day by day
        // from the agents' employment dates (the rates sum employment intervals instead).
        var center = fixture.Small;
        center.Options.DurationDays.Should().Be(730);
        double headCount = Enumerable.Range(0, 730).Select(d => center.Options.Start.PlusDays(d))
            .Average(day => center.AgentTruths.Count(a => a.IsEmployedOn(day)));

        var pool = ExampleRates.For(center).Overheads.Should().ContainSingle().Which;

        ExampleRates.MeanHeadCount(center).Should().BeApproximately(headCount, 1e-9);
        headCount.Should().BeGreaterThan(5);
        ((double)pool.Amount.Amount).Should().BeApproximately(12_000 * headCount * 730 / 365.25, 0.01);
        pool.Channels.Should().Equal(Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.Social);
    }

    [Fact]
    public void For_Null_Throws()
    {
        FluentActions.Invoking(() => ExampleRates.For((SimulatedContactCenter)null!)).Should().Throw<ArgumentNullException>().WithParameterName("center");
        FluentActions.Invoking(() => ExampleRates.For((StreamedContactCenter)null!)).Should().Throw<ArgumentNullException>().WithParameterName("center");
    }

    [Fact]
    public void Note_SaysTheRatesAreAssumptions()
        => ExampleRates.Note.Should().Contain("assumptions, not industry benchmarks");
}
