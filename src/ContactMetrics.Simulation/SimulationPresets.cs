using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>The businesses the demo can simulate (see <see cref="SimulationPresets"/>).</summary>
public enum SimulationPreset
{
    /// <summary>A mobile and broadband operator: monthly subscriptions, contractual churn, upsells.</summary>
    Telecom = 0,

    /// <summary>A personal-lines insurer: annual premiums, contractual churn at renewal, add-on policies.</summary>
    Insurer = 1,

    /// <summary>A retailer: purchase-driven revenue (BG/NBD purchases, Gamma-Gamma order values), no subscription.</summary>
    Retail = 2,
}

/// <summary>
/// Options for a realistic company of each <see cref="SimulationPreset"/>, parameters from public industry benchmarks
/// (docs/simulation.md cites them). Set the seed and size with <c>with</c>, e.g.
/// <c>SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 42 }</c>.
/// </summary>
public static class SimulationPresets
{
    /// <summary>The options of a preset at the default size (100,000 customers over two years).</summary>
    /// <param name="preset">The business.</param>
    /// <returns>The options; everything not named in docs/simulation.md keeps the <see cref="SimulationOptions"/> default.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not defined.</exception>
    public static SimulationOptions For(SimulationPreset preset) => preset switch
    {
        // Blended European mobile ARPU EUR 24-25 a month, annualised churn 26% with prepaid, lower on contract
        // (Tariff Consultancy, MNO Trends in Europe 2010); business plans cost more.
        SimulationPreset.Telecom => new SimulationOptions
        {
            Segments =
            [
                new SegmentOptions("consumer", 0.80, contactsPerYear: 3.2, annualChurnHazard: 0.20) { TopBoxHazardRatio = 0.6 },
                new SegmentOptions("smb", 0.17, contactsPerYear: 6.5, annualChurnHazard: 0.15) { ValueFactor = 2.5, TopBoxHazardRatio = 0.75 },
                new SegmentOptions("enterprise", 0.03, contactsPerYear: 15.0, annualChurnHazard: 0.08) { ValueFactor = 8.0, TopBoxHazardRatio = 0.9 },
            ],
            Subscription = new SubscriptionOptions { MonthlyFeeMean = 28, FeeShape = 4 },
            // Upsells (devices, add-ons): about one a year while active, EUR 60 on average.
            Purchases = new PurchaseOptions { R = 0.243, Alpha = 13.2, A = 0.793, B = 2.426 },
            Spend = SpendWithMean(60),
            Surveys = PlantedSurveys,
            Contacts = new ContactOptions { Channels = WithSelfService(ivrFailure: 0.35, chatbotFailure: 0.40) },
            Outbound = new OutboundOptions(),
        },
        // Personal-lines retention of 84-88% a year (hazard about 0.15); an annual premium of about EUR 720.
        SimulationPreset.Insurer => new SimulationOptions
        {
            Segments =
            [
                new SegmentOptions("consumer", 0.85, contactsPerYear: 1.6, annualChurnHazard: 0.15) { TopBoxHazardRatio = 0.65 },
                new SegmentOptions("smb", 0.13, contactsPerYear: 3.0, annualChurnHazard: 0.12) { ValueFactor = 3.0, TopBoxHazardRatio = 0.8 },
                new SegmentOptions("enterprise", 0.02, contactsPerYear: 8.0, annualChurnHazard: 0.08) { ValueFactor = 10.0, TopBoxHazardRatio = 0.9 },
            ],
            Subscription = new SubscriptionOptions { MonthlyFeeMean = 60, FeeShape = 5, BillingPlans = [new BillingPlan(1, 0.4), new BillingPlan(12, 0.6)] },
            // Add-on policies: about one every two years, EUR 150 on average.
            Purchases = new PurchaseOptions { R = 0.243, Alpha = 25.0, A = 0.793, B = 2.426 },
            Spend = SpendWithMean(150),
            Surveys = PlantedSurveys,
            Contacts = new ContactOptions { Channels = WithSelfService(ivrFailure: 0.45, chatbotFailure: 0.50) },
            Outbound = new OutboundOptions(),
        },
        // Purchase-driven: the CDNOW purchase process (Fader, Hardie and Lee 2005) with an e-commerce order value of
        // about EUR 75; fewer service contacts per customer than a contractual business.
        SimulationPreset.Retail => new SimulationOptions
        {
            Segments =
            [
                new SegmentOptions("consumer", 0.80, contactsPerYear: 1.5, annualChurnHazard: 0.20) { TopBoxHazardRatio = 0.7 },
                new SegmentOptions("smb", 0.17, contactsPerYear: 3.0, annualChurnHazard: 0.15) { TopBoxHazardRatio = 0.8 },
                new SegmentOptions("enterprise", 0.03, contactsPerYear: 8.0, annualChurnHazard: 0.08) { TopBoxHazardRatio = 0.9 },
            ],
            Spend = SpendWithMean(75),
            Surveys = PlantedSurveys,
            Contacts = new ContactOptions { Channels = WithSelfService(ivrFailure: 0.25, chatbotFailure: 0.30) },
            Outbound = new OutboundOptions(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Not a defined preset."),
    };

    /// <summary>
    /// The survey relations every preset plants (issue #13 item 4): high effort brings repeat contacts (20 % of resolved
    /// contacts with CES 1-3 come back on the same reason), and the "did you recommend us?" flag at the MarketResponse
    /// study's 36 % for a 10 and 14 % for a 7 (the <see cref="SurveyOptions"/> defaults). The CSAT -> churn relation is
    /// each segment's <see cref="SegmentOptions.TopBoxHazardRatio"/> above: illustrative ratios, stronger for consumers than
    /// for business customers bound by contracts.
    /// </summary>
    private static SurveyOptions PlantedSurveys { get; } = new() { HighEffortRepeatProbability = 0.2 };

    /// <summary>
    /// The default channels with the self-service share split into an IVR in front of the phone (0.08 of first contacts)
    /// and a chatbot in front of the chat (0.05), each with its planted containment failure: a failed session goes on to
    /// the phone or the chat on the same reason (<see cref="ChannelOptions.ContainmentFailure"/>). Illustrative rates
    /// within the published range of true containment (65-80% for account enquiries, lower for complex intents; see
    /// docs/simulation.md): a retailer's order-status questions are contained more often than an insurer's.
    /// </summary>
    private static ChannelOptions[] WithSelfService(double ivrFailure, double chatbotFailure)
    {
        var selfService = ContactOptions.DefaultChannels.Single(c => c.Channel == Channel.SelfService);
        return
        [
            .. ContactOptions.DefaultChannels.Where(c => c.Channel != Channel.SelfService),
            selfService with { Channel = Channel.Ivr, Share = 0.08, TalkMedian = Duration.FromSeconds(90), ContainmentFailure = ivrFailure, EscalatesTo = Channel.Phone },
            selfService with { Channel = Channel.Chatbot, Share = 0.05, ContainmentFailure = chatbotFailure, EscalatesTo = Channel.Chat },
        ];
    }

    /// <summary>The CDNOW Gamma-Gamma shape (p 6.25, q 3.74) with gamma scaled so the mean amount p gamma / (q - 1) is <paramref name="mean"/>.</summary>
    private static SpendOptions SpendWithMean(double mean)
    {
        var cdnow = new SpendOptions();
        return new SpendOptions { P = cdnow.P, Q = cdnow.Q, Gamma = mean * (cdnow.Q - 1) / cdnow.P };
    }
}
