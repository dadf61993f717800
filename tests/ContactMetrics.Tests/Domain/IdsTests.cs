using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

public class IdsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" C1")]
    [InlineData("C1\t")]
    public void CustomerId_BlankOrPadded_Throws(string value)
    {
        var act = () => new CustomerId(value);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Ids_Valid_RoundTripText()
    {
        new CustomerId("C 1").Value.Should().Be("C 1");
        new InteractionId("I-1").ToString().Should().Be("I-1");
        new AgentId("a").Value.Should().Be("a");
    }

    [Fact]
    public void Ids_Default_HaveEmptyValue()
    {
        default(CustomerId).Value.Should().BeEmpty();
        default(InteractionId).Value.Should().BeEmpty();
        default(AgentId).Value.Should().BeEmpty();
    }

    [Fact]
    public void InteractionId_And_AgentId_Blank_Throw()
    {
        ((Action)(() => _ = new InteractionId(""))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new AgentId(" "))).Should().Throw<ArgumentException>();
    }
}
