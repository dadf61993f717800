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

/// <summary>
/// Counts the library's steps while it is alive: a <see cref="MeterListener"/> on <see cref="ContactMetricsTelemetry.MeterName"/>.
/// It counts every thread of the process, so use it around one piece of work at a time (a test, a pipeline step).
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var counts = ContactMetricsCounts.Start();
/// var report = BoardReportBuilder.Build(analysis);
/// Console.WriteLine($"{counts.InteractionTableBuilds} table builds, {counts.FitsOf("BG/NBD")} BG/NBD fits");
/// </code>
/// </example>
public sealed class ContactMetricsCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = [];

    private ContactMetricsCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ContactMetricsTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name + (tags.Length > 0 ? ":" + tags[0].Value : "");
            lock (_counts)
            {
                _counts[key] = _counts.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>Starts counting.</summary>
    /// <returns>The counter; dispose it to stop.</returns>
    public static ContactMetricsCounts Start() => new();

    /// <summary>Every count so far: <see cref="ContactMetricsTelemetry.InteractionTableBuilds"/>, and <see cref="ContactMetricsTelemetry.ModelFits"/> followed by <c>:</c> and the model's name.</summary>
    public IReadOnlyDictionary<string, long> All
    {
        get
        {
            lock (_counts)
            {
                return new Dictionary<string, long>(_counts);
            }
        }
    }

    /// <summary>Interaction tables built so far.</summary>
    public long InteractionTableBuilds => All.GetValueOrDefault(ContactMetricsTelemetry.InteractionTableBuilds);

    /// <summary>Fits of <paramref name="model"/> so far.</summary>
    /// <param name="model">The model's name, e.g. <c>BG/NBD</c>, <c>Gamma-Gamma</c>, <c>Pareto/NBD</c>, <c>MBG/NBD</c>.</param>
    /// <returns>The count.</returns>
    public long FitsOf(string model) => All.GetValueOrDefault(ContactMetricsTelemetry.ModelFits + ":" + model);

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
