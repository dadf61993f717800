using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Domain;

public class InteractionTests
{
    private static readonly Instant Arrived = Instant.FromUtc(2025, 3, 1, 9, 15, 0);

    private static Interaction Make(
        Instant? answeredAt = null,
        Instant? endedAt = null,
        Duration talk = default,
        Duration hold = default,
        Duration acw = default,
        int transfers = 0,
        Channel channel = Channel.Phone,
        Direction direction = Direction.Inbound,
        string? queue = null,
        string? reason = null,
        SurveyResponse? survey = null)
        => new(new InteractionId("I1"), new CustomerId("C1"), channel, Arrived, endedAt ?? Arrived + Duration.FromMinutes(10),
            direction: direction, queue: queue, reason: reason, answeredAt: answeredAt, talk: talk, hold: hold, afterCallWork: acw,
            transfers: transfers, survey: survey);

    [Fact]
    public void Constructor_ValidAnsweredCall_KeepsEveryField()
    {
        var survey = new SurveyResponse(csat: 5, nps: 9, ces: 6);
        var i = new Interaction(new InteractionId("I1"), new CustomerId("C1"), Channel.Chat, Arrived, Arrived + Duration.FromMinutes(12),
            Direction.Outbound, new AgentId("A7"), "sales", "billing", Arrived + Duration.FromSeconds(30),
            Duration.FromMinutes(9), Duration.FromSeconds(40), Duration.FromSeconds(50), true, 1, survey);
        i.Id.Value.Should().Be("I1");
        i.CustomerId.Should().Be(new CustomerId("C1"));
        i.Channel.Should().Be(Channel.Chat);
        i.Direction.Should().Be(Direction.Outbound);
        i.AgentId.Should().Be(new AgentId("A7"));
        i.Queue.Should().Be("sales");
        i.Reason.Should().Be("billing");
        i.AnsweredAt.Should().Be(Arrived + Duration.FromSeconds(30));
        i.IsAnswered.Should().BeTrue();
        i.Talk.Should().Be(Duration.FromMinutes(9));
        i.Hold.Should().Be(Duration.FromSeconds(40));
        i.AfterCallWork.Should().Be(Duration.FromSeconds(50));
        i.Resolved.Should().BeTrue();
        i.Transfers.Should().Be(1);
        i.Survey.Should().Be(survey);
    }

    [Fact]
    public void Constructor_EndedBeforeArrived_ThrowsNamingFieldValueAndId()
    {
        var act = () => Make(endedAt: Arrived - Duration.FromSeconds(1));
        var e = act.Should().Throw<InvalidRecordException>().Which;
        e.Field.Should().Be("ended_at");
        e.RecordId.Should().Be("I1");
        e.Value.Should().Be("2025-03-01T09:14:59Z");
        e.ParamName.Should().Be("endedAt");
        e.Message.Should().Contain("interaction 'I1'").And.Contain("before arrived_at 2025-03-01T09:15:00Z");
    }

    [Fact]
    public void Constructor_EndedAtArrived_IsAccepted()
    {
        Make(endedAt: Arrived).EndedAt.Should().Be(Arrived);
    }

    [Fact]
    public void Constructor_AnsweredBeforeArrived_Throws()
    {
        var act = () => Make(answeredAt: Arrived - Duration.FromSeconds(1));
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("answered_at");
    }

    [Fact]
    public void Constructor_AnsweredAtArrived_IsAccepted()
    {
        Make(answeredAt: Arrived).AnsweredAt.Should().Be(Arrived);
    }

    [Fact]
    public void Constructor_EndedBeforeAnswered_Throws()
    {
        var act = () => Make(answeredAt: Arrived + Duration.FromMinutes(5), endedAt: Arrived + Duration.FromMinutes(4));
        act.Should().Throw<InvalidRecordException>().Which.Message.Should().Contain("before answered_at");
    }

    [Theory]
    [InlineData("talk_seconds")]
    [InlineData("hold_seconds")]
    [InlineData("acw_seconds")]
    public void Constructor_NegativeDuration_Throws(string field)
    {
        var minus = Duration.FromSeconds(-1);
        var act = () => Make(answeredAt: Arrived, talk: field == "talk_seconds" ? minus : default,
            hold: field == "hold_seconds" ? minus : default, acw: field == "acw_seconds" ? minus : default);
        var e = act.Should().Throw<InvalidRecordException>().Which;
        e.Field.Should().Be(field);
        e.Value.Should().Be("-1 s");
    }

    [Fact]
    public void Constructor_ZeroDurations_AreAccepted()
    {
        var i = Make(answeredAt: Arrived, talk: Duration.Zero, hold: Duration.Zero, acw: Duration.Zero);
        i.Talk.Should().Be(Duration.Zero);
    }

    [Fact]
    public void Constructor_TalkWithoutAnswer_Throws()
    {
        var act = () => Make(talk: Duration.FromSeconds(10));
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("talk_seconds");
    }

    [Fact]
    public void Constructor_HoldWithoutAnswer_Throws()
    {
        var act = () => Make(hold: Duration.FromSeconds(10));
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("hold_seconds");
    }

    [Fact]
    public void Constructor_AbandonedWithWrapUp_IsAccepted()
    {
        Make(acw: Duration.FromSeconds(15)).IsAnswered.Should().BeFalse();
    }

    [Fact]
    public void Constructor_NegativeTransfers_Throws()
    {
        var act = () => Make(transfers: -1);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("transfers");
    }

    [Fact]
    public void Constructor_UndefinedChannel_Throws()
    {
        var act = () => Make(channel: (Channel)99);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("channel");
    }

    [Fact]
    public void Constructor_UndefinedDirection_Throws()
    {
        var act = () => Make(direction: (Direction)5);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("direction");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" billing")]
    public void Constructor_BlankReason_Throws(string reason)
    {
        var act = () => Make(reason: reason);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("reason");
    }

    [Fact]
    public void Constructor_BlankQueue_Throws()
    {
        var act = () => Make(queue: "");
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("queue");
    }

    [Fact]
    public void Constructor_DefaultId_Throws()
    {
        var act = () => new Interaction(default, null, Channel.Phone, Arrived, Arrived);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
    }

    [Fact]
    public void Constructor_DefaultCustomerId_Throws_ButNullIsAnonymous()
    {
        var act = () => new Interaction(new InteractionId("I1"), default(CustomerId), Channel.Phone, Arrived, Arrived);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("customer_id");
        new Interaction(new InteractionId("I1"), null, Channel.Phone, Arrived, Arrived).CustomerId.Should().BeNull();
    }

    [Fact]
    public void Constructor_DefaultAgentId_Throws()
    {
        var act = () => new Interaction(new InteractionId("I1"), null, Channel.Phone, Arrived, Arrived, agentId: default(AgentId));
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("agent_id");
    }
}
