using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public class StaffingPlannerBatchTests
{
    [Fact]
    public void RecurseMany_RandomTrafficAndSteps_EqualsTheScalarRecursionToTheLastBit()
    {
        // Sixteen loads at a time ordered by step count (0 to 1,500, in buckets of up to 1,500 / count + 1 steps), each lane
        // stopping at its own count, and a tail of 1-15 loads done one by one.
        var random = new Random(18);
        foreach (int count in new[] { 0, 1, 3, 4, 7, 16, 31, 64, 257 })
        {
            var traffic = new double[count];
            var steps = new int[count];
            for (int k = 0; k < count; k++)
            {
                traffic[k] = random.NextDouble() < 0.1 ? random.Next(1, 20) : 1500 * random.NextDouble();
                steps[k] = random.Next(0, 1501);
            }
            var blocking = new double[count];
            var previous = new double[count];

            ErlangB.RecurseMany(traffic, steps, blocking, previous);

            for (int k = 0; k < count; k++)
            {
                blocking[k].Should().Be(ErlangB.Recurse(1.0, 0, steps[k], traffic[k]), $"load {k} of {count}: A = {traffic[k]}, {steps[k]} steps");
                previous[k].Should().Be(ErlangB.Recurse(1.0, 0, Math.Max(0, steps[k] - 1), traffic[k]), $"load {k} of {count}, the step before");
            }
        }
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(0.3, null)]
    [InlineData(0.0, 0.85)]
    public void PlanMany_ErlangC_EqualsPlanOfEachLoadToTheLastBit(double shrinkage, double? maxOccupancy)
    {
        // Loads from 0 to about 1,200 Erlangs (AHT 60-600 s, 30-min intervals), 80% in 20 s and the occupancy cap: the batch
        // computes the recursion up to each first candidate four loads at a time; every requirement must be the single one's.
        var random = new Random(42);
        var loads = new QueueLoad[203];
        for (int i = 0; i < loads.Length; i++)
        {
            double contacts = i % 17 == 0 ? 0 : Math.Round(random.NextDouble() * 6000, 1);
            loads[i] = new QueueLoad(contacts, Duration.FromMinutes(30), Duration.FromSeconds(random.Next(60, 601)));
        }
        var planner = new StaffingPlanner(new StaffingTarget(0.8, Duration.FromSeconds(20), maxOccupancy: maxOccupancy), shrinkage);

        var plan = planner.Plan(loads);

        for (int i = 0; i < loads.Length; i++)
        {
            var single = planner.Plan(loads[i]);
            var batch = plan.Requirements[i];
            batch.Agents.Should().Be(single.Agents, $"load {i}");
            batch.ScheduledAgents.Should().Be(single.ScheduledAgents, $"load {i}");
            batch.LimitingConstraint.Should().Be(single.LimitingConstraint, $"load {i}");
            batch.Metrics.ServiceLevel.Should().Be(single.Metrics.ServiceLevel, $"load {i}");
            batch.Metrics.ProbabilityOfWait.Should().Be(single.Metrics.ProbabilityOfWait, $"load {i}");
            batch.Metrics.AverageSpeedOfAnswerSeconds.Should().Be(single.Metrics.AverageSpeedOfAnswerSeconds, $"load {i}");
        }
    }
}
