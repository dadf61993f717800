using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using FluentAssertions;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

public class AgentAttritionCostTests
{
    // Recruiting 2,500, training 4,000, ramp-up 8 weeks x 38 h at 30 EUR with an average gap of 0.35.
    private static AgentAttritionCost Example() => new(Eur(2500m), Eur(4000m), 8, 0.35, Eur(30m), 38);

    [Fact]
    public void PerLeaver_HandComputed_RecruitingTrainingAndRampUp()
    {
        var cost = Example();

        // Ramp-up: 8 x 38 x 0.35 x 30 = 3,192; per leaver 2,500 + 4,000 + 3,192 = 9,692.
        cost.RampUpPerLeaver.Should().Be(Eur(3192m));
        cost.PerLeaver.Should().Be(Eur(9692m));
    }

    [Fact]
    public void PerYear_HandComputed_LeaversTimesPerLeaver()
    {
        var year = Example().PerYear(0.35, 120);

        // Leavers: 0.35 x 120 = 42; recruiting 42 x 2,500 = 105,000; training 42 x 4,000 = 168,000; ramp 42 x 3,192 = 134,064.
        year.Leavers.Should().BeApproximately(42, 1e-12);
        year.Recruiting.Should().Be(Eur(105_000m));
        year.Training.Should().Be(Eur(168_000m));
        year.RampUp.Should().Be(Eur(134_064m));
        year.Total.Should().Be(Eur(407_064m));
    }

    [Fact]
    public void PerYear_NoAttrition_CostsNothing()
    {
        Example().PerYear(0, 120).Total.Should().Be(Eur(0m));
    }

    [Theory]
    [InlineData(-1, 0.35, 38, "rampWeeks")]
    [InlineData(8, 1.2, 38, "productivityGap")]
    [InlineData(8, double.NaN, 38, "productivityGap")]
    [InlineData(8, 0.35, 0, "paidHoursPerWeek")]
    [InlineData(8, 0.35, 200, "paidHoursPerWeek")]
    public void Constructor_OutOfRange_ThrowsNamingTheInput(double rampWeeks, double gap, double hours, string name)
    {
        var act = () => new AgentAttritionCost(Eur(2500m), Eur(4000m), rampWeeks, gap, Eur(30m), hours);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void Constructor_NegativeRecruiting_ThrowsNamingIt()
    {
        var act = () => new AgentAttritionCost(Eur(-1m), Eur(4000m), 8, 0.35, Eur(30m), 38);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("recruitingPerHire must be between 0 and *; was -1.*");
    }

    [Fact]
    public void Constructor_MixedCurrencies_Throws()
    {
        var act = () => new AgentAttritionCost(Eur(1m), new Money(4000m, Currency.Usd), 8, 0.35, Eur(30m), 38);

        act.Should().Throw<ArgumentException>().WithMessage("trainingPerHire is in USD*");
    }

    [Fact]
    public void PerYear_NegativeRate_Throws()
    {
        var act = () => Example().PerYear(-0.1, 120);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("annualAttritionRate");
    }
}
