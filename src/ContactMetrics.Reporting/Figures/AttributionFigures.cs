using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// The figures of an attribution run as <c>contactmetrics attribution</c> prints them: credits per channel, assisted
/// conversions and, for the Markov model, the removal effects.
/// </summary>
public static class AttributionFigures
{
    /// <summary>How assists are counted, by name (case-insensitive): once (per conversion, as Google Analytics), per-occurrence.</summary>
    public static IReadOnlyDictionary<string, AssistCounting> AssistCountingNames { get; } = new Dictionary<string, AssistCounting>(StringComparer.OrdinalIgnoreCase)
    {
        ["once"] = AssistCounting.OncePerConversion,
        ["per-occurrence"] = AssistCounting.PerOccurrence,
    };

    /// <summary>The attribution models by name (the <c>--model</c> option): first, last, last-non-service, linear, position, time-decay, markov, shapley.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["first", "last", "last-non-service", "linear", "position", "time-decay", "markov", "shapley"];

    /// <summary>A model's name, lower case, checked against <see cref="ModelNames"/>.</summary>
    /// <param name="text">The name as given.</param>
    /// <returns>The name in lower case.</returns>
    /// <exception cref="OptionValueException">Not a model's name.</exception>
    public static string ParseModel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.ToLowerInvariant();
        return ModelNames.Contains(name) ? name : throw new OptionValueException($"--model: unknown model '{text}'; use {string.Join(", ", ModelNames)}.");
    }

    /// <summary>
    /// Checks a model's settings before any data is read: the model is one of <see cref="ModelNames"/>, each setting given
    /// applies to it (the order, <see cref="AttributionModelOptions.DirectInChain"/> and
    /// <see cref="AttributionModelOptions.ValueWeighted"/> to markov, the half-life to time-decay, the shares to position),
    /// and the order is 1 to <see cref="MarkovAttribution.MaxOrder"/>. The messages name the <c>attribution</c> command's options.
    /// </summary>
    /// <param name="model">The model's name (case-insensitive).</param>
    /// <param name="options">The settings.</param>
    /// <returns>The model's name in lower case.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OptionValueException">An unknown model, a setting of another model, an order out of range, a half-life not above 0,
    /// or position shares that <see cref="ParsePosition"/> would refuse.</exception>
    public static string CheckModelOptions(string model, AttributionModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string name = ParseModel(model);
        RequireModel(options.Order is not null, "--order", "markov", name);
        RequireModel(options.DirectInChain, "--direct-in-chain", "markov", name);
        RequireModel(options.ValueWeighted, "--value-weighted", "markov", name);
        RequireModel(options.HalfLife is not null, "--half-life", "time-decay", name);
        RequireModel(options.Position is not null, "--position", "position", name);
        if (options.HalfLife is { } halfLife && halfLife <= Duration.Zero)
        {
            throw new OptionValueException($"--half-life must be above 0; was {halfLife}.");
        }
        if (options.Position is var (firstShare, lastShare) && !ValidShares(firstShare, lastShare))
        {
            throw new OptionValueException($"--position: use two shares FIRST,LAST, each at least 0, together more than 0 and at most 1 (e.g. 0.4,0.4); was {firstShare},{lastShare}.");
        }
        return options.Order is int order && (order < 1 || order > MarkovAttribution.MaxOrder)
            ? throw new OptionValueException($"--order must be 1 to {MarkovAttribution.MaxOrder}; was {order}.")
            : name;
    }

    private static void RequireModel(bool given, string option, string needed, string model)
    {
        if (given && model != needed)
        {
            throw new OptionValueException($"{option} applies to --model {needed} only; the model is {model}.");
        }
    }

    /// <summary>
    /// Attributes the paths by the model named <paramref name="model"/> with its settings, as <c>contactmetrics attribution</c>
    /// does: time decay on the journeys (it needs each touch's time), every other model on the path summary; Shapley exact
    /// up to <see cref="ShapleyAttribution.MaxExactChannels"/> channels, per conversion beyond; Markov by <see cref="FitMarkov"/>.
    /// </summary>
    /// <param name="model">The model's name (case-insensitive), one of <see cref="ModelNames"/>.</param>
    /// <param name="options">Its settings, checked by <see cref="CheckModelOptions"/>.</param>
    /// <param name="paths">The path summary of the journeys.</param>
    /// <param name="journeys">The journeys themselves; needed by time-decay only, otherwise may be <see langword="null"/>.</param>
    /// <returns>The attribution and, for Markov, the fit (its removal effects); pass both to <see cref="Of"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null; or the model is time-decay and <paramref name="journeys"/> is null.</exception>
    /// <exception cref="OptionValueException">As <see cref="CheckModelOptions"/>; or a Markov chain over the state limit.</exception>
    public static (AttributionResult Result, MarkovAttributionResult? Markov) Attribute(string model, AttributionModelOptions options, PathSummary paths, IReadOnlyList<Journey>? journeys)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string name = CheckModelOptions(model, options);
        var (first, last) = options.Position ?? ParsePosition(null);
        switch (name)
        {
            case "markov":
                var untouched = options.DirectInChain ? UntouchedConversions.InChain : UntouchedConversions.CreditDirect;
                var markov = FitMarkov(new MarkovAttribution(options.Order ?? 1, untouched, options.ValueWeighted, options.DirectChannel), paths);
                return (markov.Attribution, markov);
            case "time-decay":
                ArgumentNullException.ThrowIfNull(journeys);
                return (new TimeDecayAttribution(options.HalfLife ?? Duration.FromDays(7)).Attribute(journeys), null);
            default:
                return (name switch
                {
                    "first" => new FirstTouchAttribution().Attribute(paths),
                    "last" => new LastTouchAttribution().Attribute(paths),
                    "last-non-service" => new LastNonServiceTouchAttribution().Attribute(paths),
                    "linear" => new LinearAttribution().Attribute(paths),
                    "position" => new PositionBasedAttribution(first, last).Attribute(paths),
                    _ => new ShapleyAttribution(paths.Channels.Length <= ShapleyAttribution.MaxExactChannels ? ShapleyForm.Exact : ShapleyForm.PerConversion).Attribute(paths),
                }, null);
        }
    }

    /// <summary>Refuses time decay where only a path summary is read (<paramref name="source"/>): it needs each touch's time; the message names the fix.</summary>
    internal static void RefuseTimeDecayOnPaths(string model, string source, string fix)
    {
        if (model == "time-decay")
        {
            throw new OptionValueException($"--model time-decay needs each touch's time, which {source} does not hold: {fix}.");
        }
    }

    /// <summary>The one currency of the conversions of <paramref name="path"/>: none, or several, is a <see cref="ReportDataException"/> naming the file and the fix (the models would reject them too).</summary>
    internal static Currency SingleCurrency(string path, IReadOnlyList<Conversion> conversions)
    {
        var currencies = conversions.Select(c => c.Value.Currency).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return currencies.Count switch
        {
            0 => throw new ReportDataException($"{path}: no conversions; there is nothing to attribute."),
            1 => currencies[0],
            _ => throw new ReportDataException(
                $"{path}: conversions in {currencies.Count} currencies ({string.Join(", ", currencies.Select(c => c.Code))}); attribution adds conversion values, so give it one currency (filter or convert the file first)."),
        };
    }

    /// <summary>Fits a Markov model; a chain over the state limit is the user's order, named as such.</summary>
    /// <param name="model">The model.</param>
    /// <param name="paths">The paths.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OptionValueException">The chain would have more than <see cref="MarkovAttribution.MaxStates"/> states.</exception>
    public static MarkovAttributionResult FitMarkov(MarkovAttribution model, PathSummary paths)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(paths);
        try
        {
            return model.Fit(paths);
        }
        catch (ArgumentException e) when (e.ParamName == "paths")
        {
            throw new OptionValueException($"--order {model.Order}: the Markov chain over these paths would have more than {MarkovAttribution.MaxStates:N0} states (the limit); use a lower order.");
        }
    }

    /// <summary>The first and last touch's shares of position-based attribution written <c>FIRST,LAST</c> (the <c>--position</c> option); 0.4,0.4 when null.</summary>
    /// <param name="text">The shares, e.g. <c>0.3,0.5</c>.</param>
    /// <returns>The shares: each at least 0, together more than 0 and at most 1.</returns>
    /// <exception cref="OptionValueException">The text is not two such shares.</exception>
    public static (double First, double Last) ParsePosition(string? text)
    {
        if (text is null)
        {
            return (0.4, 0.4);
        }
        var parts = OptionParsing.ParseList(text);
        if (parts.Count == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double first)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double last)
            && ValidShares(first, last))
        {
            return (first, last);
        }
        throw new OptionValueException($"--position: use two shares FIRST,LAST, each at least 0, together more than 0 and at most 1 (e.g. 0.4,0.4); was '{text}'.");
    }

    private static bool ValidShares(double first, double last) => first >= 0 && last >= 0 && first + last <= 1 && first + last > 0;

    /// <summary>The amount rounded to cents (half to even), as the output shows money.</summary>
    private static Money Cents(Money value) => new(Math.Round(value.Amount, 2, MidpointRounding.ToEven), value.Currency);

    /// <summary>The credits of <paramref name="result"/> per channel, the assists and, for a Markov model, the removal effects.</summary>
    /// <param name="journeys">The journeys attributed.</param>
    /// <param name="paths">Their path summary.</param>
    /// <param name="result">The attribution.</param>
    /// <param name="markov">The Markov fit, when the model is Markov; otherwise <see langword="null"/>.</param>
    /// <param name="assists">The assist table.</param>
    /// <param name="options">How the journeys were cut, when known (<see langword="null"/> for a path summary read from a file).</param>
    /// <returns>The sections <c>attribution</c>, <c>assists</c> and, for Markov, <c>markov</c>; money rounded to cents (half to even).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/>, <paramref name="result"/> or <paramref name="assists"/> is null.</exception>
    public static FigureSheet Of(int journeys, PathSummary paths, AttributionResult result, MarkovAttributionResult? markov,
        AssistReport assists, JourneyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assists);
        var output = new FigureSheet();
        var credits = output.Add("attribution", "Attribution");
        credits.Note = "Credits allocate conversions by the model's rule; they describe paths, not what a channel caused (docs/models/attribution.md).";
        credits.Fact("model", "Model", result.Model)
            .Fact("lookbackSeconds", "Lookback", options?.Lookback)
            .Fact("collapseRepeats", "Collapse repeats", options?.CollapseRepeats)
            .Fact("journeys", "Journeys", journeys)
            .Fact("uniquePaths", "Unique paths", paths.Count)
            .Fact("conversions", "Conversions", paths.TotalConversions)
            .Fact("value", "Value", Cents(paths.TotalValue))
            .Fact("nonConvertingJourneys", "Non-converting journeys", paths.TotalNulls);
        var table = credits.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("conversions", "Conversions", true),
            new FigureColumn("conversionShare", "Share", true),
            new FigureColumn("value", "Value", true),
            new FigureColumn("valueShare", "Value share", true, true));
        double totalConversions = result.TotalConversions;
        decimal totalValue = result.TotalValue.Amount;
        foreach (int c in Enumerable.Range(0, result.Channels.Length)
            .OrderByDescending(c => result.Conversions[c]).ThenBy(c => result.Channels[c], StringComparer.Ordinal))
        {
            table.Row(result.Channels[c], result.Conversions[c],
                totalConversions > 0 ? new Fraction(result.Conversions[c] / totalConversions) : null,
                Cents(result.Value[c]),
                totalValue > 0 ? new Fraction((double)(result.Value[c].Amount / totalValue)) : null);
        }

        var assist = output.Add("assists", "Assisted conversions");
        assist.Note = "A channel assists a conversion when it is in the conversion's path other than as the last touch; the last touch gets the last-touch conversion, so a channel can be in both columns. Assists are co-occurrence, not cause.";
        assist.Fact("counting", "Counting", AssistCountingNames.First(n => n.Value == assists.Counting).Key)
            .Fact("rule", "Rule", assists.Rule);
        var at = assist.SetTable("channels",
            new FigureColumn("channel", "Channel"),
            new FigureColumn("assistedConversions", "Assisted", true),
            new FigureColumn("assistedValue", "Assisted value", true),
            new FigureColumn("lastTouchConversions", "Last touch", true),
            new FigureColumn("lastTouchValue", "Last-touch value", true),
            new FigureColumn("assistRatio", "Assist ratio", true));
        foreach (var row in assists.Channels.OrderByDescending(r => r.AssistedConversions).ThenBy(r => r.Channel, StringComparer.Ordinal))
        {
            at.Row(row.Channel, row.AssistedConversions, Cents(row.AssistedValue), row.LastTouchConversions,
                Cents(row.LastTouchValue), row.AssistRatio);
        }

        if (markov is not null)
        {
            var m = output.Add("markov", "Markov chain");
            m.Note = "Removal effect: 1 - P(conversion with the channel removed) / P(conversion); credits are the removal effects normalised to the total.";
            m.Fact("order", "Order", markov.Order)
                .Fact("states", "States", markov.StateCount)
                .Fact("conversionProbability", "P(conversion)", new Fraction(markov.ConversionProbability));
            var mt = m.SetTable("removalEffects",
                new FigureColumn("channel", "Channel"),
                new FigureColumn("removalEffect", "Removal effect", true));
            var channels = markov.Attribution.Channels;
            foreach (int c in Enumerable.Range(0, channels.Length).OrderByDescending(c => markov.RemovalEffects[c]).ThenBy(c => channels[c], StringComparer.Ordinal))
            {
                mt.Row(channels[c], new Fraction(markov.RemovalEffects[c]));
            }
        }
        return output;
    }
}
