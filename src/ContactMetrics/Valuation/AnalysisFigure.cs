using System.Diagnostics.CodeAnalysis;

namespace ContactMetrics.Valuation;

/// <summary>
/// A figure of a <see cref="ContactCenterAnalysis"/> that the data may not support: either its value, or the reason
/// it is unavailable (too few customers, no rates, a model that did not converge). "Not enough data" is a result, never
/// an exception whose text a caller has to parse. Immutable.
/// </summary>
/// <typeparam name="T">The figure's type.</typeparam>
public sealed class AnalysisFigure<T>
    where T : class
{
    private readonly T? _value;

    private AnalysisFigure(T? value, string? reason)
    {
        _value = value;
        Reason = reason;
    }

    /// <summary>An available figure.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static AnalysisFigure<T> Of(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A figure the data cannot support.</summary>
    /// <param name="reason">Why, in one sentence a board report can print.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    public static AnalysisFigure<T> Unavailable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }

    /// <summary>Whether the figure could be computed.</summary>
    [MemberNotNullWhen(true, nameof(ValueOrNull))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsAvailable => _value is not null;

    /// <summary>Why the figure is unavailable; <see langword="null"/> when it is available.</summary>
    public string? Reason { get; }

    /// <summary>The value, or <see langword="null"/> when unavailable.</summary>
    public T? ValueOrNull => _value;

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">The figure is unavailable; the message is <see cref="Reason"/>.</exception>
    public T Value => _value ?? throw new InvalidOperationException(Reason);

    /// <summary>The value, when available.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>Whether the figure is available.</returns>
    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = _value;
        return value is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => IsAvailable ? _value!.ToString() ?? "" : "unavailable: " + Reason;
}
