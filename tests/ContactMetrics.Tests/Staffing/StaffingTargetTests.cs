using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public class StaffingTargetTests
{
    [Fact]
    public void FirstMissed_ReferenceTable_NamesServiceLevelBelowFourteenAgents()
    {
        // REFERENCES.md, "Erlang C": SL in 20 s is 0.7956 with 13 agents and 0.8884 with 14.
        var target = StaffingTarget.ForServiceLevel(0.8, ReferenceCase.Twenty);

        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 13, ReferenceCase.Twenty)).Should().Be(StaffingConstraint.ServiceLevel);
        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty)).Should().Be(StaffingConstraint.None);
        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 10, ReferenceCase.Twenty)).Should().Be(StaffingConstraint.Stability);
    }

    [Fact]
    public void FirstMissed_OccupancyAboveMaximum_NamesOccupancy()
    {
        // REFERENCES.md: occupancy 0.714 with 14 agents, above a maximum of 0.70.
        var target = new StaffingTarget(0.8, ReferenceCase.Twenty, maxOccupancy: 0.7);

        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty)).Should().Be(StaffingConstraint.Occupancy);
        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 15, ReferenceCase.Twenty)).Should().Be(StaffingConstraint.None);
    }

    [Fact]
    public void FirstMissed_AsaAboveMaximum_NamesAsa()
    {
        // REFERENCES.md: ASA 7.84 s with 14 agents, 3.67 s with 15.
        var target = new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(5));

        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 14, Duration.Zero)).Should().Be(StaffingConstraint.AverageSpeedOfAnswer);
        target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 15, Duration.Zero)).Should().Be(StaffingConstraint.None);
    }

    [Fact]
    public void FirstMissed_MetricsWithOtherThreshold_Throws()
    {
        var target = StaffingTarget.ForServiceLevel(0.8, ReferenceCase.Twenty);
        var act = () => target.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 14, Duration.FromSeconds(30)));
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("metrics");
    }

    [Fact]
    public void Constructor_NoTarget_Throws()
    {
        var act = () => new StaffingTarget();
        act.Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    [Fact]
    public void Constructor_ServiceLevelWithoutThreshold_ThrowsNamingThreshold()
    {
        var act = () => new StaffingTarget(serviceLevel: 0.8);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("serviceLevelThreshold");
    }

    [Fact]
    public void Constructor_ThresholdWithoutServiceLevel_ThrowsNamingServiceLevel()
    {
        var act = () => new StaffingTarget(serviceLevelThreshold: ReferenceCase.Twenty, maxOccupancy: 0.8);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("serviceLevel");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(80.0)]
    [InlineData(double.NaN)]
    public void Constructor_ServiceLevelOutsideOpenUnitInterval_ThrowsNamingServiceLevel(double serviceLevel)
    {
        var act = () => StaffingTarget.ForServiceLevel(serviceLevel, ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("serviceLevel");
    }

    [Fact]
    public void Constructor_OccupancyAboveOne_ThrowsNamingOccupancyAndValue()
    {
        var act = () => new StaffingTarget(maxOccupancy: 1.2);
        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "maxOccupancy" && e.Message.Contains("(0, 1]") && e.Message.Contains("1.2"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Constructor_AbandonmentOutOfRange_ThrowsNamingAbandonment(double rate)
    {
        var act = () => new StaffingTarget(maxAbandonmentRate: rate);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("maxAbandonmentRate");
    }

    [Fact]
    public void Constructor_ZeroAsa_ThrowsNamingAsa()
    {
        var act = () => new StaffingTarget(maxAverageSpeedOfAnswer: Duration.Zero);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("maxAverageSpeedOfAnswer");
    }

    [Fact]
    public void Constructor_UndefinedDefinition_ThrowsNamingDefinition()
    {
        var act = () => new StaffingTarget(0.8, ReferenceCase.Twenty, serviceLevelDefinition: (QueueServiceLevel)7);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("serviceLevelDefinition");
    }

    [Fact]
    public void ToString_AllTargets_DescribesEach()
    {
        var target = new StaffingTarget(0.8, ReferenceCase.Twenty, Duration.FromSeconds(30), 0.05, 0.85);

        target.ToString().Should().Be(
            "service level 0.8 within 20 s (answered within the threshold / offered (F3)); ASA <= 30 s; abandonment <= 0.05; occupancy <= 0.85");
    }
}
