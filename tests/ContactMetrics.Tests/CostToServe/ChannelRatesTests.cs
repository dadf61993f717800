using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using FluentAssertions;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

public class ChannelRatesTests
{
    [Fact]
    public void AgentCostPerHandledHour_ShrinkageOccupancyConcurrency_GrossesUpThePaidHour()
    {
        // 36 / ((1 - 0.4) x 0.75 x 1.5) = 36 / 0.675 = 53.3333...
        var rates = new ChannelRates(Channel.Chat, Eur(36m), 0.4, 0.75, concurrency: 1.5);

        rates.AgentCostPerHandledHour.Amount.Should().BeApproximately(53.333333333m, 0.000000001m);
    }

    [Theory]
    [InlineData(-0.1, 0.8, 1.0, "shrinkage", "-0.1")]
    [InlineData(1.0, 0.8, 1.0, "shrinkage", "1")]
    [InlineData(0.3, 1.2, 1.0, "occupancy", "1.2")]
    [InlineData(0.3, 0.0, 1.0, "occupancy", "0")]
    [InlineData(0.3, 0.8, 0.5, "concurrency", "0.5")]
    [InlineData(double.NaN, 0.8, 1.0, "shrinkage", "NaN")]
    public void Constructor_FractionOutOfRange_ThrowsNamingChannelFieldAndValue(double shrinkage, double occupancy, double concurrency, string field, string value)
    {
        var act = () => new ChannelRates(Channel.Messaging, Eur(30m), shrinkage, occupancy, concurrency);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"messaging: {field} must be in *; was {value}.*").Which.ParamName.Should().Be(field);
    }

    [Fact]
    public void Constructor_NegativeRate_ThrowsNamingChannelFieldAndValue()
    {
        var act = () => new ChannelRates(Channel.Phone, Eur(30m), 0.3, 0.8, telephonyPerMinute: Eur(-0.01m));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("phone: telephonyPerMinute must be between 0 and *; was -0.01.*");
    }

    [Fact]
    public void Constructor_NegativeLoadedCost_Throws()
    {
        var act = () => new ChannelRates(Channel.Phone, Eur(-30m), 0.3, 0.8);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("phone: loadedCostPerPaidHour*was -30.*");
    }

    [Fact]
    public void Constructor_MixedCurrencies_Throws()
    {
        var act = () => new ChannelRates(Channel.Phone, Eur(30m), 0.3, 0.8, platformPerContact: new Money(0.1m, Currency.Usd));

        act.Should().Throw<ArgumentException>().WithMessage("phone: platformPerContact is in USD*EUR*");
    }

    [Fact]
    public void CostModel_RatesInAnotherCurrency_Throws()
    {
        var act = () => new CostModel(Currency.Usd, [new ChannelRates(Channel.Phone, Eur(30m), 0.3, 0.8)]);

        act.Should().Throw<ArgumentException>().WithMessage("phone: the rates are in EUR but the cost model is in USD*");
    }

    [Fact]
    public void CostModel_ChannelTwice_Throws()
    {
        var act = () => new CostModel(Currency.Eur, [new ChannelRates(Channel.Phone, Eur(30m), 0.3, 0.8), new ChannelRates(Channel.Phone, Eur(31m), 0.3, 0.8)]);

        act.Should().Throw<ArgumentException>().WithMessage("phone: the channel has rates twice*");
    }

    [Fact]
    public void OverheadPool_NegativeAmount_ThrowsNamingIt()
    {
        var act = () => new OverheadPool("facilities", Eur(-1m), OverheadBasis.Contacts);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("overhead 'facilities': amount must be between 0 and *; was -1.*");
    }
}
