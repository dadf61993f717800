using ContactMetrics.Domain;
using ContactMetrics.Tables;
using FluentAssertions;
using NodaTime;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.CostToServe;

/// <summary>The issue table (<see cref="Issue.Of"/>) on a hand-made case: the per-issue FCR definition of docs/kpis.md.</summary>
public class IssueTests
{
    [Fact]
    public void Of_HandCase_OneRowPerIssueWithItsChain()
    {
        // C1 billing: phone at 0 h, chat repeat at 48 h, an abandoned phone call at 72 h (joins the chain, not a repeat:
        // not handled), then phone at 400 h (more than 7 days after the last handled contact: a new issue).
        // C2 delivery: one handled call. An outbound call and a bot session are not issues.
        Interaction[] rows =
        [
            Contact("C1", Channel.Phone, 0, wait: 10, talk: 100),
            Contact("C1", Channel.Chat, 48, wait: 10, talk: 100),
            Contact("C1", Channel.Phone, 72, wait: 30, answered: false),
            Contact("C1", Channel.Phone, 400, wait: 10, talk: 100),
            Contact("C2", Channel.Phone, 1, wait: 10, talk: 100, reason: "delivery"),
            Contact("C2", Channel.Phone, 2, wait: 0, talk: 50, reason: "delivery", direction: Direction.Outbound),
            Contact("C2", Channel.Chatbot, 3, wait: 0, talk: 60, reason: "delivery"),
        ];
        var issues = Issue.Of(InteractionTable.Create(rows));

        issues.Select(i => (i.FirstContact, i.Customer.Value, i.Reason, i.Channel, i.Contacts, i.Repeats, i.ResolvedFirstTime)).Should().BeEquivalentTo(
        [
            (rows[0].Id, "C1", "billing", Channel.Phone, 3L, 1L, false),
            (rows[3].Id, "C1", "billing", Channel.Phone, 1L, 0L, true),
            (rows[4].Id, "C2", "delivery", Channel.Phone, 1L, 0L, true),
        ]);
        issues.Select(i => i.FirstContact.Value).Should().BeInAscendingOrder(StringComparer.Ordinal);
        // Issues come in ordinal order of their first contact's id; the fixture's ids ("K" + a process-wide counter) can
        // cross a digit boundary inside this test ("K100" sorts before "K99"), so the first issue is looked up by its id.
        issues.Single(i => i.FirstContact == rows[0].Id).FirstArrivedAt.Should().Be(T0 + Duration.Zero);
    }
}
