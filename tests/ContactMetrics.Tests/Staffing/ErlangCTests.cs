using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public partial class ErlangCTests
{
    [Theory]
    // REFERENCES.md, "Erlang C" table (pyworkforce tests; Call Centre Helper worked example), given to
    // 4 significant digits: the tolerance is half a unit in the last digit shown.
    [InlineData(12, 0.4494, 0.6402, 40.4, 0.05, 0.833)]
    [InlineData(13, 0.2853, 0.7956, 17.1, 0.05, 0.769)]
    [InlineData(14, 0.1741, 0.8884, 7.84, 0.005, 0.714)]
    [InlineData(15, 0.1020, 0.9415, 3.67, 0.005, 0.667)]
    public void Evaluate_ReferenceTable_MatchesPublishedValues(int agents, double pWait, double serviceLevel, double asaSeconds, double asaTolerance, double occupancy)
    {
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, agents, ReferenceCase.Twenty);

        metrics.ProbabilityOfWait.Should().BeApproximately(pWait, 0.00005);
        metrics.ServiceLevel.Should().BeApproximately(serviceLevel, 0.00005);
        metrics.AverageSpeedOfAnswerSeconds.Should().BeApproximately(asaSeconds, asaTolerance);
        metrics.Occupancy.Should().BeApproximately(occupancy, 0.0005);
        metrics.IsStable.Should().BeTrue();
        metrics.Model.Should().Be(QueueModel.ErlangC);
    }

    [Fact]
    public void Evaluate_FourteenAgents_MatchesFullPrecisionFactorialFormula()
    {
        // Textbook formula with exact factorials (Python: C(14, 10) = 0.17413193359504983,
        // SL = 1 - C e^(-4 x 20 / 180) = 0.8883500191794669, ASA = C x 180 / 4 = 7.835937011777243 s).
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty);

        metrics.ProbabilityOfWait.Should().BeApproximately(0.17413193359504983, 1e-14);
        metrics.ServiceLevel.Should().BeApproximately(0.8883500191794669, 1e-14);
        metrics.AverageSpeedOfAnswerSeconds.Should().BeApproximately(7.835937011777243, 1e-12);
        metrics.AverageWaitSeconds.Should().Be(metrics.AverageSpeedOfAnswerSeconds);
        metrics.AverageWaitOfDelayedSeconds.Should().BeApproximately(45, 1e-12); // AHT / (N - A) = 180 / 4
        metrics.ServiceLevelOfAnswered.Should().Be(metrics.ServiceLevel);
        metrics.ServiceLevelCountingAbandons.Should().Be(metrics.ServiceLevel);
        metrics.ProbabilityOfAbandonment.Should().Be(0);
    }

    [Fact]
    public void ScalarFunctions_ReferenceCase_AgreeWithEvaluate()
    {
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, 13, ReferenceCase.Twenty);

        ErlangC.ProbabilityOfWait(13, 10).Should().Be(metrics.ProbabilityOfWait);
        ErlangC.ServiceLevel(13, 10, ReferenceCase.Aht, ReferenceCase.Twenty).Should().Be(metrics.ServiceLevel);
        ErlangC.AverageSpeedOfAnswerSeconds(13, 10, ReferenceCase.Aht).Should().Be(metrics.AverageSpeedOfAnswerSeconds);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(7)]
    [InlineData(1)]
    public void Evaluate_AgentsNotAboveTraffic_ReportsUnstableLimitWithoutNaN(int agents)
    {
        // N <= A: no steady state; the documented limit as N falls to A.
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, agents, ReferenceCase.Twenty);

        metrics.IsStable.Should().BeFalse();
        metrics.ProbabilityOfWait.Should().Be(1);
        metrics.ServiceLevel.Should().Be(0);
        metrics.ServiceLevelOfAnswered.Should().Be(0);
        metrics.ServiceLevelCountingAbandons.Should().Be(0);
        metrics.AverageSpeedOfAnswerSeconds.Should().Be(double.PositiveInfinity);
        metrics.AverageWaitSeconds.Should().Be(double.PositiveInfinity);
        metrics.AverageWaitOfDelayedSeconds.Should().Be(double.PositiveInfinity);
        metrics.Occupancy.Should().Be(1);
        ErlangC.ProbabilityOfWait(agents, 10).Should().Be(1);
        ErlangC.AverageSpeedOfAnswerSeconds(agents, 10, ReferenceCase.Aht).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Evaluate_NoTraffic_NothingWaits()
    {
        var metrics = ErlangC.Evaluate(new QueueLoad(0, ReferenceCase.Interval, ReferenceCase.Aht), 0, ReferenceCase.Twenty);

        metrics.IsStable.Should().BeTrue();
        metrics.ProbabilityOfWait.Should().Be(0);
        metrics.ServiceLevel.Should().Be(1);
        metrics.AverageSpeedOfAnswerSeconds.Should().Be(0);
        metrics.Occupancy.Should().Be(0);
    }

    [Fact]
    public void Evaluate_FiveThousandAgents_IsFiniteAndMatchesLogSpaceOracle()
    {
        // A = 4,900: 49,000 contacts per 30 minutes at 180 s. A^N / N! overflows double; the oracle
        // computes B in log space (NaiveErlang.BlockingLogSpace) and applies C = N B / (N - A (1 - B)).
        var load = new QueueLoad(49_000, ReferenceCase.Interval, ReferenceCase.Aht);
        var metrics = ErlangC.Evaluate(load, 5000, ReferenceCase.Twenty);

        double b = NaiveErlang.BlockingLogSpace(5000, 4900);
        double expected = 5000 * b / (5000 - 4900 * (1 - b));
        metrics.ProbabilityOfWait.Should().BeApproximately(expected, 1e-10 * expected);
        metrics.ServiceLevel.Should().BeInRange(0, 1);
        double.IsFinite(metrics.AverageSpeedOfAnswerSeconds).Should().BeTrue();
        metrics.Occupancy.Should().BeApproximately(0.98, 1e-15);
    }

    [Theory]
    [InlineData(3, 2.5)]
    [InlineData(20, 17.2)]
    [InlineData(90, 80.0)]
    public void ProbabilityOfWait_SmallSystems_MatchesTextbookFormula(int agents, double traffic)
    {
        double expected = NaiveErlang.Wait(agents, traffic);
        ErlangC.ProbabilityOfWait(agents, traffic).Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void Evaluate_ZeroAgentsWithTraffic_ThrowsNamingAgents()
    {
        var act = () => ErlangC.Evaluate(ReferenceCase.Load, 0, ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "agents" && e.Message.Contains("traffic of 10 Erlangs"));
    }

    [Fact]
    public void ProbabilityOfWait_NegativeTraffic_ThrowsNamingTraffic()
    {
        var act = () => ErlangC.ProbabilityOfWait(5, -1);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("trafficErlangs");
    }

    [Fact]
    public void Evaluate_NegativeThreshold_ThrowsNamingThreshold()
    {
        var act = () => ErlangC.Evaluate(ReferenceCase.Load, 12, Duration.FromSeconds(-1));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("serviceLevelThreshold");
    }

    [Fact]
    public void ServiceLevel_ZeroHandleTime_ThrowsNamingHandleTime()
    {
        var act = () => ErlangC.ServiceLevel(12, 10, Duration.Zero, ReferenceCase.Twenty);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("averageHandleTime");
    }
}
