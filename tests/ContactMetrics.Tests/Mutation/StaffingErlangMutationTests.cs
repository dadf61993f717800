using ContactMetrics.Staffing;
using ContactMetrics.Tests.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests written for Stryker.NET's surviving mutants of ErlangA, ErlangB and ErlangC (issue #14 item 9,
/// docs/testing.md, "Staffing"): argument checks of the scalar functions, the no-traffic limits and the series branch of
/// the continuous Erlang B (A of 50 and more); Erlang A's mean wait of delayed contacts and long-patience message are in ErlangATests.
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
    // Jagerman's integral 1/B(x, A) = int_0^inf e^-u (1 + u/A)^x du by mpmath quadrature at 40 digits. For A >= 50 the
    // library takes the integral at the fraction f of x from the series sum_k f (f-1) ... (f-k+1) / A^k and climbs the
    // whole servers by the recursion; the recursion forgets its start within a few servers (each step multiplies an
    // error by n / (n + A B)), so only few whole servers test the series' third and later terms (-2.5e-5 at f = 0.5,
    // A = 100). Below 50 the integral comes from the incomplete gamma function.
    [InlineData(0.5, 100.0, 0.99504926577531280721)]
    [InlineData(0.5, 50.0, 0.99019424536471465657)]
    [InlineData(2.25, 50.0, 0.95590364537514254086)]
    [InlineData(100.5, 100.0, 0.072684029531638407)]
    [InlineData(120.75, 100.0, 0.0049181069913023169)]
    [InlineData(60.25, 50.0, 0.020550953157426294)]
    public void ContinuousErlangB_FiftyErlangsAndMore_MatchesJagermansIntegral(double servers, double traffic, double expected)
    {
        ErlangB.ContinuousBlockingProbability(servers, traffic).Should().BeApproximately(expected, 1e-13 * expected);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(10.0)]
    [InlineData(30.0)]
    [InlineData(80.0)]
    public void ContinuousErlangB_NoServers_BlocksEverything(double traffic)
    {
        // B(0, A) = 1 exactly (the integral at x = 0 is int_0^inf e^-u du = 1), as BlockingProbability(0, A).
        ErlangB.ContinuousBlockingProbability(0, traffic).Should().Be(1);
    }

    [Theory]
    // Staffing/erlang_a_long_queue_reference.py: the SL answered within T / offered, within T / answered and
    // P(W <= T), at T = 100 s and at T = 82.9 s, where the served-and-late sums pass 1e200 while they are still moderate.
    [InlineData(100.0, 2.9360974515222494e-5, 3.2297071966744743e-5, 0.054069826826343127)]
    [InlineData(82.9, 3.2103140076964611e-7, 3.5313454084661072e-7, 0.045011414661952575)]
    public void ErlangA_QueueOfAThousandWaiting_MatchesTheChainSummedInSixtyDigits(double thresholdSeconds, double slOffered, double slAnswered, double slCounting)
    {
        // 1,000 agents for A = 1,100 Erlangs, mean patience 1,800 s. About 1,000 contacts wait, the products t_k and the
        // negative binomial sums pass 1e200 and are rescaled (N mu T = 556 and 461), and the truncation bound matters
        // while the ratio lambda / (N mu + (k+1) theta) is near 1. The agents are never idle, so P(abandon) = 1 - N / A
        // = 1/11 and the occupancy is 1 (to 60 digits); mean wait 163.636 s, ASA of answered 171.468 s (the script).
        var load = new QueueLoad(11_000, ReferenceCase.Interval, ReferenceCase.Aht);
        var m = ErlangA.Evaluate(load, 1000, Duration.FromSeconds(1800), Duration.FromSeconds(thresholdSeconds));

        m.ProbabilityOfWait.Should().Be(1);
        m.ProbabilityOfAbandonment.Should().BeApproximately(1.0 / 11, 1e-13);
        m.Occupancy.Should().BeApproximately(1, 1e-13);
        m.AverageWaitSeconds.Should().BeApproximately(163.63636363636364, 1e-11 * 163.6);
        m.AverageWaitOfDelayedSeconds.Should().BeApproximately(163.63636363636364, 1e-11 * 163.6);
        m.AverageSpeedOfAnswerSeconds.Should().BeApproximately(171.46832514778475, 1e-11 * 171.5);
        m.ServiceLevelCountingAbandons.Should().BeApproximately(slCounting, 1e-12);
        // Answered within T is a difference of two sums near 0.909 (served, and served late): absolute accuracy.
        m.ServiceLevel.Should().BeApproximately(slOffered, 1e-12);
        m.ServiceLevelOfAnswered.Should().BeApproximately(slAnswered, 1e-12);
    }
}
