using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Tests written for Stryker.NET's surviving mutants of AgentTenure (issue #14 item 9, docs/testing.md, "Staffing"):
/// the options' range ends, the window's and the ramp-up's edges (inclusive or exclusive), rows the new hires' scan
/// must skip, the handle-time components, strata that must stay apart, the reasons and definitions in words, and the
/// bootstrap's interval ends. Every expected number is a hand computation on hand-built tables.
/// </summary>
public sealed class StaffingAgentTenureMutationTests
{
    private static readonly Instant Start = AgentTenureFixtures.Start;
    private static readonly AgentTenureOptions OneWeekRamp = new() { RampUpWeeks = 1 };

    private static Interaction Contact(string? agent, double day, double talkSeconds = 300, bool? resolved = true, Channel channel = Channel.Phone,
        string reason = "billing", bool answered = true, double holdSeconds = 0, double acwSeconds = 0, Instant? origin = null) =>
        AgentTenureFixtures.Contact(agent, day, talkSeconds, resolved, channel, reason, answered, holdSeconds, acwSeconds, origin);

    private static ObservationWindow Window(double days, Instant? origin = null) => AgentTenureFixtures.Window(days, origin);

    private static AgentTenure Compute(IEnumerable<Interaction> contacts, double windowDays = 400, AgentTenureOptions? options = null) =>
        AgentTenureFixtures.Compute(contacts, Window(windowDays), options);

    [Fact]
    public void LeaverGap_RangeEnds_AcceptedAndBeyondRejectedWithTheValue()
    {
        new AgentTenureOptions { LeaverGap = Duration.FromDays(1) }.LeaverGap.Should().Be(Duration.FromDays(1));
        new AgentTenureOptions { LeaverGap = Duration.FromDays(365) }.LeaverGap.Should().Be(Duration.FromDays(365));
        new AgentTenureOptions { LeaverGap = Duration.FromDays(28) }.LeaverGap.Should().Be(Duration.FromDays(28));

        var tooShort = () => new AgentTenureOptions { LeaverGap = Duration.FromHours(23) };
        var tooLong = () => new AgentTenureOptions { LeaverGap = Duration.FromDays(366) };

        tooShort.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The leaver gap must be between 1 and 365 days; was 0:23:00:00*")
            .Which.ParamName.Should().Be("LeaverGap");
        tooLong.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The leaver gap must be between 1 and 365 days; was 366:00:00:00*");
    }

    [Fact]
    public void Compute_NullArguments_ThrowArgumentNull()
    {
        var table = InteractionTable.Create([Contact("A1", 1)]);

        FluentActions.Invoking(() => AgentTenure.Compute(null!, Window(400))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("table");
        FluentActions.Invoking(() => AgentTenure.Compute(table, null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("window");
    }

    [Fact]
    public void Attrition_WindowBefore1970_SameAsTheHandComputation()
    {
        // AgentTenureTests.Attrition_LeaversPerAgentYearWithTheEdgeRules_MatchesTheHandComputation moved to 1968: arrival
        // times before the Unix epoch are negative milliseconds, and the result must not change (944 agent-days, 2 leavers).
        var origin = Instant.FromUtc(1968, 1, 1, 0, 0);
        var contacts = AgentTenureFixtures.AttritionHandCase
            .Select(c => Contact(c.Agent, c.Day, origin: origin));

        var a = AgentTenure.Compute(InteractionTable.Create(contacts), Window(400, origin)).Attrition!;

        (a.Agents, a.PresentAtStart, a.Starters, a.Leavers).Should().Be((5, 2, 3, 2));
        a.AgentYears.Should().BeApproximately(944.0 / 365, 1e-12);
        a.Headcount.Should().BeApproximately(930.0 / 365, 1e-12);
        a.FollowedUntil.Should().Be(origin + Duration.FromDays(372));
    }

    [Fact]
    public void Attrition_ContactsOnTheEdges_FollowTheInclusiveAndExclusiveRules()
    {
        // Window [day 0, day 400), leaver gap 28 days: follow-up ends on day 372.
        // A1 days 0 (the window's start: inside) and 380: present at the start, stayer, observed 0-372 = 372 days.
        // A2 days 28 (start + gap: not within the gap, so a starter) and 100: leaver, observed 28-100 = 72 days.
        // A3 days 50 and 372 (the end of follow-up: not before it, so a stayer): observed 50-372 = 322 days.
        // A4 days 60 and 400 (the window's end: outside): last contact day 60, leaver, observed 0 days.
        // 766 agent-days = 2.0986301 agent-years, 2 leavers: rate 0.95300261; exact Poisson interval
        // [Gamma(2).q(0.025), Gamma(3).q(0.975)] / 2.0986301 = [0.24220928, 7.2246877] / 2.0986301 = [0.11541304, 3.4425731]
        // (quantiles by mpmath findroot). Head count over days 7-372: 365 + 72 + 322 + 0 = 759 agent-days / 365.
        var tenure = Compute([
            Contact("A1", 0), Contact("A1", 380), Contact("A2", 28), Contact("A2", 100), Contact("A3", 50), Contact("A3", 372),
            Contact("A4", 60), Contact("A4", 400)]);

        var a = tenure.Attrition!;
        (a.Agents, a.PresentAtStart, a.Starters, a.Leavers).Should().Be((4, 1, 3, 2));
        a.AgentYears.Should().BeApproximately(766.0 / 365, 1e-12);
        a.AnnualRate.Point!.Value.Should().BeApproximately(0.953002610966057, 1e-12);
        a.AnnualRate.Interval!.Value.Lower.Should().BeApproximately(0.115413037426302, 1e-9);
        a.AnnualRate.Interval!.Value.Upper.Should().BeApproximately(3.44257310537761, 1e-9);
        a.AnnualRate.Interval!.Value.Method.Should().Be("exact poisson (garwood)");
        a.Headcount.Should().BeApproximately(759.0 / 365, 1e-12);
    }

    [Fact]
    public void Attrition_NinetyDaysOfFollowUpNoLeavers_HasTheExactIntervalFromZero()
    {
        // A 118-day window keeps 118 - 28 = 90 days of follow-up, the least allowed (117 days keep 89: unavailable). Five
        // agents present at the start (day 1) and seen after day 90: stayers, 5 x 90 = 450 agent-days = 1.2328767 years.
        // No leaver: rate 0, interval [0, -ln(0.025) / 1.2328767] = [0, 2.9920911] (Gamma(1) 0.975 quantile = -ln 0.025).
        var contacts = Enumerable.Range(1, 5).SelectMany(k => new[] { Contact($"A{k}", 1), Contact($"A{k}", 100) }).ToList();

        var a = Compute(contacts, 118).Attrition!;
        var shorter = Compute(contacts, 117);

        a.Leavers.Should().Be(0);
        a.AgentYears.Should().BeApproximately(450.0 / 365, 1e-12);
        a.AnnualRate.Point!.Value.Should().Be(0);
        a.AnnualRate.Interval!.Value.Lower.Should().Be(0);
        a.AnnualRate.Interval!.Value.Upper.Should().BeApproximately(2.99209111278130, 1e-9);
        shorter.Attrition.Should().BeNull();
        shorter.AttritionUnavailable.Should().Be("The window leaves 89 days of follow-up once the leaver gap (28 days) is kept free at its end; attrition needs at least 90.");
    }

    [Fact]
    public void Attrition_OneAgentYear_IsEnoughAndHalfOneIsNot()
    {
        // A1 present at the start (day 1), last contact day 365: a leaver observed 0-365 = exactly one agent-year, rate 1.
        // Last contact on day 182.5 instead: half an agent-year, below the one needed.
        var one = Compute([Contact("A1", 1), Contact("A1", 365)]);
        var half = Compute([Contact("A1", 1), Contact("A1", 182.5)]);

        one.Attrition!.AgentYears.Should().Be(1);
        one.Attrition.AnnualRate.Point!.Value.Should().Be(1);
        half.Attrition.Should().BeNull();
        half.AttritionUnavailable.Should().Be("The agents' employment observed adds up to 0.5 agent-years; an attrition rate needs at least one.");
    }

    [Fact]
    public void Attrition_Definition_StatesTheRulesWithTheGapInDays()
    {
        // A leaver gap of 36 hours prints as 2 days (whole days, "0" format).
        var tenure = Compute([Contact("A1", 1), Contact("A1", 390), Contact("A2", 1), Contact("A2", 200)], options: new AgentTenureOptions { LeaverGap = Duration.FromHours(36) });

        tenure.Attrition!.Definition.Should().Be(
            "leavers / agent-years observed (365-day years). An agent is employed from the first contact to the last; first seen within 2 days of the window's start = employed before it (observed from the start); "
            + "follow-up ends 2 days before the window's end: a later contact = stayer (observed to then), last contact earlier = leaver (observed to it). "
            + "Head count = mean agents employed over the last 365 days of follow-up. Interval: exact Poisson.");
    }

    [Fact]
    public void NewHireGap_RowsTheScanMustSkip_LeaveTheHandComputationUnchanged()
    {
        // AgentTenureTests.NewHireGap_StandardizedRatios_MatchTheHandComputation (ratios 1.4166667, 0.8108108, gap 0.4276630),
        // with rows that must count nowhere: a contact without an agent, an unanswered call of a new hire, an IVR contact
        // of a new hire, a tenured call at the window's end (day 400, outside), and calls before the window (day -5).
        var hand = new (string Agent, double Day, double Seconds, bool Resolved, Channel Channel)[]
        {
            ("T1", 0, 10_000, true, Channel.Phone), ("T1", 10, 300, true, Channel.Phone), ("T1", 11, 300, true, Channel.Phone),
            ("T1", 12, 300, true, Channel.Phone), ("T1", 13, 300, true, Channel.Phone), ("T1", 14, 300, false, Channel.Phone),
            ("T1", 15, 600, true, Channel.Email), ("T1", 16, 600, false, Channel.Email), ("N1", 50, 450, true, Channel.Phone),
            ("N1", 52, 450, false, Channel.Phone), ("N2", 60, 360, true, Channel.Phone), ("N2", 61, 900, false, Channel.Email),
            ("N3", 70, 390, true, Channel.Phone), ("N3", 71, 1_000, true, Channel.Chat), ("L1", 397, 5_000, true, Channel.Phone),
        };
        var contacts = hand.Select(c => Contact(c.Agent, c.Day, c.Seconds, c.Resolved, c.Channel)).ToList();
        contacts.AddRange(
        [
            Contact(null, 55, 10_000),
            Contact("N1", 51, answered: false),
            Contact("N2", 62, 10_000, channel: Channel.Ivr),
            Contact("T1", 400, 10_000),
            Contact("N3", -5, 10_000), Contact("T1", -5, 10_000),
        ]);

        var g = Compute(contacts, options: OneWeekRamp).NewHires!;

        (g.NewHires, g.NewHireContacts, g.TenuredContacts).Should().Be((3, 5L, 7L));
        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(2550.0 / 1800, 1e-12);
        g.ResolutionRatio.Point!.Value.Should().BeApproximately(3 / 3.7, 1e-12);
        g.ProductivityGap.Point!.Value.Should().BeApproximately(1 - (3 / 3.7 / (2550.0 / 1800)), 1e-12);
    }

    [Fact]
    public void NewHireGap_ContactsOnTheRampUpEdges_AndAllHandleComponents_MatchTheHandComputation()
    {
        // Ramp-up 7 days. T1 is present at the start (day 2, inside its first week after the start: counts nowhere); its
        // call on day 7 (start + 7 days) is tenured: 900 s, resolved; day 10: 200 s talk + 50 hold + 50 ACW = 300 s, resolved.
        // N1 first seen day 50 (450 s, resolved); its call on day 57 (first + 7 days) is tenured: 900 s, not resolved.
        // N2 day 60: 300 talk + 100 hold + 50 ACW = 450 s, resolved. N3 first seen day 393: its week ends on day 400, the
        // window's end, so it is a new hire: 450 s, resolved.
        // Tenured phone/billing: (900 + 300 + 900) / 3 = 700 s, 2 of 3 resolved. New hires: 3 calls of 450 s, all resolved:
        // handle ratio 1350 / 2100 = 0.6428571; resolution 3 / (3 x 2/3) = 1.5; gap 1 - 1.5 / 0.6428571 = -1.3333333.
        var contacts = new List<Interaction>
        {
            Contact("T1", 2, 10_000), Contact("T1", 7, 900), Contact("T1", 10, 200, holdSeconds: 50, acwSeconds: 50),
            Contact("N1", 50, 450), Contact("N1", 57, 900, resolved: false),
            Contact("N2", 60, 300, holdSeconds: 100, acwSeconds: 50),
            Contact("N3", 393, 450),
        };

        var g = Compute(contacts, options: OneWeekRamp).NewHires!;

        (g.NewHires, g.NewHireContacts, g.TenuredContacts).Should().Be((3, 3L, 3L));
        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(1350.0 / 2100, 1e-12);
        g.ResolutionRatio.Point!.Value.Should().BeApproximately(1.5, 1e-12);
        g.ProductivityGap.Point!.Value.Should().BeApproximately(1 - (1.5 / (1350.0 / 2100)), 1e-12);
    }

    [Fact]
    public void NewHireGap_TwoReasonsOnTwoChannels_KeepsEveryStratumApart()
    {
        // Tenured: phone/billing 300 s, email/billing 900 s, chat/tech 600 s. The new hires answer only email/billing at
        // 900 s: standardized on their own stratum the handle ratio is exactly 1 (phone and email must not be pooled).
        var contacts = new List<Interaction>();
        for (int d = 10; d < 40; d++)
        {
            contacts.Add(Contact("T1", d));
            contacts.Add(Contact("T2", d, 900, channel: Channel.Email));
            contacts.Add(Contact("T3", d, 600, channel: Channel.Chat, reason: "tech"));
        }
        foreach (var (agent, day) in new[] { ("N1", 50), ("N2", 80), ("N3", 110) })
        {
            contacts.Add(Contact(agent, day, 900, channel: Channel.Email));
        }

        var g = Compute(contacts, options: OneWeekRamp).NewHires!;

        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(1.0, 1e-12);
        g.ResolutionRatio.Point!.Value.Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void NewHireGap_StratumWithoutTenuredFlags_IsLeftOutOfTheResolutionOnly()
    {
        // Tenured phone/billing 300 s, all resolved; tenured email/billing 600 s without a resolved flag. New hires: N1 and
        // N2 a call of 600 s each, resolved; N3 an email of 600 s, resolved. Handle: 1800 / (300 + 300 + 600) = 1.5;
        // resolution over the phone stratum only (the tenured have no flag on email): 2 / 2 = 1.
        var contacts = new List<Interaction>
        {
            Contact("T1", 10), Contact("T1", 11), Contact("T1", 12, 600, resolved: null, channel: Channel.Email),
            Contact("N1", 50, 600), Contact("N2", 60, 600), Contact("N3", 70, 600, channel: Channel.Email),
        };

        var g = Compute(contacts, options: OneWeekRamp).NewHires!;

        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(1.5, 1e-12);
        g.ResolutionRatio.Point!.Value.Should().Be(1);
    }

    public static TheoryData<string, int> NothingToCompare => new()
    {
        // 3 new hires with calls, but: the tenured calls take 0 s; the new hires' calls take 0 s; no call has a resolved
        // flag; no tenured call at all.
        { "tenured take 0 s", 3 },
        { "new hires take 0 s", 3 },
        { "no resolved flags", 3 },
        { "no tenured", 3 },
        { "no tenured", 2 },
    };

    [Theory]
    [MemberData(nameof(NothingToCompare))]
    public void NewHireGap_NothingToCompare_SaysWhy(string situation, int newHires)
    {
        var contacts = new List<Interaction>();
        if (situation != "no tenured")
        {
            contacts.Add(Contact("T1", 10, situation == "tenured take 0 s" ? 0 : 300, situation == "no resolved flags" ? null : true));
        }
        for (int k = 0; k < newHires; k++)
        {
            contacts.Add(Contact($"N{k}", 50 + (10 * k), situation == "new hires take 0 s" ? 0 : 300, situation == "no resolved flags" ? null : true));
        }

        var tenure = Compute(contacts, options: OneWeekRamp);

        tenure.NewHires.Should().BeNull();
        tenure.NewHiresUnavailable.Should().Be(newHires >= 3
            ? "3 new hires, but none with handled contacts carrying a resolved flag on a channel, direction and reason that tenured agents also handle, so there is nothing to compare them with."
            : "The new hires' gap needs at least 3 agents first seen more than 28 days after the window's start whose first 1 weeks lie inside it, with handled contacts carrying a resolved flag that tenured agents also handle (channel, direction, reason); the data has 2.");
    }

    [Fact]
    public void NewHireGap_Definition_StatesTheRulesWithTheGapAndTheRampUp()
    {
        // Leaver gap 36 h prints as 2 days, a ramp-up of 1.25 weeks as 1.3 ("0.#"). T1 is present at the start (day 1, within
        // 1.5 days) and tenured on day 20 (past 8.75 days); N1-N3 are new hires.
        var contacts = new List<Interaction> { Contact("T1", 1), Contact("T1", 20), Contact("N1", 50), Contact("N2", 60), Contact("N3", 70) };

        var g = Compute(contacts, options: new AgentTenureOptions { RampUpWeeks = 1.25, LeaverGap = Duration.FromHours(36) }).NewHires!;

        g.Definition.Should().Be(
            "new hires = agents first seen more than 2 days after the window's start, in their first 1.3 weeks from the first contact (the whole ramp-up inside the window); tenured = contacts after those weeks (for agents present at the start: 1.3 weeks after the window's start). "
            + "Handled contacts of agent channels; handle time = talk + hold + after-contact work. Each ratio = new hires' observed / expected at the tenured agents' mean of the same channel, direction and reason (indirect standardization). "
            + "Productivity gap = 1 - resolution ratio / handle-time ratio (resolved contacts per handled hour). Intervals: bootstrap resampling agents.");
    }

    [Fact]
    public void NewHireGap_Bootstrap_IntervalsReachTheExtremeResamples()
    {
        // One tenured agent (calls of 300 s, resolved) and three new hires with one resolved call each, of 300, 600 and 900
        // s: a resample's handle ratio is the weighted mean of 1, 2 and 3, and it has a comparison when it draws T1 and a
        // new hire. Of the 4^4 = 256 resamples of 4 agents, 174 have both; in 14 of them N1 is the only new hire (ratio 1),
        // in 14 N3 (ratio 3): 8% each, far above 2.5%, so with 1,000 resamples the 95% percentile interval is [1, 3]
        // (1 of about 680 valid resamples falls short of 18 at each end with probability below 1e-9). Resolution is 1 in
        // every resample, the gap 1 - 1 / ratio: [0, 2/3].
        var contacts = new List<Interaction> { Contact("T1", 20), Contact("T1", 21), Contact("N1", 50, 300), Contact("N2", 60, 600), Contact("N3", 70, 900) };

        var g = Compute(contacts, options: OneWeekRamp).NewHires!;

        g.HandleTimeRatio.Point!.Value.Should().BeApproximately(2, 1e-12);
        g.HandleTimeRatio.Interval!.Value.Lower.Should().BeApproximately(1, 1e-12);
        g.HandleTimeRatio.Interval!.Value.Upper.Should().BeApproximately(3, 1e-12);
        g.ResolutionRatio.Interval!.Value.Lower.Should().Be(1);
        g.ProductivityGap.Interval!.Value.Lower.Should().BeApproximately(0, 1e-12);
        g.ProductivityGap.Interval!.Value.Upper.Should().BeApproximately(2.0 / 3, 1e-12);
        g.ProductivityGap.Interval!.Value.Method.Should().MatchRegex(@"^percentile bootstrap over agents \(\d{3} of 1,000 resamples with new hires, seed 42\)$");
    }
}
