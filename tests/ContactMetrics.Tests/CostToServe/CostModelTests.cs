using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.CostToServe;

public class CostModelTests
{
    private static CostModel WithOverhead(decimal amount) => new(Currency.Eur,
        [new ChannelRates(Channel.Phone, new Money(34m, Currency.Eur), 0.3, 0.85)],
        [new OverheadPool("facilities", new Money(amount, Currency.Eur), OverheadBasis.HandleTime, [Channel.Phone])]);

    [Fact]
    public void WithOverheadsForOneYear_TwoYearsOfData_HalvesTheOverheadAndKeepsTheRates()
    {
        var model = WithOverhead(90_000m);

        var year = model.WithOverheadsForOneYear(730);

        // 90,000 x 365 / 730 = 45,000.
        year.Overheads.Should().ContainSingle().Which.Amount.Should().Be(new Money(45_000m, Currency.Eur));
        year.Overheads[0].Basis.Should().Be(OverheadBasis.HandleTime);
        year.Overheads[0].Channels.Should().Equal(Channel.Phone);
        year.Channels.Should().Equal(model.Channels);
    }

    [Fact]
    public void WithOverheadsForOneYear_RoundsToCents()
    {
        // 1,000 x 365 / 400 = 912.5; 100.01 x 365 / 366 = 99.7367... -> 99.74.
        WithOverhead(1_000m).WithOverheadsForOneYear(400).Overheads[0].Amount.Amount.Should().Be(912.50m);
        WithOverhead(100.01m).WithOverheadsForOneYear(366).Overheads[0].Amount.Amount.Should().Be(99.74m);
    }

    [Theory]
    [InlineData(365)]
    [InlineData(90)]
    public void WithOverheadsForOneYear_AYearOrLess_KeepsTheOverhead(int days) =>
        WithOverhead(12_345.67m).WithOverheadsForOneYear(days).Overheads[0].Amount.Amount.Should().Be(12_345.67m);

    [Fact]
    public void WithOverheadsForOneYear_NoDays_Throws()
    {
        var act = () => WithOverhead(1m).WithOverheadsForOneYear(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("periodDays");
    }
}
