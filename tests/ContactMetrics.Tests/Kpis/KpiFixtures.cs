using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Kpis;

/// <summary>Compact builders for hand-computed KPI cases.</summary>
internal static class KpiFixtures
{
    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 9, 0);

    private static int _next;

    /// <summary>An answered inbound contact.</summary>
    public static Interaction Answered(
        string customer = "C1", Channel channel = Channel.Phone, double waitSeconds = 10, double talk = 300, double hold = 0, double acw = 0,
        double atHours = 0, string? reason = "billing", string? agent = "A1", string? queue = "q1", bool? resolved = null, int transfers = 0,
        int? csat = null, int? nps = null, int? ces = null, Direction direction = Direction.Inbound, Instant? at = null)
    {
        var arrived = (at ?? T0) + Duration.FromSeconds(atHours * 3600);
        var answered = arrived + Duration.FromSeconds(waitSeconds);
        var survey = csat is null && nps is null && ces is null ? null : new SurveyResponse(csat, nps, ces);
        return new Interaction(new InteractionId($"I{Interlocked.Increment(ref _next)}"), new CustomerId(customer), channel, arrived,
            answered + Duration.FromSeconds(talk + hold), direction, agent is null ? null : new AgentId(agent), queue, reason, answered,
            Duration.FromSeconds(talk), Duration.FromSeconds(hold), Duration.FromSeconds(acw), resolved, transfers, survey);
    }

    /// <summary>An inbound contact abandoned after <paramref name="waitSeconds"/>.</summary>
    public static Interaction Abandoned(string customer = "C1", Channel channel = Channel.Phone, double waitSeconds = 30, double atHours = 0,
        string? reason = "billing", string? queue = "q1", Instant? at = null)
    {
        var arrived = (at ?? T0) + Duration.FromSeconds(atHours * 3600);
        return new Interaction(new InteractionId($"I{Interlocked.Increment(ref _next)}"), new CustomerId(customer), channel, arrived,
            arrived + Duration.FromSeconds(waitSeconds), queue: queue, reason: reason);
    }

    /// <summary>A self-service session.</summary>
    public static Interaction SelfService(string customer = "C1", double atHours = 0) =>
        new(new InteractionId($"I{Interlocked.Increment(ref _next)}"), new CustomerId(customer), Channel.SelfService,
            T0 + Duration.FromHours(atHours), T0 + Duration.FromHours(atHours) + Duration.FromMinutes(3), answeredAt: T0 + Duration.FromHours(atHours));
}
