using ContactMetrics.Staffing;
using ContactMetrics.Tests.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests written for Stryker.NET's surviving mutants of ErlangA, ErlangB and ErlangC (issue #14 item 9,
/// docs/testing.md, "Staffing"): argument checks of the scalar functions, the no-traffic limits, the series branch of
/// the continuous Erlang B (A of 50 and more) and Erlang A's conditional wait of delayed contacts.
/// </summary>
public class StaffingErlangMutationTests
{
    [Fact]
    public void ErlangC_NoTrafficNoAgents_NothingWaits()
    {
        // ErlangC docs: P(wait) is 0 when A = 0, and the ASA 0, also with no agents (allowed without traffic).
        ErlangC.ProbabilityOfWait(0, 0).Should().Be(0);
        ErlangC.AverageSpeedOfAnswerSeconds(0, 0, ReferenceCase.Aht).Should().Be(0);
    }

    [Theory]
    [InlineData(5, 10.0)]
    [InlineData(10, 10.0)]
    [InlineData(1, 1.0)]
    [InlineData(100, 100.0)]
    [InlineData(99, 150.0)]
    public void ErlangC_AgentsNotAboveTraffic_EveryoneWaits(int agents, double traffic)
    {
        // ErlangC docs: C(N, A) = 1 when N <= A (the M/M/N queue has no steady state; its limit as N falls to A).
        ErlangC.ProbabilityOfWait(agents, traffic).Should().Be(1);
    }

    [Fact]
    public void ErlangC_ScalarFunctions_CheckTheirDurations()
    {
        var threshold = () => ErlangC.ServiceLevel(14, 10, ReferenceCase.Aht, Duration.FromSeconds(-1));
        var aht = () => ErlangC.AverageSpeedOfAnswerSeconds(14, 10, Duration.Zero);
        var load = () => ErlangC.Evaluate(null!, 14, ReferenceCase.Twenty);

        threshold.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be at least 0; was -1 s.*").Which.ParamName.Should().Be("threshold");
        aht.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be greater than 0; was 0 s.*").Which.ParamName.Should().Be("averageHandleTime");
        load.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("load");
    }

    [Fact]
    public void ErlangA_NullLoad_ThrowsArgumentNull()
    {
        var act = () => ErlangA.Evaluate(null!, 14, Duration.FromSeconds(120), ReferenceCase.Twenty);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("load");
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(2.5, 0.0)]
    [InlineData(1.0, 0.0)]
    public void ContinuousErlangB_NoTraffic_BlocksOnlyWithoutServers(double servers, double expected)
    {
        // 1/B(x, 0) = int_0^inf e^-u (1 + u/0)^x du diverges for x > 0 (B = 0) and is 1 at x = 0, as for whole servers.
        ErlangB.ContinuousBlockingProbability(servers, 0).Should().Be(expected);
    }

    [Theory]
    // Jagerman's integral 1/B(x, A) = int_0^inf e^-u (1 + u/A)^x du by mpmath quadrature at 40 digits: the
    // library takes A >= 50 from the series sum_k f (f-1) ... (f-k+1) / A^k, whose third term (-2.5e-5 at f = 0.5,
    // A = 100) and later ones these values need.
    [InlineData(100.5, 100.0, 0.072684029531638407)]
    [InlineData(120.75, 100.0, 0.0049181069913023169)]
    [InlineData(60.25, 50.0, 0.020550953157426294)]
    public void ContinuousErlangB_FiftyErlangsAndMore_MatchesJagermansIntegral(double servers, double traffic, double expected)
    {
        ErlangB.ContinuousBlockingProbability(servers, traffic).Should().BeApproximately(expected, 1e-13 * expected);
    }

    [Theory]
    // erlang_a_reference.py (Staffing tests), A = 10, patience 120 s: the mean wait over all arrivals and P(wait);
    // the mean wait of the contacts that wait is their quotient (W = 0 for the others).
    [InlineData(8, 30.957885754531, 0.722626463338783)]
    [InlineData(11, 11.2986041084948, 0.382816491479932)]
    [InlineData(14, 2.74071438381825, 0.126976340079795)]
    public void ErlangA_AverageWaitOfDelayed_IsMeanWaitOverProbabilityOfWait(int agents, double meanWait, double pWait)
    {
        var m = ErlangA.Evaluate(ReferenceCase.Load, agents, Duration.FromSeconds(120), ReferenceCase.Twenty);

        double expected = meanWait / pWait;
        m.AverageWaitOfDelayedSeconds.Should().BeApproximately(expected, 1e-11 * expected);
    }
}
