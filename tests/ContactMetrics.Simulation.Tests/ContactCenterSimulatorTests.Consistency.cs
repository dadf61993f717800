using System.Text.RegularExpressions;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_EveryRow_RefersToAnExistingCustomer()
    {
        var ids = Small.Customers.Select(c => c.Id).ToHashSet();

        ids.Should().HaveCount(3_000);
        Small.Interactions.Should().OnlyContain(i => i.CustomerId.HasValue && ids.Contains(i.CustomerId.Value));
        Small.Purchases.Should().OnlyContain(p => ids.Contains(p.CustomerId));
        Small.Touchpoints.Should().OnlyContain(t => ids.Contains(t.CustomerId));
        Small.Conversions.Should().OnlyContain(c => ids.Contains(c.CustomerId));
        Small.CustomerTruths.Select(t => t.CustomerId).Should().Equal(Small.Customers.Select(c => c.Id));
    }

    [Fact]
    public void Generate_Ids_FollowTheFormatAndAreUniqueAndOrdered()
    {
        Small.Customers[0].Id.Value.Should().Be("C000001");
        Small.Customers.Should().OnlyContain(c => Regex.IsMatch(c.Id.Value, "^C[0-9]{6}$"));
        Small.Customers.Select(c => c.Id.Value).Should().BeInAscendingOrder(StringComparer.Ordinal);
        Small.Interactions[0].Id.Value.Should().Be("I0000001");
        Small.Interactions.Should().OnlyContain(i => Regex.IsMatch(i.Id.Value, "^I[0-9]{7}$"));
        Small.Interactions.Select(i => i.Id).Should().OnlyHaveUniqueItems();
        Small.Interactions.Where(i => i.AgentId.HasValue).Should().OnlyContain(i => Regex.IsMatch(i.AgentId!.Value.Value, "^A[0-9]{4}$"));
    }

    [Fact]
    public void Generate_EventTables_AreSortedByTime()
    {
        Small.Interactions.Select(i => i.ArrivedAt).Should().BeInAscendingOrder();
        Small.Purchases.Select(p => p.OccurredAt).Should().BeInAscendingOrder();
        Small.Touchpoints.Select(t => t.OccurredAt).Should().BeInAscendingOrder();
        Small.Conversions.Select(c => c.OccurredAt).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Generate_EveryEvent_LiesInThePeriod()
    {
        var start = Small.Start;
        var end = Small.End;

        Small.Interactions.Should().OnlyContain(i => i.ArrivedAt >= start && i.EndedAt < end);
        Small.Purchases.Should().OnlyContain(p => p.OccurredAt >= start && p.OccurredAt < end);
        Small.Touchpoints.Should().OnlyContain(t => t.OccurredAt >= start && t.OccurredAt < end);
        Small.Conversions.Should().OnlyContain(c => c.OccurredAt >= start && c.OccurredAt < end);
        Small.Customers.Should().OnlyContain(c => c.AcquiredOn >= Small.Options.Start && c.AcquiredOn < Small.Options.EndDate);
    }

    [Fact]
    public void Generate_NothingHappens_BeforeAcquisition()
    {
        var zone = Small.Options.TimeZone;
        var acquired = Small.Customers.ToDictionary(c => c.Id, c => c.AcquiredOn);
        var acquiredAt = Small.CustomerTruths.ToDictionary(t => t.CustomerId, t => t.AcquiredAt);

        Small.Interactions.Should().OnlyContain(i => i.ArrivedAt > acquiredAt[i.CustomerId!.Value]);
        Small.Purchases.Should().OnlyContain(p => p.OccurredAt >= acquiredAt[p.CustomerId]);
        Small.Touchpoints.Should().OnlyContain(t => t.OccurredAt > acquiredAt[t.CustomerId]);
        Small.Conversions.Should().OnlyContain(c => c.OccurredAt > acquiredAt[c.CustomerId]);
        Small.Interactions.Should().OnlyContain(i => i.ArrivedAt.InZone(zone).Date >= acquired[i.CustomerId!.Value]);
        Small.CustomerTruths.Should().OnlyContain(t => t.AcquiredAt.InZone(zone).Date == acquired[t.CustomerId]);
    }

    [Fact]
    public void Generate_FirstPurchase_IsAtAcquisition()
    {
        var first = SimulationTables.AcquisitionInstants(Small);

        first.Should().HaveCount(Small.Customers.Count);
        Small.CustomerTruths.Should().OnlyContain(t => first[t.CustomerId] == t.AcquiredAt);
    }

    [Fact]
    public void Generate_NothingHappens_AfterChurn()
    {
        var zone = Small.Options.TimeZone;
        var churnedAt = Small.CustomerTruths.Where(t => t.ChurnedAt.HasValue).ToDictionary(t => t.CustomerId, t => t.ChurnedAt!.Value);
        var churnedOn = Small.Customers.Where(c => c.ChurnedOn.HasValue).ToDictionary(c => c.Id, c => c.ChurnedOn!.Value);
        Func<CustomerId, Instant, bool> Before = (id, at) => !churnedAt.TryGetValue(id, out var churn) || at < churn;
        Func<CustomerId, Instant, bool> OnOrBeforeChurnDay = (id, at) => !churnedOn.TryGetValue(id, out var day) || at.InZone(zone).Date <= day;

        churnedAt.Keys.Should().BeEquivalentTo(churnedOn.Keys);
        churnedAt.Should().OnlyContain(kv => kv.Value.InZone(zone).Date == churnedOn[kv.Key]);
        Small.Purchases.Should().OnlyContain(p => Before(p.CustomerId, p.OccurredAt) && OnOrBeforeChurnDay(p.CustomerId, p.OccurredAt));
        Small.Interactions.Should().OnlyContain(i => Before(i.CustomerId!.Value, i.ArrivedAt) && OnOrBeforeChurnDay(i.CustomerId!.Value, i.ArrivedAt));
        Small.Touchpoints.Should().OnlyContain(t => Before(t.CustomerId, t.OccurredAt));
        Small.Conversions.Should().OnlyContain(c => Before(c.CustomerId, c.OccurredAt));
    }

    [Fact]
    public void Generate_Interactions_FollowTheChannelRules()
    {
        foreach (var i in Small.Interactions)
        {
            var channel = Small.Options.Contacts.GetChannel(i.Channel);
            i.Direction.Should().Be(Direction.Inbound);
            i.Queue.Should().Be(i.Channel.ToSchemaName());
            i.Reason.Should().NotBeNull();
            i.Resolved.Should().NotBeNull();
            i.Transfers.Should().BeInRange(0, 1);
            if (!i.IsAnswered)
            {
                channel.Handling.Should().Be(ChannelHandling.Queued, "only queued contacts abandon ({0})", i);
                i.Resolved.Should().BeFalse();
                i.AgentId.Should().BeNull();
                i.Survey.Should().BeNull();
                (i.Talk + i.Hold + i.AfterCallWork).Should().Be(Duration.Zero);
                continue;
            }
            switch (channel.Handling)
            {
                case ChannelHandling.SelfService:
                    i.AnsweredAt.Should().Be(i.ArrivedAt);
                    i.AgentId.Should().BeNull();
                    i.Talk.Should().Be(Duration.Zero);
                    i.EndedAt.Should().BeGreaterThan(i.ArrivedAt);
                    break;
                case ChannelHandling.Asynchronous:
                    i.AgentId.Should().NotBeNull();
                    i.AnsweredAt!.Value.Should().BeGreaterThan(i.ArrivedAt);
                    i.EndedAt.Should().Be(i.AnsweredAt!.Value + i.Talk + i.Hold);
                    break;
                default:
                    i.AgentId.Should().NotBeNull();
                    i.Talk.Should().BeGreaterThan(Duration.Zero);
                    i.EndedAt.Should().Be(i.AnsweredAt!.Value + i.Talk + i.Hold);
                    break;
            }
        }
    }

    [Fact]
    public void Generate_CustomerTruths_MatchTheTables()
    {
        var customers = Small.Customers.ToDictionary(c => c.Id);
        var churnedAt = Small.CustomerTruths.ToDictionary(t => t.CustomerId, t => t.ChurnedAt);
        // Exposure starts at the end of the first unresolved contact that ended while still a customer.
        var unresolved = Small.Interactions
            .Where(i => i.Resolved == false && !(churnedAt[i.CustomerId!.Value] <= i.EndedAt))
            .GroupBy(i => i.CustomerId!.Value)
            .ToDictionary(g => g.Key, g => g.Min(i => i.EndedAt));

        foreach (var truth in Small.CustomerTruths)
        {
            truth.Segment.Should().Be(customers[truth.CustomerId].Segment);
            (truth.ChurnedAt is null).Should().Be(customers[truth.CustomerId].ChurnedOn is null);
            truth.PurchaseRate.Should().BeGreaterThanOrEqualTo(0);
            truth.DropoutProbability.Should().BeInRange(0, 1);
            truth.MeanSpend.Should().BePositive();
            truth.FirstUnresolvedContactAt.Should().Be(unresolved.TryGetValue(truth.CustomerId, out var end) ? end : null);
        }
    }
}
