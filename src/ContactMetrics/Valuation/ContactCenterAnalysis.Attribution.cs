using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>Conversions assisted by a group of channels (a service contact before the last touch), each conversion counted once.</summary>
public sealed record AssistedConversions
{
    /// <summary>Made by the analysis only.</summary>
    internal AssistedConversions(double conversions, Money value, double ofConversions, Money ofValue)
    {
        Conversions = conversions;
        Value = value;
        OfConversions = ofConversions;
        OfValue = ofValue;
    }

    /// <summary>Assisted conversions.</summary>
    public double Conversions { get; }

    /// <summary>Their value.</summary>
    public Money Value { get; }

    /// <summary>All conversions of the journeys counted.</summary>
    public double OfConversions { get; }

    /// <summary>Their value.</summary>
    public Money OfValue { get; }

    /// <summary>The share of conversions assisted; null when there are none.</summary>
    public double? Share => OfConversions > 0 ? Conversions / OfConversions : null;
}

/// <summary>
/// The journeys of an analysis (marketing touches and service contacts before each conversion, one lookback) and
/// the credit each channel gets: Markov removal effects, last touch and assists. Immutable.
/// </summary>
public sealed record AttributionAnalysis
{
    /// <summary>Made by the analysis only.</summary>
    internal AttributionAnalysis(
        Duration lookback,
        IReadOnlyList<Journey> journeys,
        PathSummary paths,
        AttributionResult markov,
        AttributionResult lastTouch,
        AssistReport assists,
        AssistedConversions serviceAssisted,
        AssistedConversions serviceAssistedLastYear,
        string definition)
    {
        Lookback = lookback;
        Journeys = journeys;
        Paths = paths;
        Markov = markov;
        LastTouch = lastTouch;
        Assists = assists;
        ServiceAssisted = serviceAssisted;
        ServiceAssistedLastYear = serviceAssistedLastYear;
        Definition = definition;
    }

    /// <summary>How long before a conversion a touch counts.</summary>
    public Duration Lookback { get; }

    /// <summary>The journeys, converted or not; empty for an analysis made of summaries (<see cref="JourneyCount"/> counts them).</summary>
    public IReadOnlyList<Journey> Journeys { get; }

    /// <summary>Their path summary.</summary>
    public PathSummary Paths { get; }

    /// <summary>Markov (order 1) removal-effect credit.</summary>
    public AttributionResult Markov { get; }

    /// <summary>Last-touch credit.</summary>
    public AttributionResult LastTouch { get; }

    /// <summary>Assists per channel (each conversion once per channel).</summary>
    public AssistReport Assists { get; }

    /// <summary>Conversions of the window with a service contact before the last touch.</summary>
    public AssistedConversions ServiceAssisted { get; }

    /// <summary>The same for conversions of the last year (the business case's base).</summary>
    public AssistedConversions ServiceAssistedLastYear { get; }

    /// <summary>What the figures are, in words.</summary>
    public string Definition { get; }

    /// <summary>How many journeys there are, converted or not: the path summary's conversions and paths without one.</summary>
    public int JourneyCount => (int)(Paths.TotalConversions + Paths.TotalNulls);

    /// <summary>Whether a path channel is a service contact (<c>service:&lt;channel&gt;</c>).</summary>
    /// <param name="channel">The path channel.</param>
    /// <returns>Whether it is a service touch.</returns>
    public static bool IsService(string channel) => channel.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal);

    /// <summary>
    /// What attribution money is and is not, to be shown beside every amount of credited or assisted value: the value of the
    /// conversions a channel's paths reached, not value the channel added; only a control group (a holdout) measures that.
    /// The analysis adds the incrementality its business case assumes.
    /// </summary>
    public string IncrementalityCaveat { get; init; } = Caveat;

    /// <summary>The caveat without the business case's assumption.</summary>
    internal const string Caveat =
        "attribution money is the value of the conversions credited or assisted, not value the channel added: paths are not a control group, and only a holdout measures the incremental effect";
}

public sealed partial class ContactCenterAnalysis
{
    private readonly Lazy<AnalysisFigure<AttributionAnalysis>> _attribution;

    /// <summary>Attribution with the service assist, or why it is unavailable (no conversion).</summary>
    public AnalysisFigure<AttributionAnalysis> Attribution => _attribution.Value;

    private const string NoConversionWithTouch = "No conversion has a touch within the lookback, so there is nothing to credit.";

    private AnalysisFigure<AttributionAnalysis> ComputeAttribution() => Try(() =>
    {
        var journeys = JourneyBuilder.Build(Data.Touchpoints, Data.Conversions, Data.Interactions, new JourneyOptions { Lookback = Options.JourneyLookback });
        return AttributionOf(journeys, JourneyBuilder.Summarize(journeys),
            () => JourneyBuilder.Summarize(journeys.Where(j => j.Conversion is { } c && c.OccurredAt >= Window.LastYearStart && c.OccurredAt < Window.End)));
    });

    /// <summary>Attribution of a path summary (<see cref="AnalysisOptions.JourneyLookback"/>, service contacts as touches) and of its journeys converted in the last year.</summary>
    private AnalysisFigure<AttributionAnalysis> AttributionOf(IReadOnlyList<Journey> journeys, PathSummary paths, Func<PathSummary> lastYearPaths) => Try(() =>
    {
        if (paths.TotalConversions <= 0)
        {
            return AnalysisFigure<AttributionAnalysis>.Unavailable(NoConversionWithTouch);
        }
        var markov = new MarkovAttribution().Attribute(paths);
        var last = new LastTouchAttribution().Attribute(paths);
        var assists = AssistMetrics.Compute(paths);
        var lastYear = lastYearPaths();
        string definition = string.Create(CultureInfo.InvariantCulture,
            $"journeys of marketing touches and service contacts (service:<channel>, at the contact's end) up to {Options.JourneyLookback.TotalDays:0} days before each conversion; a conversion is service-assisted when a service touch comes before its last touch (counted once); attribution describes paths, it is not causation");
        var (incPoint, incLow, incHigh) = Options.Programme.AssistIncrementality;
        return AnalysisFigure<AttributionAnalysis>.Of(new AttributionAnalysis(Options.JourneyLookback, journeys, paths, markov, last, assists,
            Assisted(paths), Assisted(lastYear), $"{definition}; Markov: {markov.Model}")
        {
            IncrementalityCaveat = string.Create(CultureInfo.InvariantCulture,
                $"{AttributionAnalysis.Caveat}; the business case counts {incPoint * 100:0}% of the assisted value as incremental ({incLow * 100:0}-{incHigh * 100:0}%, assumed)"),
        });
    });

    private AssistedConversions Assisted(PathSummary paths)
    {
        if (paths.TotalConversions <= 0)
        {
            // A summary without a conversion has no currency (XXX); its zero is the data's.
            return new AssistedConversions(0, Money.Zero(Data.Currency), 0, Money.Zero(Data.Currency));
        }
        var (conversions, value) = AssistMetrics.AssistedByGroup(paths, AttributionAnalysis.IsService);
        return new AssistedConversions(conversions, value, paths.TotalConversions, paths.TotalValue);
    }
}
