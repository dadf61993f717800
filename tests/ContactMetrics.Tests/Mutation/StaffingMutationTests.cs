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
}
