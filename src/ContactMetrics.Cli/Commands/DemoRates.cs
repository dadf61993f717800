using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

/// <summary>The demo's example cost rates, written to rates.json beside the simulated tables.</summary>
internal static class DemoRates
{
    /// <summary>
    /// Example rates for the simulated center. They are assumptions for the demo, not benchmarks: the demo says so
    /// and writes them to rates.json, where a user replaces them with their own.
    /// </summary>
    internal static CostModel ExampleCostModel(SimulatedContactCenter center)
    {
        var currency = center.Options.Currency;
        Money M(decimal amount) => new(amount, currency);
        decimal years = center.Options.DurationDays / 365.25m;
        return new CostModel(currency,
        [
            new ChannelRates(Channel.Phone, M(34m), 0.30, 0.85, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m), platformPerContact: M(0.08m)),
            new ChannelRates(Channel.Email, M(34m), 0.30, 0.90, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chat, M(34m), 0.30, 0.80, concurrency: 2.0, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.Messaging, M(34m), 0.30, 0.80, concurrency: 2.5, platformPerContact: M(0.04m)),
            new ChannelRates(Channel.Social, M(34m), 0.30, 0.80, concurrency: 1.5, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.SelfService, M(0m), 0, 1, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chatbot, M(0m), 0, 1, botPerContact: M(0.30m)),
            new ChannelRates(Channel.Ivr, M(0m), 0, 1, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m)),
        ],
        [
            new OverheadPool("facilities, IT and workforce management", M(decimal.Round(45_000m * years, 2)), OverheadBasis.HandleTime,
                [Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.Social]),
        ]);
    }

    internal const string ExampleRatesNote =
        "Example rates of the ContactMetrics demo: assumptions, not industry benchmarks. Replace every number with your own " +
        "(loaded cost per paid hour, shrinkage, occupancy, concurrency, per-minute and per-contact fees, overheads for the period of your data).";
}
