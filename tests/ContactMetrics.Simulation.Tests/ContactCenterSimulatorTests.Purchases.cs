using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    private static readonly Lazy<SimulatedContactCenter> PureBgNbd = new(() => ContactCenterSimulator.Generate(new SimulationOptions
    {
        Seed = 11, Customers = 6_000, InitialCustomerShare = 1.0, Churn = ChurnOptions.None,
    }));

    [Fact]
    public void Generate_NoChurn_RepeatPurchasesMatchTheBgNbdExpectation()
    {
        // E[X(t)] of BG/NBD: Fader, Hardie & Lee (2005), Marketing Science 24(2), equation (9),
        // with the planted CDNOW parameters; every customer is acquired on the first day.
        var center = PureBgNbd.Value;
        var bg = center.Options.Purchases;
        var counts = center.Purchases.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Count() - 1);

        double observed = center.CustomerTruths.Average(t => counts[t.CustomerId]);
        double expected = center.CustomerTruths.Average(t => ExpectedRepeatPurchases(bg, (center.End - t.AcquiredAt).TotalDays / 7.0));

        expected.Should().BeInRange(1.0, 3.0);
        observed.Should().BeApproximately(expected, 0.08 * expected);
    }

    [Fact]
    public void Generate_NoChurn_ShareWithoutRepeatPurchaseMatchesBgNbd()
    {
        // P(X(t) = 0) = (alpha / (alpha + t))^r under BG/NBD (no drop-out before the first repeat):
        // Fader, Hardie & Lee (2005), equation (8) with x = 0.
        var center = PureBgNbd.Value;
        var bg = center.Options.Purchases;
        var counts = center.Purchases.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Count() - 1);

        double observed = center.CustomerTruths.Count(t => counts[t.CustomerId] == 0) / (double)center.CustomerTruths.Count;
        double expected = center.CustomerTruths.Average(t => Math.Pow(bg.Alpha / (bg.Alpha + ((center.End - t.AcquiredAt).TotalDays / 7.0)), bg.R));

        observed.Should().BeApproximately(expected, 0.02);
    }

    [Fact]
    public void Generate_Spend_MeanMatchesGammaGamma()
    {
        // E[z] = p gamma / (q - 1) = 35.22 with the planted values (Fader, Hardie & Lee 2005, JMR 42(4)).
        var center = PureBgNbd.Value;
        double mean = (double)center.Purchases.Average(p => p.Amount.Amount);

        mean.Should().BeApproximately(center.Options.Spend.MeanAmount, 0.04 * center.Options.Spend.MeanAmount);
        center.Purchases.Should().OnlyContain(p => p.Amount.Currency == center.Options.Currency && p.Amount.Amount >= 0.01m);
    }

    [Fact]
    public void Generate_Purchases_AfterDropoutNeverHappen()
    {
        var center = PureBgNbd.Value;
        var last = center.Purchases.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Max(p => p.OccurredAt));

        center.CustomerTruths.Where(t => t.PurchaseDropoutAt.HasValue)
            .Should().OnlyContain(t => last[t.CustomerId] == t.PurchaseDropoutAt!.Value);
        center.CustomerTruths.Count(t => t.IsAliveAtEnd).Should().BeInRange(1_000, 5_000);
    }

    /// <summary>
    /// E[X(t)] = (a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))],
    /// Fader, Hardie and Lee (2005), equation (9); 2F1 by its power series, which converges for z below 1.
    /// </summary>
    private static double ExpectedRepeatPurchases(PurchaseOptions bg, double t)
    {
        double z = t / (bg.Alpha + t);
        double c = bg.A + bg.B - 1;
        double term = 1, sum = 1;
        for (int n = 0; n < 100_000 && Math.Abs(term) > 1e-16 * sum; n++)
        {
            term *= (bg.R + n) * (bg.B + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }
        return c / (bg.A - 1) * (1 - (Math.Pow(bg.Alpha / (bg.Alpha + t), bg.R) * sum));
    }
}
