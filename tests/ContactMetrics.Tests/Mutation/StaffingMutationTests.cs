using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using NodaTime;
using ContactMetrics.Tests.Staffing;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests added where Stryker.NET's mutants of the Staffing namespace survived (issue #14 item 9, docs/testing.md):
/// the texts people read (requirements, metrics, constraint and service level names) and the edges of the searches.
/// </summary>
public class StaffingMutationTests
{
    private static readonly StaffingTarget EightyTwenty = StaffingTarget.ForServiceLevel(0.8, ReferenceCase.Twenty);

    [Fact]
    public void QueueMetricsToString_ReferenceCaseFourteenAgents_StatesEveryKpi()
    {
        // REFERENCES.md, "Erlang C", A = 10, 14 agents: SL 0.8884 -> 88.8%, ASA 7.84 s, occupancy 10 / 14 = 0.714 -> 71.4%;
        // Erlang C has no abandonment (0.0%).
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty);

        metrics.ToString().Should().Be(
            "10 Erlangs: service level 88.8% within 20 s, ASA 7.84 s, abandonment 0.0%, occupancy 71.4% (Erlang C, 14 agents)");
    }

    [Fact]
    public void QueueMetricsToString_TenAgentsForTenErlangs_SaysUnstable()
    {
        // N = A = 10: no steady state (ErlangC remarks).
        var metrics = ErlangC.Evaluate(ReferenceCase.Load, 10, ReferenceCase.Twenty);

        metrics.ToString().Should().Be("10 Erlangs: unstable, the queue grows without bound (Erlang C, 10 agents)");
    }

    [Fact]
    public void QueueMetricsToString_ErlangA_NamesTheModel()
    {
        var metrics = ErlangA.Evaluate(ReferenceCase.Load, 12, Duration.FromSeconds(120), ReferenceCase.Twenty);

        metrics.ToString().Should().StartWith("10 Erlangs: service level ").And.EndWith(" (Erlang A, 12 agents)");
        metrics.AveragePatience.Should().Be(Duration.FromSeconds(120));
        metrics.AverageHandleTime.Should().Be(ReferenceCase.Aht);
        metrics.TrafficErlangs.Should().Be(10);
        metrics.Agents.Should().Be(12);
    }

    [Fact]
    public void RequirementToString_ServiceLevelTarget_NamesTheLimitAndTheScheduledStaff()
    {
        // REFERENCES.md: 14 agents meet 80/20 (13 give 0.7956); at 30% shrinkage 14 / 0.7 = 20 scheduled.
        var requirement = new StaffingPlanner(EightyTwenty, shrinkage: 0.3).Plan(ReferenceCase.Load);

        requirement.ToString().Should().Be(
            "14 agents (20 scheduled after shrinkage) for 10 Erlangs: service level 88.8% within 20 s, ASA 7.84 s, abandonment 0.0%, "
            + "occupancy 71.4% (Erlang C, 14 agents); limited by the service level target");
    }

    [Fact]
    public void RequirementToString_NoTraffic_SaysNoTraffic()
    {
        var requirement = new StaffingPlanner(EightyTwenty).Plan(new QueueLoad(0, ReferenceCase.Interval, ReferenceCase.Aht));

        requirement.ToString().Should().EndWith("; no traffic");
    }

    [Fact]
    public void RequirementToString_OccupancyCapOfOne_IsLimitedByStability()
    {
        // Max occupancy 1 is met by any stable count: the first is floor(10) + 1 = 11, and 10 agents are unstable.
        var requirement = new StaffingPlanner(new StaffingTarget(maxOccupancy: 1.0)).Plan(ReferenceCase.Load);

        requirement.Agents.Should().Be(11);
        requirement.LimitingConstraint.Should().Be(StaffingConstraint.Stability);
        requirement.ToString().Should().EndWith("; limited by stability (agents above the traffic)");
    }

    [Fact]
    public void RequirementToString_OccupancyCap_IsLimitedByTheCap()
    {
        // REFERENCES.md: occupancy 10 / 14 = 0.714 > 0.70, 10 / 15 = 0.667: 15 agents.
        var requirement = new StaffingPlanner(new StaffingTarget(maxOccupancy: 0.7)).Plan(ReferenceCase.Load);

        requirement.Agents.Should().Be(15);
        requirement.ToString().Should().EndWith("; limited by the occupancy cap");
    }

    [Fact]
    public void RequirementToString_AsaTarget_IsLimitedByTheAsa()
    {
        // REFERENCES.md: ASA 7.84 s with 14 agents, 3.67 s with 15.
        var requirement = new StaffingPlanner(new StaffingTarget(maxAverageSpeedOfAnswer: Duration.FromSeconds(5))).Plan(ReferenceCase.Load);

        requirement.Agents.Should().Be(15);
        requirement.LimitingConstraint.Should().Be(StaffingConstraint.AverageSpeedOfAnswer);
        requirement.ToString().Should().EndWith("; limited by the ASA target");
    }

    [Theory]
    [InlineData(StaffingConstraint.None, "none (no traffic, or every target met)")]
    [InlineData(StaffingConstraint.Stability, "stability (agents above the traffic)")]
    [InlineData(StaffingConstraint.ServiceLevel, "service level")]
    [InlineData(StaffingConstraint.AverageSpeedOfAnswer, "ASA")]
    [InlineData(StaffingConstraint.AbandonmentRate, "abandonment")]
    [InlineData(StaffingConstraint.Occupancy, "occupancy cap")]
    public void ConstraintDescribe_EachConstraint_HasItsName(StaffingConstraint constraint, string text)
    {
        // The names of StaffingConstraintText.Describe, as the CLI prints them.
        constraint.Describe().Should().Be(text);
    }

    [Theory]
    [InlineData(QueueServiceLevel.AnsweredWithinThresholdOverOffered, "answered within the threshold / offered (F3)")]
    [InlineData(QueueServiceLevel.AnsweredWithinThresholdOverAnswered, "answered within the threshold / answered (F2)")]
    [InlineData(QueueServiceLevel.WithinThresholdOverOffered, "answered or abandoned within the threshold / offered (F1)")]
    public void ServiceLevelDescribe_EachDefinition_HasItsFormula(QueueServiceLevel definition, string text)
    {
        // Mandelbaum & Zeltyn's F1-F3 service level definitions (QueueServiceLevel remarks).
        definition.Describe().Should().Be(text);
    }

    [Fact]
    public void Describe_UndefinedValues_Throw()
    {
        var constraint = () => ((StaffingConstraint)9).Describe();
        var definition = () => ((QueueServiceLevel)9).Describe();
        var metric = () => ErlangC.Evaluate(ReferenceCase.Load, 14, ReferenceCase.Twenty).GetServiceLevel((QueueServiceLevel)9);

        constraint.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("constraint");
        definition.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("definition");
        metric.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("definition");
    }
    [Fact]
    public void QueueLoad_TrafficAtTheLimit_IsAcceptedAndAboveIsRefusedWithBothNumbers()
    {
        // 1e8 Erlangs = 1e8 contacts x 1 s / 1 s: the largest traffic accepted (QueueLoad.MaxTrafficErlangs).
        var atLimit = new QueueLoad(1e8, Duration.FromSeconds(1), Duration.FromSeconds(1));
        var above = () => new QueueLoad(2e8, Duration.FromSeconds(1), Duration.FromSeconds(1));

        atLimit.TrafficErlangs.Should().Be(QueueLoad.MaxTrafficErlangs);
        above.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The traffic (contacts x average handle time / interval) must be at most 100000000 Erlangs; was 200000000.*");
    }

    [Fact]
    public void QueueLoad_TimeSpans_AreTheSameLoad()
    {
        var load = new QueueLoad(100, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(180));

        // REFERENCES.md, "Erlang C": 100 x 180 / 1800 = 10 Erlangs.
        load.TrafficErlangs.Should().Be(10);
        load.Interval.Should().Be(ReferenceCase.Interval);
        load.AverageHandleTime.Should().Be(ReferenceCase.Aht);
    }

    [Fact]
    public void Checks_Messages_StateTheRangeAndTheValue()
    {
        var zeroAht = () => ErlangC.ServiceLevel(12, 10, Duration.Zero, ReferenceCase.Twenty);
        var negativeThreshold = () => ErlangC.Evaluate(ReferenceCase.Load, 12, Duration.FromSeconds(-1.5));
        var shrinkage = () => new StaffingPlanner(EightyTwenty, shrinkage: 1);
        var occupancy = () => new StaffingTarget(maxOccupancy: 0);
        var serviceLevel = () => StaffingTarget.ForServiceLevel(1, ReferenceCase.Twenty);

        zeroAht.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be greater than 0; was 0 s.*");
        negativeThreshold.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Duration must be at least 0; was -1.5 s.*");
        shrinkage.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Value must be in [0, 1) (a share of paid time lost to breaks, training, absence); was 1.*").Which.ParamName.Should().Be("shrinkage");
        occupancy.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Value must be in (0, 1]; was 0.*");
        serviceLevel.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Value must be in (0, 1) (no finite number of agents answers 100% of contacts in time); was 1.*");
    }

    [Fact]
    public void Checks_RangeEnds_AcceptedAsDocumented()
    {
        // Threshold 0 and shrinkage 0 are allowed; occupancy and abandonment caps of 1 are allowed.
        ErlangC.Evaluate(ReferenceCase.Load, 14, Duration.Zero).ServiceLevelThreshold.Should().Be(Duration.Zero);
        new StaffingPlanner(EightyTwenty, shrinkage: 0).Shrinkage.Should().Be(0);
        new StaffingTarget(maxOccupancy: 1, maxAbandonmentRate: 1).MaxAbandonmentRate.Should().Be(1);
        // Zero agents without traffic are allowed (ErlangC.Evaluate_NoTraffic_NothingWaits); negative agents never.
        var negative = () => ErlangC.ProbabilityOfWait(-1, 0);
        negative.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("agents");
    }

    [Fact]
    public void StaffingPlan_NegativeCostRate_ThrowsStatingIt()
    {
        var plan = new StaffingPlanner(EightyTwenty).Plan([ReferenceCase.Load]);

        var act = () => plan.Cost(new Money(-1m, Currency.Eur));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A cost per FTE-hour must be at least 0; was -1*")
            .Which.ParamName.Should().Be("loadedCostPerFteHour");
        // 14 agents x 0.5 h = 7 agent-hours; 7 / 40 h per FTE = 0.175 FTE; at 0 EUR an hour the plan costs 0.
        plan.TotalAgentHours.Should().Be(7);
        plan.Fte(Duration.FromHours(40)).Should().BeApproximately(0.175, 1e-15);
        plan.Cost(new Money(0m, Currency.Eur)).Amount.Should().Be(0m);
    }
}
