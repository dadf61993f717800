using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// The operations of the presets (issue #13 item 2-3): blended outbound, occupancy in staffed hours, IVR and chatbot
/// containment with failure to an agent, and emails still open at the end of the period.
/// </summary>
public sealed partial class ContactCenterSimulatorTests
{
    private SimulatedContactCenter Operations => fixture.Operations;

    [Fact]
    public void Generate_TelecomPreset_MedianStaffedPhoneOccupancyIsInTheTargetRangeAndPlantedDaysShow()
    {
        // Issue #13 item 3: phone occupancy 75-88% in staffed hours. Occupancy of an hour = handle time (talk + hold +
        // after-contact work, inbound and campaign calls) of the calls answered in it / (agents on the queue x 3,600 s).
        // The Erlang A plan for 80/20 leaves about 70% (measured without the campaign: 69.7% on the default world); the
        // blended campaign fills the planned idle time to 85% while keeping 2 agents free (OutboundOptions). Measured on
        // this center (80,000 customers, one year, seed 42): median 0.798; understaffed days 0.845, overstaffed 0.710.
        var hours = PhoneHours(Operations);
        var byKind = hours.GroupBy(h => h.Kind).ToDictionary(g => g.Key, g => Median(g.Select(h => h.Occupancy)));

        Median(hours.Select(h => h.Occupancy)).Should().BeInRange(0.75, 0.88);
        // The planted days (70% and 130% of the requirement) stay visible: busier when understaffed, idler when over.
        byKind[-1].Should().BeGreaterThan(byKind[0] + 0.02);
        byKind[1].Should().BeLessThan(byKind[0] - 0.05);
        // And inbound callers feel them: abandonment higher on understaffed days, lower on overstaffed ones
        // (measured 0.163, 0.107, 0.040).
        var abandonment = InboundAbandonmentByDayKind(Operations);
        abandonment[-1].Should().BeGreaterThan(1.2 * abandonment[0]);
        abandonment[1].Should().BeLessThan(0.7 * abandonment[0]);
    }

    [Fact]
    public void Generate_OutboundCampaign_IsDialledByTheInboundPhoneAgentsInStaffedHours()
    {
        var zone = Operations.Options.TimeZone;
        var outbound = Operations.Interactions.Where(i => i.Direction == Direction.Outbound).ToList();
        var staffed = Operations.StaffingPlan.Where(s => s.Channel == Channel.Phone && s.Agents > 0).Select(s => s.Start).ToHashSet();
        var inboundAgents = Operations.Interactions.Where(i => i.Channel == Channel.Phone && i.Direction == Direction.Inbound && i.AgentId is not null)
            .Select(i => i.AgentId!.Value).ToHashSet();

        outbound.Should().HaveCountGreaterThan(10_000);
        outbound.Should().OnlyContain(i => i.Channel == Channel.Phone && i.Queue == "phone_outbound" && i.Reason == "retention_offer"
            && i.AnsweredAt == i.ArrivedAt && i.Resolved == null && i.Survey == null && i.AgentId != null);
        // Dialled only in hours with agents on the phone queue, by agents who also answer inbound calls (blending).
        outbound.Should().OnlyContain(i => staffed.Contains(Instant.FromUnixTimeSeconds(i.ArrivedAt.ToUnixTimeSeconds() / 3600 * 3600)));
        outbound.Should().OnlyContain(i => inboundAgents.Contains(i.AgentId!.Value));
        outbound.Should().OnlyContain(i => i.ArrivedAt.InZone(zone).DayOfWeek != IsoDayOfWeek.Sunday);
    }

    [Fact]
    public void KpiRollup_OfABlendedCenter_KeepsOutboundOutOfTheInboundQueueKpis()
    {
        // Service level and ASA are inbound queue KPIs: the rollup of the whole table must equal the rollup of its inbound
        // rows on every queue figure, while campaign calls count as handled work (AHT, handled contacts).
        var all = Operations.Interactions;
        var inbound = all.Where(i => i.Direction == Direction.Inbound).ToList();
        int campaignCalls = all.Count - inbound.Count;
        var phone = Phone(KpiRollup.Compute(Tables.InteractionTable.Create(all), new KpiGrouping(KpiDimensions.Channel)));
        var phoneInbound = Phone(KpiRollup.Compute(Tables.InteractionTable.Create(inbound), new KpiGrouping(KpiDimensions.Channel)));

        campaignCalls.Should().BeGreaterThan(0);
        phone.Counts.QueuedContacts.Should().Be(phoneInbound.Counts.QueuedContacts);
        phone.Counts.QueuedContacts.Should().Be(inbound.Count(i => i.Channel == Channel.Phone));
        phone.ServiceLevel.Value.Should().Be(phoneInbound.ServiceLevel.Value);
        phone.AverageSpeedOfAnswer.Value.Should().Be(phoneInbound.AverageSpeedOfAnswer.Value);
        phone.AbandonmentRate.Value.Should().Be(phoneInbound.AbandonmentRate.Value);
        phone.Counts.HandledContacts.Should().Be(phoneInbound.Counts.HandledContacts + campaignCalls);
    }

    [Fact]
    public void Generate_PlantedContainmentFailure_IsTheShareOfFailedSessionsAndEachGoesOnToItsAgentChannel()
    {
        // Telecom plants IVR 0.35 (failures go on to the phone) and chatbot 0.40 (to the chat). Each session is a
        // Bernoulli draw, so the failed share's 99.9% normal interval (z = 3.29) must hold the planted rate.
        foreach (var (selfService, agentChannel) in new[] { (Channel.Ivr, Channel.Phone), (Channel.Chatbot, Channel.Chat) })
        {
            double planted = Operations.Options.Contacts.Channels.Single(c => c.Channel == selfService).ContainmentFailure!.Value;
            var sessions = Operations.Interactions.Where(i => i.Channel == selfService).ToList();
            var failed = sessions.Where(i => i.Resolved == false).ToList();
            double share = failed.Count / (double)sessions.Count;
            double se = Math.Sqrt(planted * (1 - planted) / sessions.Count);

            share.Should().BeInRange(planted - (3.29 * se), planted + (3.29 * se), $"{selfService} failed {failed.Count} of {sessions.Count}");
            // Every failed session (but those cut by churn or the end of the period) is followed by the agent channel
            // on the same reason; measured 99.96% within 7 days.
            double followed = failed.Count(i => FollowedByAgent(Operations, i, Duration.FromDays(7), agentChannel)) / (double)failed.Count;
            followed.Should().BeGreaterThan(0.99);
        }
    }

    [Fact]
    public void Analysis_OfThePlantedWorld_RecoversTheContainmentFailure()
    {
        // The analysis (ContactCenterAnalysis.SelfServiceShift) measures containment failure as the share of the last
        // year's self-service sessions not marked resolved and followed by an inbound agent contact on the same reason
        // within 7 days: the plant's definition (a failed session is written unresolved and goes on to the agent channel,
        // at once or at its next opening: at most 1.9 days later on the 3,000-customer telecom demo). Its 95% interval must
        // hold the planted rate pooled over the IVR (0.35) and chatbot (0.40) sessions of the year, with no correction:
        // before, counting contained sessions followed by another same-reason contact gave 0.3895 [0.378, 0.401] against 0.369.
        var center = fixture.Telecom;
        var analysis = SimulationTables.Analyze(center);
        var failure = analysis.SelfServiceShift.Value.Item.Inputs.Single(i => i.Name == "containment failure");

        double planted = PlantedEffectChecks.PlantedContainmentFailure(center, center.End - Year)!.Value;

        planted.Should().BeInRange(0.35, 0.40, "a mean of the two planted rates");
        planted.Should().BeInRange(failure.Low, failure.High, $"analysis {failure.Point:0.0000} [{failure.Low:0.0000}, {failure.High:0.0000}]");
    }

    [Fact]
    public void Generate_EmailsAnsweredAfterThePeriod_AreWrittenUnanswered()
    {
        // An email whose answer would fall after the end of the period is written open (no answer, no agent, no
        // handling, resolution unknown) instead of being left out. Every email that arrives after the back office's
        // last working hour (Monday-Friday 08-18) must be one; none can be older than the answer's delay allows.
        var email = Operations.Interactions.Where(i => i.Channel == Channel.Email).ToList();
        var open = email.Where(i => !i.IsAnswered).ToList();
        var lastClose = LastBackOfficeClose(Operations);
        var afterClose = email.Where(i => i.ArrivedAt >= lastClose).ToList();

        afterClose.Should().NotBeEmpty();
        afterClose.Should().OnlyContain(i => !i.IsAnswered);
        open.Should().HaveCountGreaterThanOrEqualTo(afterClose.Count);
        open.Should().OnlyContain(i => i.AgentId == null && i.Resolved == null && i.Survey == null && i.EndedAt == i.ArrivedAt
            && i.Talk == Duration.Zero && i.AfterCallWork == Duration.Zero && i.ArrivedAt >= Operations.End - Duration.FromDays(14));
        // Answered emails all end inside the period.
        email.Where(i => i.IsAnswered).Should().OnlyContain(i => i.EndedAt < Operations.End);
    }

    private static KpiGroup Phone(IReadOnlyList<KpiGroup> groups) => groups.Single(g => g.Channel == Channel.Phone);

    /// <summary>The start of the last back-office hour that ends inside the period, plus that hour: the back office's last closing.</summary>
    private static Instant LastBackOfficeClose(SimulatedContactCenter center)
    {
        var zone = center.Options.TimeZone;
        var email = center.Options.Contacts.Channels.Single(c => c.Channel == Channel.Email);
        var day = center.Options.EndDate.PlusDays(-1);
        while (true)
        {
            var close = zone.AtLeniently(day.At(new LocalTime(email.Closes, 0))).ToInstant();
            if ((int)day.DayOfWeek <= email.OpenDaysPerWeek && close <= center.End)
            {
                return close;
            }
            day = day.PlusDays(-1);
        }
    }

    /// <summary>Whether an inbound agent contact of the customer on the same reason (on <paramref name="channel"/>, or any agent channel) arrives within <paramref name="window"/> after the session.</summary>
    private static bool FollowedByAgent(SimulatedContactCenter center, Interaction session, Duration window, Channel? channel)
    {
        var contacts = ContactsOf(center)[session.CustomerId!.Value];
        return contacts.Any(i => i.ArrivedAt >= session.ArrivedAt && i.ArrivedAt - session.ArrivedAt <= window && i.Id != session.Id
            && i.Reason == session.Reason && i.Direction == Direction.Inbound && i.Channel.IsAgentHandled() && (channel is null || i.Channel == channel));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SimulatedContactCenter, Dictionary<CustomerId, List<Interaction>>> ContactsByCustomer = new();

    private static Dictionary<CustomerId, List<Interaction>> ContactsOf(SimulatedContactCenter center)
        => ContactsByCustomer.GetValue(center, c => c.Interactions.Where(i => i.CustomerId is not null)
            .GroupBy(i => i.CustomerId!.Value).ToDictionary(g => g.Key, g => g.ToList()));

    /// <summary>Each staffed phone hour's occupancy and its day's kind: -1 understaffed, 0 as planned, 1 overstaffed.</summary>
    private static List<(double Occupancy, int Kind)> PhoneHours(SimulatedContactCenter center)
    {
        var busy = new Dictionary<Instant, double>();
        foreach (var i in center.Interactions.Where(i => i.Channel == Channel.Phone && i.IsAnswered))
        {
            var hour = Instant.FromUnixTimeSeconds(i.AnsweredAt!.Value.ToUnixTimeSeconds() / 3600 * 3600);
            busy[hour] = busy.GetValueOrDefault(hour) + (i.Talk + i.Hold + i.AfterCallWork).TotalSeconds;
        }
        var kinds = DayKinds(center);
        var zone = center.Options.TimeZone;
        return [.. center.StaffingPlan.Where(s => s.Channel == Channel.Phone && s.Agents > 0)
            .Select(s => (busy.GetValueOrDefault(s.Start) / (s.Agents * (s.End - s.Start).TotalSeconds), kinds[s.Start.InZone(zone).Date]))];
    }

    /// <summary>A day's kind from the plan: the sign of its agents on the phone queue minus the requirement.</summary>
    private static Dictionary<LocalDate, int> DayKinds(SimulatedContactCenter center)
    {
        var zone = center.Options.TimeZone;
        return center.StaffingPlan.Where(s => s.Channel == Channel.Phone && s.RequiredAgents > 0)
            .GroupBy(s => s.Start.InZone(zone).Date)
            .ToDictionary(g => g.Key, g => Math.Sign(g.Sum(s => s.Agents) - g.Sum(s => s.RequiredAgents)));
    }

    private static Dictionary<int, double> InboundAbandonmentByDayKind(SimulatedContactCenter center)
    {
        var zone = center.Options.TimeZone;
        var kinds = DayKinds(center);
        return center.Interactions.Where(i => i.Channel == Channel.Phone && i.Direction == Direction.Inbound)
            .GroupBy(i => kinds[i.ArrivedAt.InZone(zone).Date])
            .ToDictionary(g => g.Key, g => g.Count(i => !i.IsAnswered) / (double)g.Count());
    }
}
