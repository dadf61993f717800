using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_DefaultChannels_AllFivePresent()
    {
        Small.Interactions.Select(i => i.Channel).Distinct().Should()
            .BeEquivalentTo([Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.SelfService]);
        Small.Interactions.Select(i => i.Reason).Distinct().Should().BeEquivalentTo(Small.Options.Contacts.Reasons.Select(r => r.Name));
        Small.Touchpoints.Select(t => t.Channel).Distinct().Should().BeEquivalentTo(Small.Options.Marketing.TouchChannels.Select(c => c.Name));
        Small.Customers.Select(c => c.Segment).Distinct().Should().BeEquivalentTo(Small.Options.Segments.Select(s => s.Name));
    }

    [Fact]
    public void Generate_RowCounts_ArePlausibleForTheOptions()
    {
        // 3,000 customers, about 4.1 first contacts per customer-year plus repeats, present for
        // about 1.1 years on average: several thousand interactions; everyone makes a first purchase.
        Small.Interactions.Count.Should().BeInRange(6_000, 20_000);
        Small.Purchases.Count.Should().BeGreaterThan(Small.Customers.Count);
        Small.Touchpoints.Count.Should().BeInRange(10_000, 40_000);
        Small.Conversions.Count.Should().BeInRange(300, 3_000);
        Small.Customers.Count(c => c.ChurnedOn.HasValue).Should().BeInRange(300, 1_500);
    }

    [Fact]
    public void Generate_Rates_LieInTheUnitIntervalAndArePlausible()
    {
        var phone = Small.Interactions.Where(i => i.Channel == Channel.Phone).ToList();
        double abandonment = phone.Count(i => !i.IsAnswered) / (double)phone.Count;
        double resolved = Small.Interactions.Count(i => i.Resolved == true) / (double)Small.Interactions.Count;
        double surveyed = Small.Interactions.Count(i => i.Survey is not null) / (double)Small.Interactions.Count(i => i.IsAnswered);
        double serviceLevel = phone.Count(i => i.IsAnswered && i.AnsweredAt!.Value - i.ArrivedAt <= Duration.FromSeconds(20)) / (double)phone.Count;

        abandonment.Should().BeInRange(0.01, 0.15);
        resolved.Should().BeInRange(0.55, 0.85);
        surveyed.Should().BeApproximately(Small.Options.Surveys.ResponseRate, 0.02);
        serviceLevel.Should().BeInRange(0.7, 0.99);
        Small.Interactions.Count(i => i.Transfers > 0).Should().BePositive();
        Small.Interactions.Where(i => i.Channel == Channel.Email).Should().OnlyContain(i => i.IsAnswered);
    }

    [Fact]
    public void Generate_Arrivals_PeakInDaytimeLocalHours()
    {
        var zone = Small.Options.TimeZone;
        var byHour = new int[24];
        foreach (var i in Small.Interactions)
        {
            byHour[i.ArrivedAt.InZone(zone).Hour]++;
        }

        int peak = Array.IndexOf(byHour, byHour.Max());
        peak.Should().BeInRange(9, 15);
        (byHour[..6].Sum() / (double)Small.Interactions.Count).Should().BeLessThan(0.05);
        byHour[10].Should().BeGreaterThan(5 * byHour[22]);
    }

    [Fact]
    public void Generate_Weekends_AreQuieter()
    {
        var zone = Small.Options.TimeZone;
        var perDay = Small.Interactions.GroupBy(i => i.ArrivedAt.InZone(zone).Date).ToList();
        double weekday = perDay.Where(g => g.Key.DayOfWeek < IsoDayOfWeek.Saturday).Average(g => g.Count());
        double weekend = perDay.Where(g => g.Key.DayOfWeek >= IsoDayOfWeek.Saturday).Average(g => g.Count());

        weekend.Should().BeLessThan(0.6 * weekday);
    }

    [Fact]
    public void Generate_HandleTimes_FollowTheChannelMedians()
    {
        foreach (var channel in new[] { Channel.Phone, Channel.Chat, Channel.Email })
        {
            var options = Small.Options.Contacts.GetChannel(channel);
            var talk = Small.Interactions.Where(i => i.Channel == channel && i.IsAnswered && i.Transfers == 0)
                .Select(i => i.Talk.TotalSeconds).Order().ToList();
            double median = talk[talk.Count / 2];

            median.Should().BeApproximately(options.TalkMedian.TotalSeconds, 0.1 * options.TalkMedian.TotalSeconds, "the talk time of {0} is lognormal with that median", channel);
        }
    }

    [Fact]
    public void Generate_Repeats_FollowUnresolvedContactsOnTheSameReason()
    {
        // First-contact resolution in the 7-day sense: an unresolved contact is followed by a
        // contact on the same reason within 7 days far more often than a resolved one.
        double RepeatShare(bool resolved)
        {
            var byCustomer = Large.Interactions.GroupBy(i => i.CustomerId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            int total = 0, repeated = 0;
            foreach (var i in Large.Interactions.Where(i => i.Resolved == resolved && i.EndedAt < Large.End - Duration.FromDays(7)))
            {
                total++;
                if (byCustomer[i.CustomerId!.Value].Any(j => j.Reason == i.Reason && j.ArrivedAt > i.EndedAt && j.ArrivedAt <= i.EndedAt + Duration.FromDays(7)))
                {
                    repeated++;
                }
            }
            return repeated / (double)total;
        }

        RepeatShare(resolved: false).Should().BeGreaterThan(0.4);
        RepeatShare(resolved: true).Should().BeLessThan(0.1);
    }
}
