using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

public class CostRatesFileTests
{
    /// <summary>A small valid file: phone and chat with agent costs, a bot fee, one overhead (the cost command's test rates).</summary>
    private const string Rates = """
        {
          // comments and trailing commas are allowed
          "currency": "EUR",
          "channels": {
            "phone": { "loadedCostPerPaidHour": 30, "shrinkage": 0.25, "occupancy": 0.8, "telephonyPerMinute": 0.01, "ivrPerMinute": 0.02, "platformPerContact": 0.10 },
            "chat": { "loadedCostPerPaidHour": 30, "shrinkage": 0.25, "occupancy": 0.8, "concurrency": 2, "platformPerContact": 0.05 },
            "chatbot": { "botPerContact": 0.50, "notes": "vendor fee per conversation" },
          },
          "overheads": [ { "name": "facilities", "amount": 100, "allocation": "handle_time", "channels": ["phone", "chat"] } ]
        }
        """;

    [Fact]
    public void WriteThenRead_AModel_GivesTheSameModel()
    {
        using var dir = new TempDirectory();
        var model = new CostModel(Currency.Eur,
        [
            new ChannelRates(Channel.Phone, new Money(31.5m, Currency.Eur), 0.32, 0.84, 1, new Money(0.013m, Currency.Eur), new Money(0.004m, Currency.Eur), new Money(0.1m, Currency.Eur)),
            new ChannelRates(Channel.Chat, new Money(29m, Currency.Eur), 0.3, 0.8, 2.5),
        ], [new OverheadPool("facilities", new Money(1000m, Currency.Eur), OverheadBasis.Contacts, [Channel.Chat])]);
        string path = dir.File("rates.json");

        CostRatesFile.Write(model, path, "test");
        var read = CostRatesFile.Read(path);

        read.Currency.Should().Be(model.Currency);
        read.Channels.Should().Equal(model.Channels);
        read.Overheads.Should().HaveCount(1);
        read.Overheads[0].Name.Should().Be("facilities");
        read.Overheads[0].Amount.Should().Be(new Money(1000m, Currency.Eur));
        read.Overheads[0].Basis.Should().Be(OverheadBasis.Contacts);
        read.Overheads[0].Channels.Should().Equal(Channel.Chat);
    }

    [Fact]
    public void Parse_ValidFile_ReadsEveryRateAndOverhead()
    {
        var model = CostRatesFile.Parse(Rates, "rates.json");

        model.Currency.Should().Be(Currency.Eur);
        model.Channels.Select(c => c.Channel).Should().Equal(Channel.Phone, Channel.Chat, Channel.Chatbot);
        var phone = model.RatesOf(Channel.Phone)!;
        // The values of the file above.
        phone.LoadedCostPerPaidHour.Should().Be(new Money(30m, Currency.Eur));
        phone.Shrinkage.Should().Be(0.25);
        phone.Occupancy.Should().Be(0.8);
        phone.TelephonyPerMinute.Should().Be(new Money(0.01m, Currency.Eur));
        model.RatesOf(Channel.Chat)!.Concurrency.Should().Be(2);
        model.RatesOf(Channel.Chatbot)!.BotPerContact.Should().Be(new Money(0.50m, Currency.Eur));
        model.Overheads.Should().ContainSingle().Which.Basis.Should().Be(OverheadBasis.HandleTime);
        model.Overheads[0].Channels.Should().Equal(Channel.Phone, Channel.Chat);
    }

    [Fact]
    public void ToJson_WithoutNotes_ParsesBackToTheSameRates()
    {
        var model = CostRatesFile.Parse(Rates, "rates.json");

        string json = CostRatesFile.ToJson(model);
        var again = CostRatesFile.Parse(json, "again.json");

        json.Should().NotContain("\"notes\"").And.EndWith("\n");
        again.Channels.Should().Equal(model.Channels);
        again.Overheads.Should().BeEquivalentTo(model.Overheads);
    }

    [Theory]
    [InlineData("\"phone\": {", "\"fax\": {}, \"phone\": {", "$.channels.fax", "unknown channel 'fax'*")]
    [InlineData("\"occupancy\": 0.8, \"telephonyPerMinute\"", "\"occupancy\": 1.2, \"telephonyPerMinute\"", "$.channels.phone.occupancy", "phone: occupancy must be in (0, 1]*was 1.2*")]
    [InlineData("\"botPerContact\": 0.50", "\"botPerContact\": \"0.50\"", "$.channels.chatbot.botPerContact", "must be a number*")]
    [InlineData("\"ivrPerMinute\"", "\"ivrPerMinuet\"", "$.channels.phone.ivrPerMinuet", "unknown field 'ivrPerMinuet'*")]
    [InlineData("\"allocation\": \"handle_time\"", "\"allocation\": \"hours\"", "$.overheads[0].allocation", "use \"handle_time\" or \"contacts\"*")]
    [InlineData("\"EUR\"", "\"EURO\"", "$.currency", "give the currency*")]
    public void Parse_BadValue_NamesTheSourceAndTheJsonPath(string find, string replace, string jsonPath, string reason)
    {
        var act = () => CostRatesFile.Parse(Rates.Replace(find, replace, StringComparison.Ordinal), "my-rates.json");

        var e = act.Should().Throw<CostRatesFormatException>().Which;
        e.File.Should().Be("my-rates.json");
        e.JsonPath.Should().Be(jsonPath);
        e.Line.Should().BeNull();
        e.Reason.Should().Match(reason);
        e.Message.Should().Be($"my-rates.json: {jsonPath}: {e.Reason}");
    }

    [Fact]
    public void Parse_MalformedJson_NamesTheLine()
    {
        var act = () => CostRatesFile.Parse("{\n  \"currency\": \"EUR\",\n  \"channels\": { \"phone\": { ] }\n}", "bad.json");

        var e = act.Should().Throw<CostRatesFormatException>().Which;
        // The stray ']' is on the third line of the text.
        e.Line.Should().Be(3);
        e.JsonPath.Should().BeNull();
        e.Message.Should().StartWith("bad.json: line 3, position ").And.Contain("not valid JSON");
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nope.json");

        var act = () => CostRatesFile.Read(path);

        act.Should().Throw<FileNotFoundException>().WithMessage($"*{path}*");
    }
}
