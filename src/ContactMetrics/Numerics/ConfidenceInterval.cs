namespace ContactMetrics.Numerics;

/// <summary>
/// A two-sided confidence interval for an estimate, with the level and the method that produced it.
/// </summary>
/// <remarks>The <see langword="default"/> value is the empty interval [0, 0] at level 0 with no method.</remarks>
public readonly record struct ConfidenceInterval
{
    /// <summary>Creates an interval.</summary>
    /// <param name="lower">The lower bound.</param>
    /// <param name="upper">The upper bound; not below <paramref name="lower"/>.</param>
    /// <param name="level">The confidence level, in (0, 1), e.g. 0.95.</param>
    /// <param name="method">How the interval was computed, e.g. <c>wilson</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, the bounds are reversed, or the level is outside (0, 1).</exception>
    public ConfidenceInterval(double lower, double upper, double level, string method)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || upper < lower)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"An interval needs lower <= upper, neither NaN; was [{lower}, {upper}].");
        }
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"A confidence level must be in (0, 1); was {level}.");
        }
        Lower = lower;
        Upper = upper;
        Level = level;
        Method = method ?? throw new ArgumentNullException(nameof(method));
    }

    /// <summary>The lower bound.</summary>
    public double Lower { get; }

    /// <summary>The upper bound.</summary>
    public double Upper { get; }

    /// <summary>The confidence level, e.g. 0.95.</summary>
    public double Level { get; }

    /// <summary>How the interval was computed, e.g. <c>wilson</c>.</summary>
    public string Method { get => field ?? string.Empty; }

    /// <summary>Whether <paramref name="value"/> lies within the interval (bounds included).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether the interval contains it.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{Lower:G6}, {Upper:G6}] ({Level:P0} {Method})");
}
