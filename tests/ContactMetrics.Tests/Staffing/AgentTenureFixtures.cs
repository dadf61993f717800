using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

/// <summary>Hand-built agent contacts and windows shared by AgentTenureTests and its mutation tests.</summary>
internal static class AgentTenureFixtures
{
    public static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static int _next;

    /// <summary>
    /// The attrition hand case (AgentTenureTests.Attrition_LeaversPerAgentYearWithTheEdgeRules_MatchesTheHandComputation):
    /// agent and day of each contact in a 400-day window; 5 agents, 2 present at the start, 3 starters, 2 leavers,
    /// 944 agent-days followed, 930 agent-days of head count.
    /// </summary>
    public static readonly (string Agent, double Day)[] AttritionHandCase =
        [("A1", 1), ("A1", 399), ("A2", 5), ("A2", 200), ("A3", 100), ("A3", 380), ("A4", 150), ("A4", 250), ("A5", 380)];

    /// <summary>An inbound contact <paramref name="day"/> days after <paramref name="origin"/> (default <see cref="Start"/>).</summary>
    public static Interaction Contact(string? agent, double day, double talkSeconds = 300, bool? resolved = true, Channel channel = Channel.Phone,
        string reason = "billing", bool answered = true, double holdSeconds = 0, double acwSeconds = 0, Instant? origin = null)
    {
        var arrived = (origin ?? Start) + Duration.FromSeconds(day * 86_400);
        var talk = Duration.FromSeconds(answered ? talkSeconds : 0);
        var hold = Duration.FromSeconds(holdSeconds);
        var acw = Duration.FromSeconds(acwSeconds);
        return new Interaction(new InteractionId($"T{Interlocked.Increment(ref _next)}"), new CustomerId("C1"), channel, arrived,
            arrived + talk + hold + acw, Direction.Inbound, agent is null ? null : new AgentId(agent), "q", reason, answered ? arrived : null,
            talk, hold, acw, answered ? resolved : null);
    }

    public static ObservationWindow Window(double days, Instant? origin = null) =>
        new(origin ?? Start, (origin ?? Start) + Duration.FromDays(days), DateTimeZone.Utc);

    public static AgentTenure Compute(IEnumerable<Interaction> contacts, ObservationWindow? window = null, AgentTenureOptions? options = null) =>
        AgentTenure.Compute(InteractionTable.Create(contacts), window ?? Window(400), options);
}
