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
    public void For_DefaultTwoYears_OverheadIs45000AYearProRata()
    {
        // 45,000 a year x 730 / 365.25 days = 89,938.398... -> 89,938.40 (as tests/ContactMetrics.Reporting.Tests/ReportData.cs).
        fixture.Small.Options.DurationDays.Should().Be(730);

        var pool = ExampleRates.For(fixture.Small).Overheads.Should().ContainSingle().Which;

        pool.Amount.Amount.Should().Be(89_938.40m);
        pool.Channels.Should().Equal(Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.Social);
    }

    [Fact]
    public void For_Null_Throws()
        => FluentActions.Invoking(() => ExampleRates.For(null!)).Should().Throw<ArgumentNullException>().WithParameterName("center");

    [Fact]
    public void Note_SaysTheRatesAreAssumptions()
        => ExampleRates.Note.Should().Contain("assumptions, not industry benchmarks");
}
