using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public partial class ErlangATests
{
    private static readonly Duration Patience = Duration.FromSeconds(120);

    [Theory]
    // erlang_a_reference.py (beside this file): the chain summed in 200-digit arithmetic, waiting times
    // from the hypoexponential partial fractions. Columns: P(wait), P(abandon), mean wait over all
    // arrivals, ASA of answered, SL answered within / offered, within / answered, P(W <= 20 s), occupancy. The mean
    // wait of the contacts that wait is their quotient mean wait / P(wait) (W = 0 for the others).
    [InlineData(8, 0.722626463338783, 0.257982381287758, 30.957885754531, 29.2679871647223, 0.403213027380247, 0.543400880534368, 0.504168998136208, 0.927522023390302)]
    [InlineData(10, 0.496852747630142, 0.13746382627645, 16.495659153174, 14.5542296553823, 0.639941307035988, 0.741929818749949, 0.70498234442974, 0.86253617372355)]
    [InlineData(11, 0.382816491479932, 0.0941550342374565, 11.2986041084948, 9.7825175186691, 0.742208984389389, 0.819355422221279, 0.7905344514769, 0.823495423420494)]
    [InlineData(12, 0.279807018645444, 0.0615973770036804, 7.39168524044165, 6.33477417281917, 0.825582644361764, 0.879774442366411, 0.859587294496242, 0.782002185830266)]
    [InlineData(14, 0.126976340079795, 0.0228392865318188, 2.74071438381825, 2.34537523415217, 0.93272958069806, 0.954530373399454, 0.946986615506908, 0.697971938191558)]
    public void Evaluate_ReferenceLoadPatience120s_MatchesHighPrecisionChain(
        int agents, double pWait, double pAbandon, double meanWait, double asa, double slOffered, double slAnswered, double slCounting, double occupancy)
    {
        var m = ErlangA.Evaluate(ReferenceCase.Load, agents, Patience, ReferenceCase.Twenty);

        const double Rel = 1e-11;
        m.ProbabilityOfWait.Should().BeApproximately(pWait, Rel * pWait);
        m.ProbabilityOfAbandonment.Should().BeApproximately(pAbandon, Rel * pAbandon);
        m.AverageWaitSeconds.Should().BeApproximately(meanWait, Rel * meanWait);
        m.AverageSpeedOfAnswerSeconds.Should().BeApproximately(asa, Rel * asa);
        m.AverageWaitOfDelayedSeconds.Should().BeApproximately(meanWait / pWait, Rel * meanWait / pWait);
        m.ServiceLevel.Should().BeApproximately(slOffered, Rel);
        m.ServiceLevelOfAnswered.Should().BeApproximately(slAnswered, Rel);
        m.ServiceLevelCountingAbandons.Should().BeApproximately(slCounting, Rel);
        m.Occupancy.Should().BeApproximately(occupancy, Rel);
        m.IsStable.Should().BeTrue();
        m.Model.Should().Be(QueueModel.ErlangA);
        m.AveragePatience.Should().Be(Patience);
    }

    [Fact]
    public void Evaluate_OneAgentEqualRates_MatchesHandDerivation()
    {
        // lambda = mu = theta = 1/60 s, N = 1: pi_{1+k} = pi_1 / (k+1)!, pi_0 = pi_1, so pi_0 = 1/e.
        // P(wait) = 1 - 1/e; P(abandon) = (1/e) sum_{m>=1} m/(m+1)! = 1/e (telescoping);
        // E[queue] = (1/e) sum_{k>=1} k/(k+1)! = 1/e, so mean wait = 60/e s (Little);
        // occupancy = A (1 - P(abandon)) / N = 1 - 1/e.
        // ASA and service levels at 30 s: erlang_a_reference.py.
        var load = new QueueLoad(1, Duration.FromMinutes(1), Duration.FromMinutes(1));
        var m = ErlangA.Evaluate(load, 1, Duration.FromMinutes(1), Duration.FromSeconds(30));

        double e = Math.E;
        m.ProbabilityOfWait.Should().BeApproximately(1 - 1 / e, 1e-14);
        m.ProbabilityOfAbandonment.Should().BeApproximately(1 / e, 1e-14);
        m.AverageWaitSeconds.Should().BeApproximately(60 / e, 1e-12);
        m.Occupancy.Should().BeApproximately(1 - 1 / e, 1e-14);
        m.AverageSpeedOfAnswerSeconds.Should().BeApproximately(15.6121206473626, 1e-11);
        m.ServiceLevel.Should().BeApproximately(0.508064069611581, 1e-13);
        m.ServiceLevelOfAnswered.Should().BeApproximately(0.803745523722757, 1e-13);
        m.ServiceLevelCountingAbandons.Should().BeApproximately(0.724173639177785, 1e-13);
    }

    [Theory]
    [InlineData(100.0, 8, 120.0)]
    [InlineData(100.0, 12, 30.0)]
    [InlineData(100.0, 14, 1800.0)]
    [InlineData(3000.0, 280, 90.0)]
    [InlineData(49000.0, 4800, 300.0)]
    [InlineData(49000.0, 5000, 300.0)]
    public void Evaluate_AnyLoad_AbandonmentEqualsThetaTimesMeanWait(double contacts, int agents, double patienceSeconds)
    {
        // Mandelbaum & Zeltyn: P(abandon) = theta E[W] for exponential patience. The library computes the
        // left side from the conditional abandonment probabilities and the right side by Little's law
        // from the mean queue length, so the identity checks the stationary distribution.
        var load = new QueueLoad(contacts, ReferenceCase.Interval, ReferenceCase.Aht);
        var m = ErlangA.Evaluate(load, agents, Duration.FromSeconds(patienceSeconds), ReferenceCase.Twenty);

        double thetaTimesWait = m.AverageWaitSeconds / patienceSeconds;
        m.ProbabilityOfAbandonment.Should().BeApproximately(thetaTimesWait, 1e-12 + 1e-10 * thetaTimesWait);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(14)]
    [InlineData(20)]
    public void Evaluate_PatienceGrows_ConvergesToErlangC(int agents)
    {
        // As theta -> 0 the M/M/N+M chain tends to M/M/N (Garnett, Mandelbaum & Reiman 2002); the error
        // is O(theta) once the patience is long against the waits, so each 100-fold longer patience shrinks
        // the gap about 100-fold (required: 20-fold).
        var erlangC = ErlangC.Evaluate(ReferenceCase.Load, agents, ReferenceCase.Twenty);
        double previousGap = double.PositiveInfinity;
        foreach (double patienceSeconds in new[] { 1e5, 1e7, 1e9 })
        {
            var m = ErlangA.Evaluate(ReferenceCase.Load, agents, Duration.FromSeconds(patienceSeconds), ReferenceCase.Twenty);
            double gap = Math.Max(
                Math.Abs(m.ProbabilityOfWait - erlangC.ProbabilityOfWait),
                Math.Max(Math.Abs(m.ServiceLevel - erlangC.ServiceLevel),
                    Math.Abs(m.AverageSpeedOfAnswerSeconds - erlangC.AverageSpeedOfAnswerSeconds) / erlangC.AverageSpeedOfAnswerSeconds));
            gap.Should().BeLessThan(previousGap / 20);
            previousGap = gap;
        }
        previousGap.Should().BeLessThan(1e-5);
    }

    [Fact]
    public void Evaluate_FiveThousandAgents_IsFiniteWithoutNaN()
    {
        // A = 4,900 (49,000 contacts per 30 minutes at 180 s) with 5,000 agents and with 4,000: the
        // overloaded case has a long queue whose products exceed double range without rescaling.
        var load = new QueueLoad(49_000, ReferenceCase.Interval, ReferenceCase.Aht);
        foreach (int agents in new[] { 4000, 4900, 5000 })
        {
            var m = ErlangA.Evaluate(load, agents, Duration.FromSeconds(300), ReferenceCase.Twenty);
            foreach (double p in new[] { m.ProbabilityOfWait, m.ProbabilityOfAbandonment, m.ServiceLevel, m.ServiceLevelOfAnswered, m.ServiceLevelCountingAbandons, m.Occupancy })
            {
                p.Should().BeInRange(0, 1);
            }
            double.IsFinite(m.AverageSpeedOfAnswerSeconds).Should().BeTrue();
            double.IsFinite(m.AverageWaitSeconds).Should().BeTrue();
        }
    }

    [Fact]
    public void Evaluate_HeavilyOverloaded_AbandonmentNearFluidLimit()
    {
        // Fluid model (Whitt 2006, "Fluid models for multiserver queues with abandonments", Operations
        // Research 54(1)): with N < A, agents are all busy and P(abandon) -> 1 - N / A = 1 - 4000/4900 =
        // 0.18367; the stochastic correction is O(1 / sqrt(N)), under 1% here.
        var load = new QueueLoad(49_000, ReferenceCase.Interval, ReferenceCase.Aht);
        var m = ErlangA.Evaluate(load, 4000, Duration.FromSeconds(300), ReferenceCase.Twenty);

        m.ProbabilityOfAbandonment.Should().BeApproximately(1 - 4000.0 / 4900, 0.002);
        m.Occupancy.Should().BeApproximately(1, 0.002);
    }

    [Fact]
    public void Evaluate_NoTraffic_NothingWaits()
    {
        var m = ErlangA.Evaluate(new QueueLoad(0, ReferenceCase.Interval, ReferenceCase.Aht), 0, Patience, ReferenceCase.Twenty);

        m.ProbabilityOfWait.Should().Be(0);
        m.ProbabilityOfAbandonment.Should().Be(0);
        m.ServiceLevel.Should().Be(1);
        m.Occupancy.Should().Be(0);
    }

    [Fact]
    public void Evaluate_ZeroThreshold_ServiceLevelIsProbabilityOfNoWait()
    {
        // T = 0: answered within 0 s means answered at once, so SL = 1 - P(wait), and P(W <= 0) likewise.
        var m = ErlangA.Evaluate(ReferenceCase.Load, 11, Patience, Duration.Zero);

        m.ServiceLevel.Should().BeApproximately(1 - m.ProbabilityOfWait, 1e-15);
        m.ServiceLevelCountingAbandons.Should().BeApproximately(1 - m.ProbabilityOfWait, 1e-15);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Evaluate_NonPositivePatience_ThrowsNamingPatience(int seconds)
    {
        var act = () => ErlangA.Evaluate(ReferenceCase.Load, 12, Duration.FromSeconds(seconds), ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("averagePatience");
    }

    [Fact]
    public void Evaluate_ZeroAgentsWithTraffic_ThrowsNamingAgents()
    {
        var act = () => ErlangA.Evaluate(ReferenceCase.Load, 0, Patience, ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("agents");
    }

    [Fact]
    public void Evaluate_PatienceFarTooLongForOverload_ThrowsNamingPatience()
    {
        // One agent for A = 4,900 with a mean patience of 30 years: the queue peaks near
        // (lambda - mu) / theta ~ 2.6e10 states, beyond ErlangA.MaxQueueStates.
        var load = new QueueLoad(49_000, ReferenceCase.Interval, ReferenceCase.Aht);
        var act = () => ErlangA.Evaluate(load, 1, Duration.FromDays(365 * 30), ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage(
                "The Erlang A queue needs more than 10000000 states for a mean patience of 946080000 s with this load and these agents; the patience is so long that Erlang C applies.*")
            .Which.ParamName.Should().Be("averagePatience");
    }
}
