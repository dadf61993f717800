using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// Seeded contacts with a contact center's shape: 500 agents, 8 channels, 3 queues, 6 reasons,
/// two years of arrivals (across two DST changes a year), 85% answered, a quarter with surveys,
/// 1.5 million customers. Every benchmark of a scenario runs on the same rows.
/// </summary>
internal static class KpiBenchmarkData
{
    public static List<Interaction> Contacts(int n, int seed)
    {
        var rng = new Random(seed);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        string[] reasons = ["billing", "technical", "order", "account", "delivery", "cancel"];
        string[] queues = ["general", "sales", "support"];
        var agents = Enumerable.Range(1, 500).Select(a => new AgentId($"A{a:000}")).ToArray();
        int customers = Math.Max(1, n * 3 / 20);
        var rows = new List<Interaction>(n);
        for (int i = 0; i < n; i++)
        {
            var arrived = start + Duration.FromSeconds(rng.Next(0, 730 * 86400));
            var channel = (Channel)rng.Next(0, 8);
            bool answered = rng.NextDouble() < 0.85;
            int wait = rng.Next(0, 180);
            var survey = rng.NextDouble() < 0.25 ? new SurveyResponse(rng.Next(1, 6), rng.Next(0, 11), rng.Next(1, 8)) : null;
            int talk = answered ? rng.Next(30, 900) : 0;
            rows.Add(new Interaction(
                new InteractionId("I" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new CustomerId("C" + rng.Next(0, customers).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                channel, arrived, arrived + Duration.FromSeconds(wait + talk),
                rng.NextDouble() < 0.92 ? Direction.Inbound : Direction.Outbound,
                answered ? agents[rng.Next(agents.Length)] : null,
                queues[rng.Next(queues.Length)], reasons[rng.Next(reasons.Length)],
                answered ? arrived + Duration.FromSeconds(wait) : null,
                Duration.FromSeconds(talk), answered ? Duration.FromSeconds(rng.Next(0, 60)) : Duration.Zero, Duration.FromSeconds(rng.Next(0, 120)),
                rng.NextDouble() < 0.6 ? rng.NextDouble() < 0.75 : null, rng.Next(0, 10) == 0 ? 1 : 0, survey));
        }
        return rows;
    }
}
