using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

public class SurveyResponseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Csat_OutOfRange_Throws(int csat)
    {
        var act = () => new SurveyResponse(csat: csat, recordId: "I9");
        var e = act.Should().Throw<InvalidRecordException>().Which;
        e.Field.Should().Be("csat");
        e.RecordId.Should().Be("I9");
        e.Message.Should().Contain("must be 1-5");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Nps_OutOfRange_Throws(int nps)
    {
        var act = () => new SurveyResponse(nps: nps);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("nps");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Ces_OutOfRange_Throws(int ces)
    {
        var act = () => new SurveyResponse(ces: ces);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("ces");
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(5, 10, 7)]
    public void Boundaries_AreAccepted(int csat, int nps, int ces)
    {
        var s = new SurveyResponse(csat, nps, ces);
        (s.Csat, s.Nps, s.Ces).Should().Be((csat, nps, ces));
    }

    [Fact]
    public void NoScoreAtAll_Throws()
    {
        var act = () => new SurveyResponse();
        act.Should().Throw<InvalidRecordException>();
    }

    [Fact]
    public void OneScore_IsEnough()
    {
        new SurveyResponse(nps: 7).Csat.Should().BeNull();
    }

    [Fact]
    public void Equality_IsByScores()
    {
        new SurveyResponse(4, 8).Should().Be(new SurveyResponse(4, 8));
        new SurveyResponse(4, 8).Should().NotBe(new SurveyResponse(4, 9));
    }

    [Fact]
    public void Recommended_AloneIsAResponse_AndTakesPartInEquality()
    {
        var only = SurveyResponse.Create(null, null, null, true, "i-1");

        only.Recommended.Should().BeTrue();
        only.ToString().Should().Be("csat=- nps=- ces=- recommended=yes");
        SurveyResponse.Create(4, 10, 6, true, "i-1").Should().NotBe(SurveyResponse.Create(4, 10, 6, false, "i-1"));
        new SurveyResponse(4, 10, 6).Recommended.Should().BeNull();
        FluentActions.Invoking(() => SurveyResponse.Create(null, null, null, null, "i-2")).Should().Throw<InvalidRecordException>();
    }
}
