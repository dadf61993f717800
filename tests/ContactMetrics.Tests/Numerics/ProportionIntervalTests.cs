using ContactMetrics.Numerics;

namespace ContactMetrics.Tests.Numerics;

public class ProportionIntervalTests
{
    [Fact]
    public void Wilson_KnownCase_MatchesPublishedBounds()
    {
        // Newcombe (1998), Statistics in Medicine 17, worked examples (method 3, score without continuity correction): 81/263, Wilson 95% CI 0.2553-0.3662.
        var ci = ProportionInterval.Wilson(81, 263);
        ci.Lower.Should().BeApproximately(0.2553, 0.00005);
        ci.Upper.Should().BeApproximately(0.3662, 0.00005);
        ci.Method.Should().Be("wilson");
    }

    [Fact]
    public void Wilson_ZeroSuccesses_StartsAtZero()
    {
        // Newcombe (1998) worked examples, method 3: 0/20, Wilson 95% CI 0-0.1611.
        var ci = ProportionInterval.Wilson(0, 20);
        ci.Lower.Should().Be(0);
        ci.Upper.Should().BeApproximately(0.1611, 0.00005);
    }

    [Fact]
    public void Wilson_AllSuccesses_EndsAtOne()
    {
        // Newcombe (1998) worked examples, method 3: 29/29, Wilson 95% CI 0.8830-1.
        var ci = ProportionInterval.Wilson(29, 29);
        ci.Upper.Should().Be(1);
        ci.Lower.Should().BeApproximately(0.8830, 0.00005);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void Wilson_BadCounts_Throw(long successes, long trials)
    {
        var act = () => ProportionInterval.Wilson(successes, trials);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [FsCheck.Xunit.Property]
    public bool Wilson_AnyCounts_StaysWithinUnitIntervalAndContainsEstimate(FsCheck.PositiveInt n, FsCheck.NonNegativeInt k)
    {
        long trials = n.Get;
        long successes = k.Get % (trials + 1);
        var ci = ProportionInterval.Wilson(successes, trials);
        double p = (double)successes / trials;
        return ci.Lower >= 0 && ci.Upper <= 1 && ci.Lower <= p && p <= ci.Upper;
    }
}
