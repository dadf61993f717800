using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class DemoClvHeadlineTests
{
    [Fact]
    public void Demo_ClvHeadline_FitsBothModelsAndValuesEveryCustomer()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "4000", "--seed", "11", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        var clv = JsonDocument.Parse(run.Out).RootElement.GetProperty("clv");
        // docs/simulation.md: the planted purchase and spend parameters are the CDNOW estimates (PurchaseOptions, SpendOptions defaults).
        var planted = clv.GetProperty("plantedParameters");
        planted.GetProperty("r").GetDouble().Should().Be(0.243);
        planted.GetProperty("b").GetDouble().Should().Be(2.426);
        clv.GetProperty("plantedSpendParameters").GetProperty("gamma").GetDouble().Should().Be(15.44);
        // Every simulated customer makes a trial purchase at acquisition, so every customer is in the summary.
        int customers = clv.GetProperty("customers").GetInt32();
        customers.Should().Be(File.ReadAllLines(Path.Combine(dir.Path, "customers.csv")).Length - 1);
        clv.GetProperty("uniqueRows").GetInt32().Should().BeInRange(1, customers);
        var fitted = clv.GetProperty("parameters");
        foreach (string name in new[] { "r", "alpha", "a", "b" })
        {
            fitted.GetProperty(name).GetDouble().Should().BeGreaterThan(0);
        }
        // Purchases also stop at churn, which lowers the purchase rate the BG/NBD sees but leaves the spend model alone:
        // Gamma-Gamma's mean spend p gamma / (q - 1) stays near the planted 6.25 x 15.44 / 2.74 = 35.2.
        var spend = clv.GetProperty("spendParameters");
        double meanSpend = spend.GetProperty("p").GetDouble() * spend.GetProperty("gamma").GetDouble() / (spend.GetProperty("q").GetDouble() - 1);
        meanSpend.Should().BeApproximately(35.2, 3.5);
        decimal mean = clv.GetProperty("meanClv").GetProperty("amount").GetDecimal();
        decimal total = clv.GetProperty("totalClv").GetProperty("amount").GetDecimal();
        mean.Should().BeGreaterThan(0);
        total.Should().BeApproximately(mean * customers, customers * 0.005m + 0.01m);
        clv.GetProperty("totalClv").GetProperty("currency").GetString().Should().Be("EUR");
        clv.GetProperty("horizonYears").GetInt32().Should().Be(3);
    }

    [Fact]
    public void Demo_TinyCenter_ClvHeadlineDoesNotFail()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "30", "--seed", "2");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("Customer lifetime value");
    }
}
