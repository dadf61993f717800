using ContactMetrics.Attribution;
using ContactMetrics.Cli.Output;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The attribution headline: what service contacts assist, and the planted service lift shown against the
/// simulation's control (the same world with the lift switched off, <see cref="SimulatedContactCenter.ControlConversions"/>).
/// </summary>
internal static partial class DemoHeadlines
{
    static partial void Attribution(CommandOutput output, SimulatedContactCenter center)
    {
        var options = center.Options;
        var marketing = options.Marketing;
        // Journeys as long as the planted service window, so a service contact that can lift a conversion is in its path.
        var journeyOptions = new JourneyOptions { Lookback = marketing.ServiceWindow > NodaTime.Duration.Zero ? marketing.ServiceWindow : NodaTime.Duration.FromDays(30) };
        var lifted = ServiceView.Of(center, center.Conversions, journeyOptions);
        var control = ServiceView.Of(center, center.ControlConversions, journeyOptions);
        var currency = options.Currency;

        var section = output.Add("serviceAttribution", "Assisted value of service contacts (attribution)");
        section.Note = "Assists and Markov credit describe which paths service contacts are in; they are not causal effects. "
            + $"The planted effect (conversion rate x{marketing.ServiceLift:0.##} for {marketing.ServiceWindow.TotalDays:0.#} days after a resolved service contact) "
            + "shows only against the control, the same simulated world with the lift switched off (drawn in the same pass): the journey-level ratio is below the planted lift "
            + "because a journey's service contact may be unresolved or outside the window, and the run-minus-control conversions are the effect itself "
            + "(compare them with the credit the models give service).";
        section.Fact("lookbackSeconds", "Lookback", journeyOptions.Lookback)
            .Fact("conversions", "Conversions", lifted.Conversions)
            .Fact("value", "Conversion value", AttributionCommand.Amount(lifted.Value, currency))
            .Fact("serviceAssistedConversions", "Assisted by service:*", lifted.AssistedConversions)
            .Fact("serviceAssistedValue", "Value assisted by service:*", AttributionCommand.Amount(lifted.AssistedValue, currency))
            .Fact("serviceAssistedShare", "Share of conversions assisted", Share(lifted.AssistedConversions, lifted.Conversions))
            .Fact("serviceAssistedValueShare", "Share of value assisted", Share(lifted.AssistedValue, lifted.Value))
            .Fact("markovServiceConversions", "Markov credit of service:*", lifted.MarkovConversions)
            .Fact("markovServiceValue", "Markov value of service:*", AttributionCommand.Amount(lifted.MarkovValue, currency))
            .Fact("markovServiceShare", "Markov share of service:*", Share(lifted.MarkovConversions, lifted.Conversions))
            .Fact("plantedServiceLift", "Planted service lift", marketing.ServiceLift)
            .Fact("serviceWindowSeconds", "Planted service window", marketing.ServiceWindow)
            .Fact("conversionRateWithService", "Conversion rate, journeys with service", Rate.Of(lifted.RateWithService))
            .Fact("controlConversionRateWithService", "Same, control run (no lift)", Rate.Of(control.RateWithService))
            .Fact("rateRatioWithServiceVsControl", "Ratio, run / control", lifted.RateWithService / control.RateWithService)
            .Fact("conversionRateWithoutService", "Conversion rate, journeys without service", Rate.Of(lifted.RateWithoutService))
            .Fact("controlConversionRateWithoutService", "Same, control run (no lift)", Rate.Of(control.RateWithoutService))
            .Fact("controlConversions", "Conversions, control run", control.Conversions)
            .Fact("incrementalConversions", "Conversions added by the lift (run - control)", lifted.Conversions - control.Conversions)
            .Fact("incrementalValue", "Value added by the lift (run - control)", AttributionCommand.Amount(lifted.Value - control.Value, currency));

        var table = section.SetTable("serviceChannels",
            new OutputColumn("channel", "Service channel"),
            new OutputColumn("assistedConversions", "Assisted", true),
            new OutputColumn("assistedValue", "Assisted value", true),
            new OutputColumn("lastTouchConversions", "Last touch", true),
            new OutputColumn("markovConversions", "Markov", true),
            new OutputColumn("markovValue", "Markov value", true));
        foreach (var row in lifted.Channels)
        {
            table.Row(row.Channel, row.Assists.AssistedConversions, AttributionCommand.Amount(row.Assists.AssistedValue, currency),
                row.Assists.LastTouchConversions, row.MarkovConversions, AttributionCommand.Amount(row.MarkovValue, currency));
        }
    }

    private static Rate? Share(double part, double total) => total > 0 ? new Rate(part / total) : null;

    private sealed record ServiceChannel(string Channel, ChannelAssists Assists, double MarkovConversions, double MarkovValue);

    /// <summary>The service-related figures of one simulated center's journeys.</summary>
    private sealed record ServiceView(
        double Conversions, double Value, double AssistedConversions, double AssistedValue, double MarkovConversions, double MarkovValue,
        double? RateWithService, double? RateWithoutService, IReadOnlyList<ServiceChannel> Channels)
    {
        public static ServiceView Of(SimulatedContactCenter center, IReadOnlyList<Conversion> conversions, JourneyOptions journeyOptions)
        {
            var journeys = JourneyBuilder.Build(center.Touchpoints, conversions, center.Interactions, journeyOptions);
            var paths = JourneyBuilder.Summarize(journeys);
            var isService = paths.Channels.Select(c => c.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal)).ToArray();
            var (assisted, assistedValue) = AssistMetrics.AssistedByGroup(paths, c => c.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal));
            double converted = 0, journeysWith = 0;
            for (int p = 0; p < paths.Count; p++)
            {
                bool any = false;
                foreach (int c in paths.Path(p))
                {
                    any |= isService[c];
                }
                if (any)
                {
                    converted += paths.Conversions[p];
                    journeysWith += paths.Conversions[p] + paths.Nulls[p];
                }
            }
            double journeysWithout = paths.TotalConversions + paths.TotalNulls - journeysWith;
            var markov = new MarkovAttribution().Attribute(paths);
            var report = AssistMetrics.Compute(paths);
            var channels = new List<ServiceChannel>();
            for (int c = 0; c < paths.Channels.Length; c++)
            {
                if (isService[c])
                {
                    channels.Add(new ServiceChannel(paths.Channels[c], report.Channels[c], markov.Conversions[c], markov.Value[c]));
                }
            }
            channels.Sort((a, b) => string.CompareOrdinal(a.Channel, b.Channel));
            return new ServiceView(paths.TotalConversions, paths.TotalValue, assisted, assistedValue,
                channels.Sum(c => c.MarkovConversions), channels.Sum(c => c.MarkovValue),
                journeysWith > 0 ? converted / journeysWith : null,
                journeysWithout > 0 ? (paths.TotalConversions - converted) / journeysWithout : null,
                channels);
        }
    }
}
