using ContactMetrics.Staffing;

namespace ContactMetrics.Tests.Staffing;

public class ErlangBTests
{
    [Fact]
    public void BlockingProbability_TenServersFiveErlangs_MatchesHandRecursion()
    {
        // By hand, B(n) = 5 B(n-1) / (n + 5 B(n-1)) from B(0) = 1:
        // B1 = 0.833333, B2 = 0.675676, B3 = 0.529661, B4 = 0.398343, B5 = 0.284868,
        // B6 = 0.191847, B7 = 0.120519, B8 = 0.070048, B9 = 0.037458, B10 = 0.018385.
        // The direct formula (5^10 / 10!) / sum_{k<=10} 5^k / k! = 0.0183845703366 (Python, exact
        // integer factorials); Erlang B tables give 0.01838 for N = 10, A = 5.
        ErlangB.BlockingProbability(10, 5).Should().BeApproximately(0.0183845703366, 1e-12);
    }

    [Fact]
    public void BlockingProbability_OneServer_IsTrafficOverOnePlusTraffic()
    {
        // B(1, A) = A / (1 + A): one step of the recursion from B(0) = 1.
        ErlangB.BlockingProbability(1, 3).Should().BeApproximately(0.75, 1e-15);
    }

    [Theory]
    [InlineData(0, 5.0, 1.0)]
    [InlineData(0, 0.0, 1.0)]
    [InlineData(3, 0.0, 0.0)]
    public void BlockingProbability_Boundaries_ReturnLimits(int servers, double traffic, double expected)
    {
        // B(0, A) = 1 (no server: every contact is lost); B(N >= 1, 0) = 0 (nothing arrives).
        ErlangB.BlockingProbability(servers, traffic).Should().Be(expected);
    }

    [Theory]
    [InlineData(5, 3.0)]
    [InlineData(20, 15.5)]
    [InlineData(60, 70.0)]
    public void BlockingProbability_SmallSystems_MatchesFactorialFormula(int servers, double traffic)
    {
        // The textbook formula is exact in double while A^N and N! stay far from overflow (N <= 60).
        double expected = NaiveErlang.Blocking(servers, traffic);
        ErlangB.BlockingProbability(servers, traffic).Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void BlockingProbability_FiveThousandServers_IsFiniteAndMatchesLogSpaceSum()
    {
        // A^N / N! overflows double long before N = 5000; the oracle sums in log space instead.
        double b = ErlangB.BlockingProbability(5000, 4900);
        b.Should().BeInRange(0, 1);
        b.Should().BeApproximately(NaiveErlang.BlockingLogSpace(5000, 4900), 1e-10 * b);
    }

    [Fact]
    public void BlockingProbability_NegativeServers_ThrowsNamingServers()
    {
        var act = () => ErlangB.BlockingProbability(-1, 5);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("servers");
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BlockingProbability_BadTraffic_ThrowsNamingTraffic(double traffic)
    {
        var act = () => ErlangB.BlockingProbability(3, traffic);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("trafficErlangs");
    }

    [Theory]
    [InlineData(10, 5.0)]
    [InlineData(14, 10.0)]
    [InlineData(80, 75.3)]
    public void ContinuousBlockingProbability_IntegerServers_EqualsRecursion(int servers, double traffic)
    {
        // At integer x the integral representation reduces to the recursion from B(0) = 1 (both branches:
        // A < 50 uses the incomplete gamma function, A >= 50 the asymptotic series).
        ErlangB.ContinuousBlockingProbability(servers, traffic)
            .Should().BeApproximately(ErlangB.BlockingProbability(servers, traffic), 1e-14);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(49.0)]
    [InlineData(51.0)]
    [InlineData(400.0)]
    public void ContinuousBlockingProbability_BetweenIntegers_IsContinuousAndDecreasing(double traffic)
    {
        // Just below and above an integer the values agree (continuity across the change of the integral's
        // fraction from near 1 back to 0), and B falls as servers are added (Jagerman 1974).
        int n = (int)traffic + 3;
        double below = ErlangB.ContinuousBlockingProbability(n - 1e-9, traffic);
        double at = ErlangB.ContinuousBlockingProbability(n, traffic);
        double middle = ErlangB.ContinuousBlockingProbability(n + 0.5, traffic);
        double next = ErlangB.ContinuousBlockingProbability(n + 1, traffic);
        below.Should().BeApproximately(at, 1e-7 * at);
        middle.Should().BeLessThan(at).And.BeGreaterThan(next);
    }

    [Fact]
    public void ContinuousBlockingProbability_HalfServerOneErlang_MatchesIntegral()
    {
        // 1 / B(0.5, 1) = integral_0^inf e^-u sqrt(1 + u) du = e Gamma(1.5, 1) = 1.37893607807066
        // (mpmath 1.3: quad(lambda u: exp(-u)*sqrt(1+u), [0, inf]) and e*gammainc(1.5, 1) agree).
        ErlangB.ContinuousBlockingProbability(0.5, 1).Should().BeApproximately(1 / 1.37893607807066, 1e-13);
    }
}
