using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Theory]
    [InlineData(Channel.Phone)]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Messaging)]
    public void Generate_QueuedChannel_AnswersInArrivalOrder(Channel channel)
    {
        var answered = Small.Interactions.Where(i => i.Channel == channel && i.IsAnswered).ToList();

        answered.Should().NotBeEmpty();
        answered.Select(i => i.AnsweredAt!.Value).Should().BeInAscendingOrder("the queue is first in, first out");
    }

    [Theory]
    [InlineData(Channel.Phone, 1)]
    [InlineData(Channel.Chat, 2)]
    [InlineData(Channel.Messaging, 3)]
    public void Generate_Agent_NeverHandlesMoreThanItsConcurrency(Channel channel, int concurrency)
    {
        foreach (var agent in Small.Interactions.Where(i => i.Channel == channel && i.IsAnswered).GroupBy(i => i.AgentId!.Value))
        {
            // Busy from answer to the end of after-contact work; sweep the starts and ends.
            var changes = agent
                .SelectMany(i => new[] { (At: i.AnsweredAt!.Value, Delta: 1), (At: i.EndedAt + i.AfterCallWork, Delta: -1) })
                .OrderBy(c => c.At).ThenBy(c => c.Delta);
            int busy = 0;
            foreach (var change in changes)
            {
                busy += change.Delta;
                busy.Should().BeLessThanOrEqualTo(concurrency, "agent {0} handles at most {1} contacts at once", agent.Key, concurrency);
            }
        }
    }

    [Fact]
    public void Generate_PhoneAgents_AnswerOnlyWhenEmployedAndOnShift()
    {
        var agents = Small.AgentTruths.ToDictionary(a => a.AgentId);
        var zone = Small.Options.TimeZone;
        foreach (var call in Small.Interactions.Where(i => i.Channel == Channel.Phone && i.IsAnswered))
        {
            var agent = agents[call.AgentId!.Value];
            var local = call.AnsweredAt!.Value.InZone(zone);
            agent.Channels.Should().Contain(Channel.Phone);
            agent.IsEmployedOn(local.Date).Should().BeTrue("{0} answered on {1}", agent, local.Date);
            local.TimeOfDay.Should().BeGreaterThanOrEqualTo(agent.ShiftStart, "{0} answered at {1}", agent, local);
            if (agent.ShiftEnd != LocalTime.Midnight)
            {
                local.TimeOfDay.Should().BeLessThan(agent.ShiftEnd, "{0} answered at {1}", agent, local);
            }
        }
    }

    [Fact]
    public void Generate_FewerAgents_MoreAbandonmentAndLongerWaits()
    {
        static (double Abandoned, double MeanWaitSeconds) Phone(double serviceLevel)
        {
            var center = ContactCenterSimulator.Generate(new SimulationOptions
            {
                Seed = 3, Customers = 6_000, DurationDays = 120, Staffing = new StaffingOptions { ServiceLevel = serviceLevel },
            });
            var phone = center.Interactions.Where(i => i.Channel == Channel.Phone).ToList();
            double abandoned = phone.Count(i => !i.IsAnswered) / (double)phone.Count;
            double wait = phone.Average(i => ((i.AnsweredAt ?? i.EndedAt) - i.ArrivedAt).TotalSeconds);
            return (abandoned, wait);
        }

        var lean = Phone(0.3);
        var generous = Phone(0.95);

        lean.Abandoned.Should().BeGreaterThan(1.5 * generous.Abandoned);
        lean.MeanWaitSeconds.Should().BeGreaterThan(generous.MeanWaitSeconds);
    }

    [Fact]
    public void Generate_StaffingPlan_CoversEveryHourOfEachQueuedChannel()
    {
        var byChannel = Small.StaffingPlan.GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => g.ToList());

        byChannel.Keys.Should().BeEquivalentTo([Channel.Phone, Channel.Chat, Channel.Messaging]);
        foreach (var (_, hours) in byChannel)
        {
            hours[0].Start.Should().Be(Small.Start);
            hours[^1].End.Should().Be(Small.End);
            hours.Zip(hours.Skip(1)).Should().OnlyContain(p => p.First.End == p.Second.Start);
            hours.Should().OnlyContain(h => h.Agents >= 0 && h.RequiredAgents >= 0 && h.ForecastContacts >= 0);
        }
        // The plan follows the day and the opening hours (Monday-Saturday 08:00-20:00): agents and forecast at 10:00,
        // none at 03:00 or on Sunday.
        var phone = byChannel[Channel.Phone];
        var zone = Small.Options.TimeZone;
        double At(int hour) => phone.Where(h => h.Start.InZone(zone).Hour == hour && h.Start.InZone(zone).DayOfWeek < IsoDayOfWeek.Saturday).Average(h => h.ForecastContacts);
        At(10).Should().BeGreaterThan(0);
        At(3).Should().Be(0);
        phone.Where(h => h.Start.InZone(zone).Hour == 3 || h.Start.InZone(zone).DayOfWeek == IsoDayOfWeek.Sunday).Should().OnlyContain(h => h.Agents == 0 && h.RequiredAgents == 0);
        phone.Where(h => h.Start.InZone(zone).Hour == 10 && h.Start.InZone(zone).DayOfWeek < IsoDayOfWeek.Sunday && h.ForecastContacts > 0)
            .Should().OnlyContain(h => h.RequiredAgents >= Small.Options.Staffing.MinimumAgents);
    }

    [Fact]
    public void Generate_PhoneForecast_IsCloseToFirstContactVolume()
    {
        // The plan forecasts first contacts and their expected repeats; the raised churn hazard after failures is not in
        // it (fewer contacts than forecast), the new hires' lower resolution is not either (more repeats).
        double forecast = Large.StaffingPlan.Where(s => s.Channel == Channel.Phone).Sum(s => s.ForecastContacts);
        int arrived = Large.Interactions.Count(i => i.Channel == Channel.Phone);

        forecast.Should().BeInRange(0.9 * arrived, 1.1 * arrived);
    }
}
