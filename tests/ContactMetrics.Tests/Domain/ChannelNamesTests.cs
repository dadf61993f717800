using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

public class ChannelNamesTests
{
    [Theory]
    [InlineData("phone", Channel.Phone)]
    [InlineData("EMAIL", Channel.Email)]
    [InlineData("self_service", Channel.SelfService)]
    [InlineData("Chatbot", Channel.Chatbot)]
    [InlineData("ivr", Channel.Ivr)]
    public void ParseChannel_SchemaName_IgnoringCase(string text, Channel expected)
    {
        ChannelNames.ParseChannel(text).Should().Be(expected);
    }

    [Fact]
    public void ToSchemaName_EveryChannel_ParsesBack()
    {
        foreach (var channel in ChannelNames.All)
        {
            ChannelNames.ParseChannel(channel.ToSchemaName()).Should().Be(channel);
        }
        ChannelNames.All.Should().HaveCount(8);
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("")]
    [InlineData("self-service")]
    public void ParseChannel_Unknown_ThrowsListingAccepted(string text)
    {
        var act = () => ChannelNames.ParseChannel(text);
        act.Should().Throw<ArgumentException>().WithMessage($"Unknown channel '{text}'; expected one of phone, email*");
    }

    [Fact]
    public void Direction_ParsesAndFormats()
    {
        ChannelNames.ParseDirection("Outbound").Should().Be(Direction.Outbound);
        Direction.Inbound.ToSchemaName().Should().Be("inbound");
        ChannelNames.TryParseDirection("sideways", out _).Should().BeFalse();
    }

    [Fact]
    public void ToSchemaName_UndefinedValue_Throws()
    {
        var act = () => ((Channel)42).ToSchemaName();
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("channel");
    }
}
