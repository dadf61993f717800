using System.Globalization;

namespace ContactMetrics.Valuation;

/// <summary>Whether an input was measured from data, modelled, or assumed by the user.</summary>
public enum InputOrigin
{
    /// <summary>Counted from data (a KPI, a retention comparison, a count of customers ...).</summary>
    Measured,

    /// <summary>Assumed by the user, with the reason stated.</summary>
    Assumed,

    /// <summary>A model's output (Erlang staffing, a CLV model), or a measured figure multiplied by an assumed one (handle time x assumed rates, value x assumed margin).</summary>
    Modelled,
}

/// <summary>
/// Where an input of a business case came from: measured from data (what, how, on how many records) or
/// assumed by the user (why). A reader of the business case traces every number to one of these.
/// </summary>
public sealed record InputSource
{
    private InputSource(InputOrigin origin, string description, string? method, long? sampleSize)
    {
        Origin = origin;
        Description = description;
        Method = method;
        SampleSize = sampleSize;
    }

    /// <summary>Measured, modelled or assumed.</summary>
    public InputOrigin Origin { get; private init; }

    /// <summary>For a measured input, what was measured; for an assumption, why it is reasonable.</summary>
    public string Description { get; }

    /// <summary>How a measured input was computed (e.g. <c>KPI rollup, Wilson interval</c>); <see langword="null"/> for an assumption.</summary>
    public string? Method { get; }

    /// <summary>The number of records a measured input rests on, where that is meaningful.</summary>
    public long? SampleSize { get; }

    /// <summary>A measured input.</summary>
    /// <param name="what">What was measured, e.g. <c>FCR of phone contacts, 2025</c>; not blank.</param>
    /// <param name="method">How, e.g. <c>KPI rollup, 7-day repeat window, Wilson 95% interval</c>; not blank.</param>
    /// <param name="sampleSize">The number of records it rests on; at least 0 when given.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException"><paramref name="what"/> or <paramref name="method"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleSize"/> is negative.</exception>
    public static InputSource Measured(string what, string method, long? sampleSize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (sampleSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, $"A sample size must be at least 0; was {sampleSize}.");
        }
        return new InputSource(InputOrigin.Measured, what, method, sampleSize);
    }

    /// <summary>A modelled input: a model's output, or a measured figure combined with an assumed one.</summary>
    /// <param name="what">What was modelled, naming the assumed part, e.g. <c>cost per contact: measured handle times x assumed rates</c>; not blank.</param>
    /// <param name="method">The model, e.g. <c>activity-based cost-to-serve</c>; not blank.</param>
    /// <param name="sampleSize">The number of records it rests on; at least 0 when given.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException"><paramref name="what"/> or <paramref name="method"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleSize"/> is negative.</exception>
    public static InputSource Modelled(string what, string method, long? sampleSize = null) =>
        Measured(what, method, sampleSize) with { Origin = InputOrigin.Modelled };

    /// <summary>An assumption of the user.</summary>
    /// <param name="why">Why the value and its range are reasonable, e.g. <c>vendor quote, +-20%</c>; not blank.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException"><paramref name="why"/> is blank.</exception>
    public static InputSource Assumed(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return new InputSource(InputOrigin.Assumed, why, null, null);
    }

    /// <summary>Describes the source, e.g. <c>measured: FCR of phone contacts (KPI rollup, Wilson 95%; n = 41,200)</c>, <c>modelled: ...</c> or <c>assumed: vendor quote</c>.</summary>
    /// <returns>The description, culture-invariant.</returns>
    public override string ToString()
    {
        if (Origin == InputOrigin.Assumed)
        {
            return $"assumed: {Description}";
        }
        string kind = Origin == InputOrigin.Modelled ? "modelled" : "measured";
        return SampleSize is long n
            ? string.Create(CultureInfo.InvariantCulture, $"{kind}: {Description} ({Method}; n = {n:N0})")
            : $"{kind}: {Description} ({Method})";
    }
}
