using System.Globalization;
using System.Text.Json;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Tests.Commands;

public class ClvPredictCommandTests
{
    private static JsonElement Predict(params string[] args)
    {
        var run = CliRun.Of(["clv", "predict", .. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static JsonElement Customer(JsonElement root, string id)
        => root.GetProperty("customers").GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == id);

    [Fact]
    public void ClvPredict_CdnowSummary_ReproducesThePublishedConditionalExpectation()
    {
        using var dir = new TempDir();
        var root = Predict("--summary", ClvCommandTests.WriteCdnowSummary(dir), "--currency", "USD", "--horizon", "39", "--discount-rate", "0.1", "--margin", "0.3");

        // FHL 2005, Marketing Science 24(2), worked example of eq. 10: customer 1 of the CDNOW sample (x = 2, t_x = 30.43,
        // T = 38.86) is expected to make 1.226 transactions in the next 39 weeks.
        var c1 = Customer(root, "1");
        c1.GetProperty("frequency").GetInt32().Should().Be(2);
        c1.GetProperty("expectedPurchases").GetDouble().Should().BeApproximately(1.226, 0.0005);
        var p = root.GetProperty("transactions").GetProperty("parameters");
        p.GetProperty("r").GetDouble().Should().BeApproximately(0.243, 0.0005);
        p.GetProperty("b").GetDouble().Should().BeApproximately(2.426, 0.0005);
        root.GetProperty("spend").GetProperty("parameters").GetProperty("q").GetDouble().Should().BeApproximately(3.74, 0.005);
    }

    [Fact]
    public void ClvPredict_CdnowSummary_EveryCustomerEqualsTheLibraryCalls()
    {
        using var dir = new TempDir();
        string path = ClvCommandTests.WriteCdnowSummary(dir);
        var root = Predict("--summary", path, "--currency", "USD", "--horizon", "52", "--discount-rate", "0.1", "--margin", "0.3");

        // The same computation through the library: read, fit both models, value 52 weeks at 10%/year compounded weekly.
        var (summary, _) = Data.Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Usd);
        var bg = BetaGeometricNbdModel.Fit(summary.Compress()).Model;
        var gg = GammaGammaModel.Fit(summary).Model;
        var horizon = new ValuationHorizon(52, ValuationHorizon.RateForPeriod(0.1, 7));
        var values = new BgNbdGammaGammaValueModel(bg, gg, 0.3).CustomerValues(summary, horizon);

        var rows = root.GetProperty("customers").GetProperty("customers").EnumerateArray().ToArray();
        rows.Should().HaveCount(2357);
        decimal total = 0;
        for (int i = 0; i < summary.Count; i += 97)
        {
            var row = rows[i];
            int x = summary.Frequency[i];
            row.GetProperty("customerId").GetString().Should().Be(summary.CustomerIds[i].Value);
            row.GetProperty("pAlive").GetDouble().Should().BeApproximately(bg.ProbabilityAlive(x, summary.Recency[i], summary.Age[i]), 1e-9);
            row.GetProperty("expectedPurchases").GetDouble().Should().BeApproximately(bg.ConditionalExpectedTransactions(52, x, summary.Recency[i], summary.Age[i]), 1e-9);
            row.GetProperty("expectedSpend").GetProperty("amount").GetDecimal().Should().BeApproximately((decimal)gg.ConditionalExpectedSpend(x, summary.MonetaryValue[i]), 1e-9m);
            row.GetProperty("clv").GetProperty("amount").GetDecimal().Should().BeApproximately(values[i].Amount, 1e-9m);
            row.GetProperty("clv").GetProperty("currency").GetString().Should().Be("USD");
        }
        foreach (var row in rows)
        {
            total += row.GetProperty("clv").GetProperty("amount").GetDecimal();
        }
        var value = root.GetProperty("value");
        value.GetProperty("totalClv").GetProperty("amount").GetDecimal().Should().Be(total);
        value.GetProperty("meanClv").GetProperty("amount").GetDecimal().Should().Be(total / 2357);
        value.GetProperty("discountRatePerPeriod").GetDouble().Should().BeApproximately(Math.Pow(1.1, 7 / 365.25) - 1, 1e-15);
    }

    [Fact]
    public void ClvPredict_Top_ListsTheHighestClvCustomersAndKeepsTheTotals()
    {
        using var dir = new TempDir();
        string path = ClvCommandTests.WriteCdnowSummary(dir);
        string[] args = ["--summary", path, "--currency", "USD", "--horizon", "52", "--discount-rate", "0.1", "--margin", "0.3"];
        var all = Predict(args);
        var top = Predict([.. args, "--top", "10"]);

        // Expected: the 10 largest CLVs of the full list, largest first (ties by id), and the same totals over all 2,357.
        static (string Id, decimal Clv)[] Rows(JsonElement root) => [.. root.GetProperty("customers").GetProperty("customers").EnumerateArray()
            .Select(r => (r.GetProperty("customerId").GetString()!, r.GetProperty("clv").GetProperty("amount").GetDecimal()))];
        var expected = Rows(all).OrderByDescending(r => r.Clv).ThenBy(r => r.Id, StringComparer.Ordinal).Take(10).ToArray();
        Rows(top).Should().Equal(expected);
        top.GetProperty("value").GetProperty("totalClv").GetProperty("amount").GetDecimal()
            .Should().Be(all.GetProperty("value").GetProperty("totalClv").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public void ClvPredict_HigherDiscountRate_LowerTotalClv()
    {
        using var dir = new TempDir();
        string path = ClvCommandTests.WriteCdnowSummary(dir);
        decimal Total(string rate) => Predict("--summary", path, "--currency", "USD", "--horizon", "104", "--discount-rate", rate, "--margin", "0.3")
            .GetProperty("value").GetProperty("totalClv").GetProperty("amount").GetDecimal();

        decimal none = Total("0"), ten = Total("0.1"), thirty = Total("0.3");
        none.Should().BeGreaterThan(ten);
        ten.Should().BeGreaterThan(thirty);
    }

    [Fact]
    public void ClvPredict_PurchasesWithHoldoutEnd_PrintsTheHoldoutCheck()
    {
        using var dir = new TempDir();
        var root = Predict("--purchases", ClvCommandTests.WriteCdnowPurchases(dir), "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30",
            "--horizon", "39", "--discount-rate", "0", "--margin", "1");

        var holdout = root.GetProperty("holdout");
        var groups = holdout.GetProperty("groups").EnumerateArray().ToArray();
        // Customers per calibration frequency 0..6 and 7+, counted in cdnow_customers_summary_with_transactions.csv.
        groups.Select(g => g.GetProperty("customers").GetInt32()).Should().Equal(1411, 439, 214, 100, 62, 38, 29, 64);
        groups.Select(g => g.GetProperty("frequency").GetString()).Should().Equal("0", "1", "2", "3", "4", "5", "6", "7+");
        holdout.GetProperty("holdoutLength").GetDouble().Should().BeApproximately(39, 1e-12);
        // The holdout check's prediction for a 39-week holdout is the value section's total expected purchases over 39 weeks.
        holdout.GetProperty("predictedTransactions").GetDouble().Should().BeApproximately(root.GetProperty("value").GetProperty("expectedPurchases").GetDouble(), 1e-6);
        double actual = groups.Sum(g => g.GetProperty("actualTotal").GetDouble());
        holdout.GetProperty("actualTransactions").GetDouble().Should().Be(actual);
        // FHL 2005 eq. 10 worked example (x = 2, t_x = 30.43, T = 38.86): 1.226; the raw log spells that customer 0001.
        Customer(root, "0001").GetProperty("expectedPurchases").GetDouble().Should().BeApproximately(1.226, 0.0005);
    }

    [Theory]
    [InlineData("--margin", "1.5")]
    [InlineData("--horizon", "0")]
    [InlineData("--discount-rate", "-0.1")]
    [InlineData("--model", "mbg-nbd")]
    [InlineData("--currency", "US")]
    [InlineData("--top", "0")]
    public void ClvPredict_BadArgument_ExitsWithTwoNamingIt(string option, string value)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.csv"), "customer_id,frequency,recency,T,monetary_value\nC1,2,3,10,5\nC2,0,0,10,0\n");
        string[] args = ["clv", "predict", "--summary", dir.File("s.csv"), "--currency", "EUR", "--horizon", "10", "--discount-rate", "0.1", "--margin", "0.3"];
        int i = Array.IndexOf(args, option);
        args = i >= 0 ? args.Select((a, k) => k == i + 1 ? value : a).ToArray() : [.. args, option, value];
        var run = CliRun.Of(args);
        run.ExitCode.Should().Be(2, run.Out);
        run.Error.Should().Contain(option);
    }

    [Fact]
    public void ClvPredict_SummaryWithoutCurrency_ExitsWithTwoAskingForIt()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.csv"), "customer_id,frequency,recency,T,monetary_value\nC1,2,3,10,5\n");
        var run = CliRun.Of("clv", "predict", "--summary", dir.File("s.csv"), "--horizon", "10", "--discount-rate", "0.1", "--margin", "0.3");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--currency");
    }

    [Fact]
    public void ClvPredict_OutParquet_ReadsBackAsAnRfmSummaryWithTheSameFit()
    {
        // The customers table's first five columns are the rfm summary schema (snake_case, T case-insensitive), so
        // --out FILE.parquet can be fitted again and gives the same BG/NBD parameters as the input summary.
        using var dir = new TempDir();
        string parquet = dir.File("predicted.parquet");
        var first = Predict("--summary", ClvCommandTests.WriteCdnowSummary(dir), "--currency", "USD", "--horizon", "4", "--discount-rate", "0.1", "--margin", "0.3", "--out", parquet);
        var run = CliRun.Of("clv", "fit", "--model", "bg-nbd", "--summary", parquet, "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var again = JsonDocument.Parse(run.Out).RootElement.GetProperty("fit").GetProperty("parameters");
        var before = first.GetProperty("transactions").GetProperty("parameters");
        foreach (string name in new[] { "r", "alpha", "a", "b" })
        {
            again.GetProperty(name).GetDouble().Should().BeApproximately(before.GetProperty(name).GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void ClvPredict_CsvOutput_WritesOneRowPerCustomer()
    {
        using var dir = new TempDir();
        string path = ClvCommandTests.WriteCdnowSummary(dir);
        var run = CliRun.Of("clv", "predict", "--summary", path, "--currency", "USD", "--horizon", "13", "--discount-rate", "0.1", "--margin", "0.3",
            "--format", "csv");
        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Out.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2358);
        // snake_case, so the first five columns read back as an rfm summary (names are case-insensitive).
        lines[0].Should().Be("customer_id,frequency,recency,t,monetary_value,p_alive,expected_purchases,expected_spend,clv");
        double.Parse(lines[1].Split(',')[5], CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
    }

    [Fact]
    public void ClvPredict_CsvStreamedToStandardOutputAndToOutFile_IsByteForByteTheBoxedTable()
    {
        // Standard output and --out FILE.csv stream the customers straight from the columns (SpanCsvWriter); every other
        // command's CSV goes through the boxed FigureTable and CsvHelper: the same forecast's sheet written that way is the oracle.
        using var dir = new TempDir();
        string path = ClvCommandTests.WriteCdnowSummary(dir);
        string file = dir.File("predict.csv");
        string[] args = ["clv", "predict", "--summary", path, "--currency", "USD", "--horizon", "39", "--discount-rate", "0.1", "--margin", "0.3", "--top", "500"];

        var streamed = CliRun.Of([.. args, "--format", "csv"]);
        var written = CliRun.Of([.. args, "--format", "json", "--out", file]);

        (streamed.ExitCode, written.ExitCode).Should().Be((0, 0), streamed.Error + written.Error);
        var (summary, _) = Data.Tables.ReadRfmSummary(path, RfmPeriodUnit.Week, Currency.Usd);
        var valuation = new ValuationHorizon(39, ValuationHorizon.RateForPeriod(0.1, 7));
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, valuation, 0.3);
        var boxed = new StringWriter();
        Output.OutputWriter.Write(Reporting.ClvFigures.Forecast("bg-nbd", forecast, summary, "", valuation, 0.1, 0.3, 500), Output.OutputFormat.Csv, null, new CliConsole(boxed, new StringWriter()));
        streamed.Out.Should().Be(boxed.ToString()).And.Contain("\r\n");
        File.ReadAllText(file).Should().Be(boxed.ToString());
        File.ReadAllLines(file).Should().HaveCount(501);
        JsonDocument.Parse(written.Out).RootElement.GetProperty("customers").GetProperty("customers").GetArrayLength().Should().Be(500);
    }

    [Fact]
    public void ClvPredict_GammaGammaQAtMostOne_Exits2WithTheReason()
    {
        // The 500-customer insurer demo (seed 8) calibrated to 2025-06-30: Gamma-Gamma fits q = 0.83 (annual premiums vary
        // little), so a customer without repeat purchases has no finite expected spend, p (gamma + x zbar) / (p x + q - 1) at
        // x = 0. It ended in exit 1 ("expected spend is infinite"); the reason is an input error.
        using var dir = new TempDir();
        var options = Simulation.SimulationPresets.For(Simulation.SimulationPreset.Insurer) with { Seed = 8, Customers = 500 };
        Cli.Commands.DemoCommand.WriteTables(Simulation.ContactCenterSimulator.Generate(options), dir.Path);

        var run = CliRun.Of("clv", "predict", "--purchases", dir.File("purchases.csv"), "--calibration-end", "2025-06-30", "--horizon", "52",
            "--discount-rate", "0.1", "--margin", "0.3", "--out", dir.File("predict.csv"));

        run.ExitCode.Should().Be(CliApp.InvalidInput, run.Error);
        run.Error.Should().StartWith("contactmetrics: The Gamma-Gamma fit has q = 0.8").And.Contain("no finite mean");
        File.Exists(dir.File("predict.csv")).Should().BeFalse();
    }
}
