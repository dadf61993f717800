using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>Records for round trips: every optional value both present and missing, non-ASCII text, commas, quotes and line breaks in text.</summary>
internal static class Samples
{
    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 9, 15, 0);

    public static readonly TableReadOptions Collect = new() { Mode = RowErrorMode.Collect };

    public static IReadOnlyList<Interaction> Interactions() =>
    [
        new Interaction(new InteractionId("i-1"), new CustomerId("c-1"), Channel.Phone, T0, T0 + Duration.FromMinutes(5),
            Direction.Inbound, new AgentId("a-7"), "Störungen", "billing, refund \"urgent\"", T0 + Duration.FromSeconds(20),
            Duration.FromMilliseconds(240_500), Duration.FromSeconds(12), Duration.FromMilliseconds(30_250), true, 1,
            SurveyResponse.Create(5, 9, 6, true, "i-1")),
        new Interaction(new InteractionId("i-2"), null, Channel.Chat, T0, T0 + Duration.FromSeconds(30)),
        new Interaction(new InteractionId("i-3"), new CustomerId("c-2"), Channel.Email, T0 + Duration.FromTicks(1_234_560), T0 + Duration.FromHours(26),
            Direction.Outbound, null, null, "退款 – Québec\nsecond line", T0 + Duration.FromHours(1),
            Duration.FromSeconds(600), Duration.Zero, Duration.Zero, false, 0, new SurveyResponse(nps: 0, recordId: "i-3")),
        new Interaction(new InteractionId("i-4"), new CustomerId("c-3"), Channel.SelfService, T0, T0 + Duration.FromMinutes(2),
            survey: new SurveyResponse(ces: 7, recordId: "i-4")),
    ];

    public static IReadOnlyList<Customer> Customers() =>
    [
        new Customer(new CustomerId("c-1"), new LocalDate(2024, 1, 15), new LocalDate(2025, 2, 1), "smb"),
        new Customer(new CustomerId("c-2"), new LocalDate(2023, 12, 31)),
        new Customer(new CustomerId("c-3"), new LocalDate(2024, 2, 29), null, "Privé – Zürich, \"VIP\""),
    ];

    public static IReadOnlyList<Purchase> Purchases() =>
    [
        new Purchase(new CustomerId("c-1"), T0, new Money(12.5m, Currency.Eur)),
        new Purchase(new CustomerId("c-2"), T0 + Duration.FromDays(3), Money.Zero(Currency.Usd)),
        new Purchase(new CustomerId("ç-3"), T0 + Duration.FromMilliseconds(1), new Money(1234567.891m, Currency.Of("JPY"))),
    ];

    public static IReadOnlyList<Touchpoint> Touchpoints() =>
    [
        new Touchpoint(new CustomerId("c-1"), T0, "paid_search"),
        new Touchpoint(new CustomerId("c-2"), T0 - Duration.FromDays(400), "newsletter, weekly"),
        new Touchpoint(new CustomerId("c-3"), T0, "service:phone – Ü"),
    ];

    public static IReadOnlyList<Conversion> Conversions() =>
    [
        new Conversion(new CustomerId("c-1"), T0, new Money(99.99m, Currency.Gbp)),
        new Conversion(new CustomerId("c-2"), T0 + Duration.FromSeconds(1), Money.Zero(Currency.Eur)),
    ];
}
