using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

/// <summary>Agent attrition and the new hires' gap measured from agent ids (issue #13 item 3), on hand-built tables.</summary>
public sealed class AgentTenureTests
{
    private static readonly Instant Start = AgentTenureFixtures.Start;
    private static readonly ObservationWindow Window400 = AgentTenureFixtures.Window(400);

    private static Interaction Contact(string agent, double day, double handleSeconds = 300, bool? resolved = true, Channel channel = Channel.Phone, string reason = "billing") =>
        AgentTenureFixtures.Contact(agent, day, handleSeconds, resolved, channel, reason);

    private static AgentTenure Compute(IEnumerable<Interaction> contacts, ObservationWindow? window = null, AgentTenureOptions? options = null) =>
        AgentTenureFixtures.Compute(contacts, window, options);

    [Fact]
    public void Attrition_LeaversPerAgentYearWithTheEdgeRules_MatchesTheHandComputation()
    {
        // Window 400 days, leaver gap 28 days, so follow-up ends on day 372.
        // A1 days 1 and 399: first seen within 28 days of the start = present at the start; a contact after day 372 = stayer; observed 0-372 = 372 days.
        // A2 days 5 and 200: present at the start, leaver (last contact before day 372); observed 0-200 = 200 days.
        // A3 days 100 and 380: starter, stayer; observed 100-372 = 272 days.
        // A4 days 150 and 250: starter, leaver; observed 150-250 = 100 days.
        // A5 day 380 only: starter after the end of follow-up; observed 0 days, a stayer.
        // Agent-years = 944 / 365 = 2.5863014; rate = 2 / 2.5863014 = 0.7733051.
        // R: poisson.test(2, 944/365)$conf.int = [0.09365083334, 2.79344385458].
        // Head count over the last 365 days of follow-up (days 7-372): 365 + 193 + 272 + 100 + 0 = 930 agent-days / 365 = 2.547945205.
        var tenure = Compute(AgentTenureFixtures.AttritionHandCase.Select(c => Contact(c.Agent, c.Day)));

        var a = tenure.Attrition!;
        tenure.AttritionUnavailable.Should().BeNull();
        (a.Agents, a.PresentAtStart, a.Starters, a.Leavers).Should().Be((5, 2, 3, 2));
        a.AgentYears.Should().BeApproximately(2.5863014, 1e-6);
        a.AnnualRate.Point!.Value.Should().BeApproximately(0.7733051, 1e-6);
        a.AnnualRate.Interval!.Value.Lower.Should().BeApproximately(0.09365083334, 1e-8);
        a.AnnualRate.Interval!.Value.Upper.Should().BeApproximately(2.79344385458, 1e-8);
        a.Headcount.Should().BeApproximately(2.547945205, 1e-8);
        a.FollowedUntil.Should().Be(Start + Duration.FromDays(372));
    }

    [Fact]
    public void Attrition_TooShortAWindowOrNoAgentIds_IsUnavailableWithTheReason()
    {
        // 100 days minus the 28-day leaver gap leaves 72 days of follow-up, below the 90 needed.
        var shortWindow = new ObservationWindow(Start, Start + Duration.FromDays(100), DateTimeZone.Utc);
        var tenure = Compute([Contact("A1", 1), Contact("A1", 99)], shortWindow);
        tenure.Attrition.Should().BeNull();
        tenure.AttritionUnavailable.Should().Contain("72 days of follow-up").And.Contain("at least 90");

        var arrived = Start + Duration.FromDays(1);
        var noIds = AgentTenure.Compute(InteractionTable.Create([new Interaction(new InteractionId("X1"), new CustomerId("C1"), Channel.Email, arrived, arrived + Duration.FromMinutes(5))]), Window400);
        noIds.Attrition.Should().BeNull();
        noIds.NewHires.Should().BeNull();
        noIds.AttritionUnavailable.Should().Contain("agent id");
        noIds.NewHiresUnavailable.Should().Contain("agent id");
    }

    [Fact]
    public void NewHireGap_StandardizedRatios_MatchTheHandComputation()
    {
        // Ramp-up 1 week. T1 is present at the start; its contact on day 0 is inside the first week after the start
        // (tenure unknown), so it counts nowhere (its 10,000 s would move the tenured means).
        // Tenured (T1 after day 7): phone/billing 5 x 300 s, 4 resolved (0.8); email/billing 2 x 600 s, 1 resolved (0.5).
        // New hires (first week after the first contact): N1 phone 450 s resolved, 450 s not; N2 phone 360 s resolved,
        // email 900 s not; N3 phone 390 s resolved and a chat (no tenured chat: left out). L1 is first seen on day 397:
        // its week ends after the window (day 400), so its 5,000 s call is left out.
        // Handle: observed 450 + 450 + 360 + 900 + 390 = 2,550; expected 4 x 300 + 600 = 1,800; ratio 1.4166667.
        // Resolution: observed 3; expected 4 x 0.8 + 0.5 = 3.7; ratio 0.8108108. Gap = 1 - 0.8108108 / 1.4166667 = 0.4276630.
        var contacts = new List<Interaction>
        {
            Contact("T1", 0, 10_000),
            Contact("T1", 10), Contact("T1", 11), Contact("T1", 12), Contact("T1", 13), Contact("T1", 14, resolved: false),
            Contact("T1", 15, 600, channel: Channel.Email), Contact("T1", 16, 600, resolved: false, channel: Channel.Email),
            Contact("N1", 50, 450), Contact("N1", 52, 450, resolved: false),
            Contact("N2", 60, 360), Contact("N2", 61, 900, resolved: false, channel: Channel.Email),
            Contact("N3", 70, 390), Contact("N3", 71, 1_000, channel: Channel.Chat),
            Contact("L1", 397, 5_000),
        };

        var g = Compute(contacts, options: new AgentTenureOptions { RampUpWeeks = 1 }).NewHires!;

        (g.NewHires, g.NewHireContacts, g.TenuredContacts).Should().Be((3, 5L, 7L));
        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(1.4166667, 1e-6);
        g.ResolutionRatio.Point!.Value.Should().BeApproximately(0.8108108, 1e-6);
        g.ProductivityGap.Point!.Value.Should().BeApproximately(0.4276630, 1e-6);
        g.HandleTimeRatio.Interval!.Value.Method.Should().Contain("bootstrap over agents");
    }

    [Fact]
    public void NewHireGap_ANewHireOnASlowerChannel_IsNotSlower()
    {
        // Tenured: phone 300 s, email 900 s. The new hires answer only email, at 900 s: the standardized ratio is 1
        // (a plain AHT ratio would be 900 / 420 = 2.14), and every bootstrap resample gives 1 too.
        var contacts = new List<Interaction>();
        for (int d = 10; d < 40; d++)
        {
            contacts.Add(Contact("T1", d));
            contacts.Add(Contact("T2", d, 900, channel: Channel.Email));
        }
        foreach (var (agent, day) in new[] { ("N1", 50), ("N2", 80), ("N3", 110) })
        {
            contacts.Add(Contact(agent, day, 900, channel: Channel.Email));
            contacts.Add(Contact(agent, day + 1, 900, channel: Channel.Email));
        }

        var g = Compute(contacts, options: new AgentTenureOptions { RampUpWeeks = 1 }).NewHires!;

        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(1.0, 1e-12);
        g.HandleTimeRatio.Interval!.Value.Lower.Should().BeApproximately(1.0, 1e-12);
        g.HandleTimeRatio.Interval!.Value.Upper.Should().BeApproximately(1.0, 1e-12);
        g.ProductivityGap.Point!.Value.Should().BeApproximately(0.0, 1e-12);
    }

    [Fact]
    public void NewHireGap_FewerThanThreeNewHires_IsUnavailableWithTheReason()
    {
        var tenure = Compute([Contact("T1", 10), Contact("T1", 20), Contact("N1", 50), Contact("N2", 60)], options: new AgentTenureOptions { RampUpWeeks = 1 });

        tenure.NewHires.Should().BeNull();
        tenure.NewHiresUnavailable.Should().Contain("at least 3 agents").And.Contain("the data has 2");
    }
}
