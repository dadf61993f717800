using ContactMetrics.Clv;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

public class EstimateTests
{
    [Fact]
    public void ToString_RateEstimate_ReadsPointIntervalLevelMethodAndN()
    {
        // Newcombe (1998), Statistics in Medicine 17, worked examples (method 3): 81/263, Wilson 95% CI 0.2553-0.3662; 81/263 = 0.308.
        var rate = new RateEstimate(81, 263, "test");
        rate.Estimate.Point.Should().Be(rate.Value);
        rate.Estimate.Interval.Should().Be(rate.Interval);
        rate.Estimate.Lower!.Value.Should().BeApproximately(0.2553, 0.00005);
        rate.Estimate.Upper!.Value.Should().BeApproximately(0.3662, 0.00005);
        rate.Estimate.Level.Should().Be(0.95);
        rate.Estimate.Method.Should().Be("wilson");
        rate.Estimate.N.Should().Be(263);
        rate.Estimate.ToString().Should().Be("0.308 [0.255, 0.366] 95% wilson, n=263");
    }

    [Fact]
    public void ToString_LargeN_GroupsThousands()
    {
        // The format of the example: 0.849 [0.842, 0.856] 95% wilson, n=33,484 (bounds given, not computed).
        var e = new Estimate(0.849, new ConfidenceInterval(0.842, 0.856, 0.95, "wilson"), 33_484);
        e.ToString().Should().Be("0.849 [0.842, 0.856] 95% wilson, n=33,484");
    }

    [Fact]
    public void Constructor_NoObservations_HasNoPointNorInterval()
    {
        var e = new RateEstimate(0, 0, "test").Estimate;
        e.Point.Should().BeNull();
        e.Interval.Should().BeNull();
        e.HasPoint.Should().BeFalse();
        e.Method.Should().Be("wilson");
        e.ToString().Should().Be("undefined, n=0");
        new MeanEstimate(null, 0, "test").Estimate.Point.Should().BeNull();
        new NpsEstimate(0, 0, 0).Estimate.Point.Should().BeNull();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFinitePoint_Throws(double point)
    {
        var act = () => new Estimate(point, null, 10);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("point");
    }

    [Fact]
    public void Wald_KnownCase_IsPointPlusMinusZTimesSe()
    {
        // z(0.975) = 1.959964 (standard normal quantile, e.g. R qnorm(0.975)): 2 +- 1.959964 * 0.5 = [1.020018, 2.979982].
        var e = Estimate.Wald(2, 0.5, 100);
        e.Lower!.Value.Should().BeApproximately(1.020018, 1e-6);
        e.Upper!.Value.Should().BeApproximately(2.979982, 1e-6);
        e.Method.Should().Be("wald");
        e.ToString().Should().Be("2 [1.02, 2.98] 95% wald, n=100");
    }

    [Fact]
    public void Wald_NaNStandardError_KeepsPointWithoutInterval()
    {
        var e = new ParameterEstimate("r", 0.243, double.NaN, 2357).Estimate;
        e.Point.Should().Be(0.243);
        e.Interval.Should().BeNull();
        e.ToString().Should().Be("0.243 wald, n=2,357");
    }

    [Fact]
    public void Estimate_NpsAndMean_CarryTheirIntervalAndCount()
    {
        // 50 promoters, 30 passives, 20 detractors: NPS = 100 (0.5 - 0.2) = 30 (the definition in NpsEstimate's remarks).
        var nps = new NpsEstimate(50, 30, 20);
        nps.Estimate.Point!.Value.Should().BeApproximately(30, 1e-12);
        nps.Estimate.Interval.Should().Be(nps.Interval);
        nps.Estimate.N.Should().Be(100);
        var mean = new MeanEstimate(180, 12, "AHT");
        mean.Estimate.ToString().Should().Be("180 mean, n=12");
    }
}
