using System.Diagnostics.Metrics;

namespace ContactMetrics.Numerics;

/// <summary>
/// The library's counters, published on a <see cref="Meter"/> named <see cref="MeterName"/>: how often the expensive
/// steps ran (interaction tables built, models fitted), so a pipeline can check that one analysis computes each once.
/// Listen with <see cref="MeterListener"/>, OpenTelemetry or <c>dotnet-counters</c>; nothing is recorded while nobody listens.
/// </summary>
public static class ContactMetricsTelemetry
{
    /// <summary>The name of the library's meter: <c>ContactMetrics</c>.</summary>
    public const string MeterName = "ContactMetrics";

    /// <summary>The counter of columnar interaction tables built (one per build, whatever its size).</summary>
    public const string InteractionTableBuilds = "contactmetrics.interaction_table.builds";

    /// <summary>The counter of model fits, tagged <c>model</c> with the model's name (e.g. <c>BG/NBD</c>, <c>Gamma-Gamma</c>).</summary>
    public const string ModelFits = "contactmetrics.model.fits";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> TableBuilds = Meter.CreateCounter<long>(InteractionTableBuilds, "{table}", "Columnar interaction tables built.");
    private static readonly Counter<long> Fits = Meter.CreateCounter<long>(ModelFits, "{fit}", "Model fits started.");

    /// <summary>Counts one interaction table built.</summary>
    internal static void TableBuilt() => TableBuilds.Add(1);

    /// <summary>Counts one fit of <paramref name="model"/>.</summary>
    internal static void ModelFitted(string model) => Fits.Add(1, new KeyValuePair<string, object?>("model", model));
}
