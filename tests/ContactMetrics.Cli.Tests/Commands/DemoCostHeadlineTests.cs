using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class DemoCostHeadlineTests
{
    private static decimal Amount(JsonElement money) => money.GetProperty("amount").GetDecimal();

    [Fact]
    public void Demo_CostHeadlines_ReconcileAndMatchTheCostCommandOnTheWrittenRates()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Path, "--customers", "4000", "--seed", "11", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var cost = doc.RootElement.GetProperty("costToServe");
        decimal total = Amount(cost.GetProperty("totalCost"));
        var channels = cost.GetProperty("channels").EnumerateArray().ToArray();
        channels.Select(c => c.GetProperty("channel").GetString()).Should().Contain("phone");
        // Reconciliation: the channels add up to the total exactly.
        channels.Sum(c => Amount(c.GetProperty("cost"))).Should().Be(total);
        // Chains are at most the contacts, so the cost per resolution is at least the cost per contact.
        Amount(cost.GetProperty("costPerResolution")).Should().BeGreaterThanOrEqualTo(Amount(cost.GetProperty("costPerContact")));

        // The cost command on the tables and the rates.json the demo wrote gives the same total.
        var again = CliRun.Of("cost", "--interactions", dir.File("interactions.csv"), "--rates", dir.File("rates.json"), "--format", "json");
        again.ExitCode.Should().Be(0, again.Error);
        using var costDoc = JsonDocument.Parse(again.Out);
        Amount(costDoc.RootElement.GetProperty("total").GetProperty("cost")).Should().Be(total);

        // The cost of the service level never falls as the target rises (more agents never lower the service level).
        var targets = doc.RootElement.GetProperty("serviceLevelCost").GetProperty("targets").EnumerateArray().ToArray();
        targets.Select(t => t.GetProperty("target").GetString()).Should().Equal("70/20", "80/20", "90/20");
        var yearly = targets.Select(t => Amount(t.GetProperty("costPerYear"))).ToArray();
        yearly.Should().BeInAscendingOrder();
        yearly[2].Should().BeGreaterThan(yearly[0]);
        Amount(targets[1].GetProperty("extraCostPerYear")).Should().Be(0m);

        var whale = doc.RootElement.GetProperty("customerProfitability");
        whale.GetProperty("customers").GetInt32().Should().Be(4000);
        Amount(whale.GetProperty("peakProfit")).Should().BeGreaterThanOrEqualTo(Amount(whale.GetProperty("totalProfit")));
    }
}
