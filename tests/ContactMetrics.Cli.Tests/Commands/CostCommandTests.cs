using System.Text.Json;

namespace ContactMetrics.Cli.Tests.Commands;

public class CostCommandTests
{
    private const string Header = "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces";

    /// <summary>
    /// The hand-computed case of the core tests (CostToServeCalculatorTests): a phone call (wait 60 s, talk 240, hold 60, ACW 60),
    /// its repeat on chat two days later (wait 30, talk 600, ACW 120), a bot conversation without a customer id, an abandoned call.
    /// </summary>
    private static string WriteInteractions(TempDir dir)
    {
        string path = dir.File("interactions.csv");
        File.WriteAllLines(path,
        [
            Header,
            "I1,C1,A1,phone,inbound,q1,billing,2025-03-03T09:00:00Z,2025-03-03T09:01:00Z,2025-03-03T09:06:00Z,240,60,60,,0,,,",
            "I2,C1,A1,chat,inbound,q1,billing,2025-03-05T09:00:00Z,2025-03-05T09:00:30Z,2025-03-05T09:10:30Z,600,0,120,,0,,,",
            "I3,,,chatbot,inbound,q1,,2025-03-03T10:00:00Z,2025-03-03T10:00:00Z,2025-03-03T10:02:00Z,120,0,0,,0,,,",
            "I4,C2,,phone,inbound,q1,delivery,2025-03-03T11:00:00Z,,2025-03-03T11:01:30Z,0,0,0,,0,,,",
        ]);
        return path;
    }

    private static string WriteCustomers(TempDir dir)
    {
        string path = dir.File("customers.csv");
        File.WriteAllLines(path, ["customer_id,segment,acquired_on,churned_on", "C1,retail,2024-01-01,", "C2,,2024-01-01,"]);
        return path;
    }

    /// <summary>The small model: phone 50 EUR per handled hour (30 / (0.75 x 0.8)), chat 25 (concurrency 2), bot 0.50 per conversation.</summary>
    private const string Rates = """
        {
          "currency": "EUR",
          "channels": {
            "phone": { "loadedCostPerPaidHour": 30, "shrinkage": 0.25, "occupancy": 0.8, "telephonyPerMinute": 0.01, "ivrPerMinute": 0.02, "platformPerContact": 0.10 },
            "chat": { "loadedCostPerPaidHour": 30, "shrinkage": 0.25, "occupancy": 0.8, "concurrency": 2, "platformPerContact": 0.05 },
            "chatbot": { "botPerContact": 0.50, "notes": "vendor fee per conversation" }
          }
        }
        """;

    private static string WriteRates(TempDir dir, string json = Rates)
    {
        string path = dir.File("rates.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static decimal Amount(JsonElement money) => money.GetProperty("amount").GetDecimal();

    [Fact]
    public void Cost_ByChannel_MatchesHandComputation()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var total = doc.RootElement.GetProperty("total");
        // 5.18 + 5.05 + 0.50 + 0.145 = 10.875 over 3 chains = 3.625 (hand computation in CostToServeCalculatorTests).
        Amount(total.GetProperty("cost")).Should().Be(10.875m);
        total.GetProperty("cost").GetProperty("currency").GetString().Should().Be("EUR");
        Amount(total.GetProperty("costPerResolution")).Should().Be(3.625m);
        total.GetProperty("chains").GetInt64().Should().Be(3);
        var groups = doc.RootElement.GetProperty("cost").GetProperty("groups");
        groups.EnumerateArray().Select(g => g.GetProperty("channel").GetString()).Should().Equal("phone", "chat", "chatbot");
        // Phone: 5.18 + 0.145 = 5.325; chains {I1, I2} 10.23 and {I4} 0.145: 10.375 / 2 = 5.1875.
        Amount(groups[0].GetProperty("cost")).Should().Be(5.325m);
        Amount(groups[0].GetProperty("costPerResolution")).Should().Be(5.1875m);
        Amount(groups[0].GetProperty("agent")).Should().Be(5m);
        groups[1].GetProperty("costPerResolution").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Cost_ByCustomer_RowsAddUpToTheTotal()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--by", "customer", "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be("customer_id,contacts,chains,cost,cost_per_resolution");
        // C1: 5.18 + 5.05; C2: 0.145; the bot contact has no customer id.
        lines.Skip(1).Should().Equal("C1,2,1,10.23,10.23", "C2,1,1,0.145,0.145", "(unidentified),1,1,0.5,0.5");
    }

    [Fact]
    public void Cost_BySegment_UsesTheCustomersTable()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--customers", WriteCustomers(dir), "--by", "segment", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var groups = doc.RootElement.GetProperty("cost").GetProperty("groups");
        groups.EnumerateArray().Select(g => (g.GetProperty("segment").GetString(), Amount(g.GetProperty("cost"))))
            .Should().Equal(("retail", 10.23m), ("(no segment)", 0.145m), ("(unidentified)", 0.5m));
    }

    [Fact]
    public void Cost_ShortFcrWindow_EveryContactIsItsOwnChain()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--fcr-window", "1d", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        // The chat comes 48 h after the call: with a 1-day window there are 4 chains, 10.875 / 4 = 2.71875.
        doc.RootElement.GetProperty("total").GetProperty("chains").GetInt64().Should().Be(4);
        Amount(doc.RootElement.GetProperty("total").GetProperty("costPerResolution")).Should().Be(2.71875m);
    }

    [Fact]
    public void Cost_Overheads_AreListedAndAllocatedExactly()
    {
        using var dir = new TempDir();
        string rates = Rates.Replace("\"channels\"", "\"overheads\": [ { \"name\": \"facilities\", \"amount\": 100, \"allocation\": \"handle_time\", \"channels\": [\"phone\", \"chat\"] } ],\n  \"channels\"");
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir, rates), "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        // 100 EUR over 360 s (I1) and 720 s (I2) of handle time: 33.333333 and 66.666667.
        Amount(doc.RootElement.GetProperty("total").GetProperty("overhead")).Should().Be(100m);
        Amount(doc.RootElement.GetProperty("total").GetProperty("cost")).Should().Be(110.875m);
        var pool = doc.RootElement.GetProperty("overheads").GetProperty("pools")[0];
        pool.GetProperty("contacts").GetInt64().Should().Be(2);
        Amount(pool.GetProperty("allocated")).Should().Be(100m);
    }

    [Theory]
    [InlineData("\"phone\": {", "\"fax\": {}, \"phone\": {", "$.channels.fax: unknown channel 'fax'")]
    [InlineData("\"occupancy\": 0.8, \"telephonyPerMinute\"", "\"occupancy\": 1.2, \"telephonyPerMinute\"", "$.channels.phone.occupancy: phone: occupancy must be in (0, 1]*was 1.2")]
    [InlineData("\"shrinkage\": 0.25, \"occupancy\": 0.8, \"concurrency\"", "\"shrinkage\": 1, \"occupancy\": 0.8, \"concurrency\"", "$.channels.chat.shrinkage: chat: shrinkage must be in [0, 1)*was 1")]
    [InlineData("\"concurrency\": 2", "\"concurrency\": 0.5", "$.channels.chat.concurrency: chat: concurrency must be in [1, infinity)*was 0.5")]
    [InlineData("\"telephonyPerMinute\": 0.01", "\"telephonyPerMinute\": -0.01", "$.channels.phone.telephonyPerMinute: phone: telephonyPerMinute must be between 0 and *was -0.01")]
    [InlineData("\"botPerContact\": 0.50", "\"botPerContact\": \"0.50\"", "$.channels.chatbot.botPerContact: must be a number*")]
    [InlineData("\"ivrPerMinute\"", "\"ivrPerMinuet\"", "$.channels.phone.ivrPerMinuet: unknown field 'ivrPerMinuet'*")]
    [InlineData("\"shrinkage\": 0.25, \"occupancy\": 0.8, \"telephonyPerMinute\"", "\"shrinkage\": 0.25, \"telephonyPerMinute\"", "$.channels.phone.occupancy: a channel with an agent cost needs both*")]
    [InlineData("\"EUR\"", "\"EURO\"", "$.currency: give the currency*")]
    public void Cost_BadRatesFile_Exits2NamingTheJsonPath(string find, string replace, string message)
    {
        using var dir = new TempDir();
        string path = WriteRates(dir, Rates.Replace(find, replace));
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", path);

        run.ExitCode.Should().Be(2, run.Out);
        run.Error.Should().Match($"*{path}: {message}*");
    }

    [Fact]
    public void Cost_MalformedJson_Exits2NamingTheLine()
    {
        using var dir = new TempDir();
        string path = WriteRates(dir, "{\n  \"currency\": \"EUR\",\n  \"channels\": { \"phone\": { ] }\n}");
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", path);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"{path}: line 3,").And.Contain("not valid JSON");
    }

    [Fact]
    public void Cost_ChannelWithoutRates_Exits2NamingIt()
    {
        using var dir = new TempDir();
        string path = WriteRates(dir, Rates.Replace("\"chatbot\": { \"botPerContact\": 0.50, \"notes\": \"vendor fee per conversation\" }", "\"email\": {}"));
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", path);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("no rates for channel 'chatbot', which 1 contacts use");
    }

    [Fact]
    public void Cost_BySegmentWithoutCustomers_Exits2()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--by", "segment");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--by segment needs --customers");
    }

    [Fact]
    public void Cost_MissingRatesFile_Exits2()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", dir.File("nope.json"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("nope.json");
    }

    [Fact]
    public void Cost_OutParquet_WritesTheGroups()
    {
        using var dir = new TempDir();
        string output = dir.File("cost.parquet");
        var run = CliRun.Of("cost", "--interactions", WriteInteractions(dir), "--rates", WriteRates(dir), "--out", output);

        run.ExitCode.Should().Be(0, run.Error);
        new FileInfo(output).Length.Should().BeGreaterThan(0);
    }
}
