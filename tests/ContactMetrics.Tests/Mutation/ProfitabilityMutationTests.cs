using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Customer profitability, the whale curve's sample and the agent attrition cost at the edges Stryker.NET's mutants
/// reached and the suite did not (issue #14 item 9, docs/testing.md); every expected value is a hand computation.
/// </summary>
public class ProfitabilityMutationTests
{
    private static CostToServeResult FourContactCosts() =>
        CostToServeCalculator.Compute(InteractionTable.Create(FourContacts(), TwoCustomers()), SmallModel(), maxDegreeOfParallelism: 1);

    /// <summary>
    /// Ten customers: D1..D8 with values 8..1 and no contacts (profit = value); C1 worth 15 at a cost of 10.23 (profit 4.77);
    /// C2 with no value at a cost of 0.145 (profit -0.145). Ranked: 8, 7, 6, 5, 4.77, 4, 3, 2, 1, -0.145.
    /// </summary>
    private static CustomerProfitability TenCustomers()
    {
        var values = new Dictionary<CustomerId, Money> { [new CustomerId("C1")] = Eur(15m) };
        for (int k = 1; k <= 8; k++)
        {
            values[new CustomerId($"D{k}")] = Eur(9 - k);
        }
        return CustomerProfitability.Compute(FourContactCosts(), values, "hand");
    }

    [Fact]
    public void WhaleCurve_TenCustomers_PeaksBeforeTheLossMaker()
    {
        var curve = TenCustomers().WhaleCurve;

        // Cumulative after 9: 8 + 7 + 6 + 5 + 4.77 + 4 + 3 + 2 + 1 = 40.77; after 10: 40.77 - 0.145 = 40.625.
        curve.Points.Should().HaveCount(11);
        curve.Peak.Customers.Should().Be(9);
        curve.Peak.CumulativeProfit.Should().Be(Eur(40.77m));
        curve.Peak.CustomerShare.Should().BeApproximately(0.9, 1e-15);
        curve.Peak.ShareOfTotalProfit!.Value.Should().BeApproximately(40.77 / 40.625, 1e-12);
        curve.TotalProfit.Should().Be(Eur(40.625m));
        curve.Points[0].ShareOfTotalProfit.Should().Be(0);
        curve.ValueDestroyingCustomers.Should().Be(1);
        curve.ValueDestroyingShare.Should().BeApproximately(0.1, 1e-15);
    }

    [Fact]
    public void Sample_FivePointsOfEleven_KeepsEndsPeakAndEvenlySpacedRanks()
    {
        var curve = TenCustomers().WhaleCurve;

        // Ranks {0, peak 9, last 10} and 5 - 3 = 2 spaced: floor(10 x 1 / 3) = 3, floor(10 x 2 / 3) = 6.
        // Cumulative at 3: 8 + 7 + 6 = 21; at 6: 21 + 5 + 4.77 + 4 = 34.77.
        curve.Sample(5).Select(p => (p.Customers, p.CumulativeProfit)).Should().Equal(
            (0, Eur(0m)), (3, Eur(21m)), (6, Eur(34.77m)), (9, Eur(40.77m)), (10, Eur(40.625m)));
    }

    [Fact]
    public void Sample_TenPointsOfEleven_SpacesSevenRanks()
    {
        var curve = TenCustomers().WhaleCurve;

        // 10 - 3 = 7 spaced: floor(10 j / 8) for j = 1..7 = 1, 2, 3, 5, 6, 7, 8; with 0, 9 and 10, ten distinct ranks.
        curve.Sample(10).Select(p => p.Customers).Should().Equal(0, 1, 2, 3, 5, 6, 7, 8, 9, 10);
        curve.Sample(11).Should().Equal(curve.Points);
        curve.Sample(3).Select(p => p.Customers).Should().Equal(0, 9, 10);
    }

    [Fact]
    public void Compute_EqualProfits_RankedByCustomerId()
    {
        // B and A both have profit 3 and no contacts; C1 4.77 first; C2 -0.145 last. Ties by ordinal id: A before B.
        var values = new Dictionary<CustomerId, Money> { [new CustomerId("B")] = Eur(3m), [new CustomerId("C1")] = Eur(15m), [new CustomerId("A")] = Eur(3m) };

        var result = CustomerProfitability.Compute(FourContactCosts(), values, "hand");

        result.Customers.Select(c => c.CustomerId.Value).Should().Equal("C1", "A", "B", "C2");
        result.Customers.Select(c => c.Contacts).Should().Equal(2L, 0L, 0L, 1L);
        result.Currency.Should().Be(Currency.Eur);
        result.ValueSource.Should().Be("hand");
    }

    [Fact]
    public void Compute_ValuePerCustomer_EveryIdentifiedCustomerGetsIt()
    {
        // 5 EUR each: C1 5 - 10.23 = -5.23; C2 5 - 0.145 = 4.855; the unidentified bot contact gets no value.
        var result = CustomerProfitability.Compute(FourContactCosts(), Eur(5m));

        result.Customers.Select(c => (c.CustomerId.Value, c.Profit)).Should().Equal(("C2", Eur(4.855m)), ("C1", Eur(-5.23m)));
        result.ValueSource.Should().Be("given: 5 EUR per customer");
        result.CustomersWithoutValue.Should().Be(0);
        result.CustomersWithoutContacts.Should().Be(0);
        result.UnidentifiedCost.Should().Be(Eur(0.50m));
    }

    [Fact]
    public void Compute_InvalidArguments_ThrowNamingThem()
    {
        var usd = () => CustomerProfitability.Compute(FourContactCosts(), new Money(5m, Currency.Usd));
        var blank = () => CustomerProfitability.Compute(FourContactCosts(), new Dictionary<CustomerId, Money>(), " ");
        var noCosts = () => CustomerProfitability.Compute(null!, Eur(5m));
        var noValues = () => CustomerProfitability.Compute(FourContactCosts(), (IReadOnlyDictionary<CustomerId, Money>)null!, "x");

        usd.Should().Throw<ArgumentException>().WithMessage("The value per customer 5 USD is in USD but the costs are in EUR.*").Which.ParamName.Should().Be("valuePerCustomer");
        blank.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("valueSource");
        noCosts.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("costs");
        noValues.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("values");
    }

    [Fact]
    public void AgentAttritionCost_RangeEnds_AcceptedAsDocumented()
    {
        // 520 weeks, gap 1, 168 h a week, amounts 0 and 1e12 are all inside their ranges.
        var cost = new AgentAttritionCost(Eur(0m), Eur(1_000_000_000_000m), 520, 1, Eur(1m), 168);

        // Ramp-up: 1 EUR x 520 x 168 x 1 = 87,360.
        cost.RampUpPerLeaver.Should().Be(Eur(87_360m));
        cost.PerLeaver.Should().Be(Eur(1_000_000_087_360m));
        cost.Currency.Should().Be(Currency.Eur);
        // PerYear's ranges: attrition rate up to 10 a year, headcount up to 1e7; 10 x 1 = 10 leavers.
        var year = cost.PerYear(10, 1);
        year.Leavers.Should().Be(10);
        year.RampUp.Should().Be(Eur(873_600m));
        year.Recruiting.Should().Be(Eur(0m));
        cost.PerYear(0.5, 1e7).Leavers.Should().Be(5e6);
    }

    [Theory]
    [InlineData(520.5, 0.35, 38, 0.0, "rampWeeks")]
    [InlineData(8, 0.35, 168.5, 0.0, "paidHoursPerWeek")]
    [InlineData(8, 0.35, double.NaN, 0.0, "paidHoursPerWeek")]
    [InlineData(8, 0.35, 38, 1_000_000_000_000.01, "trainingPerHire")]
    public void AgentAttritionCost_PastTheRangeEnds_ThrowsNamingTheInput(double rampWeeks, double gap, double hours, double training, string name)
    {
        var act = () => new AgentAttritionCost(Eur(2500m), Eur(training == 0 ? 4000m : (decimal)training), rampWeeks, gap, Eur(30m), hours);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void AgentAttritionCost_PerYearPastTheRangeEnds_Throws()
    {
        var cost = new AgentAttritionCost(Eur(2500m), Eur(4000m), 8, 0.35, Eur(30m), 38);

        var rate = () => cost.PerYear(10.5, 100);
        var headcount = () => cost.PerYear(0.3, 1.5e7);

        rate.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("annualAttritionRate");
        headcount.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("headcount");
    }
    [Fact]
    public void WhaleCurve_EveryProfitZero_HasNoSharesNoDestroyersAndPeaksAtTheOrigin()
    {
        // Values equal to the costs (CostToServeCalculatorTests: C1 10.23, C2 0.145): both profits 0, total 0.
        var values = new Dictionary<CustomerId, Money> { [new CustomerId("C1")] = Eur(10.23m), [new CustomerId("C2")] = Eur(0.145m) };

        var curve = CustomerProfitability.Compute(FourContactCosts(), values, "hand").WhaleCurve;

        curve.TotalProfit.Should().Be(Eur(0m));
        curve.Points.Should().HaveCount(3).And.OnlyContain(p => p.ShareOfTotalProfit == null);
        curve.ValueDestroyingCustomers.Should().Be(0);
        curve.Peak.Customers.Should().Be(0);
    }

    [Fact]
    public void WhaleCurve_NoCustomers_IsTheOriginAlone()
    {
        var costs = CostToServeCalculator.Compute(InteractionTable.Create([]), SmallModel());

        var curve = CustomerProfitability.Compute(costs, new Dictionary<CustomerId, Money>(), "hand").WhaleCurve;

        curve.Points.Should().ContainSingle();
        curve.ValueDestroyingShare.Should().Be(0);
        curve.Peak.Customers.Should().Be(0);
    }

    [Fact]
    public void CostModel_ChannelPastTheLastAndNullRates_AreRefused()
    {
        // Channel 8 is one past the eight channels (phone .. ivr): no rates, not an index past the table.
        SmallModel().RatesOf((Channel)8).Should().BeNull();
        var act = () => new CostModel(Currency.Eur, null!);
        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("channels");
    }
}
