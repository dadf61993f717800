using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using ContactMetrics.Tests.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests written for Stryker.NET's surviving mutants of StaffingPlanner and StaffingTarget (issue #14 item 9,
/// docs/testing.md, "Staffing"): argument checks and their messages, the Erlang A batch path, the search's walk from
/// its square-root guess (also past the 64-agent walk), fractional agents next to the traffic, the limiting
/// constraint of a one-agent Erlang A answer and the 1e-12 tolerance of the targets.
/// </summary>
public class StaffingPlannerMutationTests
{
    private static readonly StaffingTarget EightyTwenty = StaffingTarget.ForServiceLevel(0.8, ReferenceCase.Twenty);
    private static readonly Duration Patience = Duration.FromSeconds(120);
    private static readonly Money Rate = new(30m, Currency.Eur);

    [Fact]
    public void Constructor_AbandonmentTargetWithoutPatience_SaysWhatToGive()
    {
        var act = () => new StaffingPlanner(new StaffingTarget(maxAbandonmentRate: 0.05));

        act.Should().Throw<ArgumentException>().WithMessage(
            "The target has a maximum abandonment rate, which needs the Erlang A model: give the mean patience of contacts (averagePatience).*");
    }

    [Fact]
    public void Model_IsErlangAWithPatienceAndErlangCWithout()
    {
        new StaffingPlanner(EightyTwenty).Model.Should().Be(QueueModel.ErlangC);
        new StaffingPlanner(EightyTwenty, averagePatience: Patience).Model.Should().Be(QueueModel.ErlangA);
    }

    [Fact]
    public void NullArguments_ThrowArgumentNullNamingThem()
    {
        var planner = new StaffingPlanner(EightyTwenty);

        FluentActions.Invoking(() => planner.Plan((QueueLoad)null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("load");
        FluentActions.Invoking(() => planner.Plan((IReadOnlyList<QueueLoad>)null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("loads");
        FluentActions.Invoking(() => planner.FractionalAgents(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("load");
        FluentActions.Invoking(() => planner.Evaluate(null!, [14])).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("loads");
        FluentActions.Invoking(() => planner.ValueOfAhtReduction(null!, Duration.FromSeconds(18), Rate, Duration.FromHours(40)))
            .Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("loads");
    }

    [Fact]
    public void PlanMany_ErlangA_StaffsEachLoadWithTheChain()
    {
        // erlang_a_reference.py (Staffing tests), A = 10, patience 120 s: SL answered within 20 s / offered is
        // 0.742209 with 11 agents and 0.825583 with 12, so 80/20 needs 12 under Erlang A (14 under Erlang C).
        var planner = new StaffingPlanner(EightyTwenty, averagePatience: Patience);

        var plan = planner.Plan([ReferenceCase.Load, new QueueLoad(0, ReferenceCase.Interval, ReferenceCase.Aht)]);

        plan.Requirements.Select(r => r.Agents).Should().Equal(12, 0);
        plan.Requirements[0].Metrics.Model.Should().Be(QueueModel.ErlangA);
        plan.Requirements[0].Metrics.ServiceLevel.Should().BeApproximately(0.825582644361764, 1e-11);
        plan.Requirements[0].LimitingConstraint.Should().Be(StaffingConstraint.ServiceLevel);
    }

    [Fact]
    public void PlanIntervals_NonPositiveDurations_ThrowAlsoWithoutIntervals()
    {
        var planner = new StaffingPlanner(EightyTwenty);

        var interval = () => planner.Plan([], Duration.Zero, ReferenceCase.Aht);
        var aht = () => planner.Plan([], ReferenceCase.Interval, Duration.FromSeconds(-1));

        interval.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be greater than 0; was 0 s.*").Which.ParamName.Should().Be("interval");
        aht.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be greater than 0; was -1 s.*").Which.ParamName.Should().Be("averageHandleTime");
    }

    [Fact]
    public void FractionalAgents_ErlangA_SaysWhy()
    {
        var act = () => new StaffingPlanner(EightyTwenty, averagePatience: Patience).FractionalAgents(ReferenceCase.Load);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Fractional agents are defined for Erlang C only: the Erlang A chain has a whole number of agents.");
    }

    [Fact]
    public void FractionalAgents_OneAgentAboveTheTraffic_LiesBetweenTheTrafficAndIt()
    {
        // A = 10: 11 agents give C = 0.682118, SL in 20 s = 1 - C e^(-20/180) = 0.389614 and ASA = 180 C = 122.78 s
        // (mpmath, factorial sums), so SL 30% in 20 s and an ASA of at most 200 s both need 11 whole agents, and the
        // search for the real answer starts at the traffic itself. The real answers solve the continuous Erlang C
        // (Jagerman's integral 1/B(x, A) = int_0^inf e^-u (1 + u/A)^x du by mpmath quadrature, root by findroot):
        // x = 10.7292450608738 for the service level, 10.6929111440381 for the ASA.
        var serviceLevel = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.3, ReferenceCase.Twenty));
        var asa = new StaffingPlanner(new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(200)));

        serviceLevel.Plan(ReferenceCase.Load).Agents.Should().Be(11);
        asa.Plan(ReferenceCase.Load).Agents.Should().Be(11);
        serviceLevel.FractionalAgents(ReferenceCase.Load).Should().BeApproximately(10.7292450608738, 1e-8);
        asa.FractionalAgents(ReferenceCase.Load).Should().BeApproximately(10.6929111440381, 1e-8);
    }

    [Fact]
    public void EvaluateMany_BadArguments_SayWhatIsWrong()
    {
        var planner = new StaffingPlanner(EightyTwenty);

        var mismatch = () => planner.Evaluate([ReferenceCase.Load, ReferenceCase.Load], [14]);
        var nullLoad = () => planner.Evaluate([ReferenceCase.Load, null!], [14, 14]);

        mismatch.Should().Throw<ArgumentException>().WithMessage("Need one agent count per load: 2 loads, 1 agent counts.*")
            .Which.ParamName.Should().Be("agents");
        nullLoad.Should().Throw<ArgumentException>().WithMessage("loads[1] is null.*").Which.ParamName.Should().Be("loads");
    }

    [Fact]
    public void ScheduledAndProductiveAgents_Negative_Throw()
    {
        // Also without shrinkage, where the scheduled staff is the agents themselves.
        var planner = new StaffingPlanner(EightyTwenty);

        FluentActions.Invoking(() => planner.ScheduledAgents(-1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("agents");
        FluentActions.Invoking(() => planner.ProductiveAgents(-1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("scheduledAgents");
    }

    [Fact]
    public void ValueOfAhtReduction_BadArguments_SayWhatIsWrong()
    {
        var planner = new StaffingPlanner(EightyTwenty);
        var paid = Duration.FromHours(40);

        var negative = () => planner.ValueOfAhtReduction([ReferenceCase.Load], Duration.FromSeconds(-18), Rate, paid);
        var nullLoad = () => planner.ValueOfAhtReduction([ReferenceCase.Load, null!], Duration.FromSeconds(18), Rate, paid);

        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be at least 0; was -18 s.*").Which.ParamName.Should().Be("reduction");
        nullLoad.Should().Throw<ArgumentException>().WithMessage("loads[1] is null.*").Which.ParamName.Should().Be("loads");
    }

    private static readonly StaffingTarget[] WalkTargets =
    [
        // Generous targets, so that the square-root guess A + sqrt(A)/2 often meets them and the search walks down,
        // and strict ones, so that it walks up; with and without an occupancy cap that raises the start.
        StaffingTarget.ForServiceLevel(0.5, Duration.FromSeconds(30)),
        StaffingTarget.ForServiceLevel(0.8, ReferenceCase.Twenty),
        StaffingTarget.ForServiceLevel(0.95, Duration.FromSeconds(10)),
        new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(60)),
        new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(2), maxOccupancy: 0.9),
        new StaffingTarget(0.6, Duration.FromSeconds(15), maxOccupancy: 0.85),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Plan_ErlangCLoadsHalfToTwoHundredErlangs_IsTheFirstCountThatMeetsTheTarget(int targetIndex)
    {
        // The definition of the answer, checked with ErlangC.Evaluate (its own Erlang B recursion from 0 agents): N
        // meets every target, N - 1 is at or below the traffic or misses one, and that one is the limiting constraint.
        var planner = new StaffingPlanner(WalkTargets[targetIndex]);
        for (double erlangs = 0.5; erlangs <= 200; erlangs *= 1.07)
        {
            AssertFirstCountMeeting(planner, new QueueLoad(erlangs * 10, ReferenceCase.Interval, ReferenceCase.Aht));
        }
    }

    [Theory]
    [InlineData(16_500.0)]
    [InlineData(17_000.0)]
    [InlineData(20_000.0)]
    public void Plan_ErlangCAroundTheGuessWalkLimit_IsTheFirstCountThatMeetsTheTarget(double erlangs)
    {
        // The guess A + sqrt(A)/2 lies 63, 64 and 69 agents above the start floor(A) + 1 (sqrt(16,500)/2 = 64.2,
        // sqrt(17,000)/2 = 65.2, sqrt(20,000)/2 = 70.7): the last count walked from the guess, the first one walked
        // up from the start, and one past it.
        var load = new QueueLoad(erlangs * 10, ReferenceCase.Interval, ReferenceCase.Aht);
        foreach (var target in new[] { EightyTwenty, new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(600)) })
        {
            AssertFirstCountMeeting(new StaffingPlanner(target), load);
        }
    }

    [Fact]
    public void Plan_ErlangAOneAgentMeetsTheTarget_IsLimitedByTheFirstTargetNoAgentsMeet()
    {
        // 0.1 contacts per 30 minutes at 180 s: A = 0.01 Erlangs, met by one agent; with no agents every contact
        // abandons, so the limit is the first target in the order service level, ASA, abandonment, occupancy.
        var load = new QueueLoad(0.1, ReferenceCase.Interval, ReferenceCase.Aht);
        var cases = new (StaffingTarget Target, StaffingConstraint Limit)[]
        {
            (EightyTwenty, StaffingConstraint.ServiceLevel),
            (new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(60), maxOccupancy: 0.5), StaffingConstraint.AverageSpeedOfAnswer),
            (new StaffingTarget(maxAbandonmentRate: 0.05, maxOccupancy: 0.5), StaffingConstraint.AbandonmentRate),
            (new StaffingTarget(maxOccupancy: 0.5), StaffingConstraint.Occupancy),
        };
        foreach (var (target, limit) in cases)
        {
            var requirement = new StaffingPlanner(target, averagePatience: Patience).Plan(load);

            requirement.Agents.Should().Be(1);
            requirement.LimitingConstraint.Should().Be(limit, target.ToString());
        }
    }

    [Fact]
    public void TargetConstructor_Messages_SayWhatIsMissing()
    {
        var share = () => new StaffingTarget(serviceLevel: 0.8);
        var definition = () => new StaffingTarget(maxOccupancy: 0.8, serviceLevelDefinition: (QueueServiceLevel)7);

        share.Should().Throw<ArgumentException>().WithMessage("A service level target needs both the share (e.g. 0.8) and the threshold (e.g. 20 seconds).*");
        definition.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Not a defined service level definition.*");
    }

    [Fact]
    public void FirstMissed_NullOrOtherThreshold_Throws()
    {
        var missing = () => EightyTwenty.FirstMissed((QueueMetrics)null!);
        var other = () => EightyTwenty.FirstMissed(ErlangC.Evaluate(ReferenceCase.Load, 14, Duration.FromSeconds(30)));

        missing.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("metrics");
        other.Should().Throw<ArgumentException>().WithMessage("The metrics were computed with a service level threshold of 30 s, the target has 20 s.*");
    }

    [Fact]
    public void FirstMissed_KpisAtTheLimit_MeetWithinOneInATrillionAndMissBeyond()
    {
        // StaffingTarget remarks: targets are compared with a relative tolerance of 1e-12. KPIs exactly at each limit
        // and 0.5e-12 beyond it meet it; 1e-11 beyond it miss it.
        var target = new StaffingTarget(0.8, ReferenceCase.Twenty, Duration.FromSeconds(20), 0.05, 0.85);

        target.FirstMissed(Kpis(0.8, 20, 0.05, 0.85)).Should().Be(StaffingConstraint.None);
        target.FirstMissed(Kpis(0.8 * (1 - 0.5e-12), 20 * (1 + 0.5e-12), 0.05 * (1 + 0.5e-12), 0.85 * (1 + 0.5e-12))).Should().Be(StaffingConstraint.None);
        target.FirstMissed(Kpis(0.8 - 1e-11, 20, 0.05, 0.85)).Should().Be(StaffingConstraint.ServiceLevel);
        target.FirstMissed(Kpis(0.8, 20 * (1 + 1e-11), 0.05, 0.85)).Should().Be(StaffingConstraint.AverageSpeedOfAnswer);
        target.FirstMissed(Kpis(0.8, 20, 0.05 * (1 + 1e-11), 0.85)).Should().Be(StaffingConstraint.AbandonmentRate);
        target.FirstMissed(Kpis(0.8, 20, 0.05, 0.85 * (1 + 1e-11))).Should().Be(StaffingConstraint.Occupancy);
    }

    [Fact]
    public void UndefinedEnumValues_MessagesSayWhatIsNotDefined()
    {
        var constraint = () => ((StaffingConstraint)9).Describe();
        var definition = () => ((QueueServiceLevel)9).Describe();
        var metric = () => ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty).GetServiceLevel((QueueServiceLevel)9);

        constraint.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Not a defined staffing constraint.*");
        definition.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Not a defined service level definition.*");
        metric.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Not a defined service level definition.*");
    }

    [Fact]
    public void PlanFte_ZeroPaidTime_Throws()
    {
        var plan = new StaffingPlanner(EightyTwenty).Plan([ReferenceCase.Load]);

        var act = () => plan.Fte(Duration.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be greater than 0; was 0 s.*").Which.ParamName.Should().Be("paidTimePerFte");
    }

    private static QueueKpis Kpis(double serviceLevel, double asaSeconds, double abandonment, double occupancy)
        => new(true, 0.5, abandonment, serviceLevel, serviceLevel, serviceLevel, asaSeconds, asaSeconds, asaSeconds, occupancy);

    private static void AssertFirstCountMeeting(StaffingPlanner planner, QueueLoad load)
    {
        var target = planner.Target;
        var threshold = target.ServiceLevelThreshold ?? Duration.Zero;
        var requirement = planner.Plan(load);
        int n = requirement.Agents;
        string because = $"{load.TrafficErlangs} Erlangs, {target}";

        target.FirstMissed(ErlangC.Evaluate(load, n, threshold)).Should().Be(StaffingConstraint.None, because);
        var below = StaffingPlannerTests.ErlangCMissedOneBelow(load, n, target);
        below.Should().NotBe(StaffingConstraint.None, because);
        requirement.LimitingConstraint.Should().Be(below, because);
    }
}
