using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class AttributionCommandTests
{
    private const string TouchpointsHeader = "customer_id,occurred_at,channel";
    private const string ConversionsHeader = "customer_id,occurred_at,value,currency";

    /// <summary>
    /// REFERENCES.md "Attribution", the Markov example: paths ads x2 converted, mail x1 converted, ads &gt; mail x1
    /// converted, ads x1 not converted; one customer per path, every conversion worth 10 EUR.
    /// </summary>
    private static (string Touchpoints, string Conversions) WriteMarkovExample(TempDir dir)
    {
        string touchpoints = dir.File("touchpoints.csv");
        File.WriteAllLines(touchpoints,
        [
            TouchpointsHeader,
            "C1,2025-03-01T09:00:00Z,ads",
            "C2,2025-03-01T09:00:00Z,ads",
            "C3,2025-03-01T09:00:00Z,mail",
            "C4,2025-03-01T09:00:00Z,ads",
            "C4,2025-03-02T09:00:00Z,mail",
            "C5,2025-03-01T09:00:00Z,ads",
        ]);
        string conversions = dir.File("conversions.csv");
        File.WriteAllLines(conversions,
        [
            ConversionsHeader,
            "C1,2025-03-03T09:00:00Z,10.00,EUR",
            "C2,2025-03-03T09:00:00Z,10.00,EUR",
            "C3,2025-03-03T09:00:00Z,10.00,EUR",
            "C4,2025-03-03T09:00:00Z,10.00,EUR",
        ]);
        return (touchpoints, conversions);
    }

    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Of([.. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement json, string section, string table = "channels") =>
        json.GetProperty(section).GetProperty(table).EnumerateArray().ToDictionary(r => r.GetProperty("channel").GetString()!);

    [Fact]
    public void Attribution_MarkovReferenceExample_CreditsAds2Point4AndMail1Point6()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);

        var json = Json("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "markov");

        // REFERENCES.md: first-order Markov, P(conversion) = 0.8; removal effects ads 0.75, mail 0.5; credits ads 2.4, mail 1.6.
        var credits = Rows(json, "attribution");
        credits["ads"].GetProperty("conversions").GetDouble().Should().BeApproximately(2.4, 1e-9);
        credits["mail"].GetProperty("conversions").GetDouble().Should().BeApproximately(1.6, 1e-9);
        credits["ads"].GetProperty("value").GetProperty("amount").GetDecimal().Should().Be(24.00m);
        credits["ads"].GetProperty("value").GetProperty("currency").GetString().Should().Be("EUR");
        credits["mail"].GetProperty("value").GetProperty("amount").GetDecimal().Should().Be(16.00m);
        var markov = json.GetProperty("markov");
        markov.GetProperty("conversionProbability").GetDouble().Should().BeApproximately(0.8, 1e-9);
        var effects = Rows(json, "markov", "removalEffects");
        effects["ads"].GetProperty("removalEffect").GetDouble().Should().BeApproximately(0.75, 1e-9);
        effects["mail"].GetProperty("removalEffect").GetDouble().Should().BeApproximately(0.5, 1e-9);
    }

    [Fact]
    public void Attribution_MarkovReferenceExample_AssistTableStatesTheRule()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);

        var json = Json("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "last");

        // ads assists the one ads > mail conversion and closes two; mail closes two.
        var assists = Rows(json, "assists");
        assists["ads"].GetProperty("assistedConversions").GetDouble().Should().Be(1);
        assists["ads"].GetProperty("assistedValue").GetProperty("amount").GetDecimal().Should().Be(10m);
        assists["ads"].GetProperty("lastTouchConversions").GetDouble().Should().Be(2);
        assists["ads"].GetProperty("assistRatio").GetDouble().Should().BeApproximately(0.5, 1e-12);
        assists["mail"].GetProperty("assistedConversions").GetDouble().Should().Be(0);
        assists["mail"].GetProperty("lastTouchConversions").GetDouble().Should().Be(2);
        json.GetProperty("assists").GetProperty("counting").GetString().Should().Be("once");
        json.GetProperty("assists").GetProperty("rule").GetString().Should().Contain("last touch");
        json.TryGetProperty("markov", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("linear")]
    [InlineData("last-non-service")]
    [InlineData("position")]
    [InlineData("time-decay")]
    [InlineData("shapley")]
    [InlineData("markov")]
    public void Attribution_DemoTables_CreditsSumToTotalConversionsAndValue(string model)
    {
        using var dir = new TempDir();
        CliRun.Of("demo", "--out", dir.Path, "--customers", "300", "--seed", "5").ExitCode.Should().Be(0);

        var json = Json("attribution", "--touchpoints", dir.File("touchpoints.csv"), "--conversions", dir.File("conversions.csv"),
            "--interactions", dir.File("interactions.csv"), "--model", model);

        var summary = json.GetProperty("attribution");
        double conversions = summary.GetProperty("conversions").GetDouble();
        conversions.Should().Be(File.ReadLines(dir.File("conversions.csv")).Count() - 1, "every conversion is attributed");
        var rows = summary.GetProperty("channels").EnumerateArray().ToList();
        rows.Sum(r => r.GetProperty("conversions").GetDouble()).Should().BeApproximately(conversions, 1e-6 * conversions);
        decimal value = summary.GetProperty("value").GetProperty("amount").GetDecimal();
        // Credited values are rounded to cents, so allow half a cent per channel.
        rows.Sum(r => r.GetProperty("value").GetProperty("amount").GetDecimal()).Should().BeApproximately(value, 0.005m * rows.Count);
        rows.Should().Contain(r => r.GetProperty("channel").GetString()!.StartsWith("service:"), "--interactions adds service touches");
    }

    [Fact]
    public void Attribution_ConversionWithoutTouches_CountsUnderDirect()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);
        File.AppendAllLines(conversions, ["C9,2025-03-03T09:00:00Z,7.50,EUR"]);

        var json = Json("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "linear");

        var credits = Rows(json, "attribution");
        credits["(direct)"].GetProperty("conversions").GetDouble().Should().Be(1);
        credits["(direct)"].GetProperty("value").GetProperty("amount").GetDecimal().Should().Be(7.50m);
        json.GetProperty("attribution").GetProperty("conversions").GetDouble().Should().Be(5);
    }

    [Fact]
    public void Attribution_MarkovWithAnUntouchedConversion_KeepsTheChannelsCredit()
    {
        // The REFERENCES.md example (ads 2.4, mail 1.6 of 4 conversions) plus one conversion no touch reached: by default it
        // is credited to (direct) alone, outside the chain, so ads and mail keep 2.4 and 1.6.
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);
        File.AppendAllLines(conversions, ["C9,2025-03-03T09:00:00Z,7.50,EUR"]);

        var credits = Rows(Json("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "markov"), "attribution");
        credits["(direct)"].GetProperty("conversions").GetDouble().Should().BeApproximately(1, 1e-9);
        credits["ads"].GetProperty("conversions").GetDouble().Should().BeApproximately(2.4, 1e-9);
        credits["mail"].GetProperty("conversions").GetDouble().Should().BeApproximately(1.6, 1e-9);

        // --direct-in-chain (the old behaviour), by hand: start -> ads 4/6, mail 1/6, (direct) 1/6; P = 4/6 x 0.75 + 2/6 = 5/6.
        // Without ads P = 2/6 (effect 0.6), without mail 4/6 x 0.5 + 1/6 = 0.5 (effect 0.4), without (direct) 2/3 (effect 0.2):
        // of 5 conversions ads 2.5 and (direct) 5/6, so the untouched conversion moves credit between the channels.
        var inChain = Rows(Json("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "markov", "--direct-in-chain"), "attribution");
        inChain["ads"].GetProperty("conversions").GetDouble().Should().BeApproximately(2.5, 1e-9);
        inChain["(direct)"].GetProperty("conversions").GetDouble().Should().BeApproximately(5.0 / 6, 1e-9);
        CliRun.Of("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "linear", "--value-weighted")
            .ExitCode.Should().Be(2, "--value-weighted applies to markov only");
    }

    [Fact]
    public void Attribution_PositionAndCollapseOptions_AreApplied()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);
        File.AppendAllLines(touchpoints, ["C4,2025-03-01T12:00:00Z,ads"]);
        string[] args = ["attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "position", "--position", "0.3,0.5"];

        // Path ads > ads > mail: first 0.3 and the middle 0.2 to ads, 0.5 to mail; plus the one-touch paths ads x2, mail x1.
        var credits = Rows(Json(args), "attribution");
        credits["ads"].GetProperty("conversions").GetDouble().Should().BeApproximately(2.5, 1e-9);
        credits["mail"].GetProperty("conversions").GetDouble().Should().BeApproximately(1.5, 1e-9);

        // Collapsed to ads > mail, a two-touch path splits 0.3 : 0.5 (docs of PositionBasedAttribution): ads 0.375, mail 0.625.
        var json = Json([.. args, "--collapse-repeats"]);
        credits = Rows(json, "attribution");
        credits["ads"].GetProperty("conversions").GetDouble().Should().BeApproximately(2.375, 1e-9);
        credits["mail"].GetProperty("conversions").GetDouble().Should().BeApproximately(1.625, 1e-9);
        json.GetProperty("attribution").GetProperty("collapseRepeats").GetBoolean().Should().BeTrue();
        json.GetProperty("attribution").GetProperty("model").GetString().Should().Contain("0.3");
    }

    [Fact]
    public void Attribution_TouchpointsMissingAColumn_ExitsWithTwoNamingFileAndColumn()
    {
        using var dir = new TempDir();
        var (_, conversions) = WriteMarkovExample(dir);
        string bad = dir.File("no-channel.csv");
        File.WriteAllLines(bad, ["customer_id,occurred_at", "C1,2025-03-01T09:00:00Z"]);

        var run = CliRun.Of("attribution", "--touchpoints", bad, "--conversions", conversions, "--model", "last");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("no-channel.csv").And.Contain("channel");
    }

    [Fact]
    public void Attribution_MixedCurrencies_ExitsWithTwo()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);
        File.AppendAllLines(conversions, ["C9,2025-03-03T09:00:00Z,7.50,USD"]);

        var run = CliRun.Of("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "last");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("conversions.csv").And.Contain("EUR").And.Contain("USD");
    }

    [Theory]
    [InlineData("--model", "lasst")]
    [InlineData("--order", "2")]
    [InlineData("--assists", "twice")]
    public void Attribution_BadArgument_ExitsWithTwo(string option, string value)
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);
        string[] args = option == "--model"
            ? ["attribution", "--touchpoints", touchpoints, "--conversions", conversions, option, value]
            : ["attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "linear", option, value];

        var run = CliRun.Of(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(option);
    }

    [Fact]
    public void Attribution_CsvFormat_PrintsTheCreditTable()
    {
        using var dir = new TempDir();
        var (touchpoints, conversions) = WriteMarkovExample(dir);

        var run = CliRun.Of("attribution", "--touchpoints", touchpoints, "--conversions", conversions, "--model", "first", "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be("channel,conversions,conversion_share,value,value_share");
        lines.Should().Contain("ads,3,0.75,30,0.75");
    }
}
