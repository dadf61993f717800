using System.Collections.Immutable;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Simulation.Tests;
using ContactMetrics.Tables;
using FluentAssertions;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

[Collection(SimulationCollection.Name)]
public class CustomerProfitabilityTests(SimulationFixture fixture)
{
    private static CostToServeResult FourContactCosts() =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel());

    private static Dictionary<CustomerId, Money> Values(params (string Id, decimal Value)[] values) =>
        values.ToDictionary(v => new CustomerId(v.Id), v => Eur(v.Value));

    [Fact]
    public void Compute_ValueMap_RanksByProfitAndCountsTheGaps()
    {
        // Costs (CostToServeCalculatorTests): C1 10.23, C2 0.145, unidentified 0.50. Values: C1 15, C3 4 (no contacts), C2 none (zero).
        var result = CustomerProfitability.Compute(FourContactCosts(), Values(("C1", 15m), ("C3", 4m)), "test");

        // Profits: C1 15 - 10.23 = 4.77; C3 4 - 0 = 4; C2 0 - 0.145 = -0.145.
        result.Customers.Select(c => (c.CustomerId.Value, c.Profit)).Should().Equal(("C1", Eur(4.77m)), ("C3", Eur(4m)), ("C2", Eur(-0.145m)));
        result.TotalValue.Should().Be(Eur(19m));
        result.TotalCost.Should().Be(Eur(10.375m));
        result.TotalProfit.Should().Be(Eur(8.625m));
        result.UnidentifiedCost.Should().Be(Eur(0.50m));
        result.CustomersWithoutValue.Should().Be(1);
        result.CustomersWithoutContacts.Should().Be(1);
    }

    [Fact]
    public void WhaleCurve_HandComputed_PeakAndValueDestroyers()
    {
        var curve = CustomerProfitability.Compute(FourContactCosts(), Values(("C1", 15m), ("C3", 4m)), "test").WhaleCurve;

        // Cumulative profit: 0, 4.77, 8.77, 8.625; the peak is 8.77 at 2 of 3 customers, 8.77 / 8.625 = 1.0168116 of the total.
        curve.Points.Select(p => p.CumulativeProfit).Should().Equal(Eur(0m), Eur(4.77m), Eur(8.77m), Eur(8.625m));
        curve.Peak.Customers.Should().Be(2);
        curve.Peak.CustomerShare.Should().BeApproximately(2.0 / 3, 1e-15);
        curve.Peak.ShareOfTotalProfit!.Value.Should().BeApproximately(8.77 / 8.625, 1e-12);
        curve.Points[^1].ShareOfTotalProfit.Should().Be(1.0);
        curve.TotalProfit.Should().Be(Eur(8.625m));
        curve.ValueDestroyingCustomers.Should().Be(1);
        curve.ValueDestroyingShare.Should().BeApproximately(1.0 / 3, 1e-15);
    }

    [Fact]
    public void Sample_FewerPointsThanAsked_ReturnsThemAll()
    {
        var curve = CustomerProfitability.Compute(FourContactCosts(), Values(("C1", 15m), ("C3", 4m)), "test").WhaleCurve;

        curve.Sample(10).Should().Equal(curve.Points);
        var act = () => curve.Sample(2);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void WhaleCurve_TotalProfitNotPositive_HasNoShares()
    {
        var curve = CustomerProfitability.Compute(FourContactCosts(), Values(("C1", 1m)), "test").WhaleCurve;

        // Profits: C1 1 - 10.23 = -9.23, C2 -0.145: total -9.375; the peak is the origin.
        curve.TotalProfit.Should().Be(Eur(-9.375m));
        curve.Peak.Customers.Should().Be(0);
        curve.Points.Should().OnlyContain(p => p.ShareOfTotalProfit == null);
        curve.ValueDestroyingCustomers.Should().Be(2);
    }

    [Fact]
    public void Compute_OneValueForEveryone_ValuesOnlyCustomersWithContacts()
    {
        var result = CustomerProfitability.Compute(FourContactCosts(), Eur(5m));

        // C1 5 - 10.23 = -5.23; C2 5 - 0.145 = 4.855.
        result.Customers.Select(c => c.Profit).Should().Equal(Eur(4.855m), Eur(-5.23m));
        result.ValueSource.Should().Contain("5 EUR");
    }

    [Fact]
    public void Compute_CustomerValueModel_UsesTheModelsValues()
    {
        var summary = RfmSummary.FromColumns([new CustomerId("C1"), new CustomerId("C2")], [3, 0], [10.0, 0.0], [20.0, 20.0], [], RfmPeriodUnit.Week, Currency.Eur);
        var result = CustomerProfitability.Compute(FourContactCosts(), new TenPerPurchase().ValueTable(summary, new ValuationHorizon(52, 0.01)));

        // The model values C1 at 3 x 10 = 30 and C2 at 0: profits 30 - 10.23 = 19.77 and -0.145.
        result.Customers.Select(c => (c.CustomerId.Value, c.Profit)).Should().Equal(("C1", Eur(19.77m)), ("C2", Eur(-0.145m)));
        result.ValueSource.Should().StartWith(nameof(TenPerPurchase));
    }

    [Fact]
    public void Compute_ValueInAnotherCurrency_ThrowsNamingTheCustomer()
    {
        var values = new Dictionary<CustomerId, Money> { [new CustomerId("C1")] = new Money(3m, Currency.Usd) };

        var act = () => CustomerProfitability.Compute(FourContactCosts(), values, "test");

        act.Should().Throw<ArgumentException>().WithMessage("customer 'C1': the value 3 USD is in USD but the costs are in EUR*");
    }

    [Fact]
    public void WhaleCurve_SimulatedCenterWithRandomValues_EndsAtTotalAndPeaksAboveIt()
    {
        var center = fixture.Small;
        var costs = CostToServeCalculator.Compute(InteractionTable.Create(center.Interactions, center.Customers), CostToServeReconciliationTestsModel());
        var random = new Random(11);
        var values = center.Customers.ToDictionary(c => c.Id, _ => Eur(Math.Round((decimal)(random.NextDouble() * 60), 2)));
        var result = CustomerProfitability.Compute(costs, values, "uniform 0-60");
        var curve = result.WhaleCurve;
        var points = curve.Points;

        points[^1].CumulativeProfit.Should().Be(result.TotalProfit);
        curve.TotalProfit.Should().Be(result.TotalProfit);
        curve.Peak.CumulativeProfit.Should().BeGreaterThanOrEqualTo(curve.TotalProfit);
        points.Max(p => p.CumulativeProfit.Amount).Should().Be(curve.Peak.CumulativeProfit.Amount);
        // Ranked by profit: the curve rises while profits are positive, then falls.
        curve.Peak.Customers.Should().Be(result.Customers.Count(c => c.Profit.Amount > 0));
        curve.ValueDestroyingCustomers.Should().Be(result.Customers.Count(c => c.Profit.Amount < 0));
        curve.ValueDestroyingCustomers.Should().BeGreaterThan(0);
        for (int k = 2; k < points.Length; k++)
        {
            var step = points[k].CumulativeProfit - points[k - 1].CumulativeProfit;
            step.Should().BeLessThanOrEqualTo(points[k - 1].CumulativeProfit - points[k - 2].CumulativeProfit);
        }
        // Total value - total cost - unidentified = value - every contact's cost.
        (result.TotalCost + result.UnidentifiedCost).Should().Be(costs.Total.Total);
        var sample = curve.Sample(50);
        sample.Length.Should().BeLessThanOrEqualTo(50);
        sample.Should().Contain(curve.Peak).And.Contain(points[0]).And.Contain(points[^1]);
    }

    private static CostModel CostToServeReconciliationTestsModel() => new(Currency.Eur,
        ChannelNames.All.Select(c => new ChannelRates(c, Eur(30m), 0.3, 0.85, platformPerContact: Eur(0.1m))));

    private sealed class TenPerPurchase : ICustomerValueModel
    {
        public ImmutableArray<Money> CustomerValues(RfmSummary customers, ValuationHorizon horizon) =>
            [.. customers.Frequency.Select(f => Eur(10m * f))];
    }
}
