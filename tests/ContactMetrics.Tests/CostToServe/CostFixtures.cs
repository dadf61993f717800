using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.CostToServe;

/// <summary>Builders for hand-computed cost-to-serve cases.</summary>
internal static class CostFixtures
{
    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 9, 0);

    private static int _next;

    public static Money Eur(decimal amount) => new(amount, Currency.Eur);

    /// <summary>
    /// The small model of the hand-computed cases:
    /// phone: 30 EUR per paid hour, shrinkage 0.25, occupancy 0.8, so a handled hour costs 30 / (0.75 x 0.8) = 50 EUR;
    /// telephony 0.01 EUR/min, IVR 0.02 EUR/min, platform 0.10 EUR per contact.
    /// chat: the same agents at concurrency 2, so 25 EUR per handled hour per contact; platform 0.05 EUR.
    /// chatbot: no agent; 0.50 EUR per conversation.
    /// </summary>
    public static CostModel SmallModel(params OverheadPool[] overheads) => new(Currency.Eur,
    [
        new ChannelRates(Channel.Phone, Eur(30m), 0.25, 0.8, telephonyPerMinute: Eur(0.01m), ivrPerMinute: Eur(0.02m), platformPerContact: Eur(0.10m)),
        new ChannelRates(Channel.Chat, Eur(30m), 0.25, 0.8, concurrency: 2, platformPerContact: Eur(0.05m)),
        new ChannelRates(Channel.Chatbot, Eur(0m), 0, 1, botPerContact: Eur(0.50m)),
    ], overheads);

    /// <summary>A contact; answered when <paramref name="talk"/> or <paramref name="acw"/> is positive.</summary>
    public static Interaction Contact(string? customer, Channel channel, double atHours, double wait, double talk = 0, double hold = 0, double acw = 0,
        string? reason = "billing", Direction direction = Direction.Inbound, bool answered = true)
    {
        var arrived = T0 + Duration.FromSeconds(atHours * 3600);
        Instant? answeredAt = answered ? arrived + Duration.FromSeconds(wait) : null;
        var ended = arrived + Duration.FromSeconds(wait + talk + hold);
        return new Interaction(new InteractionId($"K{Interlocked.Increment(ref _next)}"), customer is null ? null : new CustomerId(customer), channel,
            arrived, ended, direction, answered ? new AgentId("A1") : null, "q1", reason, answeredAt,
            Duration.FromSeconds(talk), Duration.FromSeconds(hold), Duration.FromSeconds(acw));
    }

    /// <summary>The same interaction without its customer id.</summary>
    public static Interaction WithoutCustomer(Interaction i) =>
        new(i.Id, null, i.Channel, i.ArrivedAt, i.EndedAt, i.Direction, i.AgentId, i.Queue, i.Reason, i.AnsweredAt, i.Talk, i.Hold, i.AfterCallWork,
            i.Resolved, i.Transfers, i.Survey);

    /// <summary>
    /// The four contacts of the hand-computed case (rows 0-3):
    /// 0: phone, C1, billing, wait 60 s, talk 240 s, hold 60 s, ACW 60 s;
    /// 1: chat, C1, billing, two days later, wait 30 s, talk 600 s, ACW 120 s (a repeat of row 0);
    /// 2: chatbot, no customer id, 2 minutes;
    /// 3: phone, C2, delivery, abandoned after 90 s.
    /// </summary>
    public static Interaction[] FourContacts() =>
    [
        Contact("C1", Channel.Phone, 0, wait: 60, talk: 240, hold: 60, acw: 60),
        Contact("C1", Channel.Chat, 48, wait: 30, talk: 600, acw: 120),
        Contact(null, Channel.Chatbot, 1, wait: 0, talk: 120, reason: null),
        Contact("C2", Channel.Phone, 2, wait: 90, reason: "delivery", answered: false),
    ];

    public static Customer[] TwoCustomers() =>
    [
        new Customer(new CustomerId("C1"), new LocalDate(2024, 1, 1), segment: "retail"),
        new Customer(new CustomerId("C2"), new LocalDate(2024, 1, 1)),
    ];
}
