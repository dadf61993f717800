using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.Valuation;

public class UncertainInputCostToServeTests
{
    [Fact]
    public void FromCostPerContact_FourContactCase_PointIsCostPerContactWithRange()
    {
        // CostToServeCalculatorTests: the four contacts cost 10.875 EUR, 2.71875 EUR per contact. +-20%: [2.175, 3.2625].
        var result = CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel());

        var input = UncertainInput.FromCostPerContact("cost per contact", result, 0.2, "test rates");

        input.Point.Should().Be(2.71875);
        input.Low.Should().BeApproximately(2.175, 1e-12);
        input.High.Should().BeApproximately(3.2625, 1e-12);
        input.Currency.Should().Be(Currency.Eur);
        input.Distribution.Should().Be(SamplingDistribution.Pert);
        input.Source.Origin.Should().Be(InputOrigin.Modelled, "measured handle times x assumed rates");
        input.Source.ToString().Should().StartWith("modelled: ");
        input.Source.SampleSize.Should().Be(4);
        input.Source.Description.Should().Contain("test rates");
    }

    [Fact]
    public void FromAttritionCost_HandComputedPerLeaver_AssumedWithParts()
    {
        // AgentAttritionCostTests: 2,500 + 4,000 + 8 x 38 x 0.35 x 30 (3,192) = 9,692 EUR per leaver; +-25%: [7,269, 12,115].
        var cost = new AgentAttritionCost(Eur(2500m), Eur(4000m), 8, 0.35, Eur(30m), 38);

        var input = UncertainInput.FromAttritionCost("cost per leaver", cost, 0.25, "HR figures");

        input.Point.Should().Be(9692);
        input.Low.Should().Be(7269);
        input.High.Should().Be(12115);
        input.Source.Origin.Should().Be(InputOrigin.Assumed);
        input.Source.Description.Should().Contain("3192.00 EUR").And.Contain("HR figures");
    }

    [Fact]
    public void FromCostPerContact_RangeOne_ThrowsNamingArgument()
    {
        var result = CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel());

        var act = () => UncertainInput.FromCostPerContact("cost per contact", result, 1, "x");

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "relativeRange");
    }
}
