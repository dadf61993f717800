using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

/// <summary>The channel traits of DESIGN.md (Domain: "Channel and its traits"); queue KPIs belong to live queued channels, email is asynchronous (REFERENCES.md).</summary>
public class ChannelTraitsTests
{
    [Theory]
    [InlineData(Channel.Phone, true, true, false, false)]
    [InlineData(Channel.Email, true, false, true, false)]
    [InlineData(Channel.Chat, true, true, false, false)]
    [InlineData(Channel.Messaging, true, true, false, false)]
    [InlineData(Channel.Social, true, true, false, false)]
    [InlineData(Channel.SelfService, false, false, false, true)]
    [InlineData(Channel.Chatbot, false, false, false, true)]
    [InlineData(Channel.Ivr, false, false, false, true)]
    public void Traits_EachChannel_AsDocumented(Channel channel, bool agentHandled, bool liveQueue, bool asynchronous, bool selfService)
    {
        channel.IsAgentHandled().Should().Be(agentHandled);
        channel.IsLiveQueue().Should().Be(liveQueue);
        channel.IsAsynchronous().Should().Be(asynchronous);
        channel.IsSelfService().Should().Be(selfService);
    }

    [Fact]
    public void Traits_EveryChannel_AgentHandledOrSelfServiceAndAgentChannelsLiveOrAsynchronous()
    {
        foreach (var channel in ChannelNames.All)
        {
            channel.IsAgentHandled().Should().NotBe(channel.IsSelfService(), $"{channel} is one or the other");
            if (channel.IsAgentHandled())
            {
                channel.IsLiveQueue().Should().NotBe(channel.IsAsynchronous(), $"{channel} is live or asynchronous");
            }
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    [InlineData(40)]
    public void Traits_ValueOutsideTheEnum_HasNone(int value)
    {
        var channel = (Channel)value;

        (channel.IsAgentHandled() || channel.IsLiveQueue() || channel.IsAsynchronous() || channel.IsSelfService()).Should().BeFalse();
    }
}
