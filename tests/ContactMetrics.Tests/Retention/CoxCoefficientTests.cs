using ContactMetrics.Numerics;
using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public class CoxCoefficientTests
{
    [Fact]
    public void Estimate_FiniteHazardRatio_IsTheRatioWithItsInterval()
    {
        // beta = ln 2, so HR = 2 with the interval as given (the Wald interval the fit computes).
        var c = new CoxCoefficient("x", Math.Log(2), 0.1, 6.93, 0.0, 2, new ConfidenceInterval(1.64, 2.43, 0.95, "wald"), 50);

        c.Estimate.Point.Should().Be(2);
        c.Estimate.Lower.Should().Be(1.64);
        c.Estimate.N.Should().Be(50);
    }

    [Fact]
    public void Estimate_HazardRatioNotFinite_IsUndefinedNotAThrow()
    {
        // A fit that did not converge (perfect separation): beta runs off to large values and exp(beta) overflows.
        var c = new CoxCoefficient("x", 800, double.PositiveInfinity, 0, 1, double.PositiveInfinity,
            new ConfidenceInterval(0, double.PositiveInfinity, 0.95, "wald"), 50);

        c.Estimate.Point.Should().BeNull();
        c.Estimate.N.Should().Be(50);
    }
}
