using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public class QueueLoadTests
{
    [Fact]
    public void Constructor_ReferenceCase_TrafficIsTenErlangs()
    {
        // REFERENCES.md, "Erlang C": 100 contacts per 30 minutes at AHT 180 s is A = 100 x 180 / 1800 = 10.
        var load = new QueueLoad(100, Duration.FromMinutes(30), Duration.FromSeconds(180));

        load.TrafficErlangs.Should().Be(10);
        load.ArrivalRatePerSecond.Should().BeApproximately(1.0 / 18, 1e-17);
    }

    [Fact]
    public void WithAverageHandleTime_ShorterHandleTime_ScalesTraffic()
    {
        var load = new QueueLoad(100, Duration.FromMinutes(30), Duration.FromSeconds(180)).WithAverageHandleTime(Duration.FromSeconds(162));

        load.TrafficErlangs.Should().BeApproximately(9, 1e-15);
        load.Contacts.Should().Be(100);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadContacts_ThrowsNamingContacts(double contacts)
    {
        var act = () => new QueueLoad(contacts, Duration.FromMinutes(30), Duration.FromSeconds(180));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("contacts");
    }

    [Fact]
    public void Constructor_NegativeContacts_MessageStatesRangeAndValue()
    {
        var act = () => new QueueLoad(-3, Duration.FromMinutes(30), Duration.FromSeconds(180));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 0*-3*");
    }

    [Fact]
    public void Constructor_ZeroInterval_ThrowsNamingInterval()
    {
        var act = () => new QueueLoad(10, Duration.Zero, Duration.FromSeconds(180));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("interval");
    }

    [Fact]
    public void Constructor_NegativeHandleTime_ThrowsNamingHandleTime()
    {
        var act = () => new QueueLoad(10, Duration.FromMinutes(30), Duration.FromSeconds(-1));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("averageHandleTime");
    }

    [Fact]
    public void Constructor_TrafficAboveMaximum_Throws()
    {
        var act = () => new QueueLoad(1e12, Duration.FromMinutes(30), Duration.FromSeconds(180));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("contacts");
    }
}
