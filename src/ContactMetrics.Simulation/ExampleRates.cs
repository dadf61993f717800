using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Simulation;

/// <summary>
/// Example cost rates for a simulated contact center, so that a demo can show cost-to-serve in money. They are
/// assumptions of the ContactMetrics demo, not industry benchmarks: a user replaces every number with their own.
/// </summary>
public static class ExampleRates
{
    /// <summary>
    /// The example overhead per agent and year (facilities, IT, team leaders and workforce management): 12,000, about a
    /// third of an agent's loaded cost (34 an hour x about 1,600 paid hours).
    /// </summary>
    public const decimal OverheadPerAgentYear = 12_000m;

    /// <summary>The mean number of agents employed over the simulated period (agent-days employed / days).</summary>
    /// <param name="center">The simulated center.</param>
    /// <returns>The mean head count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    public static double MeanHeadCount(SimulatedContactCenter center)
    {
        ArgumentNullException.ThrowIfNull(center);
        return MeanHeadCount(center.Options, center.AgentTruths);
    }

    private static double MeanHeadCount(SimulationOptions options, IReadOnlyList<AgentTruth> agents)
    {
        var start = options.Start;
        var end = options.EndDate;
        double days = 0;
        foreach (var agent in agents)
        {
            var from = agent.HiredOn > start ? agent.HiredOn : start;
            var to = agent.LeftOn is NodaTime.LocalDate left && left < end ? left : end;
            days += Math.Max(0, NodaTime.Period.DaysBetween(from, to));
        }
        return days / options.DurationDays;
    }

    /// <summary>
    /// The sentence that goes with the example rates wherever they are written (the demo's <c>rates.json</c>), saying
    /// that they are assumptions to replace.
    /// </summary>
    public const string Note =
        "Example rates of the ContactMetrics demo: assumptions, not industry benchmarks. Replace every number with your own " +
        "(loaded cost per paid hour, shrinkage, occupancy, concurrency, per-minute and per-contact fees, overheads for the period of your data).";

    /// <summary>
    /// The example cost model for a simulated center, in its currency: a loaded cost of 34 per paid hour with 30%
    /// shrinkage for the agent channels (occupancy 85% phone, 90% email, 80% chat, messaging and social; concurrency
    /// 2 chat, 2.5 messaging, 1.5 social), telephony and IVR per minute, platform and bot fees per contact, and an
    /// overhead of <see cref="OverheadPerAgentYear"/> per agent employed (the simulation's mean head count over the
    /// period, from <see cref="SimulatedContactCenter.AgentTruths"/>) and year, spread over the agent channels by
    /// handle time: the overhead scales with the center, so the sign of the profit does not depend on its size.
    /// </summary>
    /// <param name="center">The simulated center.</param>
    /// <returns>The cost model, one rate per channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    public static CostModel For(SimulatedContactCenter center)
    {
        ArgumentNullException.ThrowIfNull(center);
        return For(center.Options, center.AgentTruths);
    }

    /// <summary>The example cost model of a streamed center: <see cref="For(SimulatedContactCenter)"/> of the same options.</summary>
    /// <param name="center">The simulated center.</param>
    /// <returns>The cost model, one rate per channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="center"/> is <see langword="null"/>.</exception>
    public static CostModel For(StreamedContactCenter center)
    {
        ArgumentNullException.ThrowIfNull(center);
        return For(center.Options, center.AgentTruths);
    }

    private static CostModel For(SimulationOptions options, IReadOnlyList<AgentTruth> agents)
    {
        var currency = options.Currency;
        Money M(decimal amount) => new(amount, currency);
        decimal agentYears = (decimal)MeanHeadCount(options, agents) * options.DurationDays / 365.25m;
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
            new OverheadPool("facilities, IT, supervision and workforce management", M(decimal.Round(OverheadPerAgentYear * agentYears, 2)), OverheadBasis.HandleTime,
                [Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.Social]),
        ]);
    }
}
