using ContactMetrics.Clv;

namespace ContactMetrics.Tests.Clv;

public class RetentionClvTests
{
    [Fact]
    public void Value_InfiniteHorizon_HandComputed()
    {
        // By hand: m = 100, r = 0.8, d = 0.1. Now: 100 x 1.1 / 0.3 = 366.667; end of period: 100 x 0.8 / 0.3 = 266.667
        // (Gupta & Lehmann 2003: m r / (1 + d - r)). They differ by one undiscounted margin.
        RetentionClv.Value(100, 0.8, 0.1, FirstMarginTiming.Now).Should().BeApproximately(366.6666666667, 1e-9);
        RetentionClv.Value(100, 0.8, 0.1, FirstMarginTiming.EndOfFirstPeriod).Should().BeApproximately(266.6666666667, 1e-9);
    }

    [Fact]
    public void Value_ThreePeriods_HandComputed()
    {
        // q = 0.8 / 1.1 = 0.727273. Now: 100 (1 + q + q^2) = 225.6198; end of period: 100 (q + q^2 + q^3) = 164.0872.
        RetentionClv.Value(100, 0.8, 0.1, FirstMarginTiming.Now, 3).Should().BeApproximately(225.6198347, 1e-6);
        RetentionClv.Value(100, 0.8, 0.1, FirstMarginTiming.EndOfFirstPeriod, 3).Should().BeApproximately(164.0871525, 1e-6);
    }

    [Fact]
    public void Value_LongFiniteHorizon_ApproachesInfinite()
    {
        foreach (var timing in new[] { FirstMarginTiming.Now, FirstMarginTiming.EndOfFirstPeriod })
        {
            RetentionClv.Value(50, 0.9, 0.05, timing, 2000).Should().BeApproximately(RetentionClv.Value(50, 0.9, 0.05, timing), 1e-9);
        }
    }

    [Fact]
    public void Value_Boundaries_ReturnLimits()
    {
        // r = 1, d = 0: every period pays, undiscounted.
        RetentionClv.Value(10, 1, 0, FirstMarginTiming.Now).Should().Be(double.PositiveInfinity);
        RetentionClv.Value(10, 1, 0, FirstMarginTiming.Now, 12).Should().BeApproximately(120, 1e-12);
        // r = 0: only the margin received now counts.
        RetentionClv.Value(10, 0, 0.1, FirstMarginTiming.Now).Should().Be(10);
        RetentionClv.Value(10, 0, 0.1, FirstMarginTiming.EndOfFirstPeriod, 5).Should().Be(0);
        RetentionClv.Value(10, 0, 0.1, FirstMarginTiming.Now, 5).Should().Be(10);
    }

    [Fact]
    public void Value_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => RetentionClv.Value(10, 1.2, 0.1, FirstMarginTiming.Now)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("retentionRate");
        FluentActions.Invoking(() => RetentionClv.Value(10, 0.8, -0.1, FirstMarginTiming.Now)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("discountRate");
        FluentActions.Invoking(() => RetentionClv.Value(10, 0.8, 0.1, (FirstMarginTiming)7)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timing");
        FluentActions.Invoking(() => RetentionClv.Value(10, 0.8, 0.1, FirstMarginTiming.Now, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("periods");
    }
}
