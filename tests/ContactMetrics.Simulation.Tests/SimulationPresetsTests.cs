using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed class SimulationPresetsTests
{
    [Fact]
    public void Telecom_RevenuePerActiveCustomerMonth_IsTheFeeMixPlusUpsells()
    {
        // Planted: fee mean 28 a month x the segments' value factors (0.80 x 1 + 0.17 x 2.5 + 0.03 x 8 = 1.465), i.e.
        // 41.0 a month, plus about one upsell of 60 a year while active (5 a month); bills of quarterly and annual plans
        // are paid in advance, so revenue per month of tenure is somewhat above 46 over a two-year window.
        var center = ContactCenterSimulator.Generate(SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 5, Customers = 3_000 });
        var end = center.End;
        double months = center.CustomerTruths.Sum(t => ((t.ChurnedAt ?? end) - t.AcquiredAt).TotalDays / 30.44);
        double revenue = center.Purchases.Sum(p => (double)p.Amount.Amount);

        (revenue / months).Should().BeInRange(40, 60);
    }

    [Fact]
    public void Insurer_BillsAreMonthlyOrAnnualPremiums()
    {
        // Planted: 40% pay monthly, 60% an annual premium; a customer's bills are all the same amount (fee x months),
        // and the mean premium per month is 60 x the segments' value factors (0.85 + 0.13 x 3 + 0.02 x 10 = 1.44) = 86.
        var center = ContactCenterSimulator.Generate(SimulationPresets.For(SimulationPreset.Insurer) with { Seed = 5, Customers = 2_000 });
        // Monthly payers: customers with one amount repeated at least six times (upsells have amounts of their own).
        var monthly = center.Purchases.GroupBy(p => p.CustomerId)
            .Select(g => g.GroupBy(p => p.Amount).OrderByDescending(a => a.Count()).First())
            .Where(a => a.Count() >= 6).Select(a => (double)a.Key.Amount).ToList();
        var annualBills = center.Purchases.GroupBy(p => p.CustomerId)
            .Count(g => g.GroupBy(p => p.Amount).Any(a => a.Count() == 2 && (a.Last().OccurredAt - a.First().OccurredAt).TotalDays > 360));

        monthly.Should().HaveCountGreaterThan(100);
        annualBills.Should().BeGreaterThan(100);
        monthly.Average().Should().BeInRange(70, 105);
    }

    [Fact]
    public void Retail_HasNoSubscriptionAndTheBenchmarkOrderValue()
    {
        // Gamma-Gamma with the CDNOW shape scaled to a mean order of p gamma / (q - 1) = 75.
        var options = SimulationPresets.For(SimulationPreset.Retail);
        options.Subscription.Should().BeNull();
        options.Spend.MeanAmount.Should().BeApproximately(75, 1e-9);

        var center = ContactCenterSimulator.Generate(options with { Seed = 5, Customers = 3_000 });
        center.Purchases.Average(p => (double)p.Amount.Amount).Should().BeInRange(60, 90);
    }

    [Fact]
    public void For_UndefinedPreset_Throws()
    {
        var act = () => SimulationPresets.For((SimulationPreset)9);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("preset");
    }
}
